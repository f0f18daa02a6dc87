"""Train the entity typer (kilde/nlp/entity_typer.py) on NorNE train and print its dev scores.

Each training example is a gold name of the nob and nno train splits with its gold type. Its syntactic features
come from trees and lemmas that variety models trained on the other half of train predicted
(``training/corpus/crossfit``, ``make crossfit``): at run time the typer reads the pipeline's predictions, which
are wrong about one attachment in ten, and gold trees teach it to trust them too much (``--gold-trees`` trains
on the gold ones to compare). The weights are the mean of ``--seeds`` runs that differ only in the order of the
examples (training/README.md: the mean is steadier).

Usage: python training/scripts/train_entity_typer.py [--out kilde/nlp/models/entity_typer]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy  # noqa: E402
import spacy  # noqa: E402
from rich.progress import track  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

import kilde.nlp.lexicon_features  # noqa: E402,F401  (registers the NER's feature layer)
from kilde.nlp.entity_typer import N_BITS, DocIndex, EntityTyper, EntityTyperModel, hashed, span_features  # noqa: E402
from kilde.nlp.lexicon_features import load_lexicon  # noqa: E402
from kilde.nlp.person_names import load_person_names  # noqa: E402

LABELS = ["PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC"]
NORNE = ROOT.parent / "shared" / "data" / "norne"
CORPUS = ROOT / "training/corpus"
CROSSFIT = CORPUS / "crossfit"
GOLD_TREES = [ROOT / "training/corpus/nob-train.spacy", ROOT / "training/corpus/nno-train.spacy"]


def docs_in(path: Path, vocab) -> list[Doc]:
    files = sorted(path.glob("*.spacy")) if path.is_dir() else [path]
    return [doc for f in files for doc in DocBin().from_disk(f).get_docs(vocab)]


def gold_examples(docs: list[Doc], syntax: bool = True,
                  person_names: bool = True) -> tuple[list[numpy.ndarray], list[int]]:
    lexicon = load_lexicon()
    names = load_person_names() if person_names else None
    rows, labels = [], []
    for doc in docs:
        index = DocIndex(doc)
        for ent in doc.ents:
            rows.append(hashed(span_features(index, ent.start, ent.end, None, lexicon, syntax, names)))
            labels.append(LABELS.index(ent.label_))
    return rows, labels


def fit(rows: list[numpy.ndarray], labels: list[int], epochs: int, learn_rate: float, l2: float,
        seed: int) -> numpy.ndarray:
    """Multinomial logistic regression by AdaGrad, one example at a time."""
    weights = numpy.zeros((1 << N_BITS, len(LABELS)), dtype=numpy.float32)
    squares = numpy.full_like(weights, 1e-6)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in track(range(epochs), description=f"typer, seed {seed}"):
        rng.shuffle(order)
        loss = 0.0
        for k in order:
            idx = rows[k]
            scores = weights[idx].sum(axis=0)
            scores -= scores.max()
            probs = numpy.exp(scores)
            probs /= probs.sum()
            loss -= float(numpy.log(probs[labels[k]] + 1e-12))
            probs[labels[k]] -= 1.0
            grad = probs[None, :] + l2 * weights[idx]
            squares[idx] += grad * grad
            weights[idx] -= learn_rate * grad / numpy.sqrt(squares[idx])
        print(f"seed {seed}, epoch {epoch + 1}: loss {loss / len(rows):.4f}")
    return weights


def score_dev(model: EntityTyperModel, norne: Path) -> dict[str, dict[str, float]]:
    """NorNE dev F1 of the shipped pipelines without and with this typer."""
    from kilde.nlp.load import load
    from kilde.nlp.scoring import gold_examples, run_pipeline, score_ner

    out = {}
    for lang, variety in (("nb", "nob"), ("nn", "nno")):
        data = norne / variety / "dev.ndt.conllu"
        if not data.exists():
            continue
        nlp = load(lang)  # as `kilde evaluate ner` runs it, with this typer in place of the shipped one
        examples = run_pipeline(nlp, gold_examples(nlp, data),
                                disable=("kilde_entity_typer",))
        before = score_ner(examples)["f"]
        typer = EntityTyper(model)
        for eg in examples:
            typer(eg.predicted)
        after = score_ner(examples)
        out[lang] = {"ner_only": round(before, 4), "with_typer": round(after["f"], 4)}
        print(f"{variety} dev NER F1: {before:.4f} NER alone, {after['f']:.4f} with the typer "
              f"(P {after['p']:.4f} R {after['r']:.4f})")
    return out


def cross_validate(args: argparse.Namespace, vocab) -> float:
    """Type accuracy on the gold names of one half of train, trained on the other half, both ways round.

    The test names always carry cross-fitted trees (as at run time); the training names carry the trees the
    typer is trained on (``--gold-trees``: the gold ones). Half of train has 11,500 names, so this measures
    what dev's 3,000 cannot: differences of a few tenths of a point.
    """
    def names_of(fold: str, gold: bool) -> tuple[list[numpy.ndarray], list[int]]:
        files = sorted((CORPUS / f"fold-{fold}").glob("*.spacy")) if gold else sorted(CROSSFIT.glob(f"*-{fold}.spacy"))
        if not files:
            sys.exit(f"no fold-{fold} docs: run `make crossfit`")
        docs = [doc for f in files for doc in docs_in(f, vocab)]
        return gold_examples(docs, syntax=not args.no_syntax, person_names=not args.no_person_names)

    correct = total = 0
    for test, train in (("a", "b"), ("b", "a")):
        rows, labels = names_of(train, args.gold_trees)
        weights = sum(fit(rows, labels, args.epochs, args.learn_rate, args.l2, seed) for seed in range(args.seeds))
        model = EntityTyperModel((weights / args.seeds).astype(numpy.float16).astype(numpy.float32), LABELS, False)
        test_rows, test_labels = names_of(test, False)
        predicted = [int(numpy.argmax(model.scores(r))) for r in test_rows]
        correct += sum(p == label for p, label in zip(predicted, test_labels, strict=True))
        total += len(test_labels)
    print(f"cross-validated type accuracy on gold names: {correct / total:.4f} ({correct} of {total})")
    return correct / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, nargs="+", default=[CROSSFIT],
                        help="DocBin files or folders of them (default: the cross-fitted train split)")
    parser.add_argument("--gold-trees", action="store_true", help="train on the gold trees of the train split")
    parser.add_argument("--out", type=Path, default=ROOT / "kilde/nlp/models/entity_typer")
    parser.add_argument("--norne", type=Path, default=NORNE)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--learn-rate", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--seeds", type=int, default=10, help="runs to average (seeds 0 .. N-1)")
    parser.add_argument("--no-syntax", action="store_true", help="leave out the parser's features")
    parser.add_argument("--no-person-names", action="store_true", help="leave out the person-name list")
    parser.add_argument("--cross-validate", action="store_true",
                        help="only print the type accuracy of two-fold cross-validation on train (writes nothing)")
    args = parser.parse_args()
    if args.cross_validate:
        cross_validate(args, spacy.blank("nb").vocab)
        return
    if args.gold_trees:
        args.train = GOLD_TREES
    missing = [str(p) for p in args.train if not p.exists()]
    if missing:
        sys.exit(f"no training docs at {', '.join(missing)}: run `make crossfit` (or `make corpus-both` for "
                 "--gold-trees)")

    vocab = spacy.blank("nb").vocab
    started = time.time()
    rows: list[numpy.ndarray] = []
    labels: list[int] = []
    sources = []
    for path in args.train:
        r, lab = gold_examples(docs_in(path, vocab), syntax=not args.no_syntax,
                               person_names=not args.no_person_names)
        rows += r
        labels += lab
        sources.append(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
    print(f"{len(rows)} training names ({time.time() - started:.0f} s)")
    weights = sum(fit(rows, labels, args.epochs, args.learn_rate, args.l2, seed) for seed in range(args.seeds))
    weights /= args.seeds
    meta = {"trained_on": sources, "examples": len(rows), "epochs": args.epochs, "learn_rate": args.learn_rate,
            "l2": args.l2, "seeds": args.seeds}
    model = EntityTyperModel(weights, LABELS, uses_ner_label=False, meta=meta, uses_syntax=not args.no_syntax,
                             uses_person_names=not args.no_person_names)
    model.to_disk(args.out)
    model = EntityTyperModel.from_disk(args.out)  # score what was written (float16 weights)
    model.meta["dev"] = score_dev(model, args.norne)
    model.to_disk(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
