"""Times extraction: temporal expressions resolved to intervals ``[start, end)`` with a precision.

Expressions are found with patterns built from kilde/lang/<lang>/times.yaml (see timewords.py) over the
article text, so the stage works on a blank Doc; a parsed Doc only adds sentence bounds and verb tense.

Relative expressions are resolved against the publication date *and its precision*: each resolver is a
function of the anchor day, evaluated on the first and on the last day the publication date allows.
When the two differ (a weekday in an article dated only "2016-12") the span is their hull, marked
``uncertain``; ``precision`` stays the expression's own (a weekday is "day" even when its hull spans
a month). Without a publication date, relative expressions get no interval (``anchor=None``).
Precisions: minute, hour, part_of_day, day, weekend, week, month, season, year, decade, century.
``anchor``: "publication", "absolute", or "previous" (a clock time or "samme dag" that takes the day
of an earlier expression). Conventions for parts of day, seasons and weeks: lang/<lang>/times.yaml.
Absolute dates with a year go to ``dateparser``; historical years, decades and centuries carry
``start_year``/``end_year`` (negative for BC, where ``start``/``end`` stay None).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from kilde.extract.timewords import TimeWords, time_words
from kilde.model import Article, ExtractionResult, TimeSpan

UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "weekend": 2.0,
             "month": 365.25 / 12, "year": 365.25, "decade": 3652.5}
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
# Longest-match wins; on equal length the earlier rule in this list wins.
RULES = ["date", "date_mdy", "numdate", "century", "decade", "year_range", "ago", "ahead", "last_n",
         "weekday", "part_weekday", "relday", "relpart", "sameday", "daypart", "relunit", "season", "holiday",
         "month", "year_era", "year", "duration", "clock"]
DAY_KINDS = {"date", "date_mdy", "numdate", "weekday", "part_weekday", "relday", "relpart", "sameday"}
MAX_TEXT = 2_000_000


@dataclass
class Interval:
    start: datetime | None = None
    end: datetime | None = None
    precision: str | None = None
    kind: str = "point"
    start_year: int | None = None
    end_year: int | None = None
    duration_days: float | None = None

    def key(self) -> tuple[Any, ...]:
        return (self.start, self.end, self.start_year, self.end_year, self.duration_days)


# A resolver maps (anchor day, anchor moment or None) to an interval; None if it cannot.
Resolver = Callable[[date, datetime | None], Interval | None]


@dataclass
class Found:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int
    relative: bool = True
    resolver: Resolver | None = None
    absolute: Interval | None = None
    anchor: str = "publication"
    day_of: Found | None = None  # for clock times: the day expression they belong to
    extra: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------- dates


def _day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def day_interval(d: date, part: tuple[int, int] | None = None) -> Interval:
    if part is None:
        return Interval(_day(d), _day(d + timedelta(days=1)), "day")
    return Interval(_day(d) + timedelta(hours=part[0]), _day(d) + timedelta(hours=part[1]), "part_of_day")


def month_start(year: int, month: int) -> date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1)


def month_interval(year: int, month: int) -> Interval | None:
    if not 1 <= year <= 9998:
        return None
    start = month_start(year, month)
    return Interval(_day(start), _day(month_start(start.year, start.month + 1)), "month",
                    start_year=start.year, end_year=start.year)


def years_interval(first: int, last: int, precision: str, kind: str = "point") -> Interval:
    """Years ``first``..``last`` inclusive (negative = BC); datetimes only where datetime can hold them."""
    start = datetime(first, 1, 1) if 1 <= first <= 9999 else None
    end = datetime(last + 1, 1, 1) if 1 <= last + 1 <= 9999 and start is not None else None
    return Interval(start, end, precision, kind, start_year=first, end_year=last)


def add_months(d: date, months: int) -> date:
    start = month_start(d.year, d.month + months)
    return date(start.year, start.month, min(d.day, calendar.monthrange(start.year, start.month)[1]))


def add_units(d: date, n: float, unit: str) -> date:
    if unit in ("day", "weekend"):
        return d + timedelta(days=round(n))
    if unit == "week":
        return d + timedelta(weeks=round(n))
    if unit == "month":
        return add_months(d, round(n))
    if unit == "year":
        return add_months(d, round(12 * n))
    if unit == "decade":
        return add_months(d, round(120 * n))
    return d


def unit_interval(d: date, unit: str) -> Interval | None:
    """The calendar unit containing day ``d``."""
    if unit == "day":
        return day_interval(d)
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return Interval(_day(monday), _day(monday + timedelta(days=7)), "week")
    if unit == "month":
        return month_interval(d.year, d.month)
    if unit == "year":
        return years_interval(d.year, d.year, "year")
    if unit == "decade":
        return years_interval(d.year // 10 * 10, d.year // 10 * 10 + 9, "decade")
    return None


def easter(year: int) -> date:
    from dateutil.easter import easter as _easter

    return _easter(year)


def holiday_interval(name: str, year: int) -> Interval | None:
    if not 1 <= year <= 9998:
        return None
    if name == "easter":  # palm Sunday to Easter Monday
        e = easter(year)
        return Interval(_day(e - timedelta(days=7)), _day(e + timedelta(days=2)), "day")
    if name == "pentecost":
        p = easter(year) + timedelta(days=49)
        return Interval(_day(p), _day(p + timedelta(days=2)), "day")
    if name == "christmas":
        return Interval(datetime(year, 12, 24), datetime(year, 12, 27), "day")
    if name == "christmaseve":
        return Interval(datetime(year, 12, 24), datetime(year, 12, 25), "day")
    if name == "newyear":
        return Interval(datetime(year, 12, 31), datetime(year + 1, 1, 2), "day")
    if name == "newyearseve":
        return Interval(datetime(year, 12, 31), datetime(year + 1, 1, 1), "day")
    return None


def season_interval(season: str, year: int) -> Interval | None:
    """Season ``season`` of ``year`` (winter ``year`` starts in December of that year)."""
    if not 1 <= year <= 9998:
        return None
    first = month_start(year, SEASON_MONTHS[season])
    return Interval(_day(first), _day(month_start(first.year, first.month + 3)), "season")


def choose_by_direction(candidates: list[Interval], anchor: date, direction: str | None) -> Interval | None:
    """Of intervals for neighbouring years, the one the tense points to (else the nearest)."""
    cands = [c for c in candidates if c is not None and c.start is not None and c.end is not None]
    if not cands:
        return None
    a = _day(anchor)
    a_end = a + timedelta(days=1)
    inside = [c for c in cands if c.start < a_end and c.end > a]
    if inside:
        return inside[0]
    def distance(c: Interval) -> float:
        if c.end <= a:
            return (a - c.end).total_seconds()
        return (c.start - a_end).total_seconds()

    nearest = min(cands, key=distance)
    chosen: Interval | None = None
    if direction == "past":
        past = [c for c in cands if c.start <= a]
        chosen = max(past, key=lambda c: c.start) if past else None
    elif direction == "future":
        future = [c for c in cands if c.end > a]
        chosen = min(future, key=lambda c: c.start) if future else None
    # A tense cue is weak evidence: it does not move a date a year away from a neighbour a few weeks off.
    if chosen is None or (distance(chosen) > 183 * 86400 and distance(nearest) < 62 * 86400):
        return nearest
    return chosen


@lru_cache(maxsize=4)
def _dateparser(lang: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first"})


def parse_absolute(text: str, lang: str) -> Interval | None:
    """A date that carries its year ("11. desember 2016", "mars 2016", "11.12.2016"), via dateparser.

    dateparser is right for these; it is not used for dates without a year or for weekdays, where it
    silently prefers some year or week instead of reasoning from the publication date.
    """
    try:
        data = _dateparser(lang if lang in ("nb", "nn", "en") else "nb").get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; the caller falls back
        return None
    when = data.date_obj if data else None
    if when is None:
        return None
    when = when.replace(tzinfo=None)
    if data.period == "month":
        return month_interval(when.year, when.month)
    if data.period == "year":
        return years_interval(when.year, when.year, "year")
    return day_interval(when.date())


# ----------------------------------------------------------------------- tense


_WORD = re.compile(r"[\wæøåÆØÅ]+")


def sentence_bounds(text: str, start: int, end: int, doc: Doc | None) -> tuple[int, int]:
    # A parser's sentences are better than the pattern below; a blank pipeline's sentencizer is not.
    if doc is not None and doc.has_annotation("DEP") and len(doc.text) == len(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            sent = span.sent
            return sent.start_char, sent.end_char
    window_lo = max(0, start - 300)
    lo = window_lo
    for m in _BOUNDARY.finditer(text, window_lo, start):
        lo = m.end()
    m = _BOUNDARY.search(text, end, min(len(text), end + 300))
    hi = m.start() + 1 if m else min(len(text), end + 300)
    return lo, hi


# A sentence ends at a line break or at . ! ? followed by a capital ("2. juni" is not an end).
_BOUNDARY = re.compile(r"\n|(?<!\b\d)(?<!\b\d\d)[.!?]\s+(?=[A-ZÆØÅ«\"\-–])")


def _reported_perfect(words: list[tuple[int, str]], tw: TimeWords) -> set[int]:
    """Positions of a modal and its perfect auxiliary ("skal ... ha trukket", "may have seized").

    A modal with a perfect infinitive reports or guesses a past act; read alone, the modal would
    point a weekday forward.
    """
    found: set[int] = set()
    for i, (pos, w) in enumerate(words):
        if w not in tw.perfect_aux:
            continue
        # "skal ha trukket" is a perfect; "skal ha møte fredag" is a plan.
        nxt = words[i + 1][1] if i + 1 < len(words) else ""
        if tw.participle_endings and not nxt.endswith(tw.participle_endings):
            continue
        for mpos, mw in words[max(0, i - 4):i]:
            if mw in tw.perfect_modals:
                found.update((mpos, pos))
    return found


_CLAUSE_BREAK = re.compile(r",\s+(?:men|mens|og|fordi|så|but|and|while)\b|;", re.IGNORECASE)


def tense_near(text: str, start: int, end: int, tw: TimeWords, doc: Doc | None) -> str | None:
    """'past' or 'future' as the verbs around an expression suggest; None when nothing does.

    A present tense with a weekday is the Norwegian scheduled future ("Torsdag diskuterer EU ...").
    """
    lo, hi = sentence_bounds(text, start, end, doc)
    words = [(m.start() + lo, m.group().lower()) for m in _WORD.finditer(text[lo:hi])]
    perfect = _reported_perfect(words, tw)
    # Prefer the verbs of the expression's own clause: "skal ha svart ... laurdag, men dette er ikkje stadfesta".
    c_lo, c_hi = lo, hi
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        if m.end() <= start:
            c_lo = m.end()
        elif m.start() >= end:
            c_hi = m.start()
            break
    in_clause = [(pos, w) for pos, w in words if c_lo <= pos < c_hi]
    if any(pos in perfect or w in tw.past_words or w in tw.future_words or w in tw.present_words
           for pos, w in in_clause if not start <= pos < end):
        words = in_clause
    best_list: tuple[int, str] | None = None
    for pos, w in words:
        if start <= pos < end:
            continue
        if pos in perfect or w in tw.past_words:
            value = "past"
        elif w in tw.future_words or w in tw.present_words:
            value = "future"
        else:
            continue
        dist = start - pos if pos < start else pos - end
        if best_list is None or dist < best_list[0]:
            best_list = (dist, value)
    if best_list is not None and best_list[0] < 120:
        return best_list[1]
    # The parser's tense of the nearest finite verb, where the word lists found no cue nearby.
    if doc is not None and doc.has_annotation("MORPH") and len(doc.text) == len(text):
        best: tuple[int, str] | None = None
        for tok in doc.char_span(lo, hi, alignment_mode="expand") or []:
            if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.lower().startswith("verb"):
                continue
            tense = tok.morph.get("Tense") or [x for x in tok.morph.get("VerbForm") if x in ("Past", "Pres")]
            if not tense:
                continue
            dist = min(abs(tok.idx - start), abs(tok.idx - end))
            value = "past" if "Past" in tense else "future"
            if best is None or dist < best[0]:
                best = (dist, value)
        if best is not None:
            return best[1]
    # Verb-second: an expression opening the sentence is followed by the finite verb.
    after = [w for pos, w in words if pos >= end]
    if after and not text[lo:start].strip(" -–«\"'"):
        verb = after[0]
        if len(verb) > 3 and verb.endswith(tw.past_suffixes):
            return "past"
        if len(verb) > 3 and verb.endswith(tw.present_suffixes):
            return "future"
    if best_list is not None:
        return best_list[1]
    # Weaker: a word with a past or passive-present ending ("viste tall fra FN søndag", "svømmes søndag").
    best_weak: tuple[int, str] | None = None
    for pos, w in words:
        if start <= pos < end or len(w) < 5 or w in tw.not_verbs or w.endswith("ste"):
            continue
        if text[pos].isupper():
            continue
        if tw.weak_past and w.endswith(tw.weak_past):
            value = "past"
        elif tw.weak_present and w.endswith(tw.weak_present):
            value = "future"
        else:
            continue
        dist = start - pos if pos < start else pos - end
        if best_weak is None or dist < best_weak[0]:
            best_weak = (dist, value)
    if best_weak is not None and best_weak[0] < 60:
        return best_weak[1]
    return None


# ------------------------------------------------------------------- finding


def find_candidates(text: str, tw: TimeWords) -> list[Found]:
    found: list[Found] = []
    for priority, rule in enumerate(RULES):
        pattern = tw.patterns.get(rule)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append(Found(m.start(), m.end(), rule, m.groupdict(), priority))
    return found


def select(found: list[Found]) -> list[Found]:
    """Non-overlapping matches, longest first, then by rule order."""
    chosen: list[Found] = []
    taken = bytearray(max((f.end for f in found), default=0) + 1)
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.priority, f.start)):
        if any(taken[f.start:f.end]):
            continue
        chosen.append(f)
        taken[f.start:f.end] = b"\x01" * (f.end - f.start)
    return sorted(chosen, key=lambda f: f.start)


_LIST_GAP = re.compile(r"^\s*(?:,|og|eller|and|or|-|–|til|to)?\s*(?:i\s+|in\s+)?$", re.IGNORECASE)


_FUNCTION_WORDS = {"og", "eller", "men", "så", "til", "i", "på", "for", "at", "da", "då", "før", "etter", "som",
                   "and", "or", "but", "to", "in", "on", "the", "er", "var", "vil", "skal", "kan", "må"}


def plausible(f: Found, text: str, tw: TimeWords) -> bool:
    """Checks that need only the match itself (run before overlapping matches compete)."""
    g = f.groups
    if f.rule == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if len(g["y2"]) == 2:
            if not g.get("pre"):
                return False
            y2 = y1 // 100 * 100 + y2
        conn = (g.get("conn") or "").lower()
        if conn in ("og", "and", "til", "to", "until") and not g.get("pre"):
            return False
        return y1 < y2 <= y1 + 300
    if f.rule == "duration":
        return _is_duration(f, text, tw)
    if f.rule == "clock":
        h = g.get("h") or g.get("ah") or g.get("eh")
        return h is not None and int(h) <= 24 and (g.get("mi") is None or int(g["mi"]) < 60)
    if f.rule == "ahead":
        # "ønske om 100 dagar utsetjing": "om" as "about", the number qualifying a noun
        nxt = _next_word(text, f.end)
        return not nxt or not nxt.isalpha() or nxt in _FUNCTION_WORDS or nxt in tw.future_words \
            or nxt in tw.past_words or nxt in tw.present_words
    if f.rule == "year":
        return _next_word(text, f.end) not in tw.not_after_year
    return True


def gate(found: list[Found], text: str, tw: TimeWords) -> list[Found]:
    """Drop bare months, years and seasons unless a preposition or a listed neighbour makes them times."""
    kept: list[Found] = []
    for f in found:
        g = f.groups
        ok = True
        if f.rule == "month" and not (g.get("y") or g.get("m2")):
            word = g.get("m") or ""
            m_start = f.start + text[f.start:f.end].lower().rfind(word.lower())
            if not (g.get("prep") or g.get("yrel")):
                ok = _listed(kept, f, text, ("month",))
            at_start = not text[max(0, m_start - 3):m_start].strip(" \"«-–\n") or m_start == f.start
            if word[:1].isupper() and not at_start and tw.lang != "en":
                ok = False  # "utropt til August": a capitalised month inside a sentence is a name
        elif f.rule == "year" and not g.get("prep"):
            ok = _listed(kept, f, text, ("year", "year_era", "date", "month"))
        elif f.rule == "season":
            if not (g.get("prep") or g.get("y") or g.get("yrel") or g.get("yrel0")):
                ok = _listed(kept, f, text, ("season",))
            if ok and not g.get("y") and _possessive(f, text, tw):
                ok = False
        elif f.rule == "relunit" and g.get("ru"):
            ok = not _possessive(f, text, tw) if (g.get("ru") or "").lower().endswith("år") else True
        if ok:
            kept.append(f)
    return kept


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
    return m.group().lower() if m else ""


def _listed(kept: list[Found], f: Found, text: str, kinds: tuple[str, ...]) -> bool:
    if not kept:
        return False
    prev = kept[-1]
    return prev.rule in kinds and prev.end <= f.start and bool(_LIST_GAP.match(text[prev.end:f.start]))


def _possessive(f: Found, text: str, tw: TimeWords) -> bool:
    """"i vår region" is "in our region": a season word followed by a noun-like word."""
    g = f.groups
    word = (g.get("s") or g.get("ru") or "").lower().split()[-1] if (g.get("s") or g.get("ru")) else ""
    if word not in ("vår", "år"):
        return False
    if word == "år":
        return False
    nxt = _next_word(text, f.end)
    if not nxt or not nxt.isalpha():
        return False
    if nxt in tw.past_words or nxt in tw.future_words or nxt in tw.present_words:
        return False
    if nxt in ("og", "eller", "men", "da", "så", "då", "the", "and"):
        return False
    return not nxt.endswith(("r", "t", "e", "a")) or len(nxt) <= 2 or nxt.endswith(("e", "a", "t")) and len(nxt) > 4


def _is_duration(f: Found, text: str, tw: TimeWords) -> bool:
    g = f.groups
    n = tw.numbers.value(g.get("n") or "")
    unit = tw.unit(g.get("unit") or "")
    if n is None or unit is None or unit == "weekend":
        return False
    nxt = _next_word(text, f.end)
    if nxt in tw.age_words:
        return False
    before = text[max(0, f.start - 25):f.start].lower().split()
    if before and before[-1] in tw.age_verbs and not g.get("prep"):
        return False
    number_text = (g.get("n") or "").strip().lower()
    if n == 1 and not number_text[:1].isdigit() and not g.get("prep"):
        return False  # "en dag da ..." is not a duration
    if re.fullmatch(r"[12]\d{3}", number_text):
        return False
    return True


# ----------------------------------------------------------------- resolving


def make_resolver(f: Found, text: str, tw: TimeWords, doc: Doc | None) -> None:
    """Fill ``f.resolver`` (relative) or ``f.absolute`` from the match groups."""
    g = {k: v for k, v in f.groups.items()}
    rule = f.rule
    direction = None

    def tense() -> str | None:
        nonlocal direction
        if direction is None:
            direction = tense_near(text, f.start, f.end, tw, doc) or "none"
        return None if direction == "none" else direction

    if rule in ("date", "date_mdy"):
        day, month = int(g["d"]), tw.month(g["m"] or "")
        if month is None or not 1 <= day <= 31:
            return
        wd = tw.weekday(g["wd"]) if g.get("wd") else None
        if g.get("ey") is not None:
            y = int(g["ey"])
            if g.get("bc"):
                f.absolute = Interval(None, None, "day", start_year=-y, end_year=-y)
                f.relative = False
                return
            g["y"] = g["ey"]
        if g.get("y"):
            f.relative = False
            year = int(g["y"])
            f.absolute = (parse_absolute(f"{day}. {_month_name(tw, month)} {year}", tw.lang)
                          or _safe_day(year, month, day))
            return
        if g.get("yrel"):
            offset = tw.relative_units[_n(g["yrel"])][1]
            f.resolver = lambda a, m: _safe_day(a.year + offset, month, day)
            return
        tense_dir = tense()

        def resolve_date(a: date, m: datetime | None) -> Interval | None:
            cands = [c for c in (_safe_day(a.year + k, month, day) for k in (-1, 0, 1)) if c is not None]
            if wd is not None:
                matching = [c for c in cands if c.start and c.start.weekday() == wd]
                cands = matching or cands
            return choose_by_direction(cands, a, tense_dir)

        f.resolver = resolve_date
    elif rule == "numdate":
        if g.get("iy"):
            iv = _safe_day(int(g["iy"]), int(g["im"]), int(g["id"]))
        else:
            iv = parse_absolute(f.groups["d"] + "." + f.groups["m"] + "." + f.groups["y"], tw.lang)
        if iv is None:
            return
        f.absolute, f.relative = iv, False
    elif rule == "month":
        month = tw.month(g.get("m") or g.get("m2") or "")
        year = g.get("y") or g.get("y2")
        if month is None:
            return
        if year:
            y = int(year)
            if g.get("bc"):
                f.absolute, f.relative = Interval(None, None, "month", start_year=-y, end_year=-y), False
            else:
                f.absolute, f.relative = month_interval(y, month), False
            return
        if g.get("yrel"):
            offset = tw.relative_units[_n(g["yrel"])][1]
            f.resolver = lambda a, m: month_interval(a.year + offset, month)
            return
        since = _since(g.get("prep"), tw)
        tense_dir = "past" if since else tense()

        def resolve_month(a: date, m: datetime | None) -> Interval | None:
            iv = choose_by_direction([month_interval(a.year + k, month) for k in (-1, 0, 1)],  # type: ignore[misc]
                                     a, tense_dir)
            if since and iv is not None and iv.start is not None:  # "siden mars": March up to publication
                return Interval(iv.start, _day(a + timedelta(days=1)), "month", "range", start_year=iv.start_year)
            return iv

        f.resolver = resolve_month
    elif rule in ("year", "year_era"):
        y = int(g["y"])
        if g.get("bc"):
            y = -y
        elif y < 1:
            return
        f.absolute, f.relative = years_interval(y, y, "year"), False
        if _since(g.get("prep"), tw):
            _make_since(f)
    elif rule == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if len(g["y2"]) == 2:
            y2 = y1 // 100 * 100 + y2
        f.absolute, f.relative = years_interval(y1, y2, "year", "range"), False
    elif rule == "decade":
        if g.get("w"):
            first = tw.decade_words[_n(g["w"])]
            f.absolute, f.relative = years_interval(first, first + 9, "decade"), False
            return
        n = int(g["n"])
        suffix = _n(g.get("suf") or "")
        bc = bool(g.get("bc"))
        if len(g["n"]) == 2:
            two = n

            def resolve_decade(a: date, m: datetime | None, two: int = two) -> Interval:
                first = 2000 + two if 2000 + two <= a.year else 1900 + two
                return years_interval(first, first + 9, "decade")

            f.resolver = resolve_decade
            f.extra["two_digit"] = True
            return
        if n % 100 == 0 and suffix not in ("årene", "åra", "s"):
            first, last, precision = n, n + 99, "century"
        else:
            first, last, precision = n // 10 * 10, n // 10 * 10 + 9, "decade"
        if bc:
            first, last = -last, -first
        f.absolute, f.relative = years_interval(first, last, precision), False
    elif rule == "century":
        if g.get("rel"):
            offset = tw.century_relative[_n(g["rel"])]
            f.resolver = lambda a, m: years_interval(a.year // 100 * 100 + 100 * offset,
                                                     a.year // 100 * 100 + 100 * offset + 99, "century")
            return
        n = tw.ordinals.get(_n(g["ord"])) if g.get("ord") else int(g["num"])
        if not n:
            return
        if g.get("bc"):
            first, last = -(n * 100), -((n - 1) * 100 + 1)
        else:
            first, last = max(1, (n - 1) * 100), n * 100 - 1
        f.absolute, f.relative = years_interval(first, last, "century"), False
    elif rule in ("weekday", "part_weekday"):
        wd = tw.weekday(g["wd"])
        if wd is None:
            return
        part = tw.part(g.get("part"))
        if g.get("nt"):
            part = tw.part("natt") or (0, 6)
        mod = _n(g.get("wmod") or "")
        explicit = tw.weekday_modifiers.get(mod)
        word = _n(g["wd"])
        if mod == "i" and word.endswith("s"):
            explicit = "past"  # "i fredags"
        week = tw.week_phrases.get(_n(g["week"])) if g.get("week") else None
        tense_dir = explicit or tense()
        if tense_dir is None and mod in ("på", "on"):
            tense_dir = "future"

        def resolve_weekday(a: date, m: datetime | None) -> Interval:
            if week is not None:
                d = a - timedelta(days=a.weekday()) + timedelta(days=7 * week + wd)
            else:
                back = (a.weekday() - wd) % 7
                ahead = (wd - a.weekday()) % 7
                if explicit == "past":
                    d = a - timedelta(days=back or 7)
                elif explicit == "future":
                    d = a + timedelta(days=ahead or 7)
                elif explicit == "nearest":
                    d = a - timedelta(days=back) if back <= ahead else a + timedelta(days=ahead)
                elif back == 0:
                    d = a
                elif tense_dir == "future":
                    d = a + timedelta(days=ahead)
                else:
                    d = a - timedelta(days=back)
            if _since(mod, tw):  # "siden torsdag": from that day up to publication
                return Interval(_day(d), _day(a + timedelta(days=1)), "day", "range")
            return day_interval(d, part)

        f.resolver = resolve_weekday
    elif rule == "relday":
        n = tw.relative_days[_n(g["rd"])]
        part = tw.part(g.get("part"))
        f.resolver = lambda a, m: day_interval(a + timedelta(days=n), part)
    elif rule == "relpart":
        part_name = tw.relative_parts[_n(g["rp"])]
        part = tw.part(part_name) or (0, 24)

        def resolve_relpart(a: date, m: datetime | None) -> Interval:
            if part[0] == 0 and part[1] <= 6 and m is not None and m.hour >= 18:
                return day_interval(a + timedelta(days=1), part)  # "i natt" written in the evening
            return day_interval(a, part)

        f.resolver = resolve_relpart
    elif rule == "daypart":
        hours = tw.part(g.get("part"))
        if hours is None:
            return
        f.extra["part"] = hours
        f.resolver = lambda a, m: day_interval(a, hours)
    elif rule == "sameday":
        f.anchor = "previous"
        f.resolver = lambda a, m: day_interval(a)
    elif rule == "relunit":
        if g.get("ru"):
            unit, offset = tw.relative_units[_n(g["ru"])]
        else:
            unit, offset = tw.unit(g["unit"]) or "", tw.unit_modifiers.get(_n(g["mod"]), 0)
        tense_dir = tense() if unit == "weekend" else None
        f.resolver = lambda a, m: _relative_unit(a, unit, offset, tense_dir)
    elif rule in ("ago", "ahead"):
        n = tw.numbers.value(g["n"])
        unit = tw.unit(g["unit"])
        if n is None or unit is None:
            return
        sign = -1 if rule == "ago" else 1

        def resolve_ago(a: date, m: datetime | None) -> Interval | None:
            if unit == "year" and a.year + sign * n < 1:  # "for 2050 år siden": BC, no year zero
                year = int(a.year + sign * n) - 1
                return Interval(None, None, "year", start_year=year, end_year=year)
            if unit in ("hour", "minute"):
                if m is None:  # "for to timer siden" in an article dated to the day: that day (or the one before)
                    back = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
                    first = (_day(a) - back).date() if sign < 0 else a
                    return Interval(_day(first), _day(a + timedelta(days=1)), "day")
                delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
                at = m + sign * delta
                return Interval(at.replace(minute=0) if unit == "hour" else at,
                                at.replace(minute=0) + timedelta(hours=1) if unit == "hour"
                                else at + timedelta(minutes=1), unit)
            return unit_interval(add_units(a, sign * n, unit), unit)

        f.resolver = resolve_ago
    elif rule == "last_n":
        if not g.get("n") and (_n(g["ln"]) not in tw.last_one or _n(g["unit"]) in tw.last_one_not_units):
            return  # "de siste dagene": a few, not one; "den siste dagen i jobben": his last day
        n = tw.numbers.value(g["n"]) if g.get("n") else 1
        unit = tw.unit(g["unit"])
        if n is None or unit is None:
            return
        forward = "neste" in _n(g["ln"]) or "next" in _n(g["ln"])

        def resolve_last(a: date, m: datetime | None) -> Interval:
            if unit in ("hour", "minute"):  # "de siste 24 timene"
                delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
                if m is not None:
                    return Interval(m, m + delta, unit, "range") if forward else Interval(m - delta, m, unit, "range")
                lo = _day(a) if forward else _day(a) - delta
                hi = _day(a + timedelta(days=1)) + (delta if forward else timedelta(0))
                return Interval(_day(lo.date()), _day(hi.date()) if hi.time() == datetime.min.time()
                                else _day(hi.date() + timedelta(days=1)), "day", "range")
            if forward:
                return Interval(_day(a), _day(add_units(a, n, unit)), unit, "range")
            return Interval(_day(add_units(a, -n, unit)), _day(a + timedelta(days=1)), unit, "range")

        f.resolver = resolve_last
    elif rule == "duration":
        n = tw.numbers.value(g["n"])
        unit = tw.unit(g["unit"])
        if n is None or unit is None:
            return
        f.relative = False
        f.absolute = Interval(None, None, unit, "duration", duration_days=round(n * UNIT_DAYS[unit], 6))
    elif rule == "clock":
        if g.get("ah"):
            hour, minute, precision = int(g["ah"]), 0, "hour"
        else:
            hour = int(g.get("h") or g.get("eh") or 0)
            minute = int(g.get("mi") or g.get("emi") or 0)
            precision = "minute"
            low = text[f.start:f.end].lower()
            if "pm" in low or "p.m." in low:
                hour = hour % 12 + 12
        f.extra["clock"] = (hour, minute, precision)
        f.resolver = lambda a, m: _clock(a, hour, minute, precision)
    elif rule == "season":
        season = tw.seasons[_n(g["s"])]
        if g.get("y"):
            y = int(g["y"])
            f.relative = False
            f.absolute = season_interval(season, y - 1 if season == "winter" else y)
            return
        rel = g.get("yrel") or g.get("yrel0")
        if rel:
            offset = tw.relative_units[_n(rel)][1]
            f.resolver = lambda a, m: season_interval(season, a.year + offset - (1 if season == "winter" else 0))
            return
        tense_dir = tw.preposition_direction.get(_n(g.get("prep") or "")) or tense()
        f.resolver = lambda a, m: choose_by_direction(
            [season_interval(season, a.year + k) for k in (-1, 0, 1)], a, tense_dir or _season_default(season, a))
    elif rule == "holiday":
        name = tw.holidays[_n(g["h"])]
        if g.get("y"):
            f.relative = False
            f.absolute = holiday_interval(name, int(g["y"]))
            return
        if g.get("yrel"):
            offset = tw.relative_units[_n(g["yrel"])][1]
            f.resolver = lambda a, m: holiday_interval(name, a.year + offset)
            return
        tense_dir = tense()
        f.resolver = lambda a, m: choose_by_direction(
            [holiday_interval(name, a.year + k) for k in (-1, 0, 1)], a, tense_dir)  # type: ignore[misc]


def _season_default(season: str, a: date) -> str | None:
    if season == "winter":
        return "past" if 3 <= a.month <= 8 else "future"
    return None


def _since(prep: str | None, tw: TimeWords) -> bool:
    return bool(prep) and _n(prep or "") in tw.since


def _make_since(f: Found) -> None:
    """"siden 1986": from the start of 1986 up to the publication day."""
    base = f.absolute
    if base is None or base.start is None:
        return
    f.relative = True
    f.absolute = None
    f.resolver = lambda a, m: Interval(base.start, _day(a + timedelta(days=1)), base.precision, "range",
                                       start_year=base.start_year)


def _relative_unit(a: date, unit: str, offset: int, tense_dir: str | None) -> Interval | None:
    if unit == "weekend":
        last_sat = a - timedelta(days=(a.weekday() - 5) % 7)
        in_weekend = a.weekday() >= 5
        if offset == 0:
            if in_weekend:
                sat = last_sat
            elif a.weekday() == 4:
                sat = last_sat if tense_dir == "past" else last_sat + timedelta(days=7)
            else:
                sat = last_sat + timedelta(days=7) if tense_dir == "future" else last_sat
        elif offset < 0:
            sat = last_sat - timedelta(days=7) if in_weekend else last_sat
        else:
            sat = last_sat + timedelta(days=7)
        return Interval(_day(sat), _day(sat + timedelta(days=2)), "weekend")
    return unit_interval(add_units(a, offset, unit), unit)


def _clock(a: date, hour: int, minute: int, precision: str) -> Interval:
    start = _day(a) + timedelta(hours=hour, minutes=minute)
    return Interval(start, start + (timedelta(hours=1) if precision == "hour" else timedelta(minutes=1)), precision)


def _safe_day(year: int, month: int, day: int) -> Interval | None:
    try:
        return day_interval(date(year, month, day))
    except ValueError:
        return None


def _month_name(tw: TimeWords, month: int) -> str:
    for name, number in tw.months.items():
        if number == month:
            return name
    return str(month)


def _n(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


# ------------------------------------------------------------------ combining


_JOIN = re.compile(r"^\s*(?:,\s*)?(?:på|den|om|on|at)?\s*$", re.IGNORECASE)


def attach_clocks(found: list[Found], text: str) -> list[Found]:
    """Glue clock times to their day ("klokken 10.45 lørdag formiddag", "i går klokken 19")."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        if f.rule == "clock":
            nxt = found[i + 1] if i + 1 < len(found) else None
            prev = out[-1] if out else None
            if nxt is not None and nxt.rule in DAY_KINDS and _JOIN.match(text[f.end:nxt.start]):
                f.day_of, f.end = nxt, nxt.end
                i += 2
                out.append(f)
                continue
            if prev is not None and prev.rule in DAY_KINDS and prev.day_of is None and _JOIN.match(
                    text[prev.end:f.start]) and "clock" not in prev.extra:
                f.day_of, f.start = prev, prev.start
                out[-1] = f
                i += 1
                continue
        out.append(f)
        i += 1
    return out


