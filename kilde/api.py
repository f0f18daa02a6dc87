"""The Python API's one-call entry point: text in, records out, no database."""

from __future__ import annotations

from datetime import date, datetime

from kilde.model import ExtractionResult


def extract(
    text: str,
    published: str | date | datetime | None = None,
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> ExtractionResult:
    """Run the whole pipeline on one article and return its records.

    ``published`` may be a date, a datetime or a string such as ``"2016-12"``
    (month precision) or ``"2016-12-11 14:30"`` (minute precision).
    """
    from kilde.ingest.article import make_article
    from kilde.pipeline import extract_article

    article = make_article(text, published=published, language=language, source=source, title=title, url=url)
    return extract_article(article)
