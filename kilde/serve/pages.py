"""Server-rendered pages: map + timeline, event evidence, article, search. Jinja2, no build step.

The interface language comes from ``?lang=nb|en`` (remembered in a cookie),
Norwegian Bokmål by default. Pages only read; the JSON API feeds the map.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from kilde.serve.api import MAX_TEXT_PARAM, event_detail, get_store, map_point
from kilde.serve.app import TEMPLATES
from kilde.serve.evidence import KINDS, Highlight, event_highlights, excerpt, is_verified, render_marked
from kilde.serve.i18n import LANGS, pick_lang, strings
from kilde.store import EventFilter, Store

ACLED_TYPES = (
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Riots",
    "Protests",
    "Strategic developments",
)
FILTER_KEYS = ("type", "actor", "place", "since", "until", "text", "verified_only", "include_historical", "view")

templates = Jinja2Templates(directory=str(TEMPLATES))
_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")


def snippet_marks(snippet: str) -> Markup:
    """FTS5 snippets come as ``…[word]…``: escape them, then turn the brackets into marks."""
    return Markup(_SNIPPET_MARK.sub(r"<mark>\1</mark>", str(escape(snippet or ""))))


TYPE_COLOURS = {  # the same palette as static/kilde.js
    "Battles": "#c0392b",
    "Violence against civilians": "#8e44ad",
    "Explosions/Remote violence": "#d35400",
    "Riots": "#b7950b",
    "Protests": "#2471a3",
    "Strategic developments": "#117a65",
}


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", "#566573")


def span_label(time) -> str:
    """A TimeSpan [start, end) as days: ``2016-12-11``, or ``2016-11-01 – 2016-11-30`` for a range."""
    if time is None or time.start is None:
        return "?"
    first = time.start.strftime("%Y-%m-%d")
    if time.precision == "minute":
        first = time.start.strftime("%Y-%m-%d %H:%M")
    if time.end is None or time.end - time.start <= timedelta(days=1):
        return first
    return f"{first} – {(time.end - timedelta(microseconds=1)).strftime('%Y-%m-%d')}"


templates.env.filters["snippet_marks"] = snippet_marks
templates.env.filters["span_label"] = span_label
templates.env.globals["type_colour"] = type_colour
router = APIRouter(include_in_schema=False)


def page_lang(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get("kilde_lang"))


def render(request: Request, name: str, context: dict, status_code: int = 200) -> HTMLResponse:
    lang = page_lang(request)
    t = strings(lang)
    other = [code for code in LANGS if code != lang]
    params = dict(request.query_params)
    lang_links = {code: str(request.url.path) + "?" + urlencode({**params, "lang": code}) for code in other}
    response = templates.TemplateResponse(
        request, name, {"t": t, "lang": lang, "lang_links": lang_links, "kinds": KINDS, **context},
        status_code=status_code,
    )
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("kilde_lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    response.headers.update(security_headers(request.app.state.tile_url))
    return response


def security_headers(tile_url: str | None) -> dict[str, str]:
    """Pages load only their own scripts; images may come from the tile server when one is configured."""
    images = "'self' data:" + (" https: http:" if tile_url else "")
    return {
        "Content-Security-Policy": f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                   f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; "
                                   "base-uri 'self'; form-action 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    t = strings(page_lang(request))
    title = t["not_found"] if status_code == 404 else f"{t['error']} {status_code}"
    return render(request, "error.html", {"title": title, "message": message}, status_code=status_code)


def kind_labels(t: dict[str, str]) -> dict[str, str]:
    return {kind: t.get(f"kind_{kind}", kind) for kind in KINDS}


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    lang = page_lang(request)
    t = strings(lang)
    filters = {key: request.query_params.get(key, "") for key in FILTER_KEYS}
    types = list(ACLED_TYPES)
    if filters["type"] and filters["type"] not in types:
        types.append(filters["type"])
    js_strings = {k: t[k] for k in ("loading", "showing", "showing_open", "no_events", "date", "actors", "sources",
                                    "sources_count", "open_event", "place", "unknown", "uncertain", "no_place",
                                    "fatalities", "basemap_note", "view_merged", "view_reports",
                                    "timeline_help", "timeline_density")}
    config = {
        "lang": lang,
        "t": js_strings,
        "tileUrl": request.app.state.tile_url,
        "tileAttribution": request.app.state.tile_attribution,
        "basemap": "/static/basemap/countries.geojson",
    }
    return render(request, "map.html", {"filters": filters, "types": types,
                                        "config_json": json.dumps(config, ensure_ascii=False).replace("</", "<\\/")})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    event = store.get_event(event_id) if len(event_id) <= 200 else None
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    detail = event_detail(store, event)
    t = strings(page_lang(request))
    labels = kind_labels(t)
    text = detail.article.text if detail.article else ""
    main = {
        "event": event,
        "article": detail.article,
        "verified": detail.verified,
        "marked": render_marked(text, [Highlight(**h.model_dump()) for h in detail.highlights], labels),
        "claims": [c for c in detail.claims if c.id in set(event.claim_ids)],
        "point": map_point(event),
    }
    others = []
    for report in detail.reports:
        other_text = ""
        result = store.get_result(report.event.article_id)
        if result is not None:
            other_text = result.article.text
        # Other reports show only the lines around their evidence; the article page has the whole text.
        part, marks, cut_before, cut_after = excerpt(
            other_text, [Highlight(**h.model_dump()) for h in report.highlights])
        others.append({
            "event": report.event,
            "article": report.article,
            "verified": report.verified,
            "marked": render_marked(part, marks, labels),
            "full": render_marked(other_text, [Highlight(**h.model_dump()) for h in report.highlights], labels)
            if cut_before or cut_after else None,
            "cut_before": cut_before,
            "cut_after": cut_after,
            "claims": report.claims,
        })
    return render(request, "event.html", {"main": main, "others": others, "merged": detail.merged,
                                          "labels": labels, "chains": detail.chains, "sources": detail.sources})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    result = store.get_result(article_id) if len(article_id) <= 200 else None
    if result is None:
        raise HTTPException(404, f"no article {article_id!r}")
    t = strings(page_lang(request))
    text = result.article.text
    highlights: list[Highlight] = []
    for event in result.events:
        highlights.extend(h for h in event_highlights(event, text, result.claims) if h.kind != "evidence")
    for kind, records in (("place", result.places), ("time", result.times), ("quantity", result.quantities)):
        for r in records:
            if 0 <= r.start_char < r.end_char <= len(text):
                highlights.append(Highlight(r.start_char, r.end_char, kind, text[r.start_char:r.end_char]))
    for claim in result.claims:
        if 0 <= claim.start_char < claim.end_char <= len(text):
            highlights.append(Highlight(claim.start_char, claim.end_char, "claim", claim.text))
    return render(request, "article.html", {
        "result": result, "marked": render_marked(text, highlights, kind_labels(t)),
        "events": [(e, is_verified(e, result.claims)) for e in result.events],
    })


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=MAX_TEXT_PARAM)] = "",
                store: Store = Depends(get_store)) -> HTMLResponse:
    query = "".join(ch for ch in q if ch.isprintable()).strip()
    articles, events = [], []
    if query:
        articles = store.search_articles(query, limit=30)
        events = store.list_events(EventFilter(text=query, include_historical=True, limit=50))
    return render(request, "search.html", {"q": query, "articles": articles,
                                           "events": [map_point(e) for e in events]})
