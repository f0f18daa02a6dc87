"""Independent sources behind an event: who originally said it, not how many outlets printed it.

A report's origin is the first link of its claim's relay chain ("Talal Barazi" in Barazi -> NTB -> VG). Sentences in
the outlet's own voice originate with the outlet, or with the wire agency when the article is wire copy ("(NTB)" at
the end) or prints the same sentence as another outlet. So VG and Aftenposten both relaying NTB count once, and a
governor and the Syrian Observatory count twice.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from kilde.model import Article, Claim, Event

WIRES_PATH = Path(__file__).with_name("wires.yaml")
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


def independent_sources(events: list[Event], articles: dict[str, Article], claims: dict[str, Claim]) -> list[str]:
    """The distinct origins behind a set of reports of one event, in order of first appearance."""
    keys: dict[str, str] = {}
    text_keys: dict[str, str] = {}
    for event in events:
        key, name = origin(event, articles.get(event.article_id), claims)
        if key.startswith("text:"):
            # Own-voice reports: one per outlet, unless two outlets print the same sentence.
            if key in text_keys:
                continue
            outlet_key = f"src:{_norm(name)}"
            text_keys[key] = outlet_key
            key = outlet_key
        keys.setdefault(key, name)
    return list(keys.values())
