"""Merging reports of one event across articles, and counting independent sources."""

from __future__ import annotations

from datetime import datetime

from kilde.aggregate.corroboration import independent_sources, is_anaphor, wire_of
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
    assert merged.sources == ["Talal Barazi", "Syrian Observatory for Human Rights"]  # canonical name


def test_wire_copy_counts_once_even_in_the_outlets_own_voice():
    vg = article("vg", "VG", "Styrkene rykket inn i Gogjali. (©NTB)")
    ap = article("ap", "Aftenposten", "Styrkene rykket inn i Gogjali. (NTB)")
    assert wire_of(vg) == "NTB" and wire_of(ap) == "NTB"
    sources = independent_sources([report("e1", "vg"), report("e2", "ap")], {"vg": vg, "ap": ap}, {})
    assert sources == ["NTB"]


def test_identical_sentences_in_two_outlets_are_shared_copy():
    arts = {
        "vg": article("vg", "VG", "VG skriver om Palmyra."),
        "db": article("db", "Dagbladet", "Dagbladet om Palmyra."),
    }
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


def claim(cid: str, speaker: str, outlet: str, role: str | None = None) -> Claim:
    return Claim(
        id=cid, start_char=0, end_char=1, text="x", speaker=speaker, speaker_role=role, relay=[speaker, outlet]
    )


def test_one_article_mentioning_an_event_four_times_is_not_four_sources():
    bt = {"bt": article("bt", "Bergens Tidende", "Minst 71 soldatar vart drepne i Inates.")}
    claims = {
        "c1": claim("c1", "forsvarsdepartementet i landet", "Bergens Tidende"),
        "c2": claim("c2", "lokale kjelder", "Bergens Tidende"),
    }
    reports = [
        report("e1", "bt", ["c1"], evidence="Minst 71 soldatar vart drepne."),
        report("e2", "bt", evidence="Kampane skal ha vart i over tre timar."),  # the outlet's own voice
        report("e3", "bt", ["c2"], actor=None, evidence="Åtaket skal ha vorte utført av IS."),
        report("e4", "bt", evidence="Det er det mest dødelege åtaket på fleire år."),
    ]
    [merged] = merge_events(reports, bt, claims)
    # The quoted ministry and local sources are the origins; the outlet's own sentences summarise them.
    assert merged.sources == ["forsvarsdepartementet i landet", "lokale kjelder"]
    # Without any quoted source the article is one source, however often it mentions the event.
    [alone] = merge_events([reports[1], reports[3]], bt, {})
    assert alone.sources == ["Bergens Tidende"]


def test_the_same_article_stored_twice_counts_once_and_anaphors_add_no_source():
    text = "Minst 28 mennesker ble drept i Hodeida."
    arts = {"a": article("a", "Dagbladet", text), "b": article("b", "Dagbladet", text)}
    claims = {
        "c1": claim("c1", "Leger uten grenser", "Dagbladet"),
        "c2": claim("c2", "Organisasjonen", "Dagbladet"),
        "c3": claim("c3", "Leger uten grenser", "Dagbladet"),
    }
    reports = [report("e1", "a", ["c1"]), report("e2", "a", ["c2"]), report("e3", "b", ["c3"])]
    assert independent_sources(reports, arts, claims) == ["Leger uten grenser"]
    assert is_anaphor("Organisasjonen") and is_anaphor("gruppa") and not is_anaphor("Russland")


def test_a_spokesperson_speaks_for_the_organisation():
    arts = {"nrk": article("nrk", "NRK", "Observatoriet opplyser at flyene bombet torget.")}
    claims = {
        "c1": claim("c1", "Observatoriet", "NRK"),
        "c2": claim("c2", "Omar Haddad", "NRK", role="Observatoriets talsperson"),
    }
    sources = independent_sources([report("e1", "nrk", ["c1"]), report("e2", "nrk", ["c2"])], arts, claims)
    assert sources == ["Syrian Observatory for Human Rights"]


