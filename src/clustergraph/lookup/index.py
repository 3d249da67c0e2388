"""The search index: the labels of one store generation in SQLite, searched without scanning.

:func:`~clustergraph.lookup.search` answers from this index when the store can tell its
generation (:meth:`Store.generation <clustergraph.store.base.Store.generation>`); a store that
cannot (a remote SPARQL server) is searched with ``lookup-search.rq`` instead. The index holds,
for every entity with a label, alias or code: the name to show, its kind, types and regions, and
each label folded (case folded, accents removed: ``zurich`` finds *Zürich*). It is built with
three scans of the store (``lookup-index-*.rq``) on the first search of a generation and kept

- on disk beside an embedded store's generation (``.gen-000042.search.sqlite``, removed with the
  generation), so every later process (the CLI, each server worker) opens it at once;
- in memory for an in-memory store or a read-only folder, until the store changes.

A search reads three streams, each in the order of the folded labels (the rows are numbered in
that order when the index is built, so no stream is sorted at query time): labels and codes
equal to the text (a B-tree lookup), labels that start with it (a B-tree range), labels that
contain it (FTS5's ``trigram`` tokenizer; a text of one or two characters, which trigrams cannot
look up, is matched by a scan that stops at the limit). It stops once it has ``limit`` entities.

SQLite is in Python's standard library and FTS5 in every SQLite build Python ships; a search
engine library (tantivy, Whoosh) would add a dependency for what three indexed streams do here.

>>> from clustergraph.network.example import example_store
>>> index = SearchIndex.build(example_store())
>>> [(m.name, m.match) for m in index.search("alpha")]
[('Alpha Cluster', 'exact'), ('Alpha Cluster Japan desk', 'prefix')]
>>> [m.name for m in index.search("ES51")], len(index) > 0
(['Catalonia'], True)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import Literal

from .. import sparql
from ..namespaces import CG, ID, RDFS, SKOS
from ..store.base import Store
from ..store.results import SelectResult
from ..terms import compact, pick_label
from .models import MATCH_QUALITIES, Kind, Match, MatchQuality, Region

#: The properties whose values are codes: matched whole, never in part.
CODE_PROPERTIES = frozenset({CG + "iso3166Code", CG + "nutsCode"})
#: The properties whose values name an entity (else its aliases do).
NAME_PROPERTIES = frozenset({RDFS + "label", SKOS + "prefLabel"})
#: The file beside a generation that holds its index.
FILE_NAME = "search.sqlite"
#: Bumped when the layout of the index changes: an index of another version is built again.
VERSION = 1

#: The start of a label stream: each matching label's entity and kind.
_ROWS = "SELECT l.entity, e.kind FROM label l JOIN entity e ON e.id = l.entity "

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE entity(id INTEGER PRIMARY KEY, iri TEXT NOT NULL, name TEXT NOT NULL, kind TEXT,
                    types TEXT NOT NULL, regions TEXT NOT NULL);
CREATE TABLE label(id INTEGER PRIMARY KEY, entity INTEGER NOT NULL, label TEXT NOT NULL,
                   folded TEXT NOT NULL, code INTEGER NOT NULL);
CREATE VIRTUAL TABLE label_text USING fts5(folded, content='', tokenize='trigram');
"""
_INDEXES = """
CREATE INDEX label_by_folded ON label(folded, id);
CREATE INDEX label_by_entity ON label(entity);
"""


def fold(text: str) -> str:
    """A text as the index compares it: case folded, accents removed, spaces trimmed.

    >>> fold("  Zürich "), fold("ÎLE-DE-FRANCE"), fold("Straße")
    ('zurich', 'ile-de-france', 'strasse')
    """
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def quality(folded_label: str, needle: str) -> MatchQuality:
    """How well a folded label matches a folded text.

    >>> quality("biocat", "biocat"), quality("biopmed", "bio"), quality("lyonbiopole", "bio")
    ('exact', 'prefix', 'substring')
    """
    return "exact" if folded_label == needle else "prefix" if folded_label.startswith(needle) else "substring"


