"""NDT CoNLL-U reading, scoring on gold tokens, `kilde evaluate ner/parse`, and a tiny training run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from typer.testing import CliRunner

from kilde.cli import app
from kilde.nlp.conllu import ndt_morph, read_conllu, sentences_to_docs
from kilde.nlp.load import MODELS_DIR

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "nlp" / "tiny-team-written.ndt.conllu.txt"
needs_models = pytest.mark.skipif(not (MODELS_DIR / "nb" / "meta.json").exists(), reason="no shipped nb model")


def test_ndt_features_become_morphology() -> None:
    assert ndt_morph("appell|mask|be|ent") == "Definite=Def|Gender=Masc|NounType=Common|Number=Sing"
    assert ndt_morph("pret") == "Tense=Past"
    assert ndt_morph("_") == ""
    assert ndt_morph("<punkt>") == "Ndt=Punkt"


def test_reader_keeps_gold_tokens_heads_and_entities() -> None:
    sents = list(read_conllu(TINY))
    assert [s.sent_id for s in sents] == ["kilde001_0001-1", "kilde001_0001-2", "kilde002_0001-1"]
    docs = list(sentences_to_docs(spacy.blank("nb").vocab, sents))
    assert len(docs) == 2  # one per source document
    doc = docs[0]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Kari Nordmann", "PER"),
        ("Bergen", "GPE_LOC"),
        ("Røde Kors", "ORG"),
    ]
    assert [t.lemma_ for t in doc[:7]][-1] == "."  # NDT's "$." lemma normalised
    assert doc[0].head.text == "besøkte" and doc[0].dep_ == "SUBJ"
    assert doc[0].pos_ == "PROPN" and doc[0].tag_ == "subst"
    assert len(list(doc.sents)) == 2


def test_converter_script_writes_a_docbin(tmp_path: Path) -> None:
    out = tmp_path / "tiny.spacy"
    subprocess.run([sys.executable, "training/scripts/conllu_to_docbin.py", str(TINY), str(out)], cwd=ROOT, check=True)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("nb").vocab))
    assert sum(len(d) for d in docs) == 24


@needs_models
@pytest.mark.parametrize("command", ["ner", "parse"])
def test_evaluate_commands_print_json(command: str) -> None:
    result = CliRunner().invoke(app, ["evaluate", command, "--lang", "nb", "--data", str(TINY), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["words"] == 24
    keys = ["p", "r", "f"] if command == "ner" else ["tag_acc", "lemma_acc", "uas", "las"]
    assert all(0.0 <= scores[k] <= 1.0 for k in keys)
    if command == "ner":
        assert set(scores["per_type"]) <= {"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC"}
    else:
        assert scores["tag_acc"] > 0.8  # three easy sentences


def test_training_smoke_on_the_fixture(tmp_path: Path) -> None:
    """A few update steps of tagger + parser + NER on gold tokens: the recipe's components train."""
    from spacy.training import Example

    nlp = spacy.blank("nb")
    docs = list(sentences_to_docs(nlp.vocab, read_conllu(TINY), n_sents=1))
    for name in ("tok2vec", "tagger", "ner"):
        nlp.add_pipe(name)
    nlp.add_pipe("parser", config={"min_action_freq": 1})
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    optimizer = nlp.initialize(lambda: examples)
    losses: dict[str, float] = {}
    for _ in range(15):
        nlp.update(examples, sgd=optimizer, losses=losses)
    doc = nlp(docs[0].text)
    assert doc.has_annotation("TAG") and doc.has_annotation("DEP")
    assert [t.tag_ for t in doc] == [t.tag_ for t in docs[0]]
