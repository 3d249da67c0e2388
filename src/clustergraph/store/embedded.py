"""The embedded store: pyoxigraph on disk (or in memory for tests).

On disk, a store location is a folder holding one or more *generations* (``gen-000001/`` ...)
and a pointer file, ``clustergraph-active``, naming the one in use. :meth:`EmbeddedStore.replace_all`
builds a new generation beside the active one and then switches the pointer with an atomic
rename, so a reader never sees a half-built graph. A plain pyoxigraph folder given as location is
used as it is.

>>> from pyoxigraph import NamedNode, Literal, Quad
>>> store = EmbeddedStore()          # in memory
>>> g = "http://example.org/g"
>>> store.add([Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal("x"), NamedNode(g))])
>>> store.count(), [n.value for n in store.graphs()]
(1, ['http://example.org/g'])
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }").values()
[{'o': 'x'}]
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
)
from pyoxigraph import Store as OxStore

from ..errors import QuerySyntaxError, ReadOnlyError, StoreError, StoreLockedError
from .base import Store
from .results import AskResult, GraphResult, QueryResult, SelectResult, Term
from .sparqltext import bind_values

POINTER = "clustergraph-active"
_GENERATION = re.compile(r"^gen-(\d{6})$")


def _open(path: Path) -> OxStore:
    try:
        return OxStore(str(path))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreLockedError(str(path)) from None
        raise StoreError(f"cannot open the store at {path}: {err}") from None


class EmbeddedStore(Store):
    """A pyoxigraph store on disk, or in memory when ``location`` is ``None``.

    Parameters
    ----------
    location : str or Path, optional
        A folder. Created if missing. ``None`` (or ``":memory:"``) keeps everything in memory.
    """

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False) -> None:
        self.read_only = read_only
        self._snapshot_view = False
        self._changes = 0  # writes through this object (see generation())
        if location is None or str(location) == ":memory:":
            self.root: Path | None = None
            self.location = ":memory:"
            self._handle: OxStore | None = OxStore()
            self._active: Path | None = None
            return
        self.root = Path(location).expanduser()
        self.location = str(self.root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._active = self._resolve_active()
        self._handle = None  # opened on first use, so a rebuild never needs the active folder

    @property
    def _store(self) -> OxStore:
        if self._handle is None:
            assert self._active is not None
            try:
                self._handle = _open(self._active)
            except StoreLockedError:
                snapshot = self._newest_snapshot() if self.read_only else None
                if snapshot is None:
                    raise
                # A running `clustergraph serve` holds the store; read its latest snapshot.
                self._handle = OxStore.read_only(str(snapshot))
                self._snapshot_view = True
        return self._handle

    def _newest_snapshot(self) -> Path | None:
        folder = self.root / "snapshots" if self.root is not None else None
        if folder is None or not folder.is_dir():
            return None
        found = [p for p in folder.iterdir() if p.is_dir()]
        return max(found, key=lambda p: p.stat().st_mtime) if found else None

    def _writable(self) -> OxStore:
        self._changes += 1
        store = self._store
        if self._snapshot_view:
            raise ReadOnlyError(
                f"the store at {self.location} is held by a running server; this command can only"
                " read its latest snapshot. Stop the server to change the store, or send updates"
                " to it (CLUSTERGRAPH_UPDATES_ENABLED with a token)"
            )
        return store

    # --- generations ------------------------------------------------------------------------

    def _resolve_active(self) -> Path:
        assert self.root is not None
        pointer = self.root / POINTER
        if pointer.is_file():
            name = pointer.read_text().strip()
            if not _GENERATION.match(name) or not (self.root / name).is_dir():
                raise StoreError(
                    f"{pointer} names {name!r}, which is not a store generation in {self.root};"
                    " remove the folder and run `clustergraph build` again"
                )
            return self.root / name
        if (self.root / "CURRENT").is_file():  # a plain pyoxigraph folder
            return self.root
        first = self.root / "gen-000001"
        first.mkdir(exist_ok=True)
        self._write_pointer(first.name)
        return first

    def _write_pointer(self, name: str) -> None:
        assert self.root is not None
        tmp = self.root / f".{POINTER}.{os.getpid()}"
        tmp.write_text(name + "\n")
        os.replace(tmp, self.root / POINTER)

    def _generations(self) -> list[Path]:
        assert self.root is not None
        return sorted(p for p in self.root.iterdir() if p.is_dir() and _GENERATION.match(p.name))

    @property
    def native(self) -> OxStore:
        """The underlying :class:`pyoxigraph.Store` (for tools such as pyshacl)."""
        return self._store

    def refresh(self) -> bool:
        """Reopen the store if another process switched it to a newer generation.

        Returns whether it did.
        """
        if self.root is None or self._active == self.root:
            return False
        active = self._resolve_active()
        if active == self._active:
            return False
        self._handle = None
        self._active = active
        return True

    def generation(self) -> str:
        """The active generation folder (or the in-memory store) and the writes made since."""
        where = str(self._active) if self._active is not None else f":memory:{id(self)}"
        return f"{where}#{self._changes}"

    @property
    def active_location(self) -> Path | None:
        """The folder of the generation in use (``None`` in memory)."""
        return self._active

    # --- reading ----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        # Values are bound with an inline VALUES block (serialised terms), as on a remote
        # store: pyoxigraph's own substitutions demand the variable in the projection, which
        # an aggregating query does not have, and one mechanism gives the same answers on both.
        sparql = bind_values(sparql, bindings or {})
        kwargs: dict[str, object] = {}
        if default_graph is not None:
            kwargs["default_graph"] = [NamedNode(g) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
        try:
            answer = self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as err:
            raise QuerySyntaxError(f"SPARQL syntax error: {err.msg or err}") from None
        except OSError as err:
            raise StoreError(f"the store failed to answer: {err}") from None
        return convert(answer)

    def graphs(self) -> list[NamedNode]:
        names = [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]
        return sorted(
            (g for g in names if next(self._store.quads_for_pattern(None, None, None, g), None)),
            key=lambda g: g.value,
        )

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, NamedNode(graph)))

    def dump(self, fmt: RdfFormat = RdfFormat.N_QUADS) -> bytes:
        data = self._store.dump(format=fmt)
        assert data is not None
        return data

    # --- writing ----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql)
        except SyntaxError as err:
            raise QuerySyntaxError(f"SPARQL syntax error: {err.msg or err}") from None
        except OSError as err:
            raise StoreError(f"the update failed: {err}") from None

    def add(self, quads: Iterable[Quad]) -> None:
        self._writable().extend(quads)

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        # One SPARQL update is one transaction: drop and insert together.
        parts = [f"DROP SILENT GRAPH {NamedNode(g)}" for g in graphs]
        quads = [q for qs in graphs.values() for q in qs]
        if quads:
            parts.append(insert_data(quads))
        self.update(" ;\n".join(parts))
        for g in graphs:
            if not any(q.graph_name == NamedNode(g) for q in graphs[g]):
                self._store.remove_graph(NamedNode(g))

    def drop_graph(self, graph: str) -> None:
        node = NamedNode(graph)
        if self._writable().contains_named_graph(node):
            self._store.remove_graph(node)

    def clear(self) -> None:
        self._writable().clear()

    def replace_all(self, quads: Iterable[Quad]) -> None:
        """Replace the whole content; readers see the old content or the new, never a mix.

        On disk the new content is bulk-loaded into a fresh generation, which then becomes the
        active one; older generations that no process holds open are removed.
        """
        self._changes += 1
        if self.root is None or self._active == self.root:
            fresh = OxStore()
            fresh.extend(quads)
            if self.root is None:
                self._handle = fresh
            else:  # a plain pyoxigraph folder: one update, so one transaction
                self.update("CLEAR SILENT ALL ;\n" + insert_data(fresh.quads_for_pattern(None, None, None)))
            return
        assert self._active is not None
        number = max(int(_GENERATION.match(p.name).group(1)) for p in self._generations()) + 1  # type: ignore[union-attr]
        target = self.root / f"gen-{number:06d}"
        try:
            fresh = _open(target)
            fresh.bulk_extend(quads)
            fresh.flush()
            del fresh
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        previous = self._active
        self._write_pointer(target.name)
        self._handle = None
        self._active = target
        self._prune(keep={previous, target})

    @property
    def bulk_capable(self) -> bool:
        """Whether :meth:`bulk_add` can be used (an on-disk store with generations)."""
        return self.root is not None and self._active != self.root

    def bulk_add(
        self,
        files: Sequence[tuple[Path, RdfFormat, str]],
        *,
        extra: Sequence[Quad] = (),
        drop: Sequence[str] = (),
    ) -> None:
        """Add files straight from disk at bulk-load speed, all or nothing.

        The current content is checkpointed into a fresh generation (hard links, cheap), the
        graphs in ``drop`` are emptied there, each ``(path, format, graph)`` is bulk-loaded into
        it (triples into ``graph``, named graphs of quad formats kept), then ``extra`` quads are
        added and the new generation becomes the active one. A parse error (``SyntaxError``,
        with ``filename`` and ``lineno``) discards the fresh generation: the store is unchanged.
        """
        if not self.bulk_capable:
            raise StoreError("bulk_add needs an on-disk clustergraph store folder")
        assert self.root is not None
        number = max(int(_GENERATION.match(p.name).group(1)) for p in self._generations()) + 1  # type: ignore[union-attr]
        target = self.root / f"gen-{number:06d}"
        self._store.flush()
        self._store.backup(str(target))
        try:
            fresh = _open(target)
            for graph in drop:
                if fresh.contains_named_graph(NamedNode(graph)):
                    fresh.remove_graph(NamedNode(graph))
            for path, fmt, graph in files:
                fresh.bulk_load(
                    path=str(path), format=fmt, to_graph=NamedNode(graph), base_iri=path.resolve().as_uri()
                )
            fresh.extend(extra)
            fresh.flush()
            del fresh
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        previous = self._active
        self._write_pointer(target.name)
        self._handle = None
        self._active = target
        self._prune(keep={previous, target} - {None})  # type: ignore[arg-type]

    def _prune(self, keep: set[Path]) -> None:
        for generation in self._generations():
            if generation in keep:
                continue
            try:
                probe = OxStore(str(generation))  # fails if another process holds it
            except OSError:
                continue
            del probe
            shutil.rmtree(generation, ignore_errors=True)

    def snapshot(self, target: Path) -> Path:
        """Write a consistent, read-only copy of the current content to ``target`` (a new folder).

        RocksDB checkpoints share files by hard links, so this is cheap; readers in other
        processes can open the copy with ``pyoxigraph.Store.read_only`` while this store goes on
        writing, which they must never do on a folder that is being written.
        """
        if self.root is None:
            raise StoreError("an in-memory store has no snapshot on disk")
        self._store.flush()
        self._store.backup(str(target))
        return target

    def close(self) -> None:
        if self.root is None:
            return
        if self._handle is not None and not self._snapshot_view:
            self._handle.flush()
        # pyoxigraph releases the folder (and its lock) when the object goes away
        self._handle = None


def convert(answer: object) -> QueryResult:
    """Turn a pyoxigraph query answer into a :mod:`~clustergraph.store.results` value."""
    if isinstance(answer, QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(solution) for solution in answer]  # values in the order of the variables
        return SelectResult(variables, rows)
    if isinstance(answer, QueryBoolean):
        return AskResult(bool(answer))
    return GraphResult(list(answer))  # type: ignore[call-overload]


def insert_data(quads: Iterable[Quad]) -> str:
    """A SPARQL ``INSERT DATA`` update carrying the quads, each term in its N-Triples form.

    Terms are serialised by pyoxigraph, never pasted from text, so the update is well-formed
    whatever the values hold.

    >>> from pyoxigraph import Literal
    >>> print(insert_data([Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal('say "hi"'), NamedNode("http://e/g"))]))
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/p> "say \\"hi\\"" .
    }
    }
    """
    by_graph: dict[str, list[str]] = {}
    default: list[str] = []
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, NamedNode):
            by_graph.setdefault(str(q.graph_name), []).append(line)
        else:
            default.append(line)
    parts = ["INSERT DATA {"]
    parts += default
    for g, lines in by_graph.items():
        parts.append(f"GRAPH {g} {{")
        parts += lines
        parts.append("}")
    parts.append("}")
    return "\n".join(parts)
