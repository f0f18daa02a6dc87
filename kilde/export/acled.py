"""ACLED's CSV columns, one row per (merged) event."""

from __future__ import annotations

import csv
from typing import IO

import pycountry

from kilde.export.rows import EventRow
from kilde.extract.gazetteer import load_gazetteer
from kilde.model import Actor

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "kilde_reports", "kilde_corroboration",
    "kilde_flags", "kilde_confidence",
]

# ACLED's interaction codes by actor type.
INTER_CODES = {
    "state forces": 1, "rebels": 2, "rebel groups": 2, "political militia": 3, "political militias": 3,
    "identity militia": 4, "identity militias": 4, "rioters": 5, "protesters": 6, "civilians": 7,
    "external/other": 8, "external/other forces": 8,
}
DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}
DAY_PRECISIONS = {"minute", "hour", "part_of_day", "day"}


def iso_numeric(iso2: str) -> int | str:
    """ACLED's ``iso`` is the ISO 3166-1 numeric code (Syria 760), not the two-letter one."""
    country = pycountry.countries.get(alpha_2=iso2.upper())
    return int(country.numeric) if country else ""


def country_name(iso2: str) -> str:
    """ACLED's ``country`` is a name; the gazetteer's English one reads best ("Syria", not "Syrian Arab Republic")."""
    entry = load_gazetteer().country(iso2)
    if entry is not None:
        return entry.name
    country = pycountry.countries.get(alpha_2=iso2.upper())
    return getattr(country, "common_name", None) or country.name if country else iso2


def inter_code(actor: Actor | None) -> int | str:
    if actor is None or not actor.actor_type:
        return "" if actor is None else 8
    return INTER_CODES.get(actor.actor_type.lower(), 8)


def time_precision(row: EventRow) -> int:
    """ACLED: 1 = the day is known, 2 = within a week or so, 3 = only the month."""
    time = row.event.time
    if time is None:
        return 3
    if time.precision in DAY_PRECISIONS and not time.uncertain:
        return 1
    if time.start and time.end and (time.end - time.start).days <= 8:
        return 2
    return 3


def acled_record(row: EventRow) -> dict:
    e = row.event
    place = e.place
    date = e.time.start if e.time and e.time.start else None
    if date is None:
        published = [a.published for a in row.articles.values() if a.published]
        date = min(published) if published else None
    i1, i2 = inter_code(e.actor1), inter_code(e.actor2)
    flags = [name for name in ("historical", "negated", "hypothetical", "reported", "hedged") if getattr(e, name)]
    notes = " ".join(span.text for span in e.evidence[:2]) or (e.trigger.text if e.trigger else "")
    return {
        "event_id_cnty": row.id,
        "event_date": date.date().isoformat() if date else "",
        "year": date.year if date else "",
        "time_precision": time_precision(row),
        "disorder_type": DISORDER.get(e.event_type or "", ""),
        "event_type": e.event_type or "",
        "sub_event_type": e.sub_event_type or "",
        "actor1": e.actor1.canonical_name or e.actor1.text if e.actor1 else "",
        "assoc_actor_1": "; ".join(a.canonical_name or a.text for a in e.assoc_actor1),
        "inter1": i1,
        "actor2": e.actor2.canonical_name or e.actor2.text if e.actor2 else "",
        "assoc_actor_2": "; ".join(a.canonical_name or a.text for a in e.assoc_actor2),
        "inter2": i2,
        "interaction": int(f"{min(i1, i2)}{max(i1, i2)}") if isinstance(i1, int) and isinstance(i2, int)
        else (i1 * 10 if isinstance(i1, int) else ""),
        "civilian_targeting": "Civilian targeting" if e.actor2 and (e.actor2.actor_type or "").lower()
        == "civilians" else "",
        "iso": iso_numeric(place.country) if place and place.country else "",
        "country": country_name(place.country) if place and place.country else "",
        "admin1": place.admin1 or "" if place else "",
        "location": (place.name or place.text) if place else "",
        "latitude": place.latitude if place and place.latitude is not None else "",
        "longitude": place.longitude if place and place.longitude is not None else "",
        "geo_precision": place.geo_precision or "" if place else "",
        "source": "; ".join(row.sources),
        "source_scale": "National" if row.sources else "",
        "notes": notes[:1000],
        "fatalities": e.fatalities_low if e.fatalities_low is not None else (e.fatalities_best or 0),
        "tags": "",
        "kilde_reports": len(row.reports),
        "kilde_corroboration": row.corroboration,
        "kilde_flags": ";".join(flags),
        "kilde_confidence": round(e.confidence, 3),
    }


def write_acled_csv(rows, handle: IO[str]) -> int:
    writer = csv.DictWriter(handle, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(acled_record(row))
        count += 1
    return count
