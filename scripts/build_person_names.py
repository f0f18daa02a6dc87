"""Build kilde/data/person_names.npz: how common a word is as a first name and as a last name, worldwide.

The entity typer reads it: a name the NER finds but no training sentence showed ("Etnestad", "Carlsten") is
more likely a person when people carry it. Source: the PyPI package ``names-dataset`` (3.3.1; 727,556 first
and 983,826 last names with their rank in each of 105 countries; Apache 2.0:
https://github.com/philipperemy/name-dataset). Needed only here, at build time (``pip install
names-dataset==3.3.1``). Only names ranked in some country are kept (1.47 million); each gets its best rank as
a first name and as a last name, in buckets: 1 = top 1,000, 2 = top 5,000, 3 = lower, 0 = not that kind of
name. To keep the file and the memory small, names are stored as the low 32 bits of spaCy's string hash of the
lower-cased name (sorted), with one code byte (first bucket * 4 + last bucket); a word not in the list
collides with one in it about once in 3,000.

Run: ``.venv/bin/python scripts/build_person_names.py``
"""

from __future__ import annotations

import gzip
import pickle
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kilde.nlp.person_names import OUT_PATH, name_hash  # noqa: E402

BUCKETS = ((1000, 1), (5000, 2))


def bucket(entry: dict) -> int:
    ranks = entry.get("rank") or {}
    if not ranks:
        return 0
    best = min(ranks.values())
    return next((b for limit, b in BUCKETS if best <= limit), 3)


def main() -> None:
    spec = find_spec("names_dataset")
    if spec is None or spec.origin is None:
        sys.exit("names-dataset is needed to build the list: pip install names-dataset==3.3.1")
    data = Path(spec.origin).parent / "v3"
    codes: dict[int, int] = {}
    for filename, shift in (("first_names.pkl.gz", 2), ("last_names.pkl.gz", 0)):
        with gzip.open(data / filename) as handle:
            names = pickle.load(handle)
        for name, entry in names.items():
            b = bucket(entry)
            if b:
                key = name_hash(name.lower())
                codes[key] = codes.get(key, 0) | (b << shift)
        del names
    keys = numpy.array(sorted(codes), dtype=numpy.uint32)
    values = numpy.array([codes[int(k)] for k in keys], dtype=numpy.uint8)
    numpy.savez_compressed(OUT_PATH, hashes=keys, codes=values)
    print(f"{OUT_PATH}: {len(keys)} names (names-dataset {version('names-dataset')}), "
          f"{OUT_PATH.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
