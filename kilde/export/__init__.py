"""Write stored events in standard forms: ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from kilde.export.rows import event_rows
from kilde.store.base import EventFilter, Store

FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet")
MEDIA_TYPES = {
    "acled-csv": "text/csv",
    "plover-jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}


def write_export(store: Store, fmt: str, out: IO | str | Path, flt: EventFilter | None = None) -> int:
    """Write the store's current events (merged across articles where merged) to ``out``; returns rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = list(event_rows(store, flt))
    if fmt == "parquet":
        from kilde.export.parquet import write_parquet

        write_parquet(rows, out)
        return len(rows)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return _write_text(rows, fmt, handle)
    return _write_text(rows, fmt, out)


def _write_text(rows, fmt: str, handle: IO[str]) -> int:
    if fmt == "acled-csv":
        from kilde.export.acled import write_acled_csv

        return write_acled_csv(rows, handle)
    if fmt == "plover-jsonl":
        from kilde.export.plover import write_plover_jsonl

        return write_plover_jsonl(rows, handle)
    from kilde.export.geojson import write_geojson

    return write_geojson(rows, handle)


def export_text(store: Store, fmt: str, flt: EventFilter | None = None) -> str:
    buffer = io.StringIO()
    write_export(store, fmt, buffer, flt)
    return buffer.getvalue()


__all__ = ["FORMATS", "MEDIA_TYPES", "write_export", "export_text"]
