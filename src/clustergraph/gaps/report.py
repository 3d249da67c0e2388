"""The gap report: coverage, brokers, missing links and fragmentation in one answer."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..lookup import Resolved, resolve
from ..network.projection import Network, project
from ..store.base import Store
from .brokers import Bridge, Broker, brokers
from .coverage import CoverageCell, Home, coverage, homes_of, markets_of
from .fragmentation import Fragmentation, fragmentation
from .links import MissingLink, missing_links


@dataclass
class GapReport:
    """Where the network has holes: coverage, brokers, missing links, fragmentation."""

    summary: dict[str, Any]
    homes: list[Home]
    markets: list[tuple[str, str]]  # (iri, label)
    coverage: list[CoverageCell]
    brokers: list[Broker]
    bridges: list[Bridge]
    missing_links: list[MissingLink]
    complementary_links: list[MissingLink]
    fragmentation: Fragmentation
    market: Resolved | None = None
    as_of: int | None = None
    notes: list[str] = field(default_factory=list)

    def cell(self, home: str, market: str) -> CoverageCell:
        """The coverage cell of a home and a market, by IRI or label."""
        for c in self.coverage:
            if home in (c.home, c.home_label) and market in (c.market, c.market_label):
                return c
        raise KeyError((home, market))

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain values (JSON-ready)."""
        return {
            "summary": self.summary,
            "as_of": self.as_of,
            "market": self.market.model_dump() if self.market else None,
            "homes": [{"iri": h.iri, "label": h.label, "kind": h.kind, "actors": len(h.actors)} for h in self.homes],
            "markets": [{"iri": i, "label": label} for i, label in self.markets],
            "coverage": [c.to_dict() for c in self.coverage],
            "brokers": [b.to_dict() for b in self.brokers],
            "bridges": [b.to_dict() for b in self.bridges],
            "missing_links": [m.to_dict() for m in self.missing_links],
            "complementary_links": [m.to_dict() for m in self.complementary_links],
            "fragmentation": self.fragmentation.to_dict(),
            "notes": self.notes,
        }

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
        """A short brief a policy researcher can hand on."""
        s = self.summary
        when = f" as of {self.as_of}" if self.as_of is not None else ""
        lines = [
            f"# Gaps in the cluster network{when}",
            "",
            f"The network holds {s['actors']} organisations and {s['actor_edges']} ties between them"
            f" ({', '.join(s['relations'])}); {s['components']} connected group(s),"
            f" {s['isolated']} organisation(s) without any tie.",
            "",
            "## Coverage: entry paths from each home into each market",
            "",
            "A number counts the distinct organisations located in or serving the market that the home"
            " reaches through its ties. **0** is a gap, *1* a single, fragile path.",
            "",
        ]
        markets = [label for _, label in self.markets]
        lines.append("| home | " + " | ".join(markets) + " |")
        lines.append("| --- | " + " | ".join("---:" for _ in markets) + " |")
        for home in self.homes:
            row = []
            for iri, _ in self.markets:
                c = next(x for x in self.coverage if x.home == home.iri and x.market == iri)
                row.append("**0**" if c.paths == 0 else f"*{c.paths}*" if c.paths == 1 else str(c.paths))
            lines.append(f"| {home.label} ({home.kind}) | " + " | ".join(row) + " |")
        gaps = [c for c in self.coverage if c.paths == 0]
        single = [c for c in self.coverage if c.paths == 1]
        lines += [
            "",
            f"{len(gaps)} of {len(self.coverage)} home-market pairs have no entry path;"
            f" {len(single)} rest on a single organisation.",
        ]
        if single:
            lines.append(
                "Single paths: "
                + "; ".join(f"{c.home_label} → {c.market_label} only through {c.entry_actors[0]}" for c in single[:8])
                + ("; ..." if len(single) > 8 else "")
                + "."
            )
        lines += ["", "## Brokers", ""]
        if self.brokers:
            lines.append("| organisation | betweenness | constraint | effective size | without it |")
            lines.append("| --- | ---: | ---: | ---: | --- |")
            for b in self.brokers:
                lines.append(
                    f"| {b.label} | {b.betweenness:.3f} | {_num(b.constraint)} | {_num(b.effective_size)}"
                    f" | {b.cut_off_text() or '—'} |"
                )
        else:
            lines.append("No organisation brokers between others: every tie is direct.")
        if self.bridges:
            lines += [
                "",
                "Single ties that hold parts together (bridges): "
                + "; ".join(
                    f"{b.a_label} — {b.b_label}" + (f" (via {', '.join(b.via)})" if b.via else "")
                    for b in self.bridges[:10]
                )
                + ".",
            ]
        lines += ["", "## Missing links", ""]
        if self.missing_links:
            lines.append("Unconnected pairs that share partners (resource allocation, Adamic-Adar):")
            lines.append("")
            for m in self.missing_links[:8]:
                extra = ""
                if m.a_brings or m.b_brings:
                    a_adds = ", ".join(m.a_brings) or "—"
                    b_adds = ", ".join(m.b_brings) or "—"
                    extra = f"; markets: {m.a_label} adds {a_adds}, {m.b_label} adds {b_adds}"
                lines.append(
                    f"- {m.a_label} — {m.b_label}: RA {m.resource_allocation:.2f}, AA {m.adamic_adar:.2f},"
                    f" through {', '.join(m.shared_neighbours[:4])}{extra}"
                )
        else:
            lines.append("No unconnected pair shares a partner.")
        if self.complementary_links:
            lines += ["", "Pairs that would open markets to each other:", ""]
            for m in self.complementary_links[:5]:
                lines.append(
                    f"- {m.a_label} — {m.b_label}: {m.a_label} adds {', '.join(m.a_brings) or '—'};"
                    f" {m.b_label} adds {', '.join(m.b_brings) or '—'} (through {', '.join(m.shared_neighbours[:3])})"
                )
        f = self.fragmentation
        lines += ["", "## Fragmentation", ""]
        lines.append(
            f"{len(f.components)} connected group(s) of two or more, {len(f.isolated)} isolated"
            f" organisation(s){': ' + ', '.join(f.isolated[:10]) if f.isolated else ''}."
        )
        for i, part in enumerate(f.components[:5], 1):
            lines.append(
                f"- group {i}: {part.size} organisations ({', '.join(part.actors[:5])}"
                f"{' ...' if part.size > 5 else ''})"
            )
        if f.communities:
            lines += ["", f"Louvain communities (seed 42, modularity {f.modularity}):", ""]
            for com in f.communities[:8]:
                held = f", held by {', '.join(com.held_by)}" if com.held_by else ""
                lines.append(
                    f"- community {com.id}: {com.size} ({', '.join(com.actors[:4])}"
                    f"{' ...' if com.size > 4 else ''}){held}"
                )
            for meet in f.bridges[:8]:
                lines.append(
                    f"- communities {meet.community_a} and {meet.community_b} meet through"
                    f" {', '.join(meet.brokers[:4])}"
                )
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


#: Above this many homes (clusters, alliances, regions), the coverage matrix keeps the largest.
COVERAGE_HOMES = 150


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
    market_r = resolve(store, market, ("place",), what="market") if market else None
    notes: list[str] = []
    homes = homes_of(net)
    markets = [market_r.iri] if market_r else markets_of(net)
    if len(homes) > COVERAGE_HOMES:
        # One breadth-first search per home: bound the rows so the matrix stays near-linear
        # in the network (and readable). The largest homes (most actors) are kept.
        g = net.affiliation

        def size(home: Home) -> int:
            return sum(g.degree(a) for a in home.actors if a in g)

        kept = {id(h) for h in sorted(homes, key=lambda h: (-size(h), h.label.lower()))[:COVERAGE_HOMES]}
        notes.append(
            f"coverage computed for the {COVERAGE_HOMES} best-connected of {len(homes)} homes"
            " (most ties first); the other homes are left out of the matrix"
        )
        homes = [h for h in homes if id(h) in kept]
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
