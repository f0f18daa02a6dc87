"""Well-known events (kilde/lang/<lang>/known_events.yaml) that later articles name only by a cue.

Commentary written months or years after an attack calls it "terrorangrepene", "22. juli" or "Utøya", with no
date, place or actor of its own: read alone, each such mention looks like a new attack today, placed wherever the
sentence happens to name a town. Linking it to the known event gives it the real date (so history is told from the
publication date), place and type, and the same identity in every article that tells of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from kilde.events.actors import ActorEntry, ActorTable
from kilde.events.ontology import event_type_of, plover_of
from kilde.events.text import Sentence
from kilde.lang import load_data
from kilde.model import Actor, Article, Event, ExtractionResult, Place, TimeSpan

LINKED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ARTICLE_SENTENCES = 2  # sentences naming an event's cues that make the article one about it
PART_REACH = 40  # characters after a trigger in which a part's cue names the part it tells of
GEO_PRECISION = {"exact": 1, "near": 2, "admin": 2, "country": 3, "region": 3}  # ACLED's geo_precision
WORDS_AFTER_TRIGGER = 4  # "angrepene i Mumbai": a place this close after the trigger is the event's own


@dataclass(frozen=True)
class KnownPart:
    place: dict[str, Any]
    cues: tuple[re.Pattern[str], ...]
    sub_event_type: str | None = None


@dataclass(frozen=True)
class KnownEvent:
    id: str
    name: str
    day: date
    sub_event_type: str
    actor: str | None
    place: dict[str, Any]
    cues: tuple[re.Pattern[str], ...]
    parts: tuple[KnownPart, ...] = field(default_factory=tuple)

    def named_in(self, text: str) -> bool:
        return _any(self.cues, text)


def _pattern(cue: str) -> re.Pattern[str]:
    cue = str(cue).lower()
    stem = cue.endswith("*")
    body = re.escape(cue.rstrip("*"))
    end = "" if stem else r"(?!\w)"
    return re.compile(r"(?<!\w)" + body + end)


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    lowered = text.lower()
    return any(p.search(lowered) for p in patterns)


@lru_cache(maxsize=8)
def known_events(lang: str) -> tuple[KnownEvent, ...]:
    """The events of kilde/lang/nb/known_events.yaml, with the cues the article's language adds to them (`cues`,
    by event id) and events of its own (`known_events`)."""
    base = load_data("nb", "known_events") or {}
    own = (load_data(lang, "known_events") or {}) if lang != "nb" else {}
    extra: dict[str, list[str]] = {str(k): list(v) for k, v in (own.get("cues") or {}).items()}
    found = []
    for raw in [*(base.get("known_events") or []), *(own.get("known_events") or [])]:
        day = raw["date"] if isinstance(raw["date"], date) else date.fromisoformat(str(raw["date"]))
        parts = tuple(
            KnownPart(part["place"], tuple(_pattern(c) for c in part.get("cues") or []), part.get("sub_event_type"))
            for part in raw.get("parts") or []
        )
        cues = [*(raw.get("cues") or []), *extra.get(raw["id"], [])]
        found.append(
            KnownEvent(
                raw["id"],
                raw["name"],
                day,
                raw["sub_event_type"],
                raw.get("actor"),
                raw["place"],
                tuple(_pattern(c) for c in cues),
                parts,
            )
        )
    return tuple(found)


def link_known_events(
    events: list[Event],
    sents: list[Sentence],
    article: Article,
    result: ExtractionResult,
    table: ActorTable,
    lang: str,
    historical_days: int,
) -> None:
    """Give each violent event that tells of a known event that event's date, place, type and actor."""
    catalogue = known_events(lang)
    if not catalogue or not events:
        return
    about = [k for k in catalogue if sum(1 for s in sents if k.named_in(s.text)) >= ARTICLE_SENTENCES]
    named_actors = {a.canonical_id for e in events for a in (e.actor1, e.actor2) if a is not None}
    text_lower = article.text.lower()
    for event in events:
        if event.event_type not in LINKED_TYPES or event.trigger is None:
            continue
        sent = next((s for s in sents if s.start <= event.trigger.start_char < s.end), None)
        if sent is None:
            continue
        generic = _generic_noun(event, sent)
        known = next((k for k in catalogue if k.named_in(sent.text)), None)
        if known is None and generic:
            known = next((k for k in about if not _elsewhere(event, sent, result, k)), None)
        if known is None or _other_time(event, known) or _other_actor(event, known):
            continue
        if generic:
            # "kan ikkje straffast for terrorangrepa": the known attack happened, whatever the clause says of it
            event.negated = event.hypothetical = False
        named = [p for p in known.parts if _any(p.cues, sent.text)]
        part = named[0] if len(named) == 1 else _part_right_after(named, sent, event.trigger.end_char)
        place = part.place if part is not None else known.place
        sub = known.sub_event_type
        if part is not None and part.sub_event_type and event.event_type == event_type_of(part.sub_event_type):
            sub = part.sub_event_type  # "bomba i regjeringskvartalet": the part told by its weapon
        elif event.event_type == "Explosions/Remote violence" and event_type_of(sub) != event.event_type:
            sub = event.sub_event_type or sub  # a bomb told within an attack of another kind stays a bomb
        if sub != event.sub_event_type:
            event.sub_event_type = sub
            event.event_type = event_type_of(sub)
            event.plover_category, event.plover_mode = plover_of(sub)
        event.place = _place(place, event)
        event.time = _time(known, event)
        published = article.published.replace(tzinfo=None) if article.published else None
        if published is not None:
            event.historical = published - datetime.combine(known.day, datetime.min.time()) > timedelta(
                days=historical_days
            )
        if event.actor1 is None and known.actor and _actor_named(known.actor, table, text_lower, named_actors):
            event.actor1 = _actor(table.by_id[known.actor])


