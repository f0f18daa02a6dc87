"""Reports of one real-world event, across articles, merged into MergedEvents.

Two reports are one event when their types are compatible (same ACLED event type), their places lie within a
distance that fits the coarser of their precisions, their time intervals overlap (a publication-date stand-in is
widened by a few days, since news tells of the days before), and their actors overlap (or one side names none).
Historical background never merges with current news. The merged coding follows ACLED: the most conservative
fatality figure, the most precise place and time; every report is kept by id.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import datetime, timedelta

from kilde.aggregate.corroboration import independent_sources
from kilde.model import Actor, Article, Claim, Event, MergedEvent, Place, TimeSpan

# How far apart two places may be (km) and still be one event's, by the coarser precision of the two.
TOLERANCE_KM = {"exact": 25.0, "near": 40.0, "admin": 150.0, "country": 1000.0, "region": 3000.0}
PRECISION_RANK = {"exact": 0, "near": 1, "admin": 2, "country": 3, "region": 4}
TIME_PRECISION_RANK = {"minute": 0, "day": 1, "month": 2, "year": 3}
PUBLICATION_SLACK = timedelta(days=3)
CLASH = "Armed clash"
BATTLES = "Battles"
TERRITORIAL = ("Government regains territory", "Non-state actor overtakes territory")


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.latitude is not None and b.latitude is not None and a.longitude is not None and b.longitude is not None:
        coarse = max(PRECISION_RANK.get(a.precision or "exact", 0), PRECISION_RANK.get(b.precision or "exact", 0))
        tolerance = max(TOLERANCE_KM[p] for p, r in PRECISION_RANK.items() if r == coarse)
        return _km(a, b) <= tolerance
    if a.country and b.country and a.country != b.country:
        return False
    names_a = {(a.name or "").lower(), a.text.lower()} - {""}
    names_b = {(b.name or "").lower(), b.text.lower()} - {""}
    return bool(names_a & names_b) or bool(a.country and a.country == b.country)


def _interval(time: TimeSpan | None) -> tuple[datetime, datetime] | None:
    if time is None or time.start is None:
        return None
    start = time.start.replace(tzinfo=None)
    end = (time.end or time.start + timedelta(days=1)).replace(tzinfo=None)
    if time.anchor == "publication":
        start -= PUBLICATION_SLACK
        end += timedelta(days=1)
    return start, end


def times_compatible(a: TimeSpan | None, b: TimeSpan | None) -> bool:
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return True
    return ia[0] < ib[1] and ib[0] < ia[1]


def actor_ids(event: Event) -> set[str]:
    actors = [event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2]
    return {a.canonical_id for a in actors if a is not None and a.canonical_id and a.canonical_id != "protesters"}


def actors_compatible(a: Event, b: Event) -> bool:
    ids_a, ids_b = actor_ids(a), actor_ids(b)
    return not ids_a or not ids_b or bool(ids_a & ids_b)


def sub_types_compatible(a: Event, b: Event) -> bool:
    """Same ACLED sub-event type, or two descriptions that can be of one event.

    A clash and the change of territory it brought are one event (ACLED codes the territorial sub-type). The two
    territorial sub-types exclude each other (IS taking a town and the army retaking it are two events), and so do
    different types of event. Explosions described as different weapons (an air strike by one source, shells or a
    bomb by another) can be one blast unless the reports name different perpetrators.
    """
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.event_type != b.event_type:
        return False
    subs = {a.sub_event_type, b.sub_event_type}
    if a.event_type == "Battles":
        return CLASH in subs
    if a.event_type == "Explosions/Remote violence":
        first_a = a.actor1.canonical_id if a.actor1 else None
        first_b = b.actor1.canonical_id if b.actor1 else None
        return not (first_a and first_b and first_a != first_b)
    return False


def roles_reversed(a: Event, b: Event) -> bool:
    """One report's perpetrator is the other's target: a strike and the retaliation are two events (a clash is not)."""
    if a.sub_event_type == CLASH and b.sub_event_type == CLASH:
        return False

    def ids(actor: Actor | None, assoc: list[Actor]) -> set[str]:
        return {x.canonical_id for x in [actor, *assoc] if x is not None and x.canonical_id}

    first_a, second_a = ids(a.actor1, a.assoc_actor1), ids(a.actor2, a.assoc_actor2)
    first_b, second_b = ids(b.actor1, b.assoc_actor1), ids(b.actor2, b.assoc_actor2)
    crossed = bool(first_a & second_b) or bool(first_b & second_a)
    return crossed and not (first_a & first_b)


def compatible(a: Event, b: Event) -> bool:
    """Whether two reports can be of one event."""
    if not a.sub_event_type or not b.sub_event_type or not sub_types_compatible(a, b):
        return False
    if a.historical != b.historical or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if not (places_compatible(a.place, b.place) and times_compatible(a.time, b.time)):
        return False
    if (
        a.article_id
        and a.article_id == b.article_id
        and (a.sub_event_type == b.sub_event_type or a.event_type == BATTLES)
    ):
        # Within one article, mentions of the same kind of event at one place and time are the headline, the lead and
        # the later paragraphs telling one event, whoever each source blames for it (or names as the side that
        # fought back when a town was taken).
        return True
    if roles_reversed(a, b):
        return False
    # Sources often disagree about who did it (an airstrike blamed on Russian or Syrian jets): the same kind of event
    # at the same precise spot and time is one event whatever actors the reports name.
    return actors_compatible(a, b) or (a.sub_event_type == b.sub_event_type and _same_spot(a.place, b.place))


def _same_spot(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        names_a = {(a.name or "").lower(), a.text.lower()} - {""}
        return bool(names_a & ({(b.name or "").lower(), b.text.lower()} - {""}))
    precise = {"exact", "near"}
    return a.precision in precise and b.precision in precise and _km(a, b) <= TOLERANCE_KM["exact"]


def _cluster(items: list[list[Event]], fits) -> list[list[Event]]:
    """Greedy clustering in time order: an item joins the first cluster every member of which it fits."""
    clusters: list[list[list[Event]]] = []
    for item in items:
        for cluster in clusters:
            if all(fits(item, other) for other in cluster):
                cluster.append(item)
                break
        else:
            clusters.append([item])
    return [[report for item in cluster for report in item] for cluster in clusters]


def merge_events(events: list[Event], articles: dict[str, Article], claims: dict[str, Claim]) -> list[MergedEvent]:
    """Cluster ACLED-coded reports into events; each cluster becomes one MergedEvent with all its report ids.

    First the mentions within each article are clustered (headline, lead and later paragraphs of one event), then
    these per-article events are merged across articles by their combined coding: the place most of an article's
    mentions name, its most precise time, all its actors. So one vague mention ("i Idlib") does not keep an
    article's event apart from another outlet's report of it.
    """
    coded = [e for e in events if e.sub_event_type]
    coded.sort(key=lambda e: (_interval(e.time) or (datetime.max, datetime.max))[0])
    by_article: dict[str, list[Event]] = {}
    for event in coded:
        by_article.setdefault(event.article_id, []).append(event)
    local = [
        cluster
        for reports in by_article.values()
        for cluster in _cluster([[r] for r in reports], lambda a, b: compatible(a[0], b[0]))
    ]
    local.sort(key=lambda c: min((_interval(r.time) or (datetime.max, datetime.max))[0] for r in c))
    summaries = {id(c): _summary(c) for c in local}
    clusters = _cluster(local, lambda a, b: compatible(summaries[id(a)], summaries[id(b)]))
    return [_merged(cluster, articles, claims) for cluster in clusters]


def _summary(reports: list[Event]) -> Event:
    """One article's reports of one event as a single event, for comparing with other articles' reports."""
    event = _merged(reports, {}, {}).event
    event.article_id = reports[0].article_id
    event.assoc_actor1 = [a for r in reports for a in [r.actor1, *r.assoc_actor1] if a is not None]
    event.assoc_actor2 = [a for r in reports for a in [r.actor2, *r.assoc_actor2] if a is not None]
    return event


def _most_common(values: list[str]) -> str | None:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def _best_actor(reports: list[Event], attr: str) -> Actor | None:
    actors = [getattr(r, attr) for r in reports if getattr(r, attr) is not None]
    if not actors:
        return None
    top = _most_common([a.canonical_id or a.text for a in actors])
    return next(a for a in actors if (a.canonical_id or a.text) == top)


def _conservative(reports: list[Event], figure) -> int | None:
    """The smallest of each article's largest figure."""
    per_article: dict[str, int] = {}
    for report in reports:
        value = figure(report)
        if value is not None:
            per_article[report.article_id] = max(value, per_article.get(report.article_id, value))
    return min(per_article.values(), default=None)


