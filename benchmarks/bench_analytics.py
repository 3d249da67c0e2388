"""Analytics benchmark: the projection, entry points and the gap report as the ecosystem grows.

For each size an embedded store holds the bundled graph (ontology, reference places, curated
sources) plus a synthetic ecosystem. In a fresh subprocess per size, the benchmark times the
network projection from a cold start (``clustergraph.network.project``: the records read in a
few scans, then the graphs on arrays; the records are then saved beside the store generation),
then again in a new process (the "restarted" column: a CLI run or a restarted server on the
same generation, which reads the saved records back), ``clustergraph.entrypoints.entry_points`` for three
home/market pairs reusing the projection as the server does (three times: with the names as a
person types them, resolved by :mod:`clustergraph.lookup`, whose first search of the generation
builds its search index; with their IRIs, the ranking alone; and by name again, warm),
and ``clustergraph.gaps.gap_report``; the child's peak resident memory is the size's.

Targets (issue 15): at 10^5 actors projection <= 10 s, one entry-point query <= 0.5 s, gap report
<= 30 s, peak <= 2 GiB; at 10^6 120 s, 5 s, 5 min, 8 GiB; each grows within n log n.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import dataset, run_child, table

NAME = "analytics"
SIZES = {"tiny": [200], "small": [1_000, 10_000], "medium": [1_000, 10_000, 100_000],
         "large": [10_000, 100_000, 1_000_000]}
#: The figures to reach, by actors: projection, one entry-point query, gap report (s), peak (MiB).
TARGETS = {100_000: (10.0, 0.5, 30.0, 2048.0), 1_000_000: (120.0, 5.0, 300.0, 8192.0)}
#: Home/market pairs asked at every size: a region by NUTS code, a country by name, a cluster.
PAIRS = (("DE2", "JP"), ("Japan", "US"), ("{cluster0}", "CN"))


def missing() -> list[str]:
    """The analytics modules that are not there (the benchmark skips their part)."""
    out = []
    for module, attr in (("clustergraph.network", "project"),
                         ("clustergraph.entrypoints", "entry_points"),
                         ("clustergraph.gaps", "gap_report")):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found or not hasattr(__import__(module, fromlist=[attr]), attr):
            out.append(f"{module}.{attr}")
    return out


def prepare_store(workdir: Path, actors: int) -> Path:
    """An embedded store folder with the bundled graph and the synthetic ecosystem."""
    folder = workdir / f"analytics-{actors}"
    shutil.rmtree(folder, ignore_errors=True)
    file = dataset(workdir, actors)
    done = run_child("benchmarks.bench_analytics", ["prepare", str(file), str(folder)])
    if not done.ok:
        raise RuntimeError(f"building the store for {actors} actors failed: {done.error}")
    return folder


def timings(store: str, actors: int, emit: Callable[[dict[str, Any]], None] | None = None,
            *, gaps: bool = True) -> dict[str, Any]:
    """Time the projection, entry points and gap report on one store (folder or URL).

    ``emit`` gets the figures so far after each phase (a child prints them, so a run stopped
    by the time limit still tells how far it got)."""
    tell = emit or (lambda _: None)
    from clustergraph.store import open_store

    absent = missing()
    target = open_store(store)
    out: dict[str, Any] = {"skipped": absent}
    try:
        from clustergraph.network import project

        out["saved_before"] = _saved(target)  # False: the cold projection reads the store
        start = time.perf_counter()
        net = project(target)
        out["projection_s"] = time.perf_counter() - start
        summary = net.summary()
        out["nodes"] = summary["actors"]
        out["edges"] = summary["actor_edges"]
        out["ties"] = len(net.records.ties)
        tell(out)
        if "clustergraph.entrypoints.entry_points" not in absent:
            from clustergraph.entrypoints import entry_points

            cluster0 = f"https://w3id.org/clustergraph/id/synthetic/7-{actors}/cluster/0"
            pairs = [(home.format(cluster0=cluster0), market) for home, market in PAIRS]
            start = time.perf_counter()
            found = 0
            iris = []
            for home, market in pairs:
                answer = entry_points(target, home, market, network=net)
                found += len(answer.entry_points)
                iris.append((answer.home.iri, answer.market.iri))
            out["entry_points_s"] = (time.perf_counter() - start) / len(PAIRS)
            out["entry_points_found"] = found
            start = time.perf_counter()
            for home, market in iris:
                entry_points(target, home, market, network=net)
            out["entry_points_ranked_s"] = (time.perf_counter() - start) / len(PAIRS)
            start = time.perf_counter()  # by name again: the search index is built, names resolve at once
            for home, market in pairs:
                entry_points(target, home, market, network=net)
            out["entry_points_warm_s"] = (time.perf_counter() - start) / len(PAIRS)
            tell(out)
        if "clustergraph.gaps.gap_report" not in absent and gaps:
            from clustergraph.gaps import gap_report

            start = time.perf_counter()
            gap_report(target, network=net)
            out["gap_report_s"] = time.perf_counter() - start
            tell(out)
    finally:
        target.close()
    return out


def _saved(store: Any) -> bool:
    """Whether the records of the store's generation are saved beside it (:mod:`clustergraph.network.saved`)."""
    try:
        from clustergraph.network.saved import path_of
    except ImportError:  # a version without saved records
        return False
    path = path_of(store)
    return path is not None and path.exists()


def restarted(store: str) -> dict[str, Any]:
    """Time the projection in a new process on a store a projection was made of before (a CLI
    run, a restarted server): the records saved beside the generation are read back."""
    from clustergraph.network import project
    from clustergraph.store import open_store

    target = open_store(store)
    try:
        saved = _saved(target)
        start = time.perf_counter()
        net = project(target)
        return {"projection_s": time.perf_counter() - start, "saved_before": saved,
                "nodes": net.summary()["actors"]}
    finally:
        target.close()


