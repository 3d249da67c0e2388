"""How an entry point is scored.

``score = 100 × strength × recency × (1 + 0.5 × (independent_paths − 1))``, rounded to one
decimal:

- *strength*: product of the strengths of the hops of the best path (agreement 1.0,
  alliance 0.9, unit 0.9, project 0.7, event 0.5, funding 0.3, a part-of link such as a
  sub-event 0.9), so longer and weaker paths score lower;
- *recency*: ``1 / (1 + max(0, reference_year − latest_year) / 5)``, where latest_year is the
  latest year any tie or link of the best path carries and reference_year is ``as_of`` or else
  the current year (the explanation says which); an undated path gets 0.5;
- *independent_paths*: the number of paths from the home to the entry point that share no
  intermediate node (actor, alliance, project, event or agreement), found greedily shortest
  first and counted up to :data:`MAX_CONNECTIVITY` (see
  :func:`clustergraph.entrypoints.paths.independent_paths`).

The best path is the strongest shortest path (then the most recent), found by dynamic
programming (:class:`clustergraph.entrypoints.paths.Search`); the score is on the scale
:data:`SCALE` states.

>>> recency(2016, 2016, "as of 2016")
(1.0, 'latest tie 2016, 0 year(s) before 2016 (as of 2016; recency 1.00)')
>>> score(0.45, 1.0, 2)
67.5
"""

from __future__ import annotations

from .model import EntryPath

#: Independent paths counted at most.
MAX_CONNECTIVITY = 5
#: Shortest paths looked at per entry point.
MAX_PATHS = 50
#: The most that independent paths can multiply a score by.
BOUND = 1 + 0.5 * (MAX_CONNECTIVITY - 1)
#: The scale of the score, as the answers state it.
SCALE = (
    "0 to 300: 100 is one path of strength 1 (a direct agreement partner) whose latest tie is from"
    f" the reference year; longer and weaker paths score less, older ones less (recency), and each"
    f" further independent path adds half (up to {MAX_CONNECTIVITY} paths: × {BOUND:g})"
)


def recency(latest: int | None, reference: int, whose: str) -> tuple[float, str]:
    """The recency factor of a path whose latest tie is from ``latest``, measured against
    ``reference`` (``whose`` says where that year comes from), and its explanation."""
    if latest is None:
        return 0.5, "no dated tie on the path (recency 0.5)"
    age = max(0, reference - latest)
    factor = 1 / (1 + age / 5)
    return factor, f"latest tie {latest}, {age} year(s) before {reference} ({whose}; recency {factor:.2f})"


def score(strength: float, recency_factor: float, independent: int = 1) -> float:
    """The score of an entry point (see the module docs)."""
    return round(100 * strength * recency_factor * (1 + 0.5 * (independent - 1)), 1)


def explain(best: EntryPath, when: str) -> str:
    """The first part of an entry point's ``why``: hops, strengths, recency."""
    strengths = " × ".join(f"{h.relation_type} {h.strength:g}" for h in best.hops)
    return f"{len(best.hops)} hop(s), strength {strengths} = {best.strength:g}; {when}"