def test_territory_taken_and_territory_retaken_are_two_events():
    taken = report("e1", "ap", sub="Non-state actor overtakes territory")
    retaken = report("e2", "vg", sub="Government regains territory", actor=ARMY)
    clash = report("e3", "vg", sub="Armed clash")
    assert not compatible(taken, retaken)
    assert compatible(taken, clash)  # the fighting in which IS took the town
    merged = merge_events([taken, retaken, clash], {}, {})
    assert sorted(m.event.sub_event_type for m in merged) == [
        "Government regains territory",
        "Non-state actor overtakes territory",
    ]


def test_a_strike_and_the_rockets_fired_back_are_two_events():
    israel = Actor(text="Israel", canonical_id="military_forces_of_israel", actor_type="State forces")
    strike = report("e1", "nrk", actor=israel, sub="Air/drone strike")
    rockets = report("e2", "nrk", actor=None, sub="Shelling/artillery/missile attack")
    rockets.actor2 = israel
    for r in (strike, rockets):
        r.event_type = "Explosions/Remote violence"
    assert len(merge_events([strike, rockets], {}, {})) == 2
    # One blast that one source calls an air strike and another a bomb is one event.
    bomb = report("e3", "db", actor=None, sub="Remote explosive/landmine/IED")
    bomb.event_type = "Explosions/Remote violence"
    assert compatible(strike, bomb)


def test_headline_lead_and_later_paragraph_of_one_article_are_one_event():
    bt = {"bt": article("bt", "Bergens Tidende", "...")}
    unknown = Actor(text="væpna menn", canonical_id="unidentified_armed_group", actor_type="Rebels")
    reports = [
        report("e1", "bt", actor=unknown, evidence="Væpna menn gjekk til åtak på leiren."),
        report("e2", "bt", actor=None, evidence="Kampane varte i tre timar."),
        report("e3", "bt", actor=IS, evidence="Ifølgje lokale kjelder stod IS bak åtaket."),
    ]
    [merged] = merge_events(reports, bt, {})
    assert merged.report_ids == ["e1", "e2", "e3"]


def test_samples_wire_copies_count_once_and_kafr_nabl_reports_merge():
    from conftest import SAMPLES

    from kilde.ingest import read_paths
    from kilde.pipeline import extract_article

    names = ("nb-04", "nb-05", "nb-06", "en-01")
    found = [a for a in read_paths([p for p in sorted(SAMPLES.glob("*.txt")) if p.name[:5] in names])]
    results = [extract_article(a) for a in found if isinstance(a, Article)]
    assert len(results) == 4
    articles = {r.article.id: r.article for r in results}
    claims = {c.id: c for r in results for c in r.claims}
    merged = merge_events([e for r in results for e in r.events], articles, claims)
    current = [m for m in merged if m.event.current]
    outlets = {m.id: {articles[a].source for a in m.article_ids} for m in current}
    # The NTB story in VG and Aftenposten: one event, and NTB is not counted twice.
    mosul = [m for m in current if outlets[m.id] == {"VG", "Aftenposten"}]
    assert mosul and all("NTB" not in m.sources[1:] and m.sources.count("NTB") <= 1 for m in mosul)
    assert all(m.corroboration == len(set(m.sources)) for m in current)
    # The Kafr Nabl market strike told by NRK (the observatory) and by Reuters: one event, several origins, and the
    # observatory counted once although NRK names it three times.
    [kafr_nabl] = [m for m in current if outlets[m.id] == {"NRK", "Reuters"}]
    assert kafr_nabl.event.sub_event_type == "Air/drone strike"
    assert kafr_nabl.corroboration >= 2 and kafr_nabl.sources.count("Syrian Observatory for Human Rights") == 1
    assert "Reuters" in kafr_nabl.sources


def test_fatalities_take_each_articles_toll_and_the_most_conservative_across_sources():
    reports = [
        report("e1", "nrk", fatalities=23),
        report("e2", "nrk", fatalities=5, evidence="Blant de drepte skal det være fem barn."),  # part of the toll
        report("e3", "reuters", fatalities=31, evidence="Air strikes killed at least 31 people."),
    ]
    [merged] = merge_events(reports, {}, {})
    assert merged.event.fatalities_best == 23
