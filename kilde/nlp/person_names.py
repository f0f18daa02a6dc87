"""How common a word is as a first and as a last name, worldwide (``scripts/build_person_names.py``).

The entity typer asks it of a name's first and last word. Kept as sorted 32-bit hashes with one code each,
about 7 MB in memory, instead of 1.47 million strings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy
from spacy.strings import hash_string

OUT_PATH = Path(__file__).resolve().parents[1] / "data" / "person_names.npz"
BUCKET_NAMES = "-abc"  # not that kind of name, top 1,000, top 5,000, lower (best rank in any country)


def name_hash(word: str) -> int:
    return hash_string(word) & 0xFFFFFFFF


class PersonNames:
    def __init__(self, hashes: numpy.ndarray, codes: numpy.ndarray) -> None:
        self.hashes = hashes
        self.codes = codes

    def __len__(self) -> int:
        return len(self.hashes)

    def lookup(self, word: str) -> str | None:
        """Two letters for a lower-cased word, first-name bucket then last-name bucket ("a-", "-c", "bb"), or None."""
        key = numpy.uint32(name_hash(word))  # a Python int would make numpy cast the whole array on each call
        i = int(numpy.searchsorted(self.hashes, key))
        if i == len(self.hashes) or self.hashes[i] != key:
            return None
        code = int(self.codes[i])
        return BUCKET_NAMES[code >> 2] + BUCKET_NAMES[code & 3]


@lru_cache(maxsize=1)
def load_person_names(path: Path = OUT_PATH) -> PersonNames:
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: pip install names-dataset==3.3.1 && "
                                "python scripts/build_person_names.py")
    with numpy.load(path) as data:
        return PersonNames(data["hashes"], data["codes"])
