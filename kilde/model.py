"""The records kilde produces: the contract between pipeline stages.

Every record that comes from text keeps ``start_char``/``end_char`` offsets into
``Article.text`` so that any field can be traced back to, and highlighted in,
the article it came from. Stages fill these records; the store and the exports
serialise them with ``to_dict``/``from_dict`` (plain JSON types only).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DatePrecision = Literal["year", "month", "day", "minute"]
Verification = Literal["confirmed", "unconfirmed", "denied", "unstated"]

LANGUAGES = ("nb", "nn", "en", "other")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        return cls.model_validate(data)


class Span(Record):
    """A stretch of article text, e.g. an evidence sentence or a trigger word."""

    start_char: int
    end_char: int
    text: str
    label: str = ""


# --------------------------------------------------------------------- article


def normalise_text(text: str) -> str:
    """The form an article's identity is computed from: NFC, collapsed whitespace."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str, source: str | None) -> str:
    digest = hashlib.sha256()
    digest.update(normalise_text(text).encode("utf-8"))
    digest.update(b"\x00")
    digest.update((source or "").strip().lower().encode("utf-8"))
    return digest.hexdigest()[:16]


class Article(Record):
    """One dated news article.

    ``published`` holds the publication time as far as it is known;
    ``published_precision`` says how far that is (a ``date 2016-12`` record is
    ``month``: its day is unknown, and later stages must not invent one).
    """

    id: str = ""
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    language: str = "other"
    origin: str | None = Field(default=None, description="file and line the article was read from")

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            self.id = article_id(self.text, self.source)

    @property
    def published_label(self) -> str | None:
        """The publication date written to its precision: 2016-12, 2016-12-11, 2016-12-11T14:30."""
        return format_date(self.published, self.published_precision)


def format_date(value: datetime | date | None, precision: str | None) -> str | None:
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if precision == "minute" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


# --------------------------------------------------------------- extractions


class Mention(Record):
    """A named-entity mention as the NER found it (PER, ORG, GPE_LOC, ...)."""

    id: str = ""
    start_char: int
    end_char: int
    text: str
    label: str
    sentence: int | None = None
    canonical_id: str | None = None
    canonical_name: str | None = None


class Place(Record):
    """A toponym resolved to a gazetteer entry.

    ``precision`` is one of: ``exact`` (the town itself), ``near`` (near or
    part of a town), ``admin`` (an administrative region), ``country``,
    ``region`` (larger than a country). ``geo_precision`` is ACLED's 1/2/3.
    """

    id: str = ""
    start_char: int
    end_char: int
    text: str
    name: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    precision: str | None = None
    geo_precision: int | None = None
    score: float | None = None


class TimeSpan(Record):
    """A temporal expression resolved to an interval ``[start, end)``.

    ``anchor`` names what a relative expression was resolved against
    (``publication``, ``absolute``, ...); ``uncertain`` is set when the anchor
    itself is too coarse to place the expression exactly (a weekday in an
    article dated only to the month). ``kind`` tells points from durations.
    """

    id: str = ""
    start_char: int
    end_char: int
    text: str
    start: datetime | None = None
    end: datetime | None = None
    precision: str | None = None
    anchor: str | None = None
    uncertain: bool = False
    kind: Literal["point", "range", "duration", "set"] = "point"
    duration_days: float | None = None
    # Years of the interval, inclusive, negative for BC (-44 is 44 BC); set for year, decade and century
    # expressions, and the only bounds of BC ones (``start``/``end`` are None: datetime has no BC years).
    start_year: int | None = None
    end_year: int | None = None


class Quantity(Record):
    """A counted amount: ``minst 20 drepte`` -> low 20, best 20, high None, unit ``drepte``."""

    id: str = ""
    start_char: int
    end_char: int
    text: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    unit: str | None = None
    unit_start_char: int | None = None
    unit_end_char: int | None = None
    approximator: str | None = None
    fatalities: bool = False


class Claim(Record):
    """A statement a source makes in an article, with who said it and via whom.

    ``relay`` runs from the original speaker to the outlet: ``["Talal Barazi",
    "NTB", "VG"]``. ``verification`` is what the outlet says of the claim.
    """

    id: str = ""
    start_char: int
    end_char: int
    text: str
    speaker: str | None = None
    speaker_start_char: int | None = None
    speaker_end_char: int | None = None
    speaker_role: str | None = None
    speaker_kind: str | None = None
    relay: list[str] = Field(default_factory=list)
    verb: str | None = None
    verb_start_char: int | None = None
    verb_end_char: int | None = None
    direct: bool = False
    hedged: bool = False
    hedge: str | None = None
    verification: Verification = "unstated"


class Actor(Record):
    """An event participant: the words used and the canonical actor they denote."""

    text: str
    start_char: int | None = None
    end_char: int | None = None
    canonical_id: str | None = None
    canonical_name: str | None = None
    actor_type: str | None = None
    wikidata: str | None = None


class Event(Record):
    """One coded event as one article reports it.

    Types follow ACLED (``event_type``/``sub_event_type``) and PLOVER
    (``plover_category``/``plover_mode``). Flags separate what happened from
    what is denied, threatened, merely reported, or history.
    """

    id: str = ""
    article_id: str = ""
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_category: str | None = None
    plover_mode: str | None = None
    trigger: Span | None = None
    actor1: Actor | None = None
    assoc_actor1: list[Actor] = Field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor2: list[Actor] = Field(default_factory=list)
    place: Place | None = None
    time: TimeSpan | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reported: bool = False
    hedged: bool = False
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.0
    claim_ids: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    @property
    def current(self) -> bool:
        """Whether this is a present-day event that happened (not history, denial or threat)."""
        return not (self.historical or self.negated or self.hypothetical)


class ExtractionResult(Record):
    """Everything the pipeline found in one article; ``kilde extract``'s JSON."""

    article: Article
    mentions: list[Mention] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeSpan] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def assign_ids(self) -> None:
        """Give every record an id unique across the store: ``<article id>-<kind><n>``."""
        prefix = self.article.id
        for kind, records in (
            ("m", self.mentions),
            ("p", self.places),
            ("t", self.times),
            ("q", self.quantities),
            ("c", self.claims),
            ("e", self.events),
        ):
            for n, record in enumerate(records, start=1):
                if not record.id:
                    record.id = f"{prefix}-{kind}{n}"
        for event in self.events:
            event.article_id = prefix


class MergedEvent(Record):
    """One real-world event as reported by one or more articles.

    ``event`` carries the merged coding (most conservative fatalities, the most
    precise place and time); ``report_ids`` are the per-article Event ids.
    ``sources`` lists independent sources: outlets relaying the same wire story
    count once, so ``corroboration == len(sources)``.
    """

    id: str = ""
    event: Event
    report_ids: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    corroboration: int = 0
