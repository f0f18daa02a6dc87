"""The SQLite store: idempotent ingest, transactional writes, resumable processing, search and filters."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from kilde.ingest import make_article
from kilde.model import Actor, Claim, Event, ExtractionResult, MergedEvent, Place, Span, TimeSpan
from kilde.operations import ingest_articles, process_store
from kilde.store import EventFilter, open_store
from kilde.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int, source: str = "NTB"):
    return [make_article(f"Melding nummer {i}: opprørerne angrep en kontrollpost nord for Homs.",
                         published="2016-12-11", source=source, language="nb") for i in range(n)]


def coded_result(article, sub_type="Armed clash", historical=False, verification="unstated") -> ExtractionResult:
    claim = Claim(start_char=0, end_char=10, text=article.text[:10], speaker="Talal Barazi",
                  relay=["Talal Barazi", "NTB", "VG"], verification=verification)
    event = Event(
        event_type="Battles", sub_event_type=sub_type, plover_category="ASSAULT",
        actor1=Actor(text="opprørerne", canonical_name="Syrian rebels", actor_type="Rebels"),
        place=Place(start_char=0, end_char=4, text="Homs", name="Homs", country="SY", latitude=34.73,
                    longitude=36.71),
        time=TimeSpan(start_char=0, end_char=1, text="søndag", start=datetime(2016, 12, 11),
                      end=datetime(2016, 12, 12), precision="day"),
        historical=historical, evidence=[Span(start_char=0, end_char=len(article.text), text=article.text)],
    )
    result = ExtractionResult(article=article, claims=[claim], events=[event])
    result.assign_ids()
    event.claim_ids = [claim.id]
    return result


def test_reingesting_the_same_article_is_a_no_op(db_path):
    with open_store(db_path) as store:
        first = store.add_articles(articles(3))
        again = store.add_articles(articles(3))
        assert (first.added, first.duplicates) == (3, 0)
        assert (again.added, again.duplicates) == (0, 3)
        assert store.summary()["articles"] == 3


def test_schema_is_versioned_and_foreign_keys_are_on(db_path):
    with open_store(db_path) as store:
        assert store.schema_version >= 1
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("INSERT INTO events (id, article_id, data) VALUES ('x', 'missing', '{}')")


def test_a_failing_batch_leaves_the_store_unchanged(db_path):
    good = articles(2)
    with open_store(db_path) as store:
        store.add_articles(good)
        broken = [*articles(5, source="VG"), "not an article"]
        with pytest.raises(AttributeError):
            store.add_articles(broken)  # fails on the last item, after five inserts
        assert store.summary()["articles"] == 2


def test_results_replace_earlier_results_of_the_same_article(db_path):
    [article] = articles(1)
    with open_store(db_path) as store:
        store.add_articles([article])
        store.save_results([coded_result(article)], "1")
        store.save_results([coded_result(article, "Government regains territory")], "1")
        events = store.list_events(EventFilter())
        assert [e.sub_event_type for e in events] == ["Government regains territory"]
        assert store.count_unprocessed() == 0


def test_saving_a_result_for_an_unknown_article_writes_nothing(db_path):
    known, unknown = articles(2)
    with open_store(db_path) as store:
        store.add_articles([known])
        with pytest.raises(KeyError):
            store.save_results([coded_result(known), coded_result(unknown)], "1")
        assert store.summary()["events"] == 0 and store.count_unprocessed() == 1


def test_event_filters(db_path):
    current, history, unverified = articles(3)
    with open_store(db_path) as store:
        store.add_articles([current, history, unverified])
        store.save_results([coded_result(current), coded_result(history, historical=True),
                            coded_result(unverified, verification="unconfirmed")], "1")
        assert store.count_events(EventFilter()) == 2
        assert store.count_events(EventFilter(include_historical=True)) == 3
        assert store.count_events(EventFilter(verified_only=True)) == 1
        assert store.count_events(EventFilter(actor="rebels")) == 2
        assert store.count_events(EventFilter(place="hom")) == 2
        assert store.count_events(EventFilter(event_type="battles", sub_event_type="armed clash")) == 2
        assert store.count_events(EventFilter(since=date(2016, 12, 12))) == 0
        assert store.count_events(EventFilter(until=date(2016, 12, 11))) == 2
        assert store.count_events(EventFilter(bbox=(36.0, 34.0, 37.0, 35.0))) == 2
        assert store.count_events(EventFilter(bbox=(10.0, 59.0, 11.0, 60.0))) == 0
        assert store.count_events(EventFilter(text="kontrollpost")) == 2
        # Filter values are data, never SQL.
        assert store.count_events(EventFilter(actor="'; DROP TABLE events; --")) == 0
        assert store.count_events(EventFilter(text='" OR 1=1 NEAR(')) == 0
        assert store.count_events(EventFilter(place="%")) == 0
        assert store.summary()["events"] == 3


def test_full_text_search_marks_the_match(db_path):
    with open_store(db_path) as store:
        store.add_articles([make_article("Regjeringsstyrkene gjenerobret Palmyra søndag.", published="2017-03",
                                         source="VG", language="nb")])
        [(article, snippet)] = store.search_articles("palmyra")
        assert "[Palmyra]" in snippet and article.source == "VG"
        assert store.search_articles("Aleppo") == []


def test_merged_events_round_trip(db_path):
    a, b = articles(2)
    with open_store(db_path) as store:
        store.add_articles([a, b])
        ra, rb = coded_result(a), coded_result(b)
        store.save_results([ra, rb], "1")
        merged = MergedEvent(id="m1", event=ra.events[0], report_ids=[ra.events[0].id, rb.events[0].id],
                             article_ids=[a.id, b.id], sources=["NTB"], corroboration=1)
        assert store.replace_merged_events([merged]) == 1
        assert store.merged_event_for(rb.events[0].id).report_ids == merged.report_ids
        assert len(store.list_merged_events(EventFilter())) == 1
        assert store.summary()["merged_events"] == 1


CRASHING_INGEST = textwrap.dedent("""
    import sys, time
    from kilde.ingest import make_article
    from kilde.store import open_store
    store = open_store(sys.argv[1])
    def slow():
        for i in range(int(sys.argv[2]), int(sys.argv[3])):
            yield make_article(f"Melding {i} om kamper ved Homs.", published="2016-12-11", source="NTB",
                               language="nb")
            print(i, flush=True)
            time.sleep(0.01)
    store.add_articles(slow())   # one transaction for the whole batch
