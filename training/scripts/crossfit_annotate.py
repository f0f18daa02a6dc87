"""NorNE train docs whose tags, lemmas and trees are predicted by a model that did not train on them.

The entity typer reads the parser's tree at run time, where about one attachment in ten is wrong. Trained on
gold trees it learns to trust them more than it should. Cross-fitting gives it run-time-quality trees on the
train split: the train documents are split into two folds (``training/corpus/fold-a``, ``fold-b``), a variety
model is trained on each fold (``training/configs/norwegian.cfg``, ``make crossfit-models``), and each fold is
annotated by the model trained on the other. The docs keep their gold tokens and gold names.

Usage: python training/scripts/crossfit_annotate.py --lang nb --fold a --model training/output/vfold-b-nb/model-best \
         training/corpus/fold-a/nob-train.spacy training/corpus/crossfit/nob-train-a.spacy
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from rich.progress import track  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

from kilde.nlp.load import prepare  # noqa: E402


def annotate(nlp, gold_docs: list[Doc], batch_size: int = 64):
    """Each gold doc re-annotated by ``nlp`` on the same words, with the gold names put back."""
    words_only = (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
                  for d in gold_docs)
    for gold, predicted in zip(gold_docs, nlp.pipe(words_only, batch_size=batch_size), strict=True):
        predicted.ents = [Span(predicted, e.start, e.end, label=e.label_) for e in gold.ents]
        yield predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", required=True, choices=["nb", "nn"])
    parser.add_argument("--model", required=True, type=Path, help="a variety model that did not train on input")
    args = parser.parse_args()
    nlp = prepare(spacy.load(args.model), args.lang)
    gold = list(DocBin().from_disk(args.input).get_docs(nlp.vocab))
    out = DocBin(store_user_data=False)
    for doc in track(annotate(nlp, gold), total=len(gold), description=f"annotating {args.input.name}"):
        out.add(doc)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(args.output)
    print(f"{args.output}: {len(gold)} docs annotated by {args.model}")


if __name__ == "__main__":
    main()
