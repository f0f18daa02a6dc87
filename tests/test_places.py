"""Places: toponyms found in Norwegian text and resolved offline, with the article as context."""

from __future__ import annotations

import pytest

from kilde.extract.places import extract_places
from kilde.model import Article, ExtractionResult, Mention, Place


def places(text: str, lang: str = "nb", mentions: list[Mention] | None = None) -> dict[str, Place]:
    article = Article(text=text, language=lang)
    result = ExtractionResult(article=article, mentions=mentions or [])
    found = extract_places(None, article, result)  # type: ignore[arg-type]
    for place in found:
        assert text[place.start_char:place.end_char] == place.text
    return {p.text: p for p in found}


def test_palmyra_in_an_article_about_syria_is_tadmur():
    found = places("IS-krigere har tatt kontroll over Palmyra .\nKampene i Syria fortsetter , og regimet "
                   "sender forsterkninger fra Damaskus .")
    assert found["Palmyra"].name == "Tadmur" and found["Palmyra"].country == "SY"
    assert found["Palmyra"].geonames_id == 163808
    assert found["Palmyra"].precision == "exact" and found["Palmyra"].geo_precision == 1


def test_palmyra_in_an_article_about_new_york_is_palmyra_ny():
    found = places("En brann har ødelagt et kjøpesenter i Palmyra .\nBrannvesenet i New York sier at "
                   "ingen ble skadet . Bygningen ligger i delstaten New York .")
    assert found["Palmyra"].country == "US" and found["Palmyra"].admin1 == "NY"


def test_norwegian_country_name():
    found = places("Regjeringen i Tyrkia stenger grensen .")
    assert found["Tyrkia"].country == "TR"
    assert found["Tyrkia"].precision == "country" and found["Tyrkia"].geo_precision == 3


def test_gaza_strip_is_a_region_of_palestine():
    found = places("Israelske fly angrep mål på Gazastripen natt til søndag .")
    gaza = found["Gazastripen"]
    assert gaza.name == "Gaza Strip" and gaza.country == "PS"
    assert gaza.precision == "admin" and gaza.latitude is not None


def test_near_a_town_is_near():
    found = places("Flere sivile ble drept i kamper nær Homs lørdag .")
    assert found["Homs"].country == "SY"
    assert found["Homs"].precision == "near" and found["Homs"].geo_precision == 2


@pytest.mark.parametrize("marker", ["utenfor", "sør for", "ved"])
def test_other_near_markers(marker: str):
    found = places(f"En bilbombe eksploderte {marker} Aleppo i går .")
    assert found["Aleppo"].precision == "near"


def test_province_suffix_gives_the_admin_region():
    found = places("Guvernøren i Homs-provinsen bekrefter angrepet .")
    assert found["Homs-provinsen"].precision == "admin"
    assert found["Homs-provinsen"].country == "SY"


def test_larger_than_a_country_is_region():
    found = places("Uroen sprer seg i Midtøsten .")
    assert found["Midtøsten"].precision == "region" and found["Midtøsten"].country is None


def test_norwegian_towns_and_municipalities():
    found = places("Ulykka skjedde utanfor Førde i Sogn og Fjordane .\nVinje kommune ber om hjelp .", "nn")
    assert found["Førde"].country == "NO" and found["Førde"].precision == "near"
    assert found["Sogn og Fjordane"].precision == "admin"
    assert found["Vinje kommune"].name == "Vinje" and found["Vinje kommune"].precision == "admin"


def test_bergen_in_a_norwegian_article_is_bergen_norway():
    assert places("Han flyttet til Bergen i fjor .")["Bergen"].geonames_id == 3161732


def test_genitive_and_capitalised_marker():
    found = places("Norges statsminister reiste hjem .\nI Sverige er det valg .")
    assert found["Norges"].country == "NO"
    assert found["Sverige"].country == "SE"


def test_person_names_are_not_places():
    found = places("Statsminister Jens Stoltenberg møtte Kjell Magne Bondevik .\nSa Stoltenberg til NTB .")
    assert not found


def test_ner_mentions_are_used_and_gpe_org_is_less_certain():
    text = "Norge vil ikke stanse bombingen i Libya ."
    mentions = [Mention(start_char=0, end_char=5, text="Norge", label="GPE_ORG"),
                Mention(start_char=34, end_char=39, text="Libya", label="GPE_LOC")]
    found = places(text, mentions=mentions)
    assert found["Norge"].country == "NO" and found["Libya"].country == "LY"
    assert found["Norge"].score < found["Libya"].score


def test_ner_person_mention_blocks_a_pattern():
    text = "Kirsten Bergen sa at hun flytter til Oslo ."
    found = places(text, mentions=[Mention(start_char=0, end_char=14, text="Kirsten Bergen", label="PER")])
    assert "Bergen" not in found and found["Oslo"].country == "NO"


