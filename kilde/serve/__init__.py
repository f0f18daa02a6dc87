"""The HTTP side of kilde: a FastAPI app with a JSON API and offline map/timeline/evidence pages."""

from __future__ import annotations

from kilde.serve.app import create_app

__all__ = ["create_app"]
