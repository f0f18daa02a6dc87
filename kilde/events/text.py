"""A light view of the Doc for event rules: tokens with offsets, sentences, and the parse where there is one.

The trained Norwegian pipelines may be absent (a blank tokenizer only), so every rule works on lower-case token
text and uses lemma, part of speech and dependencies only when the Doc carries them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kilde.lang import function_words, function_words_ordered

_SENT_END = re.compile(r"(?<=[.!?])[»\"”']?\s+(?=[«\"–\-—A-ZÆØÅÉ0-9])|\n+")


@dataclass
class Tok:
    i: int  # index in Sentence.tokens
    text: str
    lower: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int | None = None  # index in Sentence.tokens of the head, when parsed
    ent: str = ""
    tense: str = ""  # "Pres", "Past" from the morphologizer, "" where unknown
    number: str = ""  # "Sing", "Plur"
    definite: str = ""  # "Ind", "Def"
    verbform: str = ""  # "Part", "Inf"


@dataclass
class Sentence:
    n: int
    start: int
    end: int
    text: str
    tokens: list[Tok] = field(default_factory=list)

    def lowers(self) -> list[str]:
        return [t.lower for t in self.tokens]


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENT_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(doc: Doc, text: str) -> list[Sentence]:
    """The article's sentences with their tokens; the parser's sentences when it ran, else punctuation and lines."""
    parsed = doc.has_annotation("DEP")
    has_lemma = doc.has_annotation("LEMMA")
    has_pos = doc.has_annotation("POS") or doc.has_annotation("TAG")
    has_ent = doc.has_annotation("ENT_IOB")
    # The same sentences with or without a parser (lines and sentence punctuation), so rules see the same units; the
    # parse contributes heads and labels inside them.
    bounds = _split_sentences(text)
    result = [Sentence(n, s, e, text[s:e]) for n, (s, e) in enumerate(bounds)]
    starts = [s.start for s in result]
    index_of: dict[int, tuple[int, int]] = {}

    for token in doc:
        if token.is_space:
            continue
        k = bisect.bisect_right(starts, token.idx) - 1
        if k < 0 or token.idx >= result[k].end:
            continue
        sent = result[k]
        tok = Tok(
            i=len(sent.tokens),
            text=token.text,
            lower=token.text.lower(),
            start=token.idx,
            end=token.idx + len(token.text),
            lemma=token.lemma_.lower() if has_lemma else "",
            pos=(token.pos_ or token.tag_) if has_pos else "",
            dep=token.dep_ if parsed else "",
            ent=token.ent_type_ if has_ent else "",
            tense=",".join(token.morph.get("Tense")),
            number=",".join(token.morph.get("Number")),
            definite=",".join(token.morph.get("Definite")),
            verbform=",".join(token.morph.get("VerbForm")),
        )
        index_of[token.i] = (k, tok.i)
        sent.tokens.append(tok)
    if parsed:
        for token in doc:
            here, there = index_of.get(token.i), index_of.get(token.head.i)
            if here and there and here[0] == there[0] and token.head.i != token.i:
                result[here[0]].tokens[here[1]].head = there[1]
    return _chunked([s for s in result if s.tokens])


MAX_TOKENS = 100  # a "sentence" longer than this (a list, a run-on quote) is read in pieces, keeping rules linear


def _chunked(sents: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for sent in sents:
        for k in range(0, len(sent.tokens), MAX_TOKENS):
            toks = sent.tokens[k : k + MAX_TOKENS]
            start, end = toks[0].start, toks[-1].end
            piece = Sentence(len(out), start, end, sent.text[start - sent.start : end - sent.start])
            for i, tok in enumerate(toks):
                tok.head = tok.head - k if tok.head is not None and k <= tok.head < k + MAX_TOKENS else None
                tok.i = i
                piece.tokens.append(tok)
            out.append(piece)
    return out


def _split_on_newlines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for k in range(start, end):
        if text[k] == "\n":
            if k > s:
                out.append((s, k))
            s = k + 1
    if end > s:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


# Word lists: kilde/lang/<lang>/function_words.yaml (the union over nb, nn and en).
NOMINAL_SUFFIXES = function_words_ordered("nominal_suffixes")  # a tuple for str.endswith
DETERMINERS = function_words("noun_determiners")
VERB_CONTEXT = function_words("verb_context_words")


# Modal auxiliaries; modality.py adds modality_only_modals (kilde/lang/<lang>/function_words.yaml).
MODAL_VERBS = function_words("modal_verbs")
MODAL_WORDS = MODAL_VERBS | function_words("infinitive_markers")
DEFINITE_NOUN_ENDINGS = function_words_ordered("definite_noun_endings")  # a tuple for str.endswith
NOUN_ENDINGS = NOMINAL_SUFFIXES + DEFINITE_NOUN_ENDINGS


VERB_NOUN_HOMOGRAPHS = function_words("verb_noun_homographs")
NOUN_POS = {"subst", "noun", "propn"}
# Before a noun, these make it one ("et angrep", "nye angrep", "to angrep", "under angrep", "deres angrep").
NOUN_MAKERS_POS = {"det", "adj", "num", "adp", "prep", "pron"}
# After a noun, these make it the subject or a noun's complement ("angrep mot", "angrep har", "angrep .").
NOUN_FOLLOWERS_POS = {"adp", "prep", "verb", "aux", "punct", "<komma>", "clb", "cconj", "konj", "sconj", "sbu"}


def misread_verb(tok: Tok, prev: Tok | None, prev2: Tok | None, nxt: Tok | None) -> bool:
    """A verb the tagger read as a noun: "Tyrkiske styrker angrep kurdiske militser", "Israelske fly angrep Gaza".

    Only for forms that are both (``verb_noun_homographs``), between a word that ends a noun phrase (not a
    determiner, adjective, number, preposition or pronoun; a verb only where an adjective precedes it, which makes
    it a misread noun: "Tyrkiske styrker") and the start of an object (not a preposition, verb or punctuation)."""
    if tok.lower not in VERB_NOUN_HOMOGRAPHS or prev is None or nxt is None or not tok.pos:
        return False
    prev_pos, next_pos = prev.pos.lower(), nxt.pos.lower()
    if prev_pos in NOUN_MAKERS_POS or prev.lower in DETERMINERS or next_pos in NOUN_FOLLOWERS_POS:
        return False
    if prev.text[:1].isupper() and prev.lower.endswith(("s", "'", "’")):
        return False  # "Israels angrep": a genitive
    if prev_pos in {"verb", "aux"}:
        return prev2 is not None and prev2.pos.lower() == "adj"
    return True


def is_nominal(tok: Tok, prev: Tok | None, default_noun: bool, prev2: Tok | None = None,
               nxt: Tok | None = None) -> bool:
    """Whether a trigger token is used as a noun ("angrepet mot byen") rather than a verb ("IS angrep byen")."""
    if prev is not None and prev.lower in MODAL_WORDS and not tok.lower.endswith(NOUN_ENDINGS):
        return False  # "Ville protestere": an infinitive after a modal, whatever the tagger says
    if tok.pos:
        return tok.pos.lower() in NOUN_POS and not misread_verb(tok, prev, prev2, nxt)
    if tok.lower.endswith(NOMINAL_SUFFIXES):
        return True
    if len(tok.lower) > 4 and tok.lower.endswith("ed"):
        return False  # English past tense and participles: "attacked", "seized"
    if prev is not None:
        if prev.lower in DETERMINERS or (prev.text[:1].isupper() and prev.lower.endswith("s") and prev.i > 0):
            return True
        if prev.lower in VERB_CONTEXT:
            return False
    return default_noun
