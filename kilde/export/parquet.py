"""Parquet: the ACLED columns as a typed table, for analysis tools."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from kilde.export.acled import COLUMNS, acled_record

# Columns that are numbers or days in ACLED; the rest are text. Empty cells become nulls.
TYPES: dict[str, pa.DataType] = {
    "event_date": pa.date32(), "year": pa.int32(), "time_precision": pa.int8(), "inter1": pa.int8(),
    "inter2": pa.int8(), "interaction": pa.int16(), "iso": pa.int16(), "latitude": pa.float64(),
    "longitude": pa.float64(), "geo_precision": pa.int8(), "fatalities": pa.int64(), "kilde_reports": pa.int32(),
    "kilde_corroboration": pa.int32(), "kilde_confidence": pa.float64(),
}


def write_parquet(rows, out: IO | str | Path) -> None:
    records = [acled_record(row) for row in rows]
    table = pa.table({name: pa.array([_clean(r[name], TYPES.get(name)) for r in records],
                                     type=TYPES.get(name, pa.string())) for name in COLUMNS})
    pq.write_table(table, out if not isinstance(out, Path) else str(out))


def _clean(value, kind: pa.DataType | None):
    if value == "" or value is None:
        return None
    if kind is None:
        return str(value)
    if kind == pa.date32():
        return date.fromisoformat(str(value))
    if pa.types.is_floating(kind):
        return float(value)
    return int(value)
