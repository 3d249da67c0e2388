"""The remote store: any SPARQL 1.1 server, over the SPARQL 1.1 Protocol and Graph Store Protocol.

Give a URL: an Oxigraph server's base (``http://127.0.0.1:7878/``) or a SPARQL endpoint
(``http://host:8890/sparql``). The kind of server is told from its first answer, and its
:mod:`~clustergraph.store.dialects` decides the endpoints, how the default graph becomes the
union of the named graphs (as on the embedded store), and which quirks to repair. Credentials go
in the URL's user-info or in environment variables (:mod:`~clustergraph.store.http`); they never
show in :attr:`RemoteStore.location`, ``repr``, logs or error messages.

Reading is fast by design: one pooled keep-alive client, queries always by ``POST``, answers in
the format the server writes and pyoxigraph parses fastest (TSV from Oxigraph, streamed while it
arrives). Dumps use the Graph Store Protocol where the server has it.

Every write is one transaction (:mod:`~clustergraph.store.writes`: one update request, or on
Virtuoso's large writes a staged move).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO
from typing import Literal as TypingLiteral
from urllib.parse import urlencode

import httpx
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from .. import sparql as library_queries
from ..namespaces import PREFIXES
from . import virtuoso, writes
from .answers import convert, rdf_format
from .base import Store
from .dialects import JSON, MEDIA_TYPES, TSV, XML, Dialect, Generic, Oxigraph, Virtuoso, base_of, detect
from .http import Transport, reader, split_credentials
from .results import GraphResult, QueryResult, SelectResult, Term, ValueRows, tsv_values
from .sparqltext import bind_values, expand_delete_where, has_closure_path, order_by, query_dataset, query_form

UnionMode = TypingLiteral["auto", "explicit", "server"]


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP.

    Parameters
    ----------
    url : str
        The server's base URL (Oxigraph) or its SPARQL query endpoint, optionally with
        ``user:password@`` (Basic or Digest, as the server asks).
    update_url, store_url : str, optional
        The update endpoint and the Graph Store Protocol endpoint, when they differ from the
        dialect's defaults.
    union : {"auto", "explicit", "server"}
        How the union default graph is obtained: the dialect's way (``auto``), by naming every
        graph in each query (``explicit``), or not at all because the server already does it
        (``server``, e.g. ``oxigraph serve --union-default-graph``).
    timeout : float
        Seconds to wait for any one request (also sent to Virtuoso as its query time limit).
    dialect : type of Dialect, optional
        The kind of server, when it should not be told from its answers.
    """

    local = False

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        union: UnionMode = "auto",
        timeout: float = 120.0,
        client: httpx.Client | None = None,
        dialect: type[Dialect] | None = None,
    ) -> None:
        clean, credentials = split_credentials(url)
        self.location = clean
        self.timeout = timeout
        self.union = union
        self._transport = Transport(credentials=credentials, timeout=timeout, client=client)
        self._endpoints = (update_url, store_url)
        self._dialect_class = dialect
        self._dialect: Dialect | None = None
        self._graph_cache: tuple[float, list[NamedNode]] | None = None
        self._closures: dict[str, tuple[float, list[Term]]] = {}

    # --- the server ---------------------------------------------------------------------------

    @property
    def dialect(self) -> Dialect:
        """The server's dialect, told from its answer to a first ``ASK {}``."""
        if self._dialect is None:
            base = base_of(self.location)
            probe = base + "/query" if base is not None else self.location
            response = self._transport.request(
                "GET", probe, params={"query": "ASK {}"}, headers={"Accept": f"{JSON}, {XML};q=0.9"}
            )
            kind = self._dialect_class or detect(response.headers.get("server", ""))
            update_url, store_url = self._endpoints
            dialect = kind(
                self.location,
                authenticated=self._transport.authenticated,
                update_url=update_url,
                store_url=store_url,
            )
            self._dialect = dialect
            if isinstance(dialect, Virtuoso):
                found = self._select(library_queries.load("store-server-graphs"), [])
                dialect.internal_graphs |= {g.value for (g,) in found.rows if isinstance(g, NamedNode)}
        return self._dialect

    @property
    def query_url(self) -> str:
        """Where queries go."""
        return self.dialect.query_url

    @property
    def update_url(self) -> str:
        """Where updates go."""
        return self.dialect.update_url

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
        return self._run(*self._prepared(sparql, bindings, default_graph, named_graphs, prefixes))

    def values(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> ValueRows:
        """The rows as plain strings, split from the server's TSV answer (``oxigraph serve``);
        other servers answer through :meth:`query` (Virtuoso's answers are repaired there)."""
        dialect = self.dialect
        if dialect.results != TSV:
            return super().values(sparql, bindings=bindings)
        text, dataset = self._prepared(sparql, bindings, None, None, None)
        body = urlencode([("query", dialect.prologue(text) + text), *dataset, *dialect.query_arguments(self.timeout)])
        headers = {"Accept": TSV, "Content-Type": "application/x-www-form-urlencoded"}
        with self._transport.stream("POST", dialect.query_url, content=body.encode(), headers=headers) as response:
            return tsv_values(response.read().decode("utf-8"))

    def _prepared(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None,
        default_graph: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        prefixes: Mapping[str, str] | None,
    ) -> tuple[str, list[tuple[str, str]]]:
        """The query text (values bound, prefixes declared) and the protocol's dataset arguments."""
        text = bind_values(sparql, bindings or {})
        declared = PREFIXES if prefixes is None else prefixes
        if declared:  # declared first: the query's own declarations of the same names win
            text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in declared.items()) + text
        written = query_dataset(sparql, declared) if default_graph is None and named_graphs is None else None
        if written is not None:  # the query's FROM / FROM NAMED, sent as the protocol's dataset
            empty = ["urn:clustergraph:empty"]  # none given means the server's own choice
            dataset = [("default-graph-uri", g) for g in written[0] or empty]
            dataset += [("named-graph-uri", g) for g in written[1] or empty]
        elif default_graph is None and named_graphs is None:
            dataset = self._union_dataset()
        else:
            dataset = [("default-graph-uri", g) for g in default_graph or []]
            dataset += [("named-graph-uri", g) for g in named_graphs or []]
        return text, dataset

    def _union_dataset(self) -> list[tuple[str, str]]:
        dialect = self.dialect
        if self.union == "server":
            return []
        if self.union == "explicit" or dialect.union == "explicit":
            names = [g.value for g in self._cached_graphs()] or ["urn:clustergraph:empty"]
            return [("default-graph-uri", g) for g in names] + [("named-graph-uri", g) for g in names]
        return dialect.union_arguments()

    def _cached_graphs(self) -> list[NamedNode]:
        now = time.monotonic()
        if self._graph_cache is None or now - self._graph_cache[0] > 2.0:
            self._graph_cache = (now, self.graphs())
        return self._graph_cache[1]

    def _run(self, text: str, dataset: list[tuple[str, str]], *, rewrite: bool = True) -> QueryResult:
        dialect = self.dialect
        if rewrite and isinstance(dialect, Virtuoso) and has_closure_path(text):
            text = virtuoso.rewrite_closures(text, self._closure)
        form = query_form(text)
        if form in ("CONSTRUCT", "DESCRIBE"):
            accept = dialect.graph_media
        else:
            accept = dialect.results if dialect.results == JSON else f"{dialect.results}, {JSON};q=0.9, {XML};q=0.5"
        body = urlencode([("query", dialect.prologue(text) + text), *dataset, *dialect.query_arguments(self.timeout)])
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        content = body.encode("utf-8")
        with self._transport.stream("POST", dialect.query_url, content=content, headers=headers) as response:
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if isinstance(dialect, Virtuoso):
                answer = virtuoso.read_answer(response, kind)
                order = order_by(text) if isinstance(answer, SelectResult) else None
                if order:
                    virtuoso.reorder(answer.rows, answer.variables, order)  # type: ignore[union-attr]
                return answer
            if kind in MEDIA_TYPES:
                return convert(parse_query_results(reader(response), format=MEDIA_TYPES[kind]))
            return GraphResult([q.triple for q in parse(reader(response), format=rdf_format(kind))])

    def _closure(self, text: str) -> list[Term]:
        """The values of ``?closure`` in a one-variable query (cached for a few seconds)."""
        now = time.monotonic()
        cached = self._closures.get(text)
        if cached is None or now - cached[0] > 5.0:
            found = self._run(text, [], rewrite=False)
            assert isinstance(found, SelectResult)
            cached = (now, [row[0] for row in found.rows if row[0] is not None])
            self._closures[text] = cached
        return cached[1]

    def _select(self, text: str, dataset: list[tuple[str, str]]) -> SelectResult:
        result = self._run(text, dataset)
        assert isinstance(result, SelectResult)
        return result

    def graphs(self) -> list[NamedNode]:
        dialect = self.dialect
        if isinstance(dialect, Oxigraph):  # named graphs are listed cheaply, then kept if not empty
            text = "SELECT ?g WHERE { GRAPH ?g { } FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        else:
            text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        found = self._select(text, [])
        names = {g for (g,) in found.rows if isinstance(g, NamedNode) and not dialect.is_internal(g.value)}
        return sorted(names, key=lambda g: g.value)

    def graph_counts(self) -> dict[str, int]:
        """Every named graph that holds quads, with its number of quads, sorted by IRI."""
        found = self._select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", [])
        dialect = self.dialect
        counts = [
            (g.value, int(n.value))  # type: ignore[union-attr]
            for g, n in found.rows
            if isinstance(g, NamedNode) and not dialect.is_internal(g.value)
        ]
        return dict(sorted(counts))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(self.graph_counts().values())
        text = bind_values("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": NamedNode(graph)})
        value = self._select(text, []).rows[0][0]
        return int(value.value) if value is not None else 0  # type: ignore[union-attr]

    def dump(self, out: BinaryIO, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> None:
        """Write the quads to a binary file as they arrive (Graph Store Protocol where there is one)."""
        dialect = self.dialect
        if graphs is None and isinstance(dialect, Oxigraph) and dialect.graph_store_read:
            headers = {"Accept": fmt.media_type}
            with self._transport.stream("GET", dialect.graph_store_read, headers=headers) as response:
                for chunk in response.iter_bytes(1 << 16):
                    out.write(chunk)
            return
        if fmt == RdfFormat.N_QUADS:
            for quads in self._quads_by_graph(graphs):
                out.write(serialize(quads, format=fmt) or b"")
        else:
            out.write(serialize([q for quads in self._quads_by_graph(graphs) for q in quads], format=fmt) or b"")

    def _quads_by_graph(self, graphs: Sequence[str] | None = None) -> Iterator[list[Quad]]:
        dialect = self.dialect
        wanted = None if graphs is None else set(graphs)
        if dialect.graph_store_read is None:
            rows = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", []).rows
            yield [
                Quad(s, p, o, g)  # type: ignore[arg-type]
                for s, p, o, g in rows
                if not dialect.is_internal(g.value) and (wanted is None or g.value in wanted)  # type: ignore[union-attr]
            ]
            return
        for graph in self.graphs():
            if wanted is not None and graph.value not in wanted:
                continue
            headers = {"Accept": "application/n-triples"}
            params = {"graph": graph.value}
            response = self._transport.request("GET", dialect.graph_store_read, params=params, headers=headers)
            data = virtuoso.clean_answer(response.content) if isinstance(dialect, Virtuoso) else response.content
            triples = parse(data, format=RdfFormat.N_TRIPLES)
            if isinstance(dialect, Virtuoso):
                yield [Quad(t.subject, t.predicate, virtuoso.repair(t.object), graph) for t in triples]  # type: ignore[arg-type]
            else:
                yield [Quad(t.subject, t.predicate, t.object, graph) for t in triples]

    # --- writing ----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        dialect = self.dialect
        if isinstance(dialect, Virtuoso):
            sparql = expand_delete_where(sparql)
        self._transport.request(
            "POST",
            dialect.update_url,
            content=(dialect.prologue(sparql) + sparql).encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        self._invalidate()

    def _invalidate(self) -> None:
        self._graph_cache = None
        self._closures.clear()

    def add(self, quads: Iterable[Quad]) -> None:
        quads = list(quads)
        if not quads:
            return
        dialect = self.dialect
        if isinstance(dialect, Oxigraph) and dialect.graph_store_write:
            self._transport.prime(dialect.graph_store_write)
            self._transport.request(
                "POST",
                dialect.graph_store_write,
                content=_nquads(quads),
                headers={"Content-Type": "application/n-quads"},
            )
            self._invalidate()
            return
        self._write([], quads)

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        drops = [f"DROP SILENT GRAPH {NamedNode(g)}" for g in graphs]
        self._write(drops, [q for qs in graphs.values() for q in qs])

    def replace_all(self, quads: Iterable[Quad]) -> None:
        """Replace the whole content in one transaction (a staged move on Virtuoso's large writes)."""
        self._write(self._drop_everything(), list(quads))

    def _drop_everything(self) -> list[str]:
        if isinstance(self.dialect, Generic):
            return ["CLEAR SILENT ALL"]
        # Oxigraph 0.5 reads slowly after CLEAR ALL (until the server restarts), and on Virtuoso
        # it would take the server's own graphs: every graph is dropped by name instead.
        return [f"DROP SILENT GRAPH {g}" for g in self.graphs()]

    def bulk_load(
        self,
        files: Sequence[tuple[Path, RdfFormat, str]],
        *,
        extra: Sequence[Quad] = (),
        drop: Sequence[str] = (),
    ) -> None:
        """Add files (``(path, format, graph)``; triples into ``graph``), all or nothing.

        Each file is parsed here, so a syntax error (``SyntaxError`` with ``filename`` and
        ``lineno``) is raised before anything is sent.
        """
        quads: list[Quad] = []
        for path, fmt, graph in files:
            try:
                parsed = parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
                target = NamedNode(graph)
                for q in parsed:
                    name = target if isinstance(q.graph_name, DefaultGraph) else q.graph_name
                    quads.append(Quad(q.subject, q.predicate, q.object, name))
            except SyntaxError as err:
                err.filename = err.filename or str(path)
                raise
        quads += extra
        self._write([f"DROP SILENT GRAPH {NamedNode(g)}" for g in drop], quads)

    def _write(self, prefix: list[str], quads: Sequence[Quad]) -> None:
        """Run ``prefix`` operations then insert ``quads``, in one transaction."""
        try:
            writes.write(self.update, self.dialect, prefix, quads)
        finally:
            self._invalidate()

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def clear(self) -> None:
        drops = self._drop_everything()
        if drops:
            self.update(" ;\n".join(drops))

    def close(self) -> None:
        self._transport.close()


def _nquads(quads: Sequence[Quad]) -> bytes:
    data = serialize(quads, format=RdfFormat.N_QUADS)
    return data or b""
