"""Places: find toponyms and resolve them offline to gazetteer (GeoNames-based) records.

Candidates come from the NER (GPE_LOC, LOC, GPE_ORG mentions in ``result.mentions``)
and from token patterns ("i Palmyra", "nær Homs", "sør for Mosul", "Vinje kommune"),
so the stage works before the NER models exist. Each candidate is resolved in two
passes: first on its own, then again with what the rest of the article says (which
countries and regions it names, how often, how close). ``score_entry`` is the one
place the ranking lives. Words and affixes come from ``kilde/lang/<lang>/places.yaml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kilde.extract.gazetteer import Entry, Gazetteer, fold, load_gazetteer
from kilde.lang import load_data
from kilde.model import Article, ExtractionResult, Place

PLACE_LABELS = {"GPE_LOC": 1.0, "LOC": 0.9, "GPE": 1.0, "GPE_ORG": 0.75}
NAMED_AS_PLACE_LABELS = {"ORG", "PER"}
NAMED_AS_PLACE = 0.5  # detection of an ORG or PER mention read as a place (see entity_candidates)
OTHER_LABELS = {"PER", "ORG", "PROD", "EVT", "DRV", "MISC", "PERSON", "NORP", "FAC", "WORK_OF_ART"}
MAX_NGRAM = 4
CONNECTORS = {"og", "i", "de", "del", "la", "le", "am", "an", "der", "op", "sur", "upon", "of"}

# Score weights (see score_entry).
W_MATCH = 4.0
W_POPULATION = 0.35
FEATURE_PRIOR = {"PCLI": 3.0, "PCLH": 2.0, "CONT": 2.5, "RGN": 1.8, "ADM1": 1.5, "ADM2": 1.4,
                 "PPLC": 1.0, "PPL": 0.0}
W_HOME = 1.2
W_COUNTRY_SHARE = 2.5
W_COUNTRY_NEARBY = 1.0
W_ADMIN1 = 1.0
W_ADMIN_CUE = 2.5
W_SAME_NAME_ADMIN = 1.0
NEARBY_SENTENCES = 2
BIG_CITY = 100_000
LIKELY_TOWN = 50_000  # a foreign town this big may stand without a marker ("naboer , Thailand og Singapore")


@dataclass
class Candidate:
    """A stretch of text that may name a place, with the cues around it."""

    start: int
    end: int
    text: str
    name: str  # what to look up: the text without genitive -s or admin affixes
    sentence: int
    detection: float  # how sure we are that this is a place mention at all
    admin_cue: bool = False
    near: bool = False
    options: list[tuple[Entry, float]] = field(default_factory=list)


@dataclass
class Context:
    """What the article says about where it is: country and admin1 evidence by sentence."""

    home: str | None
    countries: Counter = field(default_factory=Counter)
    by_sentence: dict[int, set[str]] = field(default_factory=dict)
    admin1s: Counter = field(default_factory=Counter)

    def add(self, entry: Entry, weight: float, sentence: int) -> None:
        if entry.country:
            self.countries[entry.country] += weight
            self.by_sentence.setdefault(sentence, set()).add(entry.country)
            if entry.admin1 and entry.kind in ("town", "admin"):
                self.admin1s[(entry.country, entry.admin1)] += weight

    def share(self, country: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries[country] / total if country and total else 0.0

    def nearby(self, country: str | None, sentence: int) -> bool:
        return any(country in self.by_sentence.get(s, ())
                   for s in range(sentence - NEARBY_SENTENCES, sentence + NEARBY_SENTENCES + 1))


def score_entry(entry: Entry, match: float, cand: Candidate, ctx: Context | None, home: str | None,
                rival_population: int = -1) -> float:
    """How likely ``entry`` is the place ``cand`` names.

    name match (primary name 1.0, project alias 0.95, GeoNames alternate 0.9 (0.95 for cities of
    100,000+), accent-folded lower) + feature prior (countries
    and regions are what a bare country-like name means; admin regions get a flat prior so that a
    town of 20,000+ beats an admin region of the same name) + population (log scale) + the home
    country of the language's press + the admin-region cue ("-provinsen", "kommune") + document
    context: the share of the article's place evidence in the entry's country, whether that
    country is named within two sentences, and whether another place lies in the same admin1.
    ``rival_population``: the largest town whose primary name the mention is; a smaller city's
    alternate name gets no exonym bonus over it ("Delhi" is Delhi, not Dili).
    """
    if match == 0.9 and entry.population >= BIG_CITY and entry.population > rival_population:
        match = 0.95  # a big city's exonyms are in common use (Genève, Moskva, Peking)
    score = W_MATCH * match + FEATURE_PRIOR.get(entry.feature, 0.0)
    if entry.kind in ("town", "country"):
        score += W_POPULATION * math.log10(1 + entry.population)
    if cand.admin_cue:
        score += W_ADMIN_CUE if entry.kind == "admin" else (-1.0 if entry.kind != "town" else 0.0)
    if home and entry.country == home:
        score += W_HOME
    if ctx is not None and entry.country:
        score += W_COUNTRY_SHARE * ctx.share(entry.country)
        if ctx.nearby(entry.country, cand.sentence):
            score += W_COUNTRY_NEARBY
        if entry.admin1 and ctx.admin1s.get((entry.country, entry.admin1), 0) > 0:
            score += W_ADMIN1
    return score


# ------------------------------------------------------------------ language data


@dataclass(frozen=True)
class Cues:
    home: str | None
    exact: tuple[tuple[str, ...], ...]
    near: tuple[tuple[str, ...], ...]
    suffixes: tuple[str, ...]
    prefixes: tuple[tuple[str, ...], ...]
    not_places: frozenset[str]
    place_nouns: frozenset[str]
    place_noun_endings: tuple[str, ...]
    respellings: tuple[tuple[str, str], ...] = ()
    landmarks: dict[str, str] = field(default_factory=dict)  # "regjeringskvartalet" -> "Oslo"
    compass_prefixes: tuple[str, ...] = ()  # "Sør-" of "Sør-Libanon"
    home_markers: frozenset[str] = frozenset()  # "på" of "på Skarholmen": a home-country place
    within: frozenset[str] = frozenset()  # "i" of "Skarholmen i Vestfold": the place it lies in follows


_CUES: dict[str, Cues] = {}


def cues(lang: str) -> Cues:
    if lang not in _CUES:
        data = load_data(lang if lang in ("nb", "nn", "en") else "en", "places") or {}
        markers = data.get("markers") or {}

        def phrases(words: list[str] | None) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted((tuple(str(w).lower().split()) for w in words or []), key=len, reverse=True))

        _CUES[lang] = Cues(
            home=data.get("home_country") or None,
            exact=phrases(markers.get("exact")),
            near=phrases(markers.get("near")),
            suffixes=tuple(sorted((str(s).lower() for s in data.get("admin_suffixes") or []), key=len,
                                  reverse=True)),
            prefixes=phrases(data.get("admin_prefixes")),
            not_places=frozenset(str(w) for w in data.get("not_places") or []),
            place_nouns=frozenset(str(w).lower() for w in data.get("place_nouns") or []),
            place_noun_endings=tuple(str(w).lower() for w in data.get("place_noun_endings") or []),
            respellings=tuple(sorted(((str(a), str(b)) for a, b in data.get("respellings") or []),
                                     key=lambda p: len(p[0]), reverse=True)),
            landmarks={str(k).lower(): str(v) for k, v in (data.get("landmarks") or {}).items()},
            compass_prefixes=tuple(sorted((str(w) for w in data.get("compass_prefixes") or []), key=len,
                                          reverse=True)),
            home_markers=frozenset(str(w).lower() for w in data.get("home_markers") or []),
            within=frozenset(str(w).lower() for w in data.get("within") or []),
        )
    return _CUES[lang]


# ------------------------------------------------------------------ candidates


_WORD = re.compile(r"\S+")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    sentence: int
    sent_start: bool


def tokens_of(doc: Doc, text: str) -> list[Tok]:
    """Tokens with sentence numbers; from the Doc when it matches the text, else by whitespace."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def sentence_of(offset: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    if doc is not None and doc.text == text and len(doc):
        sent_starts = set()
        if doc.has_annotation("SENT_START"):
            sent_starts = {sent.start for sent in doc.sents}
        toks = []
        for tok in doc:
            if tok.is_space:
                continue
            toks.append(Tok(tok.text, tok.idx, tok.idx + len(tok.text), sentence_of(tok.idx),
                            tok.i in sent_starts))
    else:
        toks = [Tok(m.group(), m.start(), m.end(), sentence_of(m.start()), False) for m in _WORD.finditer(text)]
    previous_sentence = -1
    for tok in toks:
        if tok.sentence != previous_sentence:
            tok.sent_start = True
            previous_sentence = tok.sentence
    # A word after an opening quote or dash at the start of a sentence is sentence-initial too.
    for n in range(1, len(toks)):
        if toks[n - 1].sent_start and toks[n - 1].text in {"«", '"', "-", "–", "—", "(", "'", "»"}:
            toks[n].sent_start = True
    return toks


def capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper() and any(c.isalpha() for c in word)


def strip_affixes(name: str, cues_: Cues) -> tuple[str, bool]:
    """``Homs-provinsen`` -> (``Homs``, True); ``Vinje kommune`` -> (``Vinje``, True)."""
    low = name.lower()
    for suffix in cues_.suffixes:
        if low.endswith(suffix) and len(name) > len(suffix) + 1:
            base = name[: len(name) - len(suffix)].rstrip(" -")
            if base and (suffix.startswith("-") or name[len(base):].startswith((" ", "-"))):
                return base, True
    return name, False


def respell(name: str, respellings: tuple[tuple[str, str], ...]) -> str:
    """Apply the language's transcription pairs, longest first, left to right, keeping an initial capital."""
    out, i = [], 0
    while i < len(name):
        for src, dst in respellings:
            if name[i:].lower().startswith(src.lower()):
                out.append(dst[:1].upper() + dst[1:] if name[i].isupper() else dst)
                i += len(src)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def part_options(gaz: Gazetteer, name: str, cues_: Cues) -> dict[str, tuple[Entry, float]]:
    """"Sør-Libanon", "Øst-Kongo": a compass part of a country, state or larger region the gazetteer has no entry
    for, as a region inside it (no coordinates: the whole's would put it in the wrong place)."""
    low = name.lower()
    for prefix in cues_.compass_prefixes:
        rest = name[len(prefix):]
        if not low.startswith(prefix.lower()) or len(rest) < 3 or not rest[0].isupper():
            continue
        found = {}
        for entry, match in gaz.lookup(rest):
            if entry.kind in ("country", "region") or entry.feature == "ADM1":
                part = Entry(key=f"part:{prefix}{entry.key}", name=name, latitude=None, longitude=None,
                             country=entry.country, admin1=entry.admin1 if entry.feature == "ADM1" else None,
                             population=0, feature="RGN")
                found[part.key] = (part, match - 0.1)
        return found
    return {}


