"""Event arguments: who acted (actor1), on whom (actor2), where, when, how many.

Uses the dependency parse when there is one (subject, passive agent "av X", object) and word order otherwise.
Places, times and quantities come from the extractors' records in ``result``; while those are empty a few
fallbacks keep events usable (NER places, country names, years written in the sentence).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from kilde.events.actors import ActorMention, ActorTable, armed
from kilde.events.text import Sentence
from kilde.lang import function_words, function_words_ordered, load_data
from kilde.model import Article, ExtractionResult, Place, Quantity, TimeSpan

# Word lists: kilde/lang/<lang>/function_words.yaml (the union over nb, nn and en).
PASSIVE_AUX = function_words("passive_auxiliaries")
AGENT_PREP = function_words("agent_prepositions")
BETWEEN_PREP = function_words("between_prepositions")
TARGET_PREP = function_words("target_prepositions")
PLACE_PREP = function_words("place_prepositions")
ARTICLES_AFTER_PREP = function_words("determiners_after_preposition")
NON_SUBJECT_PREP = function_words("non_subject_prepositions")
SOURCE_PREP = function_words("source_prepositions")
NOMINAL_TARGET_PREP = function_words("nominal_target_prepositions")
JOINERS = function_words("actor_conjunctions") | {","}
SUBJECT_BREAKS = function_words("subject_clause_breaks") | {",", ";", ":"}
RELATIVE_PRONOUNS = function_words("relative_pronouns")
RELATIVE_AUX = function_words("relative_clause_auxiliaries")
POSSESSOR_MODIFIERS = function_words("possessor_modifiers")
ADJECTIVE_ENDINGS = function_words_ordered("adjective_endings")  # a tuple for str.endswith
PLACE_NOUN_LINKS = function_words("place_noun_links")
PROXIMITY_PREP = function_words("proximity_prepositions")
SUBJECT_DEPS = {"SUBJ", "nsubj", "nsubj:pass"}
OBJECT_DEPS = {"DOBJ", "obj"}
YEAR = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2})(?:-tallet|-talet|-årene|-åra)?\b"
    r"|(?<=\bår )(\d{2,3})\b|(?<=\bi )(\d{3})\b(?!\s*(?:prosent|kroner|personer|mennesker|år|dager|%|[a-zæøå]+er\b))"
)
SAME_TIME = re.compile(
    r"\b(?:samme|same|året etter|året før|dagen etter|dagen før|seinare same|senere samme)\b", re.IGNORECASE
)
DECADE = re.compile(r"\b(?:på\s+)?([2-9]0)-tal(?:l)?et\b")


@dataclass
class Roles:
    actor1: list[ActorMention]
    actor2: list[ActorMention]


def _conjoined(actors: list[ActorMention], first: ActorMention, sent: Sentence, leftward: bool) -> list[ActorMention]:
    """The actor and those joined to it by "og"/","/"and" ("russiske og syriske fly")."""
    group = [first]
    lowers = sent.lowers()
    ordered = sorted(actors, key=lambda a: a.start, reverse=leftward)
    for other in ordered:
        last = group[-1]
        if other in group:
            continue
        lo, hi = (other.end, last.start) if leftward else (last.end, other.start)
        if 0 <= hi - lo <= 1 and all(lowers[k] in JOINERS for k in range(lo, hi)):
            group.append(other)
    return group


def roles(
    sent: Sentence,
    actors: list[ActorMention],
    start: int,
    end: int,
    nominal: bool,
    light_verbs: list[str] | None = None,
) -> Roles:
    """actor1 and actor2 candidates for the trigger at tokens [start, end)."""
    toks = sent.tokens
    lowers = sent.lowers()
    usable = [a for a in actors if a.kind != "ner" or a.entry is None]
    inside = [a for a in usable if a.start <= start and a.end >= end]  # "IS-angrep": the actor is in the compound
    actor1: list[ActorMention] = []
    actor2: list[ActorMention] = []

    def after_prep(a: ActorMention, preps: AbstractSet[str]) -> bool:
        k = a.start - 1
        while k >= 0 and lowers[k] in ARTICLES_AFTER_PREP:
            k -= 1
        return k >= 0 and lowers[k] in preps

    # Parsed: subject and passive agent from the tree.
    if toks[start].dep or any(t.head is not None for t in toks):
        for a in sorted(usable, key=lambda m: m.entry is None):  # table actors before bare NER names
            head_tok = toks[a.end - 1]
            if head_tok.head in range(start, end) and head_tok.dep in SUBJECT_DEPS and not actor1:
                actor1 = [a]
            elif head_tok.head in range(start, end) and head_tok.dep in OBJECT_DEPS and not actor2:
                actor2 = [a]
    if inside and not actor1:
        actor1 = inside
    within = [a for a in usable if a.start > start and a.end <= end]  # "trakk [etiopiske styrker] seg ut"
    passive = not nominal and any(w in PASSIVE_AUX for w in lowers[max(0, start - 4) : start])
    rightward = [a for a in usable if a.start >= end and a.start - end <= 6]
    leftward = [a for a in usable if a.end <= start and a not in inside]
    if not actor1 and passive:
        agents = [a for a in rightward if after_prep(a, AGENT_PREP)]
        if agents:
            actor1 = _conjoined(usable, agents[0], sent, leftward=False)
    participles = {w for w in light_verbs or [] if w.endswith("t")}
    if not actor1 and nominal and any(w in participles for w in lowers[end : end + 4]):
        # "angrepet ble utført av russiske fly"
        agents = [a for a in usable if a.start >= end and after_prep(a, AGENT_PREP) and a.start - end <= 10 and a.entry]
        if agents:
            actor1 = _conjoined(usable, agents[0], sent, leftward=False)
    if not actor1 and nominal:
        # A premodifier: "Israels bombardement", "russiske og syriske luftangrep", "Natos [nye] militæraksjon".
        adjacent = [
            a
            for a in leftward
            if (a.end == start or (a.end == start - 1 and _modifier(lowers[a.end])))
            and (a.text.endswith(("s", "'")) or not after_prep(a, TARGET_PREP | AGENT_PREP | PLACE_PREP))
        ]
        if adjacent:
            actor1 = _conjoined(usable, adjacent[-1], sent, leftward=True)
    if not actor1 and not nominal and not passive:
        # Subject before the verb in its clause, or after it in a verb-second clause ("I går bombet Nato-fly ...").
        candidates = [
            a for a in leftward if not after_prep(a, TARGET_PREP | AGENT_PREP | PLACE_PREP | NON_SUBJECT_PREP)
        ]
        candidates = [a for a in candidates if not any(lowers[k] in SUBJECT_BREAKS for k in range(a.end, start))]
        relative = [
            a
            for a in leftward
            if a.end < start
            and lowers[a.end] in RELATIVE_PRONOUNS
            and all(lowers[k] in RELATIVE_AUX for k in range(a.end + 1, start))
        ]
        inverted = [
            a
            for a in rightward
            if a.start - end <= 1
            and a.entry is not None
            and not after_prep(a, PLACE_PREP | TARGET_PREP | AGENT_PREP | NON_SUBJECT_PREP)
        ]
        if relative:
            actor1 = relative[:1]  # "IS-krigere som skjøt fra hustak"
        elif candidates and candidates[-1].end == start and inverted:
            # "The army accused the M23 rebels": a subject right before the verb beats a known name after it.
            actor1 = _conjoined(usable, candidates[-1], sent, leftward=True)
        elif candidates and candidates[-1].entry is not None:
            actor1 = _conjoined(usable, candidates[-1], sent, leftward=True)
        elif within:
            actor1 = within[:1]  # "Samme dag trakk [etiopiske styrker] seg ut"
        elif inverted:
            actor1 = inverted[:1]  # "Førre helg bomba Nato-styrkar huset": verb-second, subject after the verb
        elif candidates:
            actor1 = _conjoined(usable, candidates[-1], sent, leftward=True)
        else:
            after = [a for a in rightward if a.start - end <= 2 and not after_prep(a, TARGET_PREP | PLACE_PREP)]
            if after:
                actor1 = [after[0]]
    if not actor1 and nominal and end < len(lowers) and lowers[end] in BETWEEN_PREP:
        # "kampane mellom regjeringsvenlege styrkar og houthiane": the two sides, in the order named
        sides = [a for a in rightward if a.start - end <= 6]
        if sides:
            actor1 = sides[:1]
            if len(sides) > 1 and not actor2:
                actor2 = sides[1:2]
    if not actor1 and nominal:
        agents = [a for a in rightward if after_prep(a, SOURCE_PREP) and a.start - end <= 3]
        if agents:
            actor1 = [agents[0]]
    if not actor1 and nominal and light_verbs:
        # "russiske fly har gjennomført 64 angrep", "koalisjonen støtter offensiven med luftangrep": the light
        # verb's subject did it.
        window = lowers[max(0, start - 5) : start]
        if any(w in light_verbs for w in window):
            candidates = [
                a
                for a in leftward
                if not after_prep(a, TARGET_PREP | AGENT_PREP | PLACE_PREP | NON_SUBJECT_PREP)
                # "det var ukrainske styrker som startet kampene": the "som" right after the actor opens its clause
                and not any(
                    lowers[k] in SUBJECT_BREAKS and not (k == a.end and lowers[k] == "som") for k in range(a.end, start)
                )
            ]
            if candidates:
                actor1 = _conjoined(usable, candidates[-1], sent, leftward=True)
    if not actor2:
        targets = [
            a
            for a in rightward
            if after_prep(a, TARGET_PREP | (NOMINAL_TARGET_PREP if nominal else set())) and a not in actor1
        ]
        if targets:
            actor2 = _conjoined(usable, targets[0], sent, leftward=False)
        elif not nominal and not passive:
            objects = [a for a in rightward if a.start - end <= 2 and a not in actor1 and not after_prep(a, PLACE_PREP)]
            if objects:
                actor2 = [objects[0]]
        elif passive:
            # "presidenten ble pågrepet": the passive subject is the target.
            subj = [a for a in leftward if a not in actor1]
            if subj:
                actor2 = [subj[-1]]
    if not actor1 and nominal and actor2 and after_prep(actor2[0], TARGET_PREP) and armed(actor2[0]):
        # "RSF har teke kontroll over basen etter harde kampar mot hæren": the clause's armed subject fought the
        # armed target.
        subjects = [
            a
            for a in leftward
            if a not in actor2
            and armed(a)
            and not after_prep(a, TARGET_PREP | AGENT_PREP | PLACE_PREP | NON_SUBJECT_PREP | SOURCE_PREP)
        ]
        if subjects:
            actor1 = subjects[:1]
    return Roles(actor1, actor2)


def _modifier(word: str) -> bool:
    """A word that can stand between a possessor and its noun: a determiner or an adjective ("voldsomme")."""
    return word in POSSESSOR_MODIFIERS or (word.isalpha() and word.endswith(ADJECTIVE_ENDINGS))


def town_of_site(
    place: Place | None, how: str, places: list[Place], sent: Sentence, trigger_char: int, previous: Place | None
) -> tuple[Place | None, str]:
    """A street, park or building the gazetteer lacks ("på Nonnestien") gives way to the town it is in, as ACLED
    codes it: one the sentence names, else the event before's, else the town the story last named."""
    if place is None or not is_site(place):
        return place, how
    towns = [
        p
        for p in places
        if p.precision in ("exact", "near") and p.latitude is not None and not is_site(p) and p.name != place.name
    ]
    in_sentence = [p for p in towns if sent.start <= p.start_char < sent.end]
    if in_sentence:
        return min(in_sentence, key=lambda p: abs(p.start_char - trigger_char)), "sentence"
    if previous is not None and not is_site(previous) and previous.precision in ("exact", "near"):
        return previous, "context"
    before = [p for p in towns if p.start_char < sent.start and p.country == place.country]
    if before:
        return before[-1], "context"
    return place, how


