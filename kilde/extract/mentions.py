"""Named-entity mentions straight from the NER."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kilde.lang import function_words
from kilde.model import Article, ExtractionResult, Mention


def trimmed(ent: Span) -> Span:
    """The name without a lower-case compass word the NER took into it ("Ras al-Ain nord" i Syria)."""
    trailing = function_words("name_trailing_words")
    end = ent.end
    while end - ent.start > 1 and ent.doc[end - 1].text in trailing:
        end -= 1
    return ent if end == ent.end else ent.doc[ent.start : end]


def extract_mentions(doc: Doc, article: Article, result: ExtractionResult) -> list[Mention]:
    sentence_of = {}
    for n, sent in enumerate(doc.sents) if doc.has_annotation("SENT_START") else []:
        sentence_of[sent.start] = n
    mentions = []
    for ent in doc.ents:
        sentence = None
        if sentence_of:
            sentence = sentence_of.get(ent.sent.start)
        name = trimmed(ent)
        mentions.append(Mention(start_char=name.start_char, end_char=name.end_char, text=name.text,
                                label=ent.label_, sentence=sentence))
    return mentions
