"""Write the shared NER (training/output/ner/model-best) to ``kilde/nlp/models/ner``.

``kilde.nlp.load("nb")`` and ``load("nn")`` place it into their pipelines, so both written standards
use one NER trained on both (see training/configs/ner.cfg).

Usage: python training/scripts/package_ner.py MODEL_DIR [--out kilde/nlp/models/ner]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import kilde.nlp.lexicon_features  # noqa: E402,F401  (registers the feature layer the config names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "kilde" / "nlp" / "models" / "ner")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    nlp.meta["name"] = "kilde_ner"
    nlp.meta["version"] = "0.2.0"
    nlp.meta["description"] = (
        "kilde NER for Norwegian Bokmål and Nynorsk, trained on NorNE nob+nno train: 9 NorNE types, hash "
        "embeddings plus name-list features (kilde/nlp/lexicon_features.py), no pretrained vectors."
    )
    nlp.meta["sources"] = [{"name": "NorNE", "url": "https://github.com/ltgoslo/norne", "license": "CC0"}]
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"{args.out}: {size / 1e6:.1f} MB, pipes {nlp.pipe_names}")


if __name__ == "__main__":
    main()