def lookup_forms(gaz: Gazetteer, name: str, cues_: Cues) -> tuple[str, bool, list[tuple[Entry, float]]]:
    """Look a name up as written, without admin affixes, and without a genitive -s ("Norges", "Cubas").

    Both the written form and the genitive stem are kept as options (the ranking decides:
    "Cubas" is Cuba's, not the Spanish village Cubas). An all-capital short form ("UK", "EU")
    only matches a country, a region or an entry written exactly so.
    """
    base, admin = strip_affixes(name, cues_)
    if admin and gaz.lookup(name):
        base, admin = name, False
    options = dict((e.key, (e, m)) for e, m in gaz.lookup(base))
    if not options and cues_.respellings:
        # A Norwegian transcription of a foreign name ("Rubizjne", "Vest-Darfur") under its English form.
        respelled = respell(base, cues_.respellings)
        if respelled != base:
            options = dict((e.key, (e, m - 0.05)) for e, m in gaz.lookup(respelled))
    if not options:
        options = part_options(gaz, base, cues_)
    stem = base
    for ending in ("'s", "’s", "s'", "'", "s"):
        if base.endswith(ending) and len(base) >= len(ending) + 2:
            stem = base[: -len(ending)]
            stem_options = [(e, m) for e, m in gaz.lookup(stem)] or [o for o in part_options(gaz, stem, cues_).values()]
            for e, m in stem_options:
                if e.key not in options or options[e.key][1] < m - 0.05:
                    options[e.key] = (e, m - 0.05)
    found = list(options.values())
    if base.isupper() and len(base) <= 5:
        found = [(e, m) for e, m in found if e.kind in ("country", "region") or e.name in (base, stem)]
    return base, admin, found


