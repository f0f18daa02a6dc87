"""Times: temporal expressions resolved against the publication date and its precision."""

from __future__ import annotations

from datetime import datetime

import pytest

from kilde.extract.times import extract_times, find_times
from kilde.model import Article, ExtractionResult

SUNDAY = datetime(2016, 12, 11, 14, 30)  # a Sunday afternoon


def one(text: str, published: datetime | None = SUNDAY, precision: str | None = "minute", lang: str = "nb"):
    spans = find_times(text, lang, published, precision)
    assert len(spans) == 1, spans
    return spans[0]


def interval(span) -> tuple[str | None, str | None]:
    return (span.start.isoformat(timespec="minutes") if span.start else None,
            span.end.isoformat(timespec="minutes") if span.end else None)


@pytest.mark.parametrize("text,start,end,precision", [
    ("Angrepet kom søndag formiddag .", "2016-12-11T09:00", "2016-12-11T12:00", "part_of_day"),
    ("Mandag morgen var alt stille .", "2016-12-05T06:00", "2016-12-05T10:00", "part_of_day"),
    ("Det smalt i morges .", "2016-12-11T06:00", "2016-12-11T10:00", "part_of_day"),
    ("To ble drept i natt .", "2016-12-11T00:00", "2016-12-11T06:00", "part_of_day"),
    ("Det smalt natt til søndag .", "2016-12-11T00:00", "2016-12-11T06:00", "part_of_day"),
    ("Det blir møte i kveld .", "2016-12-11T18:00", "2016-12-12T00:00", "part_of_day"),
    ("Han kom lørdag .", "2016-12-10T00:00", "2016-12-11T00:00", "day"),
    ("Han kom i går .", "2016-12-10T00:00", "2016-12-11T00:00", "day"),
    ("Han kom i forgårs .", "2016-12-09T00:00", "2016-12-10T00:00", "day"),
    ("Han kom forrige uke .", "2016-11-28T00:00", "2016-12-05T00:00", "week"),
    ("Han kom i fjor .", "2015-01-01T00:00", "2016-01-01T00:00", "year"),
    ("Han kom for to dager siden .", "2016-12-09T00:00", "2016-12-10T00:00", "day"),
    ("Han kommer neste måned .", "2017-01-01T00:00", "2017-02-01T00:00", "month"),
    ("Det skjedde 11. desember 2016 .", "2016-12-11T00:00", "2016-12-12T00:00", "day"),
    ("Han kommer tirsdag 13. desember .", "2016-12-13T00:00", "2016-12-14T00:00", "day"),
    ("Det skjedde i mars 2016 .", "2016-03-01T00:00", "2016-04-01T00:00", "month"),
    ("Møtet starter kl. 14.30 .", "2016-12-11T14:30", "2016-12-11T14:31", "minute"),
    ("Møtet starter klokken 14 .", "2016-12-11T14:00", "2016-12-11T14:01", "minute"),
    ("Det var mye vold på 1990-tallet .", "1990-01-01T00:00", "2000-01-01T00:00", "decade"),
])
def test_the_issue_examples_resolve_against_a_sunday(text, start, end, precision):
    span = one(text)
    assert interval(span) == (start, end)
    assert span.precision == precision
    assert span.uncertain is False
    assert span.text in text


@pytest.mark.parametrize("text,start,end", [
    ("Tidligere i uka ble to drept .", "2016-12-05T00:00", "2016-12-12T00:00"),
    ("For to timer siden smalt det .", "2016-12-11T12:00", "2016-12-11T13:00"),
    ("De siste 24 timene er 30 drept .", "2016-12-10T14:30", "2016-12-11T14:30"),
    ("Han har vært der siden mars .", "2016-03-01T00:00", "2016-12-12T00:00"),
])
def test_more_relative_expressions(text, start, end):
    assert interval(one(text)) == (start, end)


