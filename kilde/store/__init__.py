"""Where articles and their records live: one Store interface, SQLite by default."""

from __future__ import annotations

import os
from pathlib import Path

from kilde.store.base import EventFilter, Store

DEFAULT_DB = "kilde.db"


def default_db() -> str:
    return os.environ.get("KILDE_DB", DEFAULT_DB)


def open_store(url: str | Path | None = None) -> Store:
    """Open a store by path or URL: ``kilde.db`` / ``sqlite:///path`` (default), ``postgresql://...``."""
    target = str(url) if url is not None else default_db()
    if target.startswith(("postgresql://", "postgres://")):
        raise NotImplementedError("the PostgreSQL store is not available yet; use a SQLite file")
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    from kilde.store.sqlite import SQLiteStore

    return SQLiteStore(target)


__all__ = ["EventFilter", "Store", "open_store", "default_db"]