def marker_before(toks: list[Tok], index: int, cues_: Cues) -> tuple[bool, bool]:
    """(a place marker precedes token ``index``, that marker means 'near')."""
    for phrases, near in ((cues_.near, True), (cues_.exact, False)):
        for phrase in phrases:
            n = len(phrase)
            if index - n < 0:
                continue
            window = toks[index - n: index]
            if window[0].sentence != toks[index].sentence:
                continue
            if tuple(t.text.lower() for t in window) == phrase:
                return True, near
    if index > 0 and toks[index - 1].sentence == toks[index].sentence:
        word = toks[index - 1].text
        if word.islower() and (word in cues_.place_nouns or word.endswith(cues_.place_noun_endings or ("\0",))):
            return True, False  # "oldtidsbyen Palmyra", "hovedstaden Bamako"
    return False, False


def admin_prefix_before(toks: list[Tok], index: int, cues_: Cues) -> bool:
    for phrase in cues_.prefixes:
        n = len(phrase)
        if index - n >= 0 and tuple(t.text.lower() for t in toks[index - n: index]) == phrase:
            return True
    return False


def entity_candidates(result: ExtractionResult, toks: list[Tok], gaz: Gazetteer,
                      cues_: Cues) -> list[Candidate]:
    """NER place mentions; and organisation or person mentions that are a place the article names as such elsewhere.

    A municipality or county acting ("Fyresdal har låge utgifter", "Fyresdal kommune meiner") is often tagged
    ORG where GPE_ORG was meant, and a town that opens a sentence as its subject ("Palmyra har vært et knutepunkt")
    PER; when the same name is a GPE/LOC mention in the article, it is that place.
    """
    by_start = {t.start: n for n, t in enumerate(toks)}
    looked_up = {}
    for mention in result.mentions:
        if mention.label in PLACE_LABELS or mention.label in NAMED_AS_PLACE_LABELS:
            looked_up[id(mention)] = lookup_forms(gaz, mention.text.strip(), cues_)
    named_places = {fold(looked_up[id(m)][0]) for m in result.mentions
                    if m.label in PLACE_LABELS and looked_up[id(m)][2]}
    found = []
    for mention in result.mentions:
        weight = PLACE_LABELS.get(mention.label)
        if weight is None and mention.label in NAMED_AS_PLACE_LABELS and looked_up[id(mention)][2] \
                and fold(looked_up[id(mention)][0]) in named_places:
            weight = NAMED_AS_PLACE
        if weight is None:
            continue
        name, admin, options = looked_up[id(mention)]
        index = by_start.get(mention.start_char)
        near = False
        if index is not None:
            _, near = marker_before(toks, index, cues_)
            admin = admin or admin_prefix_before(toks, index, cues_)
        sentence = toks[index].sentence if index is not None else (mention.sentence or 0)
        found.append(Candidate(mention.start_char, mention.end_char, mention.text, name, sentence, weight,
                               admin, near, options))
    return found


def landmark_candidates(toks: list[Tok], gaz: Gazetteer, cues_: Cues) -> list[Candidate]:
    """Known places written as common nouns ("bomba ved regjeringskvartalet"): the town they stand in."""
    found = []
    for tok in toks:
        town = cues_.landmarks.get(tok.text.lower())
        if town is None:
            continue
        name, admin, options = lookup_forms(gaz, town, cues_)
        if options:
            found.append(Candidate(tok.start, tok.end, tok.text, name, tok.sentence, 0.9, admin, False, options))
    return found


