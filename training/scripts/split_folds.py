"""Split a NorNE train DocBin into two halves by document order, for cross-fitting (``make crossfit``).

The first half of the docs goes to ``fold-a``, the rest to ``fold-b``. Each doc is ten sentences of one source
document, so the halves share at most one source document at the seam.

Usage: python training/scripts/split_folds.py training/corpus/nob-train.spacy training/corpus
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path)
    parser.add_argument("corpus", type=Path, help="writes CORPUS/fold-a/NAME and CORPUS/fold-b/NAME")
    args = parser.parse_args()
    docs = list(DocBin().from_disk(args.input).get_docs(spacy.blank("nb").vocab))
    half = len(docs) // 2
    for fold, part in (("a", docs[:half]), ("b", docs[half:])):
        out = args.corpus / f"fold-{fold}" / args.input.name
        out.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=part, store_user_data=True).to_disk(out)
        print(f"{out}: {len(part)} docs")


if __name__ == "__main__":
    main()
