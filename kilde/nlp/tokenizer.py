"""News-text tokenizer rules for Norwegian, on top of spaCy's Bokmål tokenizer.

Everything here is expressed as regular expressions and special cases, which
spaCy serialises with the pipeline: a model saved after ``customize_tokenizer``
loads with plain ``spacy.load`` and tokenizes the same way. The abbreviation
list lives in ``kilde/lang/<lang>/abbreviations.yaml``.

What spaCy's defaults already do well (and tests pin down): hyphenated
compounds (``IS-angrep``, ``al-Khateb``), ``4.000``, ``kl. 14.30``, quotes
split off, a dash-opened quote's dash as its own token. Added here:

* a period after a number that cannot be an ordinal (``4 000.``, ``2003.``,
  ``14.30.``) is split off, while ``1. januar`` keeps its ordinal;
* quotes glued to a word or colon (``sa:«Nei``) and dashes glued to the next
  word (``–Jeg``) are split;
* listed abbreviations (``bl.a.``, ``f.eks.``, ``ca.``, ``jf.``, ``mv.``,
  ``nr.`` ...) stay single tokens, also capitalised.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from kilde.lang import load_data

# Numbers that end a sentence: four digits or more, a 3-digit group starting with 0 (a
# thousands group as in "4 000."), or clock/decimal forms. Ordinals (1.-999.) are kept.
EXTRA_SUFFIXES = [
    r"(?<=[0-9]{4})\.",
    r"(?<=0[0-9]{2})\.",
    r"(?<=[.,:][0-9]{2})\.",
    r"(?<=[0-9])[«»”“\"]",
]
EXTRA_PREFIXES = [r"[–—]", r"[«»“”]"]
EXTRA_INFIXES = [
    r"(?<=[\w.,:;!?])[«»“”](?=[\w–—])",
    r"(?<=\w):(?=[«»“”\"])",
    r"(?<=[«»“”])[–—](?=\w)",
]


def abbreviations(lang: str) -> list[str]:
    """Abbreviations for ``lang`` (Nynorsk adds its list to Bokmål's)."""
    names: list[str] = []
    for code in ("nb", lang) if lang != "nb" else ("nb",):
        data = load_data(code, "abbreviations") or {}
        for item in data.get("abbreviations", []) or []:
            if item not in names:
                names.append(str(item))
    return names


def customize_tokenizer(nlp: Language, lang: str = "nb") -> Language:
    """Install kilde's news-text rules into ``nlp.tokenizer`` (idempotent)."""
    tokenizer = nlp.tokenizer
    defaults = nlp.Defaults
    prefixes = list(defaults.prefixes or [])
    suffixes = list(defaults.suffixes or [])
    infixes = list(defaults.infixes or [])
    tokenizer.prefix_search = compile_prefix_regex(EXTRA_PREFIXES + prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(EXTRA_SUFFIXES + suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(EXTRA_INFIXES + infixes).finditer
    for abbr in abbreviations(lang):
        for form in {abbr, abbr[:1].upper() + abbr[1:]}:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    return nlp
