"""GeoJSON FeatureCollection of events that have coordinates."""

from __future__ import annotations

import json
from typing import IO

from kilde.export.rows import EventRow


def feature(row: EventRow) -> dict | None:
    e = row.event
    if not e.place or e.place.latitude is None or e.place.longitude is None:
        return None
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [e.place.longitude, e.place.latitude]},
        "properties": {
            "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "plover": e.plover_category, "mode": e.plover_mode,
            "actor1": e.actor1.canonical_name or e.actor1.text if e.actor1 else None,
            "actor2": e.actor2.canonical_name or e.actor2.text if e.actor2 else None,
            "place": e.place.name or e.place.text, "country": e.place.country,
            "geo_precision": e.place.precision,
            "start": e.time.start.isoformat() if e.time and e.time.start else None,
            "end": e.time.end.isoformat() if e.time and e.time.end else None,
            "fatalities": e.fatalities_low,
            "sources": row.sources, "corroboration": row.corroboration, "reports": len(row.reports),
        },
    }


def write_geojson(rows, handle: IO[str]) -> int:
    features = [f for f in map(feature, rows) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
    return len(features)