""")


def test_kill_during_ingest_leaves_no_half_written_batch(db_path):
    with open_store(db_path) as store:
        store.add_articles(make_article(f"Melding {i} om kamper ved Homs.", published="2016-12-11", source="NTB",
                                        language="nb") for i in range(10))
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_INGEST, str(db_path), "10", "1000"],
                            stdout=subprocess.PIPE, text=True)
    for _ in range(50):  # wait until the batch is well under way, then kill -9
        proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db_path) as store:
        assert store.summary()["articles"] == 10  # the killed batch is not there at all
        report = ingest_articles(store, (make_article(f"Melding {i} om kamper ved Homs.", published="2016-12-11",
                                                      source="NTB", language="nb") for i in range(1000)))
        assert (report.added, report.duplicates) == (990, 10)
        assert store.summary()["articles"] == 1000


CRASHING_PROCESS = textwrap.dedent("""
    import sys, time
    import kilde.pipeline as pipeline
    from kilde.operations import process_store
    from kilde.store import open_store
    original = pipeline.run_stages
    def slow(doc, article):
        time.sleep(0.05)
        return original(doc, article)
    pipeline.run_stages = slow
    process_store(open_store(sys.argv[1]), progress=lambda n: print(n, flush=True))
""")


def _fingerprint(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = []
    for table in ("mentions", "places", "times", "quantities", "claims", "events"):
        rows.extend((table, *row) for row in conn.execute(f"SELECT id, data FROM {table} ORDER BY id"))
    conn.close()
    return rows


@pytest.mark.slow
def test_killed_processing_resumes_without_duplicates(tmp_path):
    texts = (ROOT / "samples").glob("*.txt")
    from kilde.ingest import read_paths

    sample_articles = [a for a in read_paths(sorted(texts)) if hasattr(a, "text")]
    assert len(sample_articles) >= 16
    interrupted, clean = tmp_path / "interrupted.db", tmp_path / "clean.db"
    for path in (interrupted, clean):
        with open_store(path) as store:
            store.add_articles(sample_articles)
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_PROCESS, str(interrupted)], stdout=subprocess.PIPE,
                            text=True)
    proc.stdout.readline()  # the first batch is committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(interrupted) as store:
        left = store.count_unprocessed()
        assert 0 < left < len(sample_articles)
        report = process_store(store)
        assert report.processed == left and store.count_unprocessed() == 0
    with open_store(clean) as store:
        process_store(store)
    assert _fingerprint(interrupted) == _fingerprint(clean)


def test_store_reopens_and_keeps_data(db_path):
    with open_store(db_path) as store:
        store.add_articles(articles(2))
    time.sleep(0.01)
    with SQLiteStore(db_path) as store:
        assert store.summary()["articles"] == 2


def test_merged_event_is_verified_when_one_report_is(db_path):
    a, b, c = articles(3)
    with open_store(db_path) as store:
        store.add_articles([a, b, c])
        ra, rb = coded_result(a, verification="unconfirmed"), coded_result(b)
        rc = coded_result(c, verification="unconfirmed")
        store.save_results([ra, rb, rc], "1")
        both = MergedEvent(id="m1", event=ra.events[0], report_ids=[ra.events[0].id, rb.events[0].id])
        alone = MergedEvent(id="m2", event=rc.events[0], report_ids=[rc.events[0].id])
        store.replace_merged_events([both, alone])
        assert [m.id for m in store.list_merged_events(EventFilter(verified_only=True))] == ["m1"]
        assert len(store.list_merged_events(EventFilter())) == 2
