"""The hand-coded gold events (tests/gold/events*.jsonl) and the scores `kilde evaluate events` prints."""

from __future__ import annotations

from conftest import GOLD, shared_articles

from kilde.evaluation.events import evaluate, load_articles, load_gold, report
from kilde.events.ontology import is_sub_event
from kilde.ingest.jsonl import article_from_json


def test_gold_quotes_match_their_offsets():
    rows = load_gold([GOLD / "events.jsonl"])
    shared = shared_articles()
    assert len(rows) >= 30
    for row in rows:
        text = article_from_json(shared[row["article"]], row["article"], {}).text
        for event in row["events"]:
            assert text[event["start"] : event["end"]] == event["trigger"], (row["article"], event)
            assert is_sub_event(event["sub_event_type"])


def test_sample_gold_matches_the_samples():
    rows = load_gold([GOLD / "events_samples.jsonl"])
    articles = load_articles(rows)
    assert len(articles) == len(rows) == 20
    for row in rows:
        text = articles[row["article"]].text
        for event in row["events"]:
            assert text[event["start"] : event["end"]] == event["trigger"]


def test_sample_scores_stay_above_a_floor():
    # A regression guard, well under the measured figures (see `kilde evaluate events`).
    rows = load_gold([GOLD / "events_samples.jsonl"])
    scores = evaluate(rows, load_articles(rows))
    print(report(scores))
    precision, recall, f1 = scores["all"].prf()
    assert f1 >= 0.6
    assert scores["all"].background_current <= 2


def test_team_gold_matches_the_team_articles():
    rows = load_gold([GOLD / "events_team.jsonl"])
    articles = load_articles(rows)
    assert len(articles) == len(rows) >= 5
    for row in rows:
        text = articles[row["article"]].text
        for event in row["events"]:
            assert text[event["start"] : event["end"]] == event["trigger"]
            assert is_sub_event(event["sub_event_type"])


def test_a_gold_place_in_the_articles_language_matches_the_gazetteers_name():
    from kilde.evaluation.events import place_ok
    from kilde.model import Event, Place

    norway = Event(place=Place(start_char=0, end_char=5, text="Noreg", name="Norway", country="NO"))
    assert place_ok(norway, "Norge") and place_ok(norway, "Norway")
    assert not place_ok(norway, "Sverige")
