"""The records of a store, read once per store generation and reused.

Reading the records is the costly part of a projection (a few large scans of the store); a
projection for other relation types or another year, an entry-point query, the gap report and
the network page all start from the same records. They are kept in memory per store and
generation: a store that can tell its generation (:meth:`Store.generation`, which changes with
every write and rebuild) gets its records read again when it changes; a store that cannot
(``None``) is read every time. The server keeps the records of its store warm this way.

An embedded store on disk also gets its records saved beside the generation
(:mod:`clustergraph.network.saved`), so a new process on the same generation (a CLI run, a
restarted server) reads them back instead of scanning the store.

>>> from clustergraph.network.example import example_store
>>> store = example_store()
>>> records_of(store) is records_of(store)
True
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from ..lookup.models import Kind, Resolved
from ..store.base import Store
from .readers import read_records
from .records import Records
from .saved import load, path_of, save
from .sources import TieSources

T = TypeVar("T")

#: Generations kept per store (the current one and the one before, for queries under way).
KEEP = 2

_lock = threading.Lock()
_by_store: weakref.WeakKeyDictionary[Store, dict[str, tuple[Records, TieSources]]] = weakref.WeakKeyDictionary()


def generation(store: Store) -> str | None:
    """The store's generation token, or ``None`` when it cannot tell."""
    return store.generation()


def _source(store: Store) -> Store:
    """Where the records are read: a served store's own store (no row cap for these fixed
    scans), else the store."""
    return store.unlimited()


def _read(store: Store, key: str) -> Records:
    """The records of generation ``key``: saved beside it, or read from the store (and saved)."""
    source = _source(store)
    path = path_of(source)
    if path is not None:
        found = load(path)
        if found is not None and generation(store) == key:
            return found
    records = read_records(source)
    if path is not None and generation(store) == key:  # not switched while reading
        with contextlib.suppress(OSError):  # a folder this process may not write: memory only
            save(records, path)
    return records


def _entry(store: Store) -> tuple[Records, TieSources]:
    key = generation(store)
    if key is None:
        records = read_records(_source(store))
        return records, TieSources(_source(store), records)
    with _lock:
        kept = _by_store.get(store)
        if kept is not None and key in kept:
            return kept[key]
    records = _read(store, key)  # outside the lock: other stores are not held up
    found = (records, TieSources(_source(store), records))
    with _lock:
        kept = _by_store.setdefault(store, {})
        kept[key] = found
        while len(kept) > KEEP:
            kept.pop(next(iter(kept)))
    return found


def records_of(store: Store) -> Records:
    """The records of ``store`` (read once per generation)."""
    return _entry(store)[0]


def sources_of(store: Store, records: Records) -> TieSources:
    """The tie sources of these records (shared with every projection of the same records)."""
    with _lock:
        for found, sources in (_by_store.get(store) or {}).values():
            if found is records:
                return sources
    return TieSources(_source(store), records)


def forget(store: Store) -> None:
    """Drop what is kept for ``store``."""
    with _lock:
        _by_store.pop(store, None)


#: Answers remembered per store generation (names resolved, ...), at most this many per store.
REMEMBERED = 512
_answers: weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...], Any]] = weakref.WeakKeyDictionary()


def remembered(store: Store, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, remembered for ``store``'s current generation under ``key`` (computed every
    time when the store cannot tell its generation). Errors are not remembered."""
    token = generation(store)
    if token is None:
        return compute()
    full = (token, *key)
    with _lock:
        kept = _answers.get(store)
        if kept is not None and full in kept:
            found: T = kept[full]
            return found
    value = compute()
    with _lock:
        kept = _answers.setdefault(store, {})
        kept[full] = value
        while len(kept) > REMEMBERED:
            kept.pop(next(iter(kept)))
    return value


def resolved(store: Store, text: str, kinds: tuple[Kind, ...], *, what: str) -> Resolved:
    """:func:`clustergraph.lookup.resolve`, remembered per store generation (a warm server
    resolves a name once)."""
    from ..lookup import resolve

    return remembered(store, ("resolve", text, kinds, what), lambda: resolve(store, text, kinds, what=what))
