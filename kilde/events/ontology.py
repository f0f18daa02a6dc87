"""The ACLED/PLOVER ontology (ontology.yaml): which sub-event belongs to which type and PLOVER category.

Kept as data so a coder can check it against the ACLED codebook line by line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ONTOLOGY_PATH = Path(__file__).with_name("ontology.yaml")


@lru_cache(maxsize=1)
def ontology() -> dict[str, Any]:
    with ONTOLOGY_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def sub_event_index() -> dict[str, tuple[str, str, str]]:
    """sub_event_type -> (event_type, plover_category, plover_mode)."""
    index: dict[str, tuple[str, str, str]] = {}
    for event_type, subs in ontology()["acled"].items():
        for sub, plover in subs.items():
            index[sub] = (event_type, plover["plover"], plover.get("mode") or "")
    return index


def event_type_of(sub_event_type: str) -> str:
    return sub_event_index()[sub_event_type][0]


def plover_of(sub_event_type: str) -> tuple[str, str]:
    _, category, mode = sub_event_index()[sub_event_type]
    return category, mode


def is_sub_event(name: str | None) -> bool:
    return name in sub_event_index()


def is_plover_category(name: str | None) -> bool:
    return name in ontology()["plover_only"]


def acled_types() -> list[str]:
    return list(ontology()["acled"])


def inter_code(actor_type: str | None) -> int | None:
    """ACLED's inter1/inter2 code for an actor type (State forces -> 1, ...)."""
    if actor_type is None:
        return None
    return ontology()["actor_types"].get(actor_type)


@lru_cache(maxsize=1)
def country_scoped() -> frozenset[str]:
    """Sub-event types told of a whole country (``scope: country``)."""
    return frozenset(
        sub for subs in ontology()["acled"].values() for sub, spec in subs.items() if spec.get("scope") == "country"
    )
