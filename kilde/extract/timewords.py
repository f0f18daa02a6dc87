"""The temporal vocabulary of one language (kilde/lang/<lang>/times.yaml), compiled into patterns.

Only the shapes of expressions are code here ("<day>. <month> <year>", "for <n> <unit> siden");
every word they are built from comes from the data file, so Nynorsk, Bokmål and English share one path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kilde.extract.numbers import alternation, data_language, merged_data, norm, number_words

L = r"(?<![\w])"  # word boundaries that also work next to "." ("kl.", "f. Kr.")
R = r"(?![\w])"


def _phrase_map(mapping: dict[str, Any] | None) -> dict[str, Any]:
    return {norm(k): v for k, v in (mapping or {}).items()}


class TimeWords:
    """Word tables and compiled patterns for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = data_language(lang)
        d = merged_data(self.lang, "times")
        self.data = d
        self.numbers = number_words(self.lang)
        self.weekdays: dict[str, int] = {}
        suffixes = [""] + list(d.get("weekday_suffixes") or [])
        for base, idx in (d.get("weekdays") or {}).items():
            for suffix in suffixes:
                self.weekdays[norm(base) + suffix] = int(idx)
        self.months: dict[str, int] = _phrase_map(d.get("months"))
        self.month_abbr: dict[str, int] = _phrase_map(d.get("month_abbreviations"))
        self.parts: dict[str, tuple[int, int]] = {
            norm(k): (int(v[0]), int(v[1])) for k, v in (d.get("parts_of_day") or {}).items()
        }
        self.relative_days: dict[str, int] = _phrase_map(d.get("relative_days"))
        self.relative_parts: dict[str, str] = _phrase_map(d.get("relative_parts"))
        self.units: dict[str, str] = _phrase_map(d.get("units"))
        self.relative_units: dict[str, tuple[str, int]] = {
            norm(k): (str(v[0]), int(v[1]))
            for k, v in {**(d.get("relative_units") or {}), **(d.get("relative_units_extra") or {})}.items()
        }
        self.unit_modifiers: dict[str, int] = _phrase_map(d.get("unit_modifiers"))
        self.weekday_modifiers: dict[str, str] = _phrase_map(d.get("weekday_modifiers"))
        self.week_phrases: dict[str, int] = _phrase_map(d.get("weekday_week_phrases"))
        self.seasons: dict[str, str] = _phrase_map(d.get("seasons"))
        self.holidays: dict[str, str] = _phrase_map(d.get("holidays"))
        self.decade_words: dict[str, int] = _phrase_map(d.get("decade_words"))
        self.century_relative: dict[str, int] = _phrase_map(d.get("century_relative"))
        self.ordinals: dict[str, int] = _phrase_map(d.get("ordinals"))
        self.last_n = [norm(x) for x in d.get("last_n") or []]
        self.last_one = [norm(x) for x in d.get("last_one") or []]
        self.last_one_not_units = {norm(x) for x in d.get("last_one_not_units") or []}
        self.since = [norm(x) for x in d.get("since") or []]
        self.age_words = {norm(x) for x in d.get("age_words") or []}
        self.age_verbs = {norm(x) for x in d.get("age_verbs") or []}
        tense = d.get("tense") or {}
        self.past_words = {norm(x) for x in tense.get("past") or []}
        self.future_words = {norm(x) for x in tense.get("future") or []}
        self.present_words = {norm(x) for x in tense.get("present") or []}
        self.past_suffixes = tuple(tense.get("past_suffixes") or [])
        self.present_suffixes = tuple(tense.get("present_suffixes") or [])
        self.weak_past = tuple(tense.get("weak_past_suffixes") or [])
        self.weak_present = tuple(tense.get("weak_present_suffixes") or [])
        self.not_verbs = {norm(x) for x in tense.get("not_verbs") or []}
        self.perfect_modals = {norm(x) for x in tense.get("perfect_modals") or []}
        self.perfect_aux = {norm(x) for x in tense.get("perfect_aux") or []}
        self.participle_endings = tuple(tense.get("participle_endings") or [])
        self.preposition_direction: dict[str, str] = _phrase_map(d.get("preposition_direction"))
        self.not_after_year = {norm(x) for x in d.get("not_after_year") or []}
        self.patterns = self._compile()

    def a(self, key: str) -> str:
        """Alternation of a data list or mapping's keys."""
        return alternation(self.data.get(key))

    def _compile(self) -> dict[str, re.Pattern[str]]:
        d = self.data
        wd = alternation(list(self.weekdays))
        part = alternation(list(self.parts))
        month = alternation(list(self.months))
        abbr = alternation(list(self.month_abbr))
        bc, ad = self.a("bc"), self.a("ad")
        era = rf"(?:\s*(?:(?P<bc>{bc})|(?P<ad>{ad}))(?!\w))"
        year_rel = alternation([k for k, v in self.relative_units.items() if v[0] == "year"])
        num = self.numbers.number
        unit = alternation(list(self.units))
        wmod = alternation(list(self.weekday_modifiers) + ["på", "i", "senere", "seinere", "tidligere",
                                                            "tidlegare", "on"])
        week = alternation(list(self.week_phrases))
        umod = alternation(list(self.unit_modifiers))
        unit_words = alternation([k for k, v in self.units.items() if v in ("week", "month", "year", "weekend")])
        season = alternation(list(self.seasons))
        sprep = self.a("season_prepositions")
        mprep = self.a("month_prepositions")
        yprep = self.a("year_prepositions")
        ago = d.get("ago") or {}
        ago_before, ago_after = alternation(ago.get("before")), alternation(ago.get("after"))
        ahead = alternation((d.get("ahead") or {}).get("before"))
        clock = self.a("clock_words")
        about = self.a("about_hour_suffixes")
        dsuf = self.a("decade_suffixes")
        cwords = self.a("century_words")
        ords = alternation(list(self.ordinals))
        pats = {
            # "tirsdag 13. desember 2016", "15. mars 44 f. Kr.", "21. januar i fjor"
            "date": rf"{L}(?:(?P<wmod>{wmod})\s+)?(?:(?P<wd>{wd})\s+(?:den\s+)?)?(?P<d>\d{{1,2}})\.?\s*"
                    rf"(?P<m>{month}|{abbr}){R}(?:\s+(?P<y>\d{{4}})(?!\d)(?!\s*-\s*\d)|\s+(?P<ey>\d{{1,4}}){era}"
                    rf"|\s+(?P<yrel>{year_rel}){R})?",
            # English "December 11, 2016"
            "date_mdy": rf"{L}(?:(?P<wd>{wd}),?\s+)?(?P<m>{month}|{abbr})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{R}"
                        rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?" if self.lang == "en" else None,
            "numdate": rf"{L}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})(?![\d.]\d)"
                       rf"|{L}(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?!\d)",
            # "i mars", "mars 2016", "i desember i fjor"
            "month": rf"{L}(?:(?P<prep>{mprep})\s+)?(?P<m>{month}){R}(?:\s+(?P<y>\d{{4}})(?!\d)(?!\s*-){era}?"
                     rf"|\s+(?P<yrel>{year_rel}){R})?"
                     rf"|{L}(?P<m2>{abbr})\s*(?P<y2>\d{{4}})(?!\d)",
            # "i 1582", "anno 1978", "44 f. Kr."
            "year": rf"{L}(?:(?P<prep>{yprep})\s+)?(?P<y>[12]\d{{3}})(?!\d)(?!\s*-\s*\w)(?!,\d)(?!\.\d)",
            "year_era": rf"{L}(?:(?P<prep>{yprep})\s+)?(?P<y>\d{{1,4}}){era}",
            # "fra 1993 til 2002", "1993-2002"
            "year_range": rf"{L}(?:(?P<pre>{self.a('range_from')})\s+)?(?P<y1>[12]\d{{3}})\s*"
                          rf"(?P<conn>{self.a('range_to')})\s*(?P<y2>[12]\d{{3}}|\d{{2}})(?!\d)(?!\s*-\s*\w)",
            # "på 1990-tallet", "1800-tallet før Kristus", "nittitallet"
            "decade": rf"{L}(?P<n>\d{{2,4}})\s*-\s*(?P<suf>{dsuf}){R}{era}?"
                      rf"|{L}(?P<w>{alternation(list(self.decade_words))}){R}",
            # "det tredje århundre etter Kristus", "forrige århundre"
            "century": rf"{L}(?:(?:det|den|the)\s+)?(?:(?P<ord>{ords})|(?P<num>\d{{1,2}})\.)\s+(?:{cwords}){R}{era}?"
                       rf"|{L}(?P<rel>{alternation(list(self.century_relative))}){R}",
            # "lørdag", "søndag formiddag", "sist fredag", "onsdag i forrige uke", "i fredags"
            "weekday": rf"{L}(?:(?P<wmod>{wmod})\s+)?(?P<wd>{wd}){R}(?:\s+(?P<part>{part}){R})?"
                       rf"(?:\s+(?P<week>{week}){R})?",
            # "natt til søndag", "morgontimane onsdag"
            "part_weekday": rf"{L}(?:(?P<nt>{self.a('night_to')})|(?:i\s+)?(?P<part>{part}))\s+(?P<wd>{wd}){R}",
            # "i går", "i går kveld", "i morgon"
            "relday": rf"{L}(?P<rd>{alternation(list(self.relative_days))}){R}(?:\s+(?P<part>{part}){R})?",
            "relpart": rf"{L}(?P<rp>{alternation(list(self.relative_parts))}){R}",
            "sameday": rf"{L}(?:{self.a('same_day')}){R}",
            # "om kvelden": a part of the day just mentioned
            "daypart": rf"{L}(?:{self.a('anaphoric_part_prepositions')})\s+(?P<part>{self.a('anaphoric_parts')}){R}",
            # "forrige uke", "i fjor", "til uken", "i helga", "neste måned"
            "relunit": rf"{L}(?:(?:i|til|fra|frå|in|from)\s+)?(?P<mod>{umod})\s+(?P<unit>{unit_words}){R}"
                       rf"|{L}(?P<ru>{alternation(list(self.relative_units))}){R}",
            # "for to dager siden", "two days ago"
            "ago": rf"{L}(?:(?:{ago_before})\s+)?(?P<n>{num})\s+(?P<unit>{unit})\s+(?:{ago_after}){R}",
            "ahead": rf"{L}(?:{ahead})\s+(?P<n>{num})\s+(?P<unit>{unit}){R}",
            # "de siste fire årene"
            # "det siste døgnet", "over the past week": one unit back from the anchor
            "last_n": rf"{L}(?P<ln>{alternation(self.last_n + self.last_one)})\s+(?:(?P<n>{num})\s+)?"
                      rf"(?P<unit>{unit}){R}",
            # "i tre dager", "på 30 år", "100 dagar"
            "duration": rf"{L}(?:(?P<prep>i|på|over|gjennom|etter|in|for|during)\s+)?(?P<n>{num})\s+"
                        rf"(?P<unit>{unit}){R}",
            # "kl. 14.30", "klokken 14", "ved 08-tiden"
            "clock": rf"{L}(?:{clock})\s*(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d{{2}}))?(?!\d)(?!\s*(?:prosent|%))"
                     rf"|{L}(?:(?:ved|i|rundt|omkring)\s+)?(?P<ah>\d{{1,2}})-(?:{about}){R}"
                     + (rf"|{L}(?P<eh>\d{{1,2}})(?::(?P<emi>\d{{2}}))?\s*(?:{self.a('clock_suffixes')})"
                        if d.get("clock_suffixes") else ""),
            # "i vår", "hausten 2008", "i fjor høst"
            "season": rf"{L}(?:(?P<prep>{sprep})\s+)?(?:(?P<yrel0>{year_rel})\s+)?(?P<s>{season}){R}"
                      rf"(?:\s+(?P<y>\d{{4}})(?!\d)|\s+(?P<yrel>{year_rel}){R})?",
            "holiday": rf"{L}(?:(?:i|til|før|etter|hele|heile|i hele|i heile|under|in|at|before|after)\s+)?"
                       rf"(?P<h>{alternation(list(self.holidays))}){R}(?:\s+(?P<y>\d{{4}})(?!\d)|\s+(?P<yrel>{year_rel}){R})?",
        }
        return {k: re.compile(v, re.IGNORECASE) for k, v in pats.items() if v}

    # ------------------------------------------------------------------ look-ups

    def weekday(self, word: str) -> int | None:
        return self.weekdays.get(norm(word))

    def month(self, word: str) -> int | None:
        w = norm(word)
        return self.months.get(w, self.month_abbr.get(w))

    def part(self, word: str | None) -> tuple[int, int] | None:
        return None if not word else self.parts.get(norm(word))

    def unit(self, word: str) -> str | None:
        return self.units.get(norm(word))


@lru_cache(maxsize=8)
def time_words(lang: str) -> TimeWords:
    return TimeWords(data_language(lang))