def test_unknown_names_and_empty_text_give_nothing():
    assert places("Vi reiste til Xyzzyville i fjor .") == {}
    assert places(" ") == {}


def test_gold_set_scores():
    """The annotated toponyms (tests/gold/places.jsonl) score above the targets with NER spans."""
    from conftest import shared_articles

    shared_articles()  # skips when ../shared is absent
    from kilde.evaluation.places import load_gold, score

    gold = load_gold()
    assert len({g["article"] for g in gold}) >= 40
    results = score(gold, "ner")
    assert results["all"]["place"] >= 0.90
    assert results["all"]["country"] >= 0.98


def test_place_nouns_mark_a_place():
    found = places("Soldatene ble sett i utkanten av hovedstaden Bamako .\nOldtidsbyen Palmyra er tatt .")
    assert found["Bamako"].country == "ML" and found["Bamako"].score >= 0.6


def test_with_ner_a_bare_country_still_counts_but_a_bare_town_does_not():
    text = "Statsministeren besøkte Bergen .\nSverige og Danmark protesterer ."
    found = places(text, mentions=[Mention(start_char=0, end_char=14, text="Statsministeren", label="MISC")])
    assert "Bergen" not in found  # no marker, and the NER (which ran) did not call it a place
    assert found["Sverige"].country == "SE" and found["Danmark"].country == "DK"


def test_long_article_without_end_marks_is_fast_and_does_not_crash():
    import time

    text = "Kampene nær Homs fortsetter " + "og de sier at " * 3000 + "i Aleppo"
    start = time.perf_counter()
    found = places(text)
    assert time.perf_counter() - start < 5
    assert found["Homs"].precision == "near" and found["Aleppo"].country == "SY"


def test_norwegian_transcriptions_find_the_english_gazetteer_form():
    found = places("Ukrainske styrker tok kontroll over landsbyen Rubizjne nordøst for Kharkiv .\n"
                   "Mange er drept i byen El Geneina i Vest-Darfur .")
    assert found["Rubizjne"].name == "Rubizhne" and found["Rubizjne"].country == "UA"
    assert found["Vest-Darfur"].country == "SD" and found["Vest-Darfur"].precision != "exact"


def test_a_landmark_written_as_a_common_noun_is_placed_in_its_town():
    from kilde.extract.places import extract_places
    from kilde.ingest.article import make_article
    from kilde.model import ExtractionResult
    from kilde.nlp import parse

    article = make_article("Han detonerte bomba ved regjeringskvartalet .", published="2011-07-25", language="nn")
    places = extract_places(parse(article.text, "nn"), article, ExtractionResult(article=article))
    assert [(p.text, p.name, p.country) for p in places] == [("regjeringskvartalet", "Oslo", "NO")]


def test_a_broken_ner_span_does_not_hide_the_longer_name_around_it():
    text = "Det opplyser Møre og Romsdal fylkeskommune på heimesida si ."
    start = text.index("Møre")
    broken = Mention(start_char=start, end_char=start + 7, text="Møre og", label="GPE_ORG")
    found = places(text, "nn", mentions=[broken])
    county = found["Møre og Romsdal fylkeskommune"]
    assert county.country == "NO" and county.precision == "admin"


def test_a_municipality_tagged_as_an_organisation_is_the_place_the_article_names():
    text = "Skulen i Seljord skal byggjast ut .\nSeljord har mindre pengar enn nabokommunane , seier ordføraren ."
    second = text.rindex("Seljord")
    mentions = [Mention(start_char=9, end_char=16, text="Seljord", label="GPE_LOC"),
                Mention(start_char=second, end_char=second + 7, text="Seljord", label="ORG")]
    article = Article(text=text, language="nn")
    found = {p.start_char: p for p in extract_places(None, article, ExtractionResult(article=article,
                                                                                    mentions=mentions))}
    assert found[second].country == "NO" and found[second].name == found[9].name == "Seljord"
    assert found[second].score < found[9].score


def test_an_organisation_not_named_as_a_place_stays_an_organisation():
    text = "Bergen Group har fått ein ny kontrakt ."
    found = places(text, "nn", mentions=[Mention(start_char=0, end_char=12, text="Bergen Group", label="ORG")])
    assert found == {}


def test_a_village_the_gazetteer_lacks_lies_in_the_articles_country():
    text = "Brannen i Skarvatnet i Seljord tok tre hus .\nBrannvesenet i Bø og Notodden rykte ut ."
    village = Mention(start_char=10, end_char=20, text="Skarvatnet", label="GPE_LOC")
    found = places(text, "nn", mentions=[village])
    assert found["Skarvatnet"].name == "Skarvatnet" and found["Skarvatnet"].country == "NO"
    assert found["Skarvatnet"].latitude is None and found["Skarvatnet"].geonames_id is None
    assert found["Skarvatnet"].precision == "exact"
    assert found["Skarvatnet"].score < found["Seljord"].score


