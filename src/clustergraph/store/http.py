"""HTTP for the remote store: one pooled client, credentials that never leak, streamed answers.

A :class:`Transport` holds one :class:`httpx.Client` (connection pool, keep-alive, gzip) for
every request a :class:`~clustergraph.store.remote.RemoteStore` makes. Credentials come from the
store URL's user-info (``http://user:secret@host:8890/sparql``) or, when the URL has none, from
``CLUSTERGRAPH_STORE_USER`` / ``CLUSTERGRAPH_STORE_PASSWORD``; they are taken out of the URL at
once, so the URL that is shown, logged or put in an error message never holds them. The server
picks the scheme: :class:`ServerAuth` answers a ``401`` with Digest or Basic, as its
``WWW-Authenticate`` header asks, and reuses the scheme for the next requests.

httpx is used as it is; only the choice between Basic and Digest after a challenge is written
here, because httpx has one class per scheme and none that follows the server's choice.

>>> url, credentials = split_credentials("http://dba:s%40cret@127.0.0.1:8890/sparql")
>>> url
'http://127.0.0.1:8890/sparql'
>>> credentials
Credentials(user='dba', password=<hidden>)
>>> credentials.password
's@cret'
"""

from __future__ import annotations

import io
import os
from collections.abc import Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from ..errors import QuerySyntaxError, QueryTimeoutError, RemoteStoreError

#: Environment variables that give credentials when the store URL has none.
USER_VARIABLE = "CLUSTERGRAPH_STORE_USER"
PASSWORD_VARIABLE = "CLUSTERGRAPH_STORE_PASSWORD"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Credentials:
    """A user name and password for a SPARQL server; the password never shows in ``repr``."""

    user: str
    password: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=<hidden>)"


def split_credentials(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, Credentials | None]:
    """Take the user-info out of a URL; fall back on the environment variables.

    >>> split_credentials("https://host/sparql", {"CLUSTERGRAPH_STORE_USER": "reader"})[1]
    Credentials(user='reader', password=<hidden>)
    >>> split_credentials("https://host/sparql", {})
    ('https://host/sparql', None)
    """
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    netloc = parts.netloc
    credentials = None
    if "@" in netloc:
        userinfo, netloc = netloc.rsplit("@", 1)
        user, _, password = userinfo.partition(":")
        credentials = Credentials(unquote(user), unquote(password))
    elif env.get(USER_VARIABLE):
        credentials = Credentials(env[USER_VARIABLE], env.get(PASSWORD_VARIABLE, ""))
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), credentials


class ServerAuth(httpx.Auth):
    """Basic or Digest authentication, whichever the server's challenge asks for.

    The first request goes out without credentials; a ``401`` is answered in the scheme the
    server names, and later requests carry that scheme's header at once (Digest reuses the
    last challenge with a fresh nonce count, so there is one round trip per request).
    """

    def __init__(self, credentials: Credentials) -> None:
        self._basic = httpx.BasicAuth(credentials.user, credentials.password)
        self._digest = httpx.DigestAuth(credentials.user, credentials.password)
        self._scheme: str | None = None

    def __repr__(self) -> str:
        return f"ServerAuth(scheme={self._scheme!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        schemes = [h.split(" ", 1)[0].lower() for h in response.headers.get_list("www-authenticate")]
        if "digest" in schemes:
            self._scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # the digest flow's first, unauthenticated request: already answered
            try:
                retry = flow.send(response)
            except StopIteration:
                return
            yield retry
        elif "basic" in schemes:
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


