"""``kilde evaluate ner``: entity-level P/R/F1 (overall and per NorNE type) on a CoNLL-U file.

Gold tokens are used as given, so the figures compare with published NorNE scores.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kilde.evaluation import scores_to_print


def evaluate(lang: str, data: Path, model: Path | None = None) -> dict:
    """NER scores of the shipped ``lang`` pipeline (or the one at ``model``) on ``data``."""
    from kilde.nlp.scoring import examples_for, score_ner

    examples = examples_for(lang, data, model, disable=("parser", "trainable_lemmatizer"))
    return score_ner(examples)


def register(app: typer.Typer) -> None:
    @app.command("ner")
    def ner_command(
        data: Path = typer.Option(..., help="NorNE/NDT CoNLL-U file (NER in MISC as name=B-PER)"),
        lang: str = typer.Option("nb", help="pipeline: nb or nn"),
        model: Path = typer.Option(None, help="score this model directory instead of the shipped one"),
        as_json: bool = typer.Option(False, "--json", help="print JSON"),
    ) -> None:
        """Entity-level precision, recall and F1 of the Norwegian NER on gold tokens."""
        r = scores_to_print(evaluate, data, lang, model, as_json)
        if r is None:
            return
        typer.echo(f"{data} ({r['sentences']} sentences, {r['words']} words), pipeline {model or lang}")
        typer.echo(f"{'type':10} {'P':>7} {'R':>7} {'F1':>7}")
        typer.echo(f"{'ALL':10} {r['p']:7.4f} {r['r']:7.4f} {r['f']:7.4f}")
        for label, s in r["per_type"].items():
            typer.echo(f"{label:10} {s['p']:7.4f} {s['r']:7.4f} {s['f']:7.4f}")
