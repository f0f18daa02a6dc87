"""Event triggers: the per-language lexicon (kilde/lang/<lang>/triggers.yaml) and matching it in a sentence.

A trigger matches by lemma when the parser ran, else by its listed inflected forms; compound nouns match on their
head ("luftangrepet", "IS-angrep"), and the compound's first part may change the sub-event or name the actor.
Context rules in the data decide what a match means ("sammenstøt" with demonstrators is a protest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kilde.events.text import Sentence, Tok
from kilde.lang import load_data


@dataclass
class TriggerEntry:
    lemma: str
    event: str
    forms: list[str] = field(default_factory=list)
    mode: str = ""
    compound: bool = False
    needs: str = "none"
    weight: float = 0.5
    rules: list[dict[str, Any]] = field(default_factory=list)
    after_block: list[str] = field(default_factory=list)
    by_actor_type: dict[str, str] = field(default_factory=dict)
    phrase: bool = False
    consequence: bool = False  # "drept": a death toll of an event named beside it, not an event of its own
    definite: list[str] = field(default_factory=list)  # "angrepet": refers back to an event already told
    under_fire: str = ""  # the code when fighting is told beside it (a withdrawal under fire is a RETREAT)
    default_actor: str = ""  # national_military: a coup with no named actor is the country's armed forces
    # "terroren": an event only where the article has told of a violent one (else a state, a campaign); "same":
    # only where it has told of one of this trigger's own kind ("avtalen" after an agreement)
    told_only: bool | str = False
    part_of_last: bool = False  # "smell" right after a missile strike: that strike again, heard
    # "overfallet", "demonstrasjonen": definite forms that name an event of this trigger's own kind told before
    again: list[str] = field(default_factory=list)
    no_object: bool = False  # "har demonstrert rødgrønn politikk": with a direct object the verb means "show"
    known_only: bool = False  # "hendelsene 22. juli": an event only where the sentence names a known event
    person_victim: str = ""  # the code when one unarmed person is the passive subject ("han ble skutt": Attack)


@dataclass
class Lexicon:
    lang: str
    forms: dict[str, list[TriggerEntry]]
    lemmas: dict[str, list[TriggerEntry]]
    heads: list[tuple[str, TriggerEntry]]  # compound heads, longest first
    phrases: list[dict[str, Any]]
    cues: dict[str, list[str]]
    compound_modifiers: dict[str, str]
    blocked_prefixes: list[str]
    generic_before: list[str] = field(default_factory=list)


@dataclass
class TriggerMatch:
    entry: TriggerEntry
    start: int  # token index of the first token
    end: int  # token index after the last token
    anchor: int  # the token that carries the event (the head of a compound, the verb of a phrase)
    prefix: str | None = None  # the compound's first part ("luft", "is")
    event: str = ""

    def span(self, sent: Sentence) -> tuple[int, int]:
        return sent.tokens[self.start].start, sent.tokens[self.end - 1].end


def _languages(lang: str) -> list[str]:
    """The data files a language reads: Nynorsk reads Bokmål's and adds its own."""
    if lang == "nn":
        return ["nb", "nn"]
    if lang in ("nb", "en"):
        return [lang]
    return ["nb"] if lang == "other" else ["en"]


def _entry(raw: dict[str, Any], phrase: bool = False) -> TriggerEntry:
    return TriggerEntry(
        lemma=str(raw.get("lemma", "")),
        event=str(raw["event"]),
        forms=[str(f).lower() for f in raw.get("forms") or []],
        mode=str(raw.get("mode") or ""),
        compound=bool(raw.get("compound", False)),
        needs=str(raw.get("needs", "none")),
        weight=float(raw.get("weight", 0.5)),
        rules=list(raw.get("rules") or []),
        after_block=[str(w).lower() for w in raw.get("after_block") or []],
        by_actor_type=dict(raw.get("by_actor_type") or {}),
        phrase=phrase,
        consequence=bool(raw.get("consequence", False)),
        definite=[str(w).lower() for w in raw.get("definite") or []],
        under_fire=str(raw.get("under_fire") or ""),
        default_actor=str(raw.get("default_actor") or ""),
        told_only=raw.get("told_only") if raw.get("told_only") == "same" else bool(raw.get("told_only", False)),
        part_of_last=bool(raw.get("part_of_last", False)),
        again=[str(w).lower() for w in raw.get("again") or []],
        no_object=bool(raw.get("no_object", False)),
        person_victim=str(raw.get("person_victim") or ""),
        known_only=bool(raw.get("known_only", False)),
    )


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon:
    entries: list[TriggerEntry] = []
    phrases: list[dict[str, Any]] = []
    cues: dict[str, list[str]] = {}
    modifiers: dict[str, str] = {}
    blocked: list[str] = []
    generic: list[str] = []
    by_lemma: dict[str, TriggerEntry] = {}
    for code in _languages(lang):
        data = load_data(code, "triggers") or {}
        for raw in data.get("triggers") or []:
            entry = _entry(raw)
            entries.append(entry)
            by_lemma.setdefault(entry.lemma, entry)
        for lemma, forms in (data.get("extends") or {}).items():
            if lemma in by_lemma:
                by_lemma[lemma].forms.extend(str(f).lower() for f in forms)
                if by_lemma[lemma].definite:
                    by_lemma[lemma].definite.extend(
                        str(f).lower() for f in forms if str(f).lower().endswith(("et", "ene", "a"))
                    )
                if by_lemma[lemma].again:
                    by_lemma[lemma].again.extend(
                        str(f).lower() for f in forms if str(f).lower().endswith(("et", "en", "ane", "ene", "inga"))
                    )
        phrases.extend(data.get("phrases") or [])
        for name, stems in (data.get("cues") or {}).items():
            cues.setdefault(name, []).extend(str(s).lower() for s in stems)
        modifiers.update(data.get("compound_modifiers") or {})
        blocked.extend(str(p).lower() for p in data.get("blocked_compound_prefixes") or [])
        generic.extend(str(w).lower() for w in data.get("generic_before") or [])
    forms: dict[str, list[TriggerEntry]] = {}
    lemmas: dict[str, list[TriggerEntry]] = {}
    heads: list[tuple[str, TriggerEntry]] = []
    for entry in entries:
        lemmas.setdefault(entry.lemma, []).append(entry)
        for form in dict.fromkeys(entry.forms):
            if " " in form:
                phrases.append(
                    {
                        "slots": [[w] for w in form.split()],
                        "gap": 0,
                        "event": entry.event,
                        "needs": entry.needs,
                        "weight": entry.weight,
                        "anchor": 0,
                        "rules": entry.rules,
                        "mode": entry.mode,
                    }
                )
                continue
            forms.setdefault(form, []).append(entry)
            if entry.compound:
                heads.append((form, entry))
    heads.sort(key=lambda h: -len(h[0]))
    # Nynorsk reads its cue lists on top of Bokmål's: a stem both lists hold is one cue, counted once.
    cues = {name: list(dict.fromkeys(stems)) for name, stems in cues.items()}
    return Lexicon(lang, forms, lemmas, heads, phrases, cues, modifiers, blocked, generic)


