"""Name-swap augmentation for training kilde's NER (``--code training/scripts/ner_augment.py``).

NorNE's train split names each person and place only a few times, and a held-out text names
people and places the model has never seen. Next to each training doc the augmenter may yield a
copy whose person and place names are swapped for random ones from kilde's name lists (Faker
first/last names, gazetteer places), so the model learns names from their context and shape
rather than from their spelling. Line-break insertion (spaCy's combined augmenter) still applies.
Importing this module also registers the name-list feature layer the config names, the
objective ``spacy pretrain`` uses for the NER's tok2vec (``kilde.PretrainCharactersArray.v1``, below),
and the stacked NER's corpus reader (``kilde.StackedCorpus.v1``: predicted docs that carry the variety
pipeline's tags, morphology and lemmas; training/configs/ner-stack.cfg).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from pathlib import Path

from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.ml.models.multi_task import build_masked_language_model, get_characters_loss
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.training.augment import create_combined_augmenter
from spacy.training.corpus import Corpus
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import LayerNorm, Maxout, Model, MultiSoftmax, chain

from kilde.nlp.lexicon_features import load_lexicon

# Token attributes the stacked NER reads from the variety pipeline's output (training/configs/ner-stack.cfg).
STACKED_ATTRS = [TAG, POS, MORPH, LEMMA]

_LATIN_NAME = re.compile(r"^[a-zæøåäöüéèáóíúçñ]+(?:[ -][a-zæøåäöüéèáóíúçñ]+){0,2}$")


@lru_cache(maxsize=1)
def name_pools() -> dict[str, list[str]]:
    """Pools of replacement names, title-cased: first and last names; countries, big cities, other places."""
    pools: dict[str, list[str]] = {"first": [], "last": [], "c": [], "b": [], "p": []}
    for name, categories in load_lexicon().items():
        if not _LATIN_NAME.match(name):
            continue
        titled = " ".join(part.capitalize() for part in name.split(" "))
        if " " not in name and "f" in categories:
            pools["first"].append(titled)
        if " " not in name and "l" in categories:
            pools["last"].append(titled)
        for category in "cbp":
            if category in categories:
                pools[category].append(titled)
                break
    for pool in pools.values():
        pool.sort()
    return pools


def _replacement(label: str, n_tokens: int, rng: random.Random) -> list[str] | None:
    pools = name_pools()
    if label == "PER":
        if n_tokens == 1:
            return [rng.choice(pools["last"] if rng.random() < 0.6 else pools["first"])]
        return [rng.choice(pools["first"]), rng.choice(pools["last"])]
    if label == "GPE_LOC":
        # Mostly countries and big cities, as news names them; GeoNames' small places are the long tail.
        category = rng.choices("cbp", weights=(0.3, 0.4, 0.3))[0]
        return rng.choice(pools[category]).split(" ")
    return None


def swap_names(nlp: Language, example: Example, rng: random.Random) -> Example | None:
    """A copy of ``example`` with its PER and GPE_LOC names replaced, or None when it has none.

    Where the reference carries tags, UPOS, morphology and lemmas (the stacked NER's corpus,
    training/scripts/stack_annotate.py), the copy keeps them: a swapped-in name takes the tag, UPOS and
    morphology of the name token it replaces (its last token for any extra words) and its own text as lemma.
    """
    reference = example.reference
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    # Token annotation of the copy, per token: the index of the reference token it copies, or that index and
    # the lemma to set (a swapped-in name).
    sources: list[tuple[int, str | None]] = []
    swapped = False
    i = 0
    ents = {ent.start: ent for ent in reference.ents}
    while i < len(reference):
        ent = ents.get(i)
        # A genitive "Oslos" keeps its ending only in the original; swap plain names only.
        new = _replacement(ent.label_, len(ent), rng) if ent is not None and not ent.text.endswith("s") else None
        if ent is None or new is None:
            token = reference[i]
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            tags.append(token.ent_iob_ + "-" + token.ent_type_ if token.ent_type_ else "O")
            sources.append((i, None))
            i += 1
            continue
        swapped = True
        for k, word in enumerate(new):
            words.append(word)
            spaces.append(True if k < len(new) - 1 else bool(ent[-1].whitespace_))
            tags.append(("B-" if k == 0 else "I-") + ent.label_)
            sources.append((ent.start + min(k, len(ent) - 1), word))
        i = ent.end
    if not swapped:
        return None
    gold = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
    _copy_token_annotation(reference, gold, sources)
    return Example(Doc(nlp.vocab, words=words, spaces=spaces), gold)


def _copy_token_annotation(source: Doc, target: Doc, sources: list[tuple[int, str | None]]) -> None:
    """Give ``target``'s tokens the TAG/POS/MORPH/LEMMA of ``source``'s tokens (lemma overridden where given)."""
    attrs = [attr for attr in STACKED_ATTRS if source.has_annotation(attr)]
    if not attrs:
        return
    columns = source.to_array(attrs)[[index for index, _ in sources]]
    if LEMMA in attrs:
        lemma = attrs.index(LEMMA)
        for row, (_, text) in enumerate(sources):
            if text is not None:
                columns[row, lemma] = target.vocab.strings.add(text)
    target.from_array(attrs, columns)


def with_one_label(example: Example, label: str) -> Example:
    """``example`` with every gold name labelled ``label``: an NER that only finds names, for the typer to type."""
    reference = example.reference.copy()
    reference.ents = [Span(reference, ent.start, ent.end, label=label) for ent in reference.ents]
    return Example(example.predicted, reference)


@registry.augmenters("kilde.name_swap.v1")
def create_name_swap_augmenter(
    level: float,
    whitespace_level: float,
    whitespace_per_token: float,
    whitespace_variants: list[str],
    seed: int = 0,
    one_label: str | None = None,
) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield each example, then (with probability ``level``) its name-swapped copy; with ``one_label``, every
    name of both gets that one label."""
    rng = random.Random(seed)
    whitespace = create_combined_augmenter(
        lower_level=0.0, orth_level=0.0, orth_variants=None, whitespace_level=whitespace_level,
        whitespace_per_token=whitespace_per_token, whitespace_variants=whitespace_variants,
    )

    def relabel(examples: Iterator[Example]) -> Iterator[Example]:
        for example in examples:
            yield with_one_label(example, one_label) if one_label else example

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield from relabel(whitespace(nlp, example))
        if rng.random() < level:
            copy = swap_names(nlp, example, rng)
            if copy is not None:
                yield from relabel(whitespace(nlp, copy))

    return augment


