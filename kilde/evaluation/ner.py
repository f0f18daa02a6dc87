"""``kilde evaluate ner``: entity-level P/R/F1 (overall and per NorNE type) on a CoNLL-U file.

Gold tokens are used as given, so the figures compare with published NorNE scores.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kilde.evaluation import scores_to_print


def evaluate(lang: str, data: Path, model: Path | None = None) -> dict:
    """NER scores of the shipped ``lang`` pipeline (or the one at ``model``) on ``data``.

    The parser does not run (it sets nothing the NER reads), nor the lemmatizer unless the NER embeds
    lemmas (the stacked NER, training/configs/ner-stack.cfg): then it sees predicted lemmas, as at run time.
    """
    from kilde.nlp.load import load, load_path
    from kilde.nlp.scoring import attrs_read_by, gold_examples, run_pipeline, score_ner

    nlp = load_path(model, lang) if model else load(lang)
    typer = nlp.get_pipe("kilde_entity_typer") if "kilde_entity_typer" in nlp.pipe_names else None
    if typer is not None and typer.model.uses_syntax:
        disable: tuple[str, ...] = ()  # the typer reads the tree and the lemmas
    elif "LEMMA" in attrs_read_by(nlp, "ner"):
        disable = ("parser",)
    else:
        disable = ("parser", "trainable_lemmatizer")
    return score_ner(run_pipeline(nlp, gold_examples(nlp, data), disable=disable))


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