def pattern_candidates(toks: list[Tok], gaz: Gazetteer, cues_: Cues, accepted: list[Candidate],
                       blocked: list[tuple[int, int]], has_ner: bool, lowercase_words: set[str]) -> list[Candidate]:
    """Capitalised runs that the gazetteer knows, kept when the cues make them a place.

    An NER place span the gazetteer does not know takes no room: it is often a piece of a longer name
    ("Sogn og" of "Sogn og Fjordane fylkeskommune"), and a run over it counts as one the NER called a place.
    """

    def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        return any(start < e and s < end for s, e in spans)

    taken = [(c.start, c.end) for c in accepted if c.options]
    ner_pieces = [(c.start, c.end) for c in accepted if not c.options]
    # Words in runs of two capitalised words that are no place ("Jonas Gahr Støre", "sa Jensen"
    # after "Fjordman Jensen"): likely parts of person names wherever they stand alone.
    # The first word of a pair stays a place when it is a home-country place ("Kviteseid Asylmottak",
    # "Oslo Spektrum").
    in_name_pairs: set[str] = set()
    for a, b in zip(toks, toks[1:], strict=False):
        if a.sentence == b.sentence and capitalised(a.text) and capitalised(b.text) and not a.sent_start \
                and f"{a.text} {b.text}" not in gaz:
            in_name_pairs.add(b.text)
            if not any(e.country == cues_.home and e.country for e, _ in gaz.lookup(a.text)):
                in_name_pairs.add(a.text)

    def glued_inside(first: int, end: int, start_char: int, end_char: int) -> bool:
        """The run lies inside an unknown NER place name and a word of that name (not "og") touches it."""
        for s, e in ner_pieces:
            if s <= start_char and end_char <= e and (s, e) != (start_char, end_char):
                before = toks[first - 1] if first > 0 and toks[first - 1].start >= s else None
                after = toks[end] if end < len(toks) and toks[end].end <= e else None
                if any(t is not None and t.text.lower() not in CONNECTORS for t in (before, after)):
                    return True
        return False

    def try_span(first: int, end: int) -> Candidate | None:
        run = toks[first:end]
        if not run:
            return None
        tok = run[0]
        start_char, end_char = run[0].start, run[-1].end
        surface = " ".join(t.text for t in run)
        has_marker, near = marker_before(toks, first, cues_)
        # A trailing lowercase admin word: "Vinje kommune".
        if end < len(toks) and toks[end].sentence == tok.sentence:
            joined = f"{surface} {toks[end].text}"
            if strip_affixes(joined, cues_)[1] and not strip_affixes(surface, cues_)[1]:
                surface, end_char = joined, toks[end].end
        if len(run) > MAX_NGRAM or overlaps(start_char, end_char, taken):
            return None  # too long, or a part of a run the NER already gave ("Kampene i Aleppo")
        if glued_inside(first, end, start_char, end_char):
            return None  # "Ras" of "Ras al-Ain": a word of a longer name the gazetteer lacks
        # A span the NER called a person or organisation stays out, unless a place marker precedes it and the
        # gazetteer knows it as a likely place ("i Kharkiv" tagged PER by a weak NER).
        ner_disagrees = overlaps(start_char, end_char, blocked)
        ner_agrees = not ner_disagrees and overlaps(start_char, end_char, ner_pieces)
        if surface in cues_.not_places or run[0].text in cues_.not_places:
            return None
        if len(run) == 1 and run[0].text.lower() in lowercase_words:
            return None  # the article also uses the word in lower case: a common noun
        name, admin, options = lookup_forms(gaz, surface, cues_)
        if not options:
            return None
        admin = admin or admin_prefix_before(toks, first, cues_)
        word = run[0].text
        if len(run) == 1 and not word.isupper() and any(c.isupper() for part in word.split("-") for c in part[1:]):
            options = [o for o in options if o[0].name == word]  # "KrF", "McKinsey": names, not places
            if not options:
                return None
        # Without a marker, only a likely reading counts: a country, a region or admin unit, a big
        # town or one in the home country, matched by a real (not accent-folded) name.
        likely = [o for o in options if o[1] >= 0.85 and (
            o[0].kind in ("country", "region", "admin") or o[0].population >= LIKELY_TOWN
            or (cues_.home is not None and o[0].country == cues_.home))]
        person_like = len(run) == 1 and word in in_name_pairs and all(o[0].kind == "town" for o in likely)
        if ner_disagrees:
            # Trust the gazetteer over the NER for a country or larger region ("Cuba" tagged PER), and for a
            # likely town right after a place marker; otherwise the NER's reading stands.
            regions = [o for o in likely if o[0].kind in ("country", "region")]
            if regions and not person_like:
                options, detection = regions, 0.5
            elif has_marker and likely and not person_like:
                options, detection = likely, 0.55
            else:
                return None
        elif has_marker or (ner_agrees and likely):
            # "til Jensen", "i Nato": a marker before an unlikely reading is weaker evidence.
            detection = 0.7 if likely and not person_like else 0.55
        elif has_ner:
            # The NER saw it and did not call it a place: only a country or larger region still counts.
            if person_like or not any(o[0].kind in ("country", "region") for o in likely):
                return None
            options = [o for o in likely if o[0].kind in ("country", "region")]
            detection = 0.5
        elif not likely or person_like or (tok.sent_start and not admin and not any(
                o[0].kind != "town" or o[0].population >= BIG_CITY for o in likely)):
            # "Fyresdal får ...", "sa Jensen": kept only if the article names it as a place elsewhere.
            pending.append(Candidate(start_char, end_char, surface, name, tok.sentence, 0.45, admin, near,
                                     options))
            return None
        else:
            options = likely
            detection = 0.6 if any(o[0].kind != "town" or o[0].population >= BIG_CITY for o in likely) else 0.5
            if tok.sent_start:
                detection -= 0.1
        return Candidate(start_char, end_char, surface, name, tok.sentence, detection, admin, near, options)

    found: list[Candidate] = []
    pending: list[Candidate] = []
    single_markers = {p[0] for p in (*cues_.exact, *cues_.near) if len(p) == 1}
    n = 0
    while n < len(toks):
        tok = toks[n]
        if not capitalised(tok.text) or overlaps(tok.start, tok.end, taken):
            n += 1
            continue
        if tok.text.lower() in CONNECTORS or tok.text.lower() in single_markers:
            n += 1  # "I Oslo", "Frå Gloppen": the capitalised marker opens the sentence
            continue
        # The whole capitalised run (allowing connectors like "og" in "Sogn og Fjordane").
        end = n + 1
        while end < len(toks) and toks[end].sentence == tok.sentence and end - n < MAX_NGRAM + 2:
            nxt = toks[end].text
            if capitalised(nxt) or (nxt.lower() in CONNECTORS and end + 1 < len(toks)
                                    and capitalised(toks[end + 1].text)):
                end += 1
            else:
                break
        while end > n and toks[end - 1].text.lower() in CONNECTORS:
            end -= 1
        n_next = max(end, n + 1)
        cand = try_span(n, end)
        if cand is None:
            # "Brannen i Palmyra", "Førde i Sogn og Fjordane": try the parts between connectors.
            parts, part_start = [], n
            for k in range(n, end + 1):
                if k == end or toks[k].text.lower() in CONNECTORS:
                    if k > part_start:
                        parts.append((part_start, k))
                    part_start = k + 1
            if len(parts) == 1 and tok.sent_start and end - n > 1:
                parts = [(n + 1, end)]  # "Treffer Cuba": drop the sentence's capitalised first word
                sub = try_span(n + 1, end)
                if sub is not None:
                    found.append(sub)
            i = 0
            while len(parts) > 1 and i < len(parts):
                for j in range(len(parts), i, -1):  # longest first: "Sogn og Fjordane" before "Sogn"
                    if (i, j) == (0, len(parts)):
                        continue
                    sub = try_span(parts[i][0], parts[j - 1][1])
                    if sub is not None:
                        found.append(sub)
                        i = j
                        break
                else:
                    i += 1
        else:
            found.append(cand)
        n = n_next
    known = {fold(c.name) for c in found if c.detection >= 0.7} | {fold(c.name) for c in accepted}
    found += [c for c in pending if fold(c.name) in known]
    return found


