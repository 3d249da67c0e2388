"""``clustergraph reconcile propose|apply``: match organisations across sources, with a person's review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption, opened_store, progress_reporter

reconcile_app = typer.Typer(
    name="reconcile",
    help="Propose matches between curated, CORDIS and ROR organisations; record the reviewed ones.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``reconcile`` command group to the app."""
    app.add_typer(reconcile_app, name="reconcile")


@reconcile_app.command("propose")
def propose(
    output: Annotated[Path, typer.Option("--output", "-o", help="The review sheet to write (CSV).")] = Path(
        "review.csv"
    ),
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="The least match probability proposed.")
    ] = 0.5,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the model's random sampling.")] = 7,
    store: StoreOption = None,
) -> None:
    """Write a review sheet of proposed matches, each with its score and reasons.

    Open the sheet, write accept or reject in the decision column of each row you have checked,
    then record the decisions with `clustergraph reconcile apply`. Nothing is linked before.
    """
    from ..reconcile import propose as run

    with opened_store(store, read_only=True) as target, progress_reporter("reconciling") as tick:
        if tick:
            tick("scoring candidate pairs")
        report = run(target, output, threshold=threshold, seed=seed)
    sources = ", ".join(f"{n:,} {s}" for s, n in report.organisations.items())
    typer.echo(
        f"compared {sources} organisations: {report.proposed:,} proposals in {report.sheet}"
        + (f" ({report.already_decided} pairs decided earlier left out)" if report.already_decided else ""),
        err=True,
    )


@reconcile_app.command("apply")
def apply(
    sheet: Annotated[Path, typer.Argument(help="A review sheet with accept / reject in its decision column.")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who reviewed the sheet (a name or role).")],
    store: StoreOption = None,
) -> None:
    """Record the decisions of a review sheet in the links graph (accepted rows become owl:sameAs)."""
    from ..reconcile import LINKS_GRAPH, apply_review

    with opened_store(store) as target:
        accepted, rejected = apply_review(target, sheet, reviewer=reviewer)
    typer.echo(f"{accepted} accepted, {rejected} rejected -> <{LINKS_GRAPH}>", err=True)
