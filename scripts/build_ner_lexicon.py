"""Build kilde/data/ner_lexicon.tsv.gz: the name lists the NER model reads as features.

Sources (no network): kilde's own gazetteer (GeoNames places, CLDR country and region
names, ISO subdivisions; see build_gazetteer.py) and Faker's person-name lists for
every Latin-script locale it ships. One line per lower-cased name: ``name<TAB>categories``
where categories are letters from ``kilde.nlp.lexicon_features.CATEGORIES``.

Faker is needed only here, at build time: ``pip install faker``.
Run: ``.venv/bin/python scripts/build_ner_lexicon.py``
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "kilde" / "data" / "gazetteer" / "gazetteer.tsv.gz"
OUT = ROOT / "kilde" / "data" / "ner_lexicon.tsv.gz"

# GeoNames feature code -> lexicon category (see kilde.nlp.lexicon_features).
PLACE_CATEGORY = {"PCLI": "c", "ADM1": "a", "PPL": "p", "PPLC": "p", "RGN": "r", "CONT": "r"}
BIG_CITY = 100_000


def _latin(name: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or not ch.isalpha() for ch in name)


def place_names(lexicon: dict[str, set[str]]) -> None:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            category = PLACE_CATEGORY.get(fields[7])
            if category is None:
                continue
            population = int(fields[6] or 0)
            names = [fields[1], *filter(None, fields[8].split("|"))]
            for name in names:
                if not _latin(name) or len(name) < 2:
                    continue
                key = name.lower()
                lexicon[key].add(category)
                if category == "p" and population >= BIG_CITY:
                    lexicon[key].add("b")


def person_names(lexicon: dict[str, set[str]]) -> None:
    import faker.providers.person as person

    for info in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        for attr, category in (("first_names", "f"), ("last_names", "l")):
            names = getattr(provider, attr, ())
            if not isinstance(names, (list, tuple, dict)):
                continue
            for name in names:
                if isinstance(name, str) and _latin(name) and len(name) >= 2 and " " not in name:
                    lexicon[name.lower()].add(category)


def main() -> None:
    lexicon: dict[str, set[str]] = defaultdict(set)
    place_names(lexicon)
    try:
        person_names(lexicon)
    except ImportError:
        sys.exit("faker is needed to build the lexicon: pip install faker")
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        for name in sorted(lexicon):
            handle.write(f"{name}\t{''.join(sorted(lexicon[name]))}\n")
    counts: dict[str, int] = defaultdict(int)
    for categories in lexicon.values():
        for category in categories:
            counts[category] += 1
    print(f"{OUT}: {len(lexicon)} names, {dict(sorted(counts.items()))}, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
