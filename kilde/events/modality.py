"""Modality of an event mention: negated, hypothetical (threat, plan, future), reported, hedged, historical.

Cues come from kilde/lang/<lang>/modality.yaml. A cue reaches a verb trigger anywhere before it in its clause
("truer med å angripe", "har ikke angrepet"); it reaches a noun trigger only as the noun's governor ("truer med nye
angrep", "ingen angrep"), so "vil ikke stanse bombingen" leaves the bombing real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kilde.events.text import MODAL_VERBS, Sentence
from kilde.events.triggers import _languages
from kilde.lang import function_words, function_words_ordered, load_data

NOUN_REACH = 3  # tokens between a cue and the noun it governs ("truer med [nye] angrep", "planlegger et [nytt] angrep")
# Word lists: kilde/lang/<lang>/function_words.yaml (the union over nb, nn and en).
FILLERS = function_words("noun_cue_fillers")


NOUN_NEGATORS = function_words("noun_negators")
COPULAS = function_words("copulas")
CONTROL = function_words("control_verbs")
DOING = function_words("doing_verbs")
NEGATED_QUANTIFIERS = function_words("negated_quantifiers")
CUE_LINKERS = function_words("cue_linkers")
VERB_NEGATORS = function_words("verb_negators")
BARE_NEGATORS = [(w,) for w in function_words_ordered("bare_negators")]
HEARSAY_MODALS = function_words("hearsay_modals")
PERFECT_AUX = function_words("perfect_infinitive_auxiliaries")
HEARSAY_PERFECT = [(m, a) for m in HEARSAY_MODALS for a in PERFECT_AUX]  # "skal ha", "skal være", "skal vere"
AND_WORDS = function_words("and_conjunctions")
DENIAL_BREAKS = function_words("denial_breaks") | {".", ";"}


def _negates_noun(phrase: tuple[str, ...]) -> bool:
    """ "ingen", "ikke noe", "ikkje noko": words that negate the noun after them."""
    return phrase[0] in NOUN_NEGATORS or (len(phrase) > 1 and phrase[1] in NEGATED_QUANTIFIERS)


# kilde/lang/<lang>/function_words.yaml: modal_verbs and modality_only_modals
MODALS = {(w,) for w in MODAL_VERBS | function_words("modality_only_modals")}


@dataclass
class Cues:
    window: int
    breaks: set[str]
    negation: list[tuple[str, ...]]
    hypothetical: list[tuple[str, ...]]
    reported: list[tuple[str, ...]]
    hedged: list[tuple[str, ...]]
    historical: list[str]
    historical_days: int
    conditional: list[tuple[str, ...]]
    future: list[tuple[str, ...]]
    denial: list[tuple[str, ...]]
    not_only: list[tuple[str, ...]] = field(default_factory=list)
    conditional_after: list[tuple[str, ...]] = field(default_factory=list)
    purpose: list[tuple[str, ...]] = field(default_factory=list)
    realised: list[tuple[str, ...]] = field(default_factory=list)


@lru_cache(maxsize=8)
def cues(lang: str) -> Cues:
    merged: dict[str, Any] = {}
    for code in _languages(lang):
        data = load_data(code, "modality") or {}
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(str(v).lower() for v in value)
            else:
                merged[key] = value

    def phrases(key: str) -> list[tuple[str, ...]]:
        return sorted({tuple(p.split()) for p in merged.get(key, [])}, key=len, reverse=True)

    return Cues(
        window=int(merged.get("window", 6)),
        breaks=set(merged.get("clause_breaks", [])),
        negation=phrases("negation"),
        hypothetical=phrases("hypothetical"),
        reported=phrases("reported"),
        hedged=phrases("hedged"),
        historical=list(merged.get("historical", [])),
        historical_days=int(merged.get("historical_days", 365)),
        conditional=phrases("conditional"),
        future=phrases("future"),
        conditional_after=phrases("conditional_after"),
        purpose=phrases("purpose"),
        realised=phrases("realised_purpose"),
        denial=phrases("denial"),
        not_only=phrases("not_only"),
    )


def _clause_before(lowers: list[str], at: int, window: int, breaks: set[str]) -> int:
    """Index where the clause holding token `at` starts, looking back at most `window` tokens."""
    k = at
    while k > 0 and at - k < window and lowers[k - 1] not in breaks:
        k -= 1
    return k


def _find(lowers: list[str], lo: int, hi: int, phrases: list[tuple[str, ...]]) -> tuple[int, tuple[str, ...]] | None:
    """The last cue phrase wholly inside lowers[lo:hi]."""
    best = None
    for phrase in phrases:
        n = len(phrase)
        for k in range(lo, hi - n + 1):
            if tuple(lowers[k : k + n]) == phrase and (best is None or k > best[0]):
                best = (k, phrase)
    return best


def _loose_find(lowers: list[str], phrases: list[tuple[str, ...]]) -> bool:
    """Whether a phrase's words stand in order, others between allowed ("gikk [flere hundre studenter] ut")."""
    for phrase in phrases:
        k = 0
        for word in lowers:
            if word == phrase[k]:
                k += 1
                if k == len(phrase):
                    return True
    return False