def run(sizes: list[int], workdir: Path, *, timeout: float = 1200, gaps: bool = True
        ) -> dict[str, Any]:
    """Measure at each size (actors); return rows, growth ratios and targets.

    A size whose analytics run longer than ``timeout`` seconds (``$CLUSTERGRAPH_BENCH_TIMEOUT``
    overrides it) is reported as timed out, with
    the phases it finished; when the gap report was the phase cut short, larger sizes skip it,
    and when the projection or the entry points were, larger sizes are not tried.
    ``gaps=False`` leaves the gap report out (the smoke tests do, to stay fast)."""
    timeout = float(os.environ.get("CLUSTERGRAPH_BENCH_TIMEOUT", timeout))
    absent = missing()
    if "clustergraph.network.project" in absent or "clustergraph.entrypoints.entry_points" in absent:
        return {"skipped": f"{', '.join(absent)} not available"}
    rows = []
    for actors in sizes:
        folder = prepare_store(workdir, actors)
        args = ["time", str(folder), str(actors)] + ([] if gaps else ["--no-gaps"])
        result = run_child("benchmarks.bench_analytics", args, timeout=timeout)
        again = run_child("benchmarks.bench_analytics", ["restart", str(folder)], timeout=timeout)
        shutil.rmtree(folder, ignore_errors=True)
        row: dict[str, Any] = {"actors": actors, **result.report,
                               "peak_mib": round(result.max_rss_mib, 1)}
        if again.ok and "projection_s" in again.report:
            row["projection_restarted_s"] = again.report["projection_s"]
        row.pop("max_rss_mib", None)
        if not result.ok:
            row["error"] = result.error
        if not gaps:
            row["note"] = "gap report not run"
        rows.append(row)
        if not result.ok:
            if "entry_points_s" not in row:
                break
            gaps = False
    return {"rows": rows, **growth(rows, absent)}


def growth(rows: list[dict[str, Any]], absent: list[str]) -> dict[str, Any]:
    """Time ratios between consecutive sizes against the n log n bound."""
    ratios, targets = [], []
    for a, b in itertools.pairwise(rows):
        n0, n1 = a["actors"], b["actors"]
        bound = (n1 / n0) * math.log(n1) / math.log(n0)
        for key in ("projection_s", "projection_restarted_s", "entry_points_s", "entry_points_ranked_s",
                    "gap_report_s", "peak_mib"):
            if key in a and key in b and a[key] > 0:
                ratio = b[key] / a[key]
                ratios.append({"from": n0, "to": n1, "measure": key, "time_ratio": round(ratio, 2),
                               "n_log_n_bound": round(bound, 2)})
                if n0 >= 10_000 and key != "peak_mib":
                    targets.append({"target": f"{key[:-2]} grows no worse than n log n from {n0:,}"
                                              f" to {n1:,} actors (ratio <= {bound:.1f})",
                                    "value": round(ratio, 2), "met": ratio <= bound})
    for row in rows:
        goal = TARGETS.get(row["actors"])
        if goal is None:
            continue
        for key, limit in zip(("projection_s", "entry_points_s", "gap_report_s", "peak_mib"), goal, strict=True):
            if key in row:
                targets.append({"target": f"{key} at {row['actors']:,} actors <= {limit:g}",
                                "value": round(row[key], 2), "met": row[key] <= limit})
    if "clustergraph.gaps.gap_report" in absent:
        targets.append({"target": "gap_report grows no worse than n log n from 10k to 100k",
                        "value": None, "met": False,
                        "note": "skipped: clustergraph.gaps.gap_report not available"})
    return {"ratios": ratios, "targets": targets}


def print_result(result: dict[str, Any]) -> None:
    """Print the timings and growth ratios."""
    print(table(["actors", "actor nodes", "edges", "ties", "projection s", "restarted s", "entry points s (each)",
                 "ranking alone s", "by name, warm s", "gap report s", "peak MiB", "note"],
                [[r["actors"], r.get("nodes"), r.get("edges"), r.get("ties"), r.get("projection_s"),
                  r.get("projection_restarted_s"),
                  r.get("entry_points_s"), r.get("entry_points_ranked_s"), r.get("entry_points_warm_s"),
                  r.get("gap_report_s"), r.get("peak_mib"),
                  r.get("error") or r.get("note")
                  or "; ".join(f"skipped: {m}" for m in r.get("skipped", []))]
                 for r in result["rows"]]))
    if result["ratios"]:
        print()
        print(table(["from", "to", "measure", "time ratio", "n log n bound"],
                    [[r["from"], r["to"], r["measure"], r["time_ratio"], r["n_log_n_bound"]]
                     for r in result["ratios"]]))


def _prepare(file: str, folder: str) -> None:
    from clustergraph.ingest import build, load_files
    from clustergraph.store import EmbeddedStore

    from .common import child_report

    store = EmbeddedStore(folder)
    build(store, validate=False)
    load_files(store, [file], validate=False)
    count = store.count()
    store.close()
    child_report(quads=count)


if __name__ == "__main__":
    from .common import child_report

    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        _prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "restart":
        child_report(**restarted(sys.argv[2]))
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "time":
        child_report(**timings(sys.argv[2], int(sys.argv[3]), lambda d: child_report(**d),
                               gaps=sys.argv[4:] != ["--no-gaps"]))
    else:
        raise SystemExit("usage: python -m benchmarks.bench_analytics prepare FILE STORE | time STORE ACTORS"
                         " | restart STORE")
