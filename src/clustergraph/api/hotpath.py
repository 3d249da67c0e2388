"""The hot path of ``GET /sparql?query=``: straight from the ASGI call to the query workers.

A SPARQL client asks many small questions, so what each request costs besides the query counts:
measured with py-spy on ``ASK {}``, about half of the server's time per request went to the
framework's layers (exception and body-limit middleware, routing, dependency solving) around an
endpoint that needs none of them. :class:`ClusterGraphApp` answers such a request itself, with
the same function the ``/sparql`` route calls (:func:`.routers.sparql.serialised_answer`) and the
same error bodies (:func:`.errors.error_response`); anything else (POST, updates, the service
description, an HTML answer, a malformed request) goes through FastAPI as usual.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from ..errors import ClusterGraphError
from .backend import current_client
from .errors import error_response
from .headers import security_headers

log = logging.getLogger("clustergraph.api")


class ClusterGraphApp(FastAPI):
    """A FastAPI app whose ``GET /sparql?query=`` skips the framework's layers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] == "/sparql"
            and scope["query_string"]
            and getattr(self.state, "store", None) is not None
        ):
            response = await self._answer(scope)
            if response is not None:
                for name, value in security_headers(response.media_type or ""):
                    response.headers.setdefault(name.decode(), value.decode())
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def _answer(self, scope: Scope) -> Response | None:
        from .routers.sparql import serialised_answer

        fields: dict[str, list[str]] = {}
        try:
            for name, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
                fields.setdefault(name, []).append(value)
        except ValueError:
            return None
        query = fields.get("query", [])
        if len(query) != 1 or "update" in fields:
            return None  # the route explains what is wrong
        accept = None
        for key, value in scope["headers"]:
            if key == b"accept":
                accept = value.decode("latin-1")
                break
        client = scope.get("client")
        token = current_client.set(client[0] if client else "unknown")
        try:
            return await serialised_answer(
                self.state.store,
                self.state.settings,
                query[0],
                fields.get("default-graph-uri", []),
                fields.get("named-graph-uri", []),
                accept,
                base=_endpoint(scope),
            )
        except ClusterGraphError as err:
            return error_response(err)
        except Exception as err:  # as the app's own handler: logged, and no details to the client
            log.error("unexpected error on GET /sparql", exc_info=err)
            return JSONResponse(
                {"error": "internal", "message": "internal server error (a bug: please report it)"}, status_code=500
            )
        finally:
            current_client.reset(token)


def _endpoint(scope: Scope) -> str | None:
    """The URL of the endpoint as the request names it (the base IRI of relative ones)."""
    from .sparqlcheck import endpoint_base

    host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
    if host is None and scope.get("server"):
        host = f"{scope['server'][0]}:{scope['server'][1]}"
    return endpoint_base(f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{scope['path']}")