def _opens_not_only(lowers: list[str], at: int, c: Cues) -> bool:
    """"ikkje berre X, men òg Y": the negation at ``at`` says "not only", and negates nothing."""
    return any(tuple(lowers[at : at + len(p)]) == p for p in c.not_only)


def _reaches(lowers: list[str], cue_end: int, trigger: int, nominal: bool) -> bool:
    if not nominal:
        return True
    between = [w for w in lowers[cue_end:trigger]]
    return len(between) <= NOUN_REACH and all(w in FILLERS or w in CUE_LINKERS for w in between)


def modality(sent: Sentence, start: int, end: int, nominal: bool, lang: str) -> dict[str, Any]:
    """Flags for the trigger at tokens [start, end): negated, hypothetical, reported, hedged (+ the cue words)."""
    c = cues(lang)
    lowers = sent.lowers()
    lo = _clause_before(lowers, start, c.window, c.breaks)
    flags: dict[str, Any] = {"negated": False, "hypothetical": False, "reported": False, "hedged": False, "cues": []}
    for name, phrases in (("negation", c.negation), ("hypothetical", c.hypothetical)):
        if nominal:
            # A noun is negated by its determiner ("ingen angrep"), not by "ikke" before it, which negates the verb
            # ("Stoppar ikkje bombinga"); a modal before a noun is a verb's ("vil bombinga slutte").
            phrases = [p for p in phrases if (_negates_noun(p) if name == "negation" else p not in MODALS)]
        hit = _find(lowers, lo, start, phrases)
        if hit is not None and name == "negation" and _opens_not_only(lowers, hit[0], c):
            hit = None
        governed = False  # set when a modal reaches the noun through the verb that governs it
        if hit is not None and not _reaches(lowers, hit[0] + len(hit[1]), start, nominal):
            hit = None
        if nominal and name == "hypothetical" and hit is None:
            # "Vi kan snøgt oppleve ei ny kidnapping": a modal before the verb that governs the noun (but not before
            # a stop verb: "vil ikkje stanse bombinga" leaves the bombing real).
            modal = _find(lowers, lo, start, sorted(MODALS))
            between = lowers[modal[0] + 1 : start] if modal else []
            if modal and 0 < len(between) <= 5 and any(w not in FILLERS for w in between):
                if not any(w in CONTROL for w in between) and not any(
                    w in NOUN_NEGATORS | VERB_NEGATORS for w in between
                ):
                    hit, governed = modal, True
        if nominal and name == "negation" and hit is None:
            # "har ikkje delteke i rakettåtaka", "Trur ikkje det blir demonstrasjonar": a negated doing or being.
            bare = _find(lowers, lo, start, BARE_NEGATORS)
            between = lowers[bare[0] + 1 : start] if bare else []
            if bare and between and set(between) <= DOING | FILLERS and set(between) & DOING:
                hit = bare
            elif bare and set(between) <= FILLERS and bare[0] > 0 and lowers[bare[0] - 1] in COPULAS:
                hit = bare  # "Dette er ikke et statskupp"
        if hit and (governed or _reaches(lowers, hit[0] + len(hit[1]), start, nominal)):
            # "skal ha angrepet" is reported speech, not a plan.
            if (
                name == "hypothetical"
                and hit[1][0] in HEARSAY_MODALS
                and start > 0
                and lowers[start - 1] in PERFECT_AUX
            ):
                continue
            if name == "hypothetical" and _find(lowers, lo, start, HEARSAY_PERFECT):
                continue
            if name == "hypothetical" and hit[1] in c.purpose and _loose_find(lowers[: hit[0]], c.realised):
                continue  # "gikk ut i gatene for å protestere": going out to protest is protesting
            done = set(lowers[hit[0] + len(hit[1]) : start]) & PERFECT_AUX
            if name == "hypothetical" and hit[1] in c.purpose and done:
                continue  # "sikta for å ha sprengt regjeringskvartalet": charged with having done it
            flags["negated" if name == "negation" else "hypothetical"] = True
            flags["cues"].append(" ".join(hit[1]))
    # Conditionals, threats and plans reach everything in their clause; future words the whole sentence.
    wide = _clause_before(lowers, start, 2 * c.window, c.breaks - AND_WORDS)
    hit = _find(lowers, wide, start, c.conditional)
    if hit is None:
        hit = _find(lowers, 0, len(lowers), c.future)
    if hit is None:  # "svare med kraftigere angrep dersom Kyiv fortsetter": the event waits on a condition
        hit = _find(lowers, end, min(len(lowers), end + 3), c.conditional_after)
    if hit is not None and not flags["hypothetical"]:
        flags["hypothetical"] = True
        flags["cues"].append(" ".join(hit[1]))
    denied = _find(lowers, max(0, start - 3 * c.window), start, c.denial)
    if denied is not None and not any(w in DENIAL_BREAKS for w in lowers[denied[0] : start]):
        flags["negated"] = True
        flags["cues"].append(" ".join(denied[1]))
    if not nominal and not flags["negated"]:
        # "IS angrep ikke byen": negation right after a finite verb.
        after = lowers[end : end + 2]
        if any((w,) in c.negation for w in after) and not _opens_not_only(lowers, end, c):
            flags["negated"] = True
            flags["cues"].append(next(w for w in after if (w,) in c.negation))
    whole = (0, len(lowers))
    for name, phrases in (("reported", c.reported), ("hedged", c.hedged)):
        hit = _find(lowers, *whole, phrases)
        if hit:
            flags[name] = True
            flags["cues"].append(" ".join(hit[1]))
    return flags


def historical_cue(sent: Sentence, lang: str, year: int | None = None) -> str | None:
    """A word that sets the sentence in history ("i det tredje århundre", "under andre verdenskrig"). A cue written
    "invasjonen av irak@2003" names an event of that year: history only in articles from two years on."""
    text = " " + " ".join(sent.lowers()) + " "
    for entry in cues(lang).historical:
        cue, _, since = entry.partition("@")
        if since and (year is None or year < int(since) + 2):
            continue
        # Whole words, except suffix cues ("-tallet" in "1990-tallet") and prefix cues ("under krigen i 19").
        padded = cue if cue.startswith("-") else " " + cue
        padded = padded if cue.endswith((" 19", "-")) else padded + (" " if not cue.startswith("-") else "")
        if padded in text or (cue.startswith("-") and any(w.endswith(cue) for w in text.split())):
            return cue
    return None
