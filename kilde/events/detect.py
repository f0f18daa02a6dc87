"""Event detection: triggers in context -> ACLED/PLOVER-coded Events with actors, place, time, modality, sources.

For each sentence: find triggers (triggers.py), keep those whose context fits (a conflict, a political arrest, a
protest; not sport, ordinary crime, metaphor or verbal criticism), code the sub-event from context rules and the
actor's type, fill the arguments (arguments.py, actors.py) and the flags (modality.py, claims, times). Mentions of
one event type in one sentence collapse to one event.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from functools import lru_cache

from spacy.tokens import Doc

from kilde.events.actors import (
    ARMED_TYPES,
    ActorEntry,
    ActorMention,
    ActorTable,
    actor_table,
    armed,
    find_actors,
    to_actor,
)
from kilde.events.arguments import (
    LOCATIVE,
    PASSIVE_AUX,
    PLACE_NOUNS,
    fallback_places,
    fatalities,
    is_site,
    place_for,
    quantities_for,
    roles,
    time_for,
    town_of_site,
)
from kilde.events.known import known_events, link_known_events
from kilde.events.modality import cues as modality_cues
from kilde.events.modality import historical_cue, modality
from kilde.events.ontology import country_scoped, event_type_of, is_sub_event, plover_of
from kilde.events.text import Sentence, is_nominal, sentences
from kilde.events.triggers import Lexicon, TriggerMatch, cue_in, find_triggers, lexicon
from kilde.extract.claims import hedge_of_span
from kilde.extract.gazetteer import load_gazetteer
from kilde.lang import function_words, function_words_ordered
from kilde.model import Actor, Article, Claim, Event, ExtractionResult, Place, Span

# Word lists: kilde/lang/<lang>/function_words.yaml (the union over nb, nn and en).
ARMED_AFTER = function_words("against_prepositions")

_BIG = re.compile(r"\b\d{1,3}(?:[. ]\d{3})+\b|\b\d{5,}\b")
LOCAL_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
NAMED_PLACE_WINDOW = 4  # sentences back in which a place named after country-wide events places the next fighting
SIDE_WINDOW = 6  # sentences before an event in which the story's only armed side is looked for
TIME_REACH = 25  # characters (with a comma between) past which a relative time no longer dates a naming noun
ARTICLE_CONTEXT_MIN = 3  # distinct conflict cues that make an article "about armed conflict"
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
PROTESTERS = ActorEntry("protesters", "Protesters", "Protesters")
ANOTHER = function_words("repetition_words")  # "nye angrep": more of the same
TIME_GENITIVES = function_words("time_genitives")  # "torsdagens angrep": the event told for that day
TARGET_PREP = function_words("target_prepositions")
TARGET_BREAKS = function_words("target_clause_breaks") | {".", ";", ":"}
ACCUSATION_PREP = function_words("accusation_prepositions")
DEFINITE_ARTICLES = function_words("definite_articles")
INDEFINITE_ARTICLES = function_words("indefinite_articles")
PERSON_PRONOUNS = function_words("person_pronouns")
IDEA_PREP = function_words("idea_prepositions")
COPULAS = function_words("copulas")
PROTEST_PREP = function_words("protest_prepositions")
INFINITIVE_MARKERS = function_words("infinitive_markers")
PREDICATE_FILLERS = function_words("predicate_fillers")
AGE_NOUN_ENDINGS = function_words_ordered("age_noun_endings")
THOUSANDS = function_words_ordered("thousand_words")
PERSON_TARGET_PREP = function_words_ordered("person_target_prepositions")
AND_WORDS = function_words("and_conjunctions")


TERRITORY_CODES = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}


def _lang(article: Article) -> str:
    return article.language if article.language in ("nb", "nn", "en") else "nb"


def _article_scores(sents: list[Sentence], lex: Lexicon) -> dict[str, int]:
    lowers = [w for s in sents for w in s.lowers()]
    scores = {}
    for name in ("conflict", "political", "protest", "sport"):
        scores[name] = sum(1 for stem in lex.cues.get(name, []) if cue_in([stem], lowers))
    return scores


def _context_ok(needs: str, context: list[str], lex: Lexicon, scores: dict[str, int]) -> tuple[bool, float]:
    """Whether the sentence (trigger words left out) or the article supports the trigger; and a confidence bonus."""
    c = lex.cues
    conflict = cue_in(c.get("conflict", []), context)
    crime = cue_in(c.get("crime", []), context)
    sport = cue_in(c.get("sport", []), context)
    # One sport word ("mål" is also a target) vetoes a trigger only where the article is not mostly about conflict.
    if sport and not conflict and needs not in ("protest", "none") and scores.get("sport", 0) >= scores["conflict"]:
        return False, 0.0
    if sport and sum(1 for stem in c.get("sport", []) if cue_in([stem], context)) >= 2 and needs != "protest":
        return False, 0.0  # "bombarderte motstandernes mål ... i ligaen": two sport words outweigh war words
    if scores.get("sport", 0) >= max(3, scores.get("conflict", 0)) and not conflict and needs != "protest":
        return False, 0.0  # a match report: "angrep", "skjøt", "bombarderte" are football
    if needs == "none":
        return True, 0.1 if conflict else 0.0
    if needs == "conflict!":
        # Sentence-level, or an article thick with conflict words where the sentence shows no sport or crime.
        if conflict:
            return True, 0.1
        sporty = scores.get("sport", 0) >= max(3, scores["conflict"])
        return scores["conflict"] >= 2 * ARTICLE_CONTEXT_MIN and not sporty and not crime, -0.15
    if needs == "conflict":
        if conflict:
            return True, 0.1
        return (scores["conflict"] >= ARTICLE_CONTEXT_MIN and not crime), -0.1
    if needs == "political":
        if crime and not conflict:
            return False, 0.0
        if conflict or cue_in(c.get("political", []), context):
            return True, 0.1
        return (scores["conflict"] + scores["political"] >= ARTICLE_CONTEXT_MIN + 1 and not crime), -0.1
    if needs == "demand":
        return cue_in(c.get("demands", []), context) is not None, 0.0
    if needs == "protest":
        if cue_in(c.get("protest", []), context):
            return True, 0.05
        return scores["protest"] >= 2, -0.1
    return True, 0.0


def _verbal_target(sent: Sentence, match: TriggerMatch, lex: Lexicon) -> bool:
    """ "angrep på regjeringens politikk": an attack on an abstract target is criticism, not violence; so is
    something that "er et nytt angrep på Bush" where the sentence tells of no fighting."""
    lowers = sent.lowers()
    k = match.end
    if k < len(lowers) and lowers[k] in TARGET_PREP:
        window = lowers[k + 1 : k + 4]
        if cue_in(lex.cues.get("abstract_targets", []), window) is not None:
            return True
        return _predicative(sent, match) and not cue_in(lex.cues.get("conflict", []), lowers)
    return False


def _copula_ends_at(lowers: list[str], k: int) -> bool:
    """Whether a copula stands at token k, or before it past fillers ("er ikke annet enn")."""
    while k >= 0 and lowers[k] in PREDICATE_FILLERS:
        k -= 1
    return k >= 0 and lowers[k] in COPULAS


def _defined_as(match: TriggerMatch, lowers: list[str]) -> bool:
    """An infinitive a copula says something is ("X er å gå til åtak på Y"): a characterisation, not a deed."""
    k = match.start - 1
    return k >= 1 and lowers[k] in INFINITIVE_MARKERS and _copula_ends_at(lowers, k - 1)


def _predicative(sent: Sentence, match: TriggerMatch) -> bool:
    """An indefinite noun that is what a copula says its subject is ("prisen er ikke annet enn et nytt angrep")."""
    lowers = sent.lowers()
    k = match.start - 1
    while k >= 0 and (sent.tokens[k].pos in ("ADJ", "adj") or lowers[k] in PREDICATE_FILLERS):
        k -= 1
    return k >= 0 and lowers[k] in INDEFINITE_ARTICLES and _copula_ends_at(lowers, k - 1)


def _code(match: TriggerMatch, lowers: list[str], military: list[str] | None = None) -> str | None:
    """The event code after the entry's context rules; None when a rule drops the trigger."""
    event = match.event
    if match.prefix is not None and event != match.entry.event:
        return event  # the compound's first part already told ("luftangrep")
    for rule in match.entry.rules:
        stems = [str(s).lower() for s in rule.get("if_any", [])]
        if cue_in(stems, lowers):
            if rule.get("drop"):
                return None
            if rule.get("event") == "Attack" and military and _military_target(match, lowers, stems, military):
                continue  # "angrepet var rettet mot et våpenlager": a military target, not violence against civilians
            return str(rule.get("event", event))
    return event


