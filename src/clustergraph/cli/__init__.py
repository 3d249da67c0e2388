"""The ``clustergraph`` command line: each command is a thin call into the library.

Heavy modules are imported inside the commands, so ``clustergraph --help`` is instant. The
store can be given before the command (``clustergraph --store DIR build``) or after it; a
mistyped command or option is a usage error, never a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from . import (
    analysis_commands,
    generate_command,
    generate_cordis_command,
    import_commands,
    lookup_commands,
    query_commands,
    reconcile_commands,
    server_commands,
    store_commands,
    viz_command,
)

app = typer.Typer(
    name="clustergraph",
    help="A knowledge graph of the life-science cluster ecosystem: build, query, analyse, serve.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from .. import __version__

        typer.echo(f"clustergraph {__version__} (pyoxigraph {version('pyoxigraph')}, Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def global_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Show the version (with pyoxigraph's and Python's) and exit."),
    ] = False,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            "-s",
            help="A store folder, or the URL of a SPARQL server, for every command"
            " (the same as --store after the command, or CLUSTERGRAPH_STORE).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """A knowledge graph of the life-science cluster ecosystem: build, query, analyse, serve."""
    if store is not None:  # the commands' own --store reads it, and still wins when given
        os.environ["CLUSTERGRAPH_STORE"] = store


for commands in (
    store_commands,
    import_commands,
    reconcile_commands,
    query_commands,
    lookup_commands,
    analysis_commands,
    viz_command,
    server_commands,
    generate_command,
    generate_cordis_command,
):
    commands.register(app)


def main() -> None:
    """Entry point of the console script: run the app, turning our errors into messages.

    Usage errors (an unknown option or command) are Typer's: it prints the usage and the problem
    and exits with status 2. Our errors print ``error: ...`` and exit with status 1; anything
    else is a bug, said in one line (exit status 2), never a traceback.
    """
    from ..errors import ClusterGraphError

    try:
        app(prog_name="clustergraph")
    except ClusterGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as err:
        print(f"error: an unexpected failure ({type(err).__name__}: {err}); this is a bug, please report it"
              " with the command that caused it", file=sys.stderr)
        sys.exit(2)