class _StreamReader(io.RawIOBase):
    """A binary file over a response body, read chunk by chunk (for streaming parsers)."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks: Iterator[bytes] = response.iter_bytes(_CHUNK)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = chunk
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def reader(response: httpx.Response) -> io.BufferedReader:
    """A buffered binary file over a streamed response body."""
    return io.BufferedReader(_StreamReader(response), _CHUNK)


class Transport:
    """Every request of one remote store, through one pooled, keep-alive HTTP client.

    Parameters
    ----------
    credentials : Credentials, optional
        Sent the way the server asks (Basic or Digest).
    timeout : float
        Seconds to wait for a connection or for the next bytes of an answer.
    client : httpx.Client, optional
        A client to use instead of a new one (tests, custom TLS); it is closed with the transport.
    """

    def __init__(
        self,
        *,
        credentials: Credentials | None = None,
        timeout: float = 120.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.authenticated = credentials is not None
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=httpx.Limits(max_keepalive_connections=8, keepalive_expiry=30.0),
            headers={"Accept-Encoding": "gzip"},
        )
        if credentials is not None:
            self._client.auth = ServerAuth(credentials)

    def __repr__(self) -> str:
        return f"Transport(authenticated={self.authenticated})"

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send a request, read the whole answer, raise a clear error unless it succeeded."""
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise QueryTimeoutError(f"the SPARQL server at {url} did not answer in time") from None
        except httpx.HTTPError as err:
            raise _unreachable(url, err) from None
        check(response)
        return response

    @contextmanager
    def stream(self, method: str, url: str, **kwargs: Any) -> Iterator[httpx.Response]:
        """Send a request and give its answer to be read as it arrives (checked first)."""
        try:
            with self._client.stream(method, url, **kwargs) as response:
                if not response.is_success:
                    response.read()
                    check(response)
                yield response
        except httpx.TimeoutException:
            raise QueryTimeoutError(f"the SPARQL server at {url} did not answer in time") from None
        except httpx.HTTPError as err:
            raise _unreachable(url, err) from None

    def prime(self, url: str) -> None:
        """Learn the server's authentication scheme with a small request to ``url``.

        Done before a streamed upload, which cannot be sent a second time after a challenge.
        """
        if not self.authenticated:
            return
        try:
            self._client.request("HEAD", url)
        except httpx.HTTPError as err:
            raise _unreachable(url, err) from None

    def close(self) -> None:
        """Close the pooled connections."""
        self._client.close()


def _unreachable(url: str, err: httpx.HTTPError) -> RemoteStoreError:
    reason = type(err).__name__ if isinstance(err, httpx.TransportError) else "request failed"
    detail = str(err).split("\n", 1)[0][:200]
    return RemoteStoreError(
        f"cannot reach the SPARQL server at {url} ({reason}: {detail}). Is it running? Check the"
        " URL given with --store or CLUSTERGRAPH_STORE."
    )


def check(response: httpx.Response) -> None:
    """Raise the error that fits an unsuccessful answer (syntax, time limit, refusal)."""
    if response.is_success:
        return
    # Virtuoso repeats the whole request after its message; the message is what helps.
    text = " ".join(response.text.split()).split(" SPARQL query:", 1)[0][:2000]
    url = response.request.url.copy_with(query=None)
    status = response.status_code
    if status == 401:
        raise RemoteStoreError(
            f"the SPARQL server at {url} needs credentials, or refused the ones given (401)."
            " Fixes: give them in the store URL (http://USER:PASSWORD@host/...) or in"
            f" {USER_VARIABLE} and {PASSWORD_VARIABLE}; check the user may run this request."
        )
    if status == 403 or "No permission" in text:
        raise RemoteStoreError(
            f"the SPARQL server at {url} does not allow this request ({status}: {text}). Fixes: give"
            f" the credentials of a user who may write, in the store URL (http://USER:PASSWORD@host/...)"
            f" or in {USER_VARIABLE} and {PASSWORD_VARIABLE} (Virtuoso then takes updates at"
            " /sparql-auth); or point --store at the server's update endpoint"
        )
    if status == 400:
        raise QuerySyntaxError(f"the SPARQL server rejected the request: {text}")
    if status in (408, 503, 504) and "timeout" in text.lower():
        raise QueryTimeoutError(f"the SPARQL server stopped the query: {text}")
    raise RemoteStoreError(
        f"the SPARQL server answered {status} {response.reason_phrase} for {response.request.method} {url}: {text}"
    )
