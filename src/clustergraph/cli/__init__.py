"""The ``clustergraph`` command line: each command is a thin call into the library.

Heavy modules are imported inside the commands, so ``clustergraph --help`` is instant.
"""

from __future__ import annotations

import sys

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
    except Exception as err:  # click usage errors and the like
        import click

        if isinstance(err, click.exceptions.Exit):
            sys.exit(err.exit_code)
        if isinstance(err, click.ClickException):
            err.show()
            sys.exit(err.exit_code)
        raise
