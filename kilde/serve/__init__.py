"""The HTTP side of kilde: a FastAPI app with a JSON API and offline map/timeline/evidence pages.

    kilde serve --db kilde.db                        read-only, http://127.0.0.1:8000/
    kilde serve --write-token "$TOKEN"               also POST /api/articles (Authorization: Bearer $TOKEN)
    python -m kilde.serve.demo demo.db               a five-article demo store to look at

Environment: KILDE_DB, KILDE_WRITE_TOKEN, KILDE_TILE_URL (an online tile URL
template such as ``https://tile.example.org/{z}/{x}/{y}.png``; without it the
map draws the bundled Natural Earth outlines and needs no network) and
KILDE_TILE_ATTRIBUTION. API documentation: /docs (vendored Swagger UI) and
/openapi.json. Pages: / (map + timeline), /events/{id}, /articles/{id},
/search?q=, each in Bokmål or English (?lang=nb|en).
"""

from __future__ import annotations

from kilde.serve.app import create_app

__all__ = ["create_app"]
