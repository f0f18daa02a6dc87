"""Independent sources behind an event: who originally said it, not how many outlets printed it.

A report's origin is the first link of its claim's relay chain ("Talal Barazi" in Barazi -> NTB -> VG). Sentences in
the outlet's own voice originate with the outlet, or with the wire agency when the article is wire copy ("(NTB)" at
the end) or prints the same sentence as another outlet. So VG and Aftenposten both relaying NTB count once, and a
governor and the Syrian Observatory count twice.

Counting rules (what one article contributes):
- One article copy counts once however many times it mentions the event: reports are grouped by copy (the same wire
  story, or the same article text printed twice), and each named origin counts once across the whole cluster.
- Distinct named speakers quoted in one article are distinct sources (a governor and SOHR quoted side by side count
  two): they are who saw or stated it.
- The outlet's own voice (headline, lead, unattributed narrative) counts as a source only when that copy names no
  other origin for the event: an outlet that quotes sources is, in its own sentences, summarising them.
- A bare definite noun as speaker ("Organisasjonen", "departementet", "the group") refers back to an organisation the
  article has named; it adds no source when the same copy names another origin.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from kilde.events.actors import _tokens, actor_table
from kilde.model import Article, Claim, Event

WIRES_PATH = Path(__file__).with_name("wires.yaml")
# One word with a definite suffix ("Organisasjonen", "observatoriet", "Militsen") or "the <noun>": an anaphor.
ANAPHOR = re.compile(r"^(?:[A-ZÆØÅa-zæøå][a-zæøå]{3,}(?:en|et|ene|ane)|[Tt]he [a-z]+)$")
ANONYMOUS = ("en ", "ei ", "ein ", "eit ", "et ", "a ", "an ", "flere ", "fleire ", "several ", "kilder", "sources")


@lru_cache(maxsize=1)
def wires() -> dict[str, str]:
    """Wire agency aliases (lower case) -> the agency's name."""
    with WIRES_PATH.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    table = {}
    for name, aliases in data.get("wires", {}).items():
        table[name.lower()] = name
        for alias in aliases or []:
            table[str(alias).lower()] = name
    return table


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", " ", text).strip()


def wire_of(article: Article) -> str | None:
    """The agency an article is copy from: a "(NTB)" / "(©NTB)" sign-off, or an agency as the article's source."""
    table = wires()
    if article.source and article.source.lower() in table:
        return table[article.source.lower()]
    tail = article.text[-200:]
    for match in re.finditer(r"\(\s*(?:©\s*)?([A-Za-zÆØÅæøå]+)(?:[-/ ][A-Za-z]+)?\s*\)", tail):
        name = match.group(1).lower()
        if name in table:
            return table[name]
    return None


SPOKESPERSON = r"(?:talsperson|talsmann|talskvinne|pressetalsperson|spokes\w+)"
SPOKES_OF = re.compile(rf"^(?:\w+ )*?(\w+(?: \w+)*?)s {SPOKESPERSON}\b", re.I)
SPOKES_FOR = re.compile(rf"\b{SPOKESPERSON} (?:for|i|ved|of) (.+)$", re.I)
ARTICLES = ("den ", "det ", "de ", "dei ", "the ")


def _actor_source(text: str) -> tuple[str, str] | None:
    """A source named like a known actor ("observatoriet", "den israelske hæren"): (key, canonical name)."""
    words = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    forms = [words] + [words[len(a) :] for a in ARTICLES if words.startswith(a)]
    for lang in ("nb", "nn", "en"):
        table = actor_table(lang)
        for form in forms:
            tokens = _tokens(form)
            entry = table.aliases.get(tokens)
            if entry is not None:
                return f"actor:{entry.id}", entry.name
            if len(tokens) == 1 and tokens[0] in table.countries and tokens[0] not in table.adjectives:
                # A state speaking ("Russland opplyser") is its government and forces: one source with its ministers.
                entry = table.forces_of(table.countries[tokens[0]])
                return f"actor:{entry.id}", entry.name
            if len(tokens) == 2 and tokens[0] in table.countries and tokens[1] in table.force_nouns:
                entry = table.forces_of(table.countries[tokens[0]])
                return f"actor:{entry.id}", entry.name
    return None


def canonical_source(name: str, role: str | None = None) -> tuple[str, str] | None:
    """Who a speaker speaks for: a spokesperson's organisation ("Observatoriets talsperson" -> SOHR), or the known
    actor the speaker's name denotes. None when neither is a known actor."""
    for pattern in (SPOKES_OF, SPOKES_FOR):
        for text in (role or "", name):
            match = pattern.search(text)
            if match:
                org = match.group(1)
                found = _actor_source(org) or (_actor_source(org + "et") if pattern is SPOKES_OF else None)
                if found:
                    return found
    return _actor_source(name)


