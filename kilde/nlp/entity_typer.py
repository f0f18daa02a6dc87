"""Re-type the NER's entities with a classifier that sees the whole name, the whole document and the name lists.

The NER finds names well but types them less well: on NorNE Bokmål dev about 94% of its entities have the gold
span, yet one in seven of those has the wrong type ("innbyggerne i Tafjord" read as a person, a newspaper that is
read typed as its organisation, "Domstoladministrasjonens" as a person). The transition-based NER decides a type
from a few tokens of context as it goes. The typer decides it afterwards, from features of the finished span:

- the name itself, its first and last word and their endings (``-loven``, ``-avisen``, ``-administrasjonens``);
- the words around it;
- what the name lists (``kilde/nlp/lexicon_features.py``) say of the whole name and of its last word, and how
  common its first and last word are as people's first and last names (``kilde/nlp/person_names.py``);
- the contexts of the same name elsewhere in the document ("i Tafjord" in one sentence tells about
  "Tafjord" in the next);
- where the parser attaches the name: its relation and the lemma of its head, and for the object of a
  preposition the preposition and what that attaches to ("leder i X", "flyttet til X", "X sier").

It is a multinomial logistic regression over hashed features (``training/scripts/train_entity_typer.py``
trains it on the gold names of NorNE train, with the lemmas and trees that a model trained on the other half of
train predicts for them, as wrong as the pipeline's own that it reads at run time; so it runs after the parser).
The NER's own type can be a feature too (``uses_ner_label``), but measured worse and is off in the shipped model
(training/README.md). Only the type changes: spans are the NER's.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from kilde.nlp.lexicon_features import load_lexicon
from kilde.nlp.person_names import PersonNames, load_person_names

MODEL_DIR = Path(__file__).parent / "models" / "entity_typer"
WEIGHTS = "weights.npy"
META = "meta.json"

# Features hashed into 2**N_BITS rows (one weight per row and type); 2**18 measured as good as 2**20.
N_BITS = 18
CONTEXT_WORDS = 3
FEATURES_WITH_NER = 7  # the first features of a span are also conjoined with the NER's type


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _without_genitive(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


class DocIndex:
    """Lower-cased words of a document and where each occurs, built once per document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.parsed = doc.has_annotation("DEP")  # a scan of the whole doc: once, not per name
        self.lower = [token.lower_ for token in doc]
        self.positions: dict[str, list[int]] = defaultdict(list)
        self.bare_positions: dict[str, list[int]] = defaultdict(list)
        for i, word in enumerate(self.lower):
            self.positions[word].append(i)
            self.bare_positions[_without_genitive(word)].append(i)

    def occurrences(self, words: list[str]) -> list[int]:
        """Start positions of the word sequence ``words`` in the document."""
        n = len(words)
        return [i for i in self.positions.get(words[0], []) if self.lower[i : i + n] == words]

    def word(self, i: int) -> str:
        if i < 0:
            return "<s>"
        if i >= len(self.lower):
            return "</s>"
        return self.lower[i]


def syntax_features(doc: Doc, start: int, end: int) -> list[str]:
    """The name's relation to the word it attaches to, and that word's lemma (through a preposition, two words)."""
    root = doc[start:end].root
    head = root.head
    features = ["dep=" + root.dep_]
    if head.i == root.i or start <= head.i < end:
        return features + ["head=<none>"]
    lemma = head.lemma_.lower()
    features += ["head=" + lemma, f"dep_head={root.dep_}_{lemma}", "head_tag=" + head.tag_]
    if head.tag_ == "prep" and head.head.i != head.i:
        features += [f"prep_head={lemma}_{head.head.lemma_.lower()}", f"prep_head_tag={lemma}_{head.head.tag_}"]
    return features


def person_name_features(low: list[str], person_names: PersonNames) -> list[str]:
    """How common the name's words are as first and last names; nothing for a word no one is named.

    A word missing from the list says little (an artist's name, a name spelt the Norwegian way), so it adds no
    feature: measured, a "not a name" feature turned such people into organisations.
    """
    features = []
    words = (("person_first", low[0]), ("person_last", _without_genitive(low[-1])))
    for key, word in words if len(low) > 1 else words[1:]:
        code = person_names.lookup(word)
        if code:
            features.append(f"{key}={code}")
    return features


