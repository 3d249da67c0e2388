"""``clustergraph generate-cordis``: write an invented CORDIS download for benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``generate-cordis`` command to the app."""
    app.command("generate-cordis")(generate_cordis)


def generate_cordis(
    participations: Annotated[int, typer.Option(
        "--participations", "-n", min=1, max=5_000_000, help="Rows of organization.csv (projects: about n/8)."
    )] = 100_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed and size give the same files.")] = 7,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The folder to write project.csv and organization.csv into."
    )] = Path("cordis-HORIZONprojects-csv"),
) -> None:
    """Write invented CORDIS files in the official layout (';', quoted fields, decimal commas, EL/UK).

    Names, projects and amounts are invented; import them with `clustergraph import cordis FOLDER`
    into a store of their own, never beside real data.
    """
    from ..synthetic.cordis import write_cordis

    report = write_cordis(output, participations=participations, seed=seed)
    typer.echo(
        f"wrote {report.participations:,} participations of {report.organisations:,} organisations in"
        f" {report.projects:,} projects to {report.folder}",
        err=True,
    )
