"""The record format: a ``date YYYY-MM[-DD]`` line, then the article.

    date 2016-12 Mens Assad-regimet og Russland ...      (text may follow the date)
    source VG                                             (optional header lines:
    title Palmyra tatt igjen                               source, title, url, language)
    <text ...>
    ---                                                   (a line holding only --- starts the next record)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kilde.ingest.article import make_article
from kilde.ingest.errors import InputError, Rejected
from kilde.model import Article

HEADER_KEYS = ("date", "source", "title", "url", "language")
_HEADER = re.compile(r"^(?P<key>date|source|title|url|language)[ \t]*:?[ \t]+(?P<value>.*)$", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^(\S+(?:[ T]\d{1,2}:\d{2})?)(?:\s+(.*))?$")


def looks_like_record(text: str) -> bool:
    return text.lstrip("\ufeff").lower().startswith("date")


def split_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, lines) for each ``---``-separated record."""
    lines = text.splitlines()
    start, chunk = 1, []
    for number, line in enumerate(lines, start=1):
        if line.strip() == "---":
            yield start, chunk
            start, chunk = number + 1, []
        else:
            chunk.append(line)
    yield start, chunk


def parse_record(lines: list[str], origin: str, defaults: dict[str, str | None]) -> Article:
    fields: dict[str, str | None] = {}
    body: list[str] = []
    # Skip blank lines before the header.
    while lines and not lines[0].strip():
        lines = lines[1:]
    if not lines:
        raise InputError("empty record")
    first = lines[0].lstrip("\ufeff")
    match = _HEADER.match(first)
    if not match or match.group("key").lower() != "date":
        raise InputError(f"record must start with a 'date YYYY-MM[-DD]' line, found {first[:40]!r}")
    date_match = _DATE_VALUE.match(match.group("value").strip())
    if not date_match:
        raise InputError("record has an empty date line")
    fields["date"] = date_match.group(1)
    if date_match.group(2):
        body.append(date_match.group(2))
    rest = lines[1:]
    in_header = not body
    for line in rest:
        if in_header:
            header = _HEADER.match(line)
            if header and header.group("key").lower() != "date":
                fields[header.group("key").lower()] = header.group("value").strip()
                continue
            in_header = False
        body.append(line)
    text = "\n".join(body).strip()
    if not text:
        raise InputError("record has a date but no text")
    return make_article(
        text,
        published=fields["date"],
        language=fields.get("language") or defaults.get("language"),
        source=fields.get("source") or defaults.get("source"),
        title=fields.get("title"),
        url=fields.get("url"),
        origin=origin,
    )


def read_records(text: str, name: str, defaults: dict[str, str | None]) -> Iterator[Article | Rejected]:
    for line_number, lines in split_records(text):
        if not any(line.strip() for line in lines):
            continue
        origin = f"{name}:{line_number}"
        try:
            yield parse_record(lines, origin, defaults)
        except InputError as exc:
            yield Rejected(origin, str(exc))
