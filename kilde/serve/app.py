"""The web app: JSON API under /api, server-rendered pages, offline static files.

``create_app(db_path, write_token=None)`` builds a FastAPI app over one kilde
store. Each worker thread gets its own SQLite connection (WAL lets readers run
beside a writer), so requests never share a connection. Without a write token
the app is read-only: the POST route is simply not registered.
"""

from __future__ import annotations

import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kilde.store import Store, open_store

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


class StoreProvider:
    """One store (SQLite connection) per thread, all closed at shutdown."""

    def __init__(self, db_path: str | Path):
        self.db_path = str(db_path)
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        # Open (and migrate) once up front so a bad path fails at start-up, not on the first request.
        self.get()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db_path)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing at shutdown must not raise
                    pass
            self._all.clear()


def create_app(db_path: str | Path, write_token: str | None = None, tile_url: str | None = None) -> FastAPI:
    """The kilde web app over the store at ``db_path``; POST /api/articles only with ``write_token``."""
    from kilde.serve import api, pages
    from kilde.serve.api import StoreCache, WriteGuard

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.stores.close()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served below from the vendored Swagger UI, not a CDN
        redoc_url=None,
        title="kilde",
        description="Source-attributed event database built from dated news articles: events, claims, "
        "places and times, each traceable to the text it came from.",
        version="1",
    )
    app.state.stores = StoreProvider(db_path)
    app.state.cache = StoreCache(str(db_path))
    app.state.write_token = write_token or None
    app.state.tile_url = tile_url if tile_url is not None else os.environ.get("KILDE_TILE_URL") or None
    app.state.tile_attribution = os.environ.get("KILDE_TILE_ATTRIBUTION", "")

    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)  # level 9 costs ~7 ms a page
    if app.state.write_token:
        app.add_middleware(WriteGuard, token=app.state.write_token)
    app.include_router(api.build_router(write_enabled=bool(app.state.write_token)))
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="kilde API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},  # no badge from validator.swagger.io
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": errors}, status_code=422)
        return pages.error_page(request, 422, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                                         for e in errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    return app


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory kilde.serve.app:create_app_from_env`` (KILDE_DB, KILDE_WRITE_TOKEN)."""
    from kilde.store import default_db

    return create_app(default_db(), write_token=os.environ.get("KILDE_WRITE_TOKEN") or None)