def is_site(place: Place) -> bool:
    """A name the gazetteer does not place, ending like a street's, a lake's or a building's."""
    if place.latitude is not None and (place.feature_code or "").startswith(("PPL", "ADM", "PCL")):
        return False
    words = (place.name or place.text).lower().split()
    return bool(words) and words[-1].endswith(_site_endings())


@lru_cache(maxsize=1)
def _site_endings() -> tuple[str, ...]:
    words = [w for lang in ("nb", "nn", "en") for w in (load_data(lang, "places") or {}).get("site_name_endings", [])]
    return tuple(sorted({str(w).lower() for w in words}, key=len, reverse=True))


def place_for(
    result: ExtractionResult,
    sent: Sentence,
    trigger_char: int,
    fallback: list[Place],
    exclude: list[tuple[int, int]],
    previous: Place | None,
    trigger_end: int | None = None,
    lead_end: int = 0,
) -> tuple[Place | None, str]:
    """The nearest resolved place in the sentence (not inside an actor's name: "Israels bombardement"); else the
    place of the event told just before; else the place the article names most."""
    places = fallback if fallback is not None else result.places
    lowered = sent.text.lower()
    trigger_end = trigger_char if trigger_end is None else trigger_end

    def usable(p: Place) -> bool:
        return not any(lo <= p.start_char < hi for lo, hi in exclude)

    def rank(p: Place) -> tuple[int, int, float]:
        before = lowered[max(0, p.start_char - sent.start - 14) : p.start_char - sent.start].split()
        last = before[-1] if before else ""
        # The place a locative word or a place noun introduces ("i Palmyra", "oldtidsbyen Palmyra"), or the object
        # of the trigger ("erobret Egypt"), comes first; then the most precise; then the nearest.
        marked = last in LOCATIVE or last.endswith(PLACE_NOUNS) or 0 <= p.start_char - trigger_end <= 2
        return (0 if marked else 1), PRECISION_RANK.get(p.precision or "", 1), abs(p.start_char - trigger_char)

    in_sentence = [p for p in places if sent.start <= p.start_char < sent.end and usable(p)]
    # A region named without a locative word is a body that acts or speaks ("FN og EU har fordømt angrepet"), not
    # where the event happened.
    in_sentence = [p for p in in_sentence if p.precision != "region" or rank(p)[0] == 0]
    lo, hi = _segment(sent, trigger_char)
    in_segment = [p for p in in_sentence if lo <= p.start_char < hi]
    unresolved = _unresolved_place(sent, lo, hi, places) or _ner_place(result, lo, hi, places, exclude)
    # The part's name is one the gazetteer lacks: unresolved here, or kept by the places stage without coordinates.
    part_name = next(
        (
            p
            for p in [unresolved, *sorted(in_segment, key=lambda p: p.start_char)]
            if p is not None
            and p.latitude is None
            and p.precision in ("exact", "near")
            and _part_of_town(lowered[: p.start_char - sent.start])
        ),
        None,
    )
    if part_name is not None:
        unresolved = part_name
        # "i bydelen Gogjali i utkanten av byen": the part by its name (ACLED's "Mosul - Gogjali"), at the
        # coordinates of the town it lies in, from the sentence or the event before.
        towns = [
            p
            for p in in_sentence
            if p.precision in ("exact", "near") and p.latitude is not None and p.name != unresolved.name
        ]
        town = min(towns, key=rank) if towns else previous
        if town is not None and town.latitude is not None:
            part = town.model_copy(
                update={
                    "start_char": unresolved.start_char,
                    "end_char": unresolved.end_char,
                    "text": unresolved.text,
                    "name": unresolved.name,
                    "geonames_id": None,
                    "feature_code": "PPLX",
                    "precision": "near",
                    "geo_precision": 1,
                }
            )
            return part, "sentence" if towns else "context"
    if in_segment:
        best = min(in_segment, key=rank)
        if unresolved is not None and best.precision in ("country", "region", "admin"):
            return unresolved, "sentence"  # "i byen Kafr Nabl i Idlib-provinsen": the town the gazetteer lacks
        if _inside(previous, best):
            return previous, "context"  # "opprørerne i Kongo" after an event in Kwilu: still Kwilu
        return best, "sentence"
    if unresolved is not None:
        return unresolved, "sentence"
    marked = [
        p
        for p in in_sentence
        if rank(p)[0] == 0
        and p.precision in ("exact", "near")
        and p.start_char > trigger_end
        and not CLAUSE_BREAKS.search(lowered[trigger_end - sent.start : p.start_char - sent.start])
    ]
    if marked:
        # "drap eit droneåtak minst sju menneske, fleire av dei born, på ein leikeplass i Mekelle": a town the
        # sentence names after the trigger, past a comma, is where it happened rather than where the last event was
        return min(marked, key=rank), "sentence"
    if previous is not None:
        return previous, "context"
    if in_sentence:
        return min(in_sentence, key=rank), "sentence"
    # The article's lead names its main place; else the place it names most.
    lead = [p for p in places if usable(p) and p.start_char < lead_end]
    if lead:
        return min(lead, key=lambda p: (PRECISION_RANK.get(p.precision or "", 1), p.start_char)), "article"
    counts: dict[str, list[Place]] = {}
    for p in places:
        if usable(p):
            counts.setdefault(p.name or p.text, []).append(p)
    if counts:
        # "the West", "Europe" are where ideas live more often than where deeds happen: any place within them first
        best = max(
            counts.values(), key=lambda group: (group[0].precision != "region", len(group), -group[0].start_char)
        )
        return best[0], "article"
    return None, ""


