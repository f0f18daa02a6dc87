"""Actor normalisation: the alias table maps the many names of an actor to one canonical actor with an ACLED type."""

from __future__ import annotations

import pytest

from kilde.events.actors import actor_table, find_actors, to_actor
from kilde.events.text import sentences
from kilde.nlp import parse


def actors_in(text: str, lang: str = "nb"):
    table = actor_table(lang)
    history = []
    found = []
    for sent in sentences(parse(text, lang), text):
        mentions = find_actors(sent, table, None, history)
        history.extend(m for m in mentions if m.entry is not None and m.kind != "anaphor")
        found.extend(mentions)
    return found


@pytest.mark.parametrize("name", ["IS", "ISIL", "ISIS", "Daesh", "Den islamske staten", "IS-krigere", "IS-krigerne"])
def test_islamic_state_aliases(name):
    [mention] = actors_in(f"{name} angrep byen.")
    actor = to_actor(mention)
    assert actor.canonical_id == "islamic_state"
    assert actor.canonical_name == "Islamic State"
    assert actor.wikidata == "Q2429253"
    assert actor.actor_type == "Rebels"


def test_lower_case_is_is_not_islamic_state():
    assert [m for m in actors_in("Det er is på veien.") if m.entry] == []


@pytest.mark.parametrize("name", ["Assad-regimet", "Den syriske hæren", "Syriske soldater"])
def test_syrian_government_forces(name):
    [mention] = actors_in(f"{name} rykket inn i byen.")
    assert to_actor(mention).canonical_id == "syrian_government_forces"
    assert to_actor(mention).actor_type == "State forces"


@pytest.mark.parametrize("name", ["Regjeringsstyrkene", "Regjeringsvennlige styrker"])
def test_government_forces_without_a_country_wait_for_the_event_s_country(name):
    [mention] = actors_in(f"{name} rykket inn i byen.")
    assert to_actor(mention).canonical_id == "government_forces"
    assert to_actor(mention).actor_type == "State forces"


def test_terrorgruppen_refers_back_to_the_last_armed_group():
    mentions = actors_in("IS rykket inn i Palmyra søndag. Terrorgruppen sprengte templer i byen.")
    assert [m.entry.id for m in mentions] == ["islamic_state", "islamic_state"]
    assert mentions[1].kind == "anaphor"


def test_nationality_and_forces_make_a_countrys_military():
    [russian] = actors_in("Russiske fly bombet byen.")
    [israeli] = actors_in("Israelske tropper rykket inn.")
    [iraqi] = actors_in("Irakiske spesialstyrker tok seg inn i Mosul.")
    assert to_actor(russian).canonical_id == "russian_military"
    assert to_actor(israeli).canonical_name == "Military Forces of Israel"
    assert to_actor(iraqi).canonical_id == "military_forces_of_iraq"


def test_a_country_as_agent_of_violence_is_its_armed_forces():
    [country] = [m for m in actors_in("Israel bombet Gaza natt til tirsdag.") if m.kind == "country"][:1]
    assert to_actor(country, violent=True).canonical_id == "military_forces_of_israel"
    assert to_actor(country, violent=False).canonical_name == "Israel"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Taliban angrep byen.", ("taliban", "Rebels")),
        ("Hamas skjøt raketter.", ("hamas", "Rebels")),
        ("NATO bombet Tripoli.", ("nato", "External/Other forces")),
        ("Politiet pågrep to menn.", ("police_forces", "State forces")),
        ("Forsvaret sendte fly.", ("military_forces_of_norway", "State forces")),
        ("Demonstrantene marsjerte.", ("protesters", "Protesters")),
        ("Den USA-ledede koalisjonen bombet byen.", ("us_led_coalition", "External/Other forces")),
    ],
)
def test_common_actors(text, expected):
    mention = next(m for m in actors_in(text) if m.entry)
    actor = to_actor(mention)
    assert (actor.canonical_id, actor.actor_type) == expected


def test_nynorsk_aliases():
    mention = next(m for m in actors_in("Regjeringsstyrkane tok kontroll over byen.", lang="nn") if m.entry)
    assert to_actor(mention).canonical_id == "government_forces"
