"""The JSON API: read-only event, article, actor, place, search and export routes, and a guarded POST.

Every query parameter is declared and validated (unknown ones are refused with
422 so a typo never silently widens a filter); page sizes are capped; all
database access goes through the Store interface (parameterised SQL only).
"""

from __future__ import annotations

import hmac
import io
import json
import re
import threading
import time
from collections import OrderedDict
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from kilde.model import Article, Claim, Event, MergedEvent
from kilde.serve.evidence import event_highlights, is_verified
from kilde.store import EventFilter, Store

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
MAX_EXPORT = 20_000
MAX_TEXT_PARAM = 200
MAX_BATCH = 100
MAX_ARTICLE_CHARS = 1_000_000
MAX_BODY_BYTES = 20_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def invalid(param: str, message: str, where: str = "query") -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors."""
    return HTTPException(status_code=422, detail=[{"loc": [where, param], "msg": message, "type": "value_error"}])


def get_store(request: Request) -> Store:
    return request.app.state.stores.get()


class StoreCache:
    """Recent answers to aggregate questions (totals, actor and place lists), dropped on any write.

    Counting every matching event costs more than fetching one page of them, and
    a client paging through a filter (or the map reloading) asks the same count
    again and again. The key includes the SQLite database and WAL files' size and
    modification time, so any committed write invalidates every entry.
    """

    def __init__(self, db_path: str, size: int = 2048, ttl: float = 300.0):
        self.paths = [Path(db_path), Path(f"{db_path}-wal")]
        self.size, self.ttl = size, ttl
        self.entries: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def _version(self) -> tuple | None:
        stamp = []
        for path in self.paths:
            try:
                st = path.stat()
            except OSError:
                stamp.append(None)
                continue
            stamp.append((st.st_mtime_ns, st.st_size))
        return tuple(stamp) if stamp[0] is not None else None

    def get(self, key: tuple, compute):
        version = self._version()
        if version is None:  # not a local file (or gone): no caching
            return compute()
        key = (version, *key)
        now = time.monotonic()
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and now - hit[0] < self.ttl:
                self.entries.move_to_end(key)
                return hit[1]
        value = compute()
        with self.lock:
            self.entries[key] = (now, value)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def count(self, store: Store, flt: EventFilter) -> int:
        key = ("count", *(v for k, v in flt.__dict__.items() if k not in ("limit", "offset")))
        return self.get(key, lambda: store.count_events(flt))


def count_events(request: Request, store: Store, flt: EventFilter) -> int:
    cache = getattr(request.app.state, "cache", None)
    return cache.count(store, flt) if cache is not None else store.count_events(flt)


def cached(request: Request, key: tuple, compute):
    cache = getattr(request.app.state, "cache", None)
    return cache.get(key, compute) if cache is not None else compute()


def reject_unknown_params(request: Request) -> None:
    """Refuse query parameters the route does not declare, naming them and the accepted ones."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    allowed = getattr(route, "_kilde_params", None)
    if allowed is None:
        allowed = set()
        pending = [route.dependant]
        while pending:
            dependant = pending.pop()
            allowed.update(p.alias for p in dependant.query_params)
            pending.extend(dependant.dependencies)
        route._kilde_params = allowed
    unknown = sorted(set(request.query_params.keys()) - allowed)
    if unknown:
        raise invalid(unknown[0], f"unknown query parameter {unknown[0]!r}; accepted: {', '.join(sorted(allowed))}")