def _military_target(match: TriggerMatch, lowers: list[str], civilian: list[str], military: list[str]) -> bool:
    """Whether the trigger's target, the first target word after it in its clause, is military (a depot, a base,
    soldiers) rather than civilian ("angrep på sivile, ikke militære mål" stays civilian)."""
    for k in range(match.end, min(len(lowers), match.end + 10)):
        if lowers[k] in TARGET_BREAKS:
            return False
        if cue_in(military, lowers[k : k + 2]):
            return True
        if cue_in(civilian, [lowers[k]]):
            return False
    return False


def _claims_over(claims: list[Claim], start: int, end: int) -> list[Claim]:
    return [c for c in claims if c.start_char <= start and end <= c.end_char]


def _sources(claims: list[Claim], article: Article) -> list[str]:
    chain: list[str] = []
    for claim in claims:
        relay = claim.relay or [s for s in (claim.speaker, article.source) if s]
        for source in relay:
            if source not in chain:
                chain.append(source)
    if not chain and article.source:
        chain.append(article.source)
    return chain


def detect_events(doc: Doc, article: Article, result: ExtractionResult) -> list[Event]:
    lang = _lang(article)
    lex = lexicon(lang)
    table = actor_table(lang)
    sents = sentences(doc, article.text)
    scores = _article_scores(sents, lex)
    # Places the gazetteer found that are really actors' names ("Nato", "IS") are not event locations.
    fallback = [
        p
        for p in (result.places or fallback_places(article, sents, table))
        if tuple(p.text.lower().split()) not in table.aliases
    ]
    hist_days = modality_cues(lang).historical_days
    lead_end = sents[min(2, len(sents) - 1)].end if sents else 0  # headline and lead
    history: list[ActorMention] = []
    told: list[tuple[int, Event]] = []  # (sentence number, event) of the violent/protest events so far
    told_past: list[tuple[int, Event]] = []  # the same for events told as history
    events: list[Event] = []
    actors_of: list[list[ActorMention]] = []
    for sent in sents:
        mentions = [m for m in result.mentions if sent.start <= m.start_char < sent.end]
        actors_of.append(find_actors(sent, table, mentions, history))
        history.extend(a for a in actors_of[-1] if a.entry is not None and a.kind != "anaphor")
    # Names that act are not where things happen ("Noreg vil ikkje stanse bombinga"); "mot Israel", "i Syria" are.
    acting = {
        (a.start_char, a.end_char)
        for sent, actors in zip(sents, actors_of, strict=True)
        for a in actors
        if a.entry is not None and (a.start == 0 or sent.tokens[a.start - 1].lower not in LOCATIVE)
    }
    fallback = [p for p in fallback if not any(lo <= p.start_char < hi for lo, hi in acting)]
    frame = _time_frames(sents, article, result, lang, hist_days)
    # A memoir or a history piece: most of the times it names lie in the past, so its untimed past-tense narrative
    # is history too, unless a sentence close by brings it back to now.
    told_in_past = sum(frame.values()) >= 4 and sum(frame.values()) >= 0.6 * len(frame)
    history = []
    nationwide: dict[int, Place] = {}  # id(event) -> its country: the place later sentences inherit
    named_again: set[int] = set()  # id(event) of definite nouns naming an event of their kind told before

    def ctx(event: Event) -> Place | None:
        return nationwide.get(id(event), event.place)

    countries = Counter(p.country for p in fallback if p.precision == "country" and p.country)
    main_country = countries.most_common(1)[0][0] if countries else None  # the country the article names most
    for sent, actors in zip(sents, actors_of, strict=True):
        history.extend(a for a in actors if a.entry is not None and a.kind != "anaphor")
        lowers = sent.lowers()
        previous_sent = sents[sent.n - 1] if sent.n > 0 and sents[sent.n - 1].n == sent.n - 1 else None
        previous = next((e for n, e in reversed(told) if n >= sent.n - 3), None)
        last_place = next((ctx(e) for _, e in reversed(told) if e.place is not None and _violent(e)), None) or next(
            (ctx(e) for _, e in reversed(told) if e.place is not None), None
        )
        if last_place is not None and last_place.feature_code == "PPLX":
            # A part of a town ("bydelen Gogjali") is where its own sentence's event was; later sentences ("kampene",
            # "sør i byen") are told of the town.
            last_place = next(
                (
                    p
                    for p in fallback
                    if p.feature_code != "PPLX"
                    and p.latitude == last_place.latitude
                    and p.longitude == last_place.longitude
                ),
                last_place,
            )
        if last_place is None or last_place.precision == "country":
            # "Nødmeldinger fra en misjonærstasjon i Kwilu" a sentence or few after fighting placed only in Kongo:
            # the fighting told next is told of the place inside that country the story has just named.
            since = max((e.trigger.start_char for _, e in told if e.trigger and e.place is not None), default=0)
            recent = sents[max(0, sent.n - NAMED_PLACE_WINDOW)].start
            named = [
                p
                for p in fallback
                if max(since, recent) < p.start_char < sent.start
                and p.precision in ("exact", "near", "admin")
                and p.country == (last_place.country if last_place is not None else main_country)
                and not is_site(p)
            ]
            local_place = named[-1] if named else None
        else:
            local_place = None
        # An armed group named in this sentence or the ones beside it (conflict context for a bombing).
        armed_nearby = any(
            armed(a) for k in range(max(0, sent.n - 1), min(len(actors_of), sent.n + 2)) for a in actors_of[k]
        )
        candidates: list[tuple[TriggerMatch, Event, str]] = []
        for match in find_triggers(sent, lex):
            if match.start > 0 and lowers[match.start - 1] in lex.generic_before:
                continue
            if _idea_of(match, lowers, lex):
                continue  # "teorien om tyrannmordet", "retten til å gjera motstand"
            anchor = sent.tokens[match.anchor]
            before = lowers[match.start - 1] if match.start > 0 else ""
            if anchor.number == "Plur" and before in lex.cues.get("earlier_ones", []):
                continue  # "ved tidlegare demonstrasjonar"
            if anchor.lower in lex.cues.get("victims", []) and set(lowers[max(0, match.start - 2) : match.start]) & set(
                lex.cues.get("victim_determiners", [])
            ):
                continue  # "dei unge drepne frå Utøya": the victims, not the killing
            if cue_in(lex.cues.get("simile", []), lowers[max(0, match.start - 3) : match.start]):
                continue
            if _generic_passive(match, lowers, sent, result, lang, lex):
                continue
            if _generic_present(match, lowers, sent, result, lex):
                continue
            made = _event(
                match,
                sent,
                lowers,
                actors,
                lex,
                scores,
                article,
                result,
                fallback,
                hist_days,
                lang,
                last_place,
                table,
                previous_sent,
                sents[sent.n + 1 : sent.n + 3],
                lead_end,
                earlier_violent=any(_violent(e) and not e.historical for _, e in told),
                earlier_kinds={e.sub_event_type for _, e in told if not e.historical},
                armed_nearby=armed_nearby,
                local_place=local_place,
            )
            if made is not None:
                candidates.append((match, *made))
        _share_subjects(candidates, lowers, history)
        blamed = _blamed(actors, lowers, lex)
        if blamed is not None:
            for _m, event, _how in candidates:
                if _violent(event) and event.actor1 is None:
                    event.actor1 = to_actor(blamed, True, table)
        # "The army accused the rebels of firing the shells": the violence is what the accusation says, not a new event.
        accusing = [m.end for m, e, _ in candidates if m.entry.event == "ACCUSE"]
        candidates = [
            (m, e, how)
            for m, e, how in candidates
            if not (
                _violent(e) and any(end <= m.start and set(lowers[end : m.start]) & ACCUSATION_PREP for end in accusing)
            )
        ]
        # "demonstrerte mot offensiven": a troop movement a protest is against is named there, not told as new (a
        # violent deed named so, "mot drapet", stays a mention of that deed).
        protested = [m.end for m, e, _ in candidates if e.event_type == "Protests"]
        candidates = [
            (m, e, how)
            for m, e, how in candidates
            if e.sub_event_type is not None
            or not any(end < len(lowers) and lowers[end] in PROTEST_PREP and 0 < m.start - end < 3 for end in protested)
        ]
        # "tok kontroll over Goma i 2012, men ble drevet ut året etter": a later trigger with no place of its own is
        # where the sentence's earlier event is, not where the last sentence's was.
        placed = [(m.start, e.place) for m, e, how in candidates if how == "sentence" and e.place is not None]
        for match, event, how in candidates:
            earlier = [place for start, place in placed if start < match.start]
            if how == "context" and earlier:
                event.place = earlier[-1]
            same = (
                next((e for _, e in reversed(told) if e.sub_event_type == event.sub_event_type), None)
                if match.entry.told_only == "same"
                else None
            )
            if same is not None:
                event.place = ctx(same)  # "avtalen": the agreement it names, made where and when that one was
                event.time, event.historical = same.time, same.historical
                named_again.add(id(event))
            elif how in ("context", "article") and event.sub_event_type in country_scoped():
                event.place = _country_of(event.place)  # "partene ble enige": the country, not the last town told
        main = [e for m, e, _ in candidates if not m.entry.consequence and _acled(e)]
        found: dict[str, Event] = {}
        for match, event, place_how in candidates:
            last_violent = next((e for _, e in reversed(told) if _violent(e)), None)
            told_before = previous if previous is not None and _violent(previous) else last_violent
            deliberate = cue_in(lex.cues.get("deliberate", []), lowers[max(0, match.start - 3) : match.start])
            # "drapet på Elmar Huseinov": the killing of a named person is an attack of its own, not a toll.
            deliberate = deliberate or _of_a_person(match, sent, result)
            # "skuldig i drapa": the killings named again as a deed, not the toll of the event told beside them
            named_deed = lowers[match.anchor] in match.entry.again and not main
            if (
                match.entry.consequence
                and not deliberate  # "målrettede drap på masalit-folket": killings of their own, not a clash's toll
                and not named_deed
                and _is_toll(match, event, main, told_before, place_how, sent, result)
            ):
                for other in main:  # "Gunmen killed 12 villagers in an attack": the killers did the attack
                    if other.actor1 is None and event.actor1 is not None and event.actor1.canonical_id:
                        other.actor1, other.assoc_actor1 = event.actor1, event.assoc_actor1
                    if other.fatalities_best is None and event.fatalities_best is not None:
                        # "skjøt mot demonstrantene, og minst fem personer ble drept": the toll is the event's
                        other.fatalities_low, other.fatalities_best = event.fatalities_low, event.fatalities_best
                        other.fatalities_high = event.fatalities_high
                continue
            token = lowers[match.anchor]
            before = lowers[match.start - 1] if match.start > 0 else ""
            refers_back = token in match.entry.definite or (match.entry.definite and before in ANOTHER)
            if before in PASSIVE_AUX:
                refers_back = False  # "sykehuset ble angrepet": a passive participle, not the definite noun
            # A bare "et angrep" with nothing of its own to say what kind: most likely the article's event again.
            refers_back = refers_back or bool(
                match.entry.definite and event.actor1 is None and event.sub_event_type == match.entry.event
            )
            last_n, last = next(((n, e) for n, e in reversed(told) if _violent(e) and n >= sent.n - 6), (-1, None))
            # "har tatt på seg ansvaret for angrepet": a bare definite noun names the article's main event, the
            # violent event its headline or lead told, rather than a side episode told since.
            lead_event = next(
                (
                    e
                    for _, e in told
                    if _violent(e)
                    and e.sub_event_type not in TERRITORY_CODES
                    and e.trigger
                    and e.trigger.start_char < lead_end
                ),
                None,
            )
            noun = sent.tokens[match.anchor].pos not in ("VERB", "AUX", "verb")  # "skal IS ha angrepet" is a verb
            definite_noun = refers_back and noun and token in match.entry.definite
            claimed = cue_in(lex.cues.get("responsibility", []), lowers[max(0, match.start - 3) : match.start])
            # "Angrepet på Farah" after the lead's attack on Farah and an air strike near it: the one aimed at the
            # place the noun names.
            aimed = (
                lead_event is not None
                and lead_event.place is not None
                and match.end + 1 < len(lowers)
                and lowers[match.end] in TARGET_PREP
                and lowers[match.end + 1]
                in {(lead_event.place.text or "").lower(), (lead_event.place.name or "").lower()}
            )
            if definite_noun and lead_event is not None and (last_n < sent.n - 1 or claimed or aimed):
                last = lead_event
            if before in TIME_GENITIVES and noun:
                # "torsdagens angrep": the event told for that time, else the lead's, not merely the last one told.
                refers_back = True
                last = _told_at(event, told) or lead_event or last
            if last is not None and last.sub_event_type in ("Abduction/forced disappearance", "Sexual violence"):
                last = None  # an attack told later is not the kidnapping told before
            if (
                last is not None
                and last.event_type == "Violence against civilians"
                and _military_target(match, lowers, [], lex.cues.get("military_targets", []))
            ):
                # "angrepet var rettet mot et våpenlager": told of a military target, it is not the attack on civilians
                last = next(
                    (
                        e
                        for n, e in reversed(told)
                        if _violent(e) and n >= sent.n - 6 and e.event_type != "Violence against civilians"
                    ),
                    None,
                )
            weapon_told = event.event_type == "Explosions/Remote violence" and event.sub_event_type != match.entry.event
            if refers_back and match.prefix is None and _violent(event) and last is not None and not weapon_told:
                _recode(event, last.sub_event_type)
                if last.place is not None and (place_how == "context" or _coarser(event.place, ctx(last))):
                    # told again with no place of its own, or only its country ("åtaket på hæren i Niger"): where
                    # it happened
                    event.place = ctx(last)
                history_since = any(_violent(e) and e.historical for n, e in told_past if n > last_n)
                if definite_noun and not history_since and _untimed(event):
                    # "FN og EU har fordømt angrepet": told when that one was, whatever the sentence before told of
                    event.time, event.historical = last.time, last.historical
                    named_again.add(id(event))
            elif (
                match.entry.part_of_last
                and not weapon_told
                and last is not None
                and last.event_type == "Explosions/Remote violence"
                and last_n >= sent.n - 2
            ):
                _recode(event, last.sub_event_type)  # "Vi hørte tre kraftige smell" right after the missile strike
            if noun and token in match.entry.again and not refers_back:
                # "overfallet", "demonstrasjonen": the event of this kind told before, named again: where and when
                # that one happened, and real whatever verb governs it ("spurte om hun hadde en rolle i overfallet")
                # The latest one told, as news or as history ("drapet på Hermansen" after the murder night of 2001).
                antecedent = max(
                    (
                        (n, e)
                        for n, e in (*told, *told_past)
                        if e.sub_event_type == event.sub_event_type and not (e.negated or e.hypothetical)
                    ),
                    key=lambda pair: pair[0],
                    default=(None, None),
                )[1]
                if antecedent is not None:
                    if (
                        antecedent.place is not None
                        and event.sub_event_type not in country_scoped()
                        and (place_how in ("context", "article") or _coarser(event.place, ctx(antecedent)))
                    ):
                        event.place = ctx(antecedent)
                    if _untimed(event):
                        event.time, event.historical = antecedent.time, antecedent.historical
                        named_again.add(id(event))
                    event.hypothetical = event.negated = False
            key = event.sub_event_type or f"plover:{event.plover_category}"
            kept = found.get(key)
            if kept is None:
                found[key] = event
            else:
                _absorb(kept, event)
        ordered = sorted(found.values(), key=lambda e: e.trigger.start_char if e.trigger else 0)
        # "Opprørerne rykket fram. ... Helikopteret ble beskutt av piler": in a story of one armed side (named in
        # this sentence or the SIDE_WINDOW before it), fighting told without its actor is that side's.
        near = {
            a.entry.id: a
            for k in range(max(0, sent.n - SIDE_WINDOW), sent.n + 1)
            for a in actors_of[k]
            if armed(a) and a.entry is not None
        }
        if len(near) == 1 and next(iter(near.values())).entry.type in NON_STATE_ARMED:
            [(side_id, side)] = near.items()
            for event in ordered:
                if (
                    event.actor1 is None
                    and event.event_type in ("Battles", "Explosions/Remote violence")
                    and not any(a.canonical_id == side_id for a in [event.actor2, *event.assoc_actor2] if a)
                ):
                    event.actor1 = to_actor(side, True, table)
        for event in ordered:
            if id(event) in named_again:
                continue  # its time is the event it names again
            # No time of its own, told right after sentences set in the past: the narrative is still back there.
            if event.time is not None and event.time.anchor == "publication" and not event.historical:
                recent = [frame.get(k) for k in range(sent.n - 1, sent.n - 4, -1) if frame.get(k) is not None]
                if frame.get(sent.n) is None and recent and recent[0]:
                    event.historical = True
                elif (
                    told_in_past
                    and frame.get(sent.n) is None
                    and all(frame.get(k) is not False for k in range(sent.n - 3, sent.n))
                    and any(t.tense == "Past" for t in sent.tokens)
                ):
                    event.historical = True
        if cue_in(lex.cues.get("nationwide", []), lowers):
            # "i hovedstaden Santiago og i andre byer over hele landet": what follows is told of the whole country.
            for event in ordered:
                name = _country_name(event.place.country) if event.place and event.place.country else None
                if name and event.place is not None and event.place.precision != "country":
                    nationwide[id(event)] = event.place.model_copy(
                        update={
                            "name": name,
                            "precision": "country",
                            "geo_precision": 3,
                            "geonames_id": None,
                            "feature_code": None,
                        }
                    )
        told.extend((sent.n, e) for e in ordered if _acled(e) and e.current)
        told_past.extend((sent.n, e) for e in ordered if _acled(e) and e.historical)
        events.extend(ordered)
    _date_from_later_naming(events, lex, sents, article.text)
    link_known_events(events, sents, article, result, table, lang, hist_days)
    _resolve_government_forces(events, result, table)
    return events


