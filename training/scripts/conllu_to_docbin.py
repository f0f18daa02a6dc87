"""Convert NorNE/NDT CoNLL-U files into spaCy DocBin corpora.

spaCy's own converter expects UD values; NDT has its own POS and feature
inventory, so we convert here: gold tokens as given, ``tag_`` = NDT POS,
``pos_`` = a UPOS mapping of it, ``morph`` = NDT features mapped to Feat=Val,
NDT dependency labels, lemmas, sentence boundaries and NorNE entities.

Usage: python training/scripts/conllu_to_docbin.py IN.conllu [IN2.conllu ...] OUT.spacy [--n-sents 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kilde.nlp.conllu import read_conllu, sentences_to_docs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="input .conllu files, then the output .spacy")
    parser.add_argument("--n-sents", type=int, default=10, help="sentences per training Doc")
    args = parser.parse_args()
    *inputs, output = args.paths
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("nb").vocab
    db = DocBin(store_user_data=False)
    n_docs = n_sents = 0
    for path in inputs:
        sents = list(read_conllu(path))
        n_sents += len(sents)
        for doc in sentences_to_docs(vocab, sents, n_sents=args.n_sents):
            db.add(doc)
            n_docs += 1
    output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(output)
    print(f"{output}: {n_docs} docs, {n_sents} sentences from {', '.join(map(str, inputs))}")


if __name__ == "__main__":
    main()
