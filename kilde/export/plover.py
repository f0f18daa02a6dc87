"""PLOVER-style JSON Lines: actors, event, mode, context, location, time, provenance."""

from __future__ import annotations

import json
from typing import IO

from kilde.export.rows import EventRow
from kilde.model import Actor


def _actor_list(main: Actor | None, assoc: list[Actor]) -> list[dict]:
    return [
        {"text": a.text, "name": a.canonical_name or a.text, "id": a.canonical_id, "type": a.actor_type,
         "wikidata": a.wikidata}
        for a in ([main] if main else []) + list(assoc)
    ]


def plover_record(row: EventRow) -> dict:
    e = row.event
    place = e.place
    time = e.time
    reports = []
    for report in row.reports:
        article = row.articles.get(report.article_id)
        sentence = report.evidence[0] if report.evidence else None
        reports.append({
            "event_id": report.id,
            "event_text": sentence.text if sentence else (report.trigger.text if report.trigger else ""),
            "text_info": {
                "article_id": report.article_id,
                "trigger": report.trigger.model_dump() if report.trigger else None,
                "evidence": [span.model_dump() for span in report.evidence],
            },
            "cite_info": {
                "outlet": article.source if article else None,
                "url": article.url if article else None,
                "title": article.title if article else None,
                "published": article.published_label if article else None,
                "claims": [
                    {"id": c.id, "speaker": c.speaker, "relay": c.relay, "hedged": c.hedged,
                     "verification": c.verification}
                    for c in (row.claims.get(cid) for cid in report.claim_ids) if c is not None
                ],
            },
        })
    return {
        "id": row.id,
        "date": time.start.date().isoformat() if time and time.start else None,
        "date_end": time.end.date().isoformat() if time and time.end else None,
        "date_precision": time.precision if time else None,
        "date_uncertain": time.uncertain if time else True,
        "event": e.plover_category,
        "mode": e.plover_mode,
        "context": [flag for flag in ("historical", "negated", "hypothetical", "reported", "hedged")
                    if getattr(e, flag)],
        "actor": e.actor1.canonical_name or e.actor1.text if e.actor1 else None,
        "actor_list": _actor_list(e.actor1, e.assoc_actor1),
        "recipient": e.actor2.canonical_name or e.actor2.text if e.actor2 else None,
        "recipient_list": _actor_list(e.actor2, e.assoc_actor2),
        "acled": {"event_type": e.event_type, "sub_event_type": e.sub_event_type},
        "location": {
            "name": place.name or place.text, "text": place.text, "country": place.country,
            "admin1": place.admin1, "geonames_id": place.geonames_id, "lat": place.latitude,
            "lon": place.longitude, "precision": place.precision,
        } if place else None,
        "fatalities": {"low": e.fatalities_low, "best": e.fatalities_best, "high": e.fatalities_high},
        "sources": row.sources,
        "corroboration": row.corroboration,
        "confidence": e.confidence,
        "reports": reports,
    }


def write_plover_jsonl(rows, handle: IO[str]) -> int:
    count = 0
    for row in rows:
        handle.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count