def _merged(reports: list[Event], articles: dict[str, Article], claims: dict[str, Claim]) -> MergedEvent:
    sub = _most_common([r.sub_event_type or "" for r in reports]) or reports[0].sub_event_type
    territorial = [r.sub_event_type for r in reports if r.sub_event_type in TERRITORIAL]
    if territorial:
        # ACLED: a clash that changed who holds the ground is coded as the change of territory.
        sub = _most_common(territorial)
    lead = max((r for r in reports if r.sub_event_type == sub), key=lambda r: r.confidence)
    placed = [r.place for r in reports if r.place is not None]
    # The place most mentions name, then the most precise: one mention of the province does not outweigh three of
    # the town.
    named = Counter((p.name or p.text).lower() for p in placed)
    place = (
        min(
            placed,
            key=lambda p: (
                -named[(p.name or p.text).lower()],
                PRECISION_RANK.get(p.precision or "", 2),
                -(p.score or 0),
            ),
        )
        if placed
        else None
    )
    timed = [r.time for r in reports if r.time is not None and r.time.start is not None]
    own_times = [t for t in timed if t.anchor != "publication"] or timed
    time = (
        min(
            own_times,
            key=lambda t: (
                TIME_PRECISION_RANK.get(t.precision or "", 2),
                (t.end - t.start) if t.end and t.start else timedelta.max,
            ),
        )
        if own_times
        else None
    )
    # ACLED: the most conservative reported figure, across sources. Within one article a smaller figure is mostly a
    # part of the toll ("blant de drepte fem barn"), so each article gives its largest and the smallest of those wins.
    best = _conservative(reports, lambda r: r.fatalities_best if r.fatalities_best is not None else r.fatalities_low)
    low = _conservative(reports, lambda r: r.fatalities_low)
    high = _conservative(reports, lambda r: r.fatalities_high)
    sources = independent_sources(reports, articles, claims)
    confidence = 1.0
    for r in reports:
        confidence *= 1.0 - r.confidence
    event = lead.model_copy(deep=True)
    event.id = ""
    event.actor1 = _best_actor([r for r in reports if r.sub_event_type == sub], "actor1") or lead.actor1
    event.actor2 = _best_actor(
        [
            r
            for r in reports
            if r.actor2 is not None and event.actor1 is not None and r.actor2.canonical_id != event.actor1.canonical_id
        ]
        or reports,
        "actor2",
    )
    if event.actor1 is not None and event.actor2 is not None and event.actor2.canonical_id == event.actor1.canonical_id:
        event.actor2 = None
    event.place, event.time = place, time
    event.fatalities_low, event.fatalities_best, event.fatalities_high = low, best, high
    event.quantities = [q for r in reports for q in r.quantities]
    event.reported = all(r.reported for r in reports)
    event.hedged = all(r.hedged for r in reports)
    event.evidence = [span for r in reports for span in r.evidence]
    event.claim_ids = list(dict.fromkeys(c for r in reports for c in r.claim_ids))
    event.sources = sources
    event.confidence = round(min(0.99, 1.0 - confidence), 3)
    report_ids = [r.id for r in reports if r.id]
    digest = hashlib.sha256("|".join(sorted(report_ids) or [lead.trigger.text if lead.trigger else ""]).encode())
    return MergedEvent(
        id=f"me-{digest.hexdigest()[:12]}",
        event=event,
        report_ids=report_ids,
        article_ids=list(dict.fromkeys(r.article_id for r in reports if r.article_id)),
        sources=sources,
        corroboration=len(sources),
    )
