"""Turn a trained pipeline (training/output/.../model-best) into the shipped model.

Installs kilde's tokenizer rules (serialised with the pipeline, so plain
``spacy.load`` tokenizes the same way), sets the meta and writes the model to
``kilde/nlp/models/<lang>``.

Usage: python training/scripts/package.py MODEL_DIR --lang nb [--out kilde/nlp/models/nb] [--ner NER_DIR]

``--ner NER_DIR`` puts that NER (e.g. a stacked NER, training/configs/ner-stack.cfg) at the end of the pipeline,
where ``kilde.nlp.load`` puts the shared one, so ``kilde evaluate ner --model OUT`` scores it as run time uses it:
``package.py kilde/nlp/models/nb --lang nb --ner training/output/ner-stack/model-best --out DIR``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from kilde.nlp.tokenizer import customize_tokenizer  # noqa: E402

NAMES = {"nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", type=Path)
    parser.add_argument("--lang", required=True, choices=sorted(NAMES))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--note", default="")
    parser.add_argument(
        "--without-ner", action="store_true", help="leave the NER out: the shared model in kilde/nlp/models/ner serves"
    )
    parser.add_argument("--ner", type=Path, help="place this NER model's component last in the pipeline")
    args = parser.parse_args()
    out = args.out or ROOT / "kilde" / "nlp" / "models" / args.lang
    nlp = spacy.load(args.model)
    if args.without_ner and "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    if args.ner is not None:
        import kilde.nlp.lexicon_features  # noqa: F401  (registers the feature layer the NER's config names)

        if "ner" in nlp.pipe_names:
            nlp.remove_pipe("ner")
        nlp.add_pipe("ner", source=spacy.load(args.ner))
    customize_tokenizer(nlp, args.lang)
    nlp.meta["name"] = f"kilde_{args.lang}"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = (
        f"kilde {NAMES[args.lang]} pipeline trained on NorNE/NDT train (tagger: NDT POS, morphologizer: "
        f"UPOS + NDT features, trainable lemmatizer, NDT dependency parser, NorNE NER). {args.note}"
    ).strip()
    nlp.meta["sources"] = [{"name": "NorNE", "url": "https://github.com/ltgoslo/norne", "license": "CC0"}]
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"{out}: {size / 1e6:.1f} MB, pipes {nlp.pipe_names}")


if __name__ == "__main__":
    main()
