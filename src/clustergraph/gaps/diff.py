"""The network between two years: which homes gained or lost a way into which market.

Both years are projections of the same records (read once), with the as-of rule of
:mod:`clustergraph.network.relations`; the coverage matrix of each (:mod:`.coverage`) is
compared cell by cell. A cell *gained* a path when the home reached no entry actor of the
market in the first year and reaches one in the second, *lost* one the other way round;
*more* and *fewer* count the entry actors reached. The entry actors that came and went are
named.

>>> from clustergraph.network.example import example_store
>>> diff = gap_diff(example_store(), 2014, 2016, market="Japan")
>>> [(c.home_label, c.change, c.gained_entries) for c in diff.changes][:1]
[('Alpha Cluster', 'gained', ['Osaka Partner'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..lookup.models import Resolved
from ..network.cache import resolved
from ..network.projection import Network, project
from ..store.base import Store
from .coverage import CoverageCell, coverage, homes_of, markets_of
from .report import COVERAGE_HOMES, _markdown, bounded_homes

#: Changes named per kind in the brief (all are in the JSON).
SHOWN = 30


class CoverageChange(BaseModel):
    """How one home's way into one market changed between the two years."""

    home: str
    home_label: str
    home_kind: str
    market: str
    market_label: str
    before: int  # entry actors reached in the first year
    after: int  # in the second
    change: str  # gained, lost, more, fewer
    gained_entries: list[str] = []  # labels of the entry actors reached only in the second year
    lost_entries: list[str] = []  # only in the first


class NetworkDiff(BaseModel):
    """The network in two years and the coverage cells that changed."""

    before: int
    after: int
    market: Resolved | None = None
    relations: list[str]
    summary: dict[str, Any]
    changes: list[CoverageChange]
    notes: list[str] = []

    def to_markdown(self) -> str:
        """A short brief (the template ``gaps_diff.md``)."""
        kinds = {k: [c for c in self.changes if c.change == k] for k in ("gained", "lost", "more", "fewer")}
        return _markdown().get_template("gaps_diff.md").render(diff=self, kinds=kinds, shown=SHOWN)


def _change(before: int, after: int) -> str:
    if before == 0:
        return "gained"
    if after == 0:
        return "lost"
    return "more" if after > before else "fewer"


def _compare(old: CoverageCell, new: CoverageCell) -> CoverageChange | None:
    if old.paths == new.paths and old.entry_actors == new.entry_actors:
        return None
    return CoverageChange(
        home=new.home,
        home_label=new.home_label,
        home_kind=new.home_kind,
        market=new.market,
        market_label=new.market_label,
        before=old.paths,
        after=new.paths,
        change=_change(old.paths, new.paths) if old.paths != new.paths else "more",
        gained_entries=sorted(set(new.entry_actors) - set(old.entry_actors), key=str.lower),
        lost_entries=sorted(set(old.entry_actors) - set(new.entry_actors), key=str.lower),
    )


def _counts(net: Network) -> dict[str, int]:
    return {"ties": int(net.kept.sum()), "actor_edges": net.actor_edges.graph.m}


def gap_diff(
    store: Store,
    before: int,
    after: int,
    *,
    market: str | None = None,
    relations: Sequence[str] | None = None,
    max_hops: int = 8,
) -> NetworkDiff:
    """Compare the coverage of markets in year ``before`` and year ``after``.

    Parameters
    ----------
    store : Store
        Any store.
    before, after : int
        The two years (each projection keeps the ties holding in that year).
    market : str, optional
        Only this market (name, code or IRI); default every market targeted or served.
    relations : sequence of str, optional
        Relation types (default: all but funding).
    max_hops : int
        Longest path counted, in affiliation-graph edges.

    Raises
    ------
    InputError
        When ``before`` is not earlier than ``after``, or for an unknown relation type.
    NotFoundError, AmbiguousError
        For an unknown or ambiguous market, or an empty graph.
    """
    from ..errors import InputError

    if before >= after:
        raise InputError(f"--diff needs an earlier year first: got {before} and {after}; try --diff {after} {before}")
    first = project(store, relations=relations, as_of=before)
    second = project(store, relations=relations, as_of=after)
    market_r = resolved(store, market, ("place",), what="market") if market else None
    notes: list[str] = []
    homes = homes_of(second)
    if len(homes) > COVERAGE_HOMES:
        homes = bounded_homes(second, homes, notes)
    markets = [market_r.iri] if market_r else markets_of(second)
    old = coverage(first, homes, markets, max_hops=max_hops)
    new = coverage(second, homes, markets, max_hops=max_hops)
    changes = [c for c in (_compare(a, b) for a, b in zip(old, new, strict=True)) if c is not None]
    order = {"lost": 0, "gained": 1, "fewer": 2, "more": 3}
    changes.sort(key=lambda c: (order[c.change], c.market_label.lower(), c.home_label.lower()))
    return NetworkDiff(
        before=before,
        after=after,
        market=market_r,
        relations=list(second.relations),
        summary={"before": _counts(first), "after": _counts(second), "homes": len(homes), "markets": len(markets)},
        changes=changes,
        notes=notes,
    )
