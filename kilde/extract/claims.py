"""Claims extraction (issue #4 fills this in)."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, ExtractionResult, Claim


def extract_claims(doc: Doc, article: Article, result: ExtractionResult) -> list[Claim]:
    return []
