"""Quantities: counted amounts with bounds, the noun they count and whether they count the dead."""

from __future__ import annotations

from datetime import datetime

import pytest

from kilde.extract.numbers import parse_number
from kilde.extract.quantities import extract_quantities
from kilde.extract.times import extract_times
from kilde.model import Article, ExtractionResult


def quantities(text: str, lang: str = "nb"):
    article = Article(text=text, language=lang, published=datetime(2016, 12, 11), published_precision="day")
    result = ExtractionResult(article=article)
    result.times = extract_times(None, article, result)  # type: ignore[arg-type]
    return extract_quantities(None, article, result)  # type: ignore[arg-type]


def one(text: str, lang: str = "nb"):
    found = quantities(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("written,value", [
    ("4.000", 4000), ("4 000", 4000), ("tolv", 12), ("to hundre", 200), ("1,5 millioner", 1_500_000),
    ("et dusin", 12), ("tjuefem", 25), ("femogtjue", 25), ("tri", 3),
])
def test_numbers_as_norwegian_writes_them(written, value):
    assert parse_number(written, "nn") == value


@pytest.mark.parametrize("text,low,best,high,unit,approximator", [
    ("Mer enn 4.000 krigere deltok .", 4000, 4000, None, "krigere", "mer enn"),
    ("Minst 20 personer er savnet .", 20, 20, None, "personer", "minst"),
    ("Rundt 4 000 familier er på flukt .", None, 4000, None, "familier", "rundt"),
    ("Nesten to hundre sivile er arrestert .", None, 200, 200, "sivile", "nesten"),
    ("Opptil 1,5 millioner mennesker kan bli rammet .", None, 1_500_000, 1_500_000, "mennesker", "opptil"),
    ("Over 30 soldater ble såret .", 30, 30, None, "soldater", "over"),
    ("Flere hundre krigere plyndret byen .", 200, 200, 999, "krigere", "flere hundre"),
    ("Et dusin angrep ble registrert .", 12, 12, 12, "angrep", None),
    ("Mellom 40 og 50 familier flyktet .", 40, 40, 50, "familier", None),
    ("Tolv sivile ble såret .", 12, 12, 12, "sivile", None),
])
def test_approximators_set_the_bounds_and_the_noun_is_attached(text, low, best, high, unit, approximator):
    q = one(text)
    assert (q.low, q.best, q.high) == (low, best, high)
    assert q.unit == unit
    assert q.approximator == approximator
    assert text[q.unit_start_char:q.unit_end_char].lower() == unit
    assert q.fatalities is False


@pytest.mark.parametrize("text,best", [
    ("Minst 20 ble drept i angrepet .", 20),
    ("Dødstallet har steget til 35 .", 35),
    ("20 mennesker omkom i brannen .", 20),
    ("Angrepet kostet 20 drepte .", 20),
    ("Opprørerne drepte 12 soldater .", 12),
    ("16000 sivile er trolig drept i krigen .", 16000),
    ("Krigen har kostet 300 000 menneskeliv .", 300000),
])
def test_fatality_phrases_mark_fatalities(text, best):
    q = one(text)
    assert q.best == best
    assert q.fatalities is True


def test_the_wounded_are_not_the_dead():
    killed, wounded = quantities("Angrepet kostet 20 drepte og 45 sårede .")
    assert (killed.best, killed.fatalities) == (20, True)
    assert (wounded.best, wounded.unit, wounded.fatalities) == (45, "sårede", False)


def test_nynorsk_fatalities():
    q = one("Minst 17 menneske vart drepne i åtaket .", "nn")
    assert (q.low, q.best, q.high, q.unit, q.fatalities) == (17, 17, None, "menneske", True)


def test_years_dates_clock_times_and_ordinals_are_not_counts():
    assert quantities("I 2016 kom han 11. desember klokken 14.30 på 5. plass .") == []


def test_percentages_and_money_keep_their_unit_but_are_never_fatalities():
    pct, money = quantities("Dødstallet steg med 15 prosent , og regjeringen bevilget 4 millioner kroner .")
    assert (pct.best, pct.unit, pct.fatalities) == (15, "%", False)
    assert (money.best, money.unit, money.fatalities) == (4_000_000, "kroner", False)


def test_ages_and_durations_are_left_to_the_times_stage():
    assert quantities("Mannen ( 60 ) er 26 år gammel og satt fengslet i tre år .") == []


def test_english_uses_the_same_code_path():
    q = one("At least 20 civilians were killed .", "en")
    assert (q.low, q.best, q.high, q.unit, q.fatalities) == (20, 20, None, "civilians", True)


def test_bad_input_does_not_crash():
    assert quantities("   ") == []
    long_text = "« " + " ".join(["minst 20 ble drept og 4 000 familier flyktet"] * 500)
    found = quantities(long_text)
    assert len(found) == 1000
    assert all(0 <= q.start_char < q.end_char <= len(long_text) for q in found)


def test_gold_set_scores():
    from conftest import shared_articles

    from kilde.evaluation.quantities import GOLD, SENTENCES, load, score

    shared_articles()  # skips without ../shared
    gold = load(GOLD)
    assert len(gold) >= 60
    results = score(gold, load(SENTENCES))
    assert results["all"]["accuracy"] >= 0.85