def test_a_weekday_with_a_clock_time_is_one_expression():
    span = one("Gutten ble født klokken 10.45 lørdag formiddag .")
    assert span.text == "klokken 10.45 lørdag formiddag"
    assert interval(span) == ("2016-12-10T10:45", "2016-12-10T10:46")


def test_present_tense_puts_a_weekday_ahead_and_past_tense_behind():
    ahead, behind = find_times("Torsdag diskuterer EU saken . Torsdag vedtok EU saken .", "nb",
                               datetime(2008, 12, 9), "day")
    assert ahead.start == datetime(2008, 12, 11)
    assert behind.start == datetime(2008, 12, 4)


@pytest.mark.parametrize("text,start,end", [
    ("Festivalen skal vare fra mandag til onsdag .", datetime(2016, 12, 12), datetime(2016, 12, 15)),
    ("Han var her fra 2005 til 2008 .", datetime(2005, 1, 1), datetime(2009, 1, 1)),
    ("Han har bodd der siden 1986 .", datetime(1986, 1, 1), datetime(2016, 12, 12)),
    ("De siste fire årene har han leid .", datetime(2012, 12, 11), datetime(2016, 12, 12)),
])
def test_ranges_run_from_the_first_start_to_the_last_end(text, start, end):
    span = one(text)
    assert span.kind == "range"
    assert (span.start, span.end) == (start, end)


def test_a_duration_is_not_a_point():
    span = one("Kampene varte i tre dager .")
    assert span.kind == "duration"
    assert span.duration_days == 3
    assert span.start is None and span.end is None


@pytest.mark.parametrize("text,first,last", [
    ("Byen ble grunnlagt på 1800-tallet før Kristus .", -1899, -1800),
    ("Kirken er fra det tredje århundre etter Kristus .", 200, 299),
    ("Cæsar ble drept 15. mars 44 f. Kr. .", -44, -44),
])
def test_historical_expressions_carry_years_and_bc_has_no_datetime(text, first, last):
    span = one(text)
    assert (span.start_year, span.end_year) == (first, last)
    if first < 0:
        assert span.start is None and span.end is None
    else:
        assert span.start == datetime(first, 1, 1)


def test_month_precision_keeps_a_weekday_wide_and_uncertain():
    # "date 2016-12": the Sunday is one in or just before December 2016, not the 1st.
    span = one("Angrepet skjedde søndag .", datetime(2016, 12, 1), "month")
    assert span.uncertain is True
    assert span.start == datetime(2016, 11, 27)
    assert span.end == datetime(2016, 12, 26)
    assert span.start != datetime(2016, 12, 1)


def test_month_precision_leaves_absolute_and_year_level_expressions_certain():
    spans = find_times("Det skjedde 13. desember . Det var i fjor også .", "nb", datetime(2016, 12, 1), "month")
    assert [(s.start, s.uncertain) for s in spans] == [(datetime(2016, 12, 13), False),
                                                       (datetime(2015, 1, 1), False)]


def test_without_a_publication_date_relative_expressions_stay_open():
    relative, absolute = find_times("Han kom i går , og 11. desember 2016 dro han .", "nb", None, None)
    assert (relative.start, relative.end, relative.anchor, relative.uncertain) == (None, None, None, True)
    assert absolute.start == datetime(2016, 12, 11) and absolute.anchor == "absolute"


def test_nynorsk_and_bokmal_share_one_path():
    spans = find_times("Laurdag kom dei , og måndag kveld reiste dei . I førre veke var det rolig .", "nn",
                       datetime(2009, 6, 23), "day")
    assert [(s.text, s.start) for s in spans] == [
        ("Laurdag", datetime(2009, 6, 20)),
        ("måndag kveld", datetime(2009, 6, 22, 18)),
        ("I førre veke", datetime(2009, 6, 15)),
    ]


def test_english_uses_the_same_code_path():
    spans = find_times("Two days ago , on 11 December 2016 , they met .", "en", datetime(2016, 12, 15), "day")
    assert [s.start for s in spans] == [datetime(2016, 12, 13), datetime(2016, 12, 11)]


