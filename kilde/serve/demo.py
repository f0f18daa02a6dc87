"""A small hand-built store for trying the web app and for its tests.

The records are written the way the pipeline would write them (offsets found in
the text, claims with relay chains, one merged event from two outlets), so the
pages can be checked before the extractors produce events of their own:

    python -m kilde.serve.demo demo.db && kilde serve --db demo.db
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta

from kilde.model import (
    Actor,
    Article,
    Claim,
    Event,
    ExtractionResult,
    MergedEvent,
    Place,
    Quantity,
    Span,
    TimeSpan,
)
from kilde.store import Store, open_store


def _at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _span(text: str, part: str, label: str = "") -> Span:
    s, e = _at(text, part)
    return Span(start_char=s, end_char=e, text=part, label=label)


def _actor(text: str, part: str, canonical: str, actor_type: str | None = None) -> Actor:
    s, e = _at(text, part)
    return Actor(text=part, start_char=s, end_char=e, canonical_name=canonical, actor_type=actor_type)


def _place(text: str, part: str, name: str, lat: float, lon: float, country: str, precision: str = "exact") -> Place:
    s, e = _at(text, part)
    return Place(start_char=s, end_char=e, text=part, name=name, latitude=lat, longitude=lon, country=country,
                 precision=precision, geo_precision=1 if precision == "exact" else 2)


def _time(text: str, part: str, start: datetime, end: datetime, precision: str = "day",
          uncertain: bool = False) -> TimeSpan:
    s, e = _at(text, part)
    return TimeSpan(start_char=s, end_char=e, text=part, start=start, end=end, precision=precision,
                    anchor="publication", uncertain=uncertain)


def _sentence(text: str, part: str) -> Span:
    return _span(text, part, "sentence")


def demo_results() -> tuple[list[ExtractionResult], list[MergedEvent]]:
    results: list[ExtractionResult] = []

    # 1. VG relays NTB relaying the governor: the Barazi -> NTB -> VG chain.
    text = ("Minst 20 sivile ble drept da syriske regjeringsstyrker bombet et marked i Homs søndag, sier "
            "guvernør Talal Barazi til NTB.\nOpplysningene er ikke bekreftet av uavhengige kilder.")
    art = Article(text=text, source="VG", title="Marked i Homs bombet", published=datetime(2016, 12, 12),
                  published_precision="day", language="nb", url="https://example.org/vg/homs")
    sent = text.split("\n")[0]
    claim = Claim(id=f"{art.id}-c1", start_char=0, end_char=len(sent), text=sent, speaker="Talal Barazi",
                  speaker_start_char=_at(text, "Talal Barazi")[0], speaker_end_char=_at(text, "Talal Barazi")[1],
                  speaker_role="guvernør", relay=["Talal Barazi", "NTB", "VG"], verb="sier",
                  verb_start_char=_at(text, "sier")[0], verb_end_char=_at(text, "sier")[1],
                  verification="unconfirmed")
    qty = Quantity(start_char=0, end_char=len("Minst 20"), text="Minst 20", low=20, best=20, unit="sivile",
                   approximator="minst", fatalities=True)
    place = _place(text, "Homs", "Homs", 34.7308, 36.7094, "SY")
    when = _time(text, "søndag", datetime(2016, 12, 11), datetime(2016, 12, 12))
    ev1 = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                plover_category="ASSAULT", plover_mode="aerial", trigger=_span(text, "bombet", "trigger"),
                actor1=_actor(text, "syriske regjeringsstyrker", "Military Forces of Syria", "state"),
                actor2=_actor(text, "sivile", "Civilians (Syria)", "civilians"), place=place, time=when,
                quantities=[qty], fatalities_low=20, fatalities_best=20, reported=True,
                evidence=[_sentence(text, sent)], confidence=0.82, claim_ids=[claim.id], sources=["NTB", "VG"])
    results.append(ExtractionResult(article=art, places=[place], times=[when], quantities=[qty], claims=[claim],
                                    events=[ev1]))

    # 2. Aftenposten: the same strike via Reuters, hedged ("skal ha").
    text = ("Flere titalls mennesker skal ha blitt drept i et flyangrep mot et marked i Homs søndag, opplyser "
            "Syrian Observatory for Human Rights til Reuters.")
    art = Article(text=text, source="Aftenposten", title="Flyangrep i Homs", published=datetime(2016, 12, 11, 18, 5),
                  published_precision="minute", language="nb")
    claim = Claim(id=f"{art.id}-c1", start_char=0, end_char=len(text), text=text,
                  speaker="Syrian Observatory for Human Rights",
                  speaker_start_char=_at(text, "Syrian Observatory")[0],
                  speaker_end_char=_at(text, "Human Rights")[1], speaker_kind="ngo",
                  relay=["Syrian Observatory for Human Rights", "Reuters", "Aftenposten"], verb="opplyser",
                  hedged=True, hedge="skal ha", verification="unstated")
    qty = Quantity(start_char=0, end_char=len("Flere titalls"), text="Flere titalls", low=20, best=20, high=90,
                   unit="mennesker", fatalities=True)
    place = _place(text, "Homs", "Homs", 34.7308, 36.7094, "SY")
    when = _time(text, "søndag", datetime(2016, 12, 11), datetime(2016, 12, 12))
    ev2 = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                plover_category="ASSAULT", trigger=_span(text, "flyangrep", "trigger"), place=place, time=when,
                quantities=[qty], fatalities_low=20, fatalities_best=20, fatalities_high=90, hedged=True,
                reported=True, evidence=[_sentence(text, text)], confidence=0.64, claim_ids=[claim.id],
                sources=["Reuters", "Aftenposten"])
    results.append(ExtractionResult(article=art, places=[place], times=[when], quantities=[qty], claims=[claim],
                                    events=[ev2]))

    # 3. A protest in Oslo with an approximate crowd size.
    text = "Rundt 5000 mennesker demonstrerte mot krigen i Syria foran Stortinget i Oslo lørdag."
    art = Article(text=text, source="Dagbladet", title="Demonstrasjon i Oslo", published=datetime(2017, 3, 5),
                  published_precision="day", language="nb")
    qty = Quantity(start_char=0, end_char=len("Rundt 5000"), text="Rundt 5000", best=5000, unit="mennesker",
                   approximator="rundt")
    place = _place(text, "Oslo", "Oslo", 59.9127, 10.7461, "NO")
    when = _time(text, "lørdag", datetime(2017, 3, 4), datetime(2017, 3, 5))
    ev3 = Event(event_type="Protests", sub_event_type="Peaceful protest", plover_category="PROTEST",
                trigger=_span(text, "demonstrerte", "trigger"),
                actor1=_actor(text, "Rundt 5000 mennesker", "Protesters (Norway)", "protesters"),
                place=place, time=when, quantities=[qty], evidence=[_sentence(text, text)], confidence=0.9,
                sources=["Dagbladet"])
    results.append(ExtractionResult(article=art, places=[place], times=[when], quantities=[qty], events=[ev3]))

    # 4. English, dated only to the month: the time is a range on the timeline.
    text = "Taliban militants attacked a police checkpoint in Kabul last month, police said, killing four officers."
    art = Article(text=text, source="BBC", title="Kabul checkpoint attacked", published=datetime(2016, 12, 1),
                  published_precision="month", language="en")
    claim = Claim(id=f"{art.id}-c1", start_char=0, end_char=len(text), text=text, speaker="police",
                  speaker_start_char=_at(text, "police said")[0], speaker_end_char=_at(text, "police said")[0] + 6,
                  relay=["police", "BBC"], verb="said", verification="unstated")
    qty = Quantity(start_char=_at(text, "four officers")[0], end_char=_at(text, "four officers")[1],
                   text="four officers", best=4, low=4, unit="officers", fatalities=True)
    place = _place(text, "Kabul", "Kabul", 34.5281, 69.1723, "AF")
    when = _time(text, "last month", datetime(2016, 11, 1), datetime(2016, 12, 1), "month", uncertain=True)
    ev4 = Event(event_type="Battles", sub_event_type="Armed clash", plover_category="ASSAULT",
                trigger=_span(text, "attacked", "trigger"),
                actor1=_actor(text, "Taliban militants", "Taliban", "rebel"),
                actor2=_actor(text, "police checkpoint", "Police Forces of Afghanistan", "state"),
                place=place, time=when, quantities=[qty], fatalities_low=4, fatalities_best=4, fatalities_high=4,
                evidence=[_sentence(text, text)], confidence=0.77, claim_ids=[claim.id], sources=["BBC"])
    results.append(ExtractionResult(article=art, places=[place], times=[when], quantities=[qty], claims=[claim],
                                    events=[ev4]))

    # 5. History: hidden unless include_historical.
    text = "Narvik ble bombet av tyske fly i 1940, minnet ordføreren om i talen sin."
    art = Article(text=text, source="NRK", title="Minnemarkering i Narvik", published=datetime(2017, 4, 9),
                  published_precision="day", language="nb")
    place = _place(text, "Narvik", "Narvik", 68.4385, 17.4272, "NO")
    when = _time(text, "1940", datetime(1940, 1, 1), datetime(1941, 1, 1), "year")
    ev5 = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                trigger=_span(text, "bombet", "trigger"),
                actor1=_actor(text, "tyske fly", "Military Forces of Germany"),
                place=place, time=when, historical=True, evidence=[_sentence(text, text)], confidence=0.5,
                sources=["NRK"])
    results.append(ExtractionResult(article=art, places=[place], times=[when], events=[ev5]))

    for result in results:
        result.assign_ids()

    merged_event = ev1.model_copy(deep=True)
    merged_event.fatalities_high = 90
    merged = [
        MergedEvent(id="m-homs", event=merged_event, report_ids=[ev1.id, ev2.id],
                    article_ids=[ev1.article_id, ev2.article_id], sources=["NTB", "Reuters"], corroboration=2),
        MergedEvent(id="m-oslo", event=ev3, report_ids=[ev3.id], article_ids=[ev3.article_id],
                    sources=["Dagbladet"], corroboration=1),
        MergedEvent(id="m-kabul", event=ev4, report_ids=[ev4.id], article_ids=[ev4.article_id], sources=["BBC"],
                    corroboration=1),
        MergedEvent(id="m-narvik", event=ev5, report_ids=[ev5.id], article_ids=[ev5.article_id], sources=["NRK"],
                    corroboration=1),
    ]
    return results, merged


# ------------------------------------------------------------------ synthetic bulk data (benchmarks, big-page tests)

TYPES = [
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Riots", "Violent demonstration"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
ACTORS = [f"Actor {n:03d}" for n in range(300)]
PLACES = [(f"Place {n:03d}", random.Random(n).uniform(-60, 70), random.Random(n + 1000).uniform(-170, 170))
          for n in range(800)]
T0 = datetime(2000, 1, 1)


def synthetic_results(n_events: int, per_article: int = 5, seed: int = 7) -> list[ExtractionResult]:
    """Articles of one-sentence events with random type, actor, place and day in 2000-2003 (a fifth with a
    two-week uncertain date, a tenth historical), each with a claim and evidence offsets; deterministic."""
    rng = random.Random(seed)
    results = []
    for a in range(0, n_events, per_article):
        when = T0 + timedelta(days=rng.randrange(0, 4 * 365))
        sentences = []
        for k in range(per_article):
            actor, place = rng.choice(ACTORS), rng.choice(PLACES)
            sentences.append(f"{actor} angrep {place[0]} i går, sier talsperson {k}.")
        text = "\n".join(sentences)
        article = Article(text=text + f"\nArtikkel {a}.", source=rng.choice(["NTB", "VG", "Aftenposten", "NRK"]),
                          title=f"Syntetisk artikkel {a}", published=when, published_precision="day", language="nb")
        result = ExtractionResult(article=article)
        offset = 0
        for k, sentence in enumerate(sentences[: min(per_article, n_events - a)]):
            event_type, sub = rng.choice(TYPES)
            actor_name = sentence.split(" angrep ")[0]
            place_name = sentence.split(" angrep ")[1].split(" i går")[0]
            p = next(p for p in PLACES if p[0] == place_name)
            start = offset + sentence.index(place_name)
            claim = Claim(id=f"{article.id}-c{k + 1}", start_char=offset, end_char=offset + len(sentence),
                          text=sentence, speaker=f"talsperson {k}", relay=[f"talsperson {k}", "NTB", article.source],
                          verification=rng.choice(["unstated", "unstated", "confirmed", "unconfirmed"]))
            day = when - timedelta(days=1)
            uncertain = rng.random() < 0.2
            result.claims.append(claim)
            place = Place(start_char=start, end_char=start + len(place_name), text=place_name, name=place_name,
                          latitude=p[1], longitude=p[2], country="XX", precision="exact")
            result.places.append(place)
            result.events.append(Event(
                event_type=event_type, sub_event_type=sub, plover_category="ASSAULT",
                trigger=Span(start_char=offset + len(actor_name) + 1, end_char=offset + len(actor_name) + 7,
                             text="angrep", label="trigger"),
                actor1=Actor(text=actor_name, start_char=offset, end_char=offset + len(actor_name),
                             canonical_name=actor_name),
                place=place,
                time=TimeSpan(start_char=offset + sentence.index("i går"),
                              end_char=offset + sentence.index("i går") + 5,
                              text="i går", start=day - timedelta(days=14) if uncertain else day,
                              end=day + timedelta(days=1), precision="day", uncertain=uncertain),
                fatalities_best=rng.choice([None, 0, 1, 3, 10]),
                historical=rng.random() < 0.1, hedged=rng.random() < 0.2, reported=True,
                evidence=[Span(start_char=offset, end_char=offset + len(sentence), text=sentence, label="sentence")],
                confidence=round(rng.random(), 2), claim_ids=[claim.id], sources=["NTB", article.source],
            ))
            offset += len(sentence) + 1
        result.assign_ids()
        results.append(result)
    return results


def load_demo(store: Store) -> tuple[list[ExtractionResult], list[MergedEvent]]:
    results, merged = demo_results()
    store.add_articles(r.article for r in results)
    store.save_results(results, "demo")
    store.replace_merged_events(merged)
    return results, merged


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "demo.db"
    with open_store(path) as demo_store:
        loaded, _ = load_demo(demo_store)
    print(f"{len(loaded)} demo articles -> {path}")
