"""The projection's records saved beside a store generation, so a new process skips the scans.

Reading the records (:func:`clustergraph.network.readers.read_records`) is most of a cold
projection's time. An embedded store's generations never change once published, so what was
read from one is written next to it, as the search index is
(:mod:`clustergraph.lookup.index`): ``.gen-000042.network.npz`` beside ``gen-000042/``, removed
with the generation (:class:`clustergraph.store.generations.Generations`). A later process (a
CLI run, a restarted server, each server worker) on the same generation reads the arrays back
instead of scanning the store. In-memory stores and remote servers keep their records in memory
only (:mod:`clustergraph.network.cache`).

The file is a plain NumPy archive read with ``allow_pickle=False`` (nothing in it runs code on
load): every string (IRIs, labels, dates as stated) is interned once into a table stored as one
UTF-8 array and the length of each string; every record field is an array of string ids, the
list fields a pointer array and a flat array of ids, as a CSR matrix keeps its rows. A file that
does not read back (damaged, cut short, of another layout :data:`VERSION`, or made for another
generation) is ignored, and the records are read from the store and saved again.

>>> import tempfile
>>> from pathlib import Path
>>> from clustergraph.network.example import example_store
>>> from clustergraph.network.readers import read_records
>>> records = read_records(example_store())
>>> path = Path(tempfile.mkdtemp()) / ".gen-000001.network.npz"
>>> save(records, path)
>>> back = load(path)
>>> back is not None and back.actors == records.actors and back.ties == records.ties
True
"""

from __future__ import annotations

import contextlib
import os
import threading
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..store.base import Store
from .records import Actor, Affiliation, ContactPoint, Link, Place, Records
from .ties import TieTable

#: The file beside a generation that holds its records.
FILE_NAME = "network.npz"
#: Bumped whenever what is saved changes: a file of another version is read again from the store.
VERSION = 1

Ids = npt.NDArray[np.int32]


def path_of(store: Store) -> Path | None:
    """Where the records of ``store``'s current generation are saved, or ``None`` when the store
    has no generation folder on disk (in memory, a plain folder, a remote server)."""
    method: Any = getattr(store, "beside_generation", None)
    found: Path | None = method(FILE_NAME) if callable(method) else None
    return found


class _Strings:
    """Strings interned into a table, each given an id once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def one(self, text: str | None) -> int:
        """The id of ``text`` (``-1`` for ``None``)."""
        if text is None:
            return -1
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = len(self.ids)
        return found

    def column(self, texts: Iterable[str | None]) -> Ids:
        """The ids of ``texts`` as an array."""
        return np.array([self.one(t) for t in texts], dtype=np.int32)

    def lists(self, rows: Iterable[Sequence[str]]) -> tuple[npt.NDArray[np.int64], Ids]:
        """Lists of strings as a pointer array and the flat ids (row ``i`` is
        ``flat[ptr[i]:ptr[i+1]]``)."""
        lengths, flat = [0], list[int]()
        for row in rows:
            lengths.append(len(row))
            flat.extend(self.one(t) for t in row)
        return np.cumsum(lengths, dtype=np.int64), np.array(flat, dtype=np.int32)

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The table: every string's length (in code points) and their UTF-8 text, joined."""
        texts = list(self.ids)
        blob = "".join(texts).encode("utf-8", "surrogatepass")
        return {
            "strings.lengths": np.array([len(t) for t in texts], dtype=np.int64),
            "strings.text": np.frombuffer(blob, dtype=np.uint8),
        }


def _arrays(records: Records) -> dict[str, npt.NDArray[Any]]:
    s = _Strings()
    out: dict[str, npt.NDArray[Any]] = {"iris": s.column(records.iris)}
    actors = list(records.actors.values())
    out["actors.iri"] = s.column(a.iri for a in actors)
    out["actors.label"] = s.column(a.label for a in actors)
    for name in ("types", "places", "sectors", "serves", "aliases"):
        out[f"actors.{name}.ptr"], out[f"actors.{name}"] = s.lists(getattr(a, name) for a in actors)
    affs = list(records.affiliations.values())
    out["affiliations.iri"] = s.column(a.iri for a in affs)
    out["affiliations.label"] = s.column(a.label for a in affs)
    out["affiliations.start"] = s.column(a.start for a in affs)
    out["affiliations.end"] = s.column(a.end for a in affs)
    for name in ("types", "markets", "sectors"):
        out[f"affiliations.{name}.ptr"], out[f"affiliations.{name}"] = s.lists(getattr(a, name) for a in affs)
    t = records.ties
    out["ties.nodes"] = s.column(t.nodes)
    for name in ("actor", "target", "kind", "relation", "start", "end"):
        out[f"ties.{name}"] = getattr(t, name)
    out["links.part"] = s.column(link.part for link in records.links)
    out["links.link"] = s.column(link.link for link in records.links)
    out["links.whole"] = s.column(link.whole for link in records.links)
    places = list(records.places.values())
    out["places.iri"] = s.column(p.iri for p in places)
    out["places.label"] = s.column(p.label for p in places)
    out["places.has_lat"] = np.array([p.lat is not None for p in places], dtype=bool)
    out["places.has_long"] = np.array([p.long is not None for p in places], dtype=bool)
    out["places.lat"] = np.array([p.lat or 0.0 for p in places], dtype=np.float64)
    out["places.long"] = np.array([p.long or 0.0 for p in places], dtype=np.float64)
    for name in ("parents", "codes"):
        out[f"places.{name}.ptr"], out[f"places.{name}"] = s.lists(getattr(p, name) for p in places)
    contacts = list(records.contacts.values())
    out["contacts.iri"] = s.column(c.iri for c in contacts)
    out["contacts.label"] = s.column(c.label for c in contacts)
    out["contacts.type"] = s.column(c.type for c in contacts)
    for name in ("answers_for", "of"):
        out[f"contacts.{name}.ptr"], out[f"contacts.{name}"] = s.lists(getattr(c, name) for c in contacts)
    out.update(s.arrays())
    return out


