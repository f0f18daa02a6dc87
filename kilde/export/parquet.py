"""Parquet: the ACLED columns as a typed table, for analysis tools."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from kilde.export.acled import COLUMNS, acled_record


def write_parquet(rows, out: IO | str | Path) -> None:
    records = [acled_record(row) for row in rows]
    columns = {name: [_clean(r[name]) for r in records] for name in COLUMNS}
    table = pa.table({name: pa.array(values, type=pa.string()) for name, values in columns.items()})
    pq.write_table(table, out if not isinstance(out, Path) else str(out))


def _clean(value) -> str | None:
    return None if value == "" or value is None else str(value)
