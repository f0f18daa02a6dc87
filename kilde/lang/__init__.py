"""Per-language linguistic data (YAML, one concept a file): kilde/lang/<lang>/<name>.yaml.

Linguists extend these files without touching Python. Nynorsk falls back to
Bokmål for concepts it has no file for. function_words.yaml (the event rules'
prepositions, auxiliaries, pronouns, ...) is read as one union over nb, nn and en.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
FALLBACK = {"nn": "nb", "other": "en"}


def data_path(lang: str, name: str) -> Path | None:
    while lang:
        path = LANG_DIR / lang / f"{name}.yaml"
        if path.exists():
            return path
        lang = FALLBACK.get(lang, "")
    return None


@lru_cache(maxsize=256)
def load_data(lang: str, name: str) -> Any:
    """The parsed YAML of ``<lang>/<name>.yaml`` (falling back nn -> nb); None if there is none."""
    path = data_path(lang, name)
    if path is None:
        return None
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


FUNCTION_WORD_LANGS = ("nb", "nn", "en")


@lru_cache(maxsize=len(FUNCTION_WORD_LANGS))
def _function_word_file(lang: str) -> dict[str, Any]:
    """One language's function_words.yaml, parsed once for all the keys read from it."""
    return load_data(lang, "function_words") or {}


@lru_cache(maxsize=64)
def function_words_ordered(key: str) -> tuple[str, ...]:
    """One key of ``<lang>/function_words.yaml`` over nb, nn and en together, in file order without repeats.

    The event rules use the union whatever the article's language (a Bokmål article quotes Nynorsk and English).
    A key that no file has is a typo in the code: KeyError."""
    words: dict[str, None] = {}
    found = False
    for lang in FUNCTION_WORD_LANGS:
        data = _function_word_file(lang)
        if key not in data:
            continue
        found = True
        for word in data[key] or []:
            if not isinstance(word, str):  # an unquoted YAML keyword: "no" reads as False, "on" as True
                raise ValueError(f"{lang}/function_words.yaml: {key}: {word!r} is no string; quote it")
            words[word.lower()] = None
    if not found:
        raise KeyError(f"no function_words.yaml has the key {key!r}")
    return tuple(words)


@lru_cache(maxsize=64)
def function_words(key: str) -> frozenset[str]:
    """One key of ``<lang>/function_words.yaml`` over nb, nn and en together, as a set."""
    return frozenset(function_words_ordered(key))
