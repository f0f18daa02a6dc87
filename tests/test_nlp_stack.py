"""The stacked NER experiment (training/configs/ner-stack.cfg): predicted tags reach the NER in training."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import load_config, load_model_from_config, registry

from kilde.nlp.load import MODELS_DIR
from kilde.nlp.scoring import attrs_read_by

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "nlp" / "tiny-team-written.ndt.conllu.txt"
needs_models = pytest.mark.skipif(not (MODELS_DIR / "nb" / "meta.json").exists(), reason="no shipped nb model")


def _script(name: str) -> ModuleType:
    path = ROOT / "training" / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _annotated(vocab: spacy.vocab.Vocab) -> Doc:
    """A reference doc as stack_annotate.py writes it: gold entities, tags/morph/lemmas from the tagger."""
    return Doc(
        vocab,
        words=["Kari", "Nordmann", "bodde", "i", "Bergens", "sentrum", "."],
        tags=["subst", "subst", "verb", "prep", "subst", "subst", "$."],
        pos=["PROPN", "PROPN", "VERB", "ADP", "PROPN", "NOUN", "PUNCT"],
        morphs=["NounType=Prop", "NounType=Prop", "Tense=Past", "", "Case=Gen|NounType=Prop", "", ""],
        lemmas=["Kari", "Nordmann", "bo", "i", "Bergen", "sentrum", "."],
        ents=["B-PER", "I-PER", "O", "O", "B-GPE_LOC", "O", "O"],
    )


def test_the_reader_gives_the_predicted_doc_the_references_tags_but_not_its_entities(tmp_path: Path) -> None:
    augment = _script("ner_augment")  # registers kilde.StackedCorpus.v1
    nlp = spacy.blank("nb")
    path = tmp_path / "stack.spacy"
    DocBin(docs=[_annotated(nlp.vocab)]).to_disk(path)
    read = registry.readers.get("kilde.StackedCorpus.v1")(path, augmenter=None)
    (example,) = list(read(nlp))
    predicted = example.predicted
    assert [t.text for t in predicted] == [t.text for t in example.reference]
    assert [t.tag_ for t in predicted][:3] == ["subst", "subst", "verb"]
    assert predicted[4].lemma_ == "Bergen" and predicted[4].morph.get("Case") == ["Gen"]
    assert predicted[0].pos_ == "PROPN"
    assert not predicted.has_annotation("ENT_IOB") and len(example.reference.ents) == 2
    assert augment.STACKED_ATTRS  # the attributes the copy carries


def test_a_swapped_in_name_keeps_the_replaced_names_tag_and_gets_its_own_lemma() -> None:
    augment = _script("ner_augment")
    nlp = spacy.blank("nb")
    gold = _annotated(nlp.vocab)
    copy = augment.swap_names(nlp, Example(Doc(nlp.vocab, words=[t.text for t in gold]), gold), random.Random(0))
    assert copy is not None
    reference = copy.reference
    person = reference.ents[0]
    assert person.label_ == "PER" and person.text != "Kari Nordmann"
    assert all(t.tag_ == "subst" and t.pos_ == "PROPN" and t.lemma_ == t.text for t in person)
    assert str(person[0].morph) == "NounType=Prop"
    # The rest keeps its annotation (the genitive "Bergens" is not swapped).
    tail = reference[person.end :]
    assert [(t.text, t.tag_, t.lemma_) for t in tail][:3] == [("bodde", "verb", "bo"), ("i", "prep", "i"),
                                                              ("Bergens", "subst", "Bergen")]
    stacked = augment.with_stacked_annotation(copy)
    assert [t.lemma_ for t in stacked.predicted] == [t.lemma_ for t in reference]


def test_the_stacked_ner_embeds_lemma_tag_and_morph_and_the_shipped_one_does_not() -> None:
    _script("ner_augment")
    stacked = load_model_from_config(load_config(ROOT / "training" / "configs" / "ner-stack.cfg"))
    assert {"LEMMA", "TAG", "MORPH", "NORM"} <= attrs_read_by(stacked, "ner")
    shipped = load_model_from_config(load_config(ROOT / "training" / "configs" / "ner.cfg"))
    assert attrs_read_by(shipped, "ner") == {"NORM", "PREFIX", "SUFFIX", "SHAPE"}


@needs_models
def test_annotation_replaces_gold_tags_with_the_pipelines_predictions() -> None:
    from kilde.nlp.conllu import read_conllu, sentences_to_docs
    from kilde.nlp.load import load

    stack_annotate = _script("stack_annotate")
    nlp = load("nb")
    gold = list(sentences_to_docs(nlp.vocab, read_conllu(TINY)))
    ents = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in gold]
    stats: dict[str, int] = {}
    docs = list(stack_annotate.annotate(nlp, gold, stats=stats))
    assert [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs] == ents  # gold entities kept
    assert stats["tokens"] == 24 and stats["tag"] >= 20
    names = [n for n in nlp.pipe_names if n not in stack_annotate.SKIP]
    with nlp.select_pipes(enable=names):
        predicted = nlp(Doc(nlp.vocab, words=[t.text for t in docs[0]], spaces=[bool(t.whitespace_) for t in docs[0]]))
    assert [t.tag_ for t in docs[0]] == [t.tag_ for t in predicted]
    assert [t.lemma_ for t in docs[0]] == [t.lemma_ for t in predicted]
