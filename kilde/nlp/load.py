"""Load the shipped pipelines offline and run them over article text.

Models live in ``kilde/nlp/models/<lang>`` (trained by ``training/``). Where a
language has no trained model, a blank pipeline with a rule-based sentencizer
stands in so the rest of kilde still runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kilde.model import Article

MODELS_DIR = Path(__file__).parent / "models"
log = logging.getLogger(__name__)

# Which model serves which article language, in order of preference.
MODEL_FOR_LANGUAGE = {"nb": ["nb", "nn"], "nn": ["nn", "nb"], "en": ["en"], "other": []}
BLANK_FOR_LANGUAGE = {"nb": "nb", "nn": "nb", "en": "en"}


@lru_cache(maxsize=8)
def load(lang: str) -> Language:
    for name in MODEL_FOR_LANGUAGE.get(lang, []):
        path = MODELS_DIR / name
        if (path / "meta.json").exists():
            return spacy.load(path)
    log.warning("no trained pipeline for %r; using a blank pipeline with a sentencizer", lang)
    nlp = spacy.blank(BLANK_FOR_LANGUAGE.get(lang, "xx"))
    nlp.add_pipe("sentencizer")
    return nlp


def parse(text: str, language: str) -> Doc:
    return load(language)(text)


def parse_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    for article in articles:
        yield article, parse(article.text, article.language)