def _clean(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if _CONTROL.search(value):
        raise invalid(name, "must not contain control characters")
    value = value.strip()
    return value or None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise invalid("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise invalid("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if any(v != v or v in (float("inf"), float("-inf")) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise invalid("bbox", "coordinates must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise invalid("bbox", "longitudes must lie in [-180, 180]")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise invalid("bbox", "latitudes must lie in [-90, 90]")
    if min_lon > max_lon or min_lat > max_lat:
        raise invalid("bbox", "min_lon must not exceed max_lon, nor min_lat max_lat")
    return min_lon, min_lat, max_lon, max_lat


def event_filter(
    type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="ACLED event type, e.g. Battles")] = None,
    sub_type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="part of an actor's name")] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM, description="part of a place name")] = None,
    bbox: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM,
                                      description="min_lon,min_lat,max_lon,max_lat")] = None,
    since: Annotated[date | None, Query(description="events ending on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="events starting on or before this day (YYYY-MM-DD)")] = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM,
                                      description="words in the reporting article (full-text)")] = None,
    verified_only: Annotated[bool, Query(description="leave out hedged, unconfirmed or denied reports")] = False,
    include_historical: Annotated[bool, Query(description="also historical, negated, hypothetical")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> EventFilter:
    if since and until and since > until:
        raise invalid("since", "since must not be after until")
    return EventFilter(
        event_type=_clean("type", type), sub_event_type=_clean("sub_type", sub_type),
        actor=_clean("actor", actor), place=_clean("place", place), bbox=parse_bbox(bbox),
        since=since, until=until, text=_clean("text", text), verified_only=verified_only,
        include_historical=include_historical, limit=limit, offset=offset,
    )


def export_filter(
    type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    sub_type: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    bbox: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    since: date | None = None,
    until: date | None = None,
    text: Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)] = None,
    verified_only: bool = False,
    include_historical: bool = False,
) -> EventFilter:
    """The event filters without paging: an export writes every matching event."""
    return event_filter(type, sub_type, actor, place, bbox, since, until, text, verified_only,
                        include_historical, limit=MAX_LIMIT, offset=0)


# ------------------------------------------------------------------ response models


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    has_more: bool
    items: list[Event]


class MapPoint(BaseModel):
    """A compact event for the map and timeline."""

    id: str
    kind: str  # "report" or "merged"
    link_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_category: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    uncertain: bool = False
    sources: int = 0
    fatalities: int | None = None
    historical: bool = False


class MapPage(BaseModel):
    total: int | None
    limit: int
    offset: int
    has_more: bool
    items: list[MapPoint]


class MergedPage(BaseModel):
    limit: int
    offset: int
    has_more: bool
    items: list[MergedEvent]


class ArticleMeta(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


class HighlightOut(BaseModel):
    start: int
    end: int
    kind: str
    text: str
    label: str = ""


class ReportOut(BaseModel):
    event: Event
    article: ArticleMeta
    verified: bool
    highlights: list[HighlightOut]
    claims: list[Claim]


class EventDetail(BaseModel):
    event: Event
    verified: bool
    article: Article | None
    claims: list[Claim] = Field(description="all claims in the reporting article")
    linked_claim_ids: list[str]
    chains: list[list[str]] = Field(description="relay chains of the claims the event rests on")
    sources: list[str]
    highlights: list[HighlightOut]
    merged: MergedEvent | None
    reports: list[ReportOut] = Field(description="the other articles' reports of the same merged event")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    date: str | None = Field(default=None, max_length=64, description="YYYY, YYYY-MM, YYYY-MM-DD or with HH:MM")
    source: str | None = Field(default=None, max_length=500)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    language: str | None = Field(default=None, max_length=20, description="nb, nn or en; detected when absent")

    model_config = {"extra": "forbid"}


class IngestedArticle(BaseModel):
    id: str
    duplicate: bool
    events: list[str]
    claims: int


class IngestResponse(BaseModel):
    added: int
    duplicates: int
    articles: list[IngestedArticle]


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    plover_jsonl = "plover-jsonl"


EXPORT_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "kilde-events.csv"),
    "geojson": ("application/geo+json", "kilde-events.geojson"),
    "plover-jsonl": ("application/x-ndjson", "kilde-events.jsonl"),
}


# ------------------------------------------------------------------ shared helpers


def article_meta(article: Article | None, article_id: str = "") -> ArticleMeta:
    if article is None:
        return ArticleMeta(id=article_id)
    return ArticleMeta(id=article.id, title=article.title, source=article.source, url=article.url,
                       published=article.published_label, language=article.language)


