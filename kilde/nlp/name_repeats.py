"""A name the NER found is a name wherever the document repeats it.

The NER decides each occurrence from a few words around it, so a name it finds in one sentence can slip
through in the next, most often where it opens a sentence and its capital letter says nothing ("Epiktet
skriv ...", "Hersoug nemner ..."): on NorNE dev a third of the missed names were repeats of a found one. This
component marks such repeats with the found name's type (the entity typer, after it, types them again with
all their contexts). A repeat must be read as a proper noun by the tagger, so that a capitalised ordinary
word the NER once took for a name ("Regjeringen") does not spread through the document.

News names a person in full once and by surname after that ("Volodymyr Zelenskyj ... Zelenskyj bad ..."), so
the last word of a person's name, standing alone, is that person too.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("kilde_name_repeats")
def name_repeats(doc: Doc) -> Doc:
    ents = list(doc.ents)
    if not ents:
        return doc
    words = [token.text for token in doc]
    taken = [False] * len(doc)
    for ent in ents:
        taken[ent.start : ent.end] = [True] * len(ent)
    starts: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        starts[word].append(i)
    names: dict[tuple[str, ...], str] = {}
    for ent in ents:
        key = tuple(words[ent.start : ent.end])
        if key[0][:1].isupper():
            names.setdefault(key, ent.label_)
    added = []
    for key, label in sorted(names.items(), key=lambda item: -len(item[0])):  # longest first
        n = len(key)
        for i in starts.get(key[0], []):
            if tuple(words[i : i + n]) != key or any(taken[i : i + n]) or doc[i].pos_ != "PROPN":
                continue
            added.append(Span(doc, i, i + n, label=label))
            taken[i : i + n] = [True] * n
    surnames = {words[ent.end - 1] for ent in ents if ent.label_ == "PER" and len(ent) > 1}
    for surname in surnames:
        if not surname[:1].isupper():
            continue
        for i in starts.get(surname, []):
            if taken[i] or doc[i].pos_ != "PROPN" or _inside_longer_name(doc, i):
                continue
            added.append(Span(doc, i, i + 1, label="PER"))
            taken[i] = True
    if added:
        doc.ents = sorted(ents + added, key=lambda span: span.start)
    return doc


def _inside_longer_name(doc: Doc, i: int) -> bool:
    """Whether a capitalised word mid-sentence goes on or comes after token ``i`` ("Berg" of "Jon Berg Hansen")."""
    after = i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_sent_start
    before = i > 0 and doc[i - 1].text[:1].isupper() and not doc[i].is_sent_start
    return after or before
