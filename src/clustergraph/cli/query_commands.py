"""Commands that ask questions: ``query`` and ``queries``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import StoreOption, opened_store, parse_params
from .output import FormatOption, OutputFormat, print_records, print_result


def register(app: typer.Typer) -> None:
    """Add the query commands to the app."""
    app.command()(query)
    app.command()(queries)


def query(
    name: Annotated[
        str | None, typer.Argument(help="A named query (see `clustergraph queries`) or a .rq file.")
    ] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="SPARQL text to run instead.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable.")] = None,
    store: StoreOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """Run a named query, a .rq file or SPARQL text; parameters are bound, never pasted."""
    from ..catalogue import parse_query_file, run_named, run_text
    from ..errors import ParameterError

    params = parse_params(param)
    if (name is None) == (sparql is None):
        raise ParameterError("give a query name or a .rq file, or --sparql TEXT (one of them)")
    with opened_store(store, read_only=True) as target:
        if sparql is not None:
            result = run_text(target, sparql, params)
        elif name is not None and name.endswith(".rq"):
            path = Path(name)
            if not path.is_file():
                from ..errors import InputNotFoundError

                raise InputNotFoundError(name)
            result = run_named(target, parse_query_file(path), params)
        else:
            assert name is not None
            result = run_named(target, name, params)
    print_result(result, format)


def queries(
    format: FormatOption = OutputFormat.table,
) -> None:
    """List the named queries with their descriptions and parameters."""
    from ..catalogue import load_catalogue

    rows = []
    for q in load_catalogue().values():
        params = "; ".join(
            f"{p.name} ({p.type}{', optional' if p.optional else ''})" + (f" e.g. {p.example}" if p.example else "")
            for p in q.parameters
        )
        rows.append([q.name, q.title, q.description, params])
    print_records(["name", "title", "description", "parameters"], rows, format, title="Named queries")
