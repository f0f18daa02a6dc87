"""Per-language linguistic data (YAML, one concept a file): kilde/lang/<lang>/<name>.yaml.

Linguists extend these files without touching Python. Nynorsk falls back to
Bokmål for concepts it has no file for.
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
