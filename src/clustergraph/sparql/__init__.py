"""SPARQL used inside the library, one ``.rq`` file per query (not the user-facing catalogue).

>>> "SELECT" in load("entities-per-class")
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@cache
def load(name: str) -> str:
    """The text of ``<name>.rq`` in this folder."""
    return (_HERE / f"{name}.rq").read_text(encoding="utf-8")