def _inside(place: Place | None, country: Place) -> bool:
    """Whether ``place`` is a more precise place inside the country ``country`` names."""
    return (
        place is not None
        and country.precision == "country"
        and place.precision in ("exact", "near", "admin")
        and place.country is not None
        and place.country == country.country
    )


@lru_cache(maxsize=1)
def _part_of_town_nouns() -> frozenset[str]:
    words = [w for lang in ("nb", "nn", "en") for w in (load_data(lang, "places") or {}).get("part_of_town_nouns", [])]
    return frozenset(str(w).lower() for w in words)


def _part_of_town(before: str) -> bool:
    words = before.split()
    return bool(words) and (words[-1] in _part_of_town_nouns() or " ".join(words[-2:]) in _part_of_town_nouns())


ARABIC_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "an-", "ez-", "ed-", "az-")  # "Ras al-Ain", "Deir ez-Zor"
SINCE_WORDS = function_words("since_words")
PRECISION_RANK = {"exact": 0, "near": 0, "admin": 1, "country": 2, "region": 3}
# kilde/lang/<lang>/function_words.yaml
LOCATIVE = PLACE_PREP | function_words("locative_words")
PLACE_NOUNS = function_words_ordered("place_noun_endings")  # a tuple for str.endswith
# Words that open another clause (another event, a speaker) between a trigger and a place.
CLAUSE_BREAKS = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(function_words("clause_openers"), key=len, reverse=True)) + r")\b"
)
SEGMENT_BREAKS = re.compile(
    r"\s[,;:–—(]\s?|,\s|\s-\s|\b(?:samtidig som|mens|medan|etter at|før|fordi|at|sier|seier|sa|skriver|"
    r"opplyser|melder|hevder|hevdar|forteller|fortel|said|says|that)\b"
)


