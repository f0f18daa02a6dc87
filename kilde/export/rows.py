"""The unit every export writes: one event with its reports, articles and claims."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kilde.model import Article, Claim, Event, MergedEvent
from kilde.store.base import EventFilter, Store


@dataclass
class EventRow:
    id: str
    event: Event
    reports: list[Event]
    articles: dict[str, Article]
    claims: dict[str, Claim] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    corroboration: int = 1


def event_rows(store: Store, flt: EventFilter | None = None, page: int = 1000) -> Iterator[EventRow]:
    """Merged events when the store has them, else each article's events; current ones unless asked."""
    flt = flt or EventFilter()
    base = EventFilter(**{**flt.__dict__, "limit": page, "offset": 0})
    merged_total = store.list_merged_events(EventFilter(limit=1, include_historical=True))
    cache: dict[str, tuple[Article | None, dict[str, Claim]]] = {}

    def context(article_id: str) -> tuple[Article | None, dict[str, Claim]]:
        if article_id not in cache:
            result = store.get_result(article_id)
            cache[article_id] = (result.article, {c.id: c for c in result.claims}) if result else (None, {})
        return cache[article_id]

    def row(id_: str, event: Event, reports: list[Event], merged: MergedEvent | None) -> EventRow:
        articles, claims = {}, {}
        for report in reports:
            article, article_claims = context(report.article_id)
            if article is not None:
                articles[article.id] = article
            claims.update({c: article_claims[c] for c in report.claim_ids if c in article_claims})
        sources = merged.sources if merged else (event.sources or [a.source for a in articles.values() if a.source])
        return EventRow(id=id_, event=event, reports=reports, articles=articles, claims=claims,
                        sources=list(dict.fromkeys(sources)), corroboration=merged.corroboration if merged else
                        len(set(sources)) or 1)

    if merged_total:
        while True:
            batch = store.list_merged_events(base)
            for merged in batch:
                reports = [e for e in (store.get_event(rid) for rid in merged.report_ids) if e is not None]
                yield row(merged.id, merged.event, reports or [merged.event], merged)
            if len(batch) < page:
                return
            base.offset += page
    else:
        while True:
            batch = store.list_events(base)
            for event in batch:
                yield row(event.id, event, [event], None)
            if len(batch) < page:
                return
            base.offset += page