# ------------------------------------------------------------------ resolution


def rank(cand: Candidate, ctx: Context | None, home: str | None) -> list[tuple[float, Entry]]:
    rival = max((e.population for e, m in cand.options if m == 1.0 and e.kind == "town"), default=-1)
    scored = [(score_entry(e, m, cand, ctx, home, rival), e) for e, m in cand.options]
    if not cand.admin_cue:
        # A town and the admin region named after it (Jenin, Idlib): without "-provinsen" or
        # "fylke", the bare name is the town.
        towns = {(e.country, fold(e.name)) for e, _ in cand.options if e.kind == "town"}
        scored = [(s - W_SAME_NAME_ADMIN if e.feature.startswith("ADM") and (e.country, fold(e.name)) in towns
                   else s, e) for s, e in scored]
    scored.sort(key=lambda pair: (-pair[0], pair[1].key))
    return scored


def build_context(cands: list[Candidate], home: str | None) -> tuple[Context, list[tuple[Entry, float]]]:
    """First pass: resolve each candidate alone and collect the countries the confident ones name."""
    ctx = Context(home=home)
    contributions = []
    for cand in cands:
        ranked = rank(cand, None, home)
        if not ranked:
            contributions.append(None)
            continue
        best_score, best = ranked[0]
        margin = best_score - ranked[1][0] if len(ranked) > 1 else 5.0
        weight = (1.0 if best.kind == "country" else 0.7 if margin > 1.5 else 0.3) * cand.detection
        ctx.add(best, weight, cand.sentence)
        contributions.append((best, weight))
    return ctx, contributions


