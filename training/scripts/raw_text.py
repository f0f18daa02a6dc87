"""Write the train-split articles as raw text for ``spacy pretrain`` (training/corpus/raw-train.jsonl).

Pretraining the NER's tok2vec may only see text the model is allowed to train on, so dev articles are
left out. Sentences are grouped ten at a time, like the NorNE training docs, with their tokens joined by
spaces (the articles are tokenised already), one JSON line {"text": ...} per group.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

# ../shared next to the checkout, like the Makefile's NORNE.
DEFAULT_ARTICLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "articles" / "norne-articles.jsonl"


def raw_texts(articles: Path, split: str = "train", sentences_per_doc: int = 10) -> Iterator[str]:
    """Texts of ``sentences_per_doc`` consecutive sentences from each article of ``split``."""
    with articles.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article.get("split") != split:
                continue
            sentences = [" ".join(t["form"] for t in s["tokens"]) for s in article["sentences"]]
            for start in range(0, len(sentences), sentences_per_doc):
                yield " ".join(sentences[start:start + sentences_per_doc])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--output", type=Path, default=Path("training/corpus/raw-train.jsonl"))
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    n_docs = n_words = 0
    with args.output.open("w", encoding="utf-8") as out:
        for text in raw_texts(args.articles):
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
            n_docs += 1
            n_words += text.count(" ") + 1
    print(f"{n_docs} docs, {n_words} words -> {args.output}")


if __name__ == "__main__":
    main()
