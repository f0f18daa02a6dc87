"""Scorers behind ``kilde evaluate``: each module here adds one subcommand.

A module defines ``register(app: typer.Typer) -> None`` and is found
automatically, so a new scorer needs no edit to the CLI.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)
