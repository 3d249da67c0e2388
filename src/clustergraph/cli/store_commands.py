"""Commands that build, fill, check, count and dump the store."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption, opened_store, progress_reporter
from .output import FormatOption, OutputFormat, print_records


class DumpFormat(str, Enum):
    """Dataset formats of ``export``."""

    nquads = "nquads"
    trig = "trig"


def register(app: typer.Typer) -> None:
    """Add the store commands to the app."""
    app.command()(build)
    app.command()(load)
    app.command()(validate)
    app.command()(stats)
    app.command()(export)


def build(
    store: StoreOption = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip the SHACL check.")] = False,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Build from the files even if the build cache holds this build.")
    ] = False,
) -> None:
    """Build the bundled knowledge graph (ontology, shapes, data) into the store, replacing it.

    Every file is parsed and the data validated before the store is touched; the new graph then
    replaces the old one in one step, so readers never see a half-built graph. A build of the
    same files by the same version is taken from the build cache (``--fresh`` builds anew).
    """
    from ..ingest import build as run_build

    with opened_store(store, autobuild=False) as target, progress_reporter("building") as tick:
        report = run_build(target, validate=not no_validate, progress=tick, cache=not fresh)
        total = target.count()
    typer.echo(
        f"built {len(report.graphs)} graphs from {len(report.files)} files:"
        f" {total} quads in {target.location}" + (" (SHACL-valid)" if report.validated else " (not validated)")
        + (" from the build cache (the same files built before; --fresh builds anew)" if report.cached else ""),
        err=True,
    )


def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .trig .nt .nq .rdf .jsonld) or CSV sheets.")],
    store: StoreOption = None,
    graph: Annotated[str | None, typer.Option(help="Load every file into this named graph (IRI).")] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="Format name, when the extension does not tell it.")
    ] = None,
    replace: Annotated[bool, typer.Option(help="Replace the graphs' content instead of adding to it.")] = False,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip the SHACL check.")] = False,
) -> None:
    """Add files to the store, each into its own named graph (graph:user/<file stem>).

    All files are parsed and validated first; then they are added in one transaction, so a
    broken file leaves the store as it was.
    """
    from ..ingest import load_files

    with opened_store(store) as target, progress_reporter("loading") as tick:
        report = load_files(
            target,
            files,
            graph=graph,
            format=format,
            validate=not no_validate,
            replace=replace,
            progress=tick,
        )
    for path, g, n in report.files:
        counted = f"{n} quads" if n is not None else "bulk-loaded"
        typer.echo(f"{path}: {counted} -> <{g}>", err=True)


def validate(
    files: Annotated[list[Path], typer.Argument(help="Files to check.")],
    store: StoreOption = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="Format name.")] = None,
) -> None:
    """Check files (syntax and SHACL shapes) without loading them.

    The files are checked in the context of the store's graph (or the bundled graph when the
    store is empty), so references to known places and organisations resolve.
    """
    from ..ingest import check_files
    from ..store import open_store

    target = open_store(store, read_only=True)
    try:
        context = None if target.is_empty() else target
        _, report = check_files(files, store=context, format=format)
    finally:
        target.close()
    typer.echo(f"valid: {len(report.files)} file(s), {report.quads} quads", err=True)


def stats(
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Show triples per named graph and entities per class."""
    from ..store.stats import store_stats

    with opened_store(store, read_only=True) as target:
        report = store_stats(target)
    if format is OutputFormat.json:
        import json

        typer.echo(json.dumps(report, indent=2))
        return
    print_records(
        ["graph", "triples"], [[g, n] for g, n in report["graphs"].items()], format, title="Triples per graph"
    )
    if format is OutputFormat.table:
        print_records(
            ["class", "entities"], [[c, n] for c, n in report["classes"].items()], format, title="Entities per class"
        )
        typer.echo(f"total: {report['total']} quads in {len(report['graphs'])} graphs")


def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; standard output if absent.")
    ] = None,
    store: StoreOption = None,
    format: Annotated[DumpFormat, typer.Option("--format", "-f")] = DumpFormat.nquads,
    network: Annotated[
        str | None,
        typer.Option(
            "--network",
            help="Export the projected actor network instead of the quads: graphml or gexf.",
        ),
    ] = None,
    as_of: Annotated[
        int | None, typer.Option("--as-of", help="With --network: only ties holding in this year.")
    ] = None,
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", "-r", help="With --network: relation types to keep (repeat)."),
    ] = None,
) -> None:
    """Dump every quad of the store as N-Quads or TriG, or the network as GraphML or GEXF."""
    import sys

    from pyoxigraph import RdfFormat

    if network is not None:
        import io

        from ..network import project, write_network

        with opened_store(store, read_only=True) as target:
            net = project(target, relations=relation, as_of=as_of)
        buffer = io.BytesIO()
        write_network(net, buffer, network.lower())
        data = buffer.getvalue()
    else:
        fmt = RdfFormat.N_QUADS if format is DumpFormat.nquads else RdfFormat.TRIG
        with opened_store(store, read_only=True) as target:
            if output is None:
                target.dump(sys.stdout.buffer, fmt)
                sys.stdout.buffer.flush()
                return
            with output.open("wb") as handle:
                target.dump(handle, fmt)
        typer.echo(f"wrote {output.stat().st_size} bytes to {output}", err=True)
        return
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        typer.echo(f"wrote {len(data)} bytes to {output}", err=True)
