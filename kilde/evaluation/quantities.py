"""``kilde evaluate quantities``: counted amounts, their bounds, noun and fatality flag against gold.

Gold: tests/gold/quantities.jsonl — quantities in the shared articles (``source: shared``) and in
team-written sentences (``source: written``, the sentences are in quantities_sentences.jsonl and are
annotated exhaustively, so they also give a precision). The ``dev`` split is held out.
A gold quantity is right when the extracted quantity overlapping its number has the same
low/best/high, the same counted noun (case-insensitive) and the same fatality flag.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import typer

from kilde.evaluation.times import ARTICLES, load_articles

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "quantities.jsonl"
SENTENCES = ROOT / "tests" / "gold" / "quantities_sentences.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def extract(article: Any) -> list[Any]:
    from kilde.extract.quantities import extract_quantities
    from kilde.extract.times import extract_times
    from kilde.model import ExtractionResult
    from kilde.nlp import parse

    doc = parse(article.text, article.language)  # what kilde extract gives the stages
    result = ExtractionResult(article=article)
    result.times = extract_times(doc, article, result)
    return extract_quantities(doc, article, result)


def same(gold: dict[str, Any], q: Any) -> dict[str, bool]:
    unit = (q.unit or None) and q.unit.lower()
    return {
        "bounds": (q.low, q.best, q.high) == (gold["low"], gold["best"], gold["high"]),
        "unit": unit == (gold["unit"] and gold["unit"].lower()),
        "fatalities": q.fatalities == gold["fatalities"],
    }


def score(gold: list[dict[str, Any]], sentences: list[dict[str, Any]], verbose: bool = False,
          show_split: str | None = "train") -> dict[str, dict[str, float]]:
    from kilde.model import Article

    shared_ids = {g["article"] for g in gold if g["source"] == "shared"}
    docs: dict[str, list[Any]] = {}
    if shared_ids and ARTICLES.exists():
        for aid, article in load_articles(shared_ids).items():
            docs[aid] = extract(article)
    for s in sentences:
        docs[s["sentence"]] = extract(Article(text=s["sentence"], language=s["language"]))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    matched: set[tuple[str, int]] = set()
    for g in gold:
        key = g["article"] if g["source"] == "shared" else g["sentence"]
        if key not in docs:
            continue
        part = f"{g['source']} {'held-out (dev)' if g['split'] == 'dev' else 'development (train)'}"
        overlapping = [q for q in docs[key] if q.start_char < g["end_char"] and g["start_char"] < q.end_char]
        best = max(overlapping, key=lambda q: min(q.end_char, g["end_char"]) - max(q.start_char, g["start_char"]),
                   default=None)
        checks = same(g, best) if best is not None else {"bounds": False, "unit": False, "fatalities": False}
        ok = all(checks.values())
        if best is not None:
            matched.add((key, best.start_char))
        for k in (part, "all", "held-out (dev)" if g["split"] == "dev" else "development (train)"):
            counts[k]["n"] += 1
            counts[k]["found"] += best is not None
            counts[k]["correct"] += ok
            counts[k]["fatal_gold"] += g["fatalities"]
            counts[k]["fatal_hit"] += bool(best is not None and g["fatalities"] and best.fatalities)
            for name, value in checks.items():
                counts[k][name] += value
        if verbose and not ok and (show_split is None or g["split"] == show_split):
            got = "-" if best is None else (f"{best.text!r} {best.low}/{best.best}/{best.high} unit={best.unit} "
                                            f"fatal={best.fatalities} approx={best.approximator}")
            typer.echo(f"MISS {g['split']:5} {str(g.get('article') or g['sentence'])[:40]:40} {g['text']!r}: want "
                       f"{g['low']}/{g['best']}/{g['high']} unit={g['unit']} fatal={g['fatalities']}; got {got}")
    # precision over the exhaustively annotated written sentences
    for s in sentences:
        for q in docs[s["sentence"]]:
            k = "written precision"
            counts[k]["n"] += 1
            counts[k]["correct"] += (s["sentence"], q.start_char) in matched
    out: dict[str, dict[str, float]] = {}
    for k, c in counts.items():
        n = c["n"] or 1
        out[k] = {"n": c["n"], "found": c["found"] / n, "accuracy": c["correct"] / n, "bounds": c["bounds"] / n,
                  "unit": c["unit"] / n, "fatalities": c["fatalities"] / n,
                  "fatal_recall": c["fatal_hit"] / c["fatal_gold"] if c["fatal_gold"] else None}
    return out


def register(app: typer.Typer) -> None:
    @app.command("quantities")
    def quantities_command(
        verbose: bool = typer.Option(False, "--verbose", "-v", help="list the quantities it gets wrong"),
        show_split: str = typer.Option("train", help="split whose misses --verbose lists ('all' for every one)"),
    ) -> None:
        """Accuracy of counted quantities (bounds, noun, fatality flag) on the annotated gold."""
        if not ARTICLES.exists():
            typer.echo(f"shared articles not found at {ARTICLES}; scoring the written sentences only", err=True)
        results = score(load(GOLD), load(SENTENCES), verbose=verbose,
                        show_split=None if show_split == "all" else show_split)
        for key in sorted(results):
            r = results[key]
            if key == "written precision":
                typer.echo(f"{key:32} extracted={r['n']:3d}  matching a gold quantity={r['accuracy']:.1%}")
                continue
            typer.echo(f"{key:32} n={r['n']:3d}  detected={r['found']:.1%}  all right={r['accuracy']:.1%}  "
                       f"bounds={r['bounds']:.1%}  noun={r['unit']:.1%}  fatal flag={r['fatalities']:.1%}  "
                       + (f"fatality recall={r['fatal_recall']:.1%}" if r["fatal_recall"] is not None
                          else "fatality recall=n/a"))
