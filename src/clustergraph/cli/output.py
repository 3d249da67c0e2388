"""Print query results and records as a table for people, or CSV, TSV or JSON for scripts."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any

import typer

from ..namespaces import PREFIXES
from ..store.results import AskResult, GraphResult, QueryResult, to_csv, to_json, to_tsv
from ..terms import display


class OutputFormat(str, Enum):
    """Output formats of the commands that print rows."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="A table for people; CSV, TSV or JSON for scripts.")
]


def print_result(result: QueryResult, fmt: OutputFormat) -> None:
    """Print a query result in the chosen format to standard output."""
    out = sys.stdout
    if isinstance(result, GraphResult):
        if fmt is OutputFormat.json:
            from pyoxigraph import RdfFormat

            out.write(result.serialize(RdfFormat.JSON_LD).decode("utf-8") + "\n")
        else:
            from pyoxigraph import RdfFormat

            out.write(result.serialize(RdfFormat.TURTLE, PREFIXES).decode("utf-8"))
        return
    if isinstance(result, AskResult):
        if fmt is OutputFormat.json:
            out.write(to_json(result) + "\n")
        else:
            out.write(("true" if result.value else "false") + "\n")
        return
    if fmt is OutputFormat.csv:
        out.write(to_csv(result))
    elif fmt is OutputFormat.tsv:
        out.write(to_tsv(result))
    elif fmt is OutputFormat.json:
        out.write(to_json(result) + "\n")
    else:
        print_table(result.variables, [[display(t) for t in row] for row in result.rows])


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """Print rows as a rich table (plain text when not on a terminal)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for h in headers:
        table.add_column(str(h), overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(soft_wrap=False).print(table)


def print_records(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat, title: str | None = None
) -> None:
    """Print plain records (lists of values) in any output format."""
    if fmt is OutputFormat.table:
        print_table(headers, rows, title)
    elif fmt is OutputFormat.json:
        sys.stdout.write(json.dumps([dict(zip(headers, r)) for r in rows], ensure_ascii=False, indent=2) + "\n")
    else:
        writer = csv.writer(sys.stdout, delimiter="," if fmt is OutputFormat.csv else "\t", lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)