# ------------------------------------------------------------------- anchors


@dataclass
class Anchor:
    first: date | None
    last: date | None
    moment: datetime | None

    @classmethod
    def of(cls, article: Article) -> Anchor:
        p, precision = article.published, article.published_precision
        if p is None:
            return cls(None, None, None)
        first = p.date()
        if precision == "year":
            return cls(date(p.year, 1, 1), date(p.year, 12, 31), None)
        if precision == "month":
            return cls(first.replace(day=1), first.replace(day=calendar.monthrange(p.year, p.month)[1]), None)
        return cls(first, first, p if precision == "minute" else None)


def evaluate(resolver: Resolver, anchor: Anchor) -> tuple[Interval | None, bool]:
    """The interval over every day the anchor allows: (hull, uncertain)."""
    if anchor.first is None or anchor.last is None:
        return None, True
    try:
        lo = resolver(anchor.first, anchor.moment)
        hi = lo if anchor.last == anchor.first else resolver(anchor.last, anchor.moment)
    except (ValueError, OverflowError):
        return None, True
    if lo is None or hi is None:
        return lo or hi, True
    if lo.key() == hi.key():
        return lo, False
    start = min(x for x in (lo.start, hi.start) if x is not None) if (lo.start and hi.start) else None
    end = max(x for x in (lo.end, hi.end) if x is not None) if (lo.end and hi.end) else None
    years = [y for y in (lo.start_year, hi.start_year) if y is not None]
    ends = [y for y in (lo.end_year, hi.end_year) if y is not None]
    return Interval(start, end, lo.precision, lo.kind, min(years) if years else None,
                    max(ends) if ends else None, lo.duration_days), True


