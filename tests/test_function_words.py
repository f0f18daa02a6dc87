"""kilde/lang/<lang>/function_words.yaml: the event rules' word lists, read as one union over nb, nn and en."""

import pytest

from kilde.lang import FUNCTION_WORD_LANGS, function_words, function_words_ordered, load_data


def _files() -> dict[str, dict]:
    return {lang: load_data(lang, "function_words") for lang in FUNCTION_WORD_LANGS}


def test_every_language_has_its_own_file_with_the_same_keys():
    files = _files()
    assert all(isinstance(data, dict) for data in files.values())
    assert files["nn"] is not files["nb"]  # no fallback: Nynorsk lists its own words
    assert set(files["nb"]) == set(files["nn"]) == set(files["en"])


def test_words_are_lower_case_strings():
    for lang, data in _files().items():
        for key, words in data.items():
            assert isinstance(words, list), (lang, key)
            assert all(isinstance(w, str) and w == w.lower() for w in words), (lang, key)


def test_union_over_languages():
    assert {"ble", "vart", "was"} <= function_words("passive_auxiliaries")
    assert {"no", "ingen", "inga"} <= function_words("noun_negators")  # "no" quoted, not YAML's False
    assert function_words_ordered("nominal_suffixes")[0] == "sjon"
    with pytest.raises(KeyError):
        function_words("no_such_key")
