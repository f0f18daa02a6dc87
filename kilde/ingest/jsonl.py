"""JSON Lines: one article a line with text, title, date|published, url, source, language."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from kilde.ingest.article import make_article
from kilde.ingest.errors import InputError, Rejected
from kilde.model import Article


def article_from_json(obj: object, origin: str, defaults: dict[str, str | None]) -> Article:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get("text")
    if text is None and isinstance(obj.get("sentences"), list):
        # Sentence-split articles: one sentence per line, the first is the headline.
        text = "\n".join(str(s.get("text", "")) for s in obj["sentences"] if isinstance(s, dict))
    if not isinstance(text, str) or not text.strip():
        raise InputError("field 'text' is missing or empty")
    published = obj.get("date", obj.get("published", defaults.get("date")))
    if published is not None and not isinstance(published, str):
        raise InputError(f"field 'date' must be a string, found {type(published).__name__}")
    try:
        return make_article(
            text,
            published=published,
            language=obj.get("language") or defaults.get("language"),
            source=obj.get("source") or defaults.get("source"),
            title=obj.get("title"),
            url=obj.get("url"),
            origin=origin,
        )
    except InputError as exc:
        field = "date" if "date" in str(exc) else "text"
        raise InputError(f"field '{field}': {exc}") from None


def read_jsonl(lines: Iterable[str], name: str, defaults: dict[str, str | None],
               max_bytes: int) -> Iterator[Article | Rejected]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        if len(line) > max_bytes:
            yield Rejected(origin, f"line is {len(line):,} characters, over the limit of {max_bytes:,}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(origin, f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        try:
            yield article_from_json(obj, origin, defaults)
        except InputError as exc:
            yield Rejected(origin, str(exc))
