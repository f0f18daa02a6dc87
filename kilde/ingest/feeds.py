"""RSS and Atom feeds saved as files: one article per entry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import feedparser
import trafilatura

from kilde.ingest.article import make_article
from kilde.ingest.errors import InputError, Rejected
from kilde.model import Article


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _entry_text(entry) -> str:
    parts = []
    if entry.get("content"):
        parts.extend(c.get("value", "") for c in entry["content"])
    elif entry.get("summary"):
        parts.append(entry["summary"])
    html = "\n".join(parts)
    if "<" in html:
        extracted = trafilatura.extract(f"<html><body><article>{html}</article></body></html>", favor_recall=True)
        return extracted or ""
    return html


def read_feed(text: str, name: str, defaults: dict[str, str | None]) -> Iterator[Article | Rejected]:
    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        yield Rejected(name, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
        return
    source = defaults.get("source") or feed.feed.get("title")
    language = defaults.get("language") or feed.feed.get("language")
    for number, entry in enumerate(feed.entries, start=1):
        origin = f"{name}#entry{number}"
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = defaults.get("date") or (datetime(*parsed[:6]) if parsed else None)
        body = _entry_text(entry)
        title = entry.get("title")
        text = "\n".join(part for part in (title, body) if part)
        try:
            yield make_article(text, published=published, language=language, source=source, title=title,
                               url=entry.get("link"), origin=origin)
        except InputError as exc:
            yield Rejected(origin, str(exc))
