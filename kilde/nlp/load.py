"""Load the shipped pipelines offline and run them over article text.

Models live in ``kilde/nlp/models/<lang>`` (trained by ``training/``, see
``make train-nb``). Where a language has no trained model, a blank pipeline
with a rule-based sentencizer stands in so the rest of kilde still runs.

After ``spacy.load`` we re-apply kilde's tokenizer rules (so edits to
``kilde/lang/*/abbreviations.yaml`` take effect without retraining) and add a
tiny component that starts a sentence after a line break: kilde joins an
article's paragraphs and headline with newlines, and the parser was trained on
running text without them.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import DEP, MORPH, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc

import kilde.nlp.entity_typer  # noqa: F401  (registers the kilde_entity_typer component)
import kilde.nlp.name_repeats  # noqa: F401  (registers the kilde_name_repeats component)
from kilde.model import Article
from kilde.nlp.tokenizer import customize_tokenizer

MODELS_DIR = Path(__file__).parent / "models"
ENTITY_TYPER_DIR = MODELS_DIR / "entity_typer"
log = logging.getLogger(__name__)

# Which model serves which article language, in order of preference.
MODEL_FOR_LANGUAGE = {"nb": ["nb", "nn"], "nn": ["nn", "nb"], "en": ["en"], "other": []}
BLANK_FOR_LANGUAGE = {"nb": "nb", "nn": "nb", "en": "en"}

# Texts longer than this are parsed in pieces (split at paragraph, then
# sentence, then word boundaries) and joined; offsets stay those of the text.
CHUNK_CHARS = 100_000


@Language.component("kilde_newline_sents")
def newline_sents(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break (headline, paragraphs)."""
    if "\n" not in doc.text:
        return doc
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[token.i + 1]
            if nxt.is_space:
                continue
            nxt.is_sent_start = True
            if token.is_space and token.i > 0:
                token.is_sent_start = False
    return doc


@Language.component("kilde_root_label")
def root_label(doc: Doc) -> Doc:
    """NDT's label for a sentence root (spaCy's parser always writes ROOT).

    In NDT train, roots are FINV for verbs (99.5%), INTERJ for interjections, FRAG otherwise.
    """
    root = doc.vocab.strings["ROOT"]
    for i in numpy.flatnonzero(doc.to_array(DEP) == root):
        token = doc[int(i)]
        if not token.is_space:
            token.dep_ = "FINV" if token.tag_ == "verb" else "INTERJ" if token.tag_ == "interj" else "FRAG"
    return doc


@Language.component("kilde_propn")
def propn(doc: Doc) -> Doc:
    """UPOS PROPN for NDT proper nouns (``subst`` + ``NounType=Prop``)."""
    columns = doc.to_array([POS, MORPH])
    proper = {m for m in set(columns[:, 1].tolist()) if "NounType=Prop" in doc.vocab.strings[m]}
    if not proper:
        return doc
    for i in numpy.flatnonzero((columns[:, 0] == NOUN) & numpy.isin(columns[:, 1], list(proper))):
        doc[int(i)].pos_ = "PROPN"
    return doc


def prepare(nlp: Language, lang: str) -> Language:
    """Add kilde's tokenizer rules and small post-processing components to a trained pipeline."""
    customize_tokenizer(nlp, lang)
    first_reader = next((n for n in ("ner", "parser") if n in nlp.pipe_names), None)
    if "parser" in nlp.pipe_names and "kilde_newline_sents" not in nlp.pipe_names:
        nlp.add_pipe("kilde_newline_sents", before=first_reader)
    if "parser" in nlp.pipe_names and "kilde_root_label" not in nlp.pipe_names:
        nlp.add_pipe("kilde_root_label", after="parser")
    if "morphologizer" in nlp.pipe_names and "kilde_propn" not in nlp.pipe_names:
        nlp.add_pipe("kilde_propn", after="morphologizer")
    if "ner" in nlp.pipe_names and "morphologizer" in nlp.pipe_names and "kilde_name_repeats" not in nlp.pipe_names:
        typer = "kilde_entity_typer" if "kilde_entity_typer" in nlp.pipe_names else None
        nlp.add_pipe("kilde_name_repeats", before=typer)  # reads the tagger's proper nouns
    if "ner" in nlp.pipe_names and "kilde_entity_typer" not in nlp.pipe_names and has_entity_typer():
        nlp.add_pipe("kilde_entity_typer")  # last: it reads the finished tree and lemmas
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return use_numpy_matmul(nlp)


