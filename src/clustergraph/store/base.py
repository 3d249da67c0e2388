"""The store interface every layer above speaks to.

A store holds quads in named graphs. Queries see the union of the named graphs as their default
graph (as Oxigraph's ``--union-default-graph``), so ``GRAPH ?g { ... }`` tells which source says a
fact. Both implementations, :class:`~clustergraph.store.embedded.EmbeddedStore` and
:class:`~clustergraph.store.remote.RemoteStore`, answer these calls alike.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType

from pyoxigraph import NamedNode, Quad, RdfFormat

from .results import QueryResult, SelectResult, Term


class Store(abc.ABC):
    """A quad store reached through SPARQL."""

    #: A human-readable description of where the store is (a path, a URL, ``:memory:``).
    location: str

    # --- reading ----------------------------------------------------------------------------

    @abc.abstractmethod
    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query.

        ``bindings`` give values to variables of the outermost group without touching the query
        text's syntax (substitution on the embedded store, an inline ``VALUES`` on a remote one).
        ``default_graph`` / ``named_graphs`` restrict the dataset (IRIs); by default the default
        graph is the union of all named graphs and every named graph is available.
        """

    def select(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> SelectResult:
        """Run a ``SELECT`` query and return its table."""
        result = self.query(sparql, bindings=bindings)
        if not isinstance(result, SelectResult):
            raise TypeError("select() needs a SELECT query")
        return result

    def generation(self) -> str | None:
        """A token that changes whenever the content may have changed (a write through this
        object, a switch to a rebuilt generation); ``None`` when the store cannot tell. Caches of
        what was read from the store (the network projection) are kept per token."""
        return None

    @abc.abstractmethod
    def graphs(self) -> list[NamedNode]:
        """The named graphs that hold at least one quad, sorted by IRI."""

    @abc.abstractmethod
    def count(self, graph: str | None = None) -> int:
        """The number of quads in one named graph, or in the whole store."""

    @abc.abstractmethod
    def dump(self, fmt: RdfFormat = RdfFormat.N_QUADS) -> bytes:
        """Every quad of the store in a dataset format (N-Quads or TriG)."""

    # --- writing ----------------------------------------------------------------------------

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update, as one transaction where the store allows it."""

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
