"""Times extraction (issue #4 fills this in)."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, ExtractionResult, TimeSpan


def extract_times(doc: Doc, article: Article, result: ExtractionResult) -> list[TimeSpan]:
    return []
