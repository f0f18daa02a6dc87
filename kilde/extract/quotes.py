"""Text-level machinery for claims: tokens, sentences, quote marks, hedges and verification.

Works from the characters alone, so it runs on a blank Doc (no tagger or NER) and on
untokenised input as well as on the treebank's space-separated text. Everything here is
linear in the text and bounded, so a 5,000-word quote without an end mark cannot hang it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kilde.lang import load_data

TOKEN_RE = re.compile(r"\w+(?:[-'’./]\w+)*|[^\w\s]", re.UNICODE)
DASHES = {"-", "–", "—", "―"}
OPEN_QUOTES = {"«", '"', "“", "„", "‹"}
CLOSE_QUOTES = {"»", '"', "”", "›"}
END_MARKS = {".", "!", "?"}
MAX_SENTENCE_TOKENS = 400  # a run-on "sentence" longer than this is cut (bad input stays bounded)


@dataclass
class Tok:
    text: str
    start: int
    end: int
    low: str = ""

    def __post_init__(self) -> None:
        self.low = self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class Sent:
    """One sentence: its character span and its tokens."""

    index: int
    start: int
    end: int
    toks: list[Tok] = field(default_factory=list)
    line_start: bool = True  # first sentence of its line (paragraph)

    @property
    def ends_with_mark(self) -> bool:
        """Headlines and subheads carry no final stop; body sentences do."""
        toks = self.toks
        k = len(toks) - 1
        while k >= 0 and toks[k].text in CLOSE_QUOTES:
            k -= 1
        return k >= 0 and toks[k].text in END_MARKS | {":"}

    @property
    def dash_opened(self) -> bool:
        return bool(self.toks) and self.toks[0].text in DASHES

    @property
    def quote_opened(self) -> bool:
        return bool(self.toks) and self.toks[0].text in OPEN_QUOTES


@lru_cache(maxsize=8)
def abbreviations(lang: str) -> frozenset[str]:
    """Abbreviations that end no sentence; Nynorsk adds its list to Bokmål's (as the tokenizer does)."""
    words: set[str] = set()
    for code in ("nb", lang) if lang == "nn" else (lang,):
        data = load_data(code, "abbreviations") or {}
        words |= {w.lower().rstrip(".") for w in data.get("abbreviations", []) if isinstance(w, str)}
    return frozenset(words)


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def split_sentences(text: str, lang: str) -> list[Sent]:
    """Sentences that never cross a line break; a line is a paragraph in kilde's article text."""
    abbrev = abbreviations(lang)
    sents: list[Sent] = []
    pos = 0
    for line in text.split("\n"):
        toks = tokenize(line, pos)
        begin = 0
        first = True
        for k, tok in enumerate(toks):
            cut = False
            if tok.text in END_MARKS and k + 1 < len(toks) and toks[k + 1].start > tok.end:
                prev = toks[k - 1].low if k else ""
                nxt = toks[k + 1]
                initial = len(prev) == 1 and prev.isalpha() and toks[k - 1].cap
                if prev in abbrev or initial or prev.isdigit() and nxt.text[:1].isdigit():
                    cut = False
                elif nxt.cap or nxt.text in DASHES or nxt.text in OPEN_QUOTES:
                    cut = True
            if not cut and k - begin + 1 >= MAX_SENTENCE_TOKENS:
                cut = True
            if cut:
                chunk = toks[begin:k + 1]
                sents.append(Sent(len(sents), chunk[0].start, chunk[-1].end, chunk, first))
                first = False
                begin = k + 1
        if begin < len(toks):
            chunk = toks[begin:]
            sents.append(Sent(len(sents), chunk[0].start, chunk[-1].end, chunk, first))
        pos += len(line) + 1
    return sents


# ---------------------------------------------------------------- phrase matching


