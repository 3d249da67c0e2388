"""Entry points: ranked, explained paths from a home actor, alliance or region into a market.

>>> from clustergraph.network.example import example_store
>>> answer = entry_points(example_store(), "Catalonia", "JP")
>>> answer.home_kind, [e.label for e in answer.entry_points]
('region', ['Osaka Partner'])
"""

from __future__ import annotations

from .model import (
    Contact,
    EntryPath,
    EntryPoint,
    EntryPointAnswer,
    HomeEntry,
    Hop,
    MissingHop,
    Named,
    PartialPath,
)
from .search import entry_points, home_actors

__all__ = [
    "Contact",
    "EntryPath",
    "EntryPoint",
    "EntryPointAnswer",
    "HomeEntry",
    "Hop",
    "MissingHop",
    "Named",
    "PartialPath",
    "entry_points",
    "home_actors",
]
