"""Language detection: nb, nn, en or other, with lingua (it tells Bokmål from Nynorsk)."""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from kilde.lang import load_data

_CANDIDATES = [
    Language.BOKMAL, Language.NYNORSK, Language.ENGLISH, Language.DANISH, Language.SWEDISH,
    Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.DUTCH, Language.ARABIC, Language.RUSSIAN,
]
_CODES = {Language.BOKMAL: "nb", Language.NYNORSK: "nn", Language.ENGLISH: "en"}


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


def detect_language(text: str) -> str:
    sample = text[:5000]
    if not any(ch.isalpha() for ch in sample):
        return "other"
    found = _detector().detect_language_of(sample)
    code = _CODES.get(found, "other") if found is not None else "other"
    if code in ("nb", "nn"):
        code = _norwegian_variety(sample, code)
    return code


@lru_cache(maxsize=1)
def _markers() -> tuple[frozenset[str], frozenset[str]]:
    nb = set(load_data("nb", "variety_markers")["words"])
    nn = set(load_data("nn", "variety_markers")["words"])
    return frozenset(nb - nn), frozenset(nn - nb)


def _norwegian_variety(text: str, guess: str) -> str:
    """Settle Bokmål vs Nynorsk by marker words where they clearly disagree with the detector."""
    nb_words, nn_words = _markers()
    words = re.findall(r"[a-zæøåàòé]+", text.lower())
    nb = sum(w in nb_words for w in words)
    nn = sum(w in nn_words for w in words)
    if guess == "nb" and nn >= 2 and nn > 2 * nb:
        return "nn"
    if guess == "nn" and nb >= 2 and nb > 2 * nn:
        return "nb"
    return guess
