"""The storage interface every backend implements; extraction code never sees SQL."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from kilde.model import Article, Event, ExtractionResult, MergedEvent


@dataclass
class EventFilter:
    """What ``kilde events`` and ``GET /api/events`` can ask for."""

    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    verified_only: bool = False
    include_historical: bool = False
    limit: int = 100
    offset: int = 0


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0


class Store(ABC):
    """A kilde database. Writes are transactional per call: all of a batch or none of it."""

    @abstractmethod
    def add_articles(self, articles: Iterable[Article]) -> IngestReport:
        """Store new articles in one transaction; articles already stored are skipped (a no-op)."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def unprocessed_articles(self, limit: int | None = None, reprocess: bool = False) -> list[Article]:
        """Articles with no extraction result yet (or all, with ``reprocess``)."""

    @abstractmethod
    def count_unprocessed(self, reprocess: bool = False) -> int: ...

    @abstractmethod
    def save_results(self, results: Iterable[ExtractionResult], pipeline_version: str) -> int:
        """Replace the records of each result's article in one transaction; returns how many."""

    @abstractmethod
    def get_result(self, article_id: str) -> ExtractionResult | None: ...

    @abstractmethod
    def iter_results(self) -> Iterator[ExtractionResult]: ...

    @abstractmethod
    def replace_merged_events(self, merged: Iterable[MergedEvent]) -> int:
        """Swap in a new set of cross-article events in one transaction."""

    @abstractmethod
    def list_events(self, flt: EventFilter) -> list[Event]: ...

    def list_events_json(self, flt: EventFilter) -> list[str]:
        """The same events as JSON text, for responses that pass them on unchanged (no re-validation)."""
        return [event.model_dump_json() for event in self.list_events(flt)]

    @abstractmethod
    def count_events(self, flt: EventFilter) -> int: ...

    @abstractmethod
    def get_event(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def list_merged_events(self, flt: EventFilter) -> list[MergedEvent]: ...

    @abstractmethod
    def get_merged_event(self, merged_id: str) -> MergedEvent | None: ...

    @abstractmethod
    def merged_event_for(self, event_id: str) -> MergedEvent | None: ...

    @abstractmethod
    def search_articles(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        """Full-text search; returns (article, highlighted snippet) pairs, best first."""

    @abstractmethod
    def actors(self, limit: int = 200) -> list[dict]: ...

    @abstractmethod
    def places(self, limit: int = 200) -> list[dict]: ...

    @abstractmethod
    def summary(self) -> dict:
        """Counts: articles, processed, entities, places, times, quantities, claims, events by type."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
