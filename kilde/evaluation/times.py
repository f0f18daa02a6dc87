"""``kilde evaluate times``: the share of annotated time expressions resolved to the right interval.

Gold: tests/gold/times.jsonl, one expression a line (article id, text, offsets, expected start/end,
precision, kind; BC ones by start_year/end_year; durations by duration_days). Expressions from the
``dev`` split are held out, scored separately; ``dev2`` (more dev-split articles, annotated after
the extractor was written) was scored only at the end. A gold expression counts as right when the
extracted span overlapping it most has the same interval (and the same ``uncertain``).
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import typer

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "times.jsonl"
SHARED = Path(os.environ.get("KILDE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "data" / "articles" / "norne-articles.jsonl"


# train: looked at while developing; dev: held out, its misses never listed while developing (but its
# score was printed along the way); dev2: annotated last and scored once, the cleanest held-out figure.
PARTS = {"train": "development (train)", "dev": "held-out (dev)", "dev2": "held-out 2 (annotated last)"}


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_articles(ids: set[str], path: Path = ARTICLES) -> dict[str, Any]:
    """Articles (kilde Article records) for the gold ids, built the way ``kilde extract`` builds them."""
    from kilde.ingest.jsonl import article_from_json

    out: dict[str, Any] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            obj = json.loads(line)
            if obj.get("id") in ids:
                out[obj["id"]] = article_from_json(obj, f"{path.name}:{number}", {})
    return out


def _dt(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def matches(gold: dict[str, Any], span: Any) -> bool:
    if gold.get("kind") == "duration":
        return span.kind == "duration" and span.duration_days is not None and abs(
            span.duration_days - gold["duration_days"]) < 0.01
    if gold.get("start") is None and gold.get("start_year") is not None:
        return span.start is None and (span.start_year, span.end_year) == (gold["start_year"], gold["end_year"])
    return (span.start, span.end) == (_dt(gold["start"]), _dt(gold["end"])) and bool(
        span.uncertain) == bool(gold.get("uncertain"))


def score(gold: list[dict[str, Any]], verbose: bool = False, show_split: str | None = "train"
          ) -> dict[str, dict[str, float]]:
    from kilde.extract.times import extract_times
    from kilde.model import ExtractionResult
    from kilde.nlp import parse

    articles = load_articles({g["article"] for g in gold})
    by_article: dict[str, list[Any]] = {}
    for aid, article in articles.items():
        # the Doc kilde extract would give the stage (blank until the trained models land)
        doc = parse(article.text, article.language)
        by_article[aid] = extract_times(doc, article, ExtractionResult(article=article))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        part = PARTS.get(g["split"], g["split"])
        spans = by_article.get(g["article"], [])
        overlapping = [s for s in spans if s.start_char < g["end_char"] and g["start_char"] < s.end_char]
        best = max(overlapping, key=lambda s: min(s.end_char, g["end_char"]) - max(s.start_char, g["start_char"]),
                   default=None)
        ok = best is not None and matches(g, best)
        for key in (part, "all", f"lang {g['language']}"):
            counts[key]["n"] += 1
            counts[key]["found"] += best is not None
            counts[key]["correct"] += ok
        if verbose and not ok and (show_split is None or g["split"] == show_split):
            got = "-" if best is None else (f"{best.text!r} {best.start} {best.end} {best.precision} "
                                            f"u={best.uncertain} y={best.start_year}..{best.end_year} "
                                            f"d={best.duration_days}")
            typer.echo(f"MISS {g['split']:5} {g['article']:15} {g['published'][:16]} {g['text']!r}: "
                       f"want {g.get('start')} {g.get('end')} {g.get('duration_days') or ''}; got {got}")
    return {k: {"n": c["n"], "found": c["found"] / c["n"], "accuracy": c["correct"] / c["n"]}
            for k, c in counts.items()}


def register(app: typer.Typer) -> None:
    @app.command("times")
    def times_command(
        gold: Path = typer.Option(GOLD, help="gold expressions (JSON lines)"),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="list the expressions it gets wrong"),
        show_split: str = typer.Option("train", help="split whose misses --verbose lists ('all' for every one);"
                                       " keep the held-out dev split unseen while developing"),
    ) -> None:
        """Accuracy of resolved time intervals on the annotated shared articles (train and held-out dev)."""
        if not ARTICLES.exists():
            typer.echo(f"shared articles not found at {ARTICLES} (set KILDE_SHARED)", err=True)
            raise typer.Exit(1)
        results = score(load_gold(gold), verbose=verbose, show_split=None if show_split == "all" else show_split)
        for key in sorted(results):
            r = results[key]
            typer.echo(f"{key:28} n={r['n']:4d}  detected={r['found']:.1%}  correct interval={r['accuracy']:.1%}")
