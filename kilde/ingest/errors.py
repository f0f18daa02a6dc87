"""What a reader says about input it cannot take."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(ValueError):
    """Bad input in one record; the message names the field."""


@dataclass(frozen=True)
class Rejected:
    """One piece of input that was not ingested, and why: ``file:line: message``."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
