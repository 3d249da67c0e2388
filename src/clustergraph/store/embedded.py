"""The embedded store: pyoxigraph on disk (immutable generations) or in memory.

On disk, a store location is a folder of generations (see :mod:`.generations` and
``docs/storage.md``): every read goes to a read-only handle on the active generation, which
follows the pointer when another process switches it; every write copies the active generation,
changes the copy and switches the pointer. So readers are never refused or shown half a write,
and a write never needs readers (a running server) to stop. A plain pyoxigraph folder given as
location is read as it is and refused for writing.

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
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    serialize,
)
from pyoxigraph import Store as OxStore

from .. import sparql as library_queries
from ..errors import QuerySyntaxError, ReadOnlyError, StoreError, StoreFullError
from ..namespaces import PREFIXES
from .answers import answer_error, convert
from .base import BulkFile, Store
from .generations import POINTER, Generations, Lease, is_disk_full
from .results import QueryResult, SelectResult, Term, ValueRows, term_value, tsv_values
from .sparqltext import bind_values, query_dataset

Change = Callable[[OxStore], None]
DEFAULT_WRITE_WAIT = 60.0


def write_wait() -> float:
    """Seconds a writer waits for another one: ``$CLUSTERGRAPH_WRITE_WAIT`` or 60."""
    try:
        return max(0.0, float(os.environ.get("CLUSTERGRAPH_WRITE_WAIT", DEFAULT_WRITE_WAIT)))
    except ValueError:
        return DEFAULT_WRITE_WAIT


def dataset_options(default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None) -> dict[str, Any]:
    """pyoxigraph's query keywords for a dataset (default: the union of the named graphs)."""
    options: dict[str, Any] = {}
    if default_graph is not None:
        options["default_graph"] = [NamedNode(g) for g in default_graph]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs is not None:
        options["named_graphs"] = [NamedNode(g) for g in named_graphs]
    return options


