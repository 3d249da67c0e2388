"""Immutable store generations in one folder: the pointer, the write lock and the reader leases.

A store folder holds generations (``gen-000001/`` ..., each a pyoxigraph/RocksDB folder) and a
pointer file, ``clustergraph-active``, naming the one readers use. A published generation is never
written again, so any number of processes may open it with ``pyoxigraph.Store.read_only``.

- **Writers** take an exclusive ``flock`` on ``clustergraph-write.lock`` (a second writer waits,
  then gives up with a message naming the holder), copy the active generation (a RocksDB
  checkpoint: hard links), change the copy, flush it, close it and switch the pointer with an
  atomic rename. Killed at any moment, a writer leaves the old generation active and at most an
  unfinished folder, which the next writer or reader removes.
- **Readers** take a shared ``flock`` on the generation's lease file (``.gen-000001.readers``)
  while they hold it open, and follow the pointer. A generation that is not active and that no
  reader holds is removed.

See ``docs/storage.md`` for the picture.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> gens = Generations(root)
>>> with gens.writing(wait=1.0, what="a doctest") as w:
...     target = w.new_generation()
...     target.mkdir()
...     w.publish(target)
>>> gens.active().name
'gen-000001'
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreBusyError, StoreError

POINTER = "clustergraph-active"
WRITE_LOCK = "clustergraph-write.lock"
LEASE_SUFFIX = ".readers"
_GENERATION = re.compile(r"^gen-(\d{6})$")
_LEGACY = ("snapshots",)  # what earlier versions left beside the generations

log = logging.getLogger("clustergraph.store")


def generation_number(path: Path) -> int:
    """The number of a generation folder (``gen-000042`` -> 42)."""
    match = _GENERATION.match(path.name)
    if match is None:
        raise ValueError(f"{path} is not a generation folder")
    return int(match.group(1))


@dataclass
class Lease:
    """A reader's hold on one generation: a shared lock on its lease file."""

    path: Path
    fd: int

    def release(self) -> None:
        """Let go of the generation (a writer may then remove it once it is not active)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class Writer:
    """What a writer may do while it holds the write lock (see :meth:`Generations.writing`)."""

    def __init__(self, gens: Generations) -> None:
        self._gens = gens

    @property
    def active(self) -> Path | None:
        """The active generation (stable while the lock is held), ``None`` before the first."""
        return self._gens.active()

    def new_generation(self) -> Path:
        """The path of the next generation (not created) and its lease file (created)."""
        numbers = [generation_number(p) for p in self._gens.generations()]
        target = self._gens.root / f"gen-{max(numbers, default=0) + 1:06d}"
        self._gens.lease_file(target).touch()
        return target

    def publish(self, generation: Path) -> None:
        """Make ``generation`` the active one (atomic rename of the pointer), then tidy up."""
        self._gens.write_pointer(generation.name)
        self._gens.tidy(include_newer=True)

    def discard(self, generation: Path) -> None:
        """Remove an unfinished generation."""
        shutil.rmtree(generation, ignore_errors=True)
        with contextlib.suppress(OSError):
            self._gens.lease_file(generation).unlink()


class Generations:
    """The generations, pointer and locks of one store folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # --- what is there ----------------------------------------------------------------------

    def generations(self) -> list[Path]:
        """Every generation folder, oldest first."""
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if p.is_dir() and _GENERATION.match(p.name))

    def active(self) -> Path | None:
        """The generation the pointer names, or ``None`` when there is none yet."""
        pointer = self.root / POINTER
        try:
            name = pointer.read_text().strip()
        except FileNotFoundError:
            return None
        if not _GENERATION.match(name) or not (self.root / name).is_dir():
            raise StoreError(
                f"{pointer} names {name!r}, which is not a store generation in {self.root};"
                " restore the folder from a backup, or remove it and run `clustergraph build`"
            )
        return self.root / name

    def stamp(self) -> tuple[int, int]:
        """Changes whenever the pointer is switched (cheap: one ``stat``)."""
        try:
            info = os.stat(self.root / POINTER)
        except FileNotFoundError:
            return (0, 0)
        return (info.st_ino, info.st_mtime_ns)

    def derived_file(self, generation: Path, name: str) -> Path:
        """A file that holds what was derived from ``generation`` (``.gen-000001.<name>``: the
        search index); it is removed with the generation."""
        return generation.with_name(f".{generation.name}.{name}")

    def lease_file(self, generation: Path) -> Path:
        """The file readers of ``generation`` lock (shared) while they hold it."""
        return generation.with_name("." + generation.name + LEASE_SUFFIX)

    # --- readers ----------------------------------------------------------------------------

    def lease(self) -> Lease:
        """Hold the active generation for reading; it is not removed until released."""
        for _ in range(100):
            active = self.active()
            if active is None:
                raise StoreError(f"the store at {self.root} has no generation yet")
            try:
                fd = os.open(self.lease_file(active), os.O_RDONLY)
            except FileNotFoundError:
                try:  # a generation from before lease files, or one whose lease file was lost
                    fd = os.open(self.lease_file(active), os.O_RDONLY | os.O_CREAT, 0o644)
                except OSError:
                    continue
            except OSError:  # e.g. a read-only file system: read without a lease
                return Lease(active, -1)
            fcntl.flock(fd, fcntl.LOCK_SH)
            if self.active() == active and active.is_dir():
                return Lease(active, fd)
            os.close(fd)  # switched meanwhile: take the newer one
        raise StoreError(f"the store at {self.root} keeps switching generations; try again")

    # --- writers ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self, *, wait: float, what: str) -> Iterator[Writer]:
        """Hold the write lock; wait up to ``wait`` seconds for another writer to finish.

        Raises
        ------
        StoreBusyError
            When another process still writes after ``wait`` seconds (the message names it).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(fd, wait, what)
            with contextlib.suppress(OSError):  # a full disk must not stop the write that frees it
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\t{what}\t{time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
            self.tidy(include_newer=True)  # what a killed writer left
            yield Writer(self)
        finally:
            os.close(fd)  # releases the lock

    def _acquire(self, fd: int, wait: float, what: str) -> None:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            holder = self._holder(fd)
            if time.monotonic() >= deadline:
                raise StoreBusyError(self.root, holder, wait)
            if not told and time.monotonic() > deadline - wait + 1.0:
                log.warning("waiting for %s to finish writing the store at %s", holder, self.root)
                told = True
            time.sleep(0.05)

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            pid, what, since = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip().split("\t")
        except ValueError:
            return "another process"
        return f"process {pid} ({what}, since {since})"

    def write_pointer(self, name: str) -> None:
        """Switch the pointer to ``name``: written beside it, synced, renamed over it."""
        tmp = self.root / f".{POINTER}.{os.getpid()}"
        with open(tmp, "w", encoding="ascii") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / POINTER)
        with contextlib.suppress(OSError):
            folder = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)

    # --- tidying ----------------------------------------------------------------------------

    def tidy_if_idle(self) -> None:
        """Remove what killed writers left, unless a writer is at work right now (then: older only)."""
        try:
            fd = os.open(self.root / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            self.tidy()
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.tidy()
                return
            self.tidy(include_newer=True)
        finally:
            os.close(fd)

    def tidy(self, *, include_newer: bool = False) -> list[Path]:
        """Remove generations that are not active and that no reader holds; return them.

        Generations newer than the active one may be a writer's work in progress, so they are
        only removed with ``include_newer`` (by a writer, which holds the write lock).
        """
        try:
            active = self.active()
        except StoreError:
            return []
        removed: list[Path] = []
        if active is None:
            return removed
        for generation in self.generations():
            if generation == active:
                continue
            if generation_number(generation) > generation_number(active) and not include_newer:
                continue
            if self._remove_if_unheld(generation):
                removed.append(generation)
        for lease in self.root.glob(".gen-*" + LEASE_SUFFIX):  # leases whose folder is gone
            folder = lease.with_name(lease.name[1 : -len(LEASE_SUFFIX)])
            if not folder.exists() and (include_newer or generation_number(folder) < generation_number(active)):
                self._remove_if_unheld(folder)
        for derived in self.root.glob(".gen-*.*"):  # derived files whose folder is gone
            folder = self.root / derived.name[1:].split(".", 1)[0]
            if (_GENERATION.match(folder.name) and not folder.exists() and not derived.name.endswith(LEASE_SUFFIX)
                    and (include_newer or generation_number(folder) < generation_number(active))):
                with contextlib.suppress(OSError):
                    derived.unlink()
        if include_newer:
            for name in _LEGACY:
                shutil.rmtree(self.root / name, ignore_errors=True)
            for unfinished in self.root.glob("gen-*.tmp"):  # a checkpoint cut short
                shutil.rmtree(unfinished, ignore_errors=True)
            for tmp in self.root.glob(f".{POINTER}.*"):
                with contextlib.suppress(OSError):
                    tmp.unlink()
        return removed

    def _remove(self, generation: Path) -> None:
        shutil.rmtree(generation, ignore_errors=True)
        for derived in self.root.glob(f".{generation.name}.*"):
            if not derived.name.endswith(LEASE_SUFFIX):
                with contextlib.suppress(OSError):
                    derived.unlink()

    def _remove_if_unheld(self, generation: Path) -> bool:
        lease = self.lease_file(generation)
        try:
            fd = os.open(lease, os.O_RDONLY)
        except FileNotFoundError:
            self._remove(generation)
            return True
        except OSError:
            return False
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # a reader still holds it
            self._remove(generation)
            with contextlib.suppress(OSError):
                lease.unlink()
            return True
        finally:
            os.close(fd)


def is_disk_full(err: BaseException) -> bool:
    """Whether an error from the store (RocksDB or the OS) means the disk is full."""
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(err).lower()
    return "no space left" in text or "disk quota" in text
