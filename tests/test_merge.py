"""Merging reports of one event across articles, and counting independent sources."""

from __future__ import annotations

from datetime import datetime

from kilde.aggregate.corroboration import independent_sources, wire_of
from kilde.aggregate.merge import compatible, merge_events
from kilde.model import Actor, Article, Claim, Event, Place, Span, TimeSpan

PALMYRA = Place(
    start_char=0,
    end_char=7,
    text="Palmyra",
    name="Tadmur",
    country="SY",
    latitude=34.56,
    longitude=38.27,
    precision="exact",
)
HOMS = Place(
    start_char=0, end_char=4, text="Homs", name="Homs", country="SY", latitude=34.73, longitude=36.71, precision="exact"
)
IS = Actor(text="IS", canonical_id="islamic_state", canonical_name="Islamic State", actor_type="Rebels")
ARMY = Actor(text="hæren", canonical_id="syrian_government_forces", actor_type="State forces")


def article(aid: str, source: str, text: str = "...") -> Article:
    return Article(id=aid, text=text, source=source, published=datetime(2016, 12, 11), published_precision="day")


def report(
    rid: str,
    aid: str,
    claim_ids=(),
    place=PALMYRA,
    actor=IS,
    day=11,
    sub="Armed clash",
    fatalities=None,
    evidence="IS angrep Palmyra.",
    **flags,
) -> Event:
    return Event(
        id=rid,
        article_id=aid,
        event_type="Battles",
        sub_event_type=sub,
        actor1=actor,
        place=place,
        time=TimeSpan(
            start_char=0,
            end_char=6,
            text="søndag",
            start=datetime(2016, 12, day),
            end=datetime(2016, 12, day + 1),
            precision="day",
            anchor="publication-weekday",
        ),
        fatalities_best=fatalities,
        fatalities_low=fatalities,
        claim_ids=list(claim_ids),
        confidence=0.6,
        evidence=[Span(start_char=0, end_char=len(evidence), text=evidence)],
        **flags,
    )


def test_two_outlets_relaying_ntb_are_one_source_and_governor_and_sohr_are_two():
    articles = {"vg": article("vg", "VG"), "ap": article("ap", "Aftenposten"), "nrk": article("nrk", "NRK")}
    claims = {
        "c1": Claim(
            id="c1", start_char=0, end_char=1, text="x", speaker="Talal Barazi", relay=["Talal Barazi", "NTB", "VG"]
        ),
        "c2": Claim(
            id="c2",
            start_char=0,
            end_char=1,
            text="x",
            speaker="Talal Barazi",
            relay=["Talal Barazi", "NTB", "Aftenposten"],
        ),
        "c3": Claim(
            id="c3",
            start_char=0,
            end_char=1,
            text="x",
            speaker="SOHR",
            relay=["Det syriske observatoriet for menneskerettigheter", "NRK"],
        ),
    }
    relayed = [report("e1", "vg", ["c1"], fatalities=50), report("e2", "ap", ["c2"], fatalities=60)]
    [merged] = merge_events(relayed, articles, claims)
    assert merged.report_ids == ["e1", "e2"] and merged.article_ids == ["vg", "ap"]
    assert merged.corroboration == 1 and merged.sources == ["Talal Barazi"]
    assert merged.event.fatalities_best == 50  # ACLED: the most conservative figure

    [merged] = merge_events([*relayed, report("e3", "nrk", ["c3"])], articles, claims)
    assert merged.corroboration == 2
    assert merged.sources == ["Talal Barazi", "Det syriske observatoriet for menneskerettigheter"]


def test_wire_copy_counts_once_even_in_the_outlets_own_voice():
    vg = article("vg", "VG", "Styrkene rykket inn i Gogjali. (©NTB)")
    ap = article("ap", "Aftenposten", "Styrkene rykket inn i Gogjali. (NTB)")
    assert wire_of(vg) == "NTB" and wire_of(ap) == "NTB"
    sources = independent_sources([report("e1", "vg"), report("e2", "ap")], {"vg": vg, "ap": ap}, {})
    assert sources == ["NTB"]


def test_identical_sentences_in_two_outlets_are_shared_copy():
    arts = {"vg": article("vg", "VG"), "db": article("db", "Dagbladet")}
    same = independent_sources([report("e1", "vg"), report("e2", "db")], arts, {})
    different = independent_sources(
        [report("e1", "vg"), report("e2", "db", evidence="Kampene raste i Palmyra.")], arts, {}
    )
    assert len(same) == 1 and different == ["VG", "Dagbladet"]


def test_reports_far_apart_in_place_time_type_or_actors_stay_apart():
    base = report("e1", "vg")
    assert compatible(base, report("e2", "ap"))
    assert not compatible(base, report("e2", "ap", place=HOMS))  # 140 km apart, both exact
    assert not compatible(base, report("e2", "ap", day=20))
    syria = Place(
        start_char=0,
        end_char=5,
        text="Syria",
        name="Syria",
        country="SY",
        latitude=35.0,
        longitude=38.0,
        precision="country",
    )
    # Different actors somewhere in Syria are different events; at one precise spot they are two sides of one.
    assert not compatible(report("e1", "vg", place=syria), report("e2", "ap", place=syria, actor=ARMY))
    assert compatible(base, report("e2", "ap", actor=ARMY))
    assert not compatible(base, report("e2", "ap", historical=True))
    assert compatible(base, report("e2", "ap", actor=None))  # one side names no actor
    assert len(merge_events([base, report("e2", "ap", place=HOMS)], {}, {})) == 2


def test_a_country_level_place_merges_with_a_town_in_it():
    syria = Place(
        start_char=0,
        end_char=5,
        text="Syria",
        name="Syria",
        country="SY",
        latitude=35.0,
        longitude=38.0,
        precision="country",
    )
    [merged] = merge_events([report("e1", "vg"), report("e2", "ap", place=syria)], {}, {})
    assert merged.event.place.name == "Tadmur"  # the most precise place


def test_events_without_acled_type_are_not_merged():
    accuse = Event(id="e9", article_id="vg", plover_category="ACCUSE")
    assert merge_events([accuse], {}, {}) == []


def test_reports_blaming_different_actors_for_one_strike_at_one_spot_merge():
    syrian = Actor(text="flyvåpenet", canonical_id="syrian_government_forces", actor_type="State forces")
    russian = Actor(text="russiske fly", canonical_id="russian_military", actor_type="External/Other forces")
    reports = [
        report("e1", "nrk", actor=russian, sub="Air/drone strike"),
        report("e2", "reuters", actor=syrian, sub="Air/drone strike"),
    ]
    for r in reports:
        r.event_type = "Explosions/Remote violence"
    assert len(merge_events(reports, {}, {})) == 1
