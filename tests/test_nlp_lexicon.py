"""The NER's name-list features: what the model sees for known place and person names."""

import pytest
import spacy

from kilde.nlp import load
from kilde.nlp.lexicon_features import (
    CAPITALISED_COMMON_COLUMN,
    N_FEATURES,
    N_FREQ_FEATURES,
    PERSON_CATEGORIES,
    PLACE_CATEGORIES,
    WORD_FREQ,
    doc_features,
    frequency_features,
)

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


# Zipf * 10, as in kilde/data/word_freq_nb.tsv.gz: buckets unseen, <2, 2-3, 3-4, 4-5, >=5.
WORD_FREQ_TABLE = {"og": 75, "men": 62, "regjeringen": 53, "skjervøy": 32, "aleppo": 35, "kaliumnitrat": 19}


def test_frequency_columns_give_one_zipf_bucket_per_token():
    doc = spacy.blank("nb")("regjeringen og Skjervøy , kaliumnitrat")
    rows = frequency_features(doc, WORD_FREQ_TABLE)
    assert rows.shape == (5, N_FREQ_FEATURES)
    assert [int(row[:CAPITALISED_COMMON_COLUMN].argmax()) for row in rows] == [5, 5, 3, 0, 1]
    assert rows[:, :CAPITALISED_COMMON_COLUMN].sum(axis=1).tolist() == [1, 1, 1, 1, 1]


def test_a_capitalised_common_word_is_marked_and_a_rare_capitalised_word_is_not():
    doc = spacy.blank("nb")("Men Skjervøy og Aleppo og men")
    rows = frequency_features(doc, WORD_FREQ_TABLE)
    assert rows[:, CAPITALISED_COMMON_COLUMN].tolist() == [1, 0, 0, 1, 0, 0]


@pytest.mark.skipif(not WORD_FREQ.exists(), reason="built by scripts/build_word_freq.py (needs wordfreq)")
def test_the_built_word_frequencies_are_small_and_know_norwegian():
    assert WORD_FREQ.stat().st_size < 3_000_000
    doc = spacy.blank("nb")("Det regner i Skjervøy , sier Qxzvbt")
    rows = frequency_features(doc)
    assert rows[0, CAPITALISED_COMMON_COLUMN] == 1  # "Det": a capitalised common word
    assert rows[1, 0] == 0 and rows[6, 0] == 1  # "regner" is in the list, "Qxzvbt" is not
    assert rows[1:, CAPITALISED_COMMON_COLUMN].sum() == 0


@pytest.mark.skipif(not WORD_FREQ.exists(), reason="built by scripts/build_word_freq.py (needs wordfreq)")
def test_the_frequency_embedding_reads_name_lists_and_frequencies():
    from spacy.util import registry

    import kilde.nlp.lexicon_features  # noqa: F401  (registers the layers)

    make = registry.architectures.get("kilde.LexiconMultiHashEmbed.v2")
    model = make(width=16, attrs=["NORM", "SHAPE"], rows=[100, 50], include_static_vectors=False)
    docs = [spacy.blank("nb")("Kari bor i Bergen ."), spacy.blank("nb")("Det regner .")]
    model.initialize(X=docs)
    assert [out.shape for out in model.predict(docs)] == [(5, 16), (3, 16)]
    assert model.layers[0].layers[1].get_dim("nO") == N_FEATURES + N_FREQ_FEATURES


def test_both_pipelines_carry_the_shared_ner():
    for lang in ("nb", "nn"):
        nlp = load(lang)
        names = nlp.pipe_names
        # the NER runs before the parser (whose sentence errors would cut names); the typer last, on the tree
        assert names.index("kilde_newline_sents") < names.index("ner") < names.index("parser")
        assert names[-1] == "kilde_entity_typer"
        embed = nlp.get_pipe_config("ner")["model"]["tok2vec"]["embed"]
        assert embed["@architectures"] == "kilde.LexiconMultiHashEmbed.v1"
        doc = nlp("Statsminister Jonas Gahr Støre besøkte Røde Kors i Bergen i går .")
        assert ("Jonas Gahr Støre", "PER") in {(e.text, e.label_) for e in doc.ents}


