"""HTML pages: main text and metadata with trafilatura."""

from __future__ import annotations

import trafilatura

from kilde.ingest.article import make_article
from kilde.ingest.errors import InputError
from kilde.model import Article


def read_html(html: str, origin: str, defaults: dict[str, str | None]) -> Article:
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError("no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    published = defaults.get("date") or (meta.date if meta and meta.date else None)
    return make_article(
        text,
        published=published,
        language=defaults.get("language"),
        source=defaults.get("source") or (meta.sitename if meta else None),
        title=meta.title if meta else None,
        url=meta.url if meta else None,
        origin=origin,
    )
