"""Building an Article from loose fields: publication date with precision, language."""

from __future__ import annotations

import re
from datetime import date, datetime

from kilde.ingest.errors import InputError
from kilde.model import LANGUAGES, Article, DatePrecision

_DATE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)

LANGUAGE_ALIASES = {
    "nb": "nb", "nob": "nb", "no": "nb", "bokmål": "nb", "bokmal": "nb", "nb-no": "nb", "no-nb": "nb",
    "nn": "nn", "nno": "nn", "nynorsk": "nn", "nn-no": "nn", "no-nn": "nn",
    "en": "en", "eng": "en", "english": "en", "en-gb": "en", "en-us": "en",
}


def parse_published(value: str | date | datetime | None) -> tuple[datetime | None, DatePrecision | None]:
    """``"2016-12"`` -> (2016-12-01, "month"); ``"2016-12-11 14:30"`` -> minute precision.

    Raises InputError for anything that is not a real date in one of these forms.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), "minute"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), "day"
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = _parse_rfc2822(text)
        if parsed is None:
            raise InputError(f"date {text!r} does not parse (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD HH:MM)")
        return parsed.replace(tzinfo=None), "minute"
    y, m, d, hh, mm = (match.group(k) for k in ("y", "m", "d", "H", "M"))
    try:
        if hh is not None:
            return datetime(int(y), int(m), int(d), int(hh), int(mm)), "minute"
        if d is not None:
            return datetime(int(y), int(m), int(d)), "day"
        if m is not None:
            return datetime(int(y), int(m), 1), "month"
        return datetime(int(y), 1, 1), "year"
    except ValueError as exc:
        raise InputError(f"date {text!r} is not a real date: {exc}") from None


def _parse_rfc2822(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def normalise_language(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    key = str(value).strip().lower().replace("_", "-")
    if key in LANGUAGE_ALIASES:
        return LANGUAGE_ALIASES[key]
    if key in LANGUAGES:
        return key
    return "other"


def make_article(
    text: str,
    published: str | date | datetime | None = None,
    language: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    origin: str | None = None,
) -> Article:
    """An Article from loose fields; detects the language when none is given."""
    if text is None or not str(text).strip():
        raise InputError("text is empty")
    text = str(text).strip()
    if "\x00" in text:
        raise InputError("text contains NUL bytes (binary data?)")
    when, precision = parse_published(published)
    lang = normalise_language(language)
    if lang is None:
        from kilde.ingest.detect import detect_language

        lang = detect_language(text)
    return Article(
        text=text,
        published=when,
        published_precision=precision,
        language=lang,
        source=(source or None) and str(source).strip(),
        title=(title or None) and str(title).strip(),
        url=url or None,
        origin=origin,
    )
