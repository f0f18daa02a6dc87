"""The HTTP API and pages over real HTTP: uvicorn on a free loopback port, httpx as the client."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kilde.serve import create_app
from kilde.serve.demo import load_demo
from kilde.serve.server import background_server, free_port
from kilde.store import open_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("api") / "kilde.db"
    with open_store(path) as store:
        results, merged = load_demo(store)
    ids = {
        "vg": results[0].events[0].id,
        "aftenposten": results[1].events[0].id,
        "oslo": results[2].events[0].id,
        "kabul": results[3].events[0].id,
        "narvik": results[4].events[0].id,
        "vg_article": results[0].article.id,
        "vg_text": results[0].article.text,
    }
    return path, ids


@pytest.fixture(scope="module")
def api(demo_db) -> Iterator[httpx.Client]:
    path, _ = demo_db
    with background_server(create_app(path)) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def ids(demo_db) -> dict:
    return demo_db[1]


# ------------------------------------------------------------------ reading events


def test_openapi_schema_lists_the_api(api):
    schema = api.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/actors",
                 "/api/places", "/api/search", "/api/export", "/api/merged-events"):
        assert path in schema["paths"], path
    assert "post" not in schema["paths"].get("/api/articles", {}), "read-only app must not offer POST"


def test_events_hide_history_unless_asked(api, ids):
    body = api.get("/api/events").json()
    assert body["total"] == 4 and len(body["items"]) == 4
    assert ids["narvik"] not in {e["id"] for e in body["items"]}
    everything = api.get("/api/events", params={"include_historical": "true"}).json()
    assert everything["total"] == 5
    assert ids["narvik"] in {e["id"] for e in everything["items"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "Protests"}, {"oslo"}),
        ({"type": "protests"}, {"oslo"}),
        ({"sub_type": "Air/drone strike"}, {"vg", "aftenposten"}),
        ({"actor": "Taliban"}, {"kabul"}),
        ({"place": "Homs"}, {"vg", "aftenposten"}),
        ({"bbox": "5,55,15,65"}, {"oslo"}),
        ({"since": "2017-01-01"}, {"oslo"}),
        ({"until": "2016-11-30"}, {"kabul"}),
        ({"since": "2016-12-11", "until": "2016-12-11"}, {"vg", "aftenposten"}),
        ({"text": "Stortinget"}, {"oslo"}),
        ({"verified_only": "true", "type": "Explosions/Remote violence"}, set()),
    ],
)
def test_event_filters(api, ids, params, expected):
    response = api.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    assert {e["id"] for e in response.json()["items"]} == {ids[k] for k in expected}


def test_paging_walks_all_events_once(api):
    seen, offset = [], 0
    while True:
        page = api.get("/api/events", params={"limit": 2, "offset": offset, "include_historical": "true"}).json()
        seen.extend(e["id"] for e in page["items"])
        if not page["has_more"]:
            break
        offset += 2
    assert len(seen) == len(set(seen)) == 5


def test_event_detail_has_claims_sources_offsets_and_sibling_reports(api, ids):
    detail = api.get(f"/api/events/{ids['vg']}").json()
    text = detail["article"]["text"]
    assert detail["event"]["event_type"] == "Explosions/Remote violence"
    assert detail["chains"] == [["Talal Barazi", "NTB", "VG"]]
    assert detail["claims"][0]["verification"] == "unconfirmed"
    assert detail["verified"] is False
    kinds = {h["kind"] for h in detail["highlights"]}
    assert {"trigger", "actor", "target", "place", "time", "quantity", "evidence", "speaker"} <= kinds
    for h in detail["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]
    trigger = next(h for h in detail["highlights"] if h["kind"] == "trigger")
    assert trigger["text"] == "bombet"
    assert detail["merged"]["id"] == "m-homs" and detail["merged"]["corroboration"] == 2
    assert [r["event"]["id"] for r in detail["reports"]] == [ids["aftenposten"]]
    assert detail["reports"][0]["article"]["source"] == "Aftenposten"
    assert detail["reports"][0]["claims"][0]["hedged"] is True


def test_unknown_and_malformed_ids(api):
    assert api.get("/api/events/nope-e1").status_code == 404
    assert api.get("/api/events/bad'id").status_code == 422
    assert api.get("/api/articles/0000000000000000").status_code == 404
    assert api.get("/api/merged-events/missing").status_code == 404


def test_article_with_all_records(api, ids):
    body = api.get(f"/api/articles/{ids['vg_article']}").json()
    assert body["article"]["source"] == "VG"
    assert body["article"]["text"] == ids["vg_text"]
    assert len(body["events"]) == 1 and len(body["claims"]) == 1 and body["places"][0]["name"] == "Homs"


def test_actors_places_search_and_merged(api, ids):
    actors = {a["name"] for a in api.get("/api/actors").json()}
    assert {"Taliban", "Military Forces of Syria"} <= actors
    places = {p["name"]: p for p in api.get("/api/places", params={"limit": 10}).json()}
    assert places["Homs"]["mentions"] == 2
    found = api.get("/api/search", params={"q": "Homs"}).json()
    assert {a["source"] for a in found["articles"]} == {"VG", "Aftenposten"}
    assert "[Homs]" in found["articles"][0]["snippet"]
    assert {e["id"] for e in found["events"]} == {ids["vg"], ids["aftenposten"]}
    merged = api.get("/api/merged-events").json()
    assert {m["id"] for m in merged["items"]} == {"m-homs", "m-oslo", "m-kabul"}
    points = api.get("/api/map-points", params={"view": "merged", "type": "Explosions/Remote violence"}).json()
    assert points["items"][0]["sources"] == 2 and points["items"][0]["link_id"] == ids["vg"]


def test_export_formats(api):
    response = api.get("/api/export", params={"format": "acled-csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and any("Homs" in " ".join(map(str, row.values())) for row in rows)
    geo = api.get("/api/export", params={"format": "geojson", "type": "Protests"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1
    lines = api.get("/api/export", params={"format": "plover-jsonl"}).text.strip().splitlines()
    assert lines and all(isinstance(json.loads(line), dict) for line in lines)
    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 422
    import kilde.serve.api as api_module

    cap = api_module.MAX_EXPORT
    api_module.MAX_EXPORT = 3
    try:
        too_many = api.get("/api/export", params={"format": "geojson"})
        assert too_many.status_code == 422 and "narrow the filters" in too_many.text
        assert api.get("/api/export", params={"format": "geojson", "place": "Homs"}).status_code == 200
    finally:
        api_module.MAX_EXPORT = cap
    assert api.get("/api/export").status_code == 422


# ------------------------------------------------------------------ hostile input


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("limit=100000", "limit"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("limit=1e9", "limit"),
        ("offset=-1", "offset"),
        ("since=2020-13-45", "since"),
        ("until=yesterday", "until"),
        ("since=2020-02-01&until=2020-01-01", "since"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=0,0,200,10", "bbox"),
        ("bbox=10,0,0,10", "bbox"),
        ("bbox=nan,0,1,1", "bbox"),
        ("verified_only=maybe", "verified_only"),
        ("typ=Battles", "typ"),
        ("actor=" + "x" * 201, "actor"),
        ("actor=a%00b", "actor"),
        ("text=%01", "text"),
    ],
)
def test_malformed_parameters_get_clear_422(api, query, param):
    response = api.get("/api/events?" + query)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert any(param in error["loc"] for error in detail), detail
    assert all(error["msg"] for error in detail)


@pytest.mark.parametrize("query", ["&&&", "=&=", "type", "type=%ZZ", "actor=%E2%28%A1", "a=1&a=2&a", "%%%"])
def test_garbled_query_strings_never_crash(api, query):
    response = api.get("/api/events?" + query)
    assert response.status_code in (200, 422), response.text


@pytest.mark.parametrize(
    "value",
    ["' OR 1=1 --", "Battles'; DROP TABLE events; --", "%", "_", "\\", '"', "*", "NEAR(", "a) OR (b", "😀"],
)
def test_sql_and_fts_metacharacters_are_plain_text(api, value):
    for param in ("type", "actor", "place", "text", "sub_type"):
        response = api.get("/api/events", params={param: value})
        assert response.status_code == 200, (param, value, response.text)
        assert response.json()["total"] == 0, (param, value)
    assert api.get("/api/search", params={"q": value}).status_code == 200
    assert api.get("/api/events").json()["total"] == 4  # nothing was dropped or altered


def test_search_needs_a_word(api):
    assert api.get("/api/search").status_code == 422
    assert api.get("/api/search", params={"q": "   "}).status_code == 422
    assert api.get("/api/search", params={"q": "x", "limit": 1000}).status_code == 422


# ------------------------------------------------------------------ writes


def test_read_only_app_has_no_write_route(api):
    assert api.post("/api/articles", json={"text": "x"}).status_code in (404, 405)
    assert api.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code \
        in (404, 405)


@pytest.fixture(scope="module")
def writable(tmp_path_factory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("write") / "kilde.db"
    app = create_app(path, write_token=TOKEN)
    with background_server(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


ARTICLE = {"text": "Politiet i Bergen sier at tre personer ble skadd i en eksplosjon i sentrum mandag.",
           "date": "2003-05-12", "source": "NTB", "title": "Eksplosjon i Bergen", "language": "nb"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ],
)
def test_write_needs_the_right_bearer_token(writable, headers, status):
    response = writable.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == status, response.text
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


def test_post_articles_ingests_and_processes(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/articles", json=ARTICLE, headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and body["articles"][0]["duplicate"] is False
    article_id = body["articles"][0]["id"]
    stored = writable.get(f"/api/articles/{article_id}").json()
    assert stored["article"]["title"] == "Eksplosjon i Bergen"
    assert stored["article"]["published"].startswith("2003-05-12")
    assert [e["id"] for e in stored["events"]] == body["articles"][0]["events"]

    again = writable.post("/api/articles", json=[ARTICLE, {**ARTICLE, "text": "Ny tekst om noe annet.",
                                                           "language": "nb"}], headers=auth).json()
    assert again["added"] == 1 and again["duplicates"] == 1
    assert [a["duplicate"] for a in again["articles"]] == [True, False]


@pytest.mark.parametrize(
    "body",
    [{"text": ""}, {"text": "x", "date": "2003-02-30"}, {"title": "no text"}, {"text": "x", "colour": "red"},
     [], "just a string"],
)
def test_post_rejects_bad_articles_with_422(writable, body):
    response = writable.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text


def test_post_refuses_huge_bodies(writable):
    article = {"text": "x" * 900_000}
    response = writable.post("/api/articles", json=[article] * 25, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_post_rejects_non_json(writable):
    response = writable.post("/api/articles", content=b"{not json", headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 422


# ------------------------------------------------------------------ pages


def test_map_page_needs_no_internet(api):
    page = api.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page.text)
    assert external == []
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert api.get(asset).status_code == 200, asset
    basemap = api.get("/static/basemap/countries.geojson").json()
    assert len(basemap["features"]) > 100
    assert "Kart og tidslinje" in page.text
    assert "Map and timeline" in api.get("/", params={"lang": "en"}).text


def test_event_page_marks_the_evidence(api, ids):
    page = api.get(f"/events/{ids['vg']}").text
    assert re.search(r'<mark class="hl hl-evidence hl-trigger"[^>]*>bombet</mark>', page)
    assert re.search(r'<mark class="hl hl-evidence hl-place"[^>]*>Homs</mark>', page)
    assert "Talal Barazi" in page and "NTB" in page and "→" in page
    assert "Flyangrep i Homs" in page  # the other report of the merged event
    assert "badge-hedged" in page and "badge-verification-unconfirmed" in page
    lone = api.get(f"/events/{ids['oslo']}", params={"lang": "en"})  # no claims, one report
    assert lone.status_code == 200 and "Rundt 5000" in lone.text and "Other reports" not in lone.text
    assert "1</strong> independent source:" in lone.text and "· 1 report</p>" in lone.text
    # Nothing checked the claim, so the badge says only that no source disputes or hedges it.
    assert "badge-verified" in lone.text and "Undisputed" in lone.text and ">Verified<" not in lone.text
    both = api.get(f"/events/{ids['vg']}", params={"lang": "nb"}).text
    assert "2</strong> uavhengige kilder:" in both and "· 2 rapporter</p>" in both


def test_article_page_marks_all_records(api, ids):
    page = api.get(f"/articles/{ids['vg_article']}", params={"lang": "en"})
    assert page.status_code == 200
    assert "kilde_lang=en" in page.headers.get("set-cookie", "")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert re.search(r'<mark class="hl[^"]*hl-place"[^>]*>Homs</mark>', page.text)
    assert f"/events/{ids['vg']}" in page.text


def test_search_and_error_pages(api):
    page = api.get("/search", params={"q": "Homs", "lang": "en"}).text
    assert "<mark>Homs</mark>" in page and "Marked i Homs bombet" in page
    missing = api.get("/events/nope-e1")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    escaped = api.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in escaped


def test_cached_totals_follow_new_writes(tmp_path):
    from kilde.serve.api import StoreCache
    from kilde.store import EventFilter

    path = tmp_path / "kilde.db"
    with open_store(path) as store:
        cache = StoreCache(str(path))
        assert cache.count(store, EventFilter()) == 0
        assert cache.count(store, EventFilter(limit=5, offset=10)) == 0  # paging shares the entry
        load_demo(store)
        assert cache.count(store, EventFilter()) == 4
        assert cache.count(store, EventFilter(include_historical=True)) == 5
        assert cache.get(("actors", 10), lambda: store.actors(10)) == store.actors(10)


# ------------------------------------------------------------------ rendering helpers


def test_marks_split_overlaps_and_escape_the_article_text():
    from kilde.serve.evidence import Highlight, excerpt, render_marked

    text = "Før <b>: 3 drept i Oslo.\nNeste linje."
    three, oslo, end = text.index("3"), text.index("Oslo"), text.index("\n")
    highlights = [Highlight(0, end, "evidence", text[:end]), Highlight(three, three + 1, "quantity", "3"),
                  Highlight(oslo, oslo + 4, "place", "Oslo")]
    html = str(render_marked(text, highlights, {"place": "sted"}))
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<mark class="hl hl-evidence hl-quantity" data-kinds="evidence quantity"' in html
    assert html.count("<mark") == 5  # evidence split around the quantity and the place (and the final ".")
    assert html.endswith("\nNeste linje.")
    part, shifted, cut_before, cut_after = excerpt(text + "\nTredje linje om Oslo.", [Highlight(
        len(text) + 17, len(text) + 21, "place", "Oslo")])
    assert part == "Tredje linje om Oslo." and cut_before and not cut_after
    assert part[shifted[0].start:shifted[0].end] == "Oslo"


def test_online_tiles_only_when_configured(demo_db):
    path, _ = demo_db
    with background_server(create_app(path)) as base:
        page = httpx.get(base + "/")
        assert '"tileUrl": null' in page.text and "https:" not in page.headers["content-security-policy"]
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    with background_server(create_app(path, tile_url=tiles)) as base:
        page = httpx.get(base + "/")
        assert json.dumps(tiles) in page.text and "https:" in page.headers["content-security-policy"]


def test_kilde_serve_command(demo_db):
    """`kilde serve` wires the same app: read-only by default, writes with KILDE_WRITE_TOKEN."""
    path, _ = demo_db
    port = free_port()
    env = {**os.environ, "KILDE_WRITE_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "kilde.cli", "serve", "--db", str(path), "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(base + "/api/events", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "kilde serve did not start"
                time.sleep(0.2)
        assert response.json()["total"] == 4
        assert httpx.post(base + "/api/articles", json={"text": "x"}).status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)
