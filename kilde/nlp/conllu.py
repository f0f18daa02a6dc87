"""Read NorNE/NDT CoNLL-U into spaCy Docs (training and evaluation share this).

NDT values are not UD: POS is ``subst``/``verb``/..., features are bare values
like ``appell|mask|be|ent``. We keep NDT POS as ``tag_``, map it to UPOS for
``pos_``, and turn the features into ``Feat=Val`` morphology so spaCy's
morphologizer can learn them. Entities come from MISC ``name=B-PER``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

UPOS = {
    "subst": "NOUN",
    "verb": "VERB",
    "adj": "ADJ",
    "adv": "ADV",
    "prep": "ADP",
    "konj": "CCONJ",
    "sbu": "SCONJ",
    "pron": "PRON",
    "det": "DET",
    "inf-merke": "PART",
    "interj": "INTJ",
    "ukjent": "X",
    "symb": "SYM",
    "clb": "PUNCT",
    "<komma>": "PUNCT",
    "<strek>": "PUNCT",
    "<anf>": "PUNCT",
    "<parentes-beg>": "PUNCT",
    "<parentes-slutt>": "PUNCT",
}

# NDT feature value -> (UD-style feature, value). Values not listed go to Ndt=...
FEATS = {
    "appell": ("NounType", "Common"),
    "prop": ("NounType", "Prop"),
    "mask": ("Gender", "Masc"),
    "fem": ("Gender", "Fem"),
    "nøyt": ("Gender", "Neut"),
    "m/f": ("Gender", "Masc,Fem"),
    "ent": ("Number", "Sing"),
    "eint": ("Number", "Sing"),
    "fl": ("Number", "Plur"),
    "be": ("Definite", "Def"),
    "bu": ("Definite", "Def"),
    "ub": ("Definite", "Ind"),
    "pres": ("Tense", "Pres"),
    "pret": ("Tense", "Past"),
    "inf": ("VerbForm", "Inf"),
    "perf-part": ("VerbForm", "Part"),
    "imp": ("Mood", "Imp"),
    "pass": ("Voice", "Pass"),
    "pos": ("Degree", "Pos"),
    "komp": ("Degree", "Cmp"),
    "sup": ("Degree", "Sup"),
    "pers": ("PronType", "Prs"),
    "dem": ("PronType", "Dem"),
    "kvant": ("PronType", "Qnt"),
    "sp": ("PronType", "Int"),
    "poss": ("Poss", "Yes"),
    "refl": ("Reflex", "Yes"),
    "1": ("Person", "1"),
    "2": ("Person", "2"),
    "3": ("Person", "3"),
    "nom": ("Case", "Nom"),
    "akk": ("Case", "Acc"),
    "gen": ("Case", "Gen"),
    "hum": ("Animacy", "Hum"),
    "ikke-hum": ("Animacy", "Nhum"),
    "samset": ("Compound", "Yes"),
    "fork": ("Abbr", "Yes"),
}

ENT_TYPES = ("PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC")


@dataclass
class Sentence:
    sent_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within sentence; self for root
    deps: list[str] = field(default_factory=list)
    ents: list[str] = field(default_factory=list)  # IOB: B-PER / I-PER / O

    @property
    def document(self) -> str:
        """Source document of the sentence (``ap001`` in ``ap001_0000-0``)."""
        return self.sent_id.split("_", 1)[0]


def upos(tag: str, feats: str) -> str:
    """UPOS for an NDT tag; proper nouns are ``subst`` with the ``prop`` feature."""
    if tag == "subst" and "prop" in feats.split("|"):
        return "PROPN"
    return UPOS.get(tag, "X")


def normalize_lemma(lemma: str) -> str:
    """NDT writes punctuation lemmas as ``$,``; keep the plain symbol."""
    return lemma[1:] if len(lemma) > 1 and lemma.startswith("$") else lemma


def _clean(value: str) -> str:
    return re.sub(r"[^0-9A-Za-zæøåÆØÅ_]+", "_", value).strip("_") or "x"


def ndt_morph(feats: str) -> str:
    """``appell|mask|be|ent`` -> ``Definite=Def|Gender=Masc|NounType=Common|Number=Sing``."""
    if feats in ("_", ""):
        return ""
    out: dict[str, list[str]] = {}
    for value in feats.split("|"):
        key, val = FEATS.get(value, ("Ndt", _clean(value).capitalize()))
        out.setdefault(key, [])
        for v in val.split(","):
            if v not in out[key]:
                out[key].append(v)
    return "|".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(out.items()))


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    sent = Sentence("")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sent.words:
                    yield sent
                sent = Sentence("")
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue  # multiword ranges / empty nodes
            misc = cols[9]
            sent.words.append(cols[1])
            sent.spaces.append("SpaceAfter=No" not in misc)
            sent.lemmas.append(normalize_lemma(cols[2]))
            sent.tags.append(cols[3])
            sent.feats.append(cols[5])
            head = int(cols[6]) if cols[6].isdigit() else 0
            sent.heads.append(head - 1 if head > 0 else int(cols[0]) - 1)
            sent.deps.append(cols[7] if head > 0 else "ROOT" if cols[7] in ("_", "") else cols[7])
            ent = "O"
            for item in misc.split("|"):
                if item.startswith("name="):
                    ent = item[5:]
            if ent != "O" and ent[2:] not in ENT_TYPES:
                ent = "O"
            sent.ents.append(ent)
    if sent.words:
        yield sent


def sentences_to_doc(vocab: Vocab, sents: list[Sentence], annotate: bool = True) -> Doc:
    """One Doc from consecutive sentences, with gold annotation when ``annotate``."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    for sent in sents:
        words.extend(sent.words)
        sp = list(sent.spaces)
        sp[-1] = True
        spaces.extend(sp)
        sent_starts.extend([True] + [False] * (len(sent.words) - 1))
    spaces[-1] = False
    if not annotate:
        return Doc(vocab, words=words, spaces=spaces)
    heads: list[int] = []
    offset = 0
    for sent in sents:
        heads.extend(h + offset for h in sent.heads)
        offset += len(sent.words)
    ents = [e for s in sents for e in s.ents]
    # Repair I- without a preceding entity of the same type.
    prev = "O"
    for i, e in enumerate(ents):
        if e.startswith("I-") and prev[2:] != e[2:]:
            ents[i] = "B-" + e[2:]
        prev = ents[i]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=[t for s in sents for t in s.tags],
        pos=[upos(t, f) for s in sents for t, f in zip(s.tags, s.feats, strict=True)],
        morphs=[ndt_morph(f) for s in sents for f in s.feats],
        lemmas=[lemma for s in sents for lemma in s.lemmas],
        heads=heads,
        deps=[d for s in sents for d in s.deps],
        sent_starts=sent_starts,
        ents=ents,
    )


def sentences_to_docs(vocab: Vocab, sents: Iterable[Sentence], n_sents: int = 10) -> Iterator[Doc]:
    """Group consecutive sentences of the same source document, ``n_sents`` at a time."""
    batch: list[Sentence] = []
    for sent in sents:
        if batch and (len(batch) >= n_sents or sent.document != batch[-1].document):
            yield sentences_to_doc(vocab, batch)
            batch = []
        batch.append(sent)
    if batch:
        yield sentences_to_doc(vocab, batch)