def test_possessive_vaar_is_not_spring():
    assert find_times("I vår region er det rolig .", "nb", SUNDAY, "minute") == []


def test_bad_input_does_not_crash():
    future = find_times("I går kom han .", "nb", datetime(2091, 5, 1), "day")
    assert future[0].start == datetime(2091, 4, 30)
    long_quote = "« " + " ".join(["Han sa at det skjedde søndag og at de kom i går"] * 600)
    article = Article(text=long_quote, language="nb", published=SUNDAY, published_precision="minute")
    spans = extract_times(None, article, ExtractionResult(article=article))  # type: ignore[arg-type]
    assert len(spans) == 1200
    assert all(0 <= s.start_char < s.end_char <= len(long_quote) for s in spans)
    assert find_times("   ", "nb", SUNDAY, "minute") == []


def test_offsets_point_into_the_article_text():
    text = "Overskrift\nKongen kom lørdag kveld .\nI dag reiser han ."
    for span in find_times(text, "nb", SUNDAY, "minute"):
        assert text[span.start_char:span.end_char] == span.text


def test_gold_set_is_large_enough_and_scores():
    from conftest import shared_articles

    from kilde.evaluation.times import load_gold, score

    shared_articles()  # skips without ../shared
    gold = load_gold()
    assert len(gold) >= 200
    assert {g["split"] for g in gold} == {"train", "dev", "dev2"}
    assert sum(g["split"] != "train" for g in gold) >= len(gold) / 3  # a third held out
    results = score(gold)
    assert results["all"]["accuracy"] >= 0.9
    assert results["held-out 2 (annotated last)"]["accuracy"] >= 0.85


@pytest.mark.parametrize("text,lang,day", [
    # A modal with a perfect infinitive reports a past act; the weekday lies behind a Saturday's publication.
    ("Russiske soldater skal ha trukket seg tilbake fra landsbyene onsdag .", "nb", 11),
    ("Soldatane skal ha drepe fleire menneske onsdag .", "nn", 11),
    ("The rebels may have seized the town on Wednesday .", "en", 11),
    # A plan with 'skal ha' + noun still lies ahead.
    ("Styret skal ha møte onsdag .", "nb", 18),
])
def test_a_modal_perfect_puts_a_weekday_behind(text, lang, day):
    (span,) = find_times(text, lang, datetime(2022, 5, 14), "day")
    assert span.start == datetime(2022, 5, day)


@pytest.mark.parametrize("text,lang,start", [
    ("Minst 15 soldater har falt det siste døgnet .", "nb", datetime(2023, 6, 14)),
    ("Mange er drept den siste måneden .", "nb", datetime(2023, 5, 15)),
    ("Fleire er drepne den siste veka .", "nn", datetime(2023, 6, 8)),
    ("Over 100 people died over the past week .", "en", datetime(2023, 6, 8)),
])
def test_the_last_unit_is_a_range_up_to_publication(text, lang, start):
    (span,) = find_times(text, lang, datetime(2023, 6, 15), "day")
    assert span.kind == "range" and span.start == start and span.end == datetime(2023, 6, 16)


@pytest.mark.parametrize("text,lang", [("Han er den siste dagen i jobben .", "nb"),
                                       ("Mange er drept de siste dagene .", "nb")])
def test_a_last_day_or_a_few_days_is_no_range(text, lang):
    assert find_times(text, lang, datetime(2023, 6, 15), "day") == []


def test_the_tense_of_the_expression_s_own_clause_decides_the_weekday():
    import kilde

    text = "Hæren skal ha svart med luftåtak mot RSF-stillingar i Nyala laurdag, men dette er ikkje stadfesta."
    [time] = kilde.extract(text, published="2023-11-05", language="nn").times
    assert (time.start.date().isoformat(), time.end.date().isoformat()) == ("2023-11-04", "2023-11-05")