class SearchIndex:
    """The labels of one store generation, searchable (see the module's description).

    Use :meth:`build` to make one from a store, :meth:`open` to open one built before, and
    :func:`index_of` for the index of a store's current generation.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()  # one connection, shared by the server's threads

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, store: Store, path: Path | None = None) -> SearchIndex:
        """Read the labels of ``store`` into a new index, in memory or written to ``path``
        (built in a temporary file beside it and renamed, so no reader sees half an index)."""
        entities = _read_entities(store)
        if path is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            _fill(db, entities)
            return cls(db)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            db = sqlite3.connect(tmp)
            try:
                _fill(db, entities)
                db.execute("PRAGMA journal_mode=DELETE")
            finally:
                db.close()
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open an index written by :meth:`build`, read-only.

        Raises
        ------
        sqlite3.DatabaseError
            When ``path`` is no index of this version (it is then built again).
        """
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        if row is None or row[0] != str(VERSION):
            db.close()
            raise sqlite3.DatabaseError(f"{path} is a search index of another version")
        return cls(db)

    def close(self) -> None:
        """Close the index's connection."""
        self._db.close()

    def __len__(self) -> int:
        """The number of labels, aliases and codes indexed."""
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM label").fetchone()[0])

    # --- searching --------------------------------------------------------------------------

    def search(self, text: str, *, limit: int | None = 20, kinds: tuple[Kind, ...] | None = None) -> list[Match]:
        """The entities ``text`` names, best matches first (as :func:`~clustergraph.lookup.search`).

        Within one quality (exact, prefix, substring), entities come in the order of the label
        that matched (folded), then of the name shown, then of the IRI.
        """
        needle = fold(text)
        if not needle:
            return []
        with self._lock:
            found: dict[int, MatchQuality] = {}
            for match, rows in self._streams(needle):
                for entity, kind in rows:
                    if entity in found or (kinds is not None and kind not in kinds):
                        continue
                    found[entity] = match
                    if limit is not None and len(found) >= limit:
                        break
                if limit is not None and len(found) >= limit:
                    break
            return self._matches(found, needle)

    def _streams(self, needle: str) -> Iterator[tuple[MatchQuality, Iterator[tuple[int, str | None]]]]:
        db = self._db
        yield "exact", db.execute(_ROWS + "WHERE l.folded = ? ORDER BY l.folded, l.id", (needle,))
        yield "prefix", db.execute(
            _ROWS + "WHERE l.folded > ? AND l.folded < ? AND l.code = 0 ORDER BY l.folded, l.id",
            (needle, needle + "\U0010ffff"),
        )
        if len(needle) >= 3:
            phrase = '"' + needle.replace('"', '""') + '"'
            yield "substring", db.execute(
                "SELECT l.entity, e.kind FROM label_text t JOIN label l ON l.id = t.rowid "
                "JOIN entity e ON e.id = l.entity WHERE label_text MATCH ? ORDER BY t.rowid",
                (phrase,),
            )
        else:
            yield "substring", db.execute(_ROWS + "WHERE l.code = 0 AND instr(l.folded, ?) > 0 ORDER BY l.id",
                                          (needle,))

    def _matches(self, found: dict[int, MatchQuality], needle: str) -> list[Match]:
        if not found:
            return []
        ids = json.dumps(list(found))  # bound as one JSON array (json_each), whatever its length
        entities = {row[0]: row for row in self._db.execute(
            "SELECT id, iri, name, kind, types, regions FROM entity WHERE id IN (SELECT value FROM json_each(?))",
            (ids,))}
        matched: dict[int, dict[str, MatchQuality]] = defaultdict(dict)
        for entity, label, folded, code in self._db.execute(
            "SELECT entity, label, folded, code FROM label WHERE entity IN (SELECT value FROM json_each(?))"
            " ORDER BY id", (ids,)
        ):
            if code:
                if folded == needle:
                    matched[entity].setdefault(label, "exact")
            elif needle in folded:
                matched[entity].setdefault(label, quality(folded, needle))
        out = []
        for entity, match in found.items():
            _, iri, name, kind, types, regions = entities[entity]
            labels = matched[entity]
            out.append(Match(
                iri=iri, name=name, kind=kind, match=match,
                matched_labels=sorted(labels, key=lambda label: (MATCH_QUALITIES.index(labels[label]), label)),
                types=json.loads(types),
                regions=[Region(iri=r, name=n) for r, n in json.loads(regions)],
            ))
        return out


# --- reading a store ------------------------------------------------------------------------


class _Entity:
    __slots__ = ("aliases", "iri", "kind", "labels", "names", "regions", "types")

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.labels: list[tuple[str, bool]] = []  # (text, is a code)
        self.names: set[tuple[str, str]] = set()
        self.aliases: set[tuple[str, str]] = set()
        self.types: set[str] = set()
        self.regions: dict[str, set[tuple[str, str]]] = {}
        self.kind: Kind | None = None

    def name(self) -> str:
        return pick_label(self.names or self.aliases, compact(self.iri))


def _select(store: Store, name: str) -> Iterator[tuple[Any, ...]]:
    result = store.query(sparql.load(name), bindings={"base": Literal(ID)})
    if not isinstance(result, SelectResult):  # pragma: no cover - the .rq files are SELECTs
        raise TypeError(f"{name}.rq does not return a table of rows")
    return iter(result.rows)


