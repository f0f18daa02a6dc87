"""The record model: JSON round trips, ids, and the Python API."""

from __future__ import annotations

from datetime import datetime

import kilde
from kilde.model import Actor, Article, Claim, Event, ExtractionResult, Place, Span, TimeSpan


def test_every_record_round_trips_through_json():
    article = Article(text="IS angrep Palmyra søndag.", source="VG", published=datetime(2016, 12, 1),
                      published_precision="month", language="nb")
    event = Event(
        event_type="Battles", sub_event_type="Non-state actor overtakes territory", plover_category="ASSAULT",
        actor1=Actor(text="IS", start_char=0, end_char=2, canonical_id="Q2429253", canonical_name="Islamic State",
                     actor_type="Rebels"),
        place=Place(start_char=10, end_char=17, text="Palmyra", name="Tadmur", geonames_id=170592, country="SY"),
        time=TimeSpan(start_char=18, end_char=24, text="søndag", start=datetime(2016, 11, 27),
                      end=datetime(2017, 1, 1), precision="day", uncertain=True),
        evidence=[Span(start_char=0, end_char=25, text=article.text)],
    )
    claim = Claim(start_char=0, end_char=25, text=article.text, speaker="Talal Barazi",
                  relay=["Talal Barazi", "NTB", "VG"], hedged=True, hedge="skal ha")
    result = ExtractionResult(article=article, claims=[claim], events=[event])
    result.assign_ids()
    data = result.to_dict()
    assert data["events"][0]["id"] == f"{article.id}-e1" and data["claims"][0]["id"] == f"{article.id}-c1"
    assert data["events"][0]["article_id"] == article.id
    assert ExtractionResult.from_dict(data) == result


def test_article_label_follows_its_precision():
    when = datetime(2016, 12, 11, 14, 30)
    labels = [Article(text="x", published=when, published_precision=p).published_label
              for p in ("year", "month", "day", "minute")]
    assert labels == ["2016", "2016-12", "2016-12-11", "2016-12-11T14:30"]


def test_event_current_flag():
    assert Event().current
    assert not Event(historical=True).current and not Event(negated=True).current


def test_python_api_extracts_one_article():
    result = kilde.extract("Byen er nå under full kontroll av IS, sier Osama al-Khateb til VG.",
                           published="2016-12", source="VG")
    assert result.article.language == "nb" and result.article.published_precision == "month"
    for record in [*result.mentions, *result.places, *result.times, *result.quantities, *result.claims]:
        assert result.article.text[record.start_char:record.end_char] == record.text