def _coarser(place: Place | None, other: Place | None) -> bool:
    """Whether ``place`` is a country or region that holds the town ``other``."""
    return (
        place is not None
        and other is not None
        and place.precision in ("country", "region", "admin")
        and other.precision in ("exact", "near")
        and place.country is not None
        and place.country == other.country
    )


def _country_of(place: Place | None) -> Place | None:
    """The country a town lies in, as a place of country precision (the town itself where the gazetteer has none)."""
    if place is None or place.precision in ("country", "region") or not place.country:
        return place
    entry = load_gazetteer().country(place.country)
    if entry is None:
        return place
    return place.model_copy(
        update={
            "name": entry.name,
            "geonames_id": entry.geonames_id,
            "latitude": entry.latitude,
            "longitude": entry.longitude,
            "admin1": None,
            "feature_code": entry.feature,
            "precision": "country",
            "geo_precision": 3,
        }
    )


def _told_at(event: Event, told: list[tuple[int, Event]]) -> Event | None:
    """The first violent event told whose time overlaps this event's own (the article's main one of that day)."""
    span = event.time
    if span is None or span.start is None or span.end is None or span.anchor == "publication" and not span.text:
        return None
    for _, other in told:
        when = other.time
        if _violent(other) and when and when.start and when.end and when.start < span.end and span.start < when.end:
            return other
    return None