def _compared_since(sent: Sentence, trigger_char: int, time_char: int) -> bool:
    """A time after "siden" past the trigger ("Protestene er de største siden uroen i 2009") dates what the event is
    compared with, not the event."""
    if time_char <= trigger_char:
        return False
    between = sent.text[trigger_char - sent.start : time_char - sent.start].lower().split()
    return bool(set(between[1:]) & SINCE_WORDS)


def _ner_place(
    result: ExtractionResult, lo: int, hi: int, places: list[Place], exclude: list[tuple[int, int]]
) -> Place | None:
    """A location the NER found but the gazetteer could not resolve ("ved Inates").

    A name the article gives a person elsewhere ("guvernør Talal Barazi" ... "Barazi") is that person, whatever
    the NER calls it this time."""
    known = {p.start_char for p in places}
    person_words = {w for m in result.mentions if m.label in {"PER", "PERSON"} for w in m.text.split()}
    for m in result.mentions:
        if m.label in {"GPE_LOC", "LOC", "GPE"} and lo <= m.start_char < hi and m.start_char not in known:
            if set(m.text.split()) <= person_words:
                continue
            if not any(a <= m.start_char < b for a, b in exclude):
                return Place(
                    start_char=m.start_char, end_char=m.end_char, text=m.text, name=m.text, precision="near", score=0.2
                )
    return None


