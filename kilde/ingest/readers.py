"""Pick a reader for each path (file, directory, ``-`` for stdin) and stream Articles.

Every problem comes back as a ``Rejected`` naming the file and line, so one bad
file never stops a run.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kilde.ingest.article import make_article
from kilde.ingest.decode import decode_bytes, looks_binary
from kilde.ingest.errors import InputError, Rejected
from kilde.ingest.feeds import looks_like_feed, read_feed
from kilde.ingest.html import read_html
from kilde.ingest.jsonl import read_jsonl
from kilde.ingest.record import looks_like_record, read_records
from kilde.model import Article

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}
# Documentation beside articles in a directory is not an article (a file named on its own still is read).
SKIP_SUFFIXES = {".md", ".rst", ".pdf", ".png", ".jpg", ".gif", ".zip", ".gz"}
SKIP_PREFIXES = ("README", "LICENSE", "CHANGELOG")


@dataclass
class ReadOptions:
    """Defaults for fields the input does not carry, and size limits."""

    date: str | None = None
    source: str | None = None
    language: str | None = None
    format: str | None = None  # record | jsonl | text | html | feed; None = by suffix and content
    max_file_bytes: int = int(os.environ.get("KILDE_MAX_FILE_BYTES", 20_000_000))
    max_article_chars: int = int(os.environ.get("KILDE_MAX_ARTICLE_CHARS", 1_000_000))

    @property
    def defaults(self) -> dict[str, str | None]:
        return {"date": self.date, "source": self.source, "language": self.language}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _skipped(child, path):
                    yield child
        else:
            yield path


def _skipped(child: Path, root: Path) -> bool:
    return (any(part.startswith(".") for part in child.relative_to(root).parts) or child.name in SKIP_NAMES
            or child.suffix.lower() in SKIP_SUFFIXES or child.name.upper().startswith(SKIP_PREFIXES))


def read_paths(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Article | Rejected]:
    options = options or ReadOptions()
    for path in iter_files(paths):
        yield from read_one(path, options)


def read_one(path: Path | str, options: ReadOptions) -> Iterator[Article | Rejected]:
    if path == "-":
        name = "<stdin>"
        data = sys.stdin.buffer.read(options.max_file_bytes + 1)
        suffix = ""
    else:
        name = str(path)
        suffix = path.suffix.lower()
        try:
            size = path.stat().st_size
        except OSError as exc:
            yield Rejected(name, f"cannot read: {exc.strerror or exc}")
            return
        fmt = options.format or _format_by_suffix(suffix)
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, name, options)
            return
        if size > options.max_file_bytes:
            yield Rejected(name, f"file is {size / 1e6:.1f} MB, over the limit of {options.max_file_bytes / 1e6:.1f} MB"
                                 " (KILDE_MAX_FILE_BYTES); split it or use JSON Lines")
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Rejected(name, f"cannot read: {exc.strerror or exc}")
            return
    if len(data) > options.max_file_bytes:
        yield Rejected(name, f"input is over the limit of {options.max_file_bytes / 1e6:.1f} MB")
        return
    if not data.strip():
        yield Rejected(name, "empty file")
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Rejected(name, str(exc))
        return
    fmt = options.format or _format_by_suffix(suffix) or _format_by_content(text, options)
    yield from _limit(_read_text(text, fmt, name, options), options)


def _format_by_suffix(suffix: str) -> str | None:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None


def _format_by_content(text: str, options: ReadOptions) -> str:
    head = text.lstrip("\ufeff \t\r\n")
    if looks_like_record(head):
        return "record"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "feed" if looks_like_feed(head) else "html"
    return "text"


def _read_text(text: str, fmt: str, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    defaults = options.defaults
    if fmt == "record":
        yield from read_records(text, name, defaults)
    elif fmt == "jsonl":
        yield from read_jsonl(io.StringIO(text), name, defaults, options.max_article_chars)
    elif fmt == "feed":
        yield from read_feed(text, name, defaults)
    elif fmt == "html":
        try:
            yield read_html(text, name, defaults)
        except InputError as exc:
            yield Rejected(name, str(exc))
    elif fmt == "text":
        if looks_like_record(text) and not options.date:
            yield from read_records(text, name, defaults)
            return
        try:
            yield make_article(text, published=options.date, language=options.language, source=options.source,
                               origin=name)
        except InputError as exc:
            yield Rejected(name, str(exc))
    else:
        yield Rejected(name, f"unknown format {fmt!r}")


def _read_jsonl_file(path: Path, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """Stream a JSON Lines file line by line, so archives of any size are fine."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
            if not head.strip():
                yield Rejected(name, "empty file")
                return
            if looks_binary(head):
                yield Rejected(name, "binary data, not text")
                return
            handle.seek(0)
            lines = (_decode_line(raw) for raw in handle)
            yield from read_jsonl(lines, name, options.defaults, options.max_article_chars)
    except OSError as exc:
        yield Rejected(name, f"cannot read: {exc.strerror or exc}")


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return decode_bytes(raw)
        except InputError:
            return raw.decode("utf-8", errors="replace")


def _limit(items: Iterator[Article | Rejected], options: ReadOptions) -> Iterator[Article | Rejected]:
    for item in items:
        if isinstance(item, Article) and len(item.text) > options.max_article_chars:
            yield Rejected(item.origin or "?", f"article is {len(item.text):,} characters, over the limit of "
                                              f"{options.max_article_chars:,} (KILDE_MAX_ARTICLE_CHARS)")
        else:
            yield item
