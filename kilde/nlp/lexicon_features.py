"""Name-list features for the NER model: does a capitalised token start or continue a known name?

NorNE's train split shows each place and person name only a few times; a held-out text names
villages, foreign cities and people the model has never seen. Telling the model that
"Skjervøy" is a GeoNames place, "Aleppo" a big city and "Ingrid" a first name gives it
evidence that generalises past the training vocabulary. The lists come from kilde's
gazetteer and from Faker's person names (``scripts/build_ner_lexicon.py``) and ship with
kilde, so a trained model always sees the same features at run time.

Word-frequency columns (``kilde.LexiconMultiHashEmbed.v2``): the Zipf-frequency bucket of the
lower-cased token in wordfreq's Norwegian Bokmål list, and whether a capitalised token's lower-cased
form is a common word (probably a sentence-initial ordinary word, not a name). They tell the model
whether an unseen capitalised word is an ordinary Norwegian word or a rare one. The table is built
by ``scripts/build_word_freq.py`` into ``kilde/data/word_freq_nb.tsv.gz`` (1.3 MB), so a model
that uses them does not need wordfreq at run time. They measured no gain on NorNE dev
(training/README.md), so the shipped NER uses v1 and the table is not committed.

Person-name columns (``kilde.LexiconMultiHashEmbed.v3``): how common a capitalised token is as a first and
as a last name worldwide (``kilde/nlp/person_names.py``: 1.47 million names ranked in 105 countries, far more
than Faker's lists), in three rank buckets each.

The layers have no weights: ``kilde.LexiconMultiHashEmbed.v1`` (name lists), ``.v2`` (name lists and word
frequencies) and ``.v3`` (name lists and person names) concatenate their 0/1 columns with spaCy's hash
embeddings before the tok2vec encoder.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LOWER
from spacy.ml.models import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d

from kilde.nlp.person_names import load_person_names

LEXICON = Path(__file__).resolve().parents[1] / "data" / "ner_lexicon.tsv.gz"
WORD_FREQ = Path(__file__).resolve().parents[1] / "data" / "word_freq_nb.tsv.gz"

# Letters in the lexicon file. Place categories are matched over up to MAX_NAME_TOKENS tokens
# and give a begin and an inside column each; person names are single tokens.
PLACE_CATEGORIES = "cabpr"  # country, admin region, big city, populated place, region/continent
PERSON_CATEGORIES = "fl"  # first name, last name
MAX_NAME_TOKENS = 4
N_FEATURES = 2 * len(PLACE_CATEGORIES) + len(PERSON_CATEGORIES) + 1  # + "capitalised, not in any list"


# Word-frequency columns: Zipf buckets (unseen, <2, 2-3, 3-4, 4-5, >=5; Zipf 3 = once per million words)
# of the lower-cased form, then "capitalised, and the lower-cased form has Zipf >= COMMON_ZIPF".
# The table stores Zipf * 10 as an integer.
ZIPF_BUCKETS = (20, 30, 40, 50)  # upper bounds (Zipf * 10) of the buckets after "unseen"
COMMON_ZIPF = 35
N_FREQ_FEATURES = 1 + len(ZIPF_BUCKETS) + 1 + 1
CAPITALISED_COMMON_COLUMN = N_FREQ_FEATURES - 1


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON) -> dict[str, str]:
    """Lower-cased name -> category letters."""
    lexicon: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            name, _, categories = line.rstrip("\n").partition("\t")
            lexicon[name] = categories
    return lexicon


@lru_cache(maxsize=1)
def load_word_freq(path: Path = WORD_FREQ) -> dict[str, int]:
    """Lower-cased word -> its Zipf frequency * 10 in wordfreq's Norwegian Bokmål list."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: pip install wordfreq==3.1.1 && python scripts/build_word_freq.py "
            "(only the word-frequency experiment, kilde.LexiconMultiHashEmbed.v2, reads it; see training/README.md)"
        )
    table: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, _, zipf10 = line.rstrip("\n").partition("\t")
            table[word] = int(zipf10)
    return table


def _bucket(zipf10: int) -> int:
    for column, bound in enumerate(ZIPF_BUCKETS, start=1):
        if zipf10 < bound:
            return column
    return len(ZIPF_BUCKETS) + 1


# Zipf * 10 -> bucket column, for every value the table holds (0..99).
_BUCKET_OF = [_bucket(z) for z in range(100)]