def span_features(index: DocIndex, start: int, end: int, ner_label: str | None = None,
                  lexicon: dict[str, str] | None = None, syntax: bool = False,
                  person_names: PersonNames | None = None) -> list[str]:
    """The features of the name ``doc[start:end]`` (strings; hashed by :func:`hashed`)."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    doc = index.doc
    words = [token.text for token in doc[start:end]]
    low = index.lower[start:end]
    last = low[-1]
    bare_last = _without_genitive(last)
    features = [
        "bias",
        "name=" + " ".join(low),
        "first=" + low[0],
        "last=" + last,
        "bare_last=" + bare_last,
        "n_words=" + str(min(end - start, 4)),
        "shape=" + " ".join(_shape(w) for w in words)[:20],
    ]
    for k in (2, 3, 4, 5):
        features.append(f"suffix{k}=" + last[-k:])
        features.append(f"bare_suffix{k}=" + bare_last[-k:])
    features.append("prefix3=" + low[0][:3])
    features.extend("inner=" + w for w in low[1:-1])
    if any("-" in w for w in words):
        features.append("hyphen")
        features.append("after_hyphen=" + last.rsplit("-", 1)[-1])
    if all(w.isupper() for w in words if w.isalpha()):
        features.append("all_caps")
    if start == 0 or doc[start].is_sent_start:
        features.append("sentence_start")
    for i in range(1, CONTEXT_WORDS + 1):
        features.append(f"left{i}=" + index.word(start - i))
        features.append(f"right{i}=" + index.word(end + i - 1))
    features.append("left2_left1=" + index.word(start - 2) + "_" + index.word(start - 1))
    features.append("left1_right1=" + index.word(start - 1) + "_" + index.word(end))
    full = " ".join(low)
    for key, text in (("list_name", full), ("list_first", low[0]), ("list_last", bare_last),
                      ("list_bare_name", _without_genitive(full))):
        categories = lexicon.get(text)
        features.extend(f"{key}={c}" for c in categories) if categories else features.append(f"{key}=none")
    seen = 0
    for i in index.occurrences(low):
        if i != start:
            seen += 1
            features.append("elsewhere_left1=" + index.word(i - 1))
            features.append("elsewhere_right1=" + index.word(i + len(low)))
    features.append("elsewhere=" + str(min(seen, 3)))
    if len(low) == 1:
        for i in index.bare_positions.get(bare_last, []):
            if i != start and i > 0 and doc[i - 1].text[:1].isupper():
                features.append("elsewhere_after_capital")
                break
    if syntax:
        features.extend(syntax_features(doc, start, end))
    if person_names is not None:
        features.extend(person_name_features(low, person_names))
    if ner_label:
        conjoined = [f"ner={ner_label}&{f}" for f in features[:FEATURES_WITH_NER]]
        features.append("ner=" + ner_label)
        features.extend(conjoined)
    return features


def hashed(features: Iterable[str], n_bits: int = N_BITS) -> numpy.ndarray:
    mask = (1 << n_bits) - 1
    return numpy.fromiter((hash_string(f) & mask for f in features), dtype=numpy.int64)


class EntityTyperModel:
    """Weights (rows x types) and the settings the features were made with."""

    def __init__(self, weights: numpy.ndarray, labels: list[str], uses_ner_label: bool, n_bits: int = N_BITS,
                 meta: dict | None = None, uses_syntax: bool = False, uses_person_names: bool = False) -> None:
        self.weights = weights
        self.labels = labels
        self.uses_ner_label = uses_ner_label
        self.uses_syntax = uses_syntax
        self.uses_person_names = uses_person_names
        self.n_bits = n_bits
        self.meta = meta or {}

    def scores(self, rows: numpy.ndarray) -> numpy.ndarray:
        return self.weights[rows].sum(axis=0, dtype=numpy.float32)

    def label(self, index: DocIndex, span: Span, lexicon: dict[str, str] | None = None) -> str:
        ner = span.label_ if self.uses_ner_label else None
        syntax = self.uses_syntax and index.parsed
        names = load_person_names() if self.uses_person_names else None
        rows = hashed(span_features(index, span.start, span.end, ner, lexicon, syntax, names), self.n_bits)
        return self.labels[int(numpy.argmax(self.scores(rows)))]

    def to_disk(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        numpy.save(path / WEIGHTS, self.weights.astype(numpy.float16))
        meta = {**self.meta, "labels": self.labels, "uses_ner_label": self.uses_ner_label,
                "uses_syntax": self.uses_syntax, "uses_person_names": self.uses_person_names,
                "n_bits": self.n_bits}
        (path / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> EntityTyperModel:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        weights = numpy.load(path / WEIGHTS).astype(numpy.float32)
        return cls(weights, meta["labels"], meta["uses_ner_label"], meta["n_bits"], meta,
                   meta.get("uses_syntax", False), meta.get("uses_person_names", False))


class EntityTyper:
    """Pipeline component: give each of ``doc.ents`` the type the model scores highest."""

    def __init__(self, model: EntityTyperModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        index = DocIndex(doc)
        lexicon = load_lexicon()
        ents = []
        for span in doc.ents:
            label = self.model.label(index, span, lexicon)
            ents.append(span if label == span.label_ else Span(doc, span.start, span.end, label=label))
        doc.ents = ents
        return doc


@Language.factory("kilde_entity_typer", default_config={"path": str(MODEL_DIR)})
def make_entity_typer(nlp: Language, name: str, path: str) -> EntityTyper:
    return EntityTyper(EntityTyperModel.from_disk(Path(path)))