def save(records: Records, path: Path) -> None:
    """Write ``records`` to ``path`` (written beside it and renamed, so no reader sees half a
    file).

    Raises
    ------
    OSError
        When the folder cannot be written (the caller keeps the records in memory only).
    """
    arrays = _arrays(records)
    arrays["meta.version"] = np.array([VERSION], dtype=np.int64)
    arrays["meta.name"] = np.frombuffer(path.name.encode(), dtype=np.uint8)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            np.savez(handle, allow_pickle=False, **arrays)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


class _Table:
    """The string table and arrays of a saved file, read back."""

    def __init__(self, data: dict[str, npt.NDArray[Any]]) -> None:
        self.data = data
        text = bytes(data["strings.text"]).decode("utf-8", "surrogatepass")
        ends = np.cumsum(data["strings.lengths"]).tolist()
        if (ends[-1] if ends else 0) != len(text):
            raise ValueError("the string table does not add up")
        starts = [0, *ends[:-1]]
        self.strings = [text[a:b] for a, b in zip(starts, ends, strict=True)]

    def column(self, name: str) -> list[str]:
        strings = self.strings
        return [strings[i] for i in self.data[name].tolist()]

    def optional(self, name: str) -> list[str | None]:
        strings = self.strings
        return [None if i < 0 else strings[i] for i in self.data[name].tolist()]

    def lists(self, name: str) -> list[list[str]]:
        strings = self.strings
        flat = [strings[i] for i in self.data[name].tolist()]
        ptr = self.data[f"{name}.ptr"].tolist()
        return [flat[ptr[i] : ptr[i + 1]] for i in range(len(ptr) - 1)]


def _records(t: _Table) -> Records:
    d = t.data
    fields = zip(
        t.column("actors.iri"),
        t.column("actors.label"),
        *(t.lists(f"actors.{name}") for name in ("types", "places", "sectors", "serves", "aliases")),
        strict=True,
    )
    actors = {f[0]: Actor(*f) for f in fields}
    fields = zip(
        t.column("affiliations.iri"),
        t.column("affiliations.label"),
        t.lists("affiliations.types"),
        t.optional("affiliations.start"),
        t.optional("affiliations.end"),
        t.lists("affiliations.markets"),
        t.lists("affiliations.sectors"),
        strict=True,
    )
    affiliations = {f[0]: Affiliation(*f) for f in fields}
    columns = ("actor", "target", "kind", "relation", "start", "end")
    ties = TieTable(t.column("ties.nodes"), *(d[f"ties.{n}"] for n in columns))
    if len({len(getattr(ties, n)) for n in ("nodes", *columns)}) != 1:
        raise ValueError("the tie arrays differ in length")
    ends = (t.column("links.part"), t.column("links.link"), t.column("links.whole"))
    links = [Link(*f) for f in zip(*ends, strict=True)]
    lat = [x if has else None for x, has in zip(d["places.lat"].tolist(), d["places.has_lat"].tolist(), strict=True)]
    long = [x if has else None for x, has in zip(d["places.long"].tolist(), d["places.has_long"].tolist(), strict=True)]
    fields = zip(
        t.column("places.iri"), t.column("places.label"), t.lists("places.parents"), lat, long, t.lists("places.codes"),
        strict=True,
    )
    places = {f[0]: Place(*f) for f in fields}
    fields = zip(
        t.column("contacts.iri"),
        t.column("contacts.label"),
        t.column("contacts.type"),
        t.lists("contacts.answers_for"),
        t.lists("contacts.of"),
        strict=True,
    )
    contacts = {f[0]: ContactPoint(*f) for f in fields}
    iris = t.column("iris")
    if iris[: len(actors)] != list(actors) or len(iris) != len(actors) + sum(a not in actors for a in affiliations):
        raise ValueError("the node ids do not match the records")
    n = len(iris)
    if len(ties) and (int(ties.actor.max()) >= len(actors) or int(ties.target.max()) >= n or int(ties.actor.min()) < 0
                      or int(ties.target.min()) < 0):
        raise ValueError("a tie points outside the nodes")
    return Records(actors=actors, affiliations=affiliations, ties=ties, links=links, places=places,
                   contacts=contacts, iris=iris)


def load(path: Path) -> Records | None:
    """The records saved at ``path``, or ``None`` when there is no such file or it does not read
    back as records of this version made for this file (the caller reads the store again)."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            data = {name: archive[name] for name in archive.files}
        if int(data["meta.version"][0]) != VERSION or bytes(data["meta.name"]).decode() != path.name:
            return None
        return _records(_Table(data))
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError, zipfile.BadZipFile):
        return None