SLOT_RE = re.compile(r"\{[A-Z]+\}")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase of a data file as lowercase tokens; slots such as ``{X}`` and ``{PART}`` stay whole."""
    out: list[str] = []
    for part in re.split(r"(\{[A-Z]+\})", phrase):
        if SLOT_RE.fullmatch(part):
            out.append(part)
        else:
            out.extend(t.lower() for t in TOKEN_RE.findall(part))
    return tuple(out)


def _is_participle(tok: Tok, hedges: dict) -> bool:
    low = tok.low
    if low in hedges["participles"]:
        return True
    return len(low) > 3 and any(low.endswith(e) for e in hedges["participle_endings"])


def match_pattern(toks: list[Tok], i: int, pattern: tuple[str, ...], hedges: dict | None = None) -> int:
    """Length in tokens of ``pattern`` matched at ``toks[i]`` (0 if none).

    ``{X}`` takes one to four tokens (a source), ``{PART}`` one past participle,
    ``{OUTLET}`` one to four tokens.
    """
    n = len(toks)

    def go(j: int, p: int) -> int:
        if p == len(pattern):
            return j
        if j >= n:
            return -1
        part = pattern[p]
        if part in ("{X}", "{OUTLET}"):
            for width in range(1, 5):
                if j + width > n:
                    break
                if any(t.text in END_MARKS or t.text == "," for t in toks[j:j + width]):
                    break
                end = go(j + width, p + 1)
                if end >= 0:
                    return end
            return -1
        if part == "{PART}":
            if hedges is not None and _is_participle(toks[j], hedges):
                return go(j + 1, p + 1)
            return -1
        if toks[j].low == part:
            return go(j + 1, p + 1)
        return -1

    end = go(i, 0)
    return end - i if end > i else 0


@lru_cache(maxsize=8)
def hedge_data(lang: str) -> dict:
    data = load_data(lang, "hedges") or {}
    return {
        "words": frozenset(w.lower() for w in data.get("words", [])),
        "phrases": tuple(phrase_tokens(p) for p in data.get("phrases", [])),
        "participles": frozenset(w.lower() for w in data.get("participles", [])),
        "participle_endings": tuple(data.get("participle_endings", [])),
    }


@lru_cache(maxsize=8)
def verification_data(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    data = load_data(lang, "verification") or {}
    return {key: tuple(phrase_tokens(p) for p in data.get(key) or []) for key in ("unconfirmed", "confirmed", "denied")}


def find_hedge(toks: list[Tok], lang: str, text: str) -> str | None:
    """The first hedge marker in ``toks`` as written ("skal ha sprengt", "angivelig"), or None."""
    hedges = hedge_data(lang)
    for i, tok in enumerate(toks):
        if tok.low in hedges["words"]:
            return tok.text
        for pattern in hedges["phrases"]:
            if pattern and pattern[0] == tok.low:
                width = match_pattern(toks, i, pattern, hedges)
                if width:
                    return text[tok.start:toks[i + width - 1].end]
    return None


def find_verification(toks: list[Tok], lang: str) -> str | None:
    """``unconfirmed``/``confirmed``/``denied`` if a phrase of verification.yaml occurs in ``toks``."""
    data = verification_data(lang)
    for kind in ("unconfirmed", "denied", "confirmed"):
        for pattern in data[kind]:
            for i, tok in enumerate(toks):
                if pattern and tok.low == pattern[0] and match_pattern(toks, i, pattern):
                    return kind
    return None


def quote_close(toks: list[Tok], start: int) -> int | None:
    """Index of the mark closing the quote opened at ``toks[start]`` within ``toks``, or None."""
    opener = toks[start].text
    closers = {"»"} if opener == "«" else {"›"} if opener == "‹" else CLOSE_QUOTES
    depth = 0
    for k in range(start + 1, len(toks)):
        text = toks[k].text
        if opener in ("«", "‹") and text == opener:
            depth += 1  # « ... « Mein Kampf » ... »: a title quoted inside the quote
        elif text in closers:
            if depth == 0:
                return k
            depth -= 1
    if opener in ("«", "‹"):  # «...» closed with a straight quote: sloppy, but common
        for k in range(start + 1, len(toks)):
            if toks[k].text in CLOSE_QUOTES - {"»", "›"}:
                return k
    return None
