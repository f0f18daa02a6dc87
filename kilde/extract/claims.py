"""Attributed claims: who says what in an article, and through whom it reached the outlet.

A claim is a statement the article attributes to a source: a dash-opened or «»-quoted
passage closed by "sier X", an indirect "X sier at ...", "ifølge X ...", "Det opplyser X",
"etter det X kjenner til ...". Each claim carries its speaker (a person, a role such as
"en talsperson for politiet", an organisation or an outlet), the speaker's description,
the reporting verb, whether it is a direct quote, hedging, what the outlet says of it
(verification), and the relay chain from the speaker to the outlet ("Talal Barazi" ->
"NTB" -> "VG").

Sentences with no source are the outlet's own voice: no claim is emitted for them
(events that overlap no claim are the outlet's report). ``hedge_of_span`` lets later
stages read hedging ("skal ha", "angivelig") in such sentences too.

The rules work from token text (capitalised name sequences next to reporting verbs,
role nouns, agency and outlet names, all from kilde/lang/<lang>/*.yaml) so they run on
a blank Doc; where the parse has NER, PER/ORG spans decide a name's kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from kilde.extract.quotes import (
    CLOSE_QUOTES,
    DASHES,
    END_MARKS,
    OPEN_QUOTES,
    Sent,
    Tok,
    find_hedge,
    find_verification,
    phrase_tokens,
    quote_close,
    split_sentences,
    tokenize,
)
from kilde.lang import load_data
from kilde.model import Article, Claim, ExtractionResult

MAX_RUN_SENTENCES = 8  # a quote closed by "sier X" spans at most this many sentences
MAX_CLAIM_CHARS = 3000  # longer claims (a quote without an end mark) are cut to this
MAX_NP_TOKENS = 16
NAME_PARTICLES = {"von", "van", "de", "der", "den", "af", "al", "el", "bin", "ibn", "da", "di", "la", "le", "du"}
DOMAIN_RE = re.compile(r"^[\w-]+\.(no|com|se|dk|net|org|uk|de|fr|nu|info)$", re.IGNORECASE)
CODE_LANG = {"nb": "nb", "nn": "nn", "en": "en"}
PREFIXED_NAME_RE = re.compile(r"^(al|el|ad|as|an|ar|at|az|bin|ibn|abu|abd|ben)-[A-ZÆØÅÄÖÜ]")
PLURAL_DEFINITE = ("ane", "ene", "arne", "erne")
PLURAL_DETERMINERS = {"flere", "fleire", "mange", "alle", "begge", "to", "tre", "noen", "nokre", "several", "some"}


# ------------------------------------------------------------------ lexicon


@dataclass
class Lexicon:
    lang: str
    verbs: dict[tuple[str, ...], str]
    trailing_only: frozenset[tuple[str, ...]]
    needs_complement: frozenset[tuple[str, ...]]
    complementisers: tuple[tuple[str, ...], ...]
    cataphoric: frozenset[str]
    impersonal: tuple[tuple[str, ...], ...]
    adverbs: frozenset[str]
    alias_exact: dict[tuple[str, ...], tuple[str, str]]
    alias_lower: dict[tuple[str, ...], tuple[str, str]]
    source_codes: dict[str, str]
    outlet_anaphors: frozenset[str]
    organisation_anaphors: frozenset[str]
    media_nouns: frozenset[str]
    roles: frozenset[str]
    role_suffixes: tuple[str, ...]
    not_speakers: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    first_person: frozenset[str]
    determiners: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    role_preps: frozenset[str]
    channel_preps: frozenset[str]
    clause_words: frozenset[str]
    org_words: frozenset[str]
    not_reporting: frozenset[tuple[str, ...]] = frozenset()
    not_reporting_first: frozenset[str] = frozenset()
    topic_markers: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    outlet_reports: frozenset[str] = frozenset()
    particle_verbs: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    max_verb: int = 1
    max_alias: int = 1
    given_names: dict[str, str] = field(default_factory=dict)  # lower-case given name -> male | female
    pronoun_gender: dict[str, str] = field(default_factory=dict)  # "hun" -> female
    gendered_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # female -> ("talskvinne", ...)
    interview_nouns: frozenset[str] = frozenset()
    authorities: frozenset[str] = frozenset()
    second_person: frozenset[str] = frozenset()
    passive_participles: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    as_markers: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    as_verbs: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    contrast_joins: frozenset[str] = frozenset()  # "..., sier X , mens Y mener ...": a second speaker's clause
    group_numbers: frozenset[str] = frozenset()  # "de to": a number after a plural pronoun belongs to it
    view_nouns: frozenset[str] = frozenset()  # "etter hans syn": a view that names its owner as the source
    possessive_subject: dict[str, str] = field(default_factory=dict)  # "hans" -> "han"
    written_in: tuple[tuple[str, ...], ...] = ()  # "I rapporten står det at": the document speaks
    leading_only: frozenset[tuple[str, ...]] = frozenset()  # "spør seg om": opens a report, never closes one
    subject_focus: frozenset[str] = frozenset()  # "Også X mener": a focus word before the speaker

    def is_title(self, tok: Tok) -> bool:
        """A capitalised role ("Statsministeren", "KrF-lederen"): listed, or a hyphen compound; a surname
        that merely ends like a role ("Hoffmann") is not one."""
        low = tok.low
        if "-" in low:
            return self.is_role(low)
        return any(stem in self.roles for stem in role_stems(low))

    def is_role(self, low: str) -> bool:
        """Role nouns and their compounds and definite forms: guvernør, KrF-lederen, ordføraren."""
        for form in {low, low.rsplit("-", 1)[-1]}:
            for stem in role_stems(form):
                if stem in self.roles or any(stem.endswith(s) for s in self.role_suffixes if len(stem) > len(s) - 1):
                    return True
        return False

    def verb_at(self, toks: list[Tok], i: int) -> tuple[int, str, tuple[str, ...]] | None:
        """(width, kind, key) of the reporting verb starting at ``toks[i]``; one adverb may split a particle verb."""
        if i < len(toks) and toks[i].low in self.not_reporting_first and any(
                tuple(t.low for t in toks[i:i + len(p)]) == p for p in self.not_reporting):
            return None
        best = None
        for width in range(min(self.max_verb, len(toks) - i), 0, -1):
            key = tuple(t.low for t in toks[i:i + width])
            if key in self.verbs:
                best = (width, self.verbs[key], key)
                break
        # "slo imidlertid fast", "la også til"
        if i + 2 < len(toks) and toks[i + 1].low in self.adverbs:
            for width in range(min(self.max_verb, len(toks) - i - 1), 1, -1):
                key = (toks[i].low,) + tuple(t.low for t in toks[i + 2:i + 1 + width])
                if key in self.verbs and (best is None or len(key) > best[2].__len__()):
                    return width + 1, self.verbs[key], key
        return best

    def alias_at(self, toks: list[Tok], i: int) -> tuple[int, str, str] | None:
        """(width, canonical, kind) of an outlet or agency name at ``toks[i]``."""
        for width in range(min(self.max_alias, len(toks) - i), 0, -1):
            words = toks[i:i + width]
            exact = tuple(t.text for t in words)
            if exact in self.alias_exact:
                return (width, *self.alias_exact[exact])
            low = tuple(t.low for t in words)
            if low in self.alias_lower and not (width == 1 and not words[0].cap and low[0] not in self.media_nouns
                                                 and not DOMAIN_RE.match(words[0].text)):
                return (width, *self.alias_lower[low])
        return None

    def outlet_name(self, code: str | None) -> str | None:
        """The canonical outlet an article's ``source`` names ("AP" -> "Aftenposten")."""
        if not code:
            return None
        if code in self.source_codes:
            return self.source_codes[code]
        hit = self.alias_exact.get(tuple(t.text for t in tokenize(code)))
        return hit[0] if hit else code


def role_stems(low: str) -> list[str]:
    """A noun and the stems its definite/plural forms may come from: ordføraren -> ordførar."""
    out = [low]
    for suffix in ("ane", "ene", "arne", "erne", "en", "et", "a", "n"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: -len(suffix)])
    return out


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon:
    lang = CODE_LANG.get(lang, "en" if lang == "other" else "nb")
    verbs_data = load_data(lang, "speech_verbs") or {}
    sources = dict(load_data(lang, "sources") or {})
    base_name = sources.get("inherit")
    if base_name:
        base = load_data(base_name, "sources") or {}
        for key in ("agencies", "outlets", "source_codes"):
            sources.setdefault(key, base.get(key) or {})
    verbs: dict[tuple[str, ...], str] = {}
    for kind in ("say", "confirm", "deny"):
        for verb in verbs_data.get(kind) or []:
            verbs[phrase_tokens(str(verb))] = kind
    alias_exact: dict[tuple[str, ...], tuple[str, str]] = {}
    alias_lower: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, table in (("outlet", sources.get("outlets") or {}), ("agency", sources.get("agencies") or {})):
        for canonical, aliases in table.items():
            for alias in [canonical, *(aliases or [])]:
                alias = str(alias)
                words = tuple(t.text for t in tokenize(alias))
                alias_exact[words] = (str(canonical), kind)
                if not (alias.isupper() and len(alias) <= 5):
                    alias_lower[tuple(w.lower() for w in words)] = (str(canonical), kind)
    pronouns = sources.get("pronouns") or {}
    lex = Lexicon(
        lang=lang,
        verbs=verbs,
        trailing_only=frozenset(phrase_tokens(str(v)) for v in verbs_data.get("trailing_only") or []),
        needs_complement=frozenset(phrase_tokens(str(v)) for v in verbs_data.get("needs_complement") or []),
        complementisers=tuple(sorted((phrase_tokens(str(c)) for c in verbs_data.get("complementisers") or []),
                                     key=len, reverse=True)),
        cataphoric=_words(verbs_data.get("cataphoric")),
        impersonal=tuple(phrase_tokens(str(v)) for v in verbs_data.get("impersonal") or []),
        adverbs=_words(verbs_data.get("adverbs")),
        alias_exact=alias_exact,
        alias_lower=alias_lower,
        source_codes={str(k): str(v) for k, v in (sources.get("source_codes") or {}).items()},
        outlet_anaphors=_words(sources.get("outlet_anaphors")),
        organisation_anaphors=_words(sources.get("organisation_anaphors")),
        media_nouns=_words(sources.get("media_nouns")),
        roles=_words(sources.get("roles")),
        role_suffixes=tuple(str(s).lower() for s in sources.get("role_suffixes") or []),
        not_speakers=_words(sources.get("not_speakers")),
        singular=_words(pronouns.get("singular")),
        plural=_words(pronouns.get("plural")),
        first_person=_words(pronouns.get("first")),
        determiners=_words(sources.get("determiners")),
        according_to=tuple(phrase_tokens(str(a)) for a in sources.get("according_to") or []),
        role_preps=_words(sources.get("role_prepositions")),
        channel_preps=_words(sources.get("channel_prepositions")),
        clause_words=_words(sources.get("clause_words")),
        org_words=_words(sources.get("organisation_words")),
        not_reporting=frozenset(phrase_tokens(str(v)) for v in verbs_data.get("not_reporting") or []),
        topic_markers=_words(verbs_data.get("topic_markers")),
        subordinators=_words(verbs_data.get("subordinators")),
        outlet_reports=_words(sources.get("outlet_reports")),
    )
    lex.not_reporting_first = frozenset(p[0] for p in lex.not_reporting if p)
    names = load_data(lang, "given_names") or load_data("nb", "given_names") or {}
    for gender in ("male", "female"):
        for name in names.get(gender) or []:
            lex.given_names.setdefault(str(name).lower(), gender)
        for word in (names.get("pronouns") or {}).get(gender) or []:
            lex.pronoun_gender[str(word).lower()] = gender
        lex.gendered_roles[gender] = tuple(str(w).lower() for w in (names.get("roles") or {}).get(gender) or [])
    lex.interview_nouns = _words(sources.get("interview_nouns"))
    lex.second_person = _words(pronouns.get("second"))
    lex.possessives = _words(pronouns.get("possessive"))
    lex.subject_pronouns = _words(pronouns.get("subject"))
    lex.authorities = _words(verbs_data.get("authorities"))
    lex.passive_participles = _words(verbs_data.get("passive_participles"))
    lex.speech_nouns = _words(verbs_data.get("speech_nouns"))
    lex.as_markers = _words(verbs_data.get("as_markers"))
    lex.as_verbs = _words(verbs_data.get("as_verbs"))
    lex.work_nouns = _words(sources.get("work_nouns"))
    lex.media_nouns = lex.media_nouns | lex.work_nouns
    lex.auxiliaries = _words(verbs_data.get("auxiliaries"))
    lex.relative_pronouns = _words(verbs_data.get("relative_pronouns"))
    lex.subject_focus = _words(verbs_data.get("subject_focus"))
    lex.view_nouns = _words(verbs_data.get("view_nouns"))
    lex.group_numbers = _words(pronouns.get("group_numbers"))
    lex.contrast_joins = _words(verbs_data.get("contrast_joins"))
    lex.possessive_subject = {str(k).lower(): str(v).lower()
                              for k, v in (verbs_data.get("possessive_subject") or {}).items()}
    lex.written_in = tuple(phrase_tokens(str(v)) for v in verbs_data.get("written_in") or [])
    lex.leading_only = frozenset(phrase_tokens(str(v)) for v in verbs_data.get("leading_only") or [])
    particles: dict[str, list[tuple[str, ...]]] = {}
    for key in verbs:
        if len(key) >= 2 and key[0] not in ("har", "has"):
            particles.setdefault(key[0], []).append(key)
    lex.particle_verbs = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in particles.items()}
    lex.max_verb = max((len(k) for k in verbs), default=1)
    lex.max_alias = max((len(k) for k in alias_exact), default=1)
    return lex


# ------------------------------------------------------------------ speakers


@dataclass
class Speaker:
    text: str
    start: int | None = None
    end: int | None = None
    role: str | None = None
    kind: str = "role"  # person | role | organisation | outlet | agency
    pronoun: str | None = None  # "han", "dei": resolved against the context
    anaphor: bool = False  # a definite role noun ("ordføraren") that may name an earlier person
    plural: bool = False
    name_tokens: tuple[str, ...] = ()


@dataclass
class Person:
    name: str
    tokens: tuple[str, ...]
    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # where the full name is written

    def last_before(self, pos: int | None) -> int:
        before = [m for m in self.mentions or [self.start] if pos is None or m <= pos]
        return max(before) if before else -1


@dataclass
class Context:
    """What the article has said so far: people and their roles, outlets named, the last speakers."""

    text: str
    lex: Lexicon
    outlet: str | None
    people: list[Person] = field(default_factory=list)
    outlet_mentions: list[tuple[int, str]] = field(default_factory=list)
    role_mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, head
    ent_kind: dict[int, str] = field(default_factory=dict)  # token start char -> PER/ORG from the NER
    organisations: list[tuple[int, int]] = field(default_factory=list)  # NER ORG/GPE_ORG spans, in text order
    last_speaker: Speaker | None = None
    last_person: tuple[int, Speaker] | None = None  # (sentence index, speaker)
    last_subject: tuple[int, Speaker] | None = None
    last_group: tuple[int, Speaker] | None = None  # the latest organisation or group opening a sentence
    last_quoted: tuple[int, Speaker] | None = None  # who the last direct quote was from
    channels: dict[str, str] = field(default_factory=dict)  # speaker -> channel named for it earlier
    definite_nouns: set[int] = field(default_factory=set)  # token starts the parse tags as singular definite nouns
    proper_nouns: set[int] = field(default_factory=set)  # token starts the parse tags PROPN (empty: no parse)
    titles: list[tuple[int, str]] = field(default_factory=list)  # «» titles of documentaries and books, in order

    def title_before(self, pos: int) -> str | None:
        """The documentary or book a bare "dokumentaren" names back."""
        hits = [title for start, title in self.titles if start < pos]
        return hits[-1] if hits else None

    def person_for(self, tokens: tuple[str, ...], before: int | None = None) -> Person | None:
        """The fullest earlier name ending with (or equal to) ``tokens``: "Ringstad" -> "Lise Ringstad"."""
        n = len(tokens)
        hits = [p for p in self.people
                if len(p.tokens) >= n and p.tokens[-n:] == tokens or p.tokens[:n] == tokens and n >= 2]
        if not hits:
            return None
        longer = [p for p in hits if len(p.tokens) > n]
        if longer:
            hits = longer
        # the person whose full name was written last before the mention ("Geir Aase" vs "Torodd Aase")
        return max(hits, key=lambda p: (p.last_before(before), len(p.tokens)))

    def person_by_first(self, tokens: tuple[str, ...]) -> Person | None:
        """The one person whose name starts with ``tokens`` ("Hannah" -> "Hannah Jones"), if only one does."""
        hits = [p for p in self.people if len(p.tokens) > len(tokens) and p.tokens[:len(tokens)] == tokens]
        return hits[0] if len(hits) == 1 else None

    def person_with_role(self, word: str, before: int) -> Person | None:
        """The latest person introduced with the role a definite noun names ("ordføraren" -> ordførar X)."""
        stems = [s for s in role_stems(word.lower()) + role_stems(word.lower().rsplit("-", 1)[-1]) if len(s) >= 4]
        best = None
        for person in self.people:
            if person.start > before:
                continue
            for role in person.roles:
                role = role.lower()
                if any(stem == role or stem.startswith(role) and len(role) >= 4 or role.endswith(stem)
                       for stem in stems):
                    if best is None or person.start > best.start:
                        best = person
        return best

    def outlet_before(self, pos: int) -> str | None:
        hit = None
        for start, name in self.outlet_mentions:
            if start < pos:
                hit = name
            else:
                break
        return hit


