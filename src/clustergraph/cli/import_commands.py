"""``clustergraph import cordis|ror``: bring a public register's files into the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import StoreOption, opened_store, progress_reporter

if TYPE_CHECKING:
    from ..ingest.register import ImportReport

import_app = typer.Typer(
    name="import",
    help="Import public registers (CORDIS, ROR): streamed, all or nothing, one graph per file.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``import`` command group to the app."""
    app.add_typer(import_app, name="import")


@import_app.command("cordis")
def cordis(
    paths: Annotated[
        list[Path],
        typer.Argument(help="cordis-<programme>projects-csv.zip or -json.zip, its folder, or its files."),
    ],
    programme: Annotated[
        str | None,
        typer.Option("--programme", help="FP7, H2020 or HORIZON, when the file names do not tell it."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Import CORDIS projects, organisations (by PIC) and participations.

    Each file goes into its own graph (graph:cordis/<programme>/<file>), which a later import of
    the same programme replaces. A malformed record stops the import with its file, line and
    column, and the store is left as it was.
    """
    from ..ingest.cordis import import_cordis

    with opened_store(store) as target, progress_reporter("importing CORDIS") as tick:
        report = import_cordis(target, paths, programme=programme, progress=tick)
    _print(report)


@import_app.command("ror")
def ror(
    path: Annotated[Path, typer.Argument(help="A ROR data dump: vX.Y-YYYY-MM-DD-ror-data.zip or its .json.")],
    store: StoreOption = None,
) -> None:
    """Import a ROR data dump (schema v2): organisations with names, types, places, ids, relations.

    The dump goes into graph:ror, which a later import replaces. A malformed record stops the
    import with its position, and the store is left as it was.
    """
    from ..ingest.ror import import_ror

    with opened_store(store) as target, progress_reporter("importing ROR") as tick:
        report = import_ror(target, path, progress=tick)
    _print(report)


def _print(report: ImportReport) -> None:
    for f in report.files:
        counts = ", ".join(f"{n:,} {kind}" for kind, n in f.counts.items() if n)
        typer.echo(f"{f.path}: {f.records:,} records -> <{f.graph}> ({counts})", err=True)
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"{report.dataset}: {report.quads:,} quads stored", err=True)