def event_detail(store: Store, event: Event, max_reports: int = 20) -> EventDetail:
    """An event with what it rests on: its article, claims, highlights, merged event and sibling reports."""
    result = store.get_result(event.article_id)
    article = result.article if result else store.get_article(event.article_id)
    claims = result.claims if result else []
    text = article.text if article else ""
    linked = set(event.claim_ids)
    chains = [c.relay or [x for x in (c.speaker,) if x] for c in claims if c.id in linked]
    merged = store.merged_event_for(event.id)
    reports: list[ReportOut] = []
    if merged:
        for report_id in merged.report_ids:
            if report_id == event.id or len(reports) >= max_reports:
                continue
            other = store.get_event(report_id)
            if other is None:
                continue
            other_result = store.get_result(other.article_id)
            other_claims = other_result.claims if other_result else []
            other_text = other_result.article.text if other_result else ""
            reports.append(ReportOut(
                event=other,
                article=article_meta(other_result.article if other_result else None, other.article_id),
                verified=is_verified(other, other_claims),
                highlights=[HighlightOut(**h.to_dict()) for h in event_highlights(other, other_text, other_claims)],
                claims=[c for c in other_claims if c.id in set(other.claim_ids)],
            ))
    return EventDetail(
        event=event, verified=is_verified(event, claims), article=article, claims=claims,
        linked_claim_ids=[c for c in event.claim_ids], chains=chains,
        sources=list(merged.sources) if merged and merged.sources else list(event.sources),
        highlights=[HighlightOut(**h.to_dict()) for h in event_highlights(event, text, claims)],
        merged=merged, reports=reports,
    )


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def map_point(event: Event, kind: str = "report", merged: MergedEvent | None = None) -> MapPoint:
    time = event.time
    name = lambda a: a and (a.canonical_name or a.text)  # noqa: E731
    if merged is not None:
        sources = merged.corroboration or len(merged.sources) or len(merged.report_ids)
        ident, link = merged.id, (merged.report_ids[0] if merged.report_ids else "")
    else:
        sources = len(event.sources) or 1
        ident, link = event.id, event.id
    return MapPoint(
        id=ident, kind=kind, link_id=link, event_type=event.event_type, sub_event_type=event.sub_event_type,
        plover_category=event.plover_category,
        actor1=name(event.actor1), actor2=name(event.actor2),
        place=event.place and (event.place.name or event.place.text),
        lat=event.place.latitude if event.place else None, lon=event.place.longitude if event.place else None,
        start=_iso(time.start) if time else None, end=_iso(time.end) if time else None,
        precision=time.precision if time else None, uncertain=bool(time and time.uncertain),
        sources=sources, fatalities=event.fatalities_best, historical=not event.current,
    )


def json_response(model: BaseModel, status_code: int = 200) -> Response:
    """Serialise in pydantic's Rust core; skips FastAPI's re-validation of a model we just built."""
    return Response(model.model_dump_json(), status_code=status_code, media_type="application/json")


# ------------------------------------------------------------------ routes


