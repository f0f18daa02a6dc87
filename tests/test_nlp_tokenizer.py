"""The news-text tokenizer: what kilde's extractors can rely on token boundaries for."""

from __future__ import annotations

import pytest
import spacy

from kilde.nlp.tokenizer import abbreviations, customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("nb"), "nb")


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text) if not t.is_space]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IS-angrep mot al-Khateb i Deir al-Zor.", ["IS-angrep", "mot", "al-Khateb", "i", "Deir", "al-Zor", "."]),
        ("Det kom 4.000 mennesker.", ["Det", "kom", "4.000", "mennesker", "."]),
        ("Det kom 4 000.", ["Det", "kom", "4", "000", "."]),
        ("Møtet starter kl. 14.30 i dag.", ["Møtet", "starter", "kl.", "14.30", "i", "dag", "."]),
        ("Møtet starter kl. 14.30.", ["Møtet", "starter", "kl.", "14.30", "."]),
        ("Det skjedde i 2003.", ["Det", "skjedde", "i", "2003", "."]),
        ("Den 1. januar 2003", ["Den", "1.", "januar", "2003"]),
        ("«Dette er galt», sa han.", ["«", "Dette", "er", "galt", "»", ",", "sa", "han", "."]),
        ("Han sa:«Nei!»", ["Han", "sa", ":", "«", "Nei", "!", "»"]),
        ("– Jeg kommer, sier hun.", ["–", "Jeg", "kommer", ",", "sier", "hun", "."]),
        ("–Jeg kommer", ["–", "Jeg", "kommer"]),
        (
            "Det koster bl.a. penger, f.eks. ca. 40 kr.",
            ["Det", "koster", "bl.a.", "penger", ",", "f.eks.", "ca.", "40", "kr."],
        ),
        ("Se jf. punkt nr. 5 mv.", ["Se", "jf.", "punkt", "nr.", "5", "mv."]),
        ("Bl.a. Hamas", ["Bl.a.", "Hamas"]),
    ],
)
def test_news_text_tokens(nlp, text: str, expected: list[str]) -> None:
    assert words(nlp, text) == expected


def test_abbreviations_come_from_the_data_files() -> None:
    assert {"bl.a.", "f.eks.", "ca.", "jf.", "mv.", "nr."} <= set(abbreviations("nb"))
    assert "t.d." in abbreviations("nn") and "bl.a." in abbreviations("nn")


def test_rules_survive_saving_without_kilde_code(nlp, tmp_path) -> None:
    nlp.to_disk(tmp_path / "tok")
    reloaded = spacy.load(tmp_path / "tok")
    assert words(reloaded, "Han sa:«Nei» i 2003. Bl.a. 4 000.") == words(nlp, "Han sa:«Nei» i 2003. Bl.a. 4 000.")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "!!! ... ???",
        "😀😀 🇳🇴",
        "ctrl\x00\x07\x1b[0m tegn\u200b",
        "Abu Musab al-Zarqawi (أبو مصعب الزرقاوي) i Багдад",
    ],
)
def test_bad_input_keeps_text(nlp, text: str) -> None:
    assert nlp(text).text == text
