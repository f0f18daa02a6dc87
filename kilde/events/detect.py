"""Event detection (issue #5 fills this in)."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, Event, ExtractionResult


def detect_events(doc: Doc, article: Article, result: ExtractionResult) -> list[Event]:
    return []