def build_router(write_enabled: bool) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(reject_unknown_params)])

    @router.get("/events", response_model=EventPage, summary="List events (one per reporting article)")
    def list_events(request: Request, flt: EventFilter = Depends(event_filter),
                    store: Store = Depends(get_store)) -> Response:
        # The stored JSON of each event is already the Event schema: pass it through rather than parse
        # and re-serialise every record (most of this route's CPU time under load).
        items = store.list_events_json(flt)
        total = count_events(request, store, flt)
        head = json.dumps({"total": total, "limit": flt.limit, "offset": flt.offset,
                           "has_more": flt.offset + len(items) < total})
        return Response(f'{head[:-1]}, "items": [{",".join(items)}]}}', media_type="application/json")

    @router.get("/map-points", response_model=MapPage,
                summary="Compact events or merged events for the map and timeline")
    def map_points(
        request: Request,
        flt: EventFilter = Depends(event_filter),
        view: Annotated[str, Query(pattern="^(reports|merged)$", description="reports or merged")] = "reports",
        store: Store = Depends(get_store),
    ) -> Response:
        if view == "merged":
            page = EventFilter(**{**flt.__dict__, "limit": flt.limit + 1})
            merged = store.list_merged_events(page)
            items = [map_point(m.event, "merged", m) for m in merged[: flt.limit]]
            return json_response(MapPage(total=None, limit=flt.limit, offset=flt.offset,
                                         has_more=len(merged) > flt.limit, items=items))
        events = store.list_events(flt)
        total = count_events(request, store, flt)
        return json_response(MapPage(total=total, limit=flt.limit, offset=flt.offset,
                                     has_more=flt.offset + len(events) < total,
                                     items=[map_point(e) for e in events]))

    @router.get("/events/{event_id}", response_model=EventDetail,
                summary="One event with its article's claims, sources, evidence offsets and sibling reports")
    def get_event(event_id: Annotated[str, _id_path()], store: Store = Depends(get_store)) -> Response:
        event = store.get_event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return json_response(event_detail(store, event))

    @router.get("/merged-events", response_model=MergedPage, summary="List merged (cross-article) events")
    def list_merged(flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store)) -> Response:
        page = EventFilter(**{**flt.__dict__, "limit": flt.limit + 1})
        merged = store.list_merged_events(page)
        return json_response(MergedPage(limit=flt.limit, offset=flt.offset, has_more=len(merged) > flt.limit,
                                        items=merged[: flt.limit]))

    @router.get("/merged-events/{merged_id}", response_model=MergedEvent, summary="One merged event")
    def get_merged(merged_id: Annotated[str, _id_path()], store: Store = Depends(get_store)) -> Response:
        merged = store.get_merged_event(merged_id)
        if merged is None:
            raise HTTPException(404, f"no merged event {merged_id!r}")
        return json_response(merged)

    @router.get("/articles/{article_id}", summary="An article with all its extracted records")
    def get_article(article_id: Annotated[str, _id_path()], store: Store = Depends(get_store)) -> Response:
        result = store.get_result(article_id)
        if result is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return json_response(result)

    @router.get("/actors", summary="Actors by number of current events")
    def actors(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200,
               store: Store = Depends(get_store)) -> list[dict[str, Any]]:
        return cached(request, ("actors", limit), lambda: store.actors(limit=limit))

    @router.get("/places", summary="Resolved places by number of mentions")
    def places(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200,
               store: Store = Depends(get_store)) -> list[dict[str, Any]]:
        return cached(request, ("places", limit), lambda: store.places(limit=limit))

    @router.get("/search", summary="Full-text search over articles, and the events they report")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT_PARAM, description="words to find")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        include_historical: bool = True,
        store: Store = Depends(get_store),
    ) -> dict[str, Any]:
        query = _clean("q", q)
        if not query:
            raise invalid("q", "must contain a word")
        hits = store.search_articles(query, limit=limit)
        events = store.list_events(EventFilter(text=query, include_historical=include_historical, limit=limit))
        return {
            "query": query,
            "articles": [{**article_meta(a).model_dump(), "snippet": snippet} for a, snippet in hits],
            "events": [map_point(e).model_dump() for e in events],
        }

    @router.get("/export", summary="Export the filtered events (at most 20,000) as ACLED CSV, GeoJSON or "
                                   "PLOVER JSONL")
    def export(
        request: Request,
        format: Annotated[ExportFormat, Query(description="acled-csv, geojson or plover-jsonl")],
        flt: EventFilter = Depends(export_filter),
        store: Store = Depends(get_store),
    ) -> Response:
        from kilde.export import write_export

        matching = count_events(request, store, flt)
        if matching > MAX_EXPORT:  # ~0.35 ms and up to 1.4 kB per event: keep one request bounded
            raise invalid("format", f"{matching} events match; narrow the filters to at most {MAX_EXPORT} "
                                    "(type, since/until, bbox, ...) or use `kilde export` for everything")
        buffer = io.StringIO()
        write_export(store, format.value, buffer, flt)
        media, filename = EXPORT_MEDIA[format.value]
        return Response(buffer.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    if write_enabled:
        @router.post("/articles", response_model=IngestResponse, status_code=200,
                     summary="Ingest and process one or many articles (needs the bearer write token)",
                     dependencies=[Depends(require_token)])
        def post_articles(
            body: Annotated[ArticleIn | list[ArticleIn], Body(description="one article or a list of them")],
            store: Store = Depends(get_store),
        ) -> Response:
            return json_response(ingest(store, body if isinstance(body, list) else [body]))

    return router


def _id_path():
    from fastapi import Path as PathParam

    return PathParam(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")


def check_write(headers, expected: str) -> tuple[int, str] | None:
    """Bearer auth for writes: (401, why) without credentials, (403, why) with the wrong ones, (413, why) for
    huge bodies; None when the write may go ahead."""
    header = headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not token.strip():
        return 401, "a bearer token is required: Authorization: Bearer <token>"
    if not hmac.compare_digest(token.strip().encode("utf-8"), expected.encode("utf-8")):
        return 403, "the token is not valid for writing"
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return 413, f"request body over {MAX_BODY_BYTES // 1_000_000} MB; send fewer articles at once"
    return None


def require_token(request: Request) -> None:
    refusal = check_write(request.headers, request.app.state.write_token)
    if refusal is not None:
        status, message = refusal
        raise HTTPException(status, message, headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


class WriteGuard:
    """ASGI middleware that refuses an unauthorised POST /api/articles before its body is read
    (FastAPI reads and parses a body before it runs a route's dependencies)."""

    def __init__(self, app, token: str):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/") == "/api/articles":
            from starlette.datastructures import Headers
            from starlette.responses import JSONResponse

            refusal = check_write(Headers(scope=scope), self.token)
            if refusal is not None:
                status, message = refusal
                headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
                await JSONResponse({"detail": message}, status_code=status, headers=headers)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def ingest(store: Store, items: list[ArticleIn]) -> IngestResponse:
    """make_article -> store -> kilde.pipeline.extract_articles -> store, for new articles only."""
    from kilde.ingest.article import make_article
    from kilde.ingest.errors import InputError
    from kilde.pipeline import PIPELINE_VERSION, extract_articles

    if not items:
        raise invalid("body", "no articles given", where="body")
    if len(items) > MAX_BATCH:
        raise invalid("body", f"at most {MAX_BATCH} articles per request", where="body")
    articles = []
    for n, item in enumerate(items):
        try:
            articles.append(make_article(item.text, published=item.date, language=item.language,
                                         source=item.source, title=item.title, url=item.url,
                                         origin=f"api:{n}"))
        except InputError as exc:
            raise invalid(str(n), str(exc), where="body") from None
    fresh = [a for a in articles if store.get_article(a.id) is None]
    fresh = list({a.id: a for a in fresh}.values())
    # Extract before writing: if a stage fails, nothing is stored and the client can retry.
    results = {r.article.id: r for r in extract_articles(fresh)}
    report = store.add_articles(fresh)
    store.save_results(results.values(), PIPELINE_VERSION)
    if results:
        from kilde.operations import merge_store

        merge_store(store)  # new reports may corroborate events already stored
    out = []
    seen: set[str] = set()
    for article in articles:
        result = results.get(article.id) if article.id not in seen else None
        seen.add(article.id)
        if result is None:
            stored = store.get_result(article.id)
            out.append(IngestedArticle(id=article.id, duplicate=True,
                                       events=[e.id for e in stored.events] if stored else [],
                                       claims=len(stored.claims) if stored else 0))
        else:
            out.append(IngestedArticle(id=article.id, duplicate=False, events=[e.id for e in result.events],
                                       claims=len(result.claims)))
    return IngestResponse(added=report.added, duplicates=len(articles) - report.added, articles=out)