def cue_in(stems: list[str], lowers: list[str]) -> str | None:
    """The first cue stem found among the tokens (a stem matches a token's start, or anywhere when it is long)."""
    for stem in stems:
        if stem.startswith("="):
            if stem[1:] in lowers:
                return stem
            continue
        if stem.startswith("*"):
            if any(stem[1:] in low for low in lowers):
                return stem
            continue
        if " " in stem:
            joined = " " + " ".join(lowers) + " "
            if " " + stem in joined:
                return stem
            continue
        for low in lowers:
            if low.startswith(stem) or (len(stem) >= 5 and stem in low):
                return stem
    return None


def _compound(lex: Lexicon, tok: Tok) -> tuple[TriggerEntry, str] | None:
    low = tok.lower
    for head, entry in lex.heads:
        if len(low) > len(head) and low.endswith(head):
            prefix = low[: -len(head)]
            bare = prefix.rstrip("-")
            if len(bare) < 2 or any(bare.startswith(b) or bare == b for b in lex.blocked_prefixes):
                return None
            if not prefix.endswith("-") and bare in lex.blocked_prefixes:
                return None
            return entry, bare
    return None


def find_triggers(sent: Sentence, lex: Lexicon) -> list[TriggerMatch]:
    """Every trigger in a sentence: phrases first, then single words not inside a phrase."""
    lowers = sent.lowers()
    matches: list[TriggerMatch] = []
    taken: set[int] = set()
    for raw in lex.phrases:
        found = _match_phrase(lowers, raw)
        if found is None:
            continue
        positions = found
        anchor = positions[min(int(raw.get("anchor", 0)), len(positions) - 1)]
        entry = _entry(raw, phrase=True)
        entry.lemma = entry.lemma or " ".join(lowers[p] for p in positions)
        matches.append(TriggerMatch(entry, positions[0], positions[-1] + 1, anchor, event=entry.event))
        taken.update(positions)
    for tok in sent.tokens:
        if tok.i in taken:
            continue
        candidates: list[TriggerEntry] = []
        if tok.lower in lex.forms:
            candidates = lex.forms[tok.lower]
        elif tok.lemma and tok.lemma in lex.lemmas:
            # An inflection the data file does not list, where the entry accepts its base form ("kamp" is left out
            # on purpose: "kampen" is mostly sport).
            candidates = [e for e in lex.lemmas[tok.lemma] if e.lemma in e.forms]
        if candidates:
            entry = candidates[0]
            matches.append(TriggerMatch(entry, tok.i, tok.i + 1, tok.i, event=entry.event))
            continue
        compound = _compound(lex, tok)
        if compound:
            entry, prefix = compound
            event = entry.event
            for mod, sub in lex.compound_modifiers.items():
                if prefix.startswith(mod) or prefix.endswith(mod):
                    event = sub
                    break
            matches.append(TriggerMatch(entry, tok.i, tok.i + 1, tok.i, prefix=prefix, event=event))
    matches.sort(key=lambda m: m.start)
    return matches


def _match_phrase(lowers: list[str], raw: dict[str, Any]) -> list[int] | None:
    slots = [[str(w).lower() for w in slot] for slot in raw["slots"]]
    gap = int(raw.get("gap", 0))
    for i, low in enumerate(lowers):
        if low not in slots[0]:
            continue
        positions, at = [i], i
        for slot in slots[1:]:
            nxt = next((j for j in range(at + 1, min(len(lowers), at + gap + 2)) if lowers[j] in slot), None)
            if nxt is None:
                break
            positions.append(nxt)
            at = nxt
        if len(positions) == len(slots):
            return positions
    return None