def test_an_unknown_name_lies_in_the_home_country_when_it_leads_the_articles_places():
    text = ("Kondolansane kom frå Sverige , Danmark og Tyskland etter skytinga på Skarholmen .\n"
            "Ungdomane på Skarholmen var frå heile Noreg , og mange kom frå Bergen og Oslo .")
    first = text.index("Skarholmen")
    mentions = [Mention(start_char=first, end_char=first + 10, text="Skarholmen", label="LOC")]
    found = places(text, "nn", mentions=mentions)
    assert found["Skarholmen"].country == "NO"


def test_an_unknown_name_stays_out_where_no_country_dominates_or_it_is_a_person():
    text = "Dei møttest i Xyzzyville .\nSidan reiste dei til Sverige og til Danmark ."
    unknown = Mention(start_char=14, end_char=24, text="Xyzzyville", label="GPE_LOC")
    assert "Xyzzyville" not in places(text, "nn", mentions=[unknown])
    text = "Ola Xyzzy budde i Seljord .\nXyzzy flytta til Bø ."
    mentions = [Mention(start_char=0, end_char=9, text="Ola Xyzzy", label="PER"),
                Mention(start_char=28, end_char=33, text="Xyzzy", label="LOC")]
    assert "Xyzzy" not in places(text, "nn", mentions=mentions)


def test_a_us_county_is_an_admin_region_in_the_state_the_article_names():
    found = places("Skytingen skjedde i Monroe County i Michigan , opplyser politiet i Detroit .")
    county = found["Monroe County"]
    assert county.country == "US" and county.admin1 == "MI" and county.precision == "admin"


def test_a_compass_part_of_a_country_is_a_region_inside_it():
    found = places("Det kom nye kampar i Sør-Libanon i natt .\nFleire flykta frå Aust-Kongos grenseområde .", "nn")
    assert found["Sør-Libanon"].country == "LB" and found["Sør-Libanon"].precision == "admin"
    assert found["Sør-Libanon"].name == "Sør-Libanon" and found["Sør-Libanon"].latitude is None
    assert found["Aust-Kongos"].country == "CD"
    assert places("Soldatar vart sende til Vest-Darfur .", "nn")["Vest-Darfur"].name == "West Darfur"  # a real state


def test_a_big_citys_alternate_name_does_not_beat_a_bigger_city_of_that_name():
    found = places("Demonstrantar samla seg i Delhi laurdag .", "nn")
    assert found["Delhi"].country == "IN"


def test_a_municipality_that_is_no_town_is_placed_in_norway():
    found = places("Ordføraren i Ringsaker vil byggje ny skule .\nSkulen skal stå ved Mjøsa .", "nn")
    assert found["Ringsaker"].country == "NO" and found["Ringsaker"].precision == "admin"
    assert 60 < found["Ringsaker"].latitude < 62


def test_a_name_after_paa_that_the_gazetteer_lacks_is_a_norwegian_place():
    text = "Valkampen i USA er over .\nObama vann i Ohio og Florida , medan kona feira på Skarholmen ."
    at = text.index("Skarholmen")
    found = places(text, mentions=[Mention(start_char=at, end_char=at + 10, text="Skarholmen", label="LOC")])
    assert found["Skarholmen"].country == "NO" and found["Ohio"].country == "US"


def test_a_name_the_gazetteer_lacks_lies_in_the_place_named_after_it():
    text = "Valkampen i USA er over .\nKona feira på Skarholmen i Vestfold , og Obama vann i Ohio og Florida ."
    at = text.index("Skarholmen")
    found = places(text, mentions=[Mention(start_char=at, end_char=at + 10, text="Skarholmen", label="LOC")])
    assert found["Skarholmen"].country == "NO"
    text = "Kona feira på Skarholmen i Chicago .\nVi var i Bergen og Oslo ."
    found = places(text, mentions=[Mention(start_char=14, end_char=24, text="Skarholmen", label="LOC")])
    assert found["Skarholmen"].country == "US"


def test_a_norwegian_village_wins_over_a_swedish_town_of_its_name_in_a_norwegian_article():
    found = places("Brannen i Brevik tok to hus .\nBrannvesenet i Porsgrunn og Skien rykte ut .")
    assert found["Brevik"].country == "NO" and found["Brevik"].latitude is not None


def test_mentions_of_one_name_are_no_evidence_for_each_other():
    found = places("Brannen starta i Brevik natt til søndag .\nFolk i Brevik er sjokkerte , seier ordføraren .\n"
                   "Også i Oslo var det brann .", "nn")
    assert found["Brevik"].country == "NO"
