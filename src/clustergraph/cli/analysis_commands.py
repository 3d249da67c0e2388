"""Commands that analyse the network: entry points into a market, and the gaps."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .common import StoreOption, opened_store


class EntryFormat(str, Enum):
    """Output formats of ``entry-points``."""

    table = "table"
    json = "json"


class GapFormat(str, Enum):
    """Output formats of ``gaps``."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


RelationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        "-r",
        help="Relation types to follow (repeat): agreement, alliance, unit, project, event,"
        " funding. Default: all but funding.",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the app."""
    app.command("entry-points")(entry_points_command)
    app.command("gaps")(gaps_command)


def entry_points_command(
    home: Annotated[
        str,
        typer.Option("--from", help="Home: an organisation, alliance or region (name, alias, code or IRI)."),
    ],
    market: Annotated[str, typer.Option("--market", "-m", help="Market: a country or region (name, code or IRI).")],
    sector: Annotated[str | None, typer.Option("--sector", help="Keep entry points in this sector.")] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help="Only ties holding in this year.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many entry points.")] = 10,
    relation: RelationOption = None,
    store: StoreOption = None,
    format: Annotated[EntryFormat, typer.Option("--format", "-f")] = EntryFormat.table,
) -> None:
    """Who is the way into a market from a home actor, alliance or region, and through whom.

    Every hop names its relation, dates, source graph and evidence quote. With no entry point,
    the answer says which hop is missing and shows the nearest partial paths.
    """
    from ..entrypoints import entry_points

    with opened_store(store, read_only=True) as target:
        answer = entry_points(target, home, market, sector=sector, as_of=as_of, limit=limit, relations=relation)
    if format is EntryFormat.json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    _print_entry_points(answer)


def _print_entry_points(answer: object) -> None:
    from ..entrypoints import EntryPointAnswer
    from ..terms import compact

    assert isinstance(answer, EntryPointAnswer)
    out = typer.echo
    homes = ", ".join(h.label for h in answer.home_actors[:6])
    more = " ..." if len(answer.home_actors) > 6 else ""
    out(
        f"Entry points from {answer.home.label} ({answer.home_kind}: {homes}{more})"
        f" into {answer.market.label}" + (f", as of {answer.as_of}" if answer.as_of is not None else "")
    )
    if answer.entry_points:
        out(f"Score: {answer.score_scale}; recency against {answer.reference_year} ({answer.reference}).")
    for e in answer.entry_points:
        out("")
        out(f"{e.rank}. {e.label} — score {e.score:g} — {e.reason}")
        out(f"   why: {e.why}")
        for p in e.paths[:2]:
            out(f"   path: {p.text}")
            for h in p.hops:
                dates = "–".join(x for x in (h.start, h.end) if x)
                source = compact(h.graph) if h.graph else "no source"
                quote = f' "{h.evidence}"' if h.evidence else ""
                out(f"     · {h.text}" + (f" ({dates})" if dates else "") + f" [{source}]{quote}")
        for c in e.contacts:
            out(f"   contact: {c.label} ({c.type}, {c.organisation})")
    if answer.home_entry_points:
        out("")
        out(f"Already in or serving {answer.market.label} within the home (no way in needed):")
        for own in answer.home_entry_points:
            out(f"  - {own.label} — {own.reason}")
            for c in own.contacts:
                out(f"    contact: {c.label} ({c.type}, {c.organisation})")
    if answer.missing is not None:
        out("")
        out(f"No entry point: {answer.missing.message}.")
        if answer.missing.partial_paths:
            out("Nearest partial paths:")
            for pp in answer.missing.partial_paths:
                out(f"  - {pp.note}: {pp.path.text or pp.label}")
        if answer.missing.market_actors:
            names = ", ".join(a.label for a in answer.missing.market_actors)
            out(f"Organisations the graph knows in or serving {answer.market.label}: {names}")
    for note in answer.notes:
        out(f"note: {note}")


def gaps_command(
    market: Annotated[str | None, typer.Option("--market", "-m", help="Only this market (name, code or IRI).")] = None,
    as_of: Annotated[int | None, typer.Option("--as-of", help="Only ties holding in this year.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Brokers and missing links to list.")] = 10,
    relation: RelationOption = None,
    diff: Annotated[
        tuple[int, int] | None,
        typer.Option(
            "--diff",
            metavar="BEFORE AFTER",
            help="Compare two years instead: which homes gained or lost a way into which market.",
        ),
    ] = None,
    store: StoreOption = None,
    format: Annotated[GapFormat, typer.Option("--format", "-f")] = GapFormat.table,
) -> None:
    """Where the network has holes: coverage of markets, brokers, missing links, fragmentation.

    ``--format md`` writes a short brief; ``csv`` the coverage matrix; ``json`` everything.
    ``--diff 2014 2018`` compares the coverage of two years (``--as-of`` does not apply).
    """
    from ..gaps import gap_report

    if diff is not None:
        _gaps_diff(diff, market, relation, store, format)
        return
    with opened_store(store, read_only=True) as target:
        report = gap_report(target, market=market, as_of=as_of, relations=relation, limit=limit)
    if format is GapFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    elif format is GapFormat.csv:
        typer.echo(report.coverage_csv(), nl=False)
    elif format is GapFormat.md:
        typer.echo(report.to_markdown(), nl=False)
    else:
        _print_gaps(report)


def _gaps_diff(
    years: tuple[int, int], market: str | None, relation: list[str] | None, store: str | None, format: GapFormat
) -> None:
    from ..gaps.diff import gap_diff
    from .output import print_table

    with opened_store(store, read_only=True) as target:
        diff = gap_diff(target, years[0], years[1], market=market, relations=relation)
    if format is GapFormat.json:
        typer.echo(diff.model_dump_json(indent=2))
    elif format is GapFormat.md:
        typer.echo(diff.to_markdown(), nl=False)
    elif format is GapFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["home", "home_kind", "market", "before", "after", "change", "came", "went"])
        for c in diff.changes:
            writer.writerow(
                [
                    c.home_label,
                    c.home_kind,
                    c.market_label,
                    c.before,
                    c.after,
                    c.change,
                    "; ".join(c.gained_entries),
                    "; ".join(c.lost_entries),
                ]
            )
    else:
        print_table(
            ["home", "market", str(diff.before), str(diff.after), "change", "came", "went"],
            [
                [
                    f"{c.home_label} ({c.home_kind})",
                    c.market_label,
                    c.before,
                    c.after,
                    c.change,
                    ", ".join(c.gained_entries[:4]),
                    ", ".join(c.lost_entries[:4]),
                ]
                for c in diff.changes
            ],
            title=f"Ways into markets, {diff.before} -> {diff.after}",
        )
        if not diff.changes:
            typer.echo(f"no home gained or lost a way in between {diff.before} and {diff.after}")
        for note in diff.notes:
            typer.echo(f"note: {note}")


def _print_gaps(report: object) -> None:
    from ..gaps import GapReport
    from .output import print_table

    assert isinstance(report, GapReport)
    markets = [label for _, label in report.markets]
    rows = []
    table = report.coverage_table()
    for home in report.homes:
        row: list[object] = [f"{home.label} ({home.kind})"]
        for iri, _ in report.markets:
            c = table[(home.iri, iri)]
            row.append("0 !" if c.paths == 0 else "1 ~" if c.paths == 1 else c.paths)
        rows.append(row)
    print_table(["home", *markets], rows, title="Entry paths (0 ! = none, 1 ~ = single)")
    print_table(
        ["broker", "betweenness", "constraint", "eff. size", "without it"],
        [[b.label, f"{b.betweenness:.3f}", b.constraint, b.effective_size, b.cut_off_text()] for b in report.brokers],
        title="Brokers",
    )
    print_table(
        ["pair", "RA", "AA", "shared partners", "markets each adds"],
        [
            [
                f"{m.a_label} — {m.b_label}",
                m.resource_allocation,
                m.adamic_adar,
                ", ".join(m.shared_neighbours[:4]),
                f"{', '.join(m.a_brings) or '—'} / {', '.join(m.b_brings) or '—'}",
            ]
            for m in report.missing_links
        ],
        title="Missing links",
    )
    f = report.fragmentation
    print_table(
        ["community", "size", "actors", "held by"],
        [[c.id, c.size, ", ".join(c.actors[:5]), ", ".join(c.held_by)] for c in f.communities],
        title=f"Communities (Louvain, seed 42; {len(f.isolated)} isolated)",
    )
    for note in report.notes:
        typer.echo(f"note: {note}")
