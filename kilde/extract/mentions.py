"""Named-entity mentions straight from the NER."""

from __future__ import annotations

from spacy.tokens import Doc

from kilde.model import Article, ExtractionResult, Mention


def extract_mentions(doc: Doc, article: Article, result: ExtractionResult) -> list[Mention]:
    sentence_of = {}
    for n, sent in enumerate(doc.sents) if doc.has_annotation("SENT_START") else []:
        sentence_of[sent.start] = n
    mentions = []
    for ent in doc.ents:
        sentence = None
        if sentence_of:
            sentence = sentence_of.get(ent.sent.start)
        mentions.append(Mention(start_char=ent.start_char, end_char=ent.end_char, text=ent.text,
                                label=ent.label_, sentence=sentence))
    return mentions
