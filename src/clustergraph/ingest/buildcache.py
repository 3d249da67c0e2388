"""The build cache: a finished build of the bundled graph, reused while its inputs are the same.

Building the bundled graph reads some 230,000 quads, checks them against the shapes and infers
what the model implies (about ten seconds); every new store folder (the first use of a command,
``clustergraph serve`` on an empty folder, a second store) builds the same graph again. So a
build writes what it produced to the per-user cache folder (``$CLUSTERGRAPH_CACHE``, else
platformdirs' user cache folder for ``clustergraph``), under a key that changes with anything
that could change the result: every bundled file (ontology, shapes, data, reference data), the
code of the package (its ``.py`` and ``.rq`` files), and the versions of clustergraph and
pyoxigraph. A build with the same key reads the cached quads instead (the report says so); a
missing, unreadable or damaged cache entry is built again. ``clustergraph build --fresh``
ignores the cache. Only the newest :data:`KEEP` entries are kept.

Written here because the cache is two files and a key; a caching library (joblib, diskcache)
would pickle Python objects where N-Quads keeps the build readable by any RDF tool.

>>> import os, tempfile
>>> os.environ["CLUSTERGRAPH_CACHE"] = tempfile.mkdtemp()
>>> from pyoxigraph import Literal, NamedNode, Quad
>>> q = Quad(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"), NamedNode("http://e/g"))
>>> put("k1", [q], {"validated": True})
>>> get("k1")[0] == [q], get("k1")[1], get("k2")
(True, {'validated': True}, None)
>>> del os.environ["CLUSTERGRAPH_CACHE"]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pyoxigraph import Quad, RdfFormat, parse, serialize

from .sources import SourceFile

#: Cache entries kept (the newest by time of use).
KEEP = 3
_PACKAGE = Path(__file__).resolve().parent.parent

log = logging.getLogger("clustergraph.build")


def folder() -> Path:
    """Where finished builds are kept: ``$CLUSTERGRAPH_CACHE`` or the user cache folder."""
    env = os.environ.get("CLUSTERGRAPH_CACHE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clustergraph", appauthor=False)) / "builds"


def key(files: Sequence[SourceFile], *, validate: bool) -> str:
    """The key of a build of ``files``: it changes with their content and graphs, the package's
    code, clustergraph's and pyoxigraph's versions, and whether the build validates."""
    digest = hashlib.sha256()
    digest.update(f"clustergraph {version('clustergraph')} pyoxigraph {version('pyoxigraph')} {validate}".encode())
    for source in files:
        digest.update(f"\0{source.graph}\0{source.role}\0".encode())
        digest.update(source.path.read_bytes())
    for path in sorted(p for ext in ("*.py", "*.rq") for p in _PACKAGE.rglob(ext) if "__pycache__" not in p.parts):
        digest.update(f"\0{path.relative_to(_PACKAGE)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def get(name: str) -> tuple[list[Quad], dict[str, Any]] | None:
    """The quads and report of the cached build ``name``, or ``None`` when there is none (or it
    cannot be read: it is then built again)."""
    quads_file, report_file = _files(name)
    try:
        report = json.loads(report_file.read_text(encoding="utf-8"))
        quads = list(parse(path=str(quads_file), format=RdfFormat.N_QUADS))
    except (OSError, ValueError, SyntaxError) as err:
        if quads_file.exists() or report_file.exists():
            log.warning("the cached build %s cannot be read (%s); building again", quads_file, err)
        return None
    if not isinstance(report, dict) or report.get("quads") != len(quads):
        log.warning("the cached build %s is incomplete; building again", quads_file)
        return None
    with contextlib.suppress(OSError):
        os.utime(report_file)  # newest use: kept longest
    report.pop("quads")
    return quads, report


def put(name: str, quads: Sequence[Quad], report: dict[str, Any]) -> None:
    """Keep a finished build (written beside and renamed, so no reader sees half of it); a cache
    folder that cannot be written is passed over with a warning."""
    quads_file, report_file = _files(name)
    try:
        quads_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = quads_file.with_name(f"{quads_file.name}.{os.getpid()}.tmp")
        serialize(quads, str(tmp), format=RdfFormat.N_QUADS)
        os.replace(tmp, quads_file)
        tmp_report = report_file.with_name(f"{report_file.name}.{os.getpid()}.tmp")
        tmp_report.write_text(json.dumps({**report, "quads": len(quads)}), encoding="utf-8")
        os.replace(tmp_report, report_file)  # written last: an entry without it is not complete
    except OSError as err:
        log.warning("the build could not be cached in %s (%s)", quads_file.parent, err)
        return
    _prune(quads_file.parent)


def _files(name: str) -> tuple[Path, Path]:
    base = folder()
    return base / f"{name}.nq", base / f"{name}.json"


def _prune(base: Path) -> None:
    reports = sorted(base.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in reports[KEEP:]:
        for path in (old, old.with_suffix(".nq")):
            with contextlib.suppress(OSError):
                path.unlink()
    for tmp in base.glob("*.tmp"):  # left by a process killed while writing (an hour ago or more)
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < time.time() - 3600:
                tmp.unlink()