class EmbeddedStore(Store):
    """A pyoxigraph store on disk, or in memory when ``location`` is ``None``.

    Parameters
    ----------
    location : str or Path, optional
        A folder. Created if missing. ``None`` (or ``":memory:"``) keeps everything in memory.
    read_only : bool
        Refuse writes (reading is the same either way: it never blocks a writer).
    wait : float, optional
        Seconds a write waits for another process's write to finish (default
        ``$CLUSTERGRAPH_WRITE_WAIT`` or 60), then raises :class:`~clustergraph.errors.StoreBusyError`.
    """

    local = True

    def __init__(
        self, location: str | Path | None = None, *, read_only: bool = False, wait: float | None = None
    ) -> None:
        self.read_only = read_only
        self.wait = write_wait() if wait is None else wait
        self._lock = threading.RLock()
        self._handle: OxStore | None = None
        self._lease: Lease | None = None
        self._stamp: tuple[int, int] | None = None
        self._gens: Generations | None = None
        self._changes = 0  # writes to an in-memory store (see generation())
        if location is None or str(location) == ":memory:":
            self.root: Path | None = None
            self.location = ":memory:"
            self._handle = OxStore()
            return
        self.root = Path(location).expanduser()
        self.location = str(self.root)
        if (self.root / "CURRENT").is_file() and not (self.root / POINTER).exists():
            return  # a plain pyoxigraph folder
        self._gens = Generations(self.root)
        if self._gens.active() is None:
            # An empty store is created even for a read-only opener: that changes no content.
            read_only, self.read_only = self.read_only, False
            try:
                self._write(lambda store: None, fresh=True, what="creating the store")
            finally:
                self.read_only = read_only
        else:
            self._gens.tidy_if_idle()

    @property
    def worker_location(self) -> str | None:
        return None if self.root is None else self.location

    def generation(self) -> str:
        """The active generation folder (every write on disk makes a new one), or this in-memory
        store and the writes made to it."""
        if self.root is None:
            return f":memory:{id(self)}#{self._changes}"
        if self._gens is None:
            return self.location  # a plain pyoxigraph folder, only read
        active = self._gens.active()
        return str(active) if active is not None else f"{self.location}#empty"

    @property
    def active_location(self) -> Path | None:
        """The folder of the generation in use (``None`` in memory)."""
        if self._gens is None:
            return self.root
        self._reader()
        return self._lease.path if self._lease is not None else None

    def beside_generation(self, name: str) -> Path | None:
        """A file for what is derived from the generation in use (the search index), removed
        with it; ``None`` in memory or on a plain pyoxigraph folder (no generations)."""
        if self._gens is None:
            return None
        active = self.active_location
        return None if active is None else self._gens.derived_file(active, name)

    def refresh(self) -> bool:
        """Follow the pointer now if another process switched it; return whether it did. A
        store that holds no generation yet (nothing read) opens none."""
        if self._gens is not None and self._lease is None:
            return False
        before = self._lease.path if self._lease is not None else None
        self._reader()
        return self._lease is not None and self._lease.path != before

    # --- handles ----------------------------------------------------------------------------

    def _reader(self) -> OxStore:
        """The read-only handle on the active generation, reopened when the pointer moved."""
        if self._gens is None:
            if self._handle is None:
                assert self.root is not None
                self._handle = self._open_read_only(self.root)
            return self._handle
        stamp = self._gens.stamp()
        if self._handle is not None and stamp == self._stamp:
            return self._handle
        with self._lock:
            if self._handle is not None and stamp == self._stamp:
                return self._handle
            lease = self._gens.lease()
            if self._lease is not None and lease.path == self._lease.path and self._handle is not None:
                lease.release()
            else:
                try:
                    handle = self._open_read_only(lease.path)
                except BaseException:
                    lease.release()
                    raise
                old, self._lease, self._handle = self._lease, lease, handle
                if old is not None:
                    old.release()
                    self._gens.tidy()
            self._stamp = stamp
            return self._handle

    @staticmethod
    def _open_read_only(path: Path) -> OxStore:
        try:
            return OxStore.read_only(str(path))
        except OSError as err:
            raise StoreError(f"cannot open the store at {path}: {err}") from None

    def _write(self, change: Change, *, fresh: bool = False, isolate: bool = False, what: str = "a write") -> None:
        """Apply ``change`` to a copy of the active generation (or to an empty one) and switch.

        In memory, ``change`` runs on the store itself unless it is ``fresh`` (an empty store)
        or not atomic by itself (``isolate``: a copy); then the new store replaces the old one.
        """
        if self.read_only:
            raise ReadOnlyError(f"the store at {self.location} was opened read-only; open it for writing to change it")
        if self.root is None:
            assert self._handle is not None
            self._changes += 1
            if not (fresh or isolate):
                change(self._handle)
                return
            aside = OxStore()
            if isolate:
                aside.bulk_extend(self._handle)
            change(aside)
            self._handle = aside
            return
        if self._gens is None:
            raise ReadOnlyError(
                f"{self.location} is a plain pyoxigraph folder, which clustergraph only reads;"
                " load its dump into a clustergraph store (`clustergraph load dump.nq --store NEW`)"
            )
        with self._lock, self._gens.writing(wait=self.wait, what=f"{what}, {_command()}") as writer:
            active = writer.active
            target: Path | None = None
            try:
                target = writer.new_generation()
                if active is not None and not fresh:
                    source = self._handle if self._lease is not None and self._lease.path == active else None
                    (source or self._open_read_only(active)).backup(str(target))
                handle = OxStore(str(target))
                try:
                    change(handle)
                    handle.flush()
                finally:
                    del handle  # closes the folder: a published generation is never written again
                writer.publish(target)
            except BaseException as err:
                if target is not None and writer.active != target:
                    writer.discard(target)  # frees the space it took
                if is_disk_full(err):
                    raise StoreFullError(self.location) from None
                raise
        self._reader()

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
        # Values are bound with an inline VALUES block (serialised terms), as on a remote
        # store: pyoxigraph's own substitutions demand the variable in the projection, which
        # an aggregating query does not have, and one mechanism gives the same answers on both.
        text = bind_values(sparql, bindings or {})  # parses it: bad or too deep text stops here
        if default_graph is None and named_graphs is None:  # FROM / FROM NAMED name the dataset
            declared = PREFIXES if prefixes is None else prefixes
            default_graph, named_graphs = query_dataset(sparql, declared) or (None, None)
        answer = self.evaluate(text, default_graph=default_graph, named_graphs=named_graphs, prefixes=prefixes)
        try:
            return convert(answer)
        except (OSError, RuntimeError) as err:
            raise answer_error(err) from None

    def values(self, sparql: str, *, bindings: Mapping[str, Term] | None = None) -> ValueRows:
        """The rows as plain strings, split from pyoxigraph's TSV of the solutions (no term objects)."""
        text = bind_values(sparql, bindings or {})
        default_graph, named_graphs = query_dataset(sparql, PREFIXES) or (None, None)
        answer = self.evaluate(text, default_graph=default_graph, named_graphs=named_graphs)
        if not isinstance(answer, QuerySolutions):
            raise TypeError("values() needs a SELECT query")
        try:
            data = answer.serialize(format=QueryResultsFormat.TSV) or b""
        except (OSError, RuntimeError) as err:
            raise answer_error(err) from None
        return tsv_values(data.decode("utf-8"))

    def evaluate(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QuerySolutions | QueryBoolean | QueryTriples:
        """Start a query and return pyoxigraph's lazy answer (for its serialisers, in ``store/``)."""
        options = dataset_options(default_graph, named_graphs)
        try:
            return self._reader().query(sparql, prefixes=dict(PREFIXES if prefixes is None else prefixes), **options)
        except SyntaxError as err:
            raise QuerySyntaxError(f"SPARQL syntax error: {err.msg or err}") from None
        except (OSError, RuntimeError) as err:
            raise answer_error(err) from None

    def graphs(self) -> list[NamedNode]:
        return [NamedNode(g) for g in self.graph_counts()]

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._reader())
        result = self.query(library_queries.load("store-graph-size"), bindings={"g": NamedNode(graph)}, prefixes={})
        assert isinstance(result, SelectResult)
        value = result.rows[0][0] if result.rows else None
        return int(term_value(value)) if value is not None else 0

    def is_empty(self) -> bool:
        return next(iter(self._reader()), None) is None

    def dump(self, out: BinaryIO, fmt: RdfFormat = RdfFormat.N_QUADS, *, graphs: Sequence[str] | None = None) -> None:
        store = self._reader()
        if graphs is None:
            store.dump(out, format=fmt)
            return
        for graph in graphs:
            serialize(store.quads_for_pattern(None, None, None, NamedNode(graph)), out, format=fmt)

    # --- writing ----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        def change(store: OxStore) -> None:
            store.update(sparql, prefixes=dict(PREFIXES))

        try:
            self._write(change, what="an update")
        except SyntaxError as err:
            raise QuerySyntaxError(f"SPARQL syntax error: {err.msg or err}") from None
        except (OSError, RuntimeError) as err:
            raise answer_error(err, "the update") from None

    def add(self, quads: Iterable[Quad]) -> None:
        if self.root is None:
            self._write(lambda store: store.extend(quads))
        else:  # a private copy: bulk speed, and the pointer switch makes it all or nothing
            self._write(lambda store: store.bulk_extend(quads), what="adding quads")

    def replace_graphs(self, graphs: Mapping[str, Sequence[Quad]]) -> None:
        def change(store: OxStore) -> None:
            for g in graphs:
                if store.contains_named_graph(NamedNode(g)):
                    store.remove_graph(NamedNode(g))
            store.bulk_extend(q for qs in graphs.values() for q in qs)

        self._write(change, isolate=True, what="replacing graphs")

    def replace_all(self, quads: Iterable[Quad]) -> None:
        self._write(lambda store: store.bulk_extend(quads), fresh=True, what="replacing the content")

    def bulk_load(self, files: Sequence[BulkFile], *, extra: Sequence[Quad] = (), drop: Sequence[str] = ()) -> None:
        # On disk the copy is private until the switch, so pyoxigraph's (not atomic) bulk
        # loader is safe; in memory the change runs on a copy (``isolate``) for the same reason.
        def change(store: OxStore) -> None:
            for graph in drop:
                if store.contains_named_graph(NamedNode(graph)):
                    store.remove_graph(NamedNode(graph))
            for path, fmt, graph in files:
                try:
                    store.bulk_load(
                        path=str(path), format=fmt, to_graph=NamedNode(graph), base_iri=path.resolve().as_uri()
                    )
                except SyntaxError as err:
                    err.filename = err.filename or str(path)
                    raise
            store.bulk_extend(extra)

        self._write(change, isolate=True, what="loading files")

    def drop_graph(self, graph: str) -> None:
        node = NamedNode(graph)
        if self.read_only or self._reader().contains_named_graph(node):
            self._write(lambda store: store.remove_graph(node), what="dropping a graph")

    def clear(self) -> None:
        self._write(lambda store: None, fresh=True, what="clearing the store")

    # --- life cycle -------------------------------------------------------------------------

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "root", None) is None or not hasattr(self, "_lock"):
            return
        with self._lock:
            self._handle = None  # pyoxigraph releases the folder when the object goes away
            if self._lease is not None:
                self._lease.release()
                self._lease = None
            self._stamp = None


def _command() -> str:
    import sys

    words = [os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python", *sys.argv[1:3]]
    return " ".join(w for w in words if w)[:80]
