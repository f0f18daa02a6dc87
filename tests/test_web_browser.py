"""The pages in headless Chromium (Debian's package, driven by Playwright), with the network cut off.

Every request that does not go to the test server is aborted and recorded, so
these tests also prove the map works offline. Screenshots go to /tmp.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kilde.serve import create_app
from kilde.serve.demo import load_demo
from kilde.serve.server import background_server
from kilde.store import open_store

CHROMIUM = os.environ.get("KILDE_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("KILDE_SCREENSHOTS", "/tmp"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, dict]]:
    path = tmp_path_factory.mktemp("web") / "kilde.db"
    with open_store(path) as store:
        results, _ = load_demo(store)
    ids = {"vg": results[0].events[0].id, "oslo": results[2].events[0].id}
    with background_server(create_app(path)) as base:
        yield base, ids


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site) -> Iterator:
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    outside: list[str] = []

    def only_loopback(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(8000)
    yield page
    context.close()
    assert outside == [], f"the page tried to reach the internet: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"


def wait_loaded(page) -> None:
    page.wait_for_selector("body[data-loaded=true]")


def test_map_shows_clustered_coloured_markers_on_offline_basemap(page, site):
    base, _ = site
    page.goto(base + "/")
    wait_loaded(page)
    page.wait_for_selector("body[data-basemap=loaded]")
    assert page.locator("body").get_attribute("data-count") == "3"  # merged events; history hidden
    pins = page.locator(".kilde-pin span, .kilde-cluster")
    assert pins.count() >= 1
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 100  # countries
    legend = page.locator("#legend").inner_text()
    assert "Protests" in legend and "Battles" in legend
    assert page.locator("#timeline .tl-range").count() == 1  # Kabul, "last month": a range
    assert page.locator("#timeline .tl-point").count() == 2
    page.screenshot(path=str(SHOTS / "kilde-map.png"), full_page=True)


def test_filter_by_type_then_open_the_event_and_see_the_evidence(page, site):
    base, ids = site
    page.goto(base + "/")
    wait_loaded(page)
    page.select_option("#f-type", "Explosions/Remote violence")
    page.click("#f-apply")
    page.wait_for_selector("body[data-loaded=true][data-count='1']")
    assert "type=Explosions" in page.url
    assert page.locator(".kilde-pin span").count() == 1
    assert page.locator(".kilde-pin span").get_attribute("data-type") == "Explosions/Remote violence"

    page.locator(".kilde-pin").first.click()
    popup = page.locator(".leaflet-popup-content .popup")
    popup.wait_for()
    assert popup.locator(".source-count").inner_text() == "2"
    assert "Military Forces of Syria" in popup.inner_text()
    popup.locator("a.open-event").click()
    page.wait_for_url(f"**/events/{ids['vg']}**")

    trigger = page.locator(".this-report .article-text mark.hl-trigger").first
    assert trigger.inner_text() == "bombet"
    assert trigger.is_visible()
    kinds = set(page.locator(".this-report .article-text mark").evaluate_all(
        "marks => marks.flatMap(m => m.dataset.kinds.split(' '))"))
    assert {"trigger", "actor", "target", "place", "time", "quantity", "evidence", "speaker"} <= kinds
    # Different kinds are drawn differently.
    colours = {kind: page.locator(f".this-report .article-text mark.hl-{kind}").first.evaluate(
        "m => getComputedStyle(m).backgroundColor") for kind in ("actor", "target", "place", "time")}
    assert len(set(colours.values())) == 4, colours
    assert page.locator(".claim .chain").first.inner_text().replace("\n", " ").split(" → ") == \
        ["Talal Barazi", "NTB", "VG"]
    assert page.locator(".other-report").count() == 1
    page.screenshot(path=str(SHOTS / "kilde-event.png"), full_page=True)


def test_filters_come_from_the_url_and_the_interface_speaks_english(page, site):
    base, _ = site
    page.goto(base + "/?lang=en&include_historical=true&place=Narvik")
    wait_loaded(page)
    assert page.locator("body").get_attribute("data-count") == "1"
    assert page.locator("#f-place").input_value() == "Narvik"
    assert "Map and timeline" in page.locator("header").inner_text()
    page.fill("#f-place", "")
    page.fill("#f-text", "Stortinget")
    page.click("#f-apply")
    page.wait_for_url("**text=Stortinget**")
    page.wait_for_selector("body[data-loaded=true]")
    assert page.locator("body").get_attribute("data-count") == "1"
    assert "Protests" in page.locator("#legend").inner_text()
    assert page.locator(".kilde-pin span").get_attribute("data-type", timeout=3000) == "Protests"


def test_search_box_finds_articles_and_events(page, site):
    base, _ = site
    page.goto(base + "/")
    page.fill("header input[name=q]", "Homs")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?**")
    assert page.locator(".article-list li").count() == 2
    assert page.locator(".event-list li").count() == 2
    assert page.locator(".snippet mark").first.inner_text() == "Homs"


def test_api_docs_work_offline(page, site):
    base, _ = site
    page.goto(base + "/docs")
    page.locator(".swagger-ui .opblock-summary-path", has_text="/api/events").first.wait_for()


def test_many_events_turn_the_timeline_into_a_clickable_density(browser, tmp_path):
    from kilde.serve.demo import synthetic_results

    path = tmp_path / "many.db"
    results = synthetic_results(600)
    with open_store(path) as store:
        store.add_articles(r.article for r in results)
        store.save_results(results, "test")
    with background_server(create_app(path)) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        page = context.new_page()
        page.set_default_timeout(8000)
        page.goto(base + "/?view=reports")
        wait_loaded(page)
        total = int(page.locator("body").get_attribute("data-count"))
        assert total > 300
        assert page.locator("#timeline .tl-range, #timeline .tl-point").count() == 0
        bins = page.locator("#timeline .tl-bin")
        assert bins.count() > 10
        bins.nth(bins.count() // 2).click()
        page.wait_for_selector("body[data-loaded=true]")
        assert page.locator("#f-since").input_value() and "since=" in page.url
        assert int(page.locator("body").get_attribute("data-count")) < total
        context.close()
