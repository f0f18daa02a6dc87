"""Score a pipeline on a NorNE/NDT CoNLL-U file with gold tokens as given.

Used by ``kilde evaluate ner`` / ``kilde evaluate parse`` and by training:
Docs are built from the file's words (no re-tokenisation), the pipeline's
components run on them, and spaCy's scorer compares with the gold annotation,
so the figures compare with published token-level ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.training import Example

from kilde.nlp.conllu import read_conllu, sentences_to_doc


def gold_examples(nlp: Language, path: str | Path, n_sents: int = 10) -> list[Example]:
    """Predicted docs (words only) paired with gold docs, ``n_sents`` sentences of one document each."""
    sents = list(read_conllu(path))
    examples = []
    batch: list = []

    def flush() -> None:
        if batch:
            gold = sentences_to_doc(nlp.vocab, batch)
            pred = sentences_to_doc(nlp.vocab, batch, annotate=False)
            examples.append(Example(pred, gold))

    for sent in sents:
        if batch and (len(batch) >= n_sents or sent.document != batch[-1].document):
            flush()
            batch = []
        batch.append(sent)
    flush()
    return examples


def run_pipeline(nlp: Language, examples: list[Example], disable: tuple[str, ...] = ()) -> list[Example]:
    """Annotate each example's predicted doc in place with ``nlp``'s components."""
    names = [n for n in nlp.pipe_names if n not in disable]
    with nlp.select_pipes(enable=names):
        docs = list(nlp.pipe((eg.predicted for eg in examples), batch_size=64))
    return [Example(doc, eg.reference) for doc, eg in zip(docs, examples, strict=True)]


def examples_for(lang: str, data: str | Path, model: str | Path | None = None,
                 disable: tuple[str, ...] = ()) -> list[Example]:
    """Gold sentences of ``data`` run through the shipped ``lang`` pipeline (or the one at ``model``)."""
    from kilde.nlp.load import load, load_path

    nlp = load_path(model, lang) if model else load(lang)
    return run_pipeline(nlp, gold_examples(nlp, data), disable=disable)


def attrs_read_by(nlp: Language, name: str) -> set[str]:
    """Token attributes (``"NORM"``, ``"LEMMA"``, ...) that component ``name``'s model embeds."""
    from spacy.attrs import NAMES

    if name not in nlp.pipe_names:
        return set()
    model = getattr(nlp.get_pipe(name), "model", None)
    if model is None:
        return set()
    read: set[str] = set()
    for node in model.walk():
        for column in node.attrs.get("columns", []) if node.name == "extract_features" else []:
            read.add(NAMES[column] if isinstance(column, int) else str(column).upper())
    return read


def n_words(examples: list[Example]) -> int:
    return sum(len(eg.reference) for eg in examples)


def score_ner(examples: list[Example]) -> dict[str, Any]:
    s = Scorer.score_spans(examples, "ents")
    per_type = {k: {"p": v["p"], "r": v["r"], "f": v["f"]} for k, v in sorted((s["ents_per_type"] or {}).items())}
    return {
        "p": s["ents_p"],
        "r": s["ents_r"],
        "f": s["ents_f"],
        "per_type": per_type,
        "sentences": sum(len(list(eg.reference.sents)) for eg in examples),
        "words": n_words(examples),
    }


def score_parse(examples: list[Example]) -> dict[str, Any]:
    tag = Scorer.score_token_attr(examples, "tag")["tag_acc"]
    lemma = Scorer.score_token_attr(examples, "lemma")["lemma_acc"]
    morph = Scorer.score_token_attr(examples, "morph")["morph_acc"]
    pos = Scorer.score_token_attr(examples, "pos")["pos_acc"]
    deps = Scorer.score_deps(
        examples, "dep", head_attr="head", head_getter=lambda t, a: t.head, ignore_labels=(), missing_values=[None, ""]
    )
    sents = Scorer.score_spans(examples, "sents", has_annotation=lambda d: d.has_annotation("SENT_START"))
    return {
        "tag_acc": tag,
        "lemma_acc": lemma,
        "morph_acc": morph,
        "upos_acc": pos,
        "uas": deps["dep_uas"],
        "las": deps["dep_las"],
        "sents_f": sents["sents_f"],
        "words": n_words(examples),
    }
