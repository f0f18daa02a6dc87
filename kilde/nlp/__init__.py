"""Norwegian (and later English) spaCy pipelines: text -> Doc. No kilde records here."""

from kilde.nlp.load import load, parse, parse_many

__all__ = ["load", "parse", "parse_many"]
