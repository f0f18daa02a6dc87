"""Throughput and memory of the Norwegian pipeline: words/s on one core and peak RSS for nlp.pipe.

Runs the full shipped pipeline (``kilde.nlp.load``) over the NorNE dev texts,
one thread, and prints words/s and the process's peak resident memory.

    python benchmarks/bench_nlp.py --lang nb [--data ../shared/data/norne] [--limit 1000] [--model DIR]

``--model DIR`` measures the pipeline in DIR as ``kilde evaluate --model`` loads it (e.g. one with another NER,
``training/scripts/package.py ... --ner``) instead of the shipped one.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CODES = {"nb": "nob", "nn": "nno"}


def texts_of(path: Path, limit: int | None) -> list[str]:
    """Paragraph-sized texts: the dev sentences of one source document joined by spaces, ten at a time."""
    from kilde.nlp.conllu import read_conllu

    texts: list[str] = []
    batch: list[str] = []
    last = None
    for sent in read_conllu(path):
        if batch and (len(batch) >= 10 or sent.document != last):
            texts.append(" ".join(batch))
            batch = []
        batch.append(" ".join(sent.words))
        last = sent.document
    if batch:
        texts.append(" ".join(batch))
    return texts[:limit] if limit else texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="nb", choices=sorted(CODES))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "norne")
    parser.add_argument("--limit", type=int, default=None, help="first N texts only")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", type=Path, default=None, help="pipeline directory instead of the shipped one")
    args = parser.parse_args()
    path = args.data / CODES[args.lang] / "dev.ndt.conllu"
    if not path.exists():
        print(f"skipped: {path} not found (the shared NorNE data is not next to this checkout)")
        return 0
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass

    from kilde.nlp import load
    from kilde.nlp.load import load_path

    texts = texts_of(path, args.limit)
    nlp = load_path(args.model, args.lang) if args.model else load(args.lang)
    list(nlp.pipe(texts[:5]))  # warm-up
    start = time.perf_counter()
    n_words = 0
    for doc in nlp.pipe(texts, batch_size=args.batch_size):
        n_words += sum(1 for t in doc if not t.is_space)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline {args.model or args.lang}: {nlp.pipe_names}")
    print(f"{n_words} words in {elapsed:.1f} s on one core: {n_words / elapsed:,.0f} words/s")
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