def _part_right_after(parts: list[KnownPart], sent: Sentence, trigger_end: int) -> KnownPart | None:
    """Of several parts a sentence names, the one whose cue alone follows the trigger closely ("sprengt
    regjeringskvartalet og avretta 86 ungdommar på Utøya"); none when two do ("angrepene mot regjeringskvartalet og
    Utøya": the whole)."""
    after = sent.text.lower()[trigger_end - sent.start : trigger_end - sent.start + PART_REACH]
    close = [p for p in parts if _any(p.cues, after)]
    return close[0] if len(close) == 1 else None


def _generic_noun(event: Event, sent: Sentence) -> bool:
    """A definite noun ("terrorangrepene", "massakren") names an event the reader knows; "amerikanske bomber" or a
    verb tells a story of its own."""
    assert event.trigger is not None
    tokens = [t for t in sent.tokens if event.trigger.start_char <= t.start < event.trigger.end_char]
    return bool(tokens) and tokens[-1].pos in ("NOUN", "PROPN", "subst") and tokens[-1].definite == "Def"


def _elsewhere(event: Event, sent: Sentence, result: ExtractionResult, known: KnownEvent) -> bool:
    """A place of another country right after the trigger ("angrepene i Mumbai") makes it another event."""
    assert event.trigger is not None
    after = [t for t in sent.tokens if t.start >= event.trigger.end_char][:WORDS_AFTER_TRIGGER]
    if not after:
        return False
    lo, hi = after[0].start, after[-1].end
    countries = {known.place.get("country")} | {p.place.get("country") for p in known.parts}
    return any(lo <= p.start_char < hi and p.country and p.country not in countries for p in result.places)


def _other_time(event: Event, known: KnownEvent) -> bool:
    """The sentence dates the event itself, and not to the known event's day."""
    time = event.time
    if time is None or time.anchor == "publication" or time.start is None or time.end is None:
        if time is not None and time.start_year is not None and time.start is None:
            return not (time.start_year <= known.day.year <= (time.end_year or time.start_year))
        return False
    day = datetime.combine(known.day, datetime.min.time())
    start, end = time.start.replace(tzinfo=None), time.end.replace(tzinfo=None)
    return not (start <= day < end + timedelta(days=1))


def _other_actor(event: Event, known: KnownEvent) -> bool:
    actor = event.actor1
    return actor is not None and actor.canonical_id is not None and actor.canonical_id != known.actor


def _actor_named(actor_id: str, table: ActorTable, text_lower: str, named: set[str | None]) -> bool:
    if actor_id in named:
        return True
    aliases = [" ".join(words) for words, entry in table.aliases.items() if entry.id == actor_id]
    return any(re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text_lower) for alias in aliases)


def _actor(entry: ActorEntry) -> Actor:
    return Actor(
        text="", canonical_id=entry.id, canonical_name=entry.name, actor_type=entry.type, wikidata=entry.wikidata
    )


def _place(raw: dict[str, Any], event: Event) -> Place:
    assert event.trigger is not None
    country = raw.get("country")
    precision = str(raw.get("precision") or "exact")
    return Place(
        start_char=event.trigger.start_char,
        end_char=event.trigger.end_char,
        text=event.trigger.text,
        name=raw["name"],
        geonames_id=raw.get("geonames_id"),
        latitude=raw.get("latitude"),
        longitude=raw.get("longitude"),
        country=str(country) if country else None,
        precision=precision,
        geo_precision=GEO_PRECISION.get(precision, 1),
    )


def _time(known: KnownEvent, event: Event) -> TimeSpan:
    assert event.trigger is not None
    start = datetime.combine(known.day, datetime.min.time())
    return TimeSpan(
        start_char=event.trigger.start_char,
        end_char=event.trigger.end_char,
        text=known.name,  # the date comes from the known event, not from words in this sentence
        start=start,
        end=start + timedelta(days=1),
        precision="day",
        anchor="known_event",
    )