def _resolve_day_of(f: Found, anchor: Anchor, last_day: tuple[Interval, bool] | None
                    ) -> tuple[Interval | None, bool, str | None]:
    """Resolve a day expression; clock times and "samme dag" may take an earlier day instead."""
    if f.rule == "sameday":
        if last_day is not None:
            return day_interval(last_day[0].start.date()) if last_day[0].start else None, last_day[1], "previous"
        iv, unc = evaluate(f.resolver, anchor) if f.resolver else (None, True)
        return iv, unc, "publication" if iv else None
    if f.relative:
        if f.resolver is None:
            return None, True, None
        iv, unc = evaluate(f.resolver, anchor)
        return iv, unc, ("publication" if iv is not None else None)
    return f.absolute, False, "absolute"


def to_spans(found: list[Found], text: str, anchor: Anchor, doc: Doc | None = None) -> list[TimeSpan]:
    spans: list[TimeSpan] = []
    last_day: tuple[Interval, bool] | None = None
    last_day_sentence_end = -1
    for f in found:
        anchor_name: str | None
        if f.rule == "daypart":
            # "om kvelden": the evening of the day just mentioned; habitual when there is none
            if last_day is None or last_day[0].start is None or f.start > last_day_sentence_end + 400:
                continue
            hours = f.extra["part"]
            interval, uncertain = day_interval(last_day[0].start.date(), hours), last_day[1]
            spans.append(_span(f, text, interval, uncertain, "previous"))
            continue
        if f.rule == "clock":
            hour, minute, precision = f.extra["clock"]
            day: tuple[Interval | None, bool, str | None]
            if f.day_of is not None:
                day = _resolve_day_of(f.day_of, anchor, last_day)
                anchor_name = day[2]
            elif last_day is not None and f.start < last_day_sentence_end:
                day = (last_day[0], last_day[1], "previous")
                anchor_name = "previous"
            else:
                iv, unc = evaluate(lambda a, m: day_interval(a), anchor)
                day = (iv, unc, "publication" if iv else None)
                anchor_name = day[2]
            base, uncertain = day[0], day[1]
            if base is None or base.start is None:
                interval, uncertain = None, True
            elif base.end is not None and base.end - base.start > timedelta(days=1):
                # a coarse anchor: keep the whole stretch of days, at that hour
                interval = Interval(base.start + timedelta(hours=hour, minutes=minute),
                                    base.end - timedelta(days=1) + timedelta(hours=hour, minutes=minute + 1),
                                    precision)
            else:
                interval = _clock(base.start.date(), hour, minute, precision)
        else:
            interval, uncertain, anchor_name = _resolve_day_of(f, anchor, last_day)
        if interval is not None and f.rule in DAY_KINDS | {"clock"} and interval.start is not None:
            last_day = (interval, uncertain)
            last_day_sentence_end = sentence_bounds(text, f.start, f.end, doc)[1]
        spans.append(_span(f, text, interval, bool(uncertain) if f.relative or f.rule == "clock" else False,
                           anchor_name if interval is not None or not f.relative else None))
    return spans