def _resolve_government_forces(events: list[Event], result: ExtractionResult, table: ActorTable) -> None:
    """"regjeringsstyrkene" are the forces of the country the event happens in (else the article's main country)."""
    main = _main_country(result)
    for event in events:
        code = (event.place.country if event.place is not None else None) or main
        name = _country_name(code) if code else None
        if name is None:
            continue
        entry = table.forces_of(name)
        for actor in (event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2):
            if actor is not None and actor.canonical_id == GOVERNMENT_FORCES:
                actor.canonical_id, actor.canonical_name, actor.wikidata = entry.id, entry.name, entry.wikidata


def _time_frames(
    sents: list[Sentence], article: Article, result: ExtractionResult, lang: str, hist_days: int
) -> dict[int, bool]:
    """Sentence number -> whether the times it names lie in the past (True) or the present (False); absent when it
    names none."""
    frames: dict[int, bool] = {}
    published = article.published.replace(tzinfo=None) if article.published else None
    for sent in sents:
        if historical_cue(sent, lang, published.year if published else None):
            frames[sent.n] = True
            continue
        times = [t for t in result.times if sent.start <= t.start_char < sent.end and t.kind != "duration"]
        for t in times:
            end = t.end or t.start
            if end is not None and published is not None:
                frames[sent.n] = end.replace(tzinfo=None) < published - timedelta(days=hist_days)
            elif t.end_year is not None and published is not None:
                frames[sent.n] = t.end_year < published.year - 1
    return frames


def _acled(event: Event) -> bool:
    return bool(event.sub_event_type)


def _violent(event: Event) -> bool:
    return bool(event.event_type) and event.event_type in VIOLENT_TYPES


def _recode(event: Event, sub: str) -> None:
    event.event_type, event.sub_event_type = event_type_of(sub), sub
    event.plover_category, mode = plover_of(sub)
    event.plover_mode = mode or None


def _has_object(sent: Sentence, anchor: int) -> bool:
    """A direct object of the verb. A finite verb with no subject of its own stands before its subject ("Onsdag
    demonstrerte tusenvis av studenter"), and a parser that misreads that subject as the object is not believed."""
    if not any(t.head == anchor and t.dep == "DOBJ" for t in sent.tokens):
        return False
    finite = bool(sent.tokens[anchor].tense)
    return not finite or any(t.head == anchor and t.dep == "SUBJ" for t in sent.tokens)


def _armed_context(context: list[str], lex: Lexicon) -> bool:
    """An armed group named in or beside the sentence stands for conflict words, unless crime or sport words say
    otherwise."""
    return not cue_in(lex.cues.get("crime", []), context) and not cue_in(lex.cues.get("sport", []), context)


def _is_toll(
    match: TriggerMatch,
    event: Event,
    main: list[Event],
    previous: Event | None,
    place_how: str,
    sent: Sentence,
    result: ExtractionResult,
) -> bool:
    """Whether a "drept" is the death toll of an event told beside it (or an aggregate over a war), not an event."""
    if main:
        return True
    if _big_number(sent, result):
        return True  # "Minst 137.000 menneske er drepne": a war's toll
    if previous is not None and _violent(previous):
        same_place = place_how != "sentence" or (
            previous.place
            and event.place
            and (previous.place.name or previous.place.text) == (event.place.name or event.place.text)
        )
        if same_place:
            if previous.fatalities_best is None and event.fatalities_best is not None:
                previous.fatalities_low, previous.fatalities_best = event.fatalities_low, event.fatalities_best
                previous.fatalities_high = event.fatalities_high
            return True
    return False


def _since_it_began(match: TriggerMatch, lowers: list[str], lex: Lexicon) -> bool:
    """A trigger noun in "siden X startet" / "since the war began": it dates an ongoing state, it is no new event."""
    k = match.start - 1
    while k >= 0 and lowers[k] in DEFINITE_ARTICLES:
        k -= 1
    if k < 0 or lowers[k] not in set(lex.cues.get("since", [])):
        return False
    return bool(cue_in(lex.cues.get("began", []), lowers[match.end : match.end + 3]))


def _untimed(event: Event) -> bool:
    """No time of its own: none, or the publication date standing in (not "i går", which is anchored there too)."""
    time = event.time
    return time is None or (time.anchor == "publication" and time.start_char == time.end_char == 0)


@lru_cache(maxsize=8)
def _naming_forms(lang: str) -> frozenset[str]:
    """The definite forms that name an event told elsewhere in the article (`again` and `definite` in triggers.yaml)."""
    lex = lexicon(lang)
    entries = [e for group in (*lex.lemmas.values(), *lex.forms.values()) for e in group]
    return frozenset(w for e in entries for w in (*e.again, *e.definite))


