"""Build kilde/data/word_freq_nb.tsv.gz: Norwegian Bokmål word frequencies the NER model reads as features.

Source: the PyPI package ``wordfreq`` (3.1.1), its large ``nb`` list (318,881 words; sources and the
data's CC-BY-SA 4.0 licence: https://github.com/rspeer/wordfreq). Needed only here, at build time
(``pip install wordfreq==3.1.1``); kilde reads the small table this writes (1.3 MB). One line per
lower-cased word with a Zipf frequency of at least MIN_ZIPF: ``word<TAB>zipf*10`` (an integer, ``og`` 75).

Run: ``.venv/bin/python scripts/build_word_freq.py``
"""

from __future__ import annotations

import gzip
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kilde" / "data" / "word_freq_nb.tsv.gz"
MIN_ZIPF = 1.0  # wordfreq's own floor for the large lists


def main() -> None:
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed to build the table: pip install wordfreq==3.1.1")
    rows = []
    for word, frequency in wordfreq.get_frequency_dict("nb", wordlist="large").items():
        zipf = wordfreq.freq_to_zipf(frequency)
        if zipf >= MIN_ZIPF and "\t" not in word and "\n" not in word:
            rows.append((word, round(zipf * 10)))
    rows.sort()
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        for word, zipf10 in rows:
            handle.write(f"{word}\t{zipf10}\n")
    print(f"{OUT}: {len(rows)} words (wordfreq {version('wordfreq')}), {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
