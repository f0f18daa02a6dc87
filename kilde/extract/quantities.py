"""Quantities extraction: counted amounts with bounds, the noun they count, and whether they count the dead.

"minst 20 drepte" -> low 20, best 20, high None, unit "drepte", fatalities. Numbers are read as
Norwegian writes them (numbers.py); approximators, counted nouns and fatality phrases come from
kilde/lang/<lang>/quantities.yaml. Numbers that belong to a time expression found by the times stage
(years, dates, clock times, durations), ordinals ("5. plass") and ages are not counts. Percentages and
money are kept with unit "%" or the currency, and never as fatalities.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from kilde.extract.numbers import NumberWords, alternation, data_language, merged_data, norm, number_words
from kilde.model import Article, ExtractionResult, Quantity

_TOKEN = re.compile(r"[\wæøåÆØÅ][\wæøåÆØÅ\-]*|%|[^\s\w]")
MAX_TEXT = 2_000_000


class QuantityWords:
    """The quantity vocabulary of one language, compiled."""

    def __init__(self, lang: str) -> None:
        self.lang = data_language(lang)
        d = merged_data(self.lang, "quantities")
        self.numbers: NumberWords = number_words(self.lang)
        approx = d.get("approximators") or {}
        self.approximators: dict[str, str] = {}
        for kind in ("at_least", "about", "at_most"):
            for word in approx.get(kind) or []:
                self.approximators[norm(str(word))] = kind
        ranges = d.get("range_words") or {}
        self.between = [norm(w) for w in ranges.get("between") or []]
        self.range_from = [norm(w) for w in ranges.get("from") or []]
        self.range_and = [norm(w) for w in ranges.get("and") or []]
        self.range_to = [norm(w) for w in ranges.get("to") or []]
        words = lambda key: {norm(str(w)) for w in d.get(key) or []}  # noqa: E731
        self.counted = words("counted_nouns")
        self.not_units = words("not_units")
        self.article_words = words("article_words")
        self.adjectives = words("adjectives")
        self.multiplicative = words("multiplicative")
        self.adjective_suffixes = tuple(norm(str(w)) for w in d.get("adjective_suffixes") or [])
        self.time_units = words("time_units")
        self.percent = words("percent_words")
        self.currency = {str(w) for w in d.get("currency_words") or []}
        self.currency_lower = {w.lower() for w in self.currency}
        self.fatal_nouns = words("fatal_nouns")
        self.fatal_after = [norm(str(w)) for w in d.get("fatal_after") or []]
        self.fatal_window = int(d.get("fatal_after_window") or 7)
        self.killing = [norm(str(w)) for w in d.get("killing_verbs") or []]
        self.costing = [norm(str(w)) for w in d.get("costing_verbs") or []]
        self.life_nouns = words("life_nouns")
        self.toll = [norm(str(w)) for w in d.get("toll_phrases") or []]
        self.toll_window = int(d.get("toll_window") or 12)
        num = self.numbers.number
        coll = self.numbers.collective
        approx_alt = alternation(list(self.approximators))
        to_alt = alternation(self.range_to + self.range_and)
        between = alternation(self.between + self.range_from)
        # [approximator] (collective | number [to number]) ; "mellom 40 og 50"
        self.pattern = re.compile(
            rf"(?<![\w\-/])(?:(?P<approx>{approx_alt})\s+)?"
            rf"(?:(?P<coll>{coll})(?![\w])"
            rf"|(?:(?P<between>{between})\s+)?(?P<n1>{num})(?:\s*(?P<to>{to_alt})\s*(?P<n2>{num}))?)",
            re.IGNORECASE,
        )


@lru_cache(maxsize=8)
def quantity_words(lang: str) -> QuantityWords:
    return QuantityWords(data_language(lang))


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start() + start, m.end() + start) for m in _TOKEN.finditer(text[start:end])]


# A sentence ends at a line break or at . ! ? followed by a capital ("5. plass" is not an end).
_BOUNDARY = re.compile(r"\n|(?<!\b\d)(?<!\b\d\d)[.!?](?:\s+(?=[A-ZÆØÅ«\"\-–])|\s*$)")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    for m in _BOUNDARY.finditer(text, lo, start):
        lo = m.end()
    m = _BOUNDARY.search(text, end, min(len(text), end + 400))
    return lo, (m.start() + 1 if m else min(len(text), end + 400))


def _phrase_at(tokens: list[_Tok], i: int, phrases: list[str]) -> str | None:
    """The longest of ``phrases`` that starts at token ``i``."""
    best = None
    for p in phrases:
        parts = p.split(" ")
        if i + len(parts) <= len(tokens) and all(tokens[i + k].low == parts[k] for k in range(len(parts))):
            if best is None or len(p) > len(best):
                best = p
    return best


def _phrase_ending_at(tokens: list[_Tok], i: int, phrases: list[str]) -> str | None:
    for p in sorted(phrases, key=len, reverse=True):
        parts = p.split(" ")
        j = i - len(parts) + 1
        if j >= 0 and all(tokens[j + k].low == parts[k] for k in range(len(parts))):
            return p
    return None


def _is_number_token(tok: _Tok, qw: QuantityWords) -> bool:
    return bool(re.fullmatch(r"\d[\d.,]*", tok.text)) or qw.numbers.word_value(tok.low) is not None


def extract_quantities(doc: Doc, article: Article, result: ExtractionResult) -> list[Quantity]:
    text = (article.text or "")[:MAX_TEXT]
    if not text.strip():
        return []
    qw = quantity_words(article.language)
    times = sorted((t.start_char, t.end_char) for t in (result.times if result is not None else []))
    nouns = _noun_starts(doc, text)
    index = _Index(text)
    out: list[Quantity] = []
    for m in qw.pattern.finditer(text):
        q = _quantity(m, text, qw, times, nouns, index)
        if q is not None:
            out.append(q)
    return out


class _Index:
    """Tokens and sentence ends of a text, computed once (long articles have thousands of numbers)."""

    def __init__(self, text: str) -> None:
        self.tokens = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        self.starts = [t.start for t in self.tokens]
        self.bounds = [m.start() for m in _BOUNDARY.finditer(text)]
        self.length = len(text)

    def sentence_tokens(self, start: int, end: int) -> list[_Tok]:
        i = bisect.bisect_left(self.bounds, start)
        lo = self.bounds[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.bounds, end)
        hi = self.bounds[j] + 1 if j < len(self.bounds) else self.length
        lo, hi = max(lo, start - 400), min(hi, end + 400)
        return self.tokens[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets any of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def _noun_starts(doc: Doc | None, text: str) -> set[int] | None:
    """Character offsets of nouns when a tagger has run (None on a blank Doc)."""
    if not isinstance(doc, Doc) or not doc.has_annotation("TAG") and not doc.has_annotation("POS"):
        return None
    if len(doc.text) != len(text):
        return None
    starts = {t.idx for t in doc if t.pos_ in ("NOUN", "PROPN") or t.tag_.lower().startswith("subst")}
    return starts or None  # a tagger that tags no nouns is no help: fall back to the word lists


def _quantity(m: re.Match[str], text: str, qw: QuantityWords, times: list[tuple[int, int]],
              nouns: set[int] | None, index: _Index | None = None) -> Quantity | None:
    g = m.groupdict()
    num_start = m.start("coll") if g.get("coll") else m.start("n1")
    start, end = m.start(), m.end()
    # Not a count: part of a time expression, an ordinal, a code or an age in brackets.
    if _overlaps(times, num_start, end):
        return None
    after = text[end:end + 3]
    if re.match(r"\.\s?[a-zæøå]", after) and not g.get("coll"):
        return None  # "5. plass"
    if re.match(r"[\-/:]\w", after) or re.match(r"[\w]", after[:1] or " "):
        return None  # "1989-modell", "22/7", "19:20"
    if re.match(r"\s*\)", after) and re.search(r"\(\s*$", text[max(0, num_start - 3):num_start]):
        return None  # "Gunnar Kolås ( 60 )": an age
    if re.search(r"(?<![\w])(?:[A-ZÆØÅ]|[Rr]v|[Ff]v|[Nn]r\.|[Nn]o\.|[Dd]el|[Ss]ide|[Kk]apittel)\s*$",
                 text[max(0, num_start - 10):num_start]):
        return None  # "E 39", "nr. 5", "del 2": names and references, not counts
    low = best = high = None
    approximator = norm(g["approx"]) if g.get("approx") else None
    if g.get("coll"):
        low, best, high = qw.numbers.collectives[norm(g["coll"])]
        if not (low == best == high):
            approximator = approximator or norm(g["coll"])  # "flere hundre" is vague; "et dusin" is exact
    else:
        n1 = qw.numbers.value(g["n1"])
        if n1 is None:
            return None
        raw = re.sub(r"\D", "", g["n1"])
        if len(raw) >= 8 and not re.search(r"[\s.,]", g["n1"].strip()):
            return None  # a phone number or an id
        n2 = qw.numbers.value(g["n2"]) if g.get("n2") else None
        if n2 is not None and n2 > n1:
            low, best, high = n1, n1, n2
        else:
            if g.get("n2") is not None:  # "2 - 1" is a score, not a range: keep the first number only
                end = m.end("n1")
            low = best = high = n1
            kind = qw.approximators.get(approximator or "")
            if kind == "at_least":
                high = None
            elif kind == "about":
                low = high = None
            elif kind == "at_most":
                low = None
    # The counted noun, percentages and money.
    if index is not None:
        tokens = index.sentence_tokens(start, end)
    else:
        lo, hi = _sentence(text, start, end)
        tokens = _tokens(text, lo, hi)
    idx_after = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
    idx_before = max((i for i, t in enumerate(tokens) if t.end <= start), default=-1)
    unit_tok: _Tok | None = None
    unit: str | None = None
    nxt = tokens[idx_after] if idx_after < len(tokens) else None
    if nxt is not None and (nxt.low in qw.percent or _phrase_at(tokens, idx_after, list(qw.percent))):
        unit, unit_tok = "%", nxt
        end = nxt.end
    else:
        unit_tok = _unit(tokens, idx_after, qw, nouns, collective=bool(g.get("coll")))
        if unit_tok is not None:
            if unit_tok.low in qw.time_units or unit_tok.low in qw.multiplicative:
                return None  # an age or a duration; "40 ganger større"
            unit = unit_tok.text
    if unit_tok is not None and unit_tok.low in qw.currency_lower:
        unit = unit_tok.text
    fatal = False
    if unit != "%" and (unit is None or unit_tok is None or unit_tok.low not in qw.currency_lower):
        fatal, toll_tok = _fatal(tokens, idx_before, idx_after, unit_tok, qw)
        if toll_tok is not None and unit_tok is None:
            unit_tok, unit = toll_tok, toll_tok.text
    if unit is None and approximator is None and not fatal:
        return None  # a bare number: a score, an address, a page
    if g.get("n1") and norm(g["n1"]) in qw.article_words and not fatal and (
            approximator is None or approximator in qw.not_units):
        return None  # "en mann", "et angrep": an indefinite article, not a count worth keeping
    if unit_tok is not None and unit_tok.end > end and unit_tok.start < end + 60:
        end = max(end, unit_tok.end) if unit == "%" else end
    return Quantity(
        start_char=start, end_char=end, text=text[start:end],
        low=low, best=best, high=high, unit=unit.lower() if unit and unit != "%" else unit,
        unit_start_char=unit_tok.start if unit_tok else None, unit_end_char=unit_tok.end if unit_tok else None,
        approximator=approximator, fatalities=fatal,
    )


def _unit(tokens: list[_Tok], i: int, qw: QuantityWords, nouns: set[int] | None,
          collective: bool = False) -> _Tok | None:
    """The counted noun after a number: a known one within three words, else the noun of the phrase."""
    run: list[_Tok] = []
    j = i
    if collective and j < len(tokens) and tokens[j].low in ("av", "of") and j + 1 < len(tokens):
        j += 1  # "tusenvis av ansatte"
    while j < len(tokens) and len(run) < 3:
        t = tokens[j]
        if not re.fullmatch(r"[^\W\d_][\wæøåÆØÅ\-]*", t.text) or t.low in qw.not_units:
            break
        if _phrase_at(tokens, j, qw.fatal_after) and t.low not in qw.fatal_nouns:
            break
        if t.text[0].isupper() and t.low not in qw.currency_lower:
            break
        run.append(t)
        j += 1
    if not run:
        return None
    for t in run:
        if t.low in qw.counted or t.low in qw.time_units or t.low in qw.currency_lower:
            return t
    if nouns is not None:
        for t in run:
            if t.start in nouns:
                return t
        return None
    for t in run:
        if not t.low.endswith(qw.adjective_suffixes) and t.low not in qw.adjectives:
            return t
    return run[-1]


def _fatal(tokens: list[_Tok], before: int, after: int, unit: _Tok | None, qw: QuantityWords
           ) -> tuple[bool, _Tok | None]:
    """Whether a count is of the dead: a noun, a verb after, a killing verb before, or a death toll."""
    if unit is not None and unit.low in qw.fatal_nouns:
        return True, None
    # a verb after, within the clause, before any other number: "16000 sivile er trolig drept"
    j = after
    steps = 0
    while j < len(tokens) and steps < qw.fatal_window:
        if _is_number_token(tokens[j], qw) and j > after:
            break
        if _phrase_at(tokens, j, qw.fatal_after):
            if unit is None or j > after or tokens[j].low not in qw.fatal_nouns:
                return True, None
        j += 1
        steps += 1
    # a killing verb right before: "drepte 12 soldater"; "kostet 20 menneskeliv"
    k = before
    if k >= 0:
        if _phrase_ending_at(tokens, k, qw.killing):
            return True, None
        if _phrase_ending_at(tokens, k, qw.costing) and unit is not None and unit.low in qw.life_nouns:
            return True, None
    # a death toll earlier in the sentence: "dødstallet har steget til 35"
    for k in range(before, max(-1, before - qw.toll_window), -1):
        if _is_number_token(tokens[k], qw) and k < before - 2:
            break
        phrase = _phrase_ending_at(tokens, k, qw.toll)
        if phrase:
            return True, tokens[k]
    return False, None
