"""The gap report: coverage, brokers, missing links and fragmentation in one answer.

The report is a pydantic model: its ``model_dump`` is the JSON of ``clustergraph gaps --format
json`` and of ``/api/gaps`` (whose response model it is); :meth:`GapReport.to_markdown` renders
the package template ``gaps_brief.md`` and :meth:`GapReport.coverage_csv` writes the matrix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from ..lookup.models import Resolved
from ..network.cache import resolved
from ..network.projection import Network, project
from ..store.base import Store
from ..web import TEMPLATES
from .brokers import Bridge, Broker, brokers
from .coverage import CoverageCell, Home, coverage, homes_of, markets_of
from .fragmentation import Fragmentation, fragmentation
from .links import MissingLink, missing_links


def markdown_cell(text: object) -> str:
    r"""Text safe inside a Markdown table cell: ``|`` escaped, line breaks as spaces.

    >>> print(markdown_cell("A | B\nC"))
    A \| B C
    """
    return str(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _number(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


@cache
def _markdown() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown, not HTML: cells are escaped by the `cell` filter
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = markdown_cell
    env.filters["num"] = _number
    return env


class GapReport(BaseModel):
    """Where the network has holes: coverage, brokers, missing links, fragmentation."""

    summary: dict[str, Any]
    as_of: int | None = None
    market: Resolved | None = None
    homes: list[Home]
    markets: list[tuple[str, str]]  # (iri, label)
    coverage: list[CoverageCell]
    brokers: list[Broker]
    bridges: list[Bridge]
    missing_links: list[MissingLink]
    complementary_links: list[MissingLink]
    fragmentation: Fragmentation
    notes: list[str] = []

    def coverage_table(self) -> dict[tuple[str, str], CoverageCell]:
        """The coverage cells by (home IRI, market IRI), built once for a whole matrix."""
        return {(c.home, c.market): c for c in self.coverage}

    def cell(self, home: str, market: str) -> CoverageCell:
        """The coverage cell of a home and a market, by IRI or label."""
        for c in self.coverage:
            if home in (c.home, c.home_label) and market in (c.market, c.market_label):
                return c
        raise KeyError((home, market))

    def coverage_csv(self) -> str:
        """The coverage matrix as CSV rows: home, kind, market, paths, flag, entry actors."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["home", "home_iri", "home_kind", "market", "market_iri", "paths", "flag", "entry_actors"])
        for c in self.coverage:
            writer.writerow(
                [
                    c.home_label,
                    c.home,
                    c.home_kind,
                    c.market_label,
                    c.market,
                    c.paths,
                    c.flag,
                    "; ".join(c.entry_actors),
                ]
            )
        return buffer.getvalue()

    def to_markdown(self) -> str:
        """A short brief a policy researcher can hand on (the template ``gaps_brief.md``)."""
        return (
            _markdown()
            .get_template("gaps_brief.md")
            .render(
                report=self,
                table=self.coverage_table(),
                gaps=[c for c in self.coverage if c.paths == 0],
                single=[c for c in self.coverage if c.paths == 1],
            )
        )


#: Above this many homes (clusters, alliances, regions), the coverage matrix keeps the largest.
COVERAGE_HOMES = 150


def bounded_homes(net: Network, homes: list[Home], notes: list[str]) -> list[Home]:
    """The :data:`COVERAGE_HOMES` best-connected homes (most ties first), in their order.

    One breadth-first search per home: bounding the rows keeps the matrix near-linear in the
    network (and readable); the note says so.
    """
    degree = net.affiliation_edges.graph.degree()
    index = net.records.index

    def size(home: Home) -> int:
        return int(sum(degree[index[a]] for a in home.actors if a in index))

    kept = {id(h) for h in sorted(homes, key=lambda h: (-size(h), h.label.lower()))[:COVERAGE_HOMES]}
    notes.append(
        f"coverage computed for the {COVERAGE_HOMES} best-connected of {len(homes)} homes"
        " (most ties first); the other homes are left out of the matrix"
    )
    return [h for h in homes if id(h) in kept]


def gap_report(
    store: Store,
    *,
    market: str | None = None,
    as_of: int | None = None,
    relations: Sequence[str] | None = None,
    limit: int = 10,
    max_hops: int = 8,
    network: Network | None = None,
) -> GapReport:
    """Coverage, brokers, missing links and fragmentation of the cluster network.

    Parameters
    ----------
    store : Store
        Any store.
    market : str, optional
        Restrict the coverage matrix to one market (name, code or IRI).
    as_of : int, optional
        Only ties holding in this year.
    relations : sequence of str, optional
        Relation types (default: all but funding).
    limit : int
        Brokers and missing links to list.
    max_hops : int
        Longest path counted for coverage, in affiliation-graph edges.
    network : Network, optional
        A projection already made with the same options.

    Returns
    -------
    GapReport

    Raises
    ------
    NotFoundError, AmbiguousError
        For an unknown or ambiguous market, or an empty graph.

    Examples
    --------
    >>> from clustergraph.network.example import example_store
    >>> report = gap_report(example_store())
    >>> report.cell("Beta Cluster", "Japan").paths, report.cell("Beta Cluster", "Brazil").flag
    (1, 'none')
    >>> sorted(b.label for b in report.brokers if b.articulation_point)
    ['Alpha Cluster', 'Beta Cluster']
    >>> report.to_markdown().splitlines()[0]
    '# Gaps in the cluster network'
    """
    net = network or project(store, relations=relations, as_of=as_of)
    market_r = resolved(store, market, ("place",), what="market") if market else None
    notes: list[str] = []
    homes = homes_of(net)
    markets = [market_r.iri] if market_r else markets_of(net)
    if len(homes) > COVERAGE_HOMES:
        homes = bounded_homes(net, homes, notes)
    cells = coverage(net, homes, markets, max_hops=max_hops)
    broker_list, bridge_list = brokers(net, limit=limit, notes=notes)
    by_shared, by_markets = missing_links(net, markets_of(net), limit=limit, notes=notes)
    frag = fragmentation(net)
    summary = {
        **net.summary(),
        "components": len(frag.components),
        "isolated": len(frag.isolated),
        "homes": len(homes),
        "markets": len(markets),
    }
    return GapReport(
        summary=summary,
        homes=homes,
        markets=[(m, net.records.place_label(m)) for m in markets],
        coverage=cells,
        brokers=broker_list,
        bridges=bridge_list,
        missing_links=by_shared,
        complementary_links=by_markets,
        fragmentation=frag,
        market=market_r,
        as_of=as_of,
        notes=notes,
    )