def _span(f: Found, text: str, interval: Interval | None, uncertain: bool, anchor: str | None) -> TimeSpan:
    return TimeSpan(
        start_char=f.start, end_char=f.end, text=text[f.start:f.end],
        start=interval.start if interval else None, end=interval.end if interval else None,
        precision=interval.precision if interval else _nominal_precision(f),
        anchor=anchor, uncertain=uncertain,
        kind=interval.kind if interval else ("duration" if f.rule == "duration" else "point"),  # type: ignore[arg-type]
        duration_days=interval.duration_days if interval else None,
        start_year=interval.start_year if interval else None,
        end_year=interval.end_year if interval else None,
    )


def _nominal_precision(f: Found) -> str | None:
    return {"weekday": "day", "relday": "day", "date": "day", "month": "month", "season": "season",
            "relpart": "part_of_day", "part_weekday": "part_of_day"}.get(f.rule)


# --------------------------------------------------------------------- stage


def find_times(text: str, lang: str, published: datetime | None = None,
               precision: str | None = None, doc: Doc | None = None) -> list[TimeSpan]:
    """Temporal expressions of ``text`` resolved against a publication date (convenience for tests)."""
    article = Article(text=text, language=lang, published=published, published_precision=precision)  # type: ignore[arg-type]
    return extract_times(doc, article, ExtractionResult(article=article))  # type: ignore[arg-type]


