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
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def global_options(
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
    analysis_commands,
    viz_command,
    server_commands,
    generate_command,
    generate_cordis_command,
):
    commands.register(app)


def main() -> None:
    """Entry point of the console script: run the app, turning our errors into messages."""
    from ..errors import ClusterGraphError

    try:
        app(standalone_mode=False)
    except ClusterGraphError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(1)
    except typer.Abort:
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except Exception as err:  # usage errors (of typer's own click), and what nobody expected
        show = getattr(err, "show", None)
        code = getattr(err, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        if getattr(err, "__module__", "").startswith(("click", "typer")):
            sys.exit(getattr(err, "exit_code", 0) or 0)
        print(f"error: an unexpected failure ({type(err).__name__}: {err}); this is a bug, please report it"
              " with the command that caused it", file=sys.stderr)
        sys.exit(2)
