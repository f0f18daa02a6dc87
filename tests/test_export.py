"""Exports: ACLED's own column conventions, and a Parquet table typed for analysis tools."""

from __future__ import annotations

import io
from datetime import datetime

import pyarrow as pa
import pyarrow.parquet as pq

from kilde.export.acled import acled_record
from kilde.export.parquet import write_parquet
from kilde.export.rows import EventRow
from kilde.model import Article, Event, Place, TimeSpan


def row() -> EventRow:
    article = Article(text="IS tok kontroll over Palmyra søndag .", source="VG", language="nb")
    place = Place(start_char=21, end_char=28, text="Palmyra", name="Tadmur", country="SY",
                  latitude=34.56, longitude=38.28, geo_precision=1)
    time = TimeSpan(start_char=29, end_char=35, text="søndag",
                    start=datetime(2016, 12, 11), end=datetime(2016, 12, 12), precision="day")
    event = Event(article_id=article.id, event_type="Battles", sub_event_type="Non-state actor overtakes territory",
                  place=place, time=time, fatalities_low=3, confidence=0.8)
    return EventRow(id="e1", event=event, reports=[event], articles={article.id: article}, sources=["VG"])


def test_acled_iso_is_the_numeric_code_and_country_a_name():
    record = acled_record(row())
    assert record["iso"] == 760 and record["country"] == "Syria"


def test_parquet_columns_are_typed():
    buffer = io.BytesIO()
    write_parquet([row()], buffer)
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("event_date").type == pa.date32()
    first = table.to_pylist()[0]
    assert first["year"] == 2016 and first["iso"] == 760 and first["event_type"] == "Battles"
    assert first["actor1"] is None