def _name_end(toks: list[Tok], i: int, lex: Lexicon) -> int:
    """End (exclusive) of the capitalised name sequence starting at ``toks[i]`` (i if none)."""
    j = i
    n = len(toks)
    while j < n and j - i < 8:
        tok = toks[j]
        if tok.cap and tok.text not in DASHES and tok.text.isalpha() or tok.cap and "-" in tok.text:
            if tok.low in lex.clause_words and j == i:
                break
            j += 1
            # initials: "Dag H. Nestegard"
            if j < n and toks[j].text == "." and len(toks[j - 1].text) == 1 and j + 1 < n and toks[j + 1].cap:
                j += 1
            continue
        if j > i and PREFIXED_NAME_RE.match(tok.text):
            j += 1  # "Osama al-Khatib", "Abdel Fattah el-Sisi"
            continue
        if tok.low in NAME_PARTICLES and j > i and j + 1 < n and toks[j + 1].cap:
            j += 1
            continue
        if tok.cap and tok.text[0].isalpha() and any(c.isdigit() for c in tok.text) is False and tok.text.isalnum():
            j += 1
            continue
        break
    return j


def _acronym_genitive(word: str) -> bool:
    """"NALs", "FNs", "NRKs": an organisation owning the person named next."""
    return len(word) >= 3 and word.endswith("s") and word[:-1].isupper()


def _is_word(tok: Tok) -> bool:
    return tok.text[:1].isalnum()


