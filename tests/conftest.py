"""Shared fixtures: the project lead's data beside the checkout, temporary stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KILDE_SHARED", ROOT.parent / "shared"))
ARTICLES_JSONL = SHARED / "data" / "articles" / "norne-articles.jsonl"
NORNE = SHARED / "data" / "norne"
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"


def shared_articles() -> dict[str, dict]:
    """The project lead's real articles by id; skips the test where ../shared is absent."""
    if not ARTICLES_JSONL.exists():
        pytest.skip(f"shared articles not found at {ARTICLES_JSONL} (set KILDE_SHARED)")
    with ARTICLES_JSONL.open(encoding="utf-8") as handle:
        return {obj["id"]: obj for obj in map(json.loads, handle)}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kilde.db"
