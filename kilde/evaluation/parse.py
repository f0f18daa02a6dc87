"""``kilde evaluate parse``: NDT tag, UPOS, morphology and lemma accuracy, UAS/LAS on a CoNLL-U file.

Gold tokens are used as given; punctuation is scored like any token (NDT labels IP/IK).
"""

from __future__ import annotations

from pathlib import Path

import typer

from kilde.evaluation import scores_to_print


def evaluate(lang: str, data: Path, model: Path | None = None) -> dict:
    """Tagging, lemma and dependency scores of the ``lang`` pipeline (or ``model``) on ``data``."""
    from kilde.nlp.scoring import examples_for, score_parse

    examples = examples_for(lang, data, model, disable=("ner",))
    return score_parse(examples)


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse_command(
        data: Path = typer.Option(..., help="NorNE/NDT CoNLL-U file"),
        lang: str = typer.Option("nb", help="pipeline: nb or nn"),
        model: Path = typer.Option(None, help="score this model directory instead of the shipped one"),
        as_json: bool = typer.Option(False, "--json", help="print JSON"),
    ) -> None:
        """Tag (NDT POS), UPOS, morphology and lemma accuracy, UAS and LAS on gold tokens."""
        r = scores_to_print(evaluate, data, lang, model, as_json)
        if r is None:
            return
        typer.echo(f"{data} ({r['words']} words), pipeline {model or lang}")
        for key, label in [
            ("tag_acc", "tag accuracy (NDT POS)"),
            ("upos_acc", "UPOS accuracy"),
            ("morph_acc", "morph accuracy (NDT feats)"),
            ("lemma_acc", "lemma accuracy"),
            ("uas", "UAS"),
            ("las", "LAS"),
            ("sents_f", "sentence boundary F1"),
        ]:
            value = r[key]
            typer.echo(f"{label:28} {value:.4f}" if value is not None else f"{label:28} n/a")
