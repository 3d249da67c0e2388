"""The store interface every layer above speaks to.

A store holds quads in named graphs. Queries see the union of the named graphs as their default
graph (as Oxigraph's ``--union-default-graph``), so ``GRAPH ?g { ... }`` tells which source says a
fact, and the prefixes of :data:`clustergraph.namespaces.PREFIXES` are declared for every query
unless it declares its own. Both implementations, :class:`~clustergraph.store.embedded.EmbeddedStore`
and :class:`~clustergraph.store.remote.RemoteStore`, answer these calls alike; callers never need
to know which one they hold (``local`` and ``worker_location`` say what differs).

Every write is all or nothing: a reader sees the content before it or after it, never a part.

>>> from clustergraph.store import open_store
>>> store = open_store(":memory:")
>>> store.add([Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), NamedNode("http://e/b"), NamedNode("http://e/g"))])
>>> store.graph_counts()
{'http://e/g': 1}
>>> store.select("SELECT ?o WHERE { ?s ?p ?o FILTER(?p != rdfs:label) }").values()   # rdfs: is a default prefix
[{'o': 'http://e/b'}]
>>> print(store.dump_bytes().decode(), end="")
<http://e/a> <http://e/p> <http://e/b> <http://e/g> .
"""

from __future__ import annotations

import abc
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from .results import QueryResult, SelectResult, Term, ValueRows, term_value

#: A file to bulk-load: its path, its format and the named graph its triples go into.
BulkFile = tuple[Path, RdfFormat, str]


class Store(abc.ABC):
    """A quad store reached through SPARQL."""

    #: A human-readable description of where the store is (a path, a URL, ``:memory:``).
    location: str

    #: Whether the data is managed by clustergraph on this machine (an embedded store), as
    #: opposed to a SPARQL server someone else runs. An empty local default store is built from
    #: the bundled data on first use; a server's is never written unasked.
    local: bool = False

    @property
    def worker_location(self) -> str | None:
        """Where other processes open this store read-only to run queries, or ``None``.

        A server runs queries in worker processes (``open_store(location, read_only=True)``)
        when this is a location, so that a query past its time limit can be stopped by ending
        its process. ``None``: queries run here (an in-memory store, or a remote server that
        stops its own queries).
        """
        return None

    # --- reading ----------------------------------------------------------------------------

    @abc.abstractmethod
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query.

        ``bindings`` give values to variables of the outermost group without touching the query
        text's syntax (an inline ``VALUES`` block of serialised terms). ``default_graph`` /
        ``named_graphs`` restrict the dataset (IRIs); by default the default graph is the union
        of all named graphs and every named graph is available. ``prefixes`` are declared for
        the query (default: :data:`clustergraph.namespaces.PREFIXES`; ``{}`` for none); the
        query's own ``PREFIX`` declarations win.
        """

    def select(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        """Run a ``SELECT`` query and return its table."""
        result = self.query(sparql, bindings=bindings)
        if not isinstance(result, SelectResult):
            raise TypeError("select() needs a SELECT query")
        return result

    def values(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> ValueRows:
        """Run a ``SELECT`` query and return its rows as plain strings (IRIs, blank node ids,
        lexical forms; ``None`` where unbound), without a term object per value: for large
        scans (the network projection). The embedded store and ``oxigraph serve`` read them from
        the TSV serialisation of the answer; this default reads them from :meth:`select`.
        Language tags and datatypes are not kept (ask ``LANG(?o)`` as a column when needed).
        """
        result = self.select(sparql, bindings=bindings)
        return ValueRows(
            list(result.variables), [tuple(None if t is None else term_value(t) for t in row) for row in result.rows]
        )

    def generation(self) -> str | None:
        """A token that changes whenever the content may have changed (a write through this
        object, a switch to a rebuilt generation); ``None`` when the store cannot tell. Caches of
        what was read from the store (the network projection) are kept per token."""
        return None

    def unlimited(self) -> Store:
        """The store the library's own fixed scans read (the network projection, the search
        index): this one, or, for a store that caps what its clients may read (the server's),
        the store behind it."""
        return self

    @abc.abstractmethod
    def graphs(self) -> list[NamedNode]:
        """The named graphs that hold at least one quad, sorted by IRI."""

    def graph_counts(self) -> dict[str, int]:
        """Each named graph that holds quads, with their number, in IRI order."""
        from .. import sparql

        result = self.query(sparql.load("api-graph-counts"), prefixes={})
        assert isinstance(result, SelectResult)
        return {
            term_value(g): int(term_value(n)) for g, n in result.rows if isinstance(g, NamedNode) and n is not None
        }

    @abc.abstractmethod
    def count(self, graph: str | None = None) -> int:
        """The number of quads in one named graph, or in the whole store."""

    @abc.abstractmethod
    def dump(self, out: BinaryIO, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> None:
        """Write every quad (or those of ``graphs``) to ``out`` in a dataset format, streamed.

        ``fmt`` is N-Quads or TriG. Nothing of the whole dump is held in memory at once.
        """

    def dump_bytes(self, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> bytes:
        """:meth:`dump` into memory, for small stores and tests."""
        buffer = io.BytesIO()
        self.dump(buffer, fmt, graphs=graphs)
        return buffer.getvalue()

    # --- writing ----------------------------------------------------------------------------

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, all or nothing."""

    @abc.abstractmethod
    def add(self, quads: Iterable[Quad]) -> None:
        """Add quads in one transaction: either all are stored or none."""

    @abc.abstractmethod
    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        """Replace the content of each named graph by the given quads, all in one transaction.

        Quads whose graph is not the key they are listed under are stored in their own graph.
        """

    def replace_graph(self, graph: str, quads: Sequence[Quad]) -> None:
        """Replace one named graph's content in one transaction."""
        self.replace_graphs({graph: quads})

    @abc.abstractmethod
    def replace_all(self, quads: Iterable[Quad]) -> None:
        """Replace the whole content by ``quads``; readers see the old content or the new, never a mix."""

    def bulk_load(self, files: Sequence[BulkFile], *, extra: Sequence[Quad] = (), drop: Sequence[str] = ()) -> None:
        """Load files at the store's best speed, all or nothing.

        The graphs in ``drop`` are emptied first (so re-importing a data set replaces its graph),
        then each file's triples go into its graph (a quad format keeps its own named graphs;
        its default-graph quads go into the given graph), then ``extra`` quads are added. A file
        that does not parse raises ``SyntaxError`` (with ``filename`` and ``lineno``) and
        nothing is changed.

        This default reads the files into memory and writes them in one transaction; the
        embedded store loads them straight from disk into a new generation.
        """
        quads: list[Quad] = []
        for path, fmt, graph in files:
            target = NamedNode(graph)
            try:
                for q in parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
                    in_default = q.graph_name == DefaultGraph()
                    quads.append(Quad(q.subject, q.predicate, q.object, target) if in_default else q)
            except SyntaxError as err:
                err.filename = err.filename or str(path)
                raise
        quads.extend(extra)
        if drop:
            emptied: dict[str, Sequence[Quad]] = {g: [] for g in drop}
            emptied[drop[0]] = quads  # listed quads land in their own graphs
            self.replace_graphs(emptied)
        else:
            self.add(quads)

    @abc.abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove a named graph and everything in it (no error if absent)."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    # --- life cycle -------------------------------------------------------------------------

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (files, connections)."""

    def is_empty(self) -> bool:
        """Tell whether the store holds no quad."""
        return self.count() == 0

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"
