"""Scorers behind ``kilde evaluate``: each module here adds one subcommand.

A module defines ``register(app: typer.Typer) -> None`` and is found
automatically, so a new scorer needs no edit to the CLI.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer


def register_all(app: typer.Typer) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


def scores_to_print(
    evaluate: Callable[[str, Path, Path | None], dict[str, Any]],
    data: Path,
    lang: str,
    model: Path | None,
    as_json: bool,
) -> dict[str, Any] | None:
    """Run a CoNLL-U scorer (``ner``, ``parse``): a clear error for a missing file, JSON when asked, else the
    scores for the command to print as text."""
    if not data.exists():
        typer.echo(f"no such file: {data}", err=True)
        raise typer.Exit(1)
    scores = evaluate(lang, data, model)
    if as_json:
        typer.echo(json.dumps(scores, indent=2))
        return None
    return scores