def _augment_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "training" / "scripts" / "ner_augment.py"
    spec = importlib.util.spec_from_file_location("ner_augment", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_name_swap_replaces_people_and_places_and_keeps_the_rest():
    import random

    from spacy.tokens import Doc
    from spacy.training import Example

    augment = _augment_module()
    nlp = spacy.blank("nb")
    words = ["Ingrid", "Bjørnøy", "besøkte", "Aleppo", "og", "Oslos", "rådhus", "for", "NRK", "."]
    ents = ["B-PER", "I-PER", "O", "B-GPE_LOC", "O", "B-GPE_LOC", "O", "O", "B-ORG", "O"]
    gold = Doc(nlp.vocab, words=words, ents=ents)
    example = Example(Doc(nlp.vocab, words=words), gold)
    copy = augment.swap_names(nlp, example, random.Random(3))
    swapped = [(e.text, e.label_) for e in copy.reference.ents]
    assert [label for _, label in swapped] == ["PER", "GPE_LOC", "GPE_LOC", "ORG"]
    assert swapped[0][0] != "Ingrid Bjørnøy" and swapped[1][0] != "Aleppo"
    assert swapped[2] == ("Oslos", "GPE_LOC") and swapped[3] == ("NRK", "ORG")  # genitives and other types stay
    assert [t.text for t in copy.reference][-5:] == ["Oslos", "rådhus", "for", "NRK", "."]
    assert [t.text for t in copy.predicted] == [t.text for t in copy.reference]


def test_the_augmenter_yields_the_original_and_sometimes_a_copy():
    from spacy.tokens import Doc
    from spacy.training import Example

    augment = _augment_module()
    nlp = spacy.blank("nb")
    gold = Doc(nlp.vocab, words=["Kari", "bor", "i", "Bergen"], ents=["B-PER", "O", "O", "B-GPE_LOC"])
    make = augment.create_name_swap_augmenter(1.0, 0.0, 0.0, ["\n"], seed=1)
    out = list(make(nlp, Example(Doc(nlp.vocab, words=[t.text for t in gold]), gold)))
    assert len(out) == 2 and [t.text for t in out[0].reference] == ["Kari", "bor", "i", "Bergen"]
    assert [t.text for t in out[1].reference][1:3] == ["bor", "i"] and out[1].reference.ents[0].text != "Kari"


def test_a_one_label_augmenter_keeps_the_names_and_gives_them_one_label():
    from spacy.tokens import Doc
    from spacy.training import Example

    augment = _augment_module()
    nlp = spacy.blank("nb")
    gold = Doc(nlp.vocab, words=["Kari", "bor", "i", "Bergen"], ents=["B-PER", "O", "O", "B-GPE_LOC"])
    make = augment.create_name_swap_augmenter(1.0, 0.0, 0.0, ["\n"], seed=1, one_label="NAME")
    out = list(make(nlp, Example(Doc(nlp.vocab, words=[t.text for t in gold]), gold)))
    assert [[(e.start, e.label_) for e in eg.reference.ents] for eg in out] == [[(0, "NAME"), (3, "NAME")]] * 2
    assert [e.label_ for e in gold.ents] == ["PER", "GPE_LOC"]  # the corpus's own doc is left as it was
    [dev] = augment.create_one_label_augmenter("NAME")(nlp, Example(Doc(nlp.vocab, words=["Kari"]), gold))
    assert [e.label_ for e in dev.reference.ents] == ["NAME", "NAME"]


def _script(name: str):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "training" / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pretraining_text_comes_from_train_articles_only(tmp_path):
    import json

    def article(split: str, words: list[str]) -> dict:
        return {"split": split, "sentences": [{"tokens": [{"form": w, "ner": "O"} for w in words]}] * 3}

    path = tmp_path / "articles.jsonl"
    with path.open("w") as out:
        out.write(json.dumps(article("train", ["Kari", "bor", "i", "Bergen", "."])) + "\n")
        out.write(json.dumps(article("dev", ["Ola", "bor", "i", "Oslo", "."])) + "\n")
    texts = list(_script("raw_text").raw_texts(path, sentences_per_doc=2))
    assert texts == ["Kari bor i Bergen . Kari bor i Bergen .", "Kari bor i Bergen ."]


def test_pretrained_weights_load_into_the_ner_that_training_starts_from():
    """`spacy pretrain` trains the layer `[initialize] init_tok2vec` loads back, so training starts from it."""
    from pathlib import Path

    import numpy
    from spacy.training.pretrain import create_pretraining_model, get_tok2vec_ref, make_update
    from spacy.util import fix_random_seed, load_config, load_model_from_config, registry
    from thinc.api import Adam

    _script("ner_augment")  # registers the name-list embedding and the pretraining objective
    config = load_config(Path(__file__).resolve().parents[1] / "training" / "configs" / "ner.cfg")
    pretrain = config.interpolate()["pretraining"]
    objective = registry.resolve({"objective": pretrain["objective"]})["objective"]
    nlp = load_model_from_config(config)
    model = create_pretraining_model(nlp, {**pretrain, "objective": objective})
    docs = [nlp.make_doc("Kari Nordmann reiste fra Bergen til Aleppo i går ."), nlp.make_doc("Det regner i Oslo .")]
    fix_random_seed(0)  # which words are masked is random
    before = get_tok2vec_ref(nlp, pretrain).predict(docs)
    optimizer = Adam(0.001)
    losses = [make_update(model, docs, optimizer, model.attrs["loss"]) for _ in range(3)]
    assert all(loss > 0 for loss in losses)
    assert not numpy.allclose(get_tok2vec_ref(nlp, pretrain).predict(docs), before)  # the NER's own layer learns

    fresh = load_model_from_config(config)
    get_tok2vec_ref(fresh, pretrain).initialize(X=docs)
    get_tok2vec_ref(fresh, pretrain).from_bytes(get_tok2vec_ref(nlp, pretrain).to_bytes())
    pretrained = get_tok2vec_ref(nlp, pretrain).predict(docs)
    assert pretrained.shape == (15, 64)  # one row per token, the parser's hidden width
    numpy.testing.assert_allclose(get_tok2vec_ref(fresh, pretrain).predict(docs), pretrained)
