"""Quantities extraction (issue #4 fills this in)."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, ExtractionResult, Quantity


def extract_quantities(doc: Doc, article: Article, result: ExtractionResult) -> list[Quantity]:
    return []
