"""What the CLI, the web app and scripts do with a store: ingest, process, merge.

These are the importable forms of ``kilde ingest``/``process``/``run``; each
entry point calls them so every one behaves alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kilde.ingest import ReadOptions, Rejected, read_paths
from kilde.model import Article
from kilde.store.base import Store

log = logging.getLogger(__name__)

INGEST_BATCH = 200
PROCESS_BATCH = 16


@dataclass
class RunReport:
    added: int = 0
    duplicates: int = 0
    processed: int = 0
    merged_events: int | None = None
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def ingest_articles(store: Store, articles: Iterable[Article | Rejected], report: RunReport | None = None,
                    on_reject: Callable[[Rejected], None] | None = None,
                    progress: Callable[[int], None] | None = None) -> RunReport:
    """Store articles in batches, one transaction each; rejected input is collected, never stored."""
    report = report or RunReport()
    batch: list[Article] = []

    def flush() -> None:
        if batch:
            result = store.add_articles(batch)
            report.added += result.added
            report.duplicates += result.duplicates
            if progress:
                progress(len(batch))
            batch.clear()

    for item in articles:
        if isinstance(item, Rejected):
            report.rejected.append(item)
            if on_reject:
                on_reject(item)
            continue
        batch.append(item)
        if len(batch) >= INGEST_BATCH:
            flush()
    flush()
    return report


def ingest_paths(store: Store, paths: Iterable[str | Path], options: ReadOptions | None = None,
                 report: RunReport | None = None, on_reject: Callable[[Rejected], None] | None = None,
                 progress: Callable[[int], None] | None = None) -> RunReport:
    return ingest_articles(store, read_paths(paths, options), report, on_reject, progress)


def process_store(store: Store, reprocess: bool = False, limit: int | None = None,
                  report: RunReport | None = None, progress: Callable[[int], None] | None = None,
                  on_error: Callable[[Article, Exception], None] | None = None) -> RunReport:
    """Run the pipeline on articles not yet processed; each batch is saved in one transaction.

    A killed run loses at most the batch in flight; rerunning picks up where it stopped.
    """
    from kilde.pipeline import PIPELINE_VERSION, extract_articles

    report = report or RunReport()
    pending = store.unprocessed_articles(limit=limit, reprocess=reprocess)
    for start in range(0, len(pending), PROCESS_BATCH):
        batch = pending[start:start + PROCESS_BATCH]
        results = []
        try:
            results = list(extract_articles(batch))
        except Exception:  # one bad article must not sink its batch: retry one by one
            for article in batch:
                try:
                    results.extend(extract_articles([article]))
                except Exception as exc:  # noqa: BLE001
                    log.exception("extraction failed for %s", article.origin or article.id)
                    report.rejected.append(Rejected(article.origin or article.id, f"extraction failed: {exc}"))
                    if on_error:
                        on_error(article, exc)
        report.processed += store.save_results(results, PIPELINE_VERSION)
        if progress:
            progress(len(batch))
    report.merged_events = merge_store(store)
    return report


def merge_store(store: Store) -> int | None:
    """Recompute cross-article events from every stored event; None where merging is unavailable."""
    try:
        from kilde.aggregate.merge import merge_events
    except ImportError:
        return None
    events, articles, claims = [], {}, {}
    for result in store.iter_results():
        articles[result.article.id] = result.article
        claims.update({c.id: c for c in result.claims})
        events.extend(result.events)
    merged = merge_events(events, articles, claims)
    return store.replace_merged_events(merged)
