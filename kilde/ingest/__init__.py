"""Readers: files, feeds and streams -> Article. No NLP here."""

from kilde.ingest.article import make_article, parse_published
from kilde.ingest.errors import Rejected
from kilde.ingest.readers import ReadOptions, read_paths

__all__ = ["make_article", "parse_published", "Rejected", "ReadOptions", "read_paths"]
