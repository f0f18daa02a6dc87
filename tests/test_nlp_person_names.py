"""The person-name list the entity typer and the NER's v3 feature layer read, and the name repeats component."""

from __future__ import annotations

import numpy
import spacy
from spacy.tokens import Doc, Span

from kilde.nlp.entity_typer import DocIndex, person_name_features, span_features
from kilde.nlp.lexicon_features import N_PERSON_FEATURES, person_name_columns
from kilde.nlp.name_repeats import name_repeats
from kilde.nlp.person_names import PersonNames, load_person_names, name_hash


def test_common_first_and_last_names_are_in_the_list_with_rank_buckets():
    names = load_person_names()
    assert len(names) > 1_000_000
    assert names.lookup("ingrid")[0] in "abc"  # a common first name
    assert names.lookup("hansen")[1] in "abc"  # a common last name
    assert names.lookup("domstoladministrasjonen") is None


def test_a_list_built_by_hand_answers_first_then_last_bucket():
    keys = sorted([(name_hash("kari"), 0b0100), (name_hash("nordmann"), 0b0011)])
    names = PersonNames(numpy.array([k for k, _ in keys], dtype=numpy.uint32),
                        numpy.array([c for _, c in keys], dtype=numpy.uint8))
    assert names.lookup("kari") == "a-"
    assert names.lookup("nordmann") == "-c"
    assert names.lookup("oslo") is None


def test_typer_features_ask_the_list_for_the_first_and_last_word_and_say_nothing_of_unknown_words():
    names = load_person_names()
    assert [f.split("=")[0] for f in person_name_features(["ingrid", "hansen"], names)] == ["person_first",
                                                                                           "person_last"]
    assert [f.split("=")[0] for f in person_name_features(["hansen"], names)] == ["person_last"]
    assert person_name_features(["domstoladministrasjonen"], names) == []
    doc = spacy.blank("nb")("I går møtte Ingrid Hansen pressen .")
    with_names = span_features(DocIndex(doc), 3, 5, person_names=names)
    assert any(f.startswith("person_last=") for f in with_names)
    assert not any(f.startswith("person_") for f in span_features(DocIndex(doc), 3, 5))


def test_person_name_columns_mark_only_capitalised_tokens_the_list_knows():
    doc = spacy.blank("nb")("Ingrid ringte ingrid i Domstoladministrasjonen")
    columns = person_name_columns(doc)
    assert columns.shape == (5, N_PERSON_FEATURES)
    assert columns[0].sum() >= 1  # "Ingrid"
    assert columns[2].sum() == 0  # lower case
    assert columns[4].sum() == 0  # no one is called that
    assert person_name_columns(spacy.blank("nb")("")).shape == (0, N_PERSON_FEATURES)


def _doc(words: list[str], propn: set[int], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("nb").vocab, words=words, pos=["PROPN" if i in propn else "NOUN" for i in range(len(words))])
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def test_a_found_name_is_a_name_where_the_document_repeats_it():
    words = "Vi les Epiktet no . Epiktet skriv godt , seier Jon Berg . Jon Berg les .".split()
    doc = name_repeats(_doc(words, {2, 5, 10, 11, 13, 14}, [(2, 3, "PER"), (10, 12, "PER")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Epiktet", "PER"), ("Epiktet", "PER"),
                                                    ("Jon Berg", "PER"), ("Jon Berg", "PER")]


def test_a_repeat_the_tagger_reads_as_an_ordinary_word_is_left_alone():
    words = "Regjeringen vil . Regjeringen sa nei .".split()
    doc = name_repeats(_doc(words, set(), [(0, 1, "ORG")]))
    assert [e.start for e in doc.ents] == [0]


def test_a_persons_surname_alone_is_that_person():
    words = "Presidenten Volodymyr Zelenskyj talte . Zelenskyj bad om hjelp . Anna Zelenskyj Berg kom .".split()
    doc = name_repeats(_doc(words, {1, 2, 5, 10, 11, 12}, [(1, 3, "PER")]))
    assert [(e.start, e.text, e.label_) for e in doc.ents] == [(1, "Volodymyr Zelenskyj", "PER"),
                                                              (5, "Zelenskyj", "PER")]
