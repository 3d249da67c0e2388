"""Options and helpers the commands share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ..store.base import Store

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        envvar="CLUSTERGRAPH_STORE",
        help="A store folder, or the URL of a SPARQL server (http://...). Default: a per-user folder.",
        show_default=False,
    ),
]


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """Turn ``name=value`` options into a dict.

    >>> parse_params(["alliance=bioxclusters-plus", "year=2016"])
    {'alliance': 'bioxclusters-plus', 'year': '2016'}
    """
    from ..errors import ParameterError

    out: dict[str, str] = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ParameterError(f"--param takes name=value, got {pair!r}")
        name, value = pair.split("=", 1)
        out[name.strip()] = value
    return out


@contextmanager
def opened_store(location: str | None, *, autobuild: bool = True, read_only: bool = False) -> Iterator[Store]:
    """Open the store; build the bundled graph first if it is the local default and empty.

    Every command works while a server or another command uses the store: reads see its latest
    content and writes switch it in one step (see ``docs/storage.md``); a ``read_only`` store
    refuses writes.
    """
    from ..store import open_store

    store = open_store(location, read_only=read_only)
    try:
        if autobuild and store.local and store.is_empty():
            if read_only:  # the first use builds the bundled graph, which is a write
                store.close()
                store = open_store(location)
            from ..ingest import build

            with progress_reporter("building the bundled graph (first use)") as tick:
                build(store, progress=tick)
        yield store
    finally:
        store.close()


@contextmanager
def progress_reporter(title: str) -> Iterator[Callable[[str], None] | None]:
    """A progress callback drawing a spinner on a terminal, and silent in pipes."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(title)

        def tick(step: str) -> None:
            bar.update(task, description=f"{title}: {step}")

        yield tick
