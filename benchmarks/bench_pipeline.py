"""Throughput and memory of the whole pipeline: articles/s, words/s, peak RSS.

    python benchmarks/bench_pipeline.py --articles 200            # extraction only
    python benchmarks/bench_pipeline.py --articles 200 --store    # ingest + process into a temporary SQLite store

Articles are the bundled samples, cycled (each copy made distinct) until N are reached.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kilde.ingest import read_paths  # noqa: E402
from kilde.model import Article  # noqa: E402


def sample_articles(n: int) -> list[Article]:
    base = [a for a in read_paths([ROOT / "samples"]) if isinstance(a, Article)]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        copy = i // len(base)
        text = a.text if copy == 0 else f"{a.text}\n\n(Oppdatert versjon {copy}.)"
        out.append(Article(text=text, source=a.source, title=a.title, published=a.published,
                           published_precision=a.published_precision, language=a.language, url=a.url))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--store", action="store_true", help="also write everything to a temporary SQLite store")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    articles = sample_articles(args.articles)
    words = sum(len(a.text.split()) for a in articles)

    from kilde.nlp import load
    from kilde.pipeline import extract_articles

    started = time.perf_counter()
    for lang in {a.language for a in articles}:
        load(lang)
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    if args.store:
        from kilde.operations import ingest_articles, process_store
        from kilde.store import open_store

        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
            ingest_articles(store, articles)
            process_store(store)
    else:
        for _ in extract_articles(articles):
            pass
    elapsed = time.perf_counter() - started

    print(f"articles          {len(articles)}")
    print(f"words             {words}")
    print(f"model load        {load_s:.2f} s")
    print(f"elapsed           {elapsed:.2f} s{' (with store)' if args.store else ''}")
    print(f"articles/s        {len(articles) / elapsed:.1f}")
    print(f"words/s           {words / elapsed:.0f}")
    print(f"peak RSS          {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
