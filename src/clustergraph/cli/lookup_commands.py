"""Commands that look things up: ``search`` and ``describe``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from ..lookup import Kind

from .common import StoreOption, opened_store
from .output import FormatOption, OutputFormat, print_records


def register(app: typer.Typer) -> None:
    """Add the lookup commands to the app."""
    app.command()(search)
    app.command()(describe)


KindOption = Annotated[
    list[str] | None, typer.Option("--kind", "-k", help="Only actor, place or concept (repeatable).")
]


def _kinds(kind: list[str] | None) -> tuple[Kind, ...] | None:
    from ..errors import ParameterError
    from ..lookup import KINDS

    wrong = [k for k in kind or [] if k not in KINDS]
    if wrong:
        raise ParameterError(f"--kind must be one of {', '.join(KINDS)}, got {', '.join(map(repr, wrong))}")
    return cast("tuple[Kind, ...]", tuple(kind)) if kind else None


def search(
    text: Annotated[str, typer.Argument(help="Part of a name or alias in any language, or an ISO 3166 / NUTS code.")],
    kind: KindOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many matches.")] = 20,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Find entities by name, best matches first (whole name, then prefix, then part)."""
    from ..lookup import search as find
    from ..terms import compact

    with opened_store(store, read_only=True) as target:
        found = find(target, text, limit=limit, kinds=_kinds(kind))
    rows = [
        [compact(m.iri), m.name, m.kind or "", m.match, "; ".join(r.text() for r in m.regions)]
        for m in found
    ]
    print_records(["entity", "name", "kind", "match", "located in"], rows, format, title=f"Entities matching {text!r}")


def describe(
    name: Annotated[str, typer.Argument(help="A name, alias, code or IRI of one entity (id:biocat).")],
    kind: KindOption = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Everything the graph says about one entity, each fact with its source and evidence."""
    from ..lookup import KINDS, entity, resolve
    from ..terms import compact

    with opened_store(store, read_only=True) as target:
        found = resolve(target, name, _kinds(kind) or KINDS)
        info = entity(target, found.iri)
    if format is OutputFormat.json:
        typer.echo(info.model_dump_json(indent=2))
        return
    rows = [
        [
            compact(f.predicate) if f.direction == "out" else f"^{compact(f.predicate)}",
            f.text(),
            compact(f.graph),
            " | ".join(f.evidence),
        ]
        for f in info.facts
    ]
    print_records(["property", "value", "source", "evidence"], rows, format, title=f"{info.name} <{info.iri}>")
