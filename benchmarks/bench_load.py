"""Load benchmark: ``clustergraph load`` against raw pyoxigraph and rdflib, on the same file.

Contenders (each in a fresh subprocess, on the same synthetic N-Quads file, into a fresh
on-disk store where there is one):

- ``clustergraph load --no-validate``: ``clustergraph.ingest.load_files(validate=False)``;
- ``clustergraph load``: ``load_files(validate=True)`` (SHACL through pyshacl), only up to
  ``VALIDATE_MAX`` triples, since pyshacl on rdflib needs minutes and gigabytes beyond;
- ``pyoxigraph bulk_load``: ``pyoxigraph.Store(path).bulk_load(path=..., format=N_QUADS)``, the
  baseline of the target;
- ``pyoxigraph load``: ``Store(path).load(...)``, pyoxigraph's transactional load (for context);
- ``rdflib parse``: ``rdflib.Dataset().parse(..., format="nquads")`` (in memory);
- ``proposed: read_file + bulk_extend``: the fast path proposed for ``load_files`` (parse as
  today, then ``bulk_extend`` into a fresh store generation instead of one ``extend``
  transaction), measured with pyoxigraph directly.

Target: clustergraph without validation at least 0.8 of ``bulk_load``'s triples per second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from .common import actors_for, child_report, dataset, run_child

NAME = "load"
SIZES = {"tiny": [2_000], "small": [10**5], "medium": [10**5, 10**6],
         "large": [10**5, 10**6, 10**7]}
VALIDATE_MAX = 200_000
TARGET = 0.8
BASELINE = "pyoxigraph bulk_load"
CONTENDERS = (
    "clustergraph load --no-validate",
    "clustergraph load",
    BASELINE,
    "pyoxigraph load",
    "rdflib parse",
    "proposed: read_file + bulk_extend",
)


def _child(contender: str, file: str, scratch: str) -> None:
    """Load ``file`` one way, timing the load alone (imports and start-up excluded)."""
    path, where = Path(file), Path(scratch)
    if contender.startswith("clustergraph load"):
        from clustergraph.ingest import load_files
        from clustergraph.store import EmbeddedStore

        store = EmbeddedStore(where)
        start = time.perf_counter()
        report = load_files(store, [path], validate=contender == "clustergraph load")
        seconds = time.perf_counter() - start
        count = store.count()
        store.close()
        child_report(seconds=seconds, triples=count, read=report.quads)
    elif contender.startswith("pyoxigraph"):
        from pyoxigraph import RdfFormat, Store

        ox = Store(str(where))
        start = time.perf_counter()
        if contender == BASELINE:
            ox.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
        else:
            ox.load(path=str(path), format=RdfFormat.N_QUADS)
        seconds = time.perf_counter() - start
        child_report(seconds=seconds, triples=len(ox))
    elif contender == "proposed: read_file + bulk_extend":
        # what load_files could do without validation: parse as today, then bulk-load the
        # list into a fresh store generation (EmbeddedStore.replace_all already does this)
        from pyoxigraph import Store

        from clustergraph.ingest.reading import read_file
        from clustergraph.ingest.sources import user_graph

        ox = Store(str(where))
        start = time.perf_counter()
        quads = read_file(path, graph=user_graph(path))
        ox.bulk_extend(quads)
        seconds = time.perf_counter() - start
        child_report(seconds=seconds, triples=len(ox))
    elif contender == "rdflib parse":
        from rdflib import Dataset

        ds = Dataset()
        start = time.perf_counter()
        ds.parse(str(path), format="nquads")
        seconds = time.perf_counter() - start
        child_report(seconds=seconds, triples=sum(len(g) for g in ds.graphs()))
    else:
        raise SystemExit(f"unknown contender {contender!r}")


def run(sizes: list[int], workdir: Path, *, contenders: tuple[str, ...] | None = None,
        timeout: float = 3600) -> dict[str, Any]:
    """Measure every contender at each size (triples); return rows, ratios and the target."""
    import shutil

    contenders = contenders or CONTENDERS

    rows: list[dict[str, Any]] = []
    ratios: list[dict[str, Any]] = []
    for triples in sizes:
        actors = actors_for(triples)
        file = dataset(workdir, actors)
        quads = sum(1 for _ in file.open("rb"))
        by_name: dict[str, dict[str, Any]] = {}
        for contender in contenders:
            row: dict[str, Any] = {"size": triples, "actors": actors, "quads": quads,
                                   "contender": contender}
            if contender == "clustergraph load" and quads > VALIDATE_MAX:
                row["skipped"] = (f"validation above {VALIDATE_MAX:,} triples (pyshacl on rdflib:"
                                  " minutes and gigabytes)")
                rows.append(row)
                continue
            scratch = workdir / "scratch-store"
            shutil.rmtree(scratch, ignore_errors=True)
            result = run_child("benchmarks.bench_load",
                               ["child", contender, str(file), str(scratch)], timeout=timeout)
            shutil.rmtree(scratch, ignore_errors=True)
            if not result.ok:
                row["error"] = result.error
            else:
                seconds = float(result.report["seconds"])
                row.update(seconds=round(seconds, 3), triples_per_s=round(quads / seconds),
                           peak_mib=round(result.max_rss_mib, 1),
                           process_seconds=round(result.wall_seconds, 2),
                           stored=result.report.get("triples"))
            rows.append(row)
            by_name[contender] = row
        base = by_name.get(BASELINE, {})
        for contender, row in by_name.items():
            if contender != BASELINE and "seconds" in row and "seconds" in base:
                ratios.append({"size": triples, "contender": contender,
                               "throughput_vs_bulk_load": round(base["seconds"] / row["seconds"], 3),
                               "memory_vs_bulk_load": round(row["peak_mib"] / base["peak_mib"], 2)})
    targets = []
    for r in ratios:
        if r["contender"] == "clustergraph load --no-validate":
            value = r["throughput_vs_bulk_load"]
            targets.append({"target": f"clustergraph load --no-validate >= {TARGET} x bulk_load"
                                      f" triples/s at {r['size']:,} triples",
                            "value": value, "met": value >= TARGET})
    return {"rows": rows, "ratios": ratios, "targets": targets}


def print_result(result: dict[str, Any]) -> None:
    """Print the measurements and the ratios as tables."""
    from .common import table

    print(table(
        ["triples", "contender", "seconds", "triples/s", "peak MiB", "note"],
        [[r["quads"], r["contender"], r.get("seconds"), r.get("triples_per_s"), r.get("peak_mib"),
          r.get("skipped") or r.get("error") or ""] for r in result["rows"]]))
    print()
    print(table(["triples", "contender", "throughput / bulk_load", "memory / bulk_load"],
                [[r["size"], r["contender"], r["throughput_vs_bulk_load"], r["memory_vs_bulk_load"]]
                 for r in result["ratios"]]))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit("usage: python -m benchmarks.bench_load child CONTENDER FILE SCRATCH")