def _read_entities(store: Store) -> dict[str, _Entity]:
    from .matching import class_kinds, kind_of

    entities: dict[str, _Entity] = {}
    for entity, prop, label in _select(store, "lookup-index-labels"):
        found = entities.get(entity.value)
        if found is None:
            found = entities[entity.value] = _Entity(entity.value)
        code = prop.value in CODE_PROPERTIES
        found.labels.append((label.value, code))
        if not code:
            pair = (label.value, label.language or "")
            (found.names if prop.value in NAME_PROPERTIES else found.aliases).add(pair)
    for entity, cls in _select(store, "lookup-index-types"):
        found = entities.get(entity.value)
        if found is not None:
            found.types.add(cls.value)
    for entity, region, region_name in _select(store, "lookup-index-regions"):
        found = entities.get(entity.value)
        if found is not None:
            names = found.regions.setdefault(region.value, set())
            if isinstance(region_name, Literal):
                names.add((region_name.value, region_name.language or ""))
    kinds = class_kinds(store)
    for found in entities.values():
        found.kind = kind_of(sorted(found.types), kinds)
    return entities


def _fill(db: sqlite3.Connection, entities: dict[str, _Entity]) -> None:
    """Write the index: entities numbered by (name, IRI), labels by (folded label, entity)."""
    db.executescript(_SCHEMA)
    ordered = sorted(entities.values(), key=lambda e: (e.name().casefold(), e.iri))
    number = {e.iri: i for i, e in enumerate(ordered, 1)}
    db.executemany(
        "INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?)",
        ((number[e.iri], e.iri, e.name(), e.kind, json.dumps(sorted(e.types)),
          json.dumps([[r, pick_label(n, "") or None] for r, n in sorted(e.regions.items())]))
         for e in ordered),
    )
    labels = sorted(
        ((fold(text), number[e.iri], text, code) for e in ordered for text, code in dict.fromkeys(e.labels)),
    )
    db.executemany("INSERT INTO label VALUES (?, ?, ?, ?, ?)",
                   ((i, entity, text, folded, int(code)) for i, (folded, entity, text, code) in enumerate(labels, 1)))
    db.execute("INSERT INTO label_text(rowid, folded) SELECT id, folded FROM label WHERE code = 0")
    db.executescript(_INDEXES)
    db.execute("INSERT INTO meta VALUES ('version', ?)", (str(VERSION),))
    db.commit()


# --- the index of a store's generation ------------------------------------------------------

_lock = threading.Lock()
_building = threading.Lock()  # one build at a time: concurrent first searches wait for it
_in_memory: weakref.WeakKeyDictionary[Store, tuple[str, SearchIndex]] = weakref.WeakKeyDictionary()
_on_disk: dict[Path, SearchIndex] = {}


def index_of(store: Store) -> SearchIndex | None:
    """The index of ``store``'s current generation, built on first use; ``None`` when the store
    cannot tell its generation (then nothing could tell when an index is out of date)."""
    token = store.generation()
    if token is None:
        return None
    source = store.unlimited()
    path = _path_of(source)
    if path is not None:
        return _disk_index(source, path, token)
    with _building:
        with _lock:
            kept = _in_memory.get(store)
            if kept is not None and kept[0] == token:
                return kept[1]
        index = SearchIndex.build(source)
        with _lock:
            _in_memory[store] = (token, index)
        return index


def _path_of(store: Store) -> Path | None:
    method: Any = getattr(store, "beside_generation", None)
    return method(FILE_NAME) if callable(method) else None


def _disk_index(store: Store, path: Path, token: str) -> SearchIndex:
    with _lock:
        index = _on_disk.get(path)
        if index is not None:
            return index
    with _building:
        return _open_or_build(store, path, token)


def _open_or_build(store: Store, path: Path, token: str) -> SearchIndex:
    with _lock:
        index = _on_disk.get(path)
        if index is not None:
            return index
    if path.exists():
        try:
            index = SearchIndex.open(path)
        except sqlite3.DatabaseError:
            index = None
    if index is None:
        try:
            index = SearchIndex.build(store, path)
        except OSError:  # a folder this process may not write: keep the index in memory
            index = SearchIndex.build(store)
        if store.generation() != token:  # switched while reading: this index may be newer
            with contextlib.suppress(OSError):
                path.unlink()
            return index
    with _lock:  # an older generation's index is dropped (closed once no search holds it)
        for old in [p for p in _on_disk if p.parent == path.parent and p != path]:
            del _on_disk[old]
        _on_disk[path] = index
    return index