@registry.augmenters("kilde.one_label.v1")
def create_one_label_augmenter(label: str) -> Callable[[Language, Example], Iterator[Example]]:
    """Every gold name labelled ``label`` (for the dev corpus of a one-label NER)."""

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield with_one_label(example, label)

    return augment


def with_stacked_annotation(example: Example) -> Example:
    """``example`` with a predicted doc of the reference's words carrying the reference's TAG/POS/MORPH/LEMMA.

    spaCy builds a training example's predicted doc from the text alone, so an NER that reads the tagger's
    output would never see tags in training. The stacked corpus's reference docs carry the variety pipeline's
    *predictions* (training/scripts/stack_annotate.py), so copying them gives the NER in training exactly the
    features it gets at run time. The predicted doc has the reference's (gold) tokens; nothing else is copied.
    """
    reference = example.reference
    predicted = Doc(
        reference.vocab, words=[t.text for t in reference], spaces=[bool(t.whitespace_) for t in reference]
    )
    attrs = [attr for attr in STACKED_ATTRS if reference.has_annotation(attr)]
    if attrs:
        predicted.from_array(attrs, reference.to_array(attrs))
    return Example(predicted, reference)


@registry.readers("kilde.StackedCorpus.v1")
def create_stacked_corpus(
    path: str | Path | None,
    gold_preproc: bool = False,
    max_length: int = 0,
    limit: int = 0,
    augmenter: Callable[[Language, Example], Iterable[Example]] | None = None,
) -> Callable[[Language], Iterator[Example]]:
    """spaCy's Corpus.v1 whose predicted docs carry the reference's tags, morphology, UPOS and lemmas.

    The copy is made after augmentation, so line-break tokens (TAG ``_SP``) and name-swapped copies
    (:func:`swap_names` keeps their annotation) get it too.
    """
    if path is None:
        raise ValueError("kilde.StackedCorpus.v1 needs a path (training/scripts/stack_annotate.py writes it)")
    corpus = Corpus(path, gold_preproc=gold_preproc, max_length=max_length, limit=limit, augmenter=augmenter)

    def read(nlp: Language) -> Iterator[Example]:
        for example in corpus(nlp):
            yield with_stacked_annotation(example)

    return read


@registry.architectures("kilde.PretrainCharactersArray.v1")
def create_pretrain_characters_array(
    maxout_pieces: int, hidden_size: int, n_characters: int
) -> Callable[[Vocab, Model], Model]:
    """spaCy's PretrainCharacters.v1 for a tok2vec that returns one array for the whole batch.

    The NER's ``tok2vec`` reference is the parser's input chain (tok2vec, list2array, projection to the
    hidden width); spaCy's objective expects one array per doc. This one predicts each word's first and
    last ``n_characters`` characters (BERT-style masked) from that chain's output, so the pretrained
    weights are exactly the layer ``[initialize] init_tok2vec`` loads back.
    """

    def create_objective(vocab: Vocab, tok2vec: Model) -> Model:
        output_layer = chain(
            Maxout(nO=hidden_size, nP=maxout_pieces),
            LayerNorm(nI=hidden_size),
            MultiSoftmax([256] * n_characters, nI=hidden_size),
        )
        model = build_masked_language_model(vocab, chain(tok2vec, output_layer))
        model.set_ref("tok2vec", tok2vec)
        model.set_ref("output_layer", output_layer)
        model.attrs["loss"] = partial(get_characters_loss, nr_char=n_characters)
        return model

    return create_objective