def origin(event: Event, article: Article | None, claims: dict[str, Claim]) -> tuple[str, str]:
    """(key, display name) of where a report's information comes from."""
    outlet = (article.source if article else None) or (event.sources[-1] if event.sources else "unknown")
    chain: list[str] = []
    for claim_id in event.claim_ids:
        claim = claims.get(claim_id)
        if claim is not None:
            chain = claim.relay or [s for s in (claim.speaker, outlet) if s]
            if chain:
                break
    if not chain and len(event.sources) > 1:
        chain = list(event.sources)
    wire = wire_of(article) if article else None
    if wire and chain and chain[-1] == outlet:
        # Wire copy: the outlet only printed what the agency had from its sources.
        chain = chain[:-1] if wire in chain else [*chain[:-1], wire]
    if len(chain) > 1:
        first = chain[0]
        speaker = next((c for c in map(claims.get, event.claim_ids) if c is not None and c.speaker == first), None)
        known = canonical_source(first, speaker.speaker_role if speaker else None)
        if known:
            return known
        if first.lower().startswith(ANONYMOUS):
            # "en lokal aktivist" in two papers need not be one person: anonymous speakers are told apart by the
            # next link (the wire or outlet that spoke to them).
            via = wires().get(chain[1].lower(), chain[1])
            return f"anon:{_norm(first)}@{_norm(via)}", f"{first} ({via})"
        name = wires().get(first.lower(), first)
        return f"src:{_norm(name)}", name
    if wire:
        return f"src:{_norm(wire)}", wire
    if event.evidence:
        # The outlet's own voice; an identical sentence in another outlet is shared copy.
        return f"text:{_norm(event.evidence[0].text)[:200]}", outlet
    return f"src:{_norm(outlet)}", outlet


def is_anaphor(name: str) -> bool:
    """A bare definite noun that refers back ("Organisasjonen", "gruppa", "the group"), not a name ("Sweden")."""
    word = name.strip().lower()
    for lang in ("nb", "nn", "en"):
        table = actor_table(lang)
        if word in table.anaphors:
            return True
        if word in table.countries:
            return False
    return bool(ANAPHOR.match(name.strip()))


def copy_key(article: Article | None, fallback: str) -> str:
    """One key per article copy: the wire story it relays, else its text (the same article printed twice is one)."""
    if article is None:
        return f"id:{fallback}"
    wire = wire_of(article)
    if wire:
        return f"wire:{_norm(wire)}"
    return "text:" + hashlib.sha1(_norm(article.text).encode()).hexdigest()


def _own_voice(key: str, name: str, article: Article | None) -> bool:
    outlet = article.source if article else None
    return (
        key.startswith("text:")
        or (outlet is not None and name == outlet)
        or (article is not None and name == wire_of(article))
    )


def independent_sources(events: list[Event], articles: dict[str, Article], claims: dict[str, Claim]) -> list[str]:
    """The distinct origins behind a set of reports of one event, in order of first appearance."""
    copies: dict[str, list[tuple[str, str, str]]] = {}
    for event in events:
        article = articles.get(event.article_id)
        key, name = origin(event, article, claims)
        kind = "own" if _own_voice(key, name, article) else ("anaphor" if is_anaphor(name) else "named")
        copies.setdefault(copy_key(article, event.article_id), []).append((kind, key, name))
    keys: dict[str, str] = {}
    text_keys: dict[str, str] = {}
    for found in copies.values():
        named = [(k, n) for kind, k, n in found if kind == "named"]
        anaphors = [(k, n) for kind, k, n in found if kind == "anaphor"]
        chosen = named + (anaphors if not named else [])
        if chosen:
            for key, name in chosen:
                keys.setdefault(key, name)
            continue
        # Only the copy's own voice: one source per outlet, unless it prints a sentence another outlet printed too
        # (shared copy), or it is wire copy (the key is then the agency's).
        sentences = [k for _kind, k, _n in found if k.startswith("text:")]
        shared = next((text_keys[k] for k in sentences if k in text_keys), None)
        for _kind, key, name in found:
            if key.startswith("text:"):
                outlet_key = shared or f"src:{_norm(name)}"
                keys.setdefault(outlet_key, name)
                for sentence in sentences:
                    text_keys.setdefault(sentence, outlet_key)
            else:
                keys.setdefault(key, name)
    return list(keys.values())