def _unresolved_place(sent: Sentence, lo: int, hi: int, places: list[Place]) -> Place | None:
    """A capitalised name the gazetteer lacks, after a place noun or "i" ("i bydelen al-Shaar", "inn i Gogjali")."""
    toks = [t for t in sent.tokens if lo <= t.start < hi]
    known = {(p.start_char, p.end_char) for p in places}
    for k, tok in enumerate(toks[1:], start=1):
        prev = toks[k - 1].lower
        named = tok.text[:1].isupper() or tok.lower.startswith(ARABIC_ARTICLES)
        if not named or (tok.start, tok.end) in known or not tok.text.replace("-", "").isalpha():
            continue
        # "the town of Shasha"
        of_noun = prev in PLACE_NOUN_LINKS and k >= 2 and toks[k - 2].lower.endswith(PLACE_NOUNS)
        if prev.endswith(PLACE_NOUNS) or of_noun or (prev in PROXIMITY_PREP and tok.i > 1):
            last = tok
            for nxt in toks[k + 1 : k + 3]:  # "Kafr Nabl", "Deir ez-Zor", "Ras al-Ain"
                named_part = nxt.text[:1].isupper() or nxt.lower.startswith(ARABIC_ARTICLES)
                if named_part and nxt.text.replace("-", "").isalpha() and nxt.start == last.end + 1:
                    last = nxt
                else:
                    break
            text = sent.text[tok.start - sent.start : last.end - sent.start]
            return Place(start_char=tok.start, end_char=last.end, text=text, name=text, precision="near", score=0.3)
    return None


