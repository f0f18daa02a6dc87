"""kilde.nlp: the shipped Norwegian pipelines, parse() and parse_many() on real and hostile input."""

from __future__ import annotations

import time

import pytest
import spacy

from kilde.model import Article
from kilde.nlp import load, parse, parse_many
from kilde.nlp.load import MODELS_DIR, parse_with, split_chunks
from kilde.nlp.tokenizer import customize_tokenizer

TEXT = (
    "Statsminister Jens Stoltenberg møtte representanter fra Røde Kors i Oslo.\n"
    "– Vi er bekymret for situasjonen i Irak, sa han til Aftenposten i går."
)

needs_models = pytest.mark.skipif(not (MODELS_DIR / "nb" / "meta.json").exists(), reason="no shipped nb model")


@needs_models
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_shipped_pipeline_has_every_component(lang: str) -> None:
    nlp = load(lang)
    for name in ("tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert name in nlp.pipe_names
    assert {"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC"} <= set(nlp.get_pipe("ner").labels)


@needs_models
def test_shipped_model_loads_with_plain_spacy() -> None:
    nlp = spacy.load(MODELS_DIR / "nb")
    assert [t.text for t in nlp("Han sa:«Nei» bl.a. i 2003.")] == [
        "Han",
        "sa",
        ":",
        "«",
        "Nei",
        "»",
        "bl.a.",
        "i",
        "2003",
        ".",
    ]


@needs_models
def test_parse_gives_tags_lemmas_deps_and_entities() -> None:
    doc = parse(TEXT, "nb")
    assert doc.text == TEXT
    assert doc.has_annotation("TAG") and doc.has_annotation("LEMMA") and doc.has_annotation("DEP")
    by_text = {t.text: t for t in doc}
    assert by_text["møtte"].tag_ == "verb"
    assert by_text["møtte"].lemma_ == "møte"
    assert by_text["sa"].lemma_ == "si"
    assert by_text["Oslo"].pos_ == "PROPN"
    assert "Jens Stoltenberg" in {e.text for e in doc.ents if e.label_ == "PER"}
    # the newline ends the first sentence; the dash-opened quote starts the next one
    starts = [s[0].text for s in doc.sents]
    assert starts[:2] == ["Statsminister", "–"]


@needs_models
def test_roots_carry_ndt_labels() -> None:
    doc = parse("Hun kom hjem i går.", "nb")
    assert {t.dep_ for t in doc if t.head == t} <= {"FINV", "FRAG", "INTERJ"}


@needs_models
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "...!!!",
        "😀😀😀 🇳🇴",
        "a\x00b\x07c\x1b[0m\u200b\ufeff",
        "Abu Musab al-Zarqawi (أبو مصعب الزرقاوي) kom til Багдад.",
    ],
)
def test_bad_input_does_not_crash(text: str) -> None:
    doc = parse(text, "nb")
    assert doc.text == text


def test_chunks_rejoin_to_the_text_and_respect_the_limit() -> None:
    text = ("Første avsnitt. Det har to setninger.\n\n" * 50) + ("ord " * 3000)
    chunks = split_chunks(text, 1000)
    assert "".join(chunks) == text
    assert all(len(c) <= 1000 for c in chunks)
    assert chunks[0].endswith("\n\n")


@needs_models
def test_long_text_is_parsed_in_chunks_with_original_offsets() -> None:
    text = "\n\n".join([TEXT] * 8)
    doc = parse_with(load("nb"), text, limit=400)
    assert doc.text == text
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    assert len([e for e in doc.ents if e.text == "Oslo"]) == 8


def test_one_megabyte_paragraph_tokenizes_quickly() -> None:
    nlp = customize_tokenizer(spacy.blank("nb"), "nb")
    text = ("Regjeringen sier at 4 000 soldater, bl.a. fra Norge, kom kl. 14.30 i går " * 14000)[:1_000_000]
    start = time.perf_counter()
    doc = parse_with(nlp, text)
    assert doc.text == text
    assert time.perf_counter() - start < 30


@needs_models
def test_parse_many_keeps_order_and_language() -> None:
    articles = [
        Article(id=f"a{i}", text=text, language=lang)
        for i, (text, lang) in enumerate(
            [(TEXT, "nb"), ("Eg kjem frå Bergen.", "nn"), ("", "nb"), ("Ho sa nei.", "nn")]
        )
    ]
    out = list(parse_many(articles, batch_size=3))
    assert [a.id for a, _ in out] == ["a0", "a1", "a2", "a3"]
    assert all(doc.text == a.text for a, doc in out)
    assert out[1][1].has_annotation("DEP")