def use_numpy_matmul(nlp: Language) -> Language:
    """Run the networks' matrix products through numpy's BLAS instead of thinc's bundled BLIS.

    On CPU, numpy's OpenBLAS multiplies the tok2vec and NER matrices about three times faster than BLIS
    (``benchmarks/bench_nlp.py``; ``KILDE_THINC_BLIS=1`` keeps BLIS to compare); results are the same floats up
    to rounding. Only inference is affected: training builds its own models with thinc's default ops.
    """
    from thinc.api import NumpyOps, get_current_ops

    if not isinstance(get_current_ops(), NumpyOps) or os.environ.get("KILDE_THINC_BLIS"):
        return nlp  # a GPU or other backend, or asked for thinc's own (to compare): leave it alone
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp


# One NER model serves both written standards (trained on both; see training/configs/ner.cfg).
SHARED_NER = {"nb": "ner", "nn": "ner"}


def add_shared_ner(nlp: Language, lang: str) -> Language:
    """Put the shared NER (``kilde/nlp/models/ner``) into a pipeline that ships without its own.

    It runs before the parser: spaCy's NER never continues a name across a sentence start, so the parser's
    sentence errors would cut names in two (0.5 points of F1 on NorNE Bokmål dev); the NER has its own
    tok2vec and reads nothing the parser sets. Line breaks still end sentences (``kilde_newline_sents``).
    """
    name = SHARED_NER.get(lang)
    if name is None or "ner" in nlp.pipe_names or not (MODELS_DIR / name / "meta.json").exists():
        return nlp
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("ner", source=spacy.load(MODELS_DIR / name), before=before)
    return nlp


def has_entity_typer() -> bool:
    return (ENTITY_TYPER_DIR / "meta.json").exists()


def load_path(path: str | Path, lang: str) -> Language:
    """A trained pipeline from ``path`` made ready as kilde runs it: the shared NER where it has none, kilde's
    tokenizer rules and post-processing components (``kilde evaluate --model`` scores models this way)."""
    import kilde.nlp.lexicon_features  # noqa: F401  (registers the NER's feature layer a config may name)

    return prepare(add_shared_ner(spacy.load(path), lang), lang)


@lru_cache(maxsize=8)
def load(lang: str) -> Language:
    """The pipeline for ``lang`` ("nb", "nn", "en", ...), loaded once per process."""
    for name in MODEL_FOR_LANGUAGE.get(lang, []):
        path = MODELS_DIR / name
        if (path / "meta.json").exists():
            return load_path(path, name)
    log.warning("no trained pipeline for %r; using a blank pipeline with a sentencizer", lang)
    blank = BLANK_FOR_LANGUAGE.get(lang, "xx")
    nlp = spacy.blank(blank)
    if blank == "nb":
        customize_tokenizer(nlp, lang if lang in ("nb", "nn") else "nb")
    nlp.add_pipe("sentencizer")
    return nlp


_BOUNDARIES = [re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?»])\s+"), re.compile(r"\s+")]


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` chars whose concatenation is ``text``.

    Prefers the last paragraph break inside the window, then a line break, a
    sentence end, any whitespace, and only then a hard cut.
    """
    chunks: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BOUNDARIES:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def parse_with(nlp: Language, text: str, limit: int = CHUNK_CHARS) -> Doc:
    """Run ``nlp`` over ``text``, in chunks when it is long; ``doc.text == text``."""
    if len(text) <= limit:
        return nlp(text)
    docs = list(nlp.pipe(split_chunks(text, limit)))
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse(text: str, language: str) -> Doc:
    """Parse ``text`` with the pipeline for ``language``; offsets are those of ``text``."""
    return parse_with(load(language), text)


def parse_many(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in order, batching each language through ``nlp.pipe``."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _parse_batch(batch)
            batch = []
    if batch:
        yield from _parse_batch(batch)


def _parse_batch(batch: list[Article]) -> Iterator[tuple[Article, Doc]]:
    docs: dict[int, Doc] = {}
    by_lang: dict[str, list[int]] = {}
    for i, article in enumerate(batch):
        if len(article.text) > CHUNK_CHARS:
            docs[i] = parse(article.text, article.language)
        else:
            by_lang.setdefault(article.language, []).append(i)
    for lang, indices in by_lang.items():
        nlp = load(lang)
        for i, doc in zip(indices, nlp.pipe(batch[i].text for i in indices), strict=True):
            docs[i] = doc
    for i, article in enumerate(batch):
        yield article, docs[i]