def _date_from_later_naming(events: list[Event], lex: Lexicon, sents: list[Sentence], text: str) -> None:
    """"det første rasistiske mordet i Noreg ... mordnatta 26. januar 2001": a definite noun told with no time of its
    own is the event a later definite mention of its kind dates, when that one lies in the past."""
    naming = _naming_forms(lex.lang)

    def number(event: Event) -> int:
        start = event.trigger.start_char if event.trigger else 0
        return next((s.n for s in sents if s.start <= start < s.end), -1)

    def definite(event: Event) -> bool:
        return bool(event.trigger) and event.trigger.text.lower() in naming

    for k in range(len(events) - 1, -1, -1):  # from the last, so a date passes back along a chain of namings
        event = events[k]
        if event.historical or not (_untimed(event) or _time_told_apart(event, text)) or not definite(event):
            continue
        n = number(event)
        # The next mention of its kind that is not the deed named again, and not one past a current event of that
        # kind ("terroraksjonen" ... "massedrap" ... "drapet på Hermansen i 2001" is another deed).
        later = next(
            (
                e
                for e in events[k + 1 :]
                if e.sub_event_type == event.sub_event_type and (e.historical or not definite(e))
            ),
            None,
        )
        if (
            later is not None
            and later.historical
            and later.time is not None
            and later.time.anchor != "publication"
            and number(later) - n <= 8
        ):
            event.time, event.historical = later.time, True


def _time_told_apart(event: Event, text: str) -> bool:
    """A relative time past a comma and some words from a noun naming a deed ("under politijakta etter drapet, ...
    stod Jahr sist veke fram på fjernsyn") dates another clause, not the deed."""
    time, trigger = event.time, event.trigger
    if time is None or trigger is None or time.anchor != "publication" or time.start_char is None:
        return False
    if time.start_char > trigger.start_char:
        lo, hi = trigger.end_char, time.start_char
    else:
        lo, hi = time.end_char, trigger.start_char
    return hi - lo > TIME_REACH and "," in text[lo:hi]


def _officer(actor: Actor, text: str, table: ActorTable) -> bool:
    """A person named with a military rank or role ("Kaptein Sanogo", "kupplederen Amadou Sanogo")."""
    if actor.start_char is None:
        return False
    words = text[max(0, actor.start_char - 30) : actor.end_char].lower().split()
    named = len(actor.text.split())
    before = words[: len(words) - named][-1:] if len(words) > named else []
    return bool(table.military_ranks & set(before + actor.text.lower().split()[:1]))


def _blamed(actors: list[ActorMention], lowers: list[str], lex: Lexicon) -> ActorMention | None:
    """The party a sentence blames: "gir X skylden", "legger skylden på X", "X får skylden"."""
    nouns = set(lex.cues.get("blame_nouns", []))
    verbs = set(lex.cues.get("blame_verbs", []))
    receive = set(lex.cues.get("blame_receive", []))
    known = [a for a in actors if a.entry is not None]
    for k, word in enumerate(lowers):
        if word not in nouns:
            continue
        after = [a for a in known if a.start in (k + 2, k + 3) and lowers[k + 1] in ("på", "til")]
        if after:
            return after[0]
        verb = next((j for j in range(k - 1, max(-1, k - 8), -1) if lowers[j] in verbs), None)
        if verb is not None:
            between = [a for a in known if verb < a.start and a.end <= k]
            if between:
                return between[-1]
        if k > 0 and lowers[k - 1] in receive:
            before = [a for a in known if a.end in (k - 1, k - 2)]
            if before:
                return before[-1]
    return None


def _counted(sent: Sentence, match: TriggerMatch, result: ExtractionResult) -> bool:
    """A number of a thousand or more right before the trigger ("fleire tusen luftåtak", "2.300 eksplosjoner")."""
    lo = sent.tokens[max(0, match.start - 3)].start
    hi = sent.tokens[match.start].start
    numbers = [q.best or q.low or 0 for q in result.quantities if lo <= q.start_char < hi]
    window = sent.text[lo - sent.start : hi - sent.start].lower()
    numbers += [float(m.group(0).replace(".", "").replace(" ", "")) for m in _BIG.finditer(window)]
    return any(n >= 1000 for n in numbers) or any(w in window.split() for w in THOUSANDS)


def _big_number(sent: Sentence, result: ExtractionResult) -> bool:
    numbers = [q.best or q.low or 0 for q in result.quantities if sent.start <= q.start_char < sent.end]
    if not result.quantities:
        numbers = [float(m.group(0).replace(".", "").replace(" ", "")) for m in _BIG.finditer(sent.text)]
    return any(n >= 1000 for n in numbers)


# Word lists: kilde/lang/<lang>/function_words.yaml
PRESENT_PASSIVE_AUX = function_words("present_passive_auxiliaries")
PAST_MARKERS = function_words("past_markers")
PRONOUNS = function_words("subject_pronouns")
PERSONAL = function_words("personal_pronouns")


def _share_subjects(
    candidates: list[tuple[TriggerMatch, Event, str]], lowers: list[str], history: list[ActorMention]
) -> None:
    """Verbs without a named subject: a pronoun next to the verb ("sprengte de templer") is the last armed actor
    named; a verb coordinated with an earlier one ("... og henrettet mennesker") shares its subject."""
    for k, (match, event, _) in enumerate(candidates):
        if event.actor1 is not None or not _acled(event) or match.entry.consequence:
            continue
        # A pronoun after the verb ("sprengte de templer"); before it only a personal one ("de drepte" is "the dead").
        before = lowers[match.start - 1] if match.start > 0 else ""
        near = {lowers[match.end] if match.end < len(lowers) else "", before if before in PERSONAL else ""}
        last_armed = next((a for a in reversed(history) if a.entry is not None and a.entry.type in ARMED_TYPES), None)
        if near & PRONOUNS and last_armed is not None:
            event.actor1 = to_actor(last_armed)
            event.actor1.text = next(w for w in near if w in PRONOUNS)
            event.actor1.start_char = event.actor1.end_char = None
            continue
        for earlier, other, _ in reversed(candidates[:k]):
            between = lowers[earlier.end : match.start]
            if other.actor1 is not None and "og" in between + ["and"] and len(between) <= 6 and "," not in between:
                if "og" in between or "and" in between:
                    event.actor1 = other.actor1.model_copy()
                break


GOVERNMENT_FORCES = "government_forces"  # kilde/lang/nb/actors.yaml
LIST_LINKS = {",", "og", "eller", "and", "or"}
NON_STATE_ARMED = {"Rebels", "Political militia", "Identity militia"}


def _main_country(result: ExtractionResult) -> str | None:
    """The country the article's places lie in most often."""
    codes = [p.country for p in result.places if p.country]
    return max(codes, key=codes.count) if codes else None  # ties: the first named (no set order)


def _country_name(code: str) -> str | None:
    """An ISO country code's common English name (HN -> Honduras), as ACLED writes it in actor names."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry comes with the places stage
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    if ", " in name:  # "Congo, The Democratic Republic of the" -> "The Democratic Republic of the Congo"
        head, _, tail = name.partition(", ")
        name = f"{tail} {head}"
    return name


def _generic_passive(
    match: TriggerMatch, lowers: list[str], sent: Sentence, result: ExtractionResult, lang: str, lex: Lexicon
) -> bool:
    """ "Et folk som bombes av motstanderen": a present s-passive with no time of its own tells what happens in
    general (a dated one, "Byen bombes nå", is kept)."""
    if lang not in ("nb", "nn") or match.end - match.start != 1:
        return False
    word = lowers[match.start]
    # "politikarar og journalistar blir fengsla": a present "blir" passive in the body tells of a practice.
    present_passive = (
        sent.n >= 2
        and sent.tokens[match.start].verbform == "Part"
        and any(w in PRESENT_PASSIVE_AUX for w in lowers[max(0, match.start - 2) : match.start])
    )
    if present_passive and _quoted(match, sent, result):
        return False  # "– Byen blir beskutt døgnet rundt, sier lærer X": a witness tells of now
    if not present_passive and not (
        word.endswith("es") and match.entry.lemma.endswith("e") and " " not in match.entry.lemma
    ):
        return False
    if cue_in(lex.cues.get("present_markers", []), lowers):
        return False
    return not any(sent.start <= t.start_char < sent.end for t in result.times)


def _of_a_person(match: TriggerMatch, sent: Sentence, result: ExtractionResult) -> bool:
    """A noun trigger followed by "på"/"av"/"of" and a person's name ("drapet på Elmar", "the killing of X")."""
    if match.end + 1 >= len(sent.tokens) or sent.tokens[match.end].lower not in PERSON_TARGET_PREP:
        return False
    name = sent.tokens[match.end + 1]
    return any(m.label == "PER" and m.start_char == name.start for m in result.mentions)


