"""NorNE docs for the stacked NER: gold entities, *predicted* tags, morphology, UPOS and lemmas.

The stacked NER (training/configs/ner-stack.cfg) reads the tagger's, morphologizer's and lemmatizer's output
as hashed features. At run time those come from the variety's pipeline (``kilde.nlp.load("nb"|"nn")``), so the
training and dev docs carry that pipeline's predictions, not the gold annotation: each doc is built as
``conllu_to_docbin.py`` builds it (ten sentences of one document, gold tokens and entities), the pipeline's
components up to the NER (tok2vec, tagger, morphologizer, kilde_propn, trainable_lemmatizer; not the parser,
which sets no token attribute the NER reads) run on a Doc of the same words, and their TAG, POS, MORPH and LEMMA
replace the gold ones. The reader ``kilde.StackedCorpus.v1`` (training/scripts/ner_augment.py) copies them
into the predicted doc spaCy trains and evaluates on.

The variety models were trained on the train split, so their predictions there are close to gold; on dev
they are what run time sees.

Usage: python training/scripts/stack_annotate.py IN.conllu OUT.spacy --lang nb|nn [--n-sents 10]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from spacy.attrs import LEMMA, MORPH, POS, TAG  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from kilde.nlp.conllu import read_conllu, sentences_to_docs  # noqa: E402

STACKED_ATTRS = [TAG, POS, MORPH, LEMMA]
# Components that run before the NER at run time and set what it reads; the parser only adds heads/sentences.
SKIP = ("ner", "parser", "kilde_newline_sents", "kilde_root_label")


def annotate(
    nlp: Language, gold_docs: Iterable[Doc], batch_size: int = 64, stats: dict[str, int] | None = None
) -> Iterator[Doc]:
    """Each gold doc with its TAG/POS/MORPH/LEMMA replaced by ``nlp``'s predictions on the same words.

    ``stats`` (if given) counts tokens and how many predicted tags and lemmas equal the gold ones.
    """
    gold = list(gold_docs)
    words_only = (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold)
    names = [name for name in nlp.pipe_names if name not in SKIP]
    with nlp.select_pipes(enable=names):
        for doc, predicted in zip(gold, nlp.pipe(words_only, batch_size=batch_size), strict=True):
            columns = predicted.to_array(STACKED_ATTRS)
            if stats is not None:
                was = doc.to_array(STACKED_ATTRS)
                stats["tokens"] = stats.get("tokens", 0) + len(doc)
                stats["tag"] = stats.get("tag", 0) + int((was[:, 0] == columns[:, 0]).sum())
                stats["lemma"] = stats.get("lemma", 0) + int((was[:, 3] == columns[:, 3]).sum())
            doc.from_array(STACKED_ATTRS, columns)
            yield doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", required=True, choices=["nb", "nn"])
    parser.add_argument("--n-sents", type=int, default=10, help="sentences per training Doc")
    args = parser.parse_args()
    from spacy.tokens import DocBin

    from kilde.nlp.load import load

    nlp = load(args.lang)
    db = DocBin(store_user_data=False)
    gold = sentences_to_docs(nlp.vocab, read_conllu(args.input), n_sents=args.n_sents)
    stats: dict[str, int] = {}
    n_docs = 0
    for doc in annotate(nlp, gold, stats=stats):
        db.add(doc)
        n_docs += 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.output)
    n = max(stats.get("tokens", 0), 1)
    print(
        f"{args.output}: {n_docs} docs, {n} tokens from {args.input}; predicted tags equal gold "
        f"{stats.get('tag', 0) / n:.3f}, lemmas {stats.get('lemma', 0) / n:.3f}"
    )


if __name__ == "__main__":
    main()
