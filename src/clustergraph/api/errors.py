"""One place that turns exceptions into HTTP answers: ``{"error": kind, "message": ...}``.

Errors a user causes get a 4xx status and a message that says what was wrong; a query past the
time limit gets 503; anything unexpected gets a plain 500 without a stack trace (and is logged,
because every 5xx is a bug).

>>> from clustergraph.errors import QuerySyntaxError, UnknownQueryError
>>> status_of(QuerySyntaxError("bad"))
(400, 'syntax')
>>> status_of(UnknownQueryError("nope", []))
(404, 'unknown-query')
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import errors as e

log = logging.getLogger("clustergraph.api")

# Most specific first.
_TABLE: list[tuple[type[BaseException], int, str]] = [
    (e.UnknownQueryError, 404, "unknown-query"),
    (e.QueryTimeoutError, 503, "timeout"),
    (e.ServiceNotAllowedError, 400, "service-not-allowed"),
    (e.QuerySyntaxError, 400, "syntax"),
    (e.ParameterError, 400, "parameter"),
    (e.QueryError, 400, "query"),
    (e.InputError, 400, "input"),
    (e.NotFoundError, 404, "not-found"),
    (e.AmbiguousError, 422, "ambiguous"),
    (e.NotAcceptableError, 406, "not-acceptable"),
    (e.RequestTooLargeError, 413, "too-large"),
    (e.AuthenticationError, 401, "unauthorized"),
    (e.ReadOnlyError, 403, "read-only"),
    (e.ForbiddenError, 403, "forbidden"),
    (e.StoreFullError, 507, "disk-full"),
    (e.StoreBusyError, 503, "busy"),
    (e.StoreError, 503, "store-unavailable"),
    (e.ClusterGraphError, 400, "error"),
]


def status_of(err: BaseException) -> tuple[int, str]:
    """The HTTP status and the error kind for an exception."""
    for cls, status, kind in _TABLE:
        if isinstance(err, cls):
            return status, kind
    return 500, "internal"


def error_response(err: BaseException) -> JSONResponse:
    """The JSON answer for an exception of the hierarchy."""
    status, kind = status_of(err)
    body: dict[str, object] = {"error": kind, "message": str(err)}
    headers: dict[str, str] = {}
    if isinstance(err, e.AmbiguousError):
        body["candidates"] = [{"iri": iri, "label": label} for iri, label in err.candidates]
    if isinstance(err, e.NotAcceptableError):
        body["available"] = err.offered
    if isinstance(err, e.AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer realm="clustergraph"'
    if isinstance(err, (e.QueryTimeoutError, e.StoreBusyError)):
        headers["Retry-After"] = "5"
    if status >= 500 and status != 503:
        log.error("unexpected error: %s", err, exc_info=err)
    return JSONResponse(body, status_code=status, headers=headers)


_HTTP_KINDS = {404: "not-found", 405: "method-not-allowed", 413: "too-large", 415: "unsupported-media-type"}


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    async def on_ours(request: Request, exc: Exception) -> JSONResponse:
        return error_response(exc)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        kind = _HTTP_KINDS.get(exc.status_code, "http")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see / for what this server offers"
        return JSONResponse(
            {"error": kind, "message": message},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for item in exc.errors():
            where = ".".join(str(x) for x in item.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append(f"{where}: {item.get('msg')}")
        return JSONResponse(
            {"error": "parameter", "message": "; ".join(problems) or "invalid request"},
            status_code=400,
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(
            {"error": "internal", "message": "internal server error (a bug: please report it)"},
            status_code=500,
        )

    app.add_exception_handler(e.ClusterGraphError, on_ours)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
