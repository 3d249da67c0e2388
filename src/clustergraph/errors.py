"""The exception hierarchy of clustergraph.

Every error a user can cause derives from :class:`ClusterGraphError`. Its message states the
condition and, where there is one, the fix. The command line prints the message and exits
non-zero; the HTTP server maps each class to a status code in one place.

Examples
--------
>>> from clustergraph.errors import InputSyntaxError, ClusterGraphError
>>> err = InputSyntaxError("data.ttl", "unexpected end of file", line=3, column=7)
>>> isinstance(err, ClusterGraphError)
True
>>> print(err)
data.ttl:3:7: syntax error: unexpected end of file
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class ClusterGraphError(Exception):
    """Base class of every error clustergraph raises on purpose."""


# --- input -------------------------------------------------------------------------------


class InputError(ClusterGraphError):
    """A file or value given by the user cannot be used."""


class InputNotFoundError(InputError):
    """A file named by the user does not exist."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: no such file (check the path, or run from the folder that holds it)")


class UnknownFormatError(InputError):
    """A file's format cannot be told from its name, or is not supported."""

    def __init__(self, path: str, accepted: Sequence[str]) -> None:
        self.path = path
        self.accepted = list(accepted)
        super().__init__(
            f"{path}: unknown format; accepted file extensions are {', '.join(self.accepted)}"
            " (rename the file, or pass --format)"
        )


class InputSyntaxError(InputError):
    """A file does not parse; the message names file, line and column."""

    def __init__(self, path: str, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: syntax error: {message}")


class SheetError(InputError):
    """A CSV sheet has a bad row or column; the message names file, row and column."""

    def __init__(self, path: str, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.path = path
        self.row = row
        self.column = column
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        where = f"{self.focus}"
        if self.path:
            where += f" {self.path}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (value: {self.value})"
        return text


class ValidationError(InputError):
    """Data breaks the SHACL shapes; lists focus node, path and message of each result."""

    def __init__(self, violations: Sequence[Violation], *, source: str = "data") -> None:
        self.violations = list(violations)
        lines = [f"{source}: {len(self.violations)} SHACL violation(s); nothing was loaded"]
        lines += [f"  - {v}" for v in self.violations[:50]]
        if len(self.violations) > 50:
            lines.append(f"  ... and {len(self.violations) - 50} more")
        super().__init__("\n".join(lines))


class ParameterError(InputError):
    """A named query's parameter is missing, unknown, or of the wrong type."""


# --- queries -----------------------------------------------------------------------------


class QueryError(ClusterGraphError):
    """A SPARQL query or update is malformed or fails."""


class QuerySyntaxError(QueryError):
    """The SPARQL text does not parse."""


class QueryTimeoutError(QueryError):
    """A query ran past the time limit and was stopped."""


class ResultTooLargeError(QueryError):
    """An answer has more rows than the server holds in memory for the view that asked for it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"the answer has more than {limit:,} rows, more than this view holds in memory."
            " Fixes: add a LIMIT (or narrower patterns); or fetch it from /sparql as JSON, CSV or"
            " TSV, which are streamed whatever their size; an administrator can raise"
            " CLUSTERGRAPH_MAX_ROWS"
        )


class UnknownQueryError(QueryError):
    """No named query has that name."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        close = [k for k in known if name.lower() in k.lower() or k.lower() in name.lower()]
        hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
        super().__init__(f"no named query {name!r}{hint} (`clustergraph queries` lists them)")


# --- store -------------------------------------------------------------------------------


class StoreError(ClusterGraphError):
    """The store cannot be opened or answered with an error."""


class StoreBusyError(StoreError):
    """Another process is writing the store, and went on past the time this one would wait."""

    def __init__(self, location: object, holder: str, waited: float) -> None:
        self.location = str(location)
        self.holder = holder
        super().__init__(
            f"the store at {location} is being changed by {holder}; waited {waited:g} s for it."
            " Fixes: let it finish and try again; or wait longer (CLUSTERGRAPH_WRITE_WAIT=seconds)"
        )


class StoreFullError(StoreError):
    """The disk that holds the store is full: nothing was changed."""

    def __init__(self, location: str) -> None:
        self.location = location
        super().__init__(
            f"disk full: the store at {location} could not be written, and nothing was changed."
            " Fixes: free space on the disk that holds it (reading still works), then try again"
        )


class RemoteStoreError(StoreError):
    """A remote SPARQL server refused a request or could not be reached."""


class ReadOnlyError(StoreError):
    """A write was attempted where writes are not allowed."""


# --- lookups ----------------------------------------------------------------------------


class NotFoundError(ClusterGraphError):
    """Nothing in the graph matches what was asked for."""


class AmbiguousError(ClusterGraphError):
    """A name matches several things; the candidates are listed."""

    def __init__(self, text: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.text = text
        self.candidates = list(candidates)
        listed = "; ".join(f"{label} <{iri}>" for iri, label in self.candidates[:10])
        super().__init__(f"{text!r} is ambiguous: {listed}. Give an IRI or a longer name.")


# --- HTTP requests (the server) ---------------------------------------------------------


class NotAcceptableError(ClusterGraphError):
    """No representation the client accepts exists for the answer; lists what is on offer."""

    def __init__(self, accept: str, offered: Sequence[str]) -> None:
        self.accept = accept
        self.offered = list(offered)
        super().__init__(
            f"cannot answer in any media type the request accepts ({accept!r}); available: {', '.join(self.offered)}"
        )


class RequestTooLargeError(ClusterGraphError):
    """A request body is larger than the server accepts."""


class AuthenticationError(ClusterGraphError):
    """A request needs a bearer token and has none, or a wrong one."""


class ServiceNotAllowedError(QueryError):
    """A query or update would make the server contact another host (SERVICE, LOAD)."""


class ForbiddenError(ClusterGraphError):
    """A request carries credentials that do not allow what it asks for."""