class NPParser:
    """Reads a speaker phrase from tokens: determiner, role words, a name, a place or body, an apposition."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.lex = ctx.lex

    def stop(self, tok: Tok) -> bool:
        lex = self.lex
        return (not _is_word(tok) or tok.low in lex.clause_words or (tok.low,) in lex.verbs
                or tok.low in lex.channel_preps and tok.low != "i" or (tok.low,) in lex.according_to)

    def parse(self, toks: list[Tok], i: int, initial: bool = False, coordinate: bool = True
              ) -> tuple[Speaker | None, int]:
        sp, j = self._parse_one(toks, i, initial)
        if sp is None or not coordinate:
            return sp, j
        # "Inger S. Enger og Jorunn Ringstad", "Tokke-ordførar X og Vinje-ordførar Y"
        if j + 1 < len(toks) and toks[j].low in ("og", "and") and sp.kind == "person":
            other, k = self._parse_one(toks, j + 1, False)
            if other is not None and other.kind == "person":
                conj = "and" if self.lex.lang == "en" else "og"
                merged = Speaker(f"{sp.text} {conj} {other.text}", sp.start, other.end, sp.role or other.role,
                                 "person", plural=True, name_tokens=sp.name_tokens)
                return merged, k
        return sp, j

    def _parse_one(self, toks: list[Tok], i: int, initial: bool) -> tuple[Speaker | None, int]:
        lex, ctx, n = self.lex, self.ctx, len(toks)
        if i >= n:
            return None, i
        limit = min(n, i + MAX_NP_TOKENS)
        tok = toks[i]
        if tok.low in lex.first_person:
            return None, i
        if tok.cap and (tok.low in lex.channel_preps or tok.low in lex.role_preps or tok.low == "overfor"):
            return None, i  # "Overfor Dagbladet bekrefter politiet": a fronted preposition opens no name
        if tok.low in lex.singular and i + 1 < n and toks[i + 1].cap and not lex.alias_at(toks, i + 1):
            e = _name_end(toks, i + 1, lex)
            after = toks[e] if e < n else None
            if e > i + 1 and (after is None or not _is_word(after) or after.low in lex.channel_preps):
                return self._parse_one(toks, i + 1, initial)  # "skriv ho Eli Sylta .": a dialect article
        if tok.low in lex.plural and i + 1 < n and toks[i + 1].low in lex.group_numbers \
                and (i + 2 >= n or not _is_word(toks[i + 2]) or self.stop(toks[i + 2])):
            return Speaker(tok.text, tok.start, toks[i + 1].end, kind="person", pronoun=tok.low,
                           plural=True), i + 2  # "mener de to ."
        if tok.low in lex.singular or tok.low in lex.plural:
            if tok.low in lex.determiners and i + 1 < n and _is_word(toks[i + 1]) \
                    and not self.stop(toks[i + 1]) and lex.verb_at(toks, i + 1) is None:
                pass  # "de militære", "her lawyer": a determiner, not a pronoun
            else:
                return Speaker(tok.text, tok.start, tok.end, kind="person", pronoun=tok.low,
                               plural=tok.low in lex.plural), i + 1
        if tok.low in lex.not_speakers and not (initial and tok.low in lex.determiners):
            return None, i
        owned = self._owner_genitive(toks, i, limit)
        if owned is not None:  # "Sogn og Fjordane Ap sin leiar , Nils P. Støyva"
            sp, j = self._parse_one(toks, owned, False)
            if sp is not None and sp.name_tokens and sp.kind == "person":
                owner = ctx.text[tok.start:toks[owned - 1].end]
                sp.role = f"{owner} {sp.role}" if sp.role else owner
                return sp, j
        # outlets and agencies, with an optional media noun: "nyhetsbyrået AP", "nettstedet AllAfrica.com"
        j = i
        media = None
        if lex.alias_at(toks, i) is None and tok.low in lex.media_nouns and i + 1 < n:
            media = tok
            j = i + 1
        hit = lex.alias_at(toks, j)
        if hit is None and j < n and DOMAIN_RE.match(toks[j].text):
            hit = (1, toks[j].text, "outlet")
        if hit is not None:
            width, canonical, kind = hit
            start = toks[j].start
            end = toks[j + width - 1].end
            return Speaker(canonical, start, end, kind=kind), j + width
        if media is not None and j < n and toks[j].cap and not self.stop(toks[j]):
            k = _name_end(toks, j, lex)
            if k > j:
                return Speaker(ctx.text[toks[j].start:toks[k - 1].end], toks[j].start, toks[k - 1].end,
                               kind="outlet"), k
        j = i
        det = None
        if toks[j].low in lex.determiners and j + 1 < n and _is_word(toks[j + 1]):
            det = toks[j]
            j += 1
            if j + 1 < n and toks[j].low in ("av", "of") and det.low in ("en", "ein", "ei", "eit", "et", "one"):
                j += 1  # "en av Diarras livvakter"
        role_toks: list[Tok] = []
        # role words before the name (lowercase; a capitalised role at the sentence start; a genitive owner)
        while j < limit:
            t = toks[j]
            if not _is_word(t) or lex.verb_at(toks, j) is not None:
                break
            if t.cap:
                if lex.is_title(t) or (initial and j == i or det is not None and j == i + 1) and lex.is_role(t.low):
                    role_toks.append(t)
                    j += 1
                    continue
                nxt = toks[j + 1] if j + 1 < n else None
                if j == i and initial and nxt is not None and _is_word(nxt) and t.low not in lex.not_speakers \
                        and (not nxt.cap and lex.is_role(nxt.low) or nxt.cap and lex.is_title(nxt)):
                    role_toks.append(t)  # "Administrativ leiar X", "Unge Høgre-leiar X"
                    j += 1
                    continue
                if t.text.endswith("s") and j + 1 < n and not toks[j + 1].cap and _is_word(toks[j + 1]) \
                        and lex.is_role(toks[j + 1].low):
                    role_toks.append(t)  # "Arbeiderpartiets leder", "Krekars datter"
                    j += 1
                    continue
                break
            if self.stop(t) or t.low in lex.role_preps or t.low in lex.not_speakers or t.low in lex.determiners:
                if t.low in ("og", "and") and role_toks and j + 1 < n and lex.is_role(toks[j + 1].low):
                    role_toks.append(t)
                    j += 1
                    continue
                break
            if len(role_toks) >= 4:
                break
            role_toks.append(t)
            j += 1
        # a role phrase's own body: "talsmann for nettstedet reptilweb", "en talsperson for politiet"
        pre_pp: list[Tok] = []
        if role_toks and j < limit and toks[j].low in lex.role_preps:
            k = j + 1
            if k < n and toks[k].low in lex.determiners:
                k += 1
            body = k
            while k < limit and _is_word(toks[k]) and not self.stop(toks[k]) and k - body < 4:
                if toks[k].cap:
                    k = max(_name_end(toks, k, lex), k + 1)
                    while k + 1 < limit and toks[k].low in ("og", "and") and toks[k + 1].cap:
                        k = _name_end(toks, k + 1, lex)
                    if k < limit and not toks[k].cap and _is_word(toks[k]) and not self.stop(toks[k]) \
                            and toks[k].low not in lex.role_preps and (k + 1 >= n or not toks[k + 1].cap):
                        k += 1
                    break
                if toks[k].low in lex.role_preps or toks[k].low in lex.not_speakers:
                    break
                k += 1
            if k > body:
                pre_pp = toks[j:k]
                j = k
                if j + 1 < limit and toks[j].low in lex.role_preps and toks[j + 1].cap:
                    e = _name_end(toks, j + 1, lex)
                    if e < n and toks[e].low in lex.org_words:
                        e += 1  # "i Førde kommune"
                    if e < n and toks[e].text == "," and e + 1 < n and toks[e + 1].cap:
                        pre_pp = toks[j - len(pre_pp):e]
                        j = e  # a second place: "i Naturvernforbundet i Indre Sunnfjord , Oddvar Etnestad"
        # "kommunikasjonsdirektør i Widerøe Richard Kongsteien": the last two words of a long body are a name
        named_after = j + 1 < n and toks[j].text == "," and toks[j + 1].cap  # "i Indre Sunnfjord , Oddvar Etnestad"
        if pre_pp and (j >= n or not toks[j].cap) and not named_after:
            caps = [t for t in pre_pp[1:] if t.cap and _is_word(t)]
            if len(caps) >= 3 and pre_pp[-1] is caps[-1] and pre_pp[-2] is caps[-2]:
                pre_pp = pre_pp[:-2]
                j -= 2
        if role_toks and j < n and toks[j].text == "(":
            close = next((k for k in range(j + 1, min(n, j + 8)) if toks[k].text == ")"), None)
            if close is not None and close + 2 < n and toks[close + 1].text == "," and toks[close + 2].cap:
                j = close + 1  # "( CUT ) , Cristian Cuevas"
        # the name
        name_start = j
        if j < n and toks[j].text == "," and role_toks and j + 1 < n and toks[j + 1].cap:
            name_start = j + 1  # "undervisningsinspektør ved skolen , Erlend Staberg"
        name_end = _name_end(toks, name_start, lex) if name_start < n else name_start
        if name_end > name_start and initial and name_start == i and toks[i].low in lex.not_speakers:
            return None, i
        if name_end == name_start:
            # "sier 24-åringen", "seier visitoren": after the verb a singular definite noun the parse finds is
            # the speaker's description even when the role list lacks it
            described = not initial and len(role_toks) == 1 and role_toks[0].start in ctx.definite_nouns \
                and (j >= n or not _is_word(toks[j]) or toks[j].low in lex.channel_preps)
            while role_toks and not pre_pp and not described and not lex.is_role(role_toks[-1].low):
                role_toks.pop()  # "politiet klokka 19.55": the role ends at its noun
                j -= 1
            if not role_toks:
                j = i
            if not role_toks:
                return None, i
            last = (role_toks[-1].low if not pre_pp else role_toks[-1].low)
            if not (lex.is_role(last) or det is not None or pre_pp or described):
                return None, i
            start = (det or role_toks[0]).start
            end = (pre_pp[-1] if pre_pp else role_toks[-1]).end
            text = ctx.text[start:end]
            kind = "outlet" if last in lex.media_nouns else "role"
            sp = Speaker(text, start, end, role=ctx.text[role_toks[0].start:end] if role_toks else None, kind=kind,
                         anaphor=det is None and len(role_toks) == 1,
                         plural=det is not None and det.low in PLURAL_DETERMINERS)
            return sp, j
        if name_end < n and toks[name_end].low in lex.org_words and not toks[name_end].cap:
            name_end += 1  # "Vinje kommune", "Førde sjukehus"
        j = name_end
        name_toks = toks[name_start:name_end]
        aged = False
        if name_toks and j < n and toks[j].text == "(":
            close = next((k for k in range(j + 1, min(n, j + 7)) if toks[k].text == ")"), None)
            if close is not None:
                aged = close == j + 2 and toks[j + 1].text.isdigit()
                j = close + 1  # "Anne-Nora Oma Dahle ( Sp )", "Ola Nilsen ( 54 )"
        if len(name_toks) >= 3 and (_acronym_genitive(name_toks[0].text) or name_start == i and initial
                                    and name_toks[0].low.endswith("ske")):
            role_toks.append(name_toks[0])  # "NALs Jannike Hovland", "Danske Ellen Hink": owner or nationality
            name_toks = name_toks[1:]
        role_parts: list[str] = []
        if role_toks:
            role_parts.append(ctx.text[role_toks[0].start:(pre_pp[-1] if pre_pp else role_toks[-1]).end])
        # a place or body after the name: "Talal Barazi i Homs", "Kjell Roland i Norfund"
        if j + 1 < limit and toks[j].low in lex.role_preps and toks[j].low != "av":
            k = j + 1
            if toks[k].low in lex.determiners and k + 1 < n:
                k += 1
            if k < n and toks[k].cap and not lex.alias_at(toks, k):
                e = _name_end(toks, k, lex)
                while e + 1 < limit and toks[e].low in ("og", "and") and toks[e + 1].cap:
                    e = _name_end(toks, e + 1, lex)
                if e < limit and not toks[e].cap and _is_word(toks[e]) and not self.stop(toks[e]) \
                        and toks[e].low not in lex.role_preps and lex.is_role(toks[e].low) is False \
                        and toks[e].low not in lex.determiners and (e + 1 >= n or not _is_word(toks[e + 1])
                                                                     or self.stop(toks[e + 1])):
                    e += 1  # "i Sogn og Fjordane politidistrikt"
                if e > k:
                    e = self._body_tail(toks, e, limit)
                if e > k:
                    pp = ctx.text[toks[j].start:toks[e - 1].end]
                    if role_parts:
                        role_parts[-1] = f"{role_parts[-1]} {pp}"
                    else:
                        role_parts.append(pp)
                    j = e
        # an apposition: "Osama al-Khatib , medieaktivist fra Palmyra ,"
        if j + 1 < n and toks[j].text == "," and not toks[j + 1].cap and _is_word(toks[j + 1]) \
                and toks[j + 1].low not in lex.not_speakers and not self.stop(toks[j + 1]) \
                and (lex.is_role(toks[j + 1].low) or toks[j + 1].low in lex.determiners):
            k = j + 1
            while k < n and k - j < 16 and toks[k].text not in END_MARKS and toks[k].text != "," \
                    and toks[k].low not in ("som", "who", "til", "to", "overfor") and (toks[k].low,) not in lex.verbs:
                k += 1
            role_parts.append(ctx.text[toks[j + 1].start:toks[k - 1].end])
            j = k
            if j < n and toks[j].text == "," and j + 1 < n and (toks[j + 1].low in lex.channel_preps
                                                                 or toks[j + 1].text in END_MARKS):
                j += 1
        elif j < n and toks[j].text == "," and j + 1 < n and toks[j + 1].low in lex.channel_preps \
                and toks[j + 1].low != "i":
            j += 1  # "May-Helen Molvær Grimstad , til NTB"
        start = name_toks[0].start
        end = name_toks[-1].end
        name = ctx.text[start:end]
        kind = self.name_kind(name_toks, any(lex.is_role(t.low) for t in role_toks))
        if aged:
            kind = "person"  # "Gulsum ( 28 )": an age is said of people
        sp = Speaker(name, start, end, role="; ".join(role_parts) or None, kind=kind,
                     name_tokens=tuple(t.text for t in name_toks if t.text != "."))
        if role_toks and not name_toks and det is not None:
            sp.start = det.start
        return sp, j

    def _owner_genitive(self, toks: list[Tok], i: int, limit: int) -> int | None:
        """Where the role starts in "Sogn og Fjordane Ap sin leiar": a capitalised owner, then "sin/si/sitt/sine"
        and a role word (the Nynorsk and spoken genitive)."""
        lex = self.lex
        if not toks[i].cap:
            return None
        for k in range(i + 1, min(limit - 1, i + 6)):
            t = toks[k]
            if t.low in lex.possessives and lex.is_role(toks[k + 1].low):
                return k + 1 if k > i else None
            if not (t.cap and _is_word(t) or t.low in ("og", "and")):
                return None
        return None

    def _body_tail(self, toks: list[Tok], e: int, limit: int) -> int:
        """"i Norske arkitekters landsforening mener": up to three lower-case words that end a body's name
        belong to it when a reporting verb follows them (the name alone stops at the first lower-case word)."""
        lex = self.lex
        for reach in range(e + 1, min(limit, e + 3) + 1):
            t = toks[reach - 1]
            if not _is_word(t) or t.cap or self.stop(t) or t.low in lex.role_preps or t.low in lex.determiners:
                break
            if reach < len(toks) and lex.verb_at(toks, reach) is not None:
                return reach
        return e

    def name_kind(self, name_toks: list[Tok], has_role: bool) -> str:
        lex, ctx = self.lex, self.ctx
        if ctx.proper_nouns and not has_role and not any(t.start in ctx.proper_nouns for t in name_toks):
            return "organisation"  # "Sammen med datteren", "Foran TV-skjermen": capitalised, yet no name
        ner = {ctx.ent_kind.get(t.start) for t in name_toks} - {None}
        if "PER" in ner or has_role:
            return "person"  # a person's title beats a tagger that read the name as an organisation
        if ner & {"ORG", "GPE_ORG"}:
            return "organisation"
        if ner:  # "Ryk Italia", "Irland": the tagger read a place, a work or an event, not a person
            return "organisation"
        words = [t.low for t in name_toks if t.text != "."]
        if any(w in lex.org_words or any(w.endswith(o) for o in lex.org_words if len(o) > 5) for w in words):
            return "organisation"
        if any(t.text.isupper() and len(t.text) > 1 for t in name_toks):
            return "organisation"
        if has_role or len(words) >= 2:
            return "person"
        names = tuple(t.text for t in name_toks)
        if ctx.person_for(names) or ctx.person_by_first(names):
            return "person"
        return "organisation"


# ------------------------------------------------------------------ attribution patterns


@dataclass
class Attribution:
    speaker: Speaker
    claim_start: int  # token index into the sentence (or run) tokens
    claim_end: int  # exclusive
    verb: Tok | None = None
    verb_end: Tok | None = None
    verb_kind: str = "say"
    channel: str | None = None
    mode: str = ""


class Patterns:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.lex = ctx.lex
        self.np = NPParser(ctx)

    # channels: "til NTB", "til bt.no", "til avisa", "ifølge NTB", "overfor fjernsynskanalen France 24"
    def channel(self, toks: list[Tok], j: int, upto: int) -> tuple[str | None, int]:
        lex = self.lex
        k = j
        while k < upto and k - j < 12 and toks[k].text not in END_MARKS:
            t = toks[k]
            is_marker = t.low in lex.channel_preps or any(
                tuple(x.low for x in toks[k:k + len(a)]) == a for a in lex.according_to)
            if is_marker:
                m = k + 1
                for a in lex.according_to:
                    if tuple(x.low for x in toks[k:k + len(a)]) == a:
                        m = k + len(a)
                if m < upto and toks[m].low in lex.determiners and m + 1 < upto:
                    m += 1
                adj = m
                while adj < upto and adj - m < 2 and not toks[adj].cap and _is_word(toks[adj]) \
                        and toks[adj].low not in lex.media_nouns and toks[adj].low not in lex.outlet_anaphors:
                    adj += 1
                if adj > m and adj < upto and toks[adj].low in lex.media_nouns:
                    m = adj  # "i det svenske radioprogrammet « Sommar i P1 »"
                if m + 2 < upto and toks[m].low in lex.media_nouns and toks[m + 1].text in OPEN_QUOTES:
                    close = quote_close(toks, m + 1)
                    if close is not None and close - m <= 8:
                        return self.ctx.text[toks[m + 2].start:toks[close - 1].end], close + 1
                if m < upto and toks[m].low in lex.outlet_anaphors:
                    after = toks[m + 1] if m + 1 < upto else None
                    if after is not None and after.cap:
                        m += 1  # "til avisen Nationen": the name follows
                    else:
                        found = self.ctx.outlet_before(toks[m].start)
                        if found:
                            return found, m + 1
                        return None, m + 1
                media = m < upto and toks[m].low in lex.media_nouns
                if media:
                    m += 1
                hit = lex.alias_at(toks, m) if m < upto else None
                if hit is not None:
                    return hit[1], m + hit[0]
                if (media or m > k + 1 and toks[m - 1].low in lex.outlet_anaphors) and m < upto and toks[m].cap:
                    e = _name_end(toks, m, lex)
                    if e > m:  # "til tv-kanalen Telesur": a media word names an outlet we do not list
                        return self.ctx.text[toks[m].start:toks[e - 1].end], e
                if m < upto and DOMAIN_RE.match(toks[m].text):
                    return toks[m].text, m + 1
                if media and toks[m - 1].low in lex.work_nouns:
                    title = self.ctx.title_before(toks[m - 1].start)
                    if title is not None:  # "i dokumentarfilmen": the documentary named before
                        return title, m
            if t.text == "," and k + 1 < upto and toks[k + 1].low in ("som", "who", "og", "and", "men"):
                break
            k += 1
        return None, j

    def _complement_ahead(self, toks: list[Tok], j: int, last: int, most: int = 10) -> int | None:
        """Where "at" opens the content clause within a few words after ``j``, past prepositional phrases
        only (no comma, no verb, no end mark between)."""
        lex = self.lex
        for k in range(j + 1, min(last, j + most)):
            t = toks[k]
            if self._complementiser(toks, k) > k and t.low not in ("om", "med", "på"):
                return k
            preposition = t.low in lex.channel_preps or t.low in lex.role_preps or t.low in lex.adverbs \
                or t.low in ("med", "with", "på", "etter")
            if t.text == "." and toks[k - 1].text.isdigit() and toks[k - 1].end == t.start:
                continue  # "på lederplass 28. juli i år at": an ordinal's full stop
            if t.text in END_MARKS or t.text in (",", ":", ";") or t.low in lex.clause_words and not preposition \
                    or lex.verb_at(toks, k) is not None or t.text in OPEN_QUOTES or t.text in DASHES:
                return None
        return None

    def interview_channel(self, toks: list[Tok], j: int, upto: int) -> str | None:
        """"i et intervju med NRK", "i eit intervju med avisa": the outlet that interviewed the speaker."""
        lex = self.lex
        for k in range(j, upto - 2):
            if toks[k].low in lex.interview_nouns and toks[k + 1].low in ("med", "with"):
                m = k + 2
                hit = lex.alias_at(toks, m)
                if hit is not None:
                    return hit[1]
                if toks[m].low in lex.outlet_anaphors or toks[m].low in lex.media_nouns:
                    if m + 1 < upto and toks[m + 1].cap:
                        m += 1
                    else:
                        return self.ctx.outlet_before(toks[m].start)
                if DOMAIN_RE.match(toks[m].text):
                    return toks[m].text
                if toks[m].cap:
                    e = _name_end(toks, m, lex)
                    if e > m:
                        return self.ctx.text[toks[m].start:toks[e - 1].end]
        return None

    def _skip_adverbs(self, toks: list[Tok], j: int, upto: int, most: int = 3) -> int:
        k = j
        while k < upto and k - j < most and toks[k].low in self.lex.adverbs:
            k += 1
        return k

    def _complementiser(self, toks: list[Tok], j: int) -> int:
        for comp in self.lex.complementisers:
            if tuple(t.low for t in toks[j:j + len(comp)]) == comp:
                return j + len(comp)
        return j

    def trailing(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"..., sier X [til Y] ." closing the stretch ``toks[first:last]``; the claim is what precedes."""
        lex = self.lex
        for c in range(last - 2, first, -1):
            mark = toks[c].text
            if mark not in {",", "!", "?"} | CLOSE_QUOTES | DASHES:
                continue
            v = c + 1
            if v < last and toks[v].text in CLOSE_QUOTES | {","}:
                v += 1
            if v >= last:
                continue
            verb = lex.verb_at(toks, v)
            if verb is None and mark == ",":
                split = self._split_particle(toks, v, last, trailing=True)
                if split is not None and c - first >= 2:
                    split.claim_start, split.claim_end = first, c
                    return split
            if verb is None:
                imp = self.impersonal(toks, v, last)
                if imp is not None and c - first >= 2:
                    imp.claim_start, imp.claim_end = first, c
                    return imp
                if lex.lang == "en":
                    att = self._english_trailing(toks, v, last, first, c)
                    if att:
                        return att
                continue
            width, kind, key = verb
            if key in lex.leading_only:
                continue  # ", spør seg om Norge kan ...": what follows is the question, not its speaker
            sp, j = self.np.parse(toks, v + width)
            if sp is None:
                # "seier til avisa" with the speaker left out is no trailing attribution
                continue
            if mark == "," and sp.pronoun:
                lead, lj = self.np.parse(toks, _content_start(toks, first), initial=True)
                if lead is not None and lj >= c:
                    continue  # "Talsmann X , Vålen Gånev , sier han ...": the speaker opens the sentence
            channel, j2 = self.channel(toks, j, last)
            k = self._skip_adverbs(toks, j2 if channel else j, last)
            comp = self._complementiser(toks, k)
            if comp > k:
                # "På spørsmål om ..., svarer han at ...": the claim follows the verb
                content = [t for t in toks[comp:last] if _is_word(t)]
                if len(content) >= 3:
                    return Attribution(sp, comp, last, toks[v], toks[v + width - 1], kind, channel, "inverted")
                continue
            if key in lex.needs_complement or not self._tail_ok(toks, j, last):
                continue
            if c - first < 2:
                continue
            return Attribution(sp, first, c, toks[v], toks[v + width - 1], kind, channel, "trailing")
        return None

    def _tail_ok(self, toks: list[Tok], j: int, last: int) -> bool:
        """What may follow "sier X": the end, a channel, a time, "og la til", a relative clause; not a clause
        that makes X the verb's object ("meiner Framstegspartiets politikk vil ...")."""
        lex = self.lex
        if j >= last:
            return True
        t = toks[j]
        if not _is_word(t) or t.text in END_MARKS:
            return True
        if t.cap and j + 1 < last and not _is_word(toks[j + 1]):
            return True
        if t.text[:1].isdigit():
            return True  # "opplyser politiet klokka 19.55"
        if self._manner_word(toks, j, last) and (j + 1 >= last or toks[j + 1].text in END_MARKS):
            return True  # "seier Fly oppglødd ."
        return (t.low in lex.channel_preps or t.low in lex.adverbs or t.low in lex.clause_words
                or t.low in lex.role_preps
                or t.low in ("og", "and", "då", "da", "when", "etter", "after", "med", "with", "til", "to")
                or any(tuple(x.low for x in toks[j:j + len(a)]) == a for a in lex.according_to)
                or lex.alias_at(toks, j) is not None)

    def _english_trailing(self, toks, v, last, first, c) -> Attribution | None:
        sp, j = self.np.parse(toks, v)
        if sp is None or j >= last:
            return None
        verb = self.lex.verb_at(toks, j)
        if verb is None:
            return None
        width, kind, _ = verb
        channel, _ = self.channel(toks, j + width, last)
        if channel is None and j + width < last:
            hit = self.lex.alias_at(toks, j + width)
            channel = hit[1] if hit else None
        return Attribution(sp, first, c, toks[j], toks[j + width - 1], kind, channel, "trailing")

    def impersonal(self, toks: list[Tok], v: int, last: int) -> Attribution | None:
        """"het det i en kunngjøring fra Friedman": the source follows "fra"."""
        lex = self.lex
        for phrase in lex.impersonal:
            if tuple(t.low for t in toks[v:v + len(phrase)]) == phrase:
                k = v + len(phrase)
                while k < last and toks[k].low not in ("fra", "frå", "from") and toks[k].text not in END_MARKS:
                    k += 1
                sp = None
                if k < last and toks[k].low in ("fra", "frå", "from"):
                    sp, _ = self.np.parse(toks, k + 1)
                if sp is None:
                    sp = self._document(toks, v + len(phrase), k)
                if sp is None:
                    report = next((t for t in toks[v:k] if t.low in lex.outlet_reports), None)
                    outlet = self.ctx.outlet_before(report.start) if report is not None else None
                    if outlet is not None:  # "heter det i reportasjen" after "Der Spiegel inviterte ..."
                        sp = Speaker(outlet, kind="outlet")
                if sp is None:
                    sp = Speaker("", pronoun="<context>")
                return Attribution(sp, 0, 0, toks[v], toks[v + len(phrase) - 1], "say", None, "impersonal")
        return None

    def written_source(self, toks: list[Tok], first: int, last: int) -> tuple[Speaker, int] | None:
        """"I de internasjonale reglene står det at ...", "I et notat fra ledelsen i X står det :": the document
        a fronted "i" names (or whoever it is "fra") is the source; returns it and where the phrase ends."""
        lex = self.lex
        if first + 3 >= last or toks[first].low not in ("i", "in") or not lex.written_in:
            return None
        for p in range(first + 2, min(last, first + MAX_NP_TOKENS)):
            if not _is_word(toks[p]):
                return None
            phrase = next((w for w in lex.written_in if tuple(t.low for t in toks[p:p + len(w)]) == w), None)
            if phrase is None:
                continue
            frm = next((k for k in range(first + 2, p) if toks[k].low in ("fra", "frå", "from")), None)
            a, b = (frm + 1, p) if frm is not None else (first + 1, p)
            if a >= b:
                return None
            text = self.ctx.text[toks[a].start:toks[b - 1].end]
            return Speaker(text, toks[a].start, toks[b - 1].end, None, "organisation"), p + len(phrase)
        return None

    def written(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"I rapporten står det blant annet at ...": a content clause after the document's own words."""
        hit = self.written_source(toks, first, last)
        if hit is None:
            return None
        sp, j = hit
        k = self._skip_adverbs(toks, j, last)
        c = self._complementiser(toks, k)
        if c == k or len([t for t in toks[c:last] if _is_word(t)]) < 3:
            return None
        return Attribution(sp, c, last, toks[j - 2], toks[j - 1], "say", None, "inverted")

    def owned_quote(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"Kennedys « Spør ikke hva ... »", "Roosevelt huskes for sitt « Vi har intet å frykte ... »": a line
        quoted after its speaker's genitive or a possessive for the person named before it in the sentence.
        Short quotes and title-case ones are names of works or slogans ("Ibsens « Et dukkehjem »"), no claims."""
        lex = self.lex
        for m in range(max(first, 1), last):
            if toks[m].text not in OPEN_QUOTES or toks[m].text == '"':
                continue  # a straight quote may as well close one: '" Stavenes " - prosjektet'
            close = quote_close(toks, m)
            if close is None or close > last:
                return None
            words = [t for t in toks[m + 1:close] if _is_word(t)]
            if len(words) < 5 or any(t.text == ":" for t in toks[m + 1:close]) \
                    or sum(t.cap for t in words) * 2 >= len(words):
                continue
            owner = toks[m - 1]
            sp = None
            if owner.cap and owner.text.endswith("s") and len(owner.text) > 3 and owner.low not in lex.not_speakers:
                b = m - 1
                while b > first and toks[b - 1].cap and _is_word(toks[b - 1]) \
                        and toks[b - 1].low not in lex.not_speakers:
                    b -= 1
                names = tuple(t.text for t in toks[b:m - 1]) + (owner.text[:-1],)
                sp = Speaker(" ".join(names), toks[b].start, owner.end - 1, None, "person", name_tokens=names)
            elif owner.low in lex.possessives and owner.low not in lex.plural:
                people = [(p.last_before(owner.start), p) for p in self.ctx.people]
                pos, person = max(people, key=lambda x: x[0], default=(-1, None))
                if person is not None and pos >= toks[first].start:
                    sp = Speaker(person.name, pos, pos + len(person.name), None, "person", name_tokens=person.tokens)
            if sp is not None:
                return Attribution(sp, m + 1, close, None, None, "say", None, "owned")
        return None

    def _document(self, toks: list[Tok], j: int, last: int) -> Speaker | None:
        """"heiter det i Grunnlova", "heter det i FN-rapporten": a named document after "i" is the source;
        "heiter det i vedtaket til Ap": the owner a Nynorsk genitive "til" names at the end."""
        if j + 1 >= last or toks[j].low not in ("i", "in"):
            return None
        if not toks[j + 1].cap:
            end = next((k for k in range(j + 1, last) if toks[k].text in END_MARKS), last)
            til = next((k for k in range(j + 2, min(end, j + 8)) if toks[k].low == "til"), None)
            if til is None or til + 1 >= end or not toks[til + 1].cap or _name_end(toks, til + 1, self.lex) != end:
                return None
            return Speaker(self.ctx.text[toks[til + 1].start:toks[end - 1].end], toks[til + 1].start,
                           toks[end - 1].end, kind="organisation")
        if not _is_word(toks[j + 1]) or self.lex.alias_at(toks, j + 1) is not None:
            return None
        e = _name_end(toks, j + 1, self.lex)
        if e == j + 1 or e < last and toks[e].text not in END_MARKS:
            return None  # "heter det i Oslo kommunes svar": not the document's own name
        if any(self.ctx.ent_kind.get(t.start, "").endswith("LOC") for t in toks[j + 1:e]):
            return None  # "heter det i Bergen": a place, not a document
        return Speaker(self.ctx.text[toks[j + 1].start:toks[e - 1].end], toks[j + 1].start, toks[e - 1].end,
                       kind="organisation")

    def leading(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"X sier (til Y) (at) ...": a speaker phrase, then the verb, then the claim."""
        lex = self.lex
        for _ in range(2):  # "Men også Jonas Gahr Støre mener ...": a connective, a focus word before the subject
            if first + 1 < last and (toks[first].low in ("men", "og", "så", "but", "and", "so")
                                     or toks[first].low in lex.subject_focus):
                first += 1
        sp, j = self.np.parse(toks, first, initial=True)
        if sp is None and first + 1 < last and toks[first].cap and toks[first].low in PLURAL_DETERMINERS \
                and lex.verb_at(toks, first + 1) is not None:
            head = toks[first]  # "Mange mente at ...": a quantifier alone is a group speaker
            sp, j = Speaker(head.text, head.start, head.end, None, "role", plural=True), first + 1
        if sp is None or j >= last or lex.verb_at(toks, j) is None and toks[j].text != "," \
                and toks[j].low not in ("har", "hadde", "has", "had", "vil", "skal", "kan", "will"):
            span = self._subject_span(toks, first, last)
            if span is not None:
                sp, j = span
        if sp is None or j >= last:
            return None
        if toks[j].text == "," and j + 1 < last and toks[j + 1].low in ("som", "who"):
            # "Svein Hansen , som står i spissen for aksjonen , understreka ..."
            k = j + 2
            while k < last and k - j < 16 and toks[k].text != "," and toks[k].text not in END_MARKS:
                k += 1
            if k < last and toks[k].text == ",":
                j = k
        if toks[j].text == ",":
            j += 1
            v = lex.verb_at(toks, j)
            p = j + v[0] if v is not None else last
            if p + 1 < last and (toks[p].low in lex.singular or toks[p].low in lex.plural) \
                    and (toks[p + 1].text in END_MARKS or toks[p + 1].low in lex.channel_preps):
                return None  # "Det fantes ingen mål , sier han til NTB .": the clause is the quote, not a speaker
        # "X har (mange ganger) gjort det klart at", "X vil likevel hevde"
        k = j
        if k < last and toks[k].low in ("har", "hadde", "has", "had", "vil", "skal", "kan", "will"):
            k += 1
            k = self._skip_adverbs(toks, k, last, 3)
            while k < last and k - j < 4 and not lex.verb_at(toks, k) and not toks[k].cap and _is_word(toks[k]) \
                    and toks[k].low not in lex.clause_words:
                k += 1
        verb = lex.verb_at(toks, k)
        if verb is None:
            return None
        return self._after_verb(toks, k, verb, sp, last, "leading")

    def _subject_span(self, toks: list[Tok], first: int, last: int) -> tuple[Speaker, int] | None:
        """"Kirkens egne råd og utvalg sier at", "Ledere for fagforeningene hevdet at": two to five words
        opening the sentence right before a reporting verb and its "at" are its subject."""
        lex = self.lex
        head = toks[first]
        if not head.cap or head.low in lex.not_speakers or head.low in lex.determiners \
                or head.low in lex.channel_preps or head.low in lex.role_preps \
                or head.low in lex.first_person or head.low in lex.singular or head.low in lex.plural:
            return None
        for v in range(first + 2, min(last, first + 6)):
            t = toks[v - 1]
            # "Forskere og butikkjeder har tatt til orde for at": an auxiliary between subject and verb
            aux = v - 1 >= first + 2 and t.low in lex.auxiliaries and lex.verb_at(toks, v) is not None
            if not aux and (not _is_word(t) or t.low in lex.clause_words or lex.verb_at(toks, v - 1) is not None):
                return None
            if lex.verb_at(toks, v) is not None:
                k = self._skip_adverbs(toks, v + lex.verb_at(toks, v)[0], last)
                if self._complementiser(toks, k) == k:
                    return None
                e = v - 2 if aux else v - 1
                start, end = toks[first].start, toks[e].end
                text = self.ctx.text[start:end]
                return Speaker(text, start, end, role=None, kind="organisation"), e + 1
        return None

    def _after_verb(self, toks, v, verb, sp, last, mode, need_complement=False) -> Attribution | None:
        lex = self.lex
        width, kind, key = verb
        if key in lex.trailing_only:
            return None
        j = v + width
        j = self._skip_adverbs(toks, j, last)
        channel = None
        if j < last and (toks[j].low in lex.channel_preps and toks[j].low != "i"):
            ch, k = self.channel(toks, j, min(last, j + 6))
            if ch is not None or k > j:
                channel, j = ch, k
        j = self._skip_adverbs(toks, j, last)
        if channel is None and j < last:
            # "told Reuters that", "told the BBC that": the outlet as the verb's object
            m = j + 1 if toks[j].low in lex.determiners and j + 1 < last else j
            hit = lex.alias_at(toks, m)
            if hit is not None and self._complementiser(toks, m + hit[0]) > m + hit[0]:
                channel, j = hit[1], m + hit[0]
        c = self._complementiser(toks, j)
        if c == j:
            # "sa i et intervju med NRK i går at", "sier til avisa på telefon at": a short prepositional
            # stretch before the content clause; the channel it names goes with the claim
            far = self._complement_ahead(toks, j, last)
            if far is not None:
                if channel is None:
                    channel = self.interview_channel(toks, j, far) or self.channel(toks, j, far)[0]
                c = self._complementiser(toks, far)
        if c == j and (need_complement or key in lex.needs_complement):
            return None
        if c == j and j < last and toks[j].low in lex.topic_markers:
            return None  # "skriver også om andre muslimer": what it is about, not what is said
        if c == j and j < last and (toks[j].low in lex.role_preps or toks[j].low in lex.channel_preps):
            return None  # "Klærne skal synes på gulvet": a bare clause never opens with a preposition
        content = [t for t in toks[c:last] if _is_word(t)]
        if len(content) < 3 or content[0].low in lex.cataphoric and len(content) <= 4:
            return None  # "bekrefter det samme overfor Klassekampen" points back; it states nothing new
        return Attribution(sp, c, last, toks[v], toks[v + width - 1], kind, channel, mode)

    def inverted(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"Klokka 19.20 melder politiet at ...", "Derimot meiner han at ...", "I tala la X vekt på at"."""
        lex = self.lex
        for v in range(first + 1, min(last, first + 14)):
            split = self._split_particle(toks, v, last)
            if split is not None:
                return split
            verb = lex.verb_at(toks, v)
            if verb is None:
                continue
            if toks[v - 1].text == ",":
                return None
            width = verb[0]
            sub = self._subordinate(toks, first, v, verb, last)
            if sub is not None:
                return sub
            sp, j = self.np.parse(toks, v + width)
            if sp is None:
                continue
            channel, j2 = self.channel(toks, j, min(last, j + 8))
            if channel is not None:
                j = j2
            k = self._skip_adverbs(toks, j, last, 3)
            c = self._complementiser(toks, k)
            if c == k and not (sp.pronoun or sp.kind == "person") or c == k and (verb[2] in lex.needs_complement
                                                                                 or verb[2] in lex.trailing_only):
                return None  # "Derfor meiner han Noreg må ...": "at" may be left out after a person
            content = [t for t in toks[c:last] if _is_word(t)]
            if len(content) < 3:
                return None
            return Attribution(sp, c, last, toks[v], toks[v + width - 1], verb[1], channel, "inverted")
        return None

    def _split_particle(self, toks: list[Tok], v: int, last: int, trailing: bool = False) -> Attribution | None:
        """A particle verb with the subject inside it: "la konsul Carlsten vekt på at", "slo dommaren fast at",
        and closing a quote: "..., gjorde ho merksam på ."."""
        lex = self.lex
        for key in lex.particle_verbs.get(toks[v].low, ()):
            sp, j = self.np.parse(toks, v + 1, coordinate=False)
            if sp is None or j == v + 1:
                continue
            rest = key[1:]
            if tuple(t.low for t in toks[j:j + len(rest)]) != rest and self._manner_word(toks, j, last) \
                    and tuple(t.low for t in toks[j + 1:j + 1 + len(rest)]) == rest:
                j += 1  # "slo han bastant fast at", "slår Fly debattviljug fast": a manner word before the particle
            elif tuple(t.low for t in toks[j:j + len(rest)]) != rest:
                j = self._skip_adverbs(toks, j, last, 2)  # "peikar han mellom anna på at"
            if tuple(t.low for t in toks[j:j + len(rest)]) != rest:
                continue
            if trailing:
                after = j + len(rest)
                if after < last and toks[after].low in lex.cataphoric:
                    continue  # ", legger de ikke skjul på det": the verb has its own object; no quote before it
                return Attribution(sp, 0, 0, toks[v], toks[j + len(rest) - 1], lex.verbs[key], None, "trailing")
            c = self._complementiser(toks, j + len(rest))
            if c == j + len(rest) or len([t for t in toks[c:last] if _is_word(t)]) < 3:
                continue
            return Attribution(sp, c, last, toks[v], toks[j + len(rest) - 1], lex.verbs[key], None, "inverted")
        return None

    def _manner_word(self, toks: list[Tok], j: int, last: int) -> bool:
        """A lone lower-case word that may qualify how something is said ("bastant", "oppglødd", "tørt")."""
        lex = self.lex
        if j >= last:
            return False
        t = toks[j]
        return (_is_word(t) and not t.cap and t.text.isalpha() and t.low not in lex.clause_words
                and t.low not in lex.determiners and t.low not in lex.not_speakers and t.low not in lex.channel_preps
                and t.low not in lex.role_preps and t.low not in lex.first_person and t.low not in lex.singular
                and t.low not in lex.plural and lex.verb_at(toks, j) is None)

    def _subordinate(self, toks, first, v, verb, last) -> Attribution | None:
        """"Dei fekk hakeslepp då veterinæren konstaterte at ...": a speaker inside a subordinate clause."""
        lex = self.lex
        for k in range(v - 1, max(first, v - 6), -1):
            if toks[k - 1].low not in lex.subordinators:
                continue
            sp, j = self.np.parse(toks, k, coordinate=False)
            if sp is not None and j == v and (not sp.pronoun or toks[k - 1].low not in ("og", "men", "and", "but")):
                c = self._complementiser(toks, self._skip_adverbs(toks, v + verb[0], last))
                if c > v + verb[0] and len([t for t in toks[c:last] if _is_word(t)]) >= 2:
                    return Attribution(sp, c, last, toks[v], toks[v + verb[0] - 1], verb[1], None, "subordinate")
        return None

    def coordinated(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"X avviser at A , og sier at B" / "Han tar Y i forsvar , og sier at B": the subject opens the sentence."""
        lex = self.lex
        sp, j = self.np.parse(toks, first, initial=True)
        if sp is None:
            return None
        for v in range(j + 1, min(last, first + 30)):
            if toks[v - 1].low not in ("og", "and"):
                continue
            if sum(1 for t in toks[j:v] if t.text == ",") > 1:
                return None  # the subject is too far back ("Kvelden bød på taler , blant annet ..., og sa at")
            verb = lex.verb_at(toks, v)
            if verb is None:
                continue
            att = self._after_verb(toks, v, verb, sp, last, "coordinated")
            if att is not None:
                return att
        return None

    def relative(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"... mattilsynet NAFDAC , som opplyser at ...": the name before "som" speaks."""
        lex = self.lex
        for c in range(first + 1, last - 3):
            if toks[c].text != "," or toks[c + 1].low not in ("som", "who", "which"):
                continue
            verb = lex.verb_at(toks, c + 2)
            if verb is None:
                continue
            k = c - 1
            while k > first and toks[k - 1].cap and _is_word(toks[k - 1]):
                k -= 1
            if not toks[k].cap or not _is_word(toks[k]):
                continue
            sp, j = self.np.parse(toks, k, coordinate=False)
            if sp is None or j != c:
                continue
            att = self._after_verb(toks, c + 2, verb, sp, last, "relative", need_complement=True)
            if att is not None:
                # "Al Jazeera videreformidler informasjon fra ... NAFDAC , som opplyser at": relayed by the subject
                hit = lex.alias_at(toks, first)
                if hit is not None:
                    att.channel = hit[1]
            return att
        return None

    def according(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"Ifølge X ...", "... , ifølge X .", "etter det X kjenner til"."""
        lex = self.lex
        for a in range(first, last):
            for marker in lex.according_to:
                if tuple(t.low for t in toks[a:a + len(marker)]) != marker:
                    continue
                sp, j = self.np.parse(toks, a + len(marker))
                b = a + len(marker)
                if sp is None and b < last and _is_word(toks[b]) and not toks[b].cap \
                        and not self.np.stop(toks[b]) and toks[b].low not in lex.not_speakers \
                        and len(toks[b].text) >= 5 and toks[b].low.endswith(("en", "et", "a", "ne")):
                    # "ifølge militærregimet": any noun after "ifølge" is the source
                    sp, j = Speaker(toks[b].text, toks[b].start, toks[b].end, kind="organisation"), b + 1
                if sp is None:
                    continue
                ch = self._published_in(toks, a + len(marker), j) if sp.kind == "role" else None
                if a == first or _only_connectives(toks[first:a]):
                    start = j + 1 if j < last and toks[j].text == "," else j
                    return Attribution(sp, start, last, toks[a], toks[a + len(marker) - 1], "say", ch, "according")
                end = a - 1 if toks[a - 1].text == "," else last
                if toks[a - 1].text == ",":
                    return Attribution(sp, first, end, toks[a], toks[a + len(marker) - 1], "say", ch, "according")
                return Attribution(sp, first, last, toks[a], toks[a + len(marker) - 1], "say", ch, "according")
        view = self._in_view(toks, first, last)
        if view is not None:
            return view
        # "etter det NRK kjenner til" (a hedge that names its source)
        for a in range(first, last - 4):
            if toks[a].low in ("etter",) and toks[a + 1].low in ("det", "hva"):
                for k in range(a + 3, min(last, a + 8)):
                    if toks[k].low in ("kjenner", "erfarer", "forstår", "veit", "vet", "knows") and (
                            toks[k].low != "kjenner" or k + 1 < last and toks[k + 1].low == "til"):
                        sp, _ = self.np.parse(toks, a + 2, coordinate=False)
                        if sp is None:
                            break
                        end_marker = k + (2 if toks[k].low == "kjenner" else 1)
                        if a == first:
                            start = end_marker + 1 if end_marker < last and toks[end_marker].text == "," else end_marker
                            return Attribution(sp, start, last, toks[k], toks[end_marker - 1], "say", None, "according")
                        return Attribution(sp, first, a - 1 if toks[a - 1].text == "," else a, toks[k],
                                           toks[end_marker - 1], "say", None, "according")
        return None

    def _published_in(self, toks: list[Tok], a: int, b: int) -> str | None:
        """"ifølge en måling i Adresseavisa": the outlet a source phrase says it appeared in relays it."""
        for k in range(a, min(b, len(toks) - 1)):
            if toks[k].low in ("i", "in"):
                hit = self.lex.alias_at(toks, k + 1)
                if hit is not None and hit[2] == "outlet":
                    return hit[1]
        return None

    def _in_view(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"Etter Sp sitt reknestykke vil ...", "vil alternativa etter hans syn dekkje ...": "etter" and an owner's
        view noun (view_nouns in speech_verbs.yaml) name the source as "ifølge" does."""
        lex = self.lex
        for a in range(first, last - 2):
            if toks[a].low != "etter":
                continue
            own = toks[a + 1]
            if own.low in lex.possessives and own.low in lex.possessive_subject and toks[a + 2].low in lex.view_nouns:
                sp, n = Speaker(own.text, own.start, own.end, kind="person",
                                pronoun=lex.possessive_subject[own.low]), a + 3
            else:
                sp, j = self.np.parse(toks, a + 1, coordinate=False)
                if sp is None or sp.pronoun or j + 1 >= last or toks[j].low not in lex.possessives \
                        or toks[j + 1].low not in lex.view_nouns:
                    continue
                n = j + 2
            if a == first:
                start = n + 1 if n < last and toks[n].text == "," else n
                return Attribution(sp, start, last, toks[a], toks[n - 1], "say", None, "according")
            return Attribution(sp, first, last, toks[a], toks[n - 1], "say", None, "according")
        return None

    def as_put(self, toks: list[Tok], first: int, last: int) -> list[Attribution]:
        """"..., som Fly uttrykkjer det , ...", "Slik X kommenterer i dokumentaren , så var ...", "..., slik X kan
        fortelje om .": a comparative clause names who said the sentence; a «» quote right after it ("som Paglia
        uttrykker det , « ... »") is the claim itself. One claim per clause, up to the next one."""
        lex = self.lex
        found: list[tuple[int, int, Speaker, Tok, Tok, str, str | None]] = []
        for s in range(first, last - 2):
            if toks[s].low not in lex.as_markers or s > first and toks[s - 1].text not in {",", "og", "and"} \
                    | CLOSE_QUOTES:
                continue
            sp, j = self.np.parse(toks, s + 1, initial=(s == first))
            if sp is None or j == s + 1 or self._as_verb(toks, j, last) is None:
                # "Slik mange frå Jong til Camille Paglia ... kommenterer": the words up to the verb
                v = next((v for v in range(s + 2, min(last, s + 1 + MAX_NP_TOKENS))
                          if toks[v].low in lex.auxiliaries or self._as_verb(toks, v, v + 1) is not None
                          or not _is_word(toks[v])
                          and not (toks[v].text == "." and toks[v - 1].cap and len(toks[v - 1].text) <= 3)), None)
                if v is None or not _is_word(toks[s + 1]) or self._as_verb(toks, v, last) is None \
                        or toks[s + 1].low in lex.not_speakers or toks[s + 1].low in lex.singular \
                        or any(t.low in lex.clause_words for t in toks[s + 1:v]):
                    continue  # "som regel huskes bare ... det som virkelig ble sagt" has no speaker phrase
                start, end = toks[s + 1].start, toks[v - 1].end
                sp, j = Speaker(self.ctx.text[start:end], start, end, None, "role",
                                plural=toks[s + 1].low in PLURAL_DETERMINERS), v
            found_verb = self._as_verb(toks, j, last)
            if found_verb is None:
                continue
            k, verb = found_verb
            e = k + verb[0]
            if e < last and toks[e].low in lex.cataphoric | lex.topic_markers:
                e += 1  # "uttrykkjer det", "fortelje om"
            channel, e2 = self.channel(toks, e, last)
            if channel is not None:
                e = e2
            elif e < last and toks[e].low in lex.channel_preps | lex.role_preps:
                e2 = e + 1  # "kommenterer i dokumentaren ,": a short phrase naming no channel we know
                while e2 < last and e2 - e < 4 and _is_word(toks[e2]) and toks[e2].low not in lex.clause_words:
                    e2 += 1
                e = e2
            if e < last and toks[e].text not in END_MARKS and toks[e].text != ",":
                continue
            found.append((s, e, sp, toks[k], toks[k + verb[0] - 1], verb[1], channel))
        out = []
        for n, (s, e, sp, v0, v1, kind, channel) in enumerate(found):
            start = s if n > 0 else first
            end = found[n + 1][0] if n + 1 < len(found) else last
            if end < last and toks[end - 1].low in ("og", "and"):
                end -= 1
            if end < last and toks[end - 1].text == ",":
                end -= 1
            if e + 1 < last and toks[e].text == "," and toks[e + 1].text in OPEN_QUOTES:
                close = quote_close(toks, e + 1)
                if close is not None:
                    start, end = e + 1, close + 1  # the quote after "som X uttrykker det ,"
            if len([t for t in toks[start:end] if _is_word(t)]) < 4:
                continue
            if channel is None and n > 0:
                channel = found[n - 1][6]  # "Slik X kommenterer i dokumentaren , ... , og som Y uttrykker det"
            out.append(Attribution(sp, start, end, v0, v1, kind, channel, "as"))
        return out

    def _as_verb(self, toks: list[Tok], j: int, last: int) -> tuple[int, tuple[int, str, tuple[str, ...]]] | None:
        """Where a reporting verb stands (after up to three auxiliaries or manner words) and the verb: a verb of
        wording reports only in "som X uttrykkjer det" (speech_verbs.yaml)."""
        k = j
        while k < last and k - j < 3 and self.lex.verb_at(toks, k) is None and toks[k].low not in self.lex.as_verbs \
                and (toks[k].low in self.lex.auxiliaries or self._manner_word(toks, k, last)):
            k += 1
        if k >= last:
            return None
        if toks[k].low in self.lex.as_verbs:
            return k, (1, "say", (toks[k].low,))
        verb = self.lex.verb_at(toks, k)
        if verb is not None and verb[2] in self.lex.needs_complement:
            return None  # "slik einskilde har teke til orde for": a verb that needs an "at" clause quotes nothing here
        return (k, verb) if verb is not None else None

    def cataphoric(self, toks: list[Tok], first: int, last: int) -> Attribution | None:
        """"Det opplyser X ." / "Det meiner X": the claim is the sentence before."""
        lex = self.lex
        if first >= last or toks[first].low not in lex.cataphoric:
            return None
        verb = lex.verb_at(toks, first + 1)
        if verb is None:
            imp = self.impersonal(toks, first + 1, last)  # "Slik het det i trusselvurderingen fra PST ."
            if imp is not None and not imp.speaker.pronoun:
                imp.mode = "cataphoric"
                return imp
            return None
        sp, j = self.np.parse(toks, first + 1 + verb[0])
        if sp is None:
            return None
        channel, _ = self.channel(toks, j, last)
        return Attribution(sp, 0, 0, toks[first + 1], toks[first + verb[0]], verb[1], channel, "cataphoric")


# ------------------------------------------------------------------ extraction


def _only_connectives(toks: list[Tok]) -> bool:
    """"Men", "Og så": words before a fronted source phrase that leave it opening the sentence."""
    return bool(toks) and all(t.low in ("men", "og", "så", "but", "and", "so") for t in toks)


def _content_start(toks: list[Tok], i: int) -> int:
    while i < len(toks) and (toks[i].text in DASHES or toks[i].text in OPEN_QUOTES):
        i += 1
    return i


def _content_end(toks: list[Tok], first: int, end: int) -> int:
    while end > first and (toks[end - 1].text in END_MARKS or toks[end - 1].text in CLOSE_QUOTES
                           or toks[end - 1].text in {",", ":"} or toks[end - 1].text in DASHES):
        end -= 1
    return end


def _register_people(sents: list[Sent], ctx: Context) -> None:
    """Every capitalised name with a role next to it, in order: the antecedents pronouns and 'ordføraren' need."""
    lex = ctx.lex
    np = NPParser(ctx)
    for sent in sents:
        toks = sent.toks
        i = 0
        while i < len(toks):  # outlets named anywhere: what "avisa" and "reportasjen" point back to
            hit = lex.alias_at(toks, i)
            if hit is not None:
                ctx.outlet_mentions.append((toks[i].start, hit[1]))
                i += hit[0]
                continue
            if DOMAIN_RE.match(toks[i].text):
                ctx.outlet_mentions.append((toks[i].start, toks[i].text))
            i += 1
        i = 0
        while i < len(toks):
            t = toks[i]
            hit = lex.alias_at(toks, i)
            if hit is not None:
                i += hit[0]
                continue
            if _is_word(t) and (lex.is_role(t.low) or i == 0 or t.low in lex.determiners and i + 1 < len(toks)
                                and lex.is_role(toks[i + 1].low)):
                sp, j = np.parse(toks, i, initial=(i == 0), coordinate=False)
                if sp is not None and not sp.name_tokens and sp.kind == "role" and not sp.anaphor \
                        and sp.start is not None and sp.end is not None:
                    head = next((toks[k].low for k in range(j - 1, i - 1, -1) if lex.is_role(toks[k].low)), "")
                    ctx.role_mentions.append((sp.start, sp.end, sp.text, head))
                if sp is not None and sp.name_tokens and sp.kind == "person":
                    roles = []
                    for k in range(i, j):
                        if _is_word(toks[k]) and lex.is_role(toks[k].low):
                            roles.append(toks[k].low.rsplit("-", 1)[-1])
                            roles.append(toks[k].low)
                    _add_person(ctx, sp, roles)
                    i = max(j, i + 1)
                    continue
            if t.cap and i > 0 and _is_word(t):
                e = _name_end(toks, i, lex)
                if e - i >= 2:
                    name_toks = toks[i:e]
                    sp = Speaker(ctx.text[name_toks[0].start:name_toks[-1].end], name_toks[0].start,
                                 name_toks[-1].end, kind=np.name_kind(name_toks, False),
                                 name_tokens=tuple(x.text for x in name_toks if x.text != "."))
                    if sp.kind == "person":
                        _add_person(ctx, sp, [])
                    i = e
                    continue
            i += 1
    ctx.outlet_mentions.sort()
    _drop_epithets(ctx)


def _drop_epithets(ctx: Context) -> None:
    """"Dødssyke Hannah" opening a headline, "Kreftsyke Hannah Jones" opening a sentence: a capitalised word that
    is no given name, before a given name the article also writes without it, describes the person; it is no name."""
    given = ctx.lex.given_names
    for person in list(ctx.people):
        toks = person.tokens
        if len(toks) < 2 or toks[0].lower() in given or toks[1].lower() not in given:
            continue
        before = ctx.text[:person.start].rstrip(" ")
        if before and before[-1] not in "\n.!?:":
            continue  # only where a capital says nothing: the start of a sentence or headline
        rest = toks[1:]
        if not any(q is not person and q.tokens[:len(rest)] == rest for q in ctx.people):
            continue
        ctx.people.remove(person)
        cut = ctx.text.index(rest[0], person.start)
        same = next((q for q in ctx.people if q.tokens == rest), None)
        if same is None and len(rest) == 1:
            same = ctx.person_by_first(rest)  # "Dødssyke Hannah" is the Hannah Jones the article names in full
        if same is not None:
            same.roles.extend(r for r in person.roles if r not in same.roles)
            same.mentions = sorted({*same.mentions, *(m + cut - person.start for m in person.mentions)})
        else:
            ctx.people.append(Person(ctx.text[cut:person.end], rest, cut, person.end, person.roles,
                                     [m + cut - person.start for m in person.mentions]))
    ctx.people.sort(key=lambda p: p.start)


def _add_person(ctx: Context, sp: Speaker, roles: list[str]) -> None:
    for person in ctx.people:
        if person.tokens == sp.name_tokens:
            person.roles.extend(r for r in roles if r not in person.roles)
            person.mentions.append(sp.start or 0)
            return
    if len(sp.name_tokens) < 2:
        full = ctx.person_for(sp.name_tokens)
        if full is not None:
            full.roles.extend(r for r in roles if r not in full.roles)
            return
    ctx.people.append(Person(sp.text, sp.name_tokens, sp.start or 0, sp.end or 0, list(roles), [sp.start or 0]))


class Extractor:
    def __init__(self, doc: Doc | None, article: Article, result: ExtractionResult | None):
        text = article.text
        lang = article.language if article.language in ("nb", "nn", "en") else "nb"
        self.lang = lang
        self.lex = lexicon(lang)
        self.article = article
        self.ctx = Context(text, self.lex, self.lex.outlet_name(article.source))
        self._read_entities(doc, result)
        self.sents = split_sentences(text, lang)
        _register_people(self.sents, self.ctx)
        self._register_titles()
        self.patterns = Patterns(self.ctx)
        self.dep_tokens: dict[int, Token] = {}  # token start char -> parsed token, where the Doc has a parse
        if doc is not None and doc.has_annotation("DEP"):
            self.dep_tokens = {t.idx: t for t in doc}
        self.claims: list[tuple[Claim, Sent]] = []
        self.pending: list[tuple[Claim, Sent, str]] = []  # unattributed quotes resolved after the pass
        self.addressee: tuple[int, Speaker] | None = None  # the person an interviewer's question names
        self.colon_speaker: tuple[int, Speaker] | None = None  # "X skriv :" before a quote

    def _register_titles(self) -> None:
        """"dokumentaren « Inside Deep Throat »", "« Inside Deep Throat » er ein dokumentarfilm": the works a
        later "i dokumentaren" relays through."""
        lex, text = self.lex, self.ctx.text
        for sent in self.sents:
            toks = sent.toks
            for m, tok in enumerate(toks):
                if tok.text not in OPEN_QUOTES:
                    continue
                close = quote_close(toks, m)
                if close is None or close - m > 8 or close == m + 1:
                    continue
                before = m > 0 and toks[m - 1].low in lex.work_nouns
                after = any(t.low in lex.work_nouns for t in toks[close + 1:close + 5]) \
                    and close + 1 < len(toks) and toks[close + 1].low in lex.clause_words
                if before or after:
                    self.ctx.titles.append((tok.start, text[toks[m + 1].start:toks[close - 1].end]))

    def _read_entities(self, doc: Doc | None, result: ExtractionResult | None) -> None:
        spans: list[tuple[int, int, str]] = []
        if result is not None and result.mentions:
            spans = [(m.start_char, m.end_char, m.label) for m in result.mentions]
        elif doc is not None and doc.has_annotation("ENT_IOB"):
            spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        self.ctx.organisations = sorted((start, end) for start, end, label in spans if label in ("ORG", "GPE_ORG"))
        for start, end, label in spans:
            for tok in tokenize(self.ctx.text[start:end], start):
                self.ctx.ent_kind[tok.start] = label
        if doc is not None and doc.has_annotation("TAG"):
            self.ctx.proper_nouns = {t.idx for t in doc if t.pos_ == "PROPN"}
        if doc is not None and doc.has_annotation("MORPH"):
            self.ctx.definite_nouns = {t.idx for t in doc if t.pos_ == "NOUN" and t.morph.get("Definite") == ["Def"]
                                       and t.morph.get("Number") == ["Sing"]}

    # -------------------------------------------------------------- speakers in context

    def resolve(self, sp: Speaker, sent: Sent) -> Speaker:
        ctx, lex = self.ctx, self.lex
        if sp.pronoun == "<context>":
            return ctx.last_speaker or sp
        if sp.pronoun:
            if sp.pronoun in lex.plural:
                group = ctx.last_group
                last_claim = ctx.last_person[0] if ctx.last_person else -1
                if group is not None and group[0] >= sent.index - 2 and group[0] > last_claim:
                    return group[1]  # "Fagforeninger ... er bekymret . ... , mener de ."
                if ctx.last_speaker is not None and (ctx.last_speaker.plural or ctx.last_speaker.kind != "person"):
                    return ctx.last_speaker
                pair = self._named_pair(sent)
                if pair is not None:
                    return pair  # "..., mens Kari Lie og Åse Moe synes ... . - ..., mener de to ."

            subject = ctx.last_subject
            cands: list[Speaker] = []
            if subject is not None and subject[0] >= sent.index - 6 and (
                    ctx.last_person is None or subject[0] > ctx.last_person[0]):
                cands.append(subject[1])  # "X avviser kritikken :" / "- ..., seier han"
            if ctx.last_speaker is not None and ctx.last_speaker.kind in ("person", "role") \
                    and not ctx.last_speaker.plural:
                cands.append(ctx.last_speaker)
            if ctx.last_person is not None:
                cands.append(ctx.last_person[1])
            if subject is not None:
                cands.append(subject[1])
            if ctx.last_speaker is not None:
                cands.append(ctx.last_speaker)
            want = self.lex.pronoun_gender.get(sp.pronoun)
            if want is None:
                return cands[0] if cands else sp
            for cand in cands:  # "hun" skips the man named last: the nearest antecedent of her gender
                if cand.kind in ("person", "role") and self.gender(cand) in (None, want):
                    return cand
            before = sp.start if sp.start is not None else sent.start
            person = self.person_of_gender(want, before)
            if person is not None:
                return Speaker(person.name, person.start, person.end, self._role_of(person), "person",
                               name_tokens=person.tokens)
            for start, end, text, _head in reversed(ctx.role_mentions):  # "En talskvinne for politiet ... hun"
                role = Speaker(text, start, end, text, "role")
                if start < before and self.gender(role) == want:
                    return role
            if not cands:  # "Eg tok ein prat med Magnar Kartveit . ... peikar han på at": a name of unknown gender
                person = self.person_of_gender(None, before, sent.start - 600)
                if person is not None:
                    return Speaker(person.name, person.start, person.end, self._role_of(person), "person",
                                   name_tokens=person.tokens)
            return sp  # every antecedent in sight has the other gender: leave the pronoun unresolved
        if sp.kind == "person" and sp.name_tokens:
            person = ctx.person_for(sp.name_tokens, before=sp.start)
            if len(sp.name_tokens) >= 2 and (person is None or person.tokens == sp.name_tokens):
                # "Dødssyke Hannah": an adjective before a first name the article gives in full
                alt = None
                if len(sp.name_tokens) >= 3 and sp.name_tokens[0].lower() not in self.lex.given_names \
                        and sp.name_tokens[1].lower() in self.lex.given_names:  # "Kreftsyke Hannah Jones"
                    alt = next((p for p in ctx.people if p.tokens == sp.name_tokens[1:]), None)
                alt = alt or ctx.person_by_first(sp.name_tokens[1:])
                if alt is not None and alt.tokens != sp.name_tokens:
                    person = alt
            elif person is None:
                person = ctx.person_by_first(sp.name_tokens)
            if person is not None and person.tokens == sp.name_tokens and len(person.mentions) == 1 \
                    and len(sp.name_tokens) == 2:
                # "Søvnløs Svindal" written once, "Aksel Lund Svindal" throughout: an epithet before a surname
                others = [p for p in ctx.people if p is not person and p.tokens[-1] == sp.name_tokens[-1]
                          and len(p.mentions) >= 2]
                if others:
                    person = min(others, key=lambda p: p.start)  # the one the article introduces first
            if person is not None and person.tokens != sp.name_tokens \
                    and (len(person.tokens) > len(sp.name_tokens) or person.tokens[0] == sp.name_tokens[-1]
                         or person.tokens == sp.name_tokens[1:]):
                return Speaker(person.name, person.start, person.end, sp.role or self._role_of(person), "person",
                               name_tokens=person.tokens, plural=sp.plural)
            if sp.role is None:
                sp.role = self._role_of(person) if person else None
            return sp
        named = self.organisation_named_back(sp)
        if named is not None:
            return named
        if sp.kind == "role" and sp.anaphor and sp.start is not None:
            word = ctx.text[sp.start:sp.end].split()[-1]
            plural = word.lower().endswith(PLURAL_DEFINITE)  # "Dommarane" are not one judge
            person = None if plural else ctx.person_with_role(word, sp.start)
            if person is not None:
                return Speaker(person.name, person.start, person.end, self._role_of(person) or sp.role, "person",
                               name_tokens=person.tokens)
            described = self.described_person(word, sp.start)
            if described is not None:
                return Speaker(described.name, described.start, described.end, self._role_of(described) or sp.role,
                               "person", name_tokens=described.tokens)
            # "Datteren" after "Krekars datter": the first, fuller description of the same role
            stems = set(role_stems(word.lower()))
            for start, end, text, head in ctx.role_mentions:
                if start < sp.start and head and (head in stems or set(role_stems(head)) & stems):
                    return Speaker(text, start, end, sp.role, "role")
        return sp

    def _named_pair(self, sent: Sent) -> Speaker | None:
        """The last "X og Y" of two named people in this sentence or the three before: what a plural pronoun
        points back to when no group opened a sentence."""
        for s in self.sents[max(0, sent.index - 3):sent.index + 1][::-1]:
            found = None
            for i, tok in enumerate(s.toks):
                if not tok.cap or not _is_word(tok) or i > 0 and s.toks[i - 1].cap:
                    continue  # only where a name starts
                sp, _ = self.patterns.np.parse(s.toks, i)
                if sp is not None and sp.plural and sp.kind == "person" and sp.name_tokens and not sp.pronoun:
                    found = sp
            if found is not None:
                return found
        return None

    def organisation_named_back(self, sp: Speaker) -> Speaker | None:
        """ "al-Shabaab har tatt på seg ansvaret . Gruppen hevder at ...": a definite organisation noun as the
        speaker is the organisation the NER found last before it (within a few sentences), not an outlet."""
        ctx, lex = self.ctx, self.lex
        if sp.start is None or sp.end is None:
            return None
        words = ctx.text[sp.start:sp.end].lower().split()
        if len(words) != 1 or words[0] not in lex.organisation_anaphors:
            return None
        for start, end in reversed(ctx.organisations):
            if end > sp.start:
                continue
            if sp.start - start > 600:
                break
            name = ctx.text[start:end]
            toks = tokenize(name, start)
            alias = lex.alias_at(toks, 0)
            if alias is not None and alias[0] == len(toks) or name == ctx.outlet:
                continue  # an agency or outlet relays; it is not the group
            return Speaker(name, start, end, None, "organisation")
        return None

    def described_person(self, word: str, before: int) -> Person | None:
        """The person a definite description names back: "dominikanarmunken" -> "dominikanarmunk Arnfinn
        Haram" (the same word right before the name), "24-åringen" -> "Firooza Mushteri ( 24 )"."""
        text, low = self.ctx.text, word.lower()
        age = re.match(r"(\d+)-år", low)
        stems = {st for st in role_stems(low) if len(st) >= 4}
        best, best_pos = None, -1
        for person in self.ctx.people:
            for pos in person.mentions or [person.start]:
                if pos >= before or pos <= best_pos:
                    continue
                after = text[pos + len(person.name):pos + len(person.name) + 8]
                prev = text[max(0, pos - 40):pos].split()
                if age and re.match(r"\s*\(\s*" + age.group(1) + r"\s*\)", after) \
                        or prev and stems & set(role_stems(prev[-1].lower())):
                    best, best_pos = person, pos
        return best

    def gender(self, sp: Speaker) -> str | None:
        """"male" / "female" from the speaker's given name (kilde/lang/<lang>/given_names.yaml), else None."""
        if sp.kind == "person" and sp.name_tokens:
            gender = self.lex.given_names.get(sp.name_tokens[0].lower())
            if gender is not None:
                return gender
        words = re.findall(r"\w+", f"{sp.role or ''} {sp.text if sp.kind == 'role' else ''}".lower())
        for gender, stems in self.lex.gendered_roles.items():  # "talskvinne", "datteren", "faren"
            if any(word.startswith(stem) or word.endswith(stem) for word in words for stem in stems):
                return gender
        return None

    def person_of_gender(self, want: str | None, before: int, since: int = 0) -> Person | None:
        """The person of that gender (None: of a gender the name does not tell) whose name was written last
        before ``before`` (and not before ``since``)."""
        best, best_pos = None, max(-1, since - 1)
        for person in self.ctx.people:
            pos = person.last_before(before)
            if 0 <= pos < before and pos > best_pos and person.tokens \
                    and self.lex.given_names.get(person.tokens[0].lower()) == want:
                best, best_pos = person, pos
        return best

    def _role_of(self, person: Person | None) -> str | None:
        if person is None or not person.roles:
            return None
        return person.roles[-1]

    def remember(self, sp: Speaker, sent: Sent) -> None:
        ctx = self.ctx
        ctx.last_speaker = sp
        if sp.kind == "person" and not sp.plural:
            ctx.last_person = (sent.index, sp)

    def note_subject(self, sent: Sent) -> None:
        """A sentence opening with a named person makes that person the antecedent of a following 'han'."""
        toks = sent.toks
        if not toks or toks[0].text in OPEN_QUOTES or toks[0].text in DASHES or not sent.ends_with_mark:
            return  # a quote's words, a subhead ("Grønlendingen"), are not the article's subject
        first = _content_start(toks, 0)
        while first + 1 < len(toks) and (toks[first].low in self.lex.adverbs or toks[first].low in ("men", "og")):
            first += 1  # "Også medlem av justiskomiteen , Akhtar Chaudhry , har ..."
        if first >= len(toks) or self.lex.verb_at(toks, first) is not None:
            return
        sp = None
        if toks[first].low not in self.lex.clause_words:
            sp, _ = self.patterns.np.parse(toks, first, initial=True, coordinate=False)
        if sp is None or sp.pronoun or sp.kind != "person":
            sp = self._inverted_subject(sent, first) or sp
        if sp is not None and sp.kind == "person" and sp.name_tokens and not sp.pronoun:
            self.ctx.last_subject = (sent.index, self.resolve(sp, sent))
            if sp.plural:
                self.ctx.last_group = (sent.index, sp)
        elif sp is not None and not sp.pronoun and (sp.kind in ("organisation", "outlet") or sp.plural):
            self.ctx.last_group = (sent.index, sp)

    def _inverted_subject(self, sent: Sent, first: int) -> Speaker | None:
        """The named person a fronted phrase pushes behind the finite verb ("No har Solveig vore der i 20 år",
        "I tillegg må Lein berolige ..."): the main verb's SUBJ in the parse, when it is a person's name."""
        if not self.dep_tokens:
            return None
        index = {t.start: n for n, t in enumerate(sent.toks)}
        for n in range(first + 1, len(sent.toks)):
            tok = self.dep_tokens.get(sent.toks[n].start)
            if tok is None or tok.dep_ != "SUBJ" or tok.ent_type_ != "PER" or tok.head.dep_ != "FINV" \
                    or tok.head.i > tok.i or tok.i - tok.head.i > 3:
                continue
            s = index.get(tok.doc[tok.left_edge.i].idx)
            if s is None:
                return None
            sp, _ = self.patterns.np.parse(sent.toks, s, coordinate=False)
            return sp if sp is not None and sp.kind == "person" and not sp.pronoun else None
        return None

    # -------------------------------------------------------------- claims

    def make_claim(self, att: Attribution, speaker: Speaker, start: int, end: int, direct: bool,
                   sents: list[Sent]) -> Claim:
        ctx, text = self.ctx, self.ctx.text
        if end - start > MAX_CLAIM_CHARS:
            if att.mode in ("trailing", "cataphoric"):
                start = end - MAX_CLAIM_CHARS
            else:
                end = start + MAX_CLAIM_CHARS
        key = speaker.text
        channel = att.channel
        if channel:
            ctx.channels[key] = channel
        elif key in ctx.channels:
            channel = ctx.channels[key]
        relay = self.relay(speaker, channel)
        toks = [t for s in sents for t in s.toks]
        hedge = find_hedge(toks, self.lex.lang, text)
        verification = find_verification(toks, self.lex.lang)
        if verification is None:
            verification = {"confirm": "confirmed", "deny": "denied"}.get(att.verb_kind, "unstated")
            if verification == "confirmed" and not self.is_authority(speaker):
                verification = "unstated"  # "naboen bekrefter at han hørte skudd" is a witness, not a confirmation
        verb = att.verb
        verb_end = att.verb_end or verb
        return Claim(
            start_char=start, end_char=end, text=text[start:end],
            speaker=speaker.text or None, speaker_start_char=speaker.start, speaker_end_char=speaker.end,
            speaker_role=speaker.role, speaker_kind=speaker.kind if speaker.text else None, relay=relay,
            verb=text[verb.start:verb_end.end] if verb else None,
            verb_start_char=verb.start if verb else None, verb_end_char=verb_end.end if verb else None,
            direct=direct, hedged=hedge is not None, hedge=hedge, verification=verification,
        )

    def is_authority(self, speaker: Speaker) -> bool:
        """Who can confirm: an organisation, agency or outlet, or someone whose role or description names an
        office ("politiet", "pressetalsperson", "forlagssjef", "operasjonsleiar"; speech_verbs.yaml)."""
        if speaker.kind in ("organisation", "agency", "outlet"):
            return True
        words = re.findall(r"\w+", f"{speaker.text} {speaker.role or ''}".lower())
        return any(stem in word for word in words for stem in self.lex.authorities)

    def relay(self, speaker: Speaker, channel: str | None) -> list[str]:
        outlet_code = self.article.source
        outlet = self.ctx.outlet
        chain = [speaker.text] if speaker.text else []
        if channel and channel != speaker.text and channel != outlet:
            chain.append(channel)
        if outlet_code and (not chain or chain[-1] != outlet):
            chain.append(outlet_code)
        elif outlet_code and chain and chain[-1] == outlet:
            chain[-1] = outlet_code
        return chain

    def emit(self, att: Attribution, sents: list[Sent], toks: list[Tok], direct: bool) -> None:
        sent = sents[-1]
        speaker = self.resolve(att.speaker, sent)
        ctx = self.ctx
        if direct and att.mode == "trailing" and speaker is att.speaker and speaker.anaphor \
                and not (speaker.text or "").lower().endswith(PLURAL_DEFINITE) \
                and ctx.last_person is not None and ctx.last_person[0] >= sents[0].index - 3 \
                and ctx.last_speaker is ctx.last_person[1]:
            speaker = ctx.last_person[1]  # "- ..., sier teatersjefen" of the man just quoted by name
        if not speaker.text or speaker.pronoun:
            return  # a source we cannot name ("het det", a pronoun with nobody before it) makes no claim
        first = _content_start(toks, att.claim_start)
        end = _content_end(toks, first, att.claim_end)
        if end <= first:
            return
        if att.channel is None:  # "I et intervju med Aftenposten sier X at": the interviewer outside the claim
            att.channel = self.patterns.interview_channel(toks, 0, att.claim_start) \
                or self.patterns.interview_channel(toks, att.claim_end, len(toks))
        lead = _content_start(toks, 0)
        if att.channel is None and att.claim_start > lead + 1 and toks[lead].low in ("til", "overfor", "to") \
                and att.verb is not None:
            # "Til NRK sier X at", "Overfor Dagbladet bekrefter politiet at": a fronted channel
            verb_at = next((n for n, t in enumerate(toks) if t is att.verb), None)
            if verb_at is not None and verb_at > lead:
                channel, after = self.patterns.channel(toks, lead, verb_at)
                if channel is not None and after == verb_at:
                    att.channel = channel
        claim = self.make_claim(att, speaker, toks[first].start, toks[end - 1].end, direct, sents)
        if att.speaker.pronoun and att.speaker.start is not None and speaker is not att.speaker:
            # "sier han": the offsets point at the pronoun in this sentence, the name stays in `speaker`
            claim = claim.model_copy(update={"speaker_start_char": att.speaker.start,
                                             "speaker_end_char": att.speaker.end})
        self.claims.append((claim, sents[0]))
        if speaker.text:
            self.remember(speaker, sent)
            if direct:
                ctx.last_quoted = (sent.index, speaker)

    def run(self) -> list[Claim]:
        sents = self.sents
        n = len(sents)
        consumed: set[int] = set()
        pats = self.patterns
        k = 0
        while k < n:
            sent = sents[k]
            toks = sent.toks
            if not toks or k in consumed:
                k += 1
                continue
            first = _content_start(toks, 0)
            intro = self.colon_intro(sent)
            if intro is not None:  # "Epiktet skriv :" introduces the quote on the next line; it says nothing itself
                self.colon_speaker = (k, self.resolve(intro, sent))
                consumed.add(k)
                k += 1
                continue
            source = self.colon_source(sent)
            if source is not None:
                self.colon_speaker = (k, self.resolve(source[0], sent))
                if source[1]:  # "På det punktet spurte dommaren :" says nothing itself either
                    consumed.add(k)
                    k += 1
                    continue
            if sent.dash_opened or sent.quote_opened and not self._quoted_name(toks):
                k = self.quote_run(k, consumed)
                continue
            att = pats.cataphoric(toks, 0, len(toks))
            back = k - 1
            while back > 0 and sents[back].toks and not sents[back].ends_with_mark and back > k - 3:
                back -= 1  # "Det meiner X" after a subhead points past the subhead
            if att is not None and k > 0 and sents[back].toks:
                prev = sents[back]
                self._retract(prev)
                att.claim_start, att.claim_end = _content_start(prev.toks, 0), len(prev.toks)
                self.emit(att, [prev, sent], prev.toks, prev.dash_opened or prev.quote_opened)
                consumed.update({back, k})
                k += 1
                continue
            if (sent.index == 0 or toks[-1].text != "?") and self.verb_headline(sent, first):
                consumed.add(k)
                k += 1
                continue
            put = pats.as_put(toks, first, len(toks))
            for pattern in (pats.trailing, pats.according, pats.leading, pats.coordinated, pats.relative,
                            pats.inverted, pats.written, pats.owned_quote):
                att = None if put else pattern(toks, first, len(toks))
                if att is not None:
                    break
            if put:
                for att in put:
                    self.emit(att, [sent], toks, toks[att.claim_start].text in OPEN_QUOTES)
                consumed.add(k)
            elif att is not None:
                direct = att.mode == "owned"
                if att.mode == "trailing":
                    direct = toks[first - 1].text in OPEN_QUOTES if first > 0 else False
                self.emit(att, [sent], toks, direct)
                if att.mode == "trailing":
                    second = self._contrast_after(toks, att)
                    if second is not None:
                        self.emit(second, [sent], toks, False)
                consumed.add(k)
            else:
                att = self.parsed(sent, first)
                if att is not None:
                    self.emit(att, [sent], toks, False)
                    consumed.add(k)
                else:
                    self.note_subject(sent)
                    self.note_addressee(sent)
            k += 1
        self.resolve_pending()
        self.verify_from_next_sentence(consumed)
        claims = sorted((c for c, _ in self.claims), key=lambda c: c.start_char)
        return claims

    def verify_from_next_sentence(self, consumed: set[int]) -> None:
        """"Opplysningen er ikke bekreftet." after a claim marks that claim unconfirmed.

        Only a short sentence that is no claim itself, right after the claim's sentence, and only
        claims whose own sentence left the verification unstated.
        """
        for k in range(1, len(self.sents)):
            sent, prev = self.sents[k], self.sents[k - 1]
            if k in consumed or not sent.toks or sum(_is_word(t) for t in sent.toks) > 12:
                continue
            if find_verification(sent.toks, self.lex.lang) != "unconfirmed":
                continue
            for claim, _ in self.claims:
                if claim.verification == "unstated" and prev.start <= claim.end_char <= prev.end:
                    claim.verification = "unconfirmed"

    def parsed(self, sent: Sent, first: int) -> Attribution | None:
        """What the word patterns miss, from the dependency parse: the SUBJ of a reporting verb with an
        "at" clause ("Lederen for den lokale klubben i byen sier at ..."), or the agent of a passive one
        ("Det ble opplyst av politiet at ...")."""
        if not self.dep_tokens:
            return None
        lex, toks = self.lex, sent.toks
        index = {t.start: n for n, t in enumerate(toks)}
        if toks and toks[-1].text != "?":
            for a in range(first, len(toks)):
                according = self._according_parsed(toks, a, first, index)
                if according is not None:
                    return according
        for v in range(first, len(toks)):
            verb = lex.verb_at(toks, v)
            passive = verb is None and toks[v].low in lex.passive_participles
            if verb is None and not passive:
                continue
            width = verb[0] if verb else 1
            if verb is not None and verb[2] in lex.trailing_only:
                continue
            head = self.dep_tokens.get(toks[v].start)
            if head is None:
                continue
            subj = None if passive else next((c for c in head.children if c.dep_ == "SUBJ"), None)
            if subj is None and toks[v].low in lex.passive_participles:
                agents = [g for c in head.children if c.lower_ == "av" for g in c.children if g.dep_ == "PUTFYLL"]
                subj, passive = (agents[0], True) if agents else (None, passive)
            if subj is None or subj.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "DET") or toks[-1].text == "?" \
                    or subj.lower_ in lex.not_speakers or subj.lower_ in lex.first_person \
                    or subj.lower_ in lex.singular or subj.lower_ in lex.plural \
                    or not sent.start <= subj.idx < sent.end:
                continue  # pronouns are the word rules' business: "Han trur" in a plot summary says nothing
            left = subj.left_edge.i
            right = subj.right_edge.i
            if subj.i < head.i:
                right = min(right, head.i - 1)
            start_tok = self.dep_tokens[subj.doc[left].idx] if left < len(subj.doc) else subj
            s_idx = index.get(start_tok.idx)
            if s_idx is None:
                continue
            j = v + width
            if passive and subj.i > head.i:
                j = index.get(subj.doc[right].idx, j - 1) + 1
            pats = self.patterns
            far = j if pats._complementiser(toks, j) > j else pats._complement_ahead(toks, j, len(toks))
            if far is None:
                continue
            c = self.patterns._complementiser(toks, far)
            content = [t for t in toks[c:] if _is_word(t)]
            if len(content) < 3 or not (self._governs(head, toks[far].start)
                                         or passive and self._governs(head.head, toks[far].start)):
                continue
            channel = self.patterns.interview_channel(toks, j, far) or self.patterns.channel(toks, j, far)[0]
            sp, e = self.patterns.np.parse(toks, s_idx, initial=(s_idx == first))
            end_char = subj.doc[right].idx + len(subj.doc[right])
            if sp is None or sp.end is None or sp.end > end_char + 1 \
                    or sp.end < end_char - 1 and subj.ent_type_ != "PER":
                start_char = toks[s_idx].start
                text = self.ctx.text[start_char:end_char]
                if len(text.split()) > MAX_NP_TOKENS:
                    continue
                kind = {"PER": "person", "ORG": "organisation", "GPE_ORG": "organisation"}.get(subj.ent_type_, "role")
                sp = Speaker(text, start_char, end_char, None, kind)
            kind = verb[1] if verb else "say"
            return Attribution(sp, c, len(toks), toks[v], toks[v + width - 1], kind, channel, "parsed")
        return None

    def _according_parsed(self, toks: list[Tok], a: int, first: int, index: dict[int, int]) -> Attribution | None:
        """"Ifølge flere av de ansatte ved sykehuset er ...": the PUTFYLL of "ifølge" is the source, its subtree
        the speaker phrase, the rest of the sentence the claim."""
        lex = self.lex
        if (toks[a].low,) not in lex.according_to:
            return None
        prep = self.dep_tokens.get(toks[a].start)
        obj = next((c for c in prep.children if c.dep_ == "PUTFYLL"), None) if prep is not None else None
        if obj is None:
            return None
        end_tok = obj.doc[obj.right_edge.i]
        e = index.get(end_tok.idx)
        if e is None or e - a > MAX_NP_TOKENS:
            return None
        start, end = toks[a + 1].start, toks[e].end
        kind = {"PER": "person", "ORG": "organisation", "GPE_ORG": "organisation"}.get(obj.ent_type_, "role")
        sp, j = self.patterns.np.parse(toks, a + 1)
        if sp is None or j != e + 1:
            sp = Speaker(self.ctx.text[start:end], start, end, None, kind)
        if a == first or _only_connectives(toks[first:a]):  # "Ifølge X er ...", "Men ifølge X er ..."
            c0, c1 = e + 1, len(toks)
            if c0 < c1 and toks[c0].text == ",":
                c0 += 1
        else:  # "... , ifølge X ."
            c0, c1 = first, a - 1 if a > first and toks[a - 1].text == "," else a
        if len([t for t in toks[c0:c1] if _is_word(t)]) < 3:
            return None
        return Attribution(sp, c0, c1, toks[a], toks[a], "say", None, "according")

    def _governs(self, verb: Token, comp_start: int) -> bool:
        """The "at" clause at ``comp_start`` is the verb's own object: its head climbs to the verb through
        prepositional phrases only ("sa i går at"), not through another subject or conjunct."""
        comp = self.dep_tokens.get(comp_start)
        if comp is None:
            return False
        node = comp.head
        for _ in range(6):
            if node.i == verb.i:
                return True
            if node.dep_ not in ("DOBJ", "PSUBJ", "PUTFYLL", "ADV", "ATR") or node.head.i == node.i:
                return False
            node = node.head
        return False

    def current_speaker(self, sent: Sent) -> Speaker | None:
        """Who an unattributed quote belongs to: the last speaker, unless a person was named as the subject
        of a sentence since ("Berdahl er tilbakeholden ." / "- Nei , det tror jeg ikke .")."""
        ctx = self.ctx
        subject = ctx.last_subject
        last_claim = ctx.last_person[0] if ctx.last_person else -1
        if self.addressee is not None and self.addressee[0] >= sent.index - 12 and (
                self.addressee[0] > last_claim or ctx.last_speaker is self.addressee[1]):
            return self.addressee[1]  # "Kva trur du , professor X ?" / "- Dei vert verande ."
        if self.colon_speaker is not None and self.colon_speaker[0] == sent.index - 1:
            return self.colon_speaker[1]
        prev = self.sents[sent.index - 1].toks if sent.index > 0 else []
        introduced = subject is not None and subject[0] == sent.index - 2  # "Berdahl er tilbakeholden . - Har ... ?"
        if prev and prev[-1].text == "?" and ctx.last_quoted is not None and ctx.last_quoted[0] >= sent.index - 15 \
                and ctx.last_quoted[1].kind == "person" and not introduced:
            return ctx.last_quoted[1]  # an answer after a question: the interviewee, not a person they talked about
        if subject is not None and subject[0] > last_claim and subject[0] >= sent.index - 3 \
                and subject[1].name_tokens and (ctx.last_speaker is None or ctx.last_speaker.text != subject[1].text):
            return subject[1]
        if ctx.last_quoted is not None and ctx.last_speaker is not None and ctx.last_speaker.kind != "person" \
                and ctx.last_quoted[0] >= sent.index - 12:
            return ctx.last_quoted[1]  # an interview goes on after a claim by "Arabiske kjelder"
        return ctx.last_speaker

    def colon_intro(self, sent: Sent) -> Speaker | None:
        """"X skriv :", "- Han sa det slik :": a speaker and a reporting verb closed by a colon."""
        toks = sent.toks
        if len(toks) < 3 or toks[-1].text != ":":
            return None
        first = _content_start(toks, 0)
        sp, j = self.patterns.np.parse(toks, first, initial=True)
        if sp is None or j >= len(toks):
            return None
        verb = self.lex.verb_at(toks, j)
        if verb is None or j + verb[0] != len(toks) - 1:
            return None
        return sp

    def colon_relay(self, sent: Sent, sp: Speaker) -> str | None:
        """"Per Fly fortel at han mintest eit sitat av dronning Ingrid :" / "« ... »": a quote introduced inside
        another speaker's claim reached the outlet through that speaker."""
        if self.colon_speaker is None or self.colon_speaker[0] != sent.index - 1 or self.colon_speaker[1] is not sp:
            return None
        intro = self.sents[sent.index - 1]
        for claim, first in reversed(self.claims):
            if first.index <= intro.index and claim.end_char > intro.start and claim.speaker \
                    and claim.speaker != sp.text:
                return claim.speaker
        return None

    def colon_source(self, sent: Sent) -> tuple[Speaker, bool] | None:
        """Who speaks in the «» quote that a sentence ending in a colon introduces, where it is no "X skriv :"
        (and whether the sentence is only the introduction): the speaker after an inverted reporting verb ("I eit
        svar skriv utvalsmedlem X , Høgre :", "På det punktet spurte dommaren :"); the owner of a speech noun
        ("Og på Lincolns berømte ord :", "eit sitat av dronning Ingrid :"); a subject pronoun ("ga han Obama eit
        stikk :"); for "sin/hans" + speech noun, the person named last ("Hambro sluttet sitt innlegg slik :")."""
        toks, lex, sents = sent.toks, self.lex, self.sents
        if len(toks) < 3 or toks[-1].text != ":" or sent.index + 1 >= len(sents) or sent.dash_opened \
                or sent.quote_opened or not sents[sent.index + 1].quote_opened:
            return None
        last = len(toks) - 1
        parse = self.patterns.np.parse
        written = self.patterns.written_source(toks, _content_start(toks, 0), last)
        if written is not None:  # "I et internt notat fra ledelsen står det blant annet om kostnaden :"
            return written[0], True
        for v in range(1, last):
            verb = lex.verb_at(toks, v)
            if verb is None:
                continue
            for j in range(v + verb[0], min(last, v + verb[0] + 3)):  # "skriv til dømes utvalsmedlem X"
                sp, e = parse(toks, j)
                if sp is not None and (e == last or e + 2 == last and toks[e].text == "," and toks[e + 1].cap):
                    return sp, True
                if toks[j].cap or not _is_word(toks[j]):
                    break
        possessive = False
        for m in range(1, last):
            if toks[m].low not in lex.speech_nouns:
                continue
            if m + 2 < last and toks[m + 1].low in ("av", "frå", "fra", "by", "from"):
                sp, _ = parse(toks, m + 2)
                if sp is not None and not sp.pronoun:
                    return sp, False
            for k in range(m - 1, max(0, m - 4), -1):
                t = toks[k]
                if not _is_word(t):
                    break
                if t.low in lex.possessives:
                    possessive = True
                    break
                if t.cap and t.text.endswith("s") and len(t.text) > 2 and t.low not in lex.not_speakers:
                    b = k
                    while b > 0 and toks[b - 1].cap and _is_word(toks[b - 1]) \
                            and toks[b - 1].low not in lex.not_speakers and toks[b - 1].low not in lex.determiners:
                        b -= 1
                    words = tuple(x.text for x in toks[b:k]) + (t.text[:-1],)
                    return Speaker(" ".join(words), toks[b].start, t.end - 1, None, "person",
                                   name_tokens=words), False
        for n, t in enumerate(toks[:last]):
            if t.low in lex.subject_pronouns and n > 0 \
                    and toks[n - 1].low not in lex.role_preps and toks[n - 1].low not in lex.channel_preps:
                return Speaker(t.text, t.start, t.end, kind="person", pronoun=t.low), False
        if possessive:
            for s in (sent, sents[sent.index - 1] if sent.index > 0 else None):
                for t in reversed(s.toks if s is not None else []):
                    if not t.cap or not _is_word(t):
                        continue
                    word = t.text[:-1] if t.text.endswith("s") else t.text
                    person = self.ctx.person_for((t.text,), before=t.start) or self.ctx.person_for((word,), t.start)
                    if person is not None:
                        return Speaker(person.name, t.start, t.end, self._role_of(person), "person",
                                       name_tokens=person.tokens), False
        return None

    def interviewer_turn(self, k: int) -> bool:
        """A dash paragraph that ends in a question (the sentences up to the next dash, none of them
        attributed) is the interviewer speaking, even when it opens with a statement."""
        sents = self.sents
        q = k + 1
        while q < len(sents) and q - k < 4 and sents[q].toks and not sents[q].dash_opened \
                and sents[q].ends_with_mark and not sents[q].quote_opened:
            q += 1
        if q == k + 1 or q >= len(sents) or not sents[q].dash_opened:
            return False  # no next turn in sight: the paragraph's end is unknown
        last = sents[q - 1].toks
        return bool(last) and last[-1].text == "?"

    def note_addressee(self, sent: Sent) -> None:
        """A question to "du" that names a person ("Kva trur du , professor i økonomi Steinar Strøm ?") makes
        that person the one who answers the unattributed quotes that follow."""
        toks = sent.toks
        if not toks or toks[-1].text != "?" or not any(t.low in self.lex.second_person for t in toks):
            return
        text = self.ctx.text
        found = None
        last = toks[-2].end if len(toks) >= 2 else sent.end
        commas = [t.start for t in toks if t.text == ","]
        for person in self.ctx.people:
            for pos in person.mentions or [person.start]:
                # the vocative closes the question after a comma: ", (professor i økonomi) Steinar Strøm ?"
                if sent.start <= pos < sent.end and pos + len(person.name) == last \
                        and text[pos:pos + len(person.name)] == person.name \
                        and any(0 < pos - c <= 40 for c in commas):
                    found = (pos, person)
        if found is not None:
            person = found[1]
            self.addressee = (sent.index, Speaker(person.name, found[0], found[0] + len(person.name),
                                                  self._role_of(person), "person", name_tokens=person.tokens))

    def verb_headline(self, sent: Sent, first: int) -> bool:
        """"Hevdar dei ikkje fekk opplæring": a headline opening with a reporting verb quotes the article's
        speaker without naming them; the body quote it echoes names them."""
        toks = sent.toks
        verb = self.lex.verb_at(toks, first)
        if verb is None or verb[2] in self.lex.trailing_only:
            return False
        start = first + verb[0]
        start = self.patterns._complementiser(toks, start)
        end = _content_end(toks, start, len(toks))
        if len([t for t in toks[start:end] if _is_word(t)]) < 2:
            return False
        att = Attribution(Speaker(""), start, end, toks[first], toks[first + verb[0] - 1], verb[1], None, "headline")
        claim = self.make_claim(att, Speaker(""), toks[start].start, toks[end - 1].end, False, [sent])
        self.pending.append((claim, sent, "headline"))
        return True

    def _quoted_name(self, toks: list[Tok]) -> bool:
        """"« The Herminator » måtte se seg slått": a short quoted name that the sentence goes on from."""
        close = quote_close(toks, 0)
        if close is None or close > 5 or close + 2 >= len(toks):
            return False
        after = toks[close + 1]
        if after.text == "-" and after.end == toks[close + 2].start and _is_word(toks[close + 2]):
            return True  # "« Omveg » -prosjektet var ...": the quoted name opens a compound
        return _is_word(after) and self.lex.verb_at(toks, close + 1) is None

    def _retract(self, sent: Sent) -> None:
        """Drop an unattributed quote claim for ``sent`` that a following "Det sier X" attributes."""
        self.pending = [p for p in self.pending if p[1] is not sent]

    def quote_run(self, k: int, consumed: set[int]) -> int:
        """A dash- or «-opened quote from sentence k, closed by "sier X" at most MAX_RUN_SENTENCES on."""
        sents = self.sents
        n = len(sents)
        pats = self.patterns
        head = sents[k]
        guillemet = head.quote_opened
        closed = False
        run: list[Sent] = []
        for q in range(k, min(n, k + MAX_RUN_SENTENCES)):
            s = sents[q]
            if q > k and (s.dash_opened or s.quote_opened and not guillemet or not head.ends_with_mark):
                break
            if q > k and not guillemet and (pats.leading(s.toks, 0, len(s.toks)) or pats.according(
                    s.toks, 0, len(s.toks))) and not self._closed_ahead(q, k + MAX_RUN_SENTENCES):
                break  # a report between the dash and its "seier X" is nested in the quote; otherwise it is news
            if q > k and not guillemet:
                att = pats.cataphoric(s.toks, 0, len(s.toks))
                if att is not None:
                    # "- A . B . Det fortel X .": the pointer closes the whole dash run before it
                    toks = [t for r in run for t in r.toks]
                    att.claim_start, att.claim_end = 0, len(toks)
                    self.emit(att, run + [s], toks, True)
                    consumed.update(range(k, q + 1))
                    return q + 1
            run.append(s)
            toks = [t for r in run for t in r.toks]
            if guillemet and not closed and quote_close(toks, 0) is not None:
                closed = True
            att = pats.trailing(toks, 0, len(toks))
            if att is not None and (att.mode != "impersonal" or True):
                self.emit(att, run, toks, True)
                second = self._contrast_after(toks, att) if att.mode == "trailing" else None
                if second is not None:
                    self.emit(second, run, toks, False)
                consumed.update(range(k, q + 1))
                return q + 1
            if guillemet and not closed:
                continue
            if guillemet and closed:
                put = pats.as_put(toks, 0, len(toks))
                if put:  # "« ... , » som forfattaren X kommenterer det i dokumentaren « Y » ."
                    self.emit(put[0], run, toks, True)
                    consumed.update(range(k, q + 1))
                    return q + 1
                # «...» then "Det sier X ." in the next sentence
                if q + 1 < n:
                    nxt = sents[q + 1]
                    att = pats.cataphoric(nxt.toks, 0, len(nxt.toks)) or self._noun_from(nxt)
                    if att is not None:
                        att.claim_start, att.claim_end = 0, len(toks)
                        self.emit(att, run + [nxt], toks, True)
                        consumed.update(range(k, q + 2))
                        return q + 2
                break
            if not s.ends_with_mark:
                break
        # unattributed: this sentence (or, for «», up to the closing mark) is a quote of the current speaker
        if guillemet and closed:
            run_sents = run
        else:
            run_sents = [head]
        toks = [t for r in run_sents for t in r.toks]
        # "- ... ." followed by "Det sier X ."
        nxt_index = run_sents[-1].index + 1
        if nxt_index < n and head.ends_with_mark:
            nxt = sents[nxt_index]
            att = pats.cataphoric(nxt.toks, 0, len(nxt.toks))
            if att is not None:
                att.claim_start, att.claim_end = 0, len(toks)
                self.emit(att, run_sents + [nxt], toks, True)
                consumed.update(range(k, nxt_index + 1))
                return nxt_index + 1
        first = _content_start(toks, 0)
        end = _content_end(toks, first, len(toks))
        question = toks[-1].text == "?" and head.ends_with_mark  # an interviewer's question, not a claim
        if not question and head.ends_with_mark and self.interviewer_turn(head.index):
            question = True  # "- Epiktet slår fast at ... . Dette må vere sunne ideal ?": the interviewer's turn
        if question:
            self.note_addressee(head)
        if not question and end - first >= 1 and any(_is_word(t) for t in toks[first:end]):
            headline = not head.ends_with_mark
            att = Attribution(Speaker(""), first, end, None, None, "say", None, "unattributed")
            sp = None if headline else self.current_speaker(head)
            if sp is not None:
                channel = self.colon_relay(head, sp)
                self.emit(Attribution(sp, first, end, None, None, "say", channel, "unattributed"), run_sents, toks,
                          True)
            else:
                claim = self.make_claim(att, Speaker(""), toks[first].start, toks[end - 1].end, True, run_sents)
                self.pending.append((claim, head, "headline" if headline else "next"))
        consumed.update(r.index for r in run_sents)
        return run_sents[-1].index + 1

    def _contrast_after(self, toks: list[Tok], att: Attribution) -> Attribution | None:
        """"..., sier Hink , mens Kari Lie og Åse Moe synes Operaen er fin .": a contrasting clause after a trailing
        speaker reports a second claim by the subject it names."""
        v = next((n for n, t in enumerate(toks) if t is att.verb_end), None)
        if v is None:
            return None
        for k in range(v + 1, len(toks) - 3):
            if toks[k].text == "," and toks[k + 1].low in self.lex.contrast_joins:
                second = self.patterns.leading(toks, k + 2, len(toks))
                return second if second is not None and second.claim_start > k + 2 else None
        return None

    def _noun_from(self, sent: Sent) -> Attribution | None:
        """"« ... » . Den rørende hilsenen fra Ingrid i Berlin er ...": a sentence opening with a speech noun
        (speech_nouns) "fra/av X" names who the quote before it is from."""
        toks, lex = sent.toks, self.lex
        for m in range(min(len(toks) - 2, 4)):
            if toks[m].low in lex.speech_nouns and toks[m + 1].low in ("fra", "frå", "av", "from", "by"):
                sp, _ = self.patterns.np.parse(toks, m + 2, coordinate=False)
                if sp is not None and not sp.pronoun:
                    return Attribution(sp, 0, 0, toks[m], toks[m], "say", None, "cataphoric")
            if not _is_word(toks[m]) or lex.verb_at(toks, m) is not None:
                return None
        return None

    def _closed_ahead(self, q: int, limit: int) -> bool:
        """A later sentence of the same dash run, before any new dash, quote or subhead, ends with "..., seier X"."""
        for s in self.sents[q + 1:min(len(self.sents), limit)]:
            if s.dash_opened or s.quote_opened or not s.ends_with_mark:
                return False
            att = self.patterns.trailing(s.toks, 0, len(s.toks))
            if att is not None and att.mode == "trailing":
                return True
        return False

    def resolve_pending(self) -> None:
        """Headline and subhead quotes go to the body quote they echo; other lone quotes to the next speaker."""
        attributed = [(c, s) for c, s in self.claims if c.speaker]
        lede = next((self.ctx.text[s.start:s.end] for s in self.sents if s.ends_with_mark and s.index > 0), None)
        df: dict[str, int] = {}
        for sent in self.sents:  # words common in the article say little about which quote a headline echoes
            for w in _content_words(self.ctx.text[sent.start:sent.end]):
                df[w] = df.get(w, 0) + 1
        for claim, sent, why in self.pending:
            chosen = None
            if why == "headline":
                words = _content_words(claim.text)
                best = 0.0
                for other, _ in attributed:
                    overlap = words & _content_words(other.text)
                    if not overlap:
                        continue
                    score = sum(1.0 / df.get(w, 1) for w in overlap)
                    surname = (other.speaker or "").split()[-1:]
                    if sent.index == 0 and surname and lede is not None and surname[0] in lede:
                        score += 1.0  # a headline is usually about the person the first paragraph names
                    if score > best:
                        best, chosen = score, other
                if chosen is None and sent.index > 0:
                    # "- Tragisk for SV" over a section that opens with its speaker: the section's first claim
                    nxt = next(((c, s) for c, s in attributed if c.start_char > claim.start_char), None)
                    if nxt is None or len(claim.text.split()) < 2 or nxt[1].index > sent.index + 2:
                        continue  # a subhead that echoes no quote ("- Sammensvergelse") is no claim
                    chosen = nxt[0]
            if chosen is None:
                later = [c for c, s in attributed if c.start_char > claim.start_char]
                chosen = later[0] if later else None
            if chosen is None and why == "next":
                # nobody speaks by name anywhere after: the person the article named last before the quote
                person, pos = None, -1
                for p in self.ctx.people:
                    at = p.last_before(claim.start_char)
                    if 0 <= at < claim.start_char and at > pos:
                        person, pos = p, at
                if person is not None:
                    sp = Speaker(person.name, pos, pos + len(person.name), self._role_of(person), "person",
                                 name_tokens=person.tokens)
                    claim.speaker, claim.speaker_start_char, claim.speaker_end_char = sp.text, sp.start, sp.end
                    claim.speaker_role, claim.speaker_kind = sp.role, "person"
                    claim.relay = self.relay(sp, self.ctx.channels.get(sp.text))
                    self.claims.append((claim, sent))
                continue
            if chosen is None:
                continue
            claim.speaker = chosen.speaker
            claim.speaker_start_char = chosen.speaker_start_char
            claim.speaker_end_char = chosen.speaker_end_char
            claim.speaker_role = chosen.speaker_role
            claim.speaker_kind = chosen.speaker_kind
            claim.relay = list(chosen.relay)
            self.claims.append((claim, sent))


def _content_words(text: str) -> set[str]:
    """Word stems of five letters or more: enough to tell which quote a headline echoes."""
    return {w.lower()[:6] for w in re.findall(r"\w+", text) if len(w) >= 4}


def extract_claims(doc: Doc, article: Article, result: ExtractionResult) -> list[Claim]:
    """The attributed claims in ``article``, in text order."""
    if not article.text.strip():
        return []
    claims = Extractor(doc, article, result).run()
    lang = article.language if article.language in ("nb", "nn", "en") else "nb"
    lex = lexicon(lang)
    parts = [part for claim in claims for part in split_coordinated(claim, article, lex)]
    out: list[Claim] = []
    for claim in parts:
        out.append(claim)
        tail = relative_tail(claim, article, lex)
        if tail is not None and not any(c.start_char < tail.end_char and tail.start_char < c.end_char for c in parts):
            out.append(tail)
    return out


def relative_tail(claim: Claim, article: Article, lex: Lexicon) -> Claim | None:
    """ "A, sier X, som legger til at B": the relative clause after a trailing speaker reports a second claim."""
    if claim.verb_end_char is None or claim.verb_end_char < claim.end_char:
        return None  # only a trailing "..., sier X"
    line_end = article.text.find("\n", claim.verb_end_char)
    line_end = len(article.text) if line_end < 0 else line_end
    toks = tokenize(article.text[claim.verb_end_char : line_end], claim.verb_end_char)
    comma = next((k for k, t in enumerate(toks[:MAX_NP_TOKENS + 1]) if t.text in (",", ".", "!", "?")), None)
    if comma is None or toks[comma].text != "," or comma + 6 > len(toks):
        return None
    if toks[comma + 1].low not in lex.relative_pronouns:
        return None
    j = comma + 2 + (toks[comma + 2].low in lex.adverbs)  # "som også legger til at"
    verb = lex.verb_at(toks, j)
    if verb is None or j + verb[0] >= len(toks) - 1 or toks[j + verb[0]].low not in ("at", "that"):
        return None
    start_tok = toks[j + verb[0] + 1]
    end_tok = next((t for t in toks[j + verb[0] + 1 :] if t.text in (".", "!", "?")), toks[-1])
    end = end_tok.start if end_tok.text in (".", "!", "?") else end_tok.end
    while end > start_tok.start and article.text[end - 1].isspace():
        end -= 1  # "B ." -> "B": the claim ends at its last word
    if end - start_tok.start < 10:
        return None
    return claim.model_copy(
        update={
            "start_char": start_tok.start, "end_char": end, "text": article.text[start_tok.start : end],
            "direct": False, "verb": " ".join(t.text for t in toks[j : j + verb[0]]),
            "verb_start_char": toks[j].start, "verb_end_char": toks[j + verb[0] - 1].end,
        }
    )


# Words after which a second reporting clause may open inside an indirect claim.
_CLAUSE_JOINS = {"og", "mens", "men", "and", "while", "but"}
_MAX_SECOND_SPEAKER = 5


def split_coordinated(claim: Claim, article: Article, lex: Lexicon) -> list[Claim]:
    """ "X sier at A, og avviser at B" and "X sier at A, mens Y fastholder at B": two claims, the second by the
    same speaker or by the one named before its reporting verb."""
    if claim.direct:
        return [claim]
    toks = tokenize(article.text[claim.start_char : claim.end_char], claim.start_char)
    for k, tok in enumerate(toks):
        if tok.low not in _CLAUSE_JOINS or k < 2 or (tok.low in ("og", "and") and toks[k - 1].text != ","):
            continue
        for j in range(k + 1, min(len(toks), k + 2 + _MAX_SECOND_SPEAKER)):
            verb = lex.verb_at(toks, j)
            if verb is None:
                continue
            after = j + verb[0]
            if after >= len(toks) - 1 or toks[after].low not in ("at", "that"):
                break
            words = toks[k + 1 : j]
            if any(not w.text[:1].isalpha() or w.low in lex.not_speakers or w.low in lex.singular
                   or w.low in lex.plural for w in words):
                break
            end = toks[k - 1].start if toks[k - 1].text == "," else tok.start
            first = claim.model_copy(update={"end_char": end, "text": article.text[claim.start_char : end].rstrip()})
            start = toks[after + 1].start
            update: dict = {"start_char": start, "text": article.text[start : claim.end_char],
                            "verb": " ".join(t.text for t in toks[j:after]), "verb_start_char": toks[j].start,
                            "verb_end_char": toks[after - 1].end}
            if words:
                name = article.text[words[0].start : words[-1].end]
                update.update(speaker=name, speaker_start_char=words[0].start, speaker_end_char=words[-1].end,
                              speaker_role=None, speaker_kind=None, relay=[name, *claim.relay[-1:]])
            second = claim.model_copy(update=update)
            return [first, *split_coordinated(second, article, lex)]
    return [claim]


def hedge_of_span(article: Article, start: int, end: int) -> str | None:
    """The hedge marker in ``article.text[start:end]`` ("skal ha sprengt", "angivelig"), for stages that
    read the outlet's own unattributed sentences."""
    lang = article.language if article.language in ("nb", "nn", "en") else "nb"
    return find_hedge(tokenize(article.text[start:end], start), lang, article.text)
