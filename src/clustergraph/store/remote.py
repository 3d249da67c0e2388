"""The remote store: any SPARQL 1.1 server, over the SPARQL 1.1 Protocol and Graph Store Protocol.

Give a URL. For an Oxigraph server, give its base (``http://127.0.0.1:7878/``): queries go to
``/query``, updates to ``/update`` and graph-store requests to ``/store``. For another server give
its query endpoint (``http://host:8890/sparql``); updates go to the same URL unless
``update_url`` says otherwise, and graph-level operations use SPARQL Update.

The default graph of every query is the union of the named graphs, as on the embedded store. A
server started with that setting (``oxigraph serve --union-default-graph``) is used as it is with
``union="server"``; otherwise (``union="explicit"``, the default) each query names the dataset
with ``default-graph-uri`` and ``named-graph-uri``, which any SPARQL 1.1 server honours.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO
from typing import Literal as TypingLiteral
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from ..errors import QuerySyntaxError, QueryTimeoutError, RemoteStoreError
from ..namespaces import PREFIXES
from .base import Store
from .embedded import insert_data
from .results import AskResult, GraphResult, QueryResult, SelectResult, Term
from .sparqlparse import parse_query
from .sparqltext import bind_values

_RESULTS = "application/sparql-results+json"
_GRAPH = "application/n-triples"
_ACCEPT = f"{_RESULTS}, application/sparql-results+xml;q=0.9, {_GRAPH};q=0.9, text/turtle;q=0.8"

UnionMode = TypingLiteral["explicit", "server"]


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP.

    Parameters
    ----------
    url : str
        The server's base URL (Oxigraph) or its SPARQL query endpoint.
    update_url, store_url : str, optional
        The update endpoint and the Graph Store Protocol endpoint, when they differ from the
        defaults described above.
    union : {"explicit", "server"}
        How the union default graph is obtained (see the module docs).
    timeout : float
        Seconds to wait for any one request.
    """

    local = False

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        union: UnionMode = "explicit",
        timeout: float = 120.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.location = url
        parts = urlsplit(url)
        if parts.path in ("", "/"):
            base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
            self.query_url = base + "/query"
            self.update_url = update_url or base + "/update"
            self.store_url: str | None = store_url or base + "/store"
        else:
            self.query_url = url
            self.update_url = update_url or url
            self.store_url = store_url
        self.union = union
        self._client = client or httpx.Client(timeout=timeout)
        self._graph_cache: tuple[float, list[NamedNode]] | None = None

    # --- plumbing ---------------------------------------------------------------------------

    def _post(self, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self._client.post(url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise QueryTimeoutError(f"{url} did not answer in time") from None
        except httpx.HTTPError as err:
            raise RemoteStoreError(
                f"cannot reach the SPARQL server at {url}: {err}. Is it running? Check the URL"
                " given with --store or CLUSTERGRAPH_STORE."
            ) from None
        self._check(response)
        return response

    @staticmethod
    def _check(response: httpx.Response) -> None:
        if response.is_success:
            return
        text = response.text.strip()[:2000]
        if response.status_code == 400:
            raise QuerySyntaxError(f"the server rejected the request: {text}")
        if response.status_code in (408, 503, 504) and "timeout" in text.lower():
            raise QueryTimeoutError(f"the server stopped the query: {text}")
        raise RemoteStoreError(
            f"the SPARQL server answered {response.status_code} {response.reason_phrase}"
            f" for {response.request.method} {response.request.url}: {text}"
        )

    def _dataset(self) -> list[tuple[str, str]]:
        if self.union == "server":
            return []
        names = [g.value for g in self._cached_graphs()]
        if not names:  # an empty dataset must still be explicit, or the server uses its own
            names = ["urn:clustergraph:empty"]
        return [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]

    def _cached_graphs(self) -> list[NamedNode]:
        now = time.monotonic()
        if self._graph_cache is None or now - self._graph_cache[0] > 5.0:
            self._graph_cache = (now, self.graphs())
        return self._graph_cache[1]

    def _invalidate(self) -> None:
        self._graph_cache = None

    # --- reading ----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        text = bind_values(sparql, bindings or {})
        declared = PREFIXES if prefixes is None else prefixes
        if declared:  # declared first: the query's own declarations of the same names win
            text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in declared.items()) + text
        if default_graph is None and named_graphs is None:  # a query's FROM names its own dataset
            dataset = [] if parse_query(sparql).has_dataset else self._dataset()
        else:
            dataset = [("default-graph-uri", g) for g in default_graph or []]
            dataset += [("named-graph-uri", g) for g in named_graphs or []]
        return self._raw_query(text, dataset)

    def _raw_query(self, text: str, dataset: list[tuple[str, str]]) -> QueryResult:
        response = self._post(
            self.query_url,
            content=urlencode([("query", text), *dataset]).encode("ascii"),
            headers={"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind in (_RESULTS, "application/sparql-results+xml"):
            fmt = QueryResultsFormat.JSON if kind == _RESULTS else QueryResultsFormat.XML
            answer = parse_query_results(response.content, format=fmt)
            if isinstance(answer, QueryBoolean):
                return AskResult(bool(answer))
            assert isinstance(answer, QuerySolutions)
            variables = [v.value for v in answer.variables]
            return SelectResult(variables, [tuple(s[v] for v in variables) for s in answer])
        fmt_rdf = RdfFormat.from_media_type(kind)
        if fmt_rdf is None:
            raise RemoteStoreError(f"the server answered with an unexpected media type {kind!r}")
        triples = [q.triple for q in parse(response.content, format=fmt_rdf)]
        return GraphResult(triples)

    def graphs(self) -> list[NamedNode]:
        result = self._raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", [])
        assert isinstance(result, SelectResult)
        return [g for (g,) in result.rows if isinstance(g, NamedNode)]

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            text = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            result = self._raw_query(text, [])
        else:
            text = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            result = self._raw_query(bind_values(text, {"g": NamedNode(graph)}), [])
        assert isinstance(result, SelectResult)
        value = result.rows[0][0]
        return int(value.value) if value is not None else 0  # type: ignore[union-attr]

    def dump(self, out: BinaryIO, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> None:
        text = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        for graph in [None] if graphs is None else graphs:
            query = text if graph is None else bind_values(text, {"g": NamedNode(graph)})
            result = self._raw_query(query, [])
            assert isinstance(result, SelectResult)
            serialize((Quad(s, p, o, g) for s, p, o, g in result.rows), out, format=fmt)  # type: ignore[arg-type]

    # --- writing ----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        self._post(
            self.update_url,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        self._invalidate()

    def add(self, quads: Iterable[Quad]) -> None:
        quads = list(quads)
        if quads:
            self.update(insert_data(quads))

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        parts = [f"DROP SILENT GRAPH {NamedNode(g)}" for g in graphs]
        quads = [q for qs in graphs.values() for q in qs]
        if quads:
            parts.append(insert_data(quads))
        self.update(" ;\n".join(parts))

    def replace_all(self, quads: Iterable[Quad]) -> None:
        """Replace the whole content in one update request (one transaction on Oxigraph)."""
        self.update("CLEAR SILENT ALL ;\n" + insert_data(quads))

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def clear(self) -> None:
        self.update("CLEAR SILENT ALL")

    def close(self) -> None:
        self._client.close()
