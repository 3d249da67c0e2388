"""Stores as the tests read them: what a store holds, and a read-only remote store that asks
each distinct question once.

``quads_of`` reads a remote Oxigraph store through the server's own Graph Store Protocol
export, several times faster than a SPARQL ``SELECT`` of every quad, and independent of the
library's dump code.

``AskOnce`` (a :class:`~clustergraph.store.RemoteStore`) and ``AskOnceEmbedded`` (an
:class:`~clustergraph.store.EmbeddedStore`) are for stores holding the curated graph that the
tests only read: every distinct query goes to the real store once and its answer is kept, so
the analytics tests, which project the same graph in almost every test (reading the projection's
records is most of their time), ask each of their questions of every kind of store without
asking it twenty times. A write through such a store forgets every kept answer.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

import httpx
from pyoxigraph import Quad, RdfFormat, parse

from clustergraph.store import EmbeddedStore, RemoteStore, Store
from clustergraph.store.dialects import Oxigraph
from clustergraph.store.results import GraphResult, QueryResult, SelectResult, Term, ValueRows


def quads_of(store: Store) -> frozenset[Quad]:
    """Every quad ``store`` holds."""
    if isinstance(store, RemoteStore) and isinstance(store.dialect, Oxigraph):
        response = httpx.get(store.location.rstrip("/") + "/store", headers={"Accept": "application/n-quads"},
                             timeout=300)
        assert response.status_code == 200, response.text[:2000]
        return frozenset(parse(response.content, format=RdfFormat.N_QUADS))
    return frozenset(parse(store.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))


class _AskOnce:
    """Answers each distinct query from the real store once, repeats from memory; any write
    through the store forgets every answer."""

    _answers: dict[object, QueryResult]

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        answers = self.__dict__.setdefault("_answers", {})
        key = (
            sparql,
            tuple(sorted((bindings or {}).items(), key=lambda item: item[0])),
            None if default_graph is None else tuple(default_graph),
            None if named_graphs is None else tuple(named_graphs),
            None if prefixes is None else tuple(sorted(prefixes.items())),
        )
        if key not in answers:
            answers[key] = super().query(  # type: ignore[misc]
                sparql, bindings=bindings, default_graph=default_graph, named_graphs=named_graphs, prefixes=prefixes
            )
        return _copy(answers[key])

    def values(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> ValueRows:
        answers = self.__dict__.setdefault("_values", {})
        key = (sparql, tuple(sorted((bindings or {}).items(), key=lambda item: item[0])))
        if key not in answers:
            answers[key] = super().values(sparql, bindings=bindings)  # type: ignore[misc]
        found: ValueRows = answers[key]
        return ValueRows(list(found.variables), list(found.rows))

    def _forget(self) -> None:
        self.__dict__["_values"] = {}
        self.__dict__["_answers"] = {}


def _writes_forget(cls: type) -> type:
    """Make every writing method of ``cls`` forget the kept answers first."""
    for name in ("update", "add", "replace_graphs", "replace_graph", "replace_all", "bulk_load", "drop_graph", "clear"):
        original = getattr(cls, name)

        def forgetting(self: _AskOnce, *args: object, __original: object = original, **kwargs: object) -> object:
            self._forget()
            return __original(self, *args, **kwargs)  # type: ignore[operator]

        setattr(cls, name, forgetting)
    return cls


@_writes_forget
class AskOnce(_AskOnce, RemoteStore):
    """A remote store that sends each distinct query once (see the module docs)."""


@_writes_forget
class AskOnceEmbedded(_AskOnce, EmbeddedStore):
    """An embedded store that runs each distinct query once (see the module docs)."""


def _copy(answer: QueryResult) -> QueryResult:
    """A copy whose lists the caller may change (terms and rows are immutable)."""
    if isinstance(answer, SelectResult):
        return SelectResult(list(answer.variables), list(answer.rows))
    if isinstance(answer, GraphResult):
        return GraphResult(list(answer.triples))
    return copy.copy(answer)
