"""Diagnose the stacked NER's train/run-time skew (training/README.md, "Stacking").

1. How often the predicted proper-noun reading (``NounType=Prop``) of a token differs from gold, in the stacked
   train and dev corpora (training/scripts/stack_annotate.py), over all and over capitalised tokens.
2. With ``--model NER_DIR``: the stacked NER's F1 on each dev split with the predicted annotation (what run time
   sees; equals ``kilde evaluate ner --model``) and with the *gold* tags, morphology and lemmas (not an honest
   score: how much the features would give if they were as accurate at run time as in training). Only the NER runs.

Usage: python training/scripts/stack_diagnose.py [--model training/output/ner-stack/model-best]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

from kilde.nlp.conllu import read_conllu, sentences_to_docs  # noqa: E402

CODES = ("nob", "nno")


def _augment_module() -> ModuleType:
    """training/scripts/ner_augment.py (the --code module), loaded by path."""
    spec = importlib.util.spec_from_file_location("ner_augment", Path(__file__).with_name("ner_augment.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def proper_noun_mismatch(predicted: list[Doc], gold: list[Doc]) -> tuple[float, float]:
    """Share of tokens, and of capitalised tokens, whose predicted NounType=Prop differs from gold."""
    n = n_cap = wrong = wrong_cap = 0
    for p_doc, g_doc in zip(predicted, gold, strict=True):
        for p, g in zip(p_doc, g_doc, strict=True):
            differs = ("NounType=Prop" in str(p.morph)) != ("NounType=Prop" in str(g.morph))
            n += 1
            wrong += differs
            if g.text[:1].isupper():
                n_cap += 1
                wrong_cap += differs
    return wrong / max(n, 1), wrong_cap / max(n_cap, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--norne", type=Path, default=ROOT.parent / "shared" / "data" / "norne")
    parser.add_argument("--corpus", type=Path, default=ROOT / "training" / "corpus")
    parser.add_argument("--model", type=Path, default=None, help="a stacked NER (model-best)")
    args = parser.parse_args()
    augment = _augment_module()
    nlp = spacy.load(args.model) if args.model else spacy.blank("nb")
    for code in CODES:
        for split in ("train", "dev"):
            if split == "train" and args.model:
                continue
            gold = list(sentences_to_docs(nlp.vocab, read_conllu(args.norne / code / f"{split}.ndt.conllu")))
            stacked = args.corpus / f"stack-{split}" / f"{code}-{split}.spacy"
            predicted = list(DocBin().from_disk(stacked).get_docs(nlp.vocab))
            if not args.model:
                every, capitalised = proper_noun_mismatch(predicted, gold)
                print(f"{code} {split}: NounType=Prop differs from gold on {every:.4f} of the tokens, "
                      f"{capitalised:.4f} of the capitalised ones")
                continue
            for name, docs in (("predicted", predicted), ("gold", gold)):
                examples = [augment.with_stacked_annotation(Example(doc, doc)) for doc in docs]
                print(f"{code} dev, {name} tags/morph/lemmas: NER F1 {nlp.evaluate(examples)['ents_f']:.4f}")


if __name__ == "__main__":
    main()
