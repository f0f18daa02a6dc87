"""The one place the stages are strung together: Article -> ExtractionResult.

The CLI, the HTTP write endpoint and the distributed runner all call
``extract_article``/``extract_articles`` so every entry point gives the same result.
Each extractor has the same shape, ``(doc, article, result) -> list[record]``,
and sees what the stages before it found in ``result``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

from kilde.events.detect import detect_events
from kilde.extract.claims import extract_claims
from kilde.extract.mentions import extract_mentions
from kilde.extract.places import extract_places
from kilde.extract.quantities import extract_quantities
from kilde.extract.times import extract_times
from kilde.model import Article, ExtractionResult
from kilde.nlp import parse, parse_many

Extractor = Callable[[Doc, Article, ExtractionResult], list[Any]]

# (field of ExtractionResult, extractor), in the order they run.
STAGES: list[tuple[str, Extractor]] = [
    ("mentions", extract_mentions),
    ("times", extract_times),
    ("quantities", extract_quantities),
    ("places", extract_places),
    ("claims", extract_claims),
    ("events", detect_events),
]

PIPELINE_VERSION = "1"


def run_stages(doc: Doc, article: Article) -> ExtractionResult:
    result = ExtractionResult(article=article)
    for field, extractor in STAGES:
        setattr(result, field, extractor(doc, article, result))
        result.assign_ids()
    return result


def extract_article(article: Article) -> ExtractionResult:
    return run_stages(parse(article.text, article.language), article)


def extract_articles(articles: Iterable[Article]) -> Iterator[ExtractionResult]:
    """Like ``extract_article`` over many articles, batching the NLP per language."""
    for article, doc in parse_many(articles):
        yield run_stages(doc, article)
