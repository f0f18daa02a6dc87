"""Numbers as news text writes them: "4.000", "4 000", "tolv", "to hundre", "1,5 millioner", "et dusin".

Shared by the times and quantities extractors. The words live in kilde/lang/<lang>/numbers.yaml;
this module only turns them into one regular expression and a value.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kilde.lang import load_data

SUPPORTED = ("nb", "nn", "en")


def data_language(lang: str | None) -> str:
    """The language whose data files describe ``lang`` (unknown languages read as Bokmål)."""
    return lang if lang in SUPPORTED else "nb"


@lru_cache(maxsize=64)
def merged_data(lang: str, name: str) -> dict[str, Any]:
    """``<lang>/<name>.yaml`` with the file it ``extends`` folded in: lists are joined, mappings updated.

    Nynorsk articles mix in Bokmål forms, so the Nynorsk files only add to the Bokmål ones.
    """
    data = load_data(lang, name) or {}
    base_lang = data.get("extends")
    if not base_lang:
        return {k: v for k, v in data.items() if k != "extends"}
    return _merge(merged_data(base_lang, name), {k: v for k, v in data.items() if k != "extends"})


def _merge(base: Any, extra: Any) -> Any:
    """Lists are joined, mappings merged key by key (recursively), anything else replaced."""
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    return extra


def alternation(words: list[str] | dict[str, Any] | None) -> str:
    """A regex alternation of ``words``, longest first, any whitespace between the words of a phrase."""
    items = sorted({str(w) for w in (words or [])}, key=len, reverse=True)
    if not items:
        return r"(?!x)x"
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in items)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


class NumberWords:
    """The number vocabulary of one language, compiled."""

    def __init__(self, lang: str) -> None:
        data = merged_data(data_language(lang), "numbers")
        self.units: dict[str, int] = {norm(k): int(v) for k, v in (data.get("units") or {}).items()}
        self.tens: dict[str, int] = {norm(k): int(v) for k, v in (data.get("tens") or {}).items()}
        self.multipliers: dict[str, float] = {norm(k): float(v) for k, v in (data.get("multipliers") or {}).items()}
        self.collectives: dict[str, tuple[float | None, float | None, float | None]] = {
            norm(k): tuple(None if x is None else float(x) for x in v)  # type: ignore[misc]
            for k, v in (data.get("collectives") or {}).items()
        }
        self.joiner = str(data.get("compound_joiner") or "og")
        self.decimal = str(data.get("decimal_separator") or ",")
        seps = [s for s in (data.get("thousands_separators") or [" ", "."]) if s != self.decimal]
        sep_class = "".join(re.escape(s) if s != " " else " " for s in seps) or " "
        dec = re.escape(self.decimal)
        self.digits = rf"\d{{1,3}}(?:[{sep_class}]\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?(?!\d)"
        # Word numbers: "tjuefem", "femogtjue", "tolv", "tjue".
        units = [w for w in self.units if len(w) > 1 or w.isdigit()]
        compound = []
        for t in self.tens:
            compound.append(t + "(?:" + alternation([u for u in self.units if self.units[u] < 10]) + ")?")
        if self.joiner and self.joiner != "-":
            low = alternation([u for u in self.units if 0 < self.units[u] < 10])
            compound.append(f"(?:{low}){re.escape(self.joiner)}(?:{alternation(list(self.tens))})")
        elif self.joiner == "-":
            low = alternation([u for u in self.units if 0 < self.units[u] < 10])
            compound = [f"(?:{alternation(list(self.tens))})(?:-(?:{low}))?"]
        self.word = "|".join(compound + [alternation(units)])
        mult = alternation(list(self.multipliers))
        # A number: digits or words, optionally times a multiplier ("1,5 millioner", "to hundre").
        self.number = (
            rf"(?:(?:{self.digits})|(?<!\w)(?:{self.word})(?!\w))(?:\s+(?:{mult})(?![\w]))?"
            rf"|(?<!\w)(?:{mult})(?!\w)"
        )
        self.collective = alternation(list(self.collectives))

    def word_value(self, word: str) -> float | None:
        w = norm(word)
        if w in self.units:
            return float(self.units[w])
        if w in self.tens:
            return float(self.tens[w])
        for t, tv in self.tens.items():
            if w.startswith(t):
                rest = w[len(t):].lstrip("-")
                if rest in self.units and self.units[rest] < 10:
                    return float(tv + self.units[rest])
            if self.joiner and w.endswith(self.joiner + t):
                head = w[: -len(self.joiner + t)]
                if head in self.units and self.units[head] < 10:
                    return float(tv + self.units[head])
        return None

    def value(self, text: str) -> float | None:
        """The value of a number expression matched by ``self.number``; None if it is not one."""
        text = norm(text)
        if not text:
            return None
        if text in self.collectives:
            return self.collectives[text][1]
        parts = text.split(" ")
        factor = 1.0
        # A trailing multiplier word: "1,5 millioner", "to hundre".
        if len(parts) > 1 and parts[-1] in self.multipliers:
            factor = self.multipliers[parts[-1]]
            parts = parts[:-1]
        elif len(parts) == 1 and parts[0] in self.multipliers:
            return self.multipliers[parts[0]]
        head = " ".join(parts)
        if re.fullmatch(self.digits, head):
            raw = head.replace(self.decimal, "\x00")
            raw = re.sub(r"[^\d\x00]", "", raw).replace("\x00", ".")
            try:
                return float(raw) * factor
            except ValueError:
                return None
        value = self.word_value(head)
        return None if value is None else value * factor


@lru_cache(maxsize=8)
def number_words(lang: str) -> NumberWords:
    return NumberWords(data_language(lang))


def parse_number(text: str, lang: str = "nb") -> float | None:
    """``"4 000"`` -> 4000.0, ``"to hundre"`` -> 200.0, ``"1,5 millioner"`` -> 1500000.0; None if not a number."""
    return number_words(lang).value(text)
