"""One place that turns exceptions into HTTP answers: ``{"error": kind, "message": ...}``.

Errors a user causes get a 4xx status and a message that says what was wrong; a query past the
time limit gets 503; anything unexpected gets a plain 500 without a stack trace (and is logged,
because every 5xx is a bug). Messages never show the server's own folders.

>>> from clustergraph.errors import QuerySyntaxError, UnknownQueryError
>>> status_of(QuerySyntaxError("bad"))
(400, 'syntax')
>>> status_of(UnknownQueryError("nope", []))
(404, 'unknown-query')
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
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


_PATH = re.compile(r"(?<![\w:/.~%-])(?:/[\w.~+-]+){2,}/?")


def public(message: str) -> str:
    """The message with file system paths of the server replaced (IRIs and URLs are kept).

    >>> public("the store at /srv/data/store is busy; see <http://e/a/b>")
    'the store at (a folder of the server) is busy; see <http://e/a/b>'
    """
    return _PATH.sub("(a folder of the server)", message)


def error_response(err: BaseException) -> JSONResponse:
    """The JSON answer for an exception of the hierarchy."""
    status, kind = status_of(err)
    body: dict[str, object] = {"error": kind, "message": public(str(err))}
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


#: Paths whose errors stay JSON whatever the client accepts (the API, the SPARQL endpoint).
_MACHINE_PATHS = ("/api/", "/sparql", "/openapi.json", "/static/")


def wants_html(request: Request) -> bool:
    """Whether the error is best shown as a page: a browser (HTML before JSON in ``Accept``)
    asking for a page, not for the API or the SPARQL endpoint."""
    if request.url.path.startswith(_MACHINE_PATHS):
        return False
    from .representations import choose

    try:
        return choose(["application/json", "text/html"], request.headers.get("accept")) == "text/html"
    except e.NotAcceptableError:
        return False


def html_error(request: Request, response: Response) -> Response:
    """The same error as a page (``error.html``), for a browser."""
    import json

    body = json.loads(bytes(response.body))
    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "error.html",
        {"status": response.status_code, "kind": body.get("error"), "message": body.get("message"),
         "candidates": body.get("candidates")},
        status_code=response.status_code,
        headers={k: v for k, v in response.headers.items() if k in ("retry-after", "www-authenticate")},
    )


def install(app: FastAPI) -> None:
    """Register the handlers on the app (a browser asking for a page gets the error as a page)."""

    def answer(request: Request, response: JSONResponse) -> Response:
        return html_error(request, response) if wants_html(request) else response

    async def on_ours(request: Request, exc: Exception) -> Response:
        return answer(request, error_response(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        kind = _HTTP_KINDS.get(exc.status_code, "http")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see / for what this server offers"
        return answer(request, JSONResponse(
            {"error": kind, "message": public(message)},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        ))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for item in exc.errors():
            where = ".".join(str(x) for x in item.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append(f"{where}: {item.get('msg')}")
        return answer(request, JSONResponse(
            {"error": "parameter", "message": "; ".join(problems) or "invalid request"},
            status_code=400,
        ))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return answer(request, JSONResponse(
            {"error": "internal", "message": "internal server error (a bug: please report it)"},
            status_code=500,
        ))

    app.add_exception_handler(e.ClusterGraphError, on_ours)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
