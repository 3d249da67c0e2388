"""The headers every answer carries: what a page may load (no inline script, nothing from
another host), ``nosniff``, no framing, a same-origin referrer; and a true ``Allow`` on 405.

>>> dict(security_headers("text/html; charset=utf-8"))[b"content-security-policy"].startswith(b"default-src 'self'")
True
>>> dict(security_headers("application/sparql-results+json"))[b"content-security-policy"]
b"default-src 'none'; frame-ancestors 'none'"
"""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: What a page may load and run: only this server's own files (no inline script), no framing.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
    " font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
    " frame-ancestors 'none'"
)
#: For everything else (data, errors): nothing to run, and no framing either.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"


def security_headers(content_type: str) -> list[tuple[bytes, bytes]]:
    """The security headers of an answer of this media type (pages get :data:`PAGE_POLICY`)."""
    policy = PAGE_POLICY if content_type.startswith("text/html") else DATA_POLICY
    return [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy", policy.encode()),
    ]


class HeadersMiddleware:
    """Pure ASGI middleware: security headers on every answer, and a true ``Allow`` on 405.

    Pages get a Content-Security-Policy without inline script; every answer gets ``nosniff``, a
    policy that refuses framing and a same-origin referrer. A 405 names every method the path
    takes (the router would name only the first route's).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"allow" or message["status"] != 405
                ]
                names = {k.lower() for k, _ in headers}
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                extra = security_headers(kind.decode("latin-1"))
                if message["status"] == 405:
                    extra.append((b"allow", ", ".join(_methods(scope)).encode()))
                message = {**message, "headers": headers + [h for h in extra if h[0] not in names]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _methods(scope: Scope) -> list[str]:
    """The methods some route takes at the request's path (each tried as the router would match it)."""
    routes = getattr(getattr(scope.get("app"), "router", None), "routes", [])
    return [
        method
        for method in _METHODS
        if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in routes)
    ]