def _segment(sent: Sentence, char: int) -> tuple[int, int]:
    """The stretch of the sentence between commas, dashes and clause words that holds `char`."""
    lo, hi = sent.start, sent.end
    for match in SEGMENT_BREAKS.finditer(sent.text):
        at = sent.start + match.start()
        if at < char:
            lo = sent.start + match.end()
        elif at >= char:
            hi = at
            break
    return lo, hi


def fallback_places(article: Article, sentences: list[Sentence], table: ActorTable) -> list[Place]:
    """Places from the NER mentions and the country table, for when the places stage found nothing."""
    places: list[Place] = []
    for sent in sentences:
        lowers = sent.lowers()
        for tok in sent.tokens:
            country = table.countries.get(tok.lower)
            if tok.ent in {"GPE_LOC", "LOC", "GPE"} or (
                country and tok.text[:1].isupper() and tok.lower not in table.adjectives
            ):
                name = country or tok.text
                places.append(
                    Place(
                        start_char=tok.start,
                        end_char=tok.end,
                        text=tok.text,
                        name=name,
                        country=country,
                        precision="country" if country else None,
                    )
                )
            elif (
                tok.i > 0
                and lowers[tok.i - 1] in PLACE_PREP
                and tok.text[:1].isupper()
                and tok.i > 1
                and tok.text.isalpha()
            ):
                places.append(Place(start_char=tok.start, end_char=tok.end, text=tok.text, name=tok.text))
    return places


