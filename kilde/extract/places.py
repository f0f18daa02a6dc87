"""Places extraction (issue #4 fills this in)."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, ExtractionResult, Place


def extract_places(doc: Doc, article: Article, result: ExtractionResult) -> list[Place]:
    return []
