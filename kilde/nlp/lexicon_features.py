"""Name-list features for the NER model: does a capitalised token start or continue a known name?

NorNE's train split shows each place and person name only a few times; a held-out text names
villages, foreign cities and people the model has never seen. Telling the model that
"Skjervøy" is a GeoNames place, "Aleppo" a big city and "Ingrid" a first name gives it
evidence that generalises past the training vocabulary. The lists come from kilde's
gazetteer and from Faker's person names (``scripts/build_ner_lexicon.py``) and ship with
kilde, so a trained model always sees the same features at run time.

The layer has no weights: ``kilde.LexiconMultiHashEmbed.v1`` concatenates its 0/1 columns
with spaCy's hash embeddings before the tok2vec encoder.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.ml.models import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d

LEXICON = Path(__file__).resolve().parents[1] / "data" / "ner_lexicon.tsv.gz"

# Letters in the lexicon file. Place categories are matched over up to MAX_NAME_TOKENS tokens
# and give a begin and an inside column each; person names are single tokens.
PLACE_CATEGORIES = "cabpr"  # country, admin region, big city, populated place, region/continent
PERSON_CATEGORIES = "fl"  # first name, last name
MAX_NAME_TOKENS = 4
N_FEATURES = 2 * len(PLACE_CATEGORIES) + len(PERSON_CATEGORIES) + 1  # + "capitalised, not in any list"


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> dict[str, str]:
    """Lower-cased name -> category letters."""
    lexicon: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            name, _, categories = line.rstrip("\n").partition("\t")
            lexicon[name] = categories
    return lexicon


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def doc_features(doc: Doc, lexicon: dict[str, str] | None = None) -> numpy.ndarray:
    """One row of 0/1 features per token (see the module docstring)."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    features = numpy.zeros((len(doc), N_FEATURES), dtype="float32")
    words = [token.text for token in doc]
    lowered = [word.lower() for word in words]
    n = len(words)
    unknown_column = N_FEATURES - 1
    i = 0
    while i < n:
        if not _capitalised(words[i]):
            i += 1
            continue
        matched = 0
        for length in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
            categories = lexicon.get(" ".join(lowered[i : i + length]))
            if categories is None:
                continue
            places = [c for c in categories if c in PLACE_CATEGORIES]
            if places:
                for c in places:
                    column = 2 * PLACE_CATEGORIES.index(c)
                    features[i, column] = 1.0
                    features[i + 1 : i + length, column + 1] = 1.0
                matched = max(matched, length)
            if length == 1:
                for c in categories:
                    if c in PERSON_CATEGORIES:
                        features[i, 2 * len(PLACE_CATEGORIES) + PERSON_CATEGORIES.index(c)] = 1.0
                        matched = max(matched, 1)
            if matched:
                break
        if not matched:
            features[i, unknown_column] = 1.0
        i += max(matched, 1)
    return features


def lexicon_features() -> Model[list[Doc], list[Floats2d]]:
    return Model("kilde_lexicon_features", _forward, dims={"nO": N_FEATURES})


def _forward(model: Model, docs: list[Doc], is_train: bool):
    lexicon = load_lexicon()
    rows = [model.ops.asarray2f(doc_features(doc, lexicon)) for doc in docs]
    return rows, lambda d_rows: []


@registry.architectures("kilde.LexiconMultiHashEmbed.v1")
def lexicon_multi_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed plus the name-list columns, mixed back to ``width`` by a maxout layer."""
    hashed = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=include_static_vectors)
    mix = Maxout(width, width + N_FEATURES, nP=3, normalize=True, dropout=0.0)
    return chain(concatenate(hashed, lexicon_features()), with_array(mix))
