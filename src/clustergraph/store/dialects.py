"""What each kind of SPARQL server needs: its endpoints, the union default graph, its quirks.

Three dialects, told apart by the ``Server`` header of the first answer:

- :class:`Oxigraph` (``oxigraph serve``): queries at ``/query``, updates at ``/update``, the
  Graph Store Protocol at ``/store``. The union default graph is asked for per query with the
  server's ``union-default-graph`` parameter, so no graph list is sent. Answers come as TSV.
- :class:`Virtuoso` (OpenLink Virtuoso 7): queries at ``/sparql``, updates at ``/sparql-auth``
  (Digest), graph store at ``/sparql-graph-crud(-auth)``. Without a dataset Virtuoso's default
  graph is already the union of all graphs, its own system graphs included; those are left out
  with ``define input:default-graph-exclude`` / ``input:named-graph-exclude`` (a dataset named
  with ``default-graph-uri`` makes Virtuoso 7.2 answer ``*`` paths wrongly). Its quirks are
  repaired in :mod:`clustergraph.store.virtuoso`, not in callers.
- :class:`Generic`: any other SPARQL 1.1 server. Each query names the dataset with
  ``default-graph-uri`` and ``named-graph-uri`` (every named graph of the store).

>>> d = Virtuoso("http://127.0.0.1:8890/sparql", authenticated=True)
>>> d.query_url, d.update_url, d.graph_store_write
('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-graph-crud-auth')
>>> Oxigraph("http://127.0.0.1:7878/", authenticated=False).update_url
'http://127.0.0.1:7878/update'
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

from pyoxigraph import QueryResultsFormat

from .sparqltext import graph_use, has_closure_path

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
TSV = "text/tab-separated-values"
MEDIA_TYPES = {JSON: QueryResultsFormat.JSON, XML: QueryResultsFormat.XML, TSV: QueryResultsFormat.TSV}
#: Where graphs a store writes for a moment live; never part of the user's dataset.
STAGING = "urn:clustergraph:staging:"
#: The staging graphs of a Virtuoso write too large for one request (every query excludes them).
STAGING_SLOTS = tuple(f"{STAGING}{i}" for i in range(8))


def base_of(url: str) -> str | None:
    """The URL without its path when it has none (an Oxigraph base URL), else ``None``.

    >>> base_of("http://127.0.0.1:7878/"), base_of("http://host:8890/sparql")
    ('http://127.0.0.1:7878', None)
    """
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return None


class Dialect:
    """A generic SPARQL 1.1 Protocol server (the base of the others).

    Parameters
    ----------
    url : str
        The URL the user gave (without credentials).
    authenticated : bool
        Whether credentials were given (some servers take writes at another endpoint then).
    update_url, store_url : str, optional
        Endpoints given explicitly, which win over the dialect's defaults.
    """

    name: ClassVar[str] = "SPARQL 1.1 server"
    #: How the union default graph is obtained: a protocol parameter, a query prologue, or a
    #: list of every named graph.
    union: ClassVar[str] = "explicit"
    #: The SELECT/ASK results format asked for, first choice.
    results: ClassVar[str] = JSON
    #: The format asked for CONSTRUCT/DESCRIBE answers.
    graph_media: ClassVar[str] = "application/n-triples, text/turtle;q=0.9"
    #: The largest update request the server takes, in bytes (``None``: no known limit).
    update_limit: ClassVar[int | None] = None
    #: Whether ``INSERT DATA`` may hold blank nodes.
    blank_nodes_in_insert_data: ClassVar[bool] = True
    #: Whether one update request is one transaction.
    atomic_updates: ClassVar[bool] = False

    def __init__(
        self,
        url: str,
        *,
        authenticated: bool,
        update_url: str | None = None,
        store_url: str | None = None,
    ) -> None:
        self.query_url, default_update, read, write = self.endpoints(url, authenticated)
        self.update_url = update_url or default_update
        self.graph_store_read = store_url or read
        self.graph_store_write = store_url or write
        self.internal_graphs: frozenset[str] = frozenset()

    def endpoints(self, url: str, authenticated: bool) -> tuple[str, str, str | None, str | None]:
        """Query, update, graph-store read and write URLs for a given URL."""
        base = base_of(url)
        if base is not None:
            return base + "/query", base + "/update", base + "/store", base + "/store"
        return url, url, None, None

    def prologue(self, query: str) -> str:
        """Text put before a query or update (server-specific pragmas)."""
        return ""

    def union_arguments(self) -> list[tuple[str, str]]:
        """Protocol parameters that make the default graph the union of the named graphs."""
        return []

    def query_arguments(self, timeout: float) -> list[tuple[str, str]]:
        """Further protocol parameters of every query (a server-side time limit)."""
        return []

    def is_internal(self, graph: str) -> bool:
        """Whether a graph belongs to the server or to an unfinished write, not to the data."""
        return graph.startswith(STAGING) or graph in self.internal_graphs


class Generic(Dialect):
    """Any SPARQL 1.1 server: the dataset is named in every query."""


class Oxigraph(Dialect):
    """``oxigraph serve``: union by parameter, TSV answers, one transaction per request."""

    name = "Oxigraph"
    union = "parameter"
    results = TSV
    atomic_updates = True

    def union_arguments(self) -> list[tuple[str, str]]:
        return [("union-default-graph", "")]


class Virtuoso(Dialect):
    """OpenLink Virtuoso 7: system graphs left out by pragmas; writes in bounded requests."""

    name = "Virtuoso"
    union = "prologue"
    # JSON, whose xsd:boolean "1" is repaired: pyoxigraph's XML reader trims the whitespace
    # around literals. N-Triples, not Turtle: Virtuoso's Turtle writes an xsd:double 2.5 as 2.5
    # (an xsd:decimal).
    results = JSON
    graph_media = "application/n-triples"
    # Virtuoso refuses an update text over 10 MB (SR578) and a block of more than about 5,000
    # triples (SP030, its parser's stack); writes are cut to fit (see virtuoso.py).
    update_limit = 4_000_000
    blank_nodes_in_insert_data = False
    atomic_updates = True
    #: Graphs every Virtuoso holds for itself (its RDF views, the LDP vocabulary).
    SYSTEM_GRAPHS: ClassVar[frozenset[str]] = frozenset(
        {
            "http://www.openlinksw.com/schemas/virtrdf#",
            "http://www.w3.org/ns/ldp#",
            "http://www.w3.org/2002/07/owl#",
        }
    )

    def __init__(
        self,
        url: str,
        *,
        authenticated: bool,
        update_url: str | None = None,
        store_url: str | None = None,
    ) -> None:
        super().__init__(url, authenticated=authenticated, update_url=update_url, store_url=store_url)
        self.internal_graphs = self.SYSTEM_GRAPHS | set(STAGING_SLOTS)

    def endpoints(self, url: str, authenticated: bool) -> tuple[str, str, str | None, str | None]:
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        path = parts.path.rstrip("/")
        if base_of(url) is not None:
            path = "/sparql"
        secured = path.endswith("-auth")
        query = root + path
        update = query if secured or not authenticated else query + "-auth"
        read = root + "/sparql-graph-crud" + ("-auth" if secured else "")
        write = root + "/sparql-graph-crud" + ("-auth" if secured or authenticated else "")
        return query, update, read, write

    def prologue(self, query: str) -> str:
        if has_closure_path(query):
            # Virtuoso 7.2 answers a query with a * or + path wrongly (no rows) under more than one
            # graph exclusion, and refuses it under any named-graph exclusion: only its big RDF-view
            # graph is left out then (the few triples of the others match no query of ours).
            return "define input:default-graph-exclude <http://www.openlinksw.com/schemas/virtrdf#>\n"
        # Each exclusion only where it matters: under any of them, Virtuoso 7.2 finds nothing in
        # GRAPH <iri> once a graph was dropped before (tests/ingest/test_load.py, replace).
        default, variable = graph_use(query)
        lines = [f"define input:default-graph-exclude <{g}>" for g in sorted(self.internal_graphs) if default]
        lines += [f"define input:named-graph-exclude <{g}>" for g in sorted(self.internal_graphs) if variable]
        if not lines:
            return ""
        return "\n".join(lines) + "\n"

    def query_arguments(self, timeout: float) -> list[tuple[str, str]]:
        # Virtuoso's own limit, in milliseconds: past it the answer is cut (and flagged).
        return [("timeout", str(int(timeout * 1000)))]


def detect(server_header: str) -> type[Dialect]:
    """The dialect for a ``Server`` response header.

    >>> detect("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu").__name__, detect("Oxigraph/0.5.13").__name__
    ('Virtuoso', 'Oxigraph')
    >>> detect("nginx").__name__
    'Generic'
    """
    header = server_header.lower()
    if header.startswith("virtuoso"):
        return Virtuoso
    if header.startswith("oxigraph"):
        return Oxigraph
    return Generic