def precision_of(entry: Entry, cand: Candidate) -> tuple[str, int]:
    """(precision, ACLED geo-precision) of a resolved mention."""
    if cand.admin_cue and entry.kind == "town":
        return "admin", 2
    if entry.kind == "country":
        return "country", 3
    if entry.kind == "region":
        return "region", 3
    if entry.kind == "admin" or (entry.feature == "RGN" and entry.country):
        return "admin", 2 if entry.feature in ("ADM2", "ADM3") else 3
    return ("near", 2) if cand.near else ("exact", 1)


def to_place(cand: Candidate, ranked: list[tuple[float, Entry]]) -> Place:
    best_score, entry = ranked[0]
    margin = max(0.0, best_score - ranked[1][0]) if len(ranked) > 1 else 5.0
    precision, geo = precision_of(entry, cand)
    confidence = cand.detection * (1 - 0.5 * math.exp(-margin))
    geonames_id = entry.geonames_id
    feature = entry.feature
    if cand.admin_cue and entry.kind == "town":
        geonames_id, feature = None, "ADM2"  # "Førde kommune": the municipality around the town
    return Place(
        start_char=cand.start, end_char=cand.end, text=cand.text, name=entry.name, geonames_id=geonames_id,
        latitude=entry.latitude, longitude=entry.longitude, country=entry.country, admin1=entry.admin1,
        feature_code=feature, precision=precision, geo_precision=geo, score=round(confidence, 3),
    )


def resolve(cands: list[Candidate], home: str | None) -> list[Place]:
    """Second pass: rank each mention with the others as context, then one reading per name.

    The same name in one article names the same place ("Palmyra" in the lede and in the last
    paragraph), so the reading with the highest total score over its mentions wins for all of them.
    """
    full, contributions = build_context(cands, home)
    contexts: dict[str, Context] = {}

    def others(name: str) -> Context:
        """The context with the country shares of ``name``'s own mentions taken out: a name is no evidence for
        its own country (two mentions of "Brevik" read alone as the Swedish town must not make Sweden the
        article's country). Which countries and admin regions are named nearby stays as it was."""
        if name not in contexts:
            countries = Counter(full.countries)
            for other, contribution in zip(cands, contributions, strict=True):
                if contribution is not None and fold(other.name) == name and contribution[0].country:
                    countries[contribution[0].country] -= contribution[1]
            contexts[name] = Context(home=home, countries=countries, by_sentence=full.by_sentence,
                                     admin1s=full.admin1s)
        return contexts[name]

    rankings: list[tuple[Candidate, list[tuple[float, Entry]]]] = []
    totals: dict[tuple[str, bool], Counter] = {}
    for cand, contribution in zip(cands, contributions, strict=True):
        if contribution is None:
            continue
        ranked = rank(cand, others(fold(cand.name)), home)
        rankings.append((cand, ranked))
        group = totals.setdefault((fold(cand.name), cand.admin_cue), Counter())
        for score, entry in ranked:
            group[entry.key] += score
    places = []
    for cand, ranked in rankings:
        group = totals[(fold(cand.name), cand.admin_cue)]
        best_key = max(group, key=lambda key: (group[key], key))
        ranked = sorted(ranked, key=lambda pair: (pair[1].key != best_key, -pair[0]))
        places.append(to_place(cand, ranked))
    return places


