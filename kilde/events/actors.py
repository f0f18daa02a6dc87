"""Actor mentions and their normalisation through the alias table (kilde/lang/<lang>/actors.yaml).

"IS", "Daesh" and "IS-krigerne" are all Islamic State (Q2429253); "israelske tropper" and a bare "Israel" as the agent
of an attack are Military Forces of Israel; "terrorgruppen" refers back to the last armed group named. Names the
table lacks come from the NER (PER, ORG, GPE_ORG) and stay unnormalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kilde.events.text import Sentence
from kilde.events.triggers import _languages, lexicon
from kilde.lang import function_words, load_data
from kilde.model import Actor, Mention


@dataclass
class ActorEntry:
    id: str
    name: str
    type: str | None
    wikidata: str | None = None


# ACLED actor types that fight: their names make a sentence about armed conflict.
ARMED_TYPES = frozenset({"State forces", "Rebels", "Political militia", "Identity militia", "External/Other forces"})


@dataclass
class ActorTable:
    aliases: dict[tuple[str, ...], ActorEntry]
    max_len: int
    prefixes: dict[str, ActorEntry]
    force_nouns: set[str]
    countries: dict[str, str]  # country form or adjective -> country name
    adjectives: set[str]
    anaphors: dict[str, list[str]]  # word -> actor types it may refer to
    by_id: dict[str, ActorEntry] = field(default_factory=dict)
    place_nouns: tuple[str, ...] = ()  # "landsbyen", "town of": the name after one is a place, never an actor
    lang: str = ""
    military_ranks: frozenset[str] = frozenset()  # "kaptein Sanogo": an officer acts for his country's forces

    def forces_of(self, country: str) -> ActorEntry:
        """The table's entry for a country's armed forces when it has one (Syria -> syrian_government_forces)."""
        name = f"Military Forces of {country}"
        for entry in self.by_id.values():
            if entry.name == name:
                return entry
        return forces_of(country)


@dataclass
class ActorMention:
    start: int  # token indices in the sentence
    end: int
    text: str
    start_char: int
    end_char: int
    entry: ActorEntry | None
    kind: str = "alias"  # alias | forces | country | anaphor | ner


# Word lists: kilde/lang/<lang>/function_words.yaml (the union over nb, nn and en).
FORCE_FILLERS = function_words("force_phrase_fillers")
PLACE_NOUN_LINKS = function_words("place_noun_links")
_TOKEN = re.compile(r"\w+(?:[-']\w+)*'?|[^\w\s]", re.UNICODE)


def _tokens(alias: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(alias.lower()))


def _snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@lru_cache(maxsize=8)
def actor_table(lang: str) -> ActorTable:
    aliases: dict[tuple[str, ...], ActorEntry] = {}
    prefixes: dict[str, ActorEntry] = {}
    by_id: dict[str, ActorEntry] = {}
    force_nouns: set[str] = set()
    ranks: set[str] = set()
    countries: dict[str, str] = {}
    adjectives: set[str] = set()
    anaphors: dict[str, list[str]] = {}
    place_nouns: list[str] = []
    for code in _languages(lang):
        data: dict[str, Any] = load_data(code, "actors") or {}
        for raw in data.get("actors") or []:
            entry = ActorEntry(raw["id"], raw["name"], raw.get("type"), raw.get("wikidata"))
            by_id[entry.id] = entry
            for alias in raw.get("aliases") or []:
                aliases.setdefault(_tokens(str(alias)), entry)
            for prefix in raw.get("prefixes") or []:
                prefixes[str(prefix).lower()] = entry
        for actor_id, extra in (data.get("extends") or {}).items():
            if actor_id in by_id:
                for alias in extra:
                    aliases.setdefault(_tokens(str(alias)), by_id[actor_id])
        force_nouns.update(str(w).lower() for w in data.get("force_nouns") or [])
        ranks.update(str(w).lower() for w in data.get("military_ranks") or [])
        for raw in data.get("countries") or []:
            for form in raw.get("forms") or []:
                countries[str(form).lower()] = raw["name"]
            for adj in raw.get("adjectives") or []:
                countries[str(adj).lower()] = raw["name"]
                adjectives.add(str(adj).lower())
        place_nouns.extend(str(w).lower() for w in data.get("place_nouns") or [])
        for raw in data.get("anaphors") or []:
            for word in raw.get("words") or []:
                anaphors[str(word).lower()] = list(raw.get("types") or [])
    if lang in ("nb", "nn"):
        _add_cldr_countries(countries, lang)
    if "nb" not in _languages(lang):
        # Proper names are the same in every language: an English article's "Hamas-led" or "M23" finds the actor the
        # Bokmål table names by its `prefixes`, when the English table lacks it.
        for raw in (load_data("nb", "actors") or {}).get("actors") or []:
            entry = by_id.get(raw["id"]) or ActorEntry(raw["id"], raw["name"], raw.get("type"), raw.get("wikidata"))
            by_id.setdefault(entry.id, entry)
            for prefix in raw.get("prefixes") or []:
                aliases.setdefault((str(prefix).lower(),), entry)
                prefixes.setdefault(str(prefix).lower(), entry)
    max_len = max((len(k) for k in aliases), default=1)
    return ActorTable(
        aliases, max_len, prefixes, force_nouns, countries, adjectives, anaphors, by_id, tuple(place_nouns), lang,
        frozenset(ranks),
    )


def _add_cldr_countries(countries: dict[str, str], lang: str) -> None:
    """Every country's name in the article's language (CLDR via babel) and its genitive, after the table's own
    forms: "Eritrea" and "Eritreas soldatar" code as Military Forces of Eritrea without a table entry."""
    try:
        import pycountry
        from babel import Locale
    except ImportError:  # pragma: no cover - both come with the places stage
        return
    names = Locale(lang).territories
    for country in pycountry.countries:
        local = names.get(country.alpha_2)
        if not local or "(" in local:
            continue
        english = getattr(country, "common_name", None) or country.name
        if "," in english:
            continue
        for form in (local.lower(), local.lower() + "s"):
            countries.setdefault(form, english)


def forces_of(country: str) -> ActorEntry:
    """ACLED's name for a country's armed forces."""
    return ActorEntry(f"military_forces_of_{_snake(country)}", f"Military Forces of {country}", "State forces")


def find_actors(
    sent: Sentence, table: ActorTable, mentions: list[Mention] | None = None, history: list[ActorMention] | None = None
) -> list[ActorMention]:
    """Actor mentions in a sentence, longest alias first; `history` (earlier mentions) resolves anaphors."""
    toks = sent.tokens
    lowers = [t.lower for t in toks]
    found: list[ActorMention] = []
    taken: set[int] = set()

    def add(start: int, end: int, entry: ActorEntry | None, kind: str) -> None:
        found.append(
            ActorMention(
                start, end, " ".join(t.text for t in toks[start:end]), toks[start].start, toks[end - 1].end, entry, kind
            )
        )
        taken.update(range(start, end))

    i = 0
    while i < len(toks):
        if i in taken:
            i += 1
            continue
        low = lowers[i]
        # "israelske tropper", "Russlands fly", "syriske og russiske fly"
        country = (
            table.countries.get(low) or table.countries.get(low.rstrip("s")) if low not in table.force_nouns else None
        )
        if country:
            j = i + 1
            while (
                j < len(toks)
                and j <= i + 3
                and lowers[j] not in table.force_nouns
                and (lowers[j] in table.adjectives or lowers[j] in FORCE_FILLERS)
            ):
                j += 1
            if j < len(toks) and lowers[j] in table.force_nouns and j <= i + 3:
                add(i, j + 1, table.forces_of(country), "forces")
                i = j + 1
                continue
        matched = False
        for n in range(min(table.max_len, len(toks) - i), 0, -1):
            key = tuple(lowers[i : i + n])
            if key in table.aliases and not (n == 1 and low == "is" and toks[i].text != "IS"):
                add(i, i + n, table.aliases[key], "alias")
                i += n
                matched = True
                break
        if matched:
            continue
        if "-" in low:
            head = low.split("-", 1)[0]
            if (
                head in table.prefixes
                and toks[i].text[: len(head)].isupper()
                or head in table.prefixes
                and len(head) > 3
            ):
                add(i, i + 1, table.prefixes[head], "alias")
                i += 1
                continue
        span = next((n for n in (3, 2, 1) if " ".join(lowers[i : i + n]) in table.anaphors), 0)
        named = _apposition(lowers, i + span, table) if span else None
        if named is not None:
            # "gruppen Boko Haram", "styrken RSF": the common noun names the group right after it.
            add(i, named[0], named[1], "alias")
            i = named[0]
            continue
        if span:
            types = table.anaphors[" ".join(lowers[i : i + span])]
            for prev in reversed([*(history or []), *found]):
                if prev.entry is not None and prev.entry.type in types:
                    add(i, i + span, prev.entry, "anaphor")
                    break
            else:
                if "Rebels" in types and "rebels" in table.by_id:
                    add(i, i + span, table.by_id["rebels"], "alias")  # unnamed rebels are ACLED's "Rebels"
                else:
                    # No antecedent: keep the mention; the event's country may tell whose forces ("flyvåpenet").
                    add(i, i + span, None, "anaphor:" + "|".join(types))
            i += span
            continue
        if country and toks[i].text[:1].isupper() and low in table.countries and low not in table.adjectives:
            add(i, i + 1, ActorEntry(f"country:{country}", country, None), "country")
            i += 1
            continue
        i += 1
    # Names from the NER that the table does not know.
    for mention in mentions or []:
        if mention.label not in {"PER", "ORG", "GPE_ORG"}:
            continue
        idx = [t.i for t in toks if t.start >= mention.start_char and t.end <= mention.end_char]
        if not idx or any(k in taken for k in idx):
            continue
        if (idx[0] == 0 or len(idx) == 1) and table.lang and lowers[idx[0]] in lexicon(table.lang).forms:
            continue  # "Angrepet på Farah ...": a capitalised trigger word the NER took for a name is the event
        if _after_place_noun(lowers, idx[0], table):
            continue  # "tok kontroll over landsbyen Rubizjne": a place, whatever label the NER gave it
        add(idx[0], idx[-1] + 1, None, "ner")
    found.sort(key=lambda m: m.start)
    return found


def _after_place_noun(lowers: list[str], at: int, table: ActorTable) -> bool:
    """Whether token `at` follows a place noun ("landsbyen X", "byen X", "the town of X")."""
    k = at - 1
    if k >= 1 and lowers[k] in PLACE_NOUN_LINKS:
        k -= 1
    return k >= 0 and bool(table.place_nouns) and lowers[k].endswith(table.place_nouns)


def _apposition(lowers: list[str], at: int, table: ActorTable) -> tuple[int, ActorEntry] | None:
    """A named table actor starting at token `at` (end index, entry), not the generic "rebels"."""
    for n in range(min(table.max_len, len(lowers) - at), 0, -1):
        entry = table.aliases.get(tuple(lowers[at : at + n]))
        if entry is not None and entry.id != "rebels" and not (n == 1 and lowers[at] == "is"):
            return at + n, entry
    return None


def to_actor(mention: ActorMention, violent: bool = True, table: ActorTable | None = None) -> Actor:
    """The record for an actor mention; a bare country as the agent of violence is that country's armed forces."""
    entry = mention.entry
    if entry is not None and entry.id.startswith("country:"):
        if violent:
            entry = table.forces_of(entry.name) if table else forces_of(entry.name)
        else:
            entry = ActorEntry(_snake(entry.name), entry.name, "External/Other forces")
    return Actor(
        text=mention.text,
        start_char=mention.start_char,
        end_char=mention.end_char,
        canonical_id=entry.id if entry else None,
        canonical_name=entry.name if entry else None,
        actor_type=entry.type if entry else None,
        wikidata=entry.wikidata if entry else None,
    )


def armed(mention: ActorMention) -> bool:
    """An armed group or force named in the text (the police are no party to a war)."""
    return mention.entry is not None and mention.entry.type in ARMED_TYPES and mention.entry.id != "police_forces"
