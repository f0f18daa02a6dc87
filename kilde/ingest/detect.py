"""Language detection: nb, nn, en or other, with lingua (it tells Bokmål from Nynorsk)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

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
    return _CODES.get(found, "other") if found is not None else "other"