def find_candidates(doc: Doc, article: Article, result: ExtractionResult) -> list[Candidate]:
    gaz = load_gazetteer()
    cues_ = cues(article.language)
    toks = tokens_of(doc, article.text)
    cands = entity_candidates(result, toks, gaz, cues_)
    landmarks = landmark_candidates(toks, gaz, cues_)
    cands += [c for c in landmarks if not any(o.start < c.end and c.start < o.end for o in cands)]
    blocked = [(m.start_char, m.end_char) for m in result.mentions if m.label in OTHER_LABELS]
    has_ner = bool(result.mentions) or (doc is not None and doc.has_annotation("ENT_IOB"))
    lowercase_words = {t.text for t in toks if t.text.islower()}
    cands += pattern_candidates(toks, gaz, cues_, cands, blocked, has_ner, lowercase_words)
    cands.sort(key=lambda c: c.start)
    return cands


UNKNOWN_LABELS = {"GPE_LOC", "LOC", "GPE"}
MAIN_COUNTRY_SHARE = 0.5  # an unknown place lies in the article's main country when it has more than this share
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


def unknown_places(cands: list[Candidate], places: list[Place], result: ExtractionResult,
                   cues_: Cues, text: str) -> list[Place]:
    """NER place mentions the gazetteer lacks, as places in the article's main country without coordinates.

    The gazetteer holds towns of 500-1,000 people and up; local news names hamlets and villages ("i Kvitsund",
    "inn i Gogjali"). Such a name lies, far more often than not, in the country where the article's other
    places lie; where no country has more than half of them, it is left out, unless the press's home country
    leads (its own small places are the ones it names without saying where they lie). After a home marker
    ("på Skarholmen": Norwegian takes "på" for its own islands, farms, villages and venues) it is a home place
    whatever the article's main country; and where the text says what it lies in ("Skarholmen i Vestfold",
    "Empire State Building i New York"), it is in that place's country. Names the article gives persons
    elsewhere and single all-capital words (acronyms) stay out. The precision is the town's own ("exact", or
    "near" after "nær"): the name is a settlement, even if the gazetteer cannot say where it lies.
    """
    weights: Counter = Counter()
    for place in places:
        if place.country and place.precision != "region":
            weights[place.country] += place.score or 0.0
    total = sum(weights.values())
    main: str | None = None
    if total:
        (country, weight), *others = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
        runner_up = others[0][1] if others else 0.0
        if weight / total > MAIN_COUNTRY_SHARE or (country == cues_.home and weight > runner_up):
            main = country
    labels = {(m.start_char, m.end_char): m.label for m in result.mentions}
    person_words = {w for m in result.mentions if m.label in ("PER", "PERSON") for w in m.text.split()}
    taken = [(p.start_char, p.end_char) for p in places]
    country_at = {p.start_char: p.country for p in places if p.country}
    found = []
    for cand in cands:
        words = cand.text.split()
        if cand.options or labels.get((cand.start, cand.end)) not in UNKNOWN_LABELS or not words:
            continue
        if any(cand.start < e and s < cand.end for s, e in taken) or set(words) <= person_words:
            continue
        if cand.text in cues_.not_places or not all(_NAME_WORD.match(w) for w in words) \
                or not words[0][0].isupper() or (len(words) == 1 and cand.text.isupper()):
            continue
        before = text[max(0, cand.start - 20): cand.start].split()
        country = cues_.home if cues_.home and before and before[-1].lower() in cues_.home_markers else main
        after = re.match(r"\s+(\S+)\s+", text[cand.end: cand.end + 20])
        if after and after.group(1).lower() in cues_.within and cand.end + after.end() in country_at:
            country = country_at[cand.end + after.end()]
        if country is None:
            continue
        found.append(Place(start_char=cand.start, end_char=cand.end, text=cand.text, name=cand.name.rstrip("-"),
                           country=country, precision="near" if cand.near else "exact",
                           score=round(0.5 * cand.detection, 3)))
    return found


def extract_places(doc: Doc, article: Article, result: ExtractionResult) -> list[Place]:
    """Toponyms in the article, resolved with the whole article as context; NER place names the gazetteer
    lacks are kept without coordinates in the article's main country (see ``unknown_places``)."""
    cues_ = cues(article.language)
    cands = find_candidates(doc, article, result)
    places = resolve([c for c in cands if c.options], cues_.home)
    places += unknown_places(cands, places, result, cues_, article.text)
    return sorted(places, key=lambda p: p.start_char)
