"""The NER's name-list features: what the model sees for known place and person names."""

import spacy

from kilde.nlp import load
from kilde.nlp.lexicon_features import N_FEATURES, PERSON_CATEGORIES, PLACE_CATEGORIES, doc_features

LEXICON = {"aleppo": "bp", "deir ez-zor": "p", "ingrid": "f", "syria": "c", "han": "fl"}


def column(kind: str, category: str) -> int:
    if kind == "person":
        return 2 * len(PLACE_CATEGORIES) + PERSON_CATEGORIES.index(category)
    return 2 * PLACE_CATEGORIES.index(category) + (1 if kind == "inside" else 0)


def features(text: str):
    doc = spacy.blank("nb")(text)
    return doc, doc_features(doc, LEXICON)


def test_a_known_city_starts_a_big_city_and_a_place():
    doc, rows = features("Kampene i Aleppo fortsetter")
    assert rows.shape == (4, N_FEATURES)
    assert rows[2, column("begin", "b")] == 1 and rows[2, column("begin", "p")] == 1
    assert rows[2].sum() == 2


def test_a_multi_word_name_marks_its_inside_tokens():
    doc, rows = features("IS holder Deir ez-zor")
    assert [t.text for t in doc][2:] == ["Deir", "ez-zor"]
    assert rows[2, column("begin", "p")] == 1
    assert rows[3, column("inside", "p")] == 1


def test_lower_case_words_get_no_name_features_and_unknown_capitals_get_their_own_column():
    doc, rows = features("ingrid bor i Syria , sier Kari")
    assert rows[0].sum() == 0
    assert rows[3, column("begin", "c")] == 1
    assert rows[6, N_FEATURES - 1] == 1  # "Kari": capitalised, in no list here


def test_the_shipped_lexicon_knows_places_and_first_names():
    doc = spacy.blank("nb")("Ingrid reiste fra Bergen til Aleppo")
    rows = doc_features(doc)
    assert rows[0, column("person", "f")] == 1
    assert rows[3, column("begin", "p")] == 1
    assert rows[5, column("begin", "b")] == 1


def test_both_pipelines_carry_the_shared_ner():
    for lang in ("nb", "nn"):
        nlp = load(lang)
        assert nlp.pipe_names[-1] == "ner"
        embed = nlp.get_pipe_config("ner")["model"]["tok2vec"]["embed"]
        assert embed["@architectures"] == "kilde.LexiconMultiHashEmbed.v1"
        doc = nlp("Statsminister Jonas Gahr Støre besøkte Røde Kors i Bergen i går .")
        assert ("Jonas Gahr Støre", "PER") in {(e.text, e.label_) for e in doc.ents}
