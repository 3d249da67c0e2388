"""``clustergraph generate``: write a synthetic ecosystem as N-Quads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``generate`` command to the app."""
    app.command()(generate)


def generate(
    actors: Annotated[int, typer.Option(
        "--actors", "-n", help="Number of organisations (20 to 2,000,000; about 13 quads each)."
    )] = 1000,
    seed: Annotated[int, typer.Option(
        "--seed", help="Random seed: the same seed and size give the same file."
    )] = 7,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The N-Quads file to write (.nq)."
    )] = Path("synthetic.nq"),
) -> None:
    """Write a synthetic (invented) life-science cluster ecosystem as N-Quads.

    Clusters in real reference places with heavy-tailed sizes, member companies, universities,
    market-entry services, alliances, agreements with foreign partners, projects, events and
    missions, all SHACL-valid and all in the named graph graph:synthetic/<seed>-<actors>, which
    says it is synthetic. Load it with `clustergraph load FILE.nq`; never mix it with curated data.
    """
    from ..errors import InputError
    from ..synthetic import generate_file
    from .common import progress_reporter

    if output.suffix.lower() not in (".nq", ".nquads"):
        raise InputError(f"{output}: the output is N-Quads; give a file name ending in .nq")
    with progress_reporter("generating") as tick:
        report = generate_file(output, actors=actors, seed=seed, progress=tick)
    kinds = ", ".join(f"{n} {k}" for k, n in report.counts.items())
    typer.echo(f"wrote {report.quads} quads to {output} -> <{report.graph}> ({kinds})", err=True)
