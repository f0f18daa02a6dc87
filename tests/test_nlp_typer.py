"""The entity typer: features of a finished name, and re-typing the NER's entities."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.tokens import Span

from kilde.nlp.entity_typer import (
    N_BITS,
    DocIndex,
    EntityTyper,
    EntityTyperModel,
    hashed,
    span_features,
)
from kilde.nlp.load import has_entity_typer, load

LABELS = ["PER", "GPE_LOC"]


def doc_with_ents(text: str, ents: list[tuple[int, int, str]]):
    doc = spacy.blank("nb")(text)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def model_that_reads(feature: str, label: str) -> EntityTyperModel:
    """A model whose only weight says ``feature`` means ``label``."""
    weights = numpy.zeros((1 << N_BITS, len(LABELS)), dtype=numpy.float32)
    weights[hashed([feature]), LABELS.index(label)] = 5.0
    return EntityTyperModel(weights, LABELS, uses_ner_label=False)


def test_features_describe_the_name_its_words_and_its_neighbours():
    doc = spacy.blank("nb")("Han bor i Tafjord og jobber i Valldal .")
    features = span_features(DocIndex(doc), 3, 4)
    assert {"name=tafjord", "left1=i", "left2=bor", "right1=og", "suffix4=jord", "n_words=1"} <= set(features)


def test_features_carry_the_contexts_of_the_same_name_elsewhere_in_the_document():
    doc = spacy.blank("nb")("Tafjord er vakker . Innbyggerne i Tafjord er glade .")
    features = span_features(DocIndex(doc), 0, 1)
    assert "elsewhere_left1=i" in features and "elsewhere=1" in features
    assert "sentence_start" in features


def test_a_genitive_name_is_also_described_without_its_s():
    doc = spacy.blank("nb")("Domstoladministrasjonens direktør uttalte seg .")
    features = span_features(DocIndex(doc), 0, 1)
    assert "bare_last=domstoladministrasjonen" in features


def test_the_ner_type_is_a_feature_only_when_given():
    doc = spacy.blank("nb")("Kari bor i Bergen .")
    assert not any(f.startswith("ner=") for f in span_features(DocIndex(doc), 3, 4))
    with_ner = span_features(DocIndex(doc), 3, 4, "GPE_LOC")
    assert "ner=GPE_LOC" in with_ner and "ner=GPE_LOC&left1=i" not in with_ner
    assert "ner=GPE_LOC&name=bergen" in with_ner


def parsed(words: list[str], heads: list[int], deps: list[str], lemmas: list[str], tags: list[str]):
    from spacy.tokens import Doc

    return Doc(spacy.blank("nb").vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, tags=tags)


def test_syntax_features_name_the_relation_and_the_head_and_go_through_a_preposition():
    doc = parsed(["Kari", "flyttet", "til", "Bergen", "."], [1, 1, 1, 2, 1],
                 ["SUBJ", "FINV", "ADV", "PUTFYLL", "IP"], ["Kari", "flytte", "til", "Bergen", "$."],
                 ["subst", "verb", "prep", "subst", "clb"])
    subject = span_features(DocIndex(doc), 0, 1, syntax=True)
    assert {"dep=SUBJ", "head=flytte", "dep_head=SUBJ_flytte", "head_tag=verb"} <= set(subject)
    place = span_features(DocIndex(doc), 3, 4, syntax=True)
    assert {"dep=PUTFYLL", "head=til", "prep_head=til_flytte"} <= set(place)
    assert not any(f.startswith("dep=") for f in span_features(DocIndex(doc), 3, 4))


def test_a_typer_that_reads_syntax_uses_the_tree_and_skips_it_on_an_unparsed_doc():
    model = model_that_reads("prep_head=til_flytte", "GPE_LOC")
    model.uses_syntax = True
    doc = parsed(["Kari", "flyttet", "til", "Bergen", "."], [1, 1, 1, 2, 1],
                 ["SUBJ", "FINV", "ADV", "PUTFYLL", "IP"], ["Kari", "flytte", "til", "Bergen", "$."],
                 ["subst", "verb", "prep", "subst", "clb"])
    doc.ents = [Span(doc, 3, 4, label="PER")]
    assert [e.label_ for e in EntityTyper(model)(doc).ents] == ["GPE_LOC"]
    unparsed = doc_with_ents("Kari flyttet til Bergen .", [(3, 4, "GPE_LOC")])
    assert [e.label_ for e in EntityTyper(model)(unparsed).ents] == ["PER"]  # no tree: only the zero weights


def test_occurrences_find_multi_word_names():
    index = DocIndex(spacy.blank("nb")("Røde Kors hjelper . Røde Kors takker , sier Røde ."))
    assert index.occurrences(["røde", "kors"]) == [0, 4]


def test_the_typer_changes_types_and_keeps_spans():
    doc = doc_with_ents("Innbyggerne i Tafjord og Ola Nordmann møttes .", [(2, 3, "PER"), (4, 6, "PER")])
    EntityTyper(model_that_reads("left1=i", "GPE_LOC"))(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Tafjord", "GPE_LOC"), ("Ola Nordmann", "PER")]


def test_a_document_without_names_passes_through():
    doc = spacy.blank("nb")("Det regner i dag .")
    assert EntityTyper(model_that_reads("left1=i", "GPE_LOC"))(doc).ents == ()


def test_the_model_round_trips_through_disk(tmp_path):
    model = model_that_reads("left1=i", "GPE_LOC")
    model.meta["examples"] = 1
    model.to_disk(tmp_path / "typer")
    again = EntityTyperModel.from_disk(tmp_path / "typer")
    assert again.labels == LABELS and not again.uses_ner_label and again.meta["examples"] == 1
    assert not again.uses_syntax
    rows = hashed(["left1=i"])
    assert numpy.allclose(again.scores(rows), model.scores(rows))


@pytest.mark.skipif(not has_entity_typer(), reason="no trained entity typer shipped")
def test_the_shipped_pipelines_type_names_with_the_typer():
    for lang in ("nb", "nn"):
        nlp = load(lang)
        doc = nlp("Statsminister Jonas Gahr Støre besøkte Røde Kors i Bergen i går .")
        assert ("Jonas Gahr Støre", "PER") in {(e.text, e.label_) for e in doc.ents}
        assert nlp.get_pipe("kilde_entity_typer").model.labels[0] == "PER"
        assert nlp.pipe_names[-2:] == ["kilde_name_repeats", "kilde_entity_typer"]


def test_cross_fitted_docs_keep_gold_words_and_names_and_take_the_models_trees():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "scripts"))
    from crossfit_annotate import annotate

    nlp = load("nb")
    gold = spacy.blank("nb")("Kari Nordmann flyttet til Bergen i fjor .")
    gold.ents = [Span(gold, 0, 2, label="PER"), Span(gold, 4, 5, label="GPE_LOC")]
    (doc,) = annotate(nlp, [gold])
    assert [t.text for t in doc] == [t.text for t in gold]
    assert [(e.text, e.label_) for e in doc.ents] == [("Kari Nordmann", "PER"), ("Bergen", "GPE_LOC")]
    assert doc.has_annotation("DEP") and doc[2].tag_ == "verb"


def test_the_model_remembers_that_it_reads_person_names(tmp_path):
    model = model_that_reads("left1=i", "GPE_LOC")
    model.uses_person_names = True
    model.to_disk(tmp_path / "typer")
    assert EntityTyperModel.from_disk(tmp_path / "typer").uses_person_names