def _in_a_list_of_kinds(match: TriggerMatch, sent: Sentence) -> bool:
    """A bare noun coordinated with other nouns ("krig, øydelegging, plyndring, massakrar og valdtekter") names kinds
    of violence, not one event."""
    anchor = sent.tokens[match.anchor]
    if match.start != match.anchor or anchor.definite == "Def":
        return False
    if anchor.number != "Plur" and match.start > 0 and sent.tokens[match.start - 1].pos in ("DET", "det"):
        return False  # "et drap, en plyndring og ..." are deeds; bare "plyndring" in a list is a kind
    tokens = sent.tokens

    def noun(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].pos in ("NOUN", "subst")

    items, links = 1, []
    k = match.start - 1
    while k >= 1 and tokens[k].lower in LIST_LINKS and noun(k - 1):
        items, links, k = items + 1, links + [tokens[k].lower], k - 2
    k = match.end
    while k + 1 < len(tokens) and tokens[k].lower in LIST_LINKS and noun(k + 1):
        items, links, k = items + 1, links + [tokens[k].lower], k + 2
    return items >= 3 and any(link != "," for link in links)  # a list ends with "og": "A, B og C"


def _one_unarmed_person_hit(match: TriggerMatch, sent: Sentence, result: ExtractionResult, lex: Lexicon) -> bool:
    """The passive subject of the trigger is one person ("han ble skutt", "Gaddafi vart skoten", "25-åringen ble
    angrepet"), not a soldier: ACLED codes violence against one unarmed person as an attack, not a clash."""
    tokens = sent.tokens
    anchor = tokens[match.anchor]
    if anchor.head is None or anchor.head == anchor.i or tokens[anchor.head].lower not in PASSIVE_AUX | COPULAS:
        return False
    subjects = [t for t in tokens if t.head == anchor.head and t.dep == "SUBJ"]
    if len(subjects) != 1:
        return False
    subject = subjects[0]
    if cue_in(lex.cues.get("combatants", []), [subject.lower]):
        return False
    if subject.lower in PERSON_PRONOUNS or subject.lower.endswith(AGE_NOUN_ENDINGS):
        return True
    return any(m.label == "PER" and m.start_char <= subject.start < m.end_char for m in result.mentions)


def _idea_of(match: TriggerMatch, lowers: list[str], lex: Lexicon) -> bool:
    """A trigger that a concept noun governs through "om"/"til"/"for" names an idea ("teorien om tyrannmordet")."""
    k = match.start - 1
    while k >= 0 and lowers[k] in DEFINITE_ARTICLES:
        k -= 1
    return k >= 1 and lowers[k] in IDEA_PREP and lowers[k - 1] in set(lex.cues.get("concept_nouns", []))


def _topic_of_a_story(match: TriggerMatch, sent: Sentence, lex: Lexicon) -> bool:
    """An indefinite noun after "handler om" in a sentence about a story ("filmen handler om et drap") is what the
    story is about, a kind of event; "saken dreier seg om et overfall" and "handler om massakren" tell of real ones."""
    anchor = sent.tokens[match.anchor]
    if anchor.definite == "Def" or match.start == 0:
        return False
    before = [t.lower for t in sent.tokens[: match.start]]
    if before[-1] not in INDEFINITE_ARTICLES:
        return False
    story = cue_in(lex.cues.get("story_nouns", []), [t.lower for t in sent.tokens])
    return story is not None and cue_in(lex.cues.get("about_verbs", []), before) is not None


def _killing_of_a_named_person(match: TriggerMatch, sent: Sentence, result: ExtractionResult) -> bool:
    """"drapet på Elmar Huseinov", or a name as the subject of a passive ("Bonhoeffer vart myrda")."""
    if _of_a_person(match, sent, result):
        return True
    persons = [m for m in result.mentions if m.label == "PER" and sent.start <= m.start_char < sent.end]
    for back in (2, 3):
        at = match.start - back
        if at < 0 or sent.tokens[at + 1].lower not in PASSIVE_AUX:
            continue
        name = sent.tokens[at]
        if any(m.start_char <= name.start < m.end_char for m in persons):
            return True
    return False


def _witness_quote(
    match: TriggerMatch, lowers: list[str], sent: Sentence, result: ExtractionResult, lex: Lexicon
) -> bool:
    """A quoted sentence in the first person: a witness telling what goes on now."""
    return _quoted(match, sent, result) and cue_in(lex.cues.get("witness_pronouns", []), lowers)


def _quoted(match: TriggerMatch, sent: Sentence, result: ExtractionResult) -> bool:
    return sent.text.lstrip()[:1] in "-–—«\"" or any(
        c.direct and c.start_char <= sent.tokens[match.start].start < c.end_char for c in result.claims
    )


def _generic_present(
    match: TriggerMatch, lowers: list[str], sent: Sentence, result: ExtractionResult, lex: Lexicon
) -> bool:
    """ "Hamas er geriljaer som angriper sivile", "Sivile rammes i kamper": in the body of an article, a sentence in
    the plain present with no time, no place and no number tells what happens in general, and its present verbs
    and bare plural nouns are no events. Headlines, leads ("IS angriper Palmyra") and witnesses
    quoted in the first person report in the present."""
    if sent.n < 2 or match.end - match.start != 1:
        return False
    tokens = sent.tokens
    if _witness_quote(match, lowers, sent, result, lex):
        return False  # "– Vi ser målrettede drap": a witness tells of now in the present
    roots = [t for t in tokens if t.head is None and t.pos in ("VERB", "AUX", "verb")]
    if not roots or any(t.tense != "Pres" for t in roots):
        return False
    # "har drept", "er blitt angrepet": a present auxiliary carries a past event.
    if any(t.verbform == "Part" for t in tokens):
        return False
    if cue_in(lex.cues.get("present_markers", []), lowers):
        return False
    if any(sent.start <= x.start_char < sent.end for x in (*result.times, *result.quantities)):
        return False
    # A place counts where the sentence puts something in it ("i Aleppo"), not "kamper mellom Hamas og Israel".
    for place in result.places:
        if sent.start <= place.start_char < sent.end:
            k = next((t.i for t in tokens if t.start == place.start_char), None)
            if k is None or (k > 0 and tokens[k - 1].lower in LOCATIVE):
                return False
    tok = tokens[match.start]
    if tok.pos in ("VERB", "AUX", "verb"):
        return tok.tense == "Pres"
    if tok.number == "Plur" and tok.definite == "Ind":
        before = tokens[match.start - 1] if match.start > 0 else None
        return before is None or before.pos not in ("DET", "NUM", "PRON")
    return False


def _speaker_as_subject(
    sent: Sentence, match: TriggerMatch, actors: list[ActorMention], lex: Lexicon, violent: bool, table: ActorTable
) -> list[Actor]:
    """ "FN-styrken sier at den har angrepet opprørerne": a pronoun subject in the reported clause is the speaker."""
    lowers = sent.lowers()
    aux = set(lex.cues.get("auxiliaries", []))
    k = match.start - 1
    while k >= 0 and lowers[k] in aux:
        k -= 1
    if k < 1 or lowers[k] not in set(lex.cues.get("speaker_pronouns", [])):
        return []
    if lowers[k - 1] not in set(lex.cues.get("complementizers", [])):
        return []
    named = [a for a in actors if a.end <= k - 1 and a.entry is not None]
    return [to_actor(named[0], violent, table)] if named else []


def _adjective_forces(sent: Sentence, match: TriggerMatch, table: ActorTable) -> list[Actor]:
    """ "israelske flyåtak", "russiske og syriske luftangrep": nationality adjectives before the trigger."""
    found: list[Actor] = []
    k = match.start - 1
    while k >= 0:
        tok = sent.tokens[k]
        if tok.lower in table.adjectives:
            entry = table.forces_of(table.countries[tok.lower])
            found.insert(
                0,
                Actor(
                    text=tok.text,
                    start_char=tok.start,
                    end_char=tok.end,
                    canonical_id=entry.id,
                    canonical_name=entry.name,
                    actor_type=entry.type,
                    wikidata=entry.wikidata,
                ),
            )
        elif tok.lower not in AND_WORDS | {","} and tok.lower not in DETERMINERS_BEFORE:
            break
        k -= 1
    return found