def extract_times(doc: Doc, article: Article, result: ExtractionResult) -> list[TimeSpan]:
    text = article.text or ""
    if not text.strip():
        return []
    text = text[:MAX_TEXT]
    tw = time_words(article.language)
    found = gate(select([f for f in find_candidates(text, tw) if plausible(f, text, tw)]), text, tw)
    for f in found:
        make_resolver(f, text, tw, doc if isinstance(doc, Doc) else None)
    found = [f for f in found if f.resolver is not None or f.absolute is not None]
    found = attach_clocks(found, text)
    spans = to_spans(found, text, Anchor.of(article), doc if isinstance(doc, Doc) else None)
    return join_ranges(spans, text, tw)


_RANGE_GAP = re.compile(r"^\s*(?:-|–|til|to|until|og|and)\s*$", re.IGNORECASE)


def join_ranges(spans: list[TimeSpan], text: str, tw: TimeWords) -> list[TimeSpan]:
    """"fra mandag til onsdag", "mellom 1. og 3. mars", "mars–mai 2016": two points make one range."""
    starters = tuple(w.lower() for w in (tw.data.get("range_from") or []))
    out: list[TimeSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i]
        b = spans[i + 1] if i + 1 < len(spans) else None
        if (b is not None and a.kind == "point" and b.kind == "point" and a.start and b.start and a.end and b.end
                and a.start < b.end and _RANGE_GAP.match(text[a.end_char:b.start_char])):
            before = text[max(0, a.start_char - 12):a.start_char].lower().split()
            gap = text[a.end_char:b.start_char].strip().lower()
            if (before and before[-1] in starters) or gap in ("-", "–"):
                if gap in ("og", "and") and not (before and before[-1] in ("mellom", "between")):
                    out.append(a)
                    i += 1
                    continue
                start_char = a.start_char - len(before[-1]) - 1 if before and before[-1] in starters else a.start_char
                start_char = max(0, text.rfind(before[-1], 0, a.start_char)) if before and before[-1] in starters \
                    else a.start_char
                out.append(a.model_copy(update={
                    "start_char": start_char, "end_char": b.end_char, "text": text[start_char:b.end_char],
                    "end": b.end, "kind": "range", "uncertain": a.uncertain or b.uncertain,
                    "end_year": b.end_year if b.end_year is not None else a.end_year,
                }))
                i += 2
                continue
        out.append(a)
        i += 1
    return out