def frequency_features(doc: Doc, table: dict[str, int] | None = None) -> numpy.ndarray:
    """One row of 0/1 word-frequency features per token (see the module docstring)."""
    table = load_word_freq() if table is None else table
    features = numpy.zeros((len(doc), N_FREQ_FEATURES), dtype="float32")
    bucket_of = _BUCKET_OF
    for i, token in enumerate(doc):
        text = token.text
        zipf10 = table.get(text.lower())
        if zipf10 is None:
            features[i, 0] = 1.0
            continue
        features[i, bucket_of[min(max(zipf10, 0), 99)]] = 1.0
        if zipf10 >= COMMON_ZIPF and text[:1].isupper():
            features[i, CAPITALISED_COMMON_COLUMN] = 1.0
    return features


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


def frequency_lexicon_features() -> Model[list[Doc], list[Floats2d]]:
    return Model("kilde_frequency_lexicon_features", _forward_with_frequency, dims={"nO": N_FEATURES + N_FREQ_FEATURES})


def _forward_with_frequency(model: Model, docs: list[Doc], is_train: bool):
    lexicon = load_lexicon()
    table = load_word_freq()
    rows = [
        model.ops.asarray2f(numpy.hstack((doc_features(doc, lexicon), frequency_features(doc, table))))
        for doc in docs
    ]
    return rows, lambda d_rows: []


N_PERSON_FEATURES = 6  # first-name rank bucket 1-3, last-name rank bucket 1-3


def person_name_columns(doc: Doc) -> numpy.ndarray:
    """One row of 0/1 person-name columns per token: only capitalised tokens the list knows get any."""
    names = load_person_names()
    features = numpy.zeros((len(doc), N_PERSON_FEATURES), dtype="float32")
    if not len(doc):
        return features
    keys = (doc.to_array(LOWER) & 0xFFFFFFFF).astype(numpy.uint32)  # spaCy's hash of the lower-cased text
    at = numpy.minimum(numpy.searchsorted(names.hashes, keys), len(names.hashes) - 1)
    capitalised = numpy.fromiter((t.text[:1].isupper() for t in doc), dtype=bool, count=len(doc))
    found = numpy.flatnonzero((names.hashes[at] == keys) & capitalised)
    codes = names.codes[at[found]].astype(numpy.int64)
    first, last = codes >> 2, codes & 3
    features[found[first > 0], first[first > 0] - 1] = 1.0
    features[found[last > 0], 3 + last[last > 0] - 1] = 1.0
    return features


def person_lexicon_features() -> Model[list[Doc], list[Floats2d]]:
    return Model("kilde_person_lexicon_features", _forward_with_person_names,
                 dims={"nO": N_FEATURES + N_PERSON_FEATURES})


def _forward_with_person_names(model: Model, docs: list[Doc], is_train: bool):
    lexicon = load_lexicon()
    rows = [model.ops.asarray2f(numpy.hstack((doc_features(doc, lexicon), person_name_columns(doc)))) for doc in docs]
    return rows, lambda d_rows: []


def _hashed_with(
    columns: Model[list[Doc], list[Floats2d]],
    n_columns: int,
    width: int,
    attrs: list[str],
    rows: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed plus 0/1 feature columns, mixed back to ``width`` by a maxout layer."""
    hashed = MultiHashEmbed(width=width, attrs=attrs, rows=rows, include_static_vectors=include_static_vectors)
    mix = Maxout(width, width + n_columns, nP=3, normalize=True, dropout=0.0)
    return chain(concatenate(hashed, columns), with_array(mix))


@registry.architectures("kilde.LexiconMultiHashEmbed.v1")
def lexicon_multi_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed plus the name-list columns."""
    return _hashed_with(lexicon_features(), N_FEATURES, width, attrs, rows, include_static_vectors)


@registry.architectures("kilde.LexiconMultiHashEmbed.v2")
def frequency_lexicon_multi_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Floats2d]]:
    """As v1, plus the word-frequency columns (Zipf bucket, capitalised common word)."""
    columns = frequency_lexicon_features()
    return _hashed_with(columns, N_FEATURES + N_FREQ_FEATURES, width, attrs, rows, include_static_vectors)


@registry.architectures("kilde.LexiconMultiHashEmbed.v3")
def person_lexicon_multi_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    include_static_vectors: bool,
) -> Model[list[Doc], list[Floats2d]]:
    """As v1, plus the person-name columns (first- and last-name rank buckets)."""
    columns = person_lexicon_features()
    return _hashed_with(columns, N_FEATURES + N_PERSON_FEATURES, width, attrs, rows, include_static_vectors)