# kilde/lang/<lang>/function_words.yaml
DETERMINERS_BEFORE = function_words("modifiers_among_nationality_adjectives")


def _absorb(kept: Event, other: Event) -> None:
    """Two triggers of one event type in one sentence are one event ("pågripelsen ... ble pågrepet av soldater")."""
    if kept.actor1 is None and other.actor1 is not None:
        kept.actor1, kept.assoc_actor1 = other.actor1, other.assoc_actor1
    if kept.actor2 is None and other.actor2 is not None:
        kept.actor2, kept.assoc_actor2 = other.actor2, other.assoc_actor2
    kept.confidence = max(kept.confidence, other.confidence)
    # The event is real if one mention of it is.
    if kept.hypothetical and not other.hypothetical:
        kept.hypothetical = False
    if kept.negated and not other.negated:
        kept.negated = False


def _event(
    match: TriggerMatch,
    sent: Sentence,
    lowers: list[str],
    actors: list[ActorMention],
    lex: Lexicon,
    scores: dict[str, int],
    article: Article,
    result: ExtractionResult,
    fallback: list,
    hist_days: int,
    lang: str,
    previous_place: Place | None,
    table: ActorTable,
    previous_sent: Sentence | None,
    next_sents: list[Sentence],
    lead_end: int = 0,
    earlier_violent: bool = False,
    armed_nearby: bool = False,
    earlier_kinds: set[str | None] | None = None,
    local_place: Place | None = None,
) -> tuple[Event, str] | None:
    entry = match.entry
    told_kind = entry.event in (earlier_kinds or set())
    if entry.told_only == "same" and not told_kind:
        return None  # "avtalen" names the agreement told before; alone it is any contract
    if entry.told_only is True and not earlier_violent:
        return None
    if entry.known_only and not any(k.named_in(sent.text) for k in known_events(lang)):
        return None  # "hendelsene" alone is anything; "hendelsene 22. juli" is the attacks
    if match.end < len(lowers) and lowers[match.end] in entry.after_block:
        # "kamp mot korrupsjon" is no fight, "kampar mot den sudanske hæren" is: an armed side right after keeps it.
        against = [a for a in actors if match.end < a.start <= match.end + 3 and a.entry is not None]
        durative = any(w in set(lex.cues.get("durative", [])) for w in lowers)  # "har kjempet mot X siden 2015"
        if durative or not (lowers[match.end] in ARMED_AFTER and any(a.entry.type in ARMED_TYPES for a in against)):
            return None
    context = [w for k, w in enumerate(lowers) if not (match.start <= k < match.end)]
    # A subheading ("Sammenstøt") is read with the paragraph it heads.
    following = [w for s in next_sents for w in s.lowers()] if len(lowers) <= 3 else []
    context += following
    # "luftangrep", "flyåtak": a compound that names the weapon needs no further context.
    needs = "none" if match.prefix is not None and match.event != entry.event else entry.needs
    named_victim = entry.event == "Attack" and _killing_of_a_named_person(match, sent, result)
    if needs in ("conflict", "conflict!") and named_victim:
        needs = "political"  # "drapet på Cæsar", "Bonhoeffer vart myrda": a named person's killing in political writing
    if needs == "conflict!" and cue_in(lex.cues.get("deliberate", []), lowers[max(0, match.start - 3) : match.start]):
        needs = "conflict"  # "målrettede drap": deliberate killing needs only an article about conflict
    ok, bonus = _context_ok(needs, context, lex, scores)
    kind_named_again = told_kind and lowers[match.anchor] in entry.again  # "drapa" after the killings were told
    refers_back = ((earlier_violent or told_kind) and lowers[match.anchor] in entry.definite) or kind_named_again
    if not ok and refers_back and not cue_in(lex.cues.get("sport", []), context):
        ok = True  # "Få dager etter angrepet ...": a definite noun refers back to the attack the article has told of
    match_report = scores.get("sport", 0) >= max(3, scores["conflict"])  # "forsvaret til motstandaren" is football
    armed_beside = armed_nearby and needs in ("conflict", "conflict!") and _armed_context(context, lex)
    if not ok and armed_beside and not match_report:
        ok = True  # "En bilbombe eksploderte ... al-Shabaab har tatt på seg ansvaret": an armed group told beside it
    if not ok:
        return None
    if _in_a_list_of_kinds(match, sent):
        return None  # "tre tusen år med krig, øydelegging, plyndring, massakrar og valdtekter": kinds, not events
    if _defined_as(match, lowers) and not cue_in(lex.cues.get("conflict", []), context):
        return None  # "det er å gå til åtak på rasjonell aktivitet", "Det var å invadere": what something amounts to
    if _topic_of_a_story(match, sent, lex):
        return None  # "filmen skal handla om ... eit drap": the subject of a story, not an event
    if entry.no_object and _has_object(sent, match.anchor):
        return None  # "har demonstrert rødgrønn politikk", "demonstrerte at han er en mester": shown, not protested
    code = _code(match, lowers + following, lex.cues.get("military_targets", []))
    if code is None:
        return None
    if is_sub_event(code) and cue_in(lex.cues.get("habitual", []), lowers[max(0, match.start - 6) : match.end + 4]):
        return None  # "carries out bombings regularly": a habit, not an event
    if is_sub_event(code) and _since_it_began(match, lowers, lex):
        return None  # "siden invasjonen startet 24. februar": the time frame of what is told, not a new event
    anchor = sent.tokens[match.anchor]
    prev = sent.tokens[match.anchor - 1] if match.anchor > 0 else None
    prev2 = sent.tokens[match.anchor - 2] if match.anchor > 1 else None
    nxt = sent.tokens[match.anchor + 1] if match.anchor + 1 < len(sent.tokens) else None
    nominal_guess = is_nominal(anchor, prev, True, prev2, nxt)
    if is_sub_event(code) and nominal_guess and not entry.phrase and _counted(sent, match, result):
        return None  # "etter fleire tusen luftåtak": a campaign's count, not one event
    violent_code = is_sub_event(code) and event_type_of(code) in VIOLENT_TYPES
    if violent_code and _verbal_target(sent, match, lex):
        code = "ACCUSE"
    default_noun = not entry.lemma.endswith("e") or " " in entry.lemma
    nominal = is_nominal(anchor, prev, default_noun, prev2, nxt) and not entry.phrase
    who = roles(sent, actors, match.start, match.end, nominal, lex.cues.get("light_verbs", []))
    if entry.person_victim and code == "Armed clash" and _one_unarmed_person_hit(match, sent, result, lex):
        code = entry.person_victim  # "der han ble angrepet", "vart han skoten": violence against one person
    if code in TERRITORY_CODES:
        # "tok kontroll over Rubizjne": the object of a territory verb that the gazetteer knows is where, not whom.
        spans = {(p.start_char, p.end_char) for p in result.places if p.latitude is not None}
        who.actor2 = [a for a in who.actor2 if a.entry or (a.start_char, a.end_char) not in spans]
    violent = is_sub_event(code) and event_type_of(code) != "Protests"
    actor1 = [to_actor(a, violent, table) for a in who.actor1]
    actor2 = [to_actor(a, violent, table) for a in who.actor2]
    if actor1 and violent_code and actor1[0].actor_type == "Civilians":
        # Civilians are what violence is done to; "Residents said the jets struck" names a witness, not the attacker.
        actor1 = []
    if not actor1 and violent_code:
        actor1 = _adjective_forces(sent, match, table)
    if not actor1 and violent_code:
        actor1 = _speaker_as_subject(sent, match, actors, lex, violent, table)
    if entry.under_fire and (
        cue_in(lex.cues.get("battle", []), context)
        or cue_in(lex.cues.get("battle", []), previous_sent.lowers() if previous_sent else [])
    ):
        code = entry.under_fire
    if actor1 and actor1[0].actor_type in entry.by_actor_type:
        code = entry.by_actor_type[actor1[0].actor_type]
    if (
        code == "Non-violent transfer of territory"
        and not (actor1 and actor1[0].actor_type in ARMED_TYPES)
        and not any(sent.start <= p.start_char < sent.end for p in result.places)
    ):
        return None  # "de trakk seg ut av miljøet": no armed side and no place, so no territory changed hands
    if code in ("Government regains territory", "Non-state actor overtakes territory") and cue_in(
        lex.cues.get("short_hold", []), lowers
    ):
        code = "Armed clash"
    if code == "Armed clash" and any(a.kind == "ner" for a in who.actor2) and nominal:
        code = "Attack"  # "angrepet mot Kadra": an attack on a named person is violence against a civilian
    if (
        is_sub_event(code)
        and event_type_of(code) == "Protests"
        and code != "Excessive force against protesters"
        and actor1
        and actor1[0].actor_type == "State forces"
    ):
        # "Politiet brukte tåregass mot demonstrantene": ACLED codes the protesters as actor1, the police as actor2;
        # lethal force against them is political violence by the force that used it, which stays actor1.
        actor2, actor1 = (
            actor1 + actor2,
            [to_actor(a, False, table) for a in who.actor2 if a.entry and a.entry.type == "Protesters"],
        )
    lethal = code == "Excessive force against protesters"
    if is_sub_event(code) and event_type_of(code) == "Protests" and not actor1 and not lethal:
        actor1 = [
            Actor(text="", canonical_id=PROTESTERS.id, canonical_name=PROTESTERS.name, actor_type=PROTESTERS.type)
        ]

    start_char, end_char = match.span(sent)
    flags = modality(sent, match.start, match.end, nominal, lang)
    # Names that act are not where it happened ("Noreg vil ikkje stanse bombinga"); "mot Israel", "i Syria" are.
    exclude = [(a.start_char, a.end_char) for a in who.actor1]
    exclude += [
        (a.start_char, a.end_char)
        for a in actors
        if a.start == 0 or not (lowers[a.start - 1] in LOCATIVE or lowers[a.start - 1].endswith(PLACE_NOUNS))
    ]  # "I nabolandet Burkina Faso ble ... bortført": a place noun before a country makes it where
    local = is_sub_event(code) and event_type_of(code) in LOCAL_TYPES and code not in TERRITORY_CODES
    if local_place is not None and local:
        previous_place = local_place  # fighting is local: the town or district just named, not the whole country
    place, place_how = place_for(result, sent, start_char, fallback, exclude, previous_place, end_char, lead_end)
    place, place_how = town_of_site(place, place_how, fallback, sent, start_char, previous_place)
    time = time_for(result, article, sent, start_char, previous_sent)
    quantities = quantities_for(result, sent)
    claims = _claims_over(result.claims, start_char, end_char)

    historical = False
    # "om ein vil sjå terroren som politisk": a definite noun naming the attack already told is real, whatever
    # the clause around it wants of it.
    # (A plural, "dersom åtaka held fram", is a series whose going on the clause leaves open.)
    singular = sent.tokens[match.anchor].number != "Plur"
    hypothetical = flags["hypothetical"] and not (refers_back and nominal and singular)
    if time is not None and (time.anchor != "publication" or not time.uncertain) and article.published is not None:
        published = article.published.replace(tzinfo=None)
        end = (time.end or time.start).replace(tzinfo=None) if (time.end or time.start) else None
        start = time.start.replace(tzinfo=None) if time.start else None
        if end is not None and end < published - timedelta(days=hist_days):
            historical = True
        if (
            time.anchor != "publication"  # a weekday read from the publication date may fall either side of it
            and start is not None
            and start > published + timedelta(days=1)
            and not (set(lowers) & PAST_MARKERS)
        ):
            hypothetical = True  # a future date: planned, not happened (unless the verbs say it happened)
        if time.end_year is not None and time.end is None and time.end_year < published.year - 1:
            historical = True  # "1800-tallet før Kristus": years the calendar type cannot hold
    if historical_cue(sent, lang, article.published.year if article.published else None) or cue_in(
        lex.cues.get("earlier_episode", []), lowers
    ):
        historical = True

    if historical and place_how == "context" and place is not None:
        # "Konflikten i Mali startet i 2012, da opprørere tok kontroll over nord": history told after today's news
        # is not where today's event was: it is where its own sentence says, else in that event's country.
        own = [
            p
            for p in fallback
            if sent.start <= p.start_char < sent.end and (p.start_char, p.end_char) not in exclude and not is_site(p)
        ]
        if own:
            place, place_how = own[0], "sentence"
        elif place.precision != "country":
            place = _country_of(place) or place
    home = (place.country if place is not None and place.country else None) or _main_country(result)
    if place is not None and place.country is None and place.latitude is None and home:
        place = place.model_copy(update={"country": home})  # a name the gazetteer lacks, in the article's country
    officer = bool(actor1) and actor1[0].canonical_id is None and _officer(actor1[0], article.text, table)
    if actor1 and actor1[0].canonical_id is None and home and (violent or officer):
        unresolved = next((a for a in who.actor1 if a.kind.startswith("anaphor:") and "State forces" in a.kind), None)
        country = _country_name(home) if unresolved or officer else None
        if country:
            # "flyvåpenet angrep ..." in Syria: the Syrian air force.
            forces = table.forces_of(country)
            actor1[0] = Actor(
                text=actor1[0].text,
                start_char=actor1[0].start_char,
                end_char=actor1[0].end_char,
                canonical_id=forces.id,
                canonical_name=forces.name,
                actor_type=forces.type,
                wikidata=forces.wikidata,
            )
    if not actor1 and entry.default_actor in table.by_id:  # "tre personer er pågrepet": by the police
        known = table.by_id[entry.default_actor]
        actor1 = [Actor(text="", canonical_id=known.id, canonical_name=known.name, actor_type=known.type)]
    if not actor1 and entry.default_actor == "national_military" and place is not None and place.country:
        country = _country_name(place.country)
        if country:
            forces = table.forces_of(country)
            actor1 = [Actor(text="", canonical_id=forces.id, canonical_name=forces.name, actor_type=forces.type)]
    if actor1 and actor1[0].canonical_id == PROTESTERS.id and home and actor1[0].canonical_name == PROTESTERS.name:
        country = _country_name(home)
        if country:
            actor1[0] = actor1[0].model_copy(update={"canonical_name": f"Protesters ({country})"})  # ACLED's naming
    ids1 = {a.canonical_id for a in actor1 if a.canonical_id}
    actor2 = [a for a in actor2 if not a.canonical_id or a.canonical_id not in ids1]
    reported = bool(claims) or (not result.claims and flags["reported"]) or flags["hedged"]
    # "The rebels reportedly seized": a hedging adverb in the event's own clause hedges it, claim or no claim.
    hedged = any(c.hedged for c in claims) or flags["hedged"]
    if not hedged and hedge_of_span(article, sent.start, sent.end) is not None:
        hedged = reported = True  # "Lørdag skal hærens fly ha bombet": the outlet's own "skal ha" with words between
    low, best, high = fatalities(quantities) if violent_code else (None, None, None)

    confidence = entry.weight + bonus
    confidence += 0.1 if actor1 and actor1[0].canonical_id else 0.0
    confidence += 0.05 if place_how == "sentence" else 0.0
    confidence -= 0.1 if hedged else 0.0
    confidence = round(min(0.99, max(0.05, confidence)), 3)

    if is_sub_event(code):
        event_type, sub = event_type_of(code), code
        plover, mode = plover_of(code)
    else:
        event_type, sub, plover, mode = None, None, code, entry.mode
    return Event(
        event_type=event_type,
        sub_event_type=sub,
        plover_category=plover,
        plover_mode=mode or None,
        trigger=Span(
            start_char=start_char, end_char=end_char, text=article.text[start_char:end_char], label=entry.lemma
        ),
        actor1=actor1[0] if actor1 else None,
        assoc_actor1=actor1[1:],
        actor2=actor2[0] if actor2 else None,
        assoc_actor2=actor2[1:],
        place=place,
        time=time,
        quantities=quantities,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        negated=flags["negated"],
        hypothetical=hypothetical,
        historical=historical,
        reported=reported,
        hedged=hedged,
        evidence=[Span(start_char=sent.start, end_char=sent.end, text=sent.text, label="sentence")],
        confidence=confidence,
        claim_ids=[c.id for c in claims if c.id],
        sources=_sources(claims, article),
    ), place_how
