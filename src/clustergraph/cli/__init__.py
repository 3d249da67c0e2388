"""The ``clustergraph`` command line: each command is a thin call into the library.

Heavy modules are imported inside the commands, so ``clustergraph --help`` is instant.
"""

from __future__ import annotations

import sys

import typer

from . import query_commands, store_commands
from . import server_commands

app = typer.Typer(
    name="clustergraph",
    help="A knowledge graph of the life-science cluster ecosystem: build, query, analyse, serve.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
store_commands.register(app)
query_commands.register(app)
from . import analysis_commands  # noqa: E402, I001
analysis_commands.register(app)
from . import viz_command  # noqa: E402, I001
viz_command.register(app)
server_commands.register(app)
from . import generate_command  # noqa: E402, I001
generate_command.register(app)


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