def time_for(
    result: ExtractionResult, article: Article, sent: Sentence, trigger_char: int, previous: Sentence | None = None
) -> TimeSpan | None:
    """The nearest point or range time in the sentence; else a year written there; else, for "samme sommer" and
    "året etter", the previous sentence's; else the publication date."""
    found = _sentence_time(result, article, sent, trigger_char)
    if found is None and previous is not None and SAME_TIME.search(sent.text):
        found = _sentence_time(result, article, previous, previous.end)
    return found or publication_time(article)


def _sentence_time(result: ExtractionResult, article: Article, sent: Sentence, trigger_char: int) -> TimeSpan | None:
    in_sentence = [
        t
        for t in result.times
        if sent.start <= t.start_char < sent.end
        and t.kind != "duration"
        and (t.start or t.end_year is not None)
        and not _compared_since(sent, trigger_char, t.start_char)
    ]  # a year the calendar type cannot hold ("for 2050 år siden", "44 f.Kr.") still dates the event
    if in_sentence:
        return min(in_sentence, key=lambda t: abs(t.start_char - trigger_char))
    if True:
        best = None
        for match in YEAR.finditer(sent.text):
            year = int(next(g for g in match.groups() if g))
            if article.published is not None and year > article.published.year + 1:
                continue  # a bare number past next year is a title or a count ("manifestet « 2083 »"), not a date
            start = sent.start + match.start()
            if _compared_since(sent, trigger_char, start):
                continue
            if any(q.start_char <= start < q.end_char for q in result.quantities):
                continue  # "opp mot 2000 kondolanser": the quantities stage read it as a count
            if best is None or abs(start - trigger_char) < abs(best[1] - trigger_char):
                best = (year, start, match)
        if best:
            year, start, match = best
            tallet = match.group(0).endswith(("tallet", "talet", "årene", "åra"))
            span = 10 if tallet and year % 10 == 0 else 1
            if tallet and year % 100 == 0:
                span = 100
            return TimeSpan(
                start_char=start,
                end_char=start + len(match.group(0)),
                text=match.group(0),
                start=datetime(year, 1, 1),
                end=datetime(min(year + span, 9999), 1, 1),
                precision="year",
                anchor="absolute",
            )
        decade = DECADE.search(sent.text)
        if decade and _compared_since(sent, trigger_char, sent.start + decade.start()):
            decade = None
        if decade and article.published:
            year = 1900 + int(decade.group(1))
            start = sent.start + decade.start()
            return TimeSpan(
                start_char=start,
                end_char=start + len(decade.group(0)),
                text=decade.group(0),
                start=datetime(year, 1, 1),
                end=datetime(year + 10, 1, 1),
                precision="year",
                anchor="absolute",
            )
    return None


def publication_time(article: Article) -> TimeSpan | None:
    """The article's date as the event time, as wide as its precision."""
    if article.published is None:
        return None
    start = article.published
    precision = article.published_precision or "day"
    if precision == "year":
        start, end = datetime(start.year, 1, 1), datetime(start.year + 1, 1, 1)
    elif precision == "month":
        start = datetime(start.year, start.month, 1)
        end = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
    else:
        start = datetime(start.year, start.month, start.day)
        end = start + timedelta(days=1)
    text = article.published_label or ""
    return TimeSpan(
        start_char=0,
        end_char=0,
        text=text,
        start=start,
        end=end,
        precision=precision,
        anchor="publication",
        uncertain=True,
    )


def quantities_for(result: ExtractionResult, sent: Sentence) -> list[Quantity]:
    return [q for q in result.quantities if sent.start <= q.start_char < sent.end]


def fatalities(quantities: list[Quantity]) -> tuple[int | None, int | None, int | None]:
    """ACLED's rule: the most conservative reported figure (lowest low and best, lowest high)."""
    deaths = [q for q in quantities if q.fatalities]
    if not deaths:
        return None, None, None

    def smallest(values: list[float | None]) -> int | None:
        present = [v for v in values if v is not None]
        return int(min(present)) if present else None

    low = smallest([q.low if q.low is not None else q.best for q in deaths])
    best = smallest([q.best if q.best is not None else q.low for q in deaths])
    high = smallest([q.high for q in deaths])
    return low, best, high
