"""Train the entity typer (kilde/nlp/entity_typer.py) on NorNE train and print its dev scores.

Each training example is a gold name of the train split with its gold type. With ``--jackknife DOCS=NER``
(given once per fold), the names are those an NER model that did not train on DOCS found there with the
right span, and each carries the type that NER gave it, so the typer learns how far to trust the NER as it
is at run time (the shipped NER has seen all of train and is almost never wrong there).

Usage:
  python training/scripts/train_entity_typer.py --out kilde/nlp/models/entity_typer \
    --jackknife training/corpus/fold-b=training/output/ner-fold-a/model-best \
    --jackknife training/corpus/fold-a=training/output/ner-fold-b/model-best
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

LABELS = ["PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC"]
NORNE = ROOT.parent / "shared" / "data" / "norne"


def docs_in(path: Path, vocab) -> list[Doc]:
    files = sorted(path.glob("*.spacy")) if path.is_dir() else [path]
    return [doc for f in files for doc in DocBin().from_disk(f).get_docs(vocab)]


def gold_examples(docs: list[Doc]) -> tuple[list[numpy.ndarray], list[int]]:
    lexicon = load_lexicon()
    rows, labels = [], []
    for doc in docs:
        index = DocIndex(doc)
        for ent in doc.ents:
            rows.append(hashed(span_features(index, ent.start, ent.end, None, lexicon)))
            labels.append(LABELS.index(ent.label_))
    return rows, labels


def jackknife_examples(docs: list[Doc], ner_path: Path) -> tuple[list[numpy.ndarray], list[int], dict[str, int]]:
    """Names the NER at ``ner_path`` finds in ``docs`` with the gold span, with its type and the gold type."""
    from kilde.nlp.load import use_numpy_matmul

    nlp = use_numpy_matmul(spacy.load(ner_path))
    lexicon = load_lexicon()
    rows, labels = [], []
    counts = {"gold": 0, "found": 0, "right_type": 0}
    words_only = (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs)
    for gold, pred in zip(docs, nlp.pipe(words_only, batch_size=64), strict=True):
        types = {(e.start, e.end): e.label_ for e in gold.ents}
        counts["gold"] += len(types)
        index = DocIndex(pred)
        for ent in pred.ents:
            label = types.get((ent.start, ent.end))
            if label is None:
                continue
            counts["found"] += 1
            counts["right_type"] += label == ent.label_
            rows.append(hashed(span_features(index, ent.start, ent.end, ent.label_, lexicon)))
            labels.append(LABELS.index(label))
    return rows, labels, counts


def fit(rows: list[numpy.ndarray], labels: list[int], epochs: int, learn_rate: float, l2: float,
        seed: int) -> numpy.ndarray:
    """Multinomial logistic regression by AdaGrad, one example at a time."""
    weights = numpy.zeros((1 << N_BITS, len(LABELS)), dtype=numpy.float32)
    squares = numpy.full_like(weights, 1e-6)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(epochs):
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
        print(f"epoch {epoch + 1}: loss {loss / len(rows):.4f}")
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
                                disable=("parser", "trainable_lemmatizer", "kilde_entity_typer"))
        before = score_ner(examples)["f"]
        typer = EntityTyper(model)
        for eg in examples:
            typer(eg.predicted)
        after = score_ner(examples)
        out[lang] = {"ner_only": round(before, 4), "with_typer": round(after["f"], 4)}
        print(f"{variety} dev NER F1: {before:.4f} NER alone, {after['f']:.4f} with the typer "
              f"(P {after['p']:.4f} R {after['r']:.4f})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, nargs="+",
                        default=[ROOT / "training/corpus/nob-train.spacy", ROOT / "training/corpus/nno-train.spacy"])
    parser.add_argument("--jackknife", action="append", default=[], metavar="DOCS=NER",
                        help="docs (a .spacy file or a folder of them) and an NER model that did not train on them")
    parser.add_argument("--out", type=Path, default=ROOT / "kilde/nlp/models/entity_typer")
    parser.add_argument("--norne", type=Path, default=NORNE)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--learn-rate", type=float, default=0.5)
    parser.add_argument("--l2", type=float, default=1e-6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    vocab = spacy.blank("nb").vocab
    started = time.time()
    rows: list[numpy.ndarray] = []
    labels: list[int] = []
    sources = []
    if args.jackknife:
        for pair in args.jackknife:
            docs_path, _, ner_path = pair.partition("=")
            if not ner_path:
                parser.error(f"--jackknife {pair!r}: expected DOCS=NER")
            docs = docs_in(Path(docs_path), vocab)
            r, lab, counts = jackknife_examples(list(track(docs, description=f"NER on {docs_path}")), Path(ner_path))
            rows += r
            labels += lab
            sources.append({"docs": docs_path, "ner": ner_path, **counts})
            print(f"{docs_path}: {counts['found']} of {counts['gold']} gold names found with the right span, "
                  f"{counts['right_type'] / max(counts['found'], 1):.3f} of them typed right by {ner_path}")
    else:
        for path in args.train:
            r, lab = gold_examples(docs_in(path, vocab))
            rows += r
            labels += lab
            sources.append({"docs": str(path)})
    print(f"{len(rows)} training names ({time.time() - started:.0f} s)")
    weights = fit(rows, labels, args.epochs, args.learn_rate, args.l2, args.seed)
    meta = {"trained_on": sources, "examples": len(rows), "epochs": args.epochs, "learn_rate": args.learn_rate,
            "l2": args.l2, "seed": args.seed}
    model = EntityTyperModel(weights, LABELS, uses_ner_label=bool(args.jackknife), meta=meta)
    model.to_disk(args.out)
    model = EntityTyperModel.from_disk(args.out)  # score what was written (float16 weights)
    model.meta["dev"] = score_dev(model, args.norne)
    model.to_disk(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
