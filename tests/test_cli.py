"""The command line as a user runs it: a real process, a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "nb-01-palmyra-vg.txt"


def kilde(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kilde.cli", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """A store with the bundled samples, made once by `kilde run samples/`."""
    path = tmp_path_factory.mktemp("store")
    done = kilde("run", str(ROOT / "samples"), cwd=path)
    assert done.returncode == 0, done.stderr
    assert "articles" in done.stdout and "events" in done.stdout
    return path


def test_run_fills_the_default_store(store_dir: Path):
    assert (store_dir / "kilde.db").exists()
    done = kilde("summary", cwd=store_dir)
    assert "20 (0 new" in done.stdout


def test_running_again_adds_nothing(store_dir: Path):
    done = kilde("ingest", str(ROOT / "samples"), cwd=store_dir)
    assert done.returncode == 0 and "0 article(s) added, 20 already stored" in done.stdout


def test_extract_prints_the_record_model_as_json(tmp_path: Path):
    done = kilde("extract", str(SAMPLE), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"article", "mentions", "places", "times", "quantities", "claims", "events"}
    assert data["article"]["source"] == "VG" and data["article"]["language"] == "nb"
    text = data["article"]["text"]
    for kind in ("mentions", "places", "times", "quantities", "claims", "events"):
        for record in data[kind]:
            if kind != "events":
                assert text[record["start_char"]:record["end_char"]] == record["text"]
    assert not (tmp_path / "kilde.db").exists()


def test_extract_reads_stdin_with_options(tmp_path: Path):
    done = kilde("extract", "-", "--date", "2016-12", "--source", "NRK", cwd=tmp_path,
                 stdin="Byen er no under full kontroll av IS, seier han til NRK.")
    data = json.loads(done.stdout)
    assert data["article"]["published_precision"] == "month" and data["article"]["language"] == "nn"


def test_events_formats(store_dir: Path):
    as_json = json.loads(kilde("events", "--all", "--format", "json", cwd=store_dir).stdout)
    as_csv = list(csv.DictReader(io.StringIO(kilde("events", "--all", "--format", "csv", cwd=store_dir).stdout)))
    assert len(as_json) == len(as_csv)
    table = kilde("events", "--format", "table", cwd=store_dir)
    assert table.returncode == 0 and "event(s)" in table.stdout
    window = kilde("events", "--all", "--since", "2016-01-01", "--until", "2030-12-31", "--format", "json",
                   cwd=store_dir)
    assert window.returncode == 0 and 0 < len(json.loads(window.stdout)) <= len(as_json)
    later = kilde("events", "--all", "--since", "2100-01-01", "--format", "json", cwd=store_dir)
    assert later.returncode == 0 and json.loads(later.stdout) == []
    bad = kilde("events", "--since", "yesterday", cwd=store_dir)
    assert bad.returncode != 0 and "since" in bad.stderr


def test_show_unknown_event_is_an_error(store_dir: Path):
    done = kilde("show", "no-such-event", cwd=store_dir)
    assert done.returncode == 1 and "no event" in done.stderr


def test_show_an_event_with_its_evidence(store_dir: Path):
    events = json.loads(kilde("events", "--all", "--format", "json", cwd=store_dir).stdout)
    if not events:
        pytest.skip("no events coded yet")
    done = kilde("show", events[0]["id"], cwd=store_dir)
    assert done.returncode == 0 and "evidence" in done.stdout


def test_show_a_merged_event_lists_its_reports(store_dir: Path):
    merged = json.loads(kilde("events", "--merged", "--format", "json", cwd=store_dir).stdout)
    if not merged:
        pytest.skip("no events coded yet")
    done = kilde("show", merged[0]["id"], cwd=store_dir)
    assert done.returncode == 0 and "merged event" in done.stdout
    assert all(report_id in done.stdout for report_id in merged[0]["report_ids"])


def test_exports(store_dir: Path):
    acled = kilde("export", "--format", "acled-csv", cwd=store_dir)
    header = next(csv.reader(io.StringIO(acled.stdout)))
    for column in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                   "inter1", "actor2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                   "fatalities"):
        assert column in header
    geojson = json.loads(kilde("export", "--format", "geojson", cwd=store_dir).stdout)
    assert geojson["type"] == "FeatureCollection"
    for line in kilde("export", "--format", "plover-jsonl", cwd=store_dir).stdout.splitlines():
        record = json.loads(line)
        assert {"event", "mode", "actor_list", "location", "reports"} <= set(record)
    done = kilde("export", "--format", "parquet", "-o", "events.parquet", cwd=store_dir)
    assert done.returncode == 0
    assert "event_type" in pq.read_table(store_dir / "events.parquet").column_names
    assert kilde("export", "--format", "parquet", cwd=store_dir).returncode != 0


def test_search(store_dir: Path):
    done = kilde("search", "Palmyra", cwd=store_dir)
    assert "[Palmyra]" in done.stdout
    # A lowercase hit is printed as text, not eaten as a rich markup tag.
    lower = kilde("search", "kontroll", cwd=store_dir)
    assert "[kontroll]" in lower.stdout


def test_bad_input_is_reported_and_the_rest_is_stored(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("date 2016-12-11\nsource NTB\nIS angrep byen søndag.", "utf-8")
    (tmp_path / "in" / "bad.txt").write_text("date 2016-14-11\nIS angrep byen søndag.", "utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "in" / "lines.jsonl").write_text('{"text": "Hæren rykket inn.", "date": "2016-12-01"}\n{oops\n',
                                                 "utf-8")
    done = kilde("run", "in", cwd=tmp_path)
    assert done.returncode == 1
    assert "bad.txt:1" in done.stderr and "bin.txt" in done.stderr and "lines.jsonl:2" in done.stderr
    assert "3 input(s) rejected" in done.stderr
    assert "2 (2 new" in done.stdout
    again = kilde("ingest", "in", cwd=tmp_path)
    assert "0 article(s) added, 2 already stored, 3 rejected" in again.stdout


def test_db_option_and_environment(tmp_path: Path):
    done = kilde("ingest", str(SAMPLE), "--db", str(tmp_path / "other.db"), cwd=tmp_path)
    assert done.returncode == 0 and (tmp_path / "other.db").exists() and not (tmp_path / "kilde.db").exists()


def test_merged_events_listing(store_dir: Path):
    rows = list(csv.DictReader(io.StringIO(
        kilde("events", "--merged", "--all", "--format", "csv", cwd=store_dir).stdout)))
    merged_json = json.loads(kilde("events", "--merged", "--all", "--format", "json", cwd=store_dir).stdout)
    assert len(rows) == len(merged_json)
    for row, record in zip(rows, merged_json, strict=True):
        assert int(row["reports"]) == len(record["report_ids"]) >= 1
        assert int(row["corroboration"]) == record["corroboration"]
