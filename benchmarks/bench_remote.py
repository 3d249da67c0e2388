"""Remote benchmark: the same analytics on a remote SPARQL server and on the embedded store.

The bundled graph plus a synthetic ecosystem is put into an embedded store and, dumped as
N-Quads, into ``oxigraph serve --union-default-graph``; the projection and entry points
(and the gap report when it exists) are timed on each, each in a fresh subprocess, and the
ratio remote/embedded is reported. The code under test is the same: every layer above the
store speaks SPARQL (``Store.query``), so the ratio is the price of HTTP and result parsing.
Only the projection reads the store; entry points and the gap report then work on the networkx
graphs in memory, so the gap report is left out by default (``gaps=True`` adds it).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .bench_analytics import missing, prepare_store
from .common import run_child, table

NAME = "remote"
SIZES = {"tiny": [200], "small": [1_000], "medium": [1_000, 10_000],
         "large": [1_000, 10_000, 100_000]}


def run(sizes: list[int], workdir: Path, *, gaps: bool = False) -> dict[str, Any]:
    """Time the analytics on both stores at each size (actors); ``gaps=False``: no gap report."""
    extra = [] if gaps else ["--no-gaps"]
    absent = missing()
    if "clustergraph.network.project" in absent or "clustergraph.entrypoints.entry_points" in absent:
        return {"skipped": f"{', '.join(absent)} not available"}
    from .servers import load_oxigraph, oxigraph_binary, start_oxigraph

    if oxigraph_binary() is None:
        return {"skipped": "the oxigraph server binary is not installed"}
    rows, ratios = [], []
    for actors in sizes:
        folder = prepare_store(workdir, actors)
        dump = workdir / f"remote-{actors}.nq"
        done = run_child("benchmarks.bench_remote", ["dump", str(folder), str(dump)])
        if not done.ok:
            raise RuntimeError(f"dumping the store failed: {done.error}")
        ox_folder = workdir / f"remote-ox-{actors}"
        shutil.rmtree(ox_folder, ignore_errors=True)
        load_oxigraph(ox_folder, dump)
        measured: dict[str, dict[str, Any]] = {}
        embedded = run_child("benchmarks.bench_analytics",
                             ["time", str(folder), str(actors), *extra])
        measured["embedded"] = {**embedded.report, "ok": embedded.ok, "error": embedded.error}
        server = start_oxigraph(ox_folder)
        try:
            base = server.query_url.rsplit("/", 1)[0] + "/"
            remote = run_child("benchmarks.bench_analytics", ["time", base, str(actors), *extra])
        finally:
            server_peak = server.stop()
        measured["remote"] = {**remote.report, "ok": remote.ok, "error": remote.error,
                              "server_peak_mib": round(server_peak, 1)}
        for kind, m in measured.items():
            rows.append({"actors": actors, "store": kind, **{k: v for k, v in m.items()
                                                               if k != "max_rss_mib"}})
        for key in ("projection_s", "entry_points_s", "gap_report_s"):
            e, r = measured["embedded"].get(key), measured["remote"].get(key)
            if e and r:
                ratios.append({"actors": actors, "measure": key,
                               "remote_vs_embedded": round(r / e, 2)})
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(ox_folder, ignore_errors=True)
        dump.unlink(missing_ok=True)
    return {"rows": rows, "ratios": ratios, "targets": []}


def print_result(result: dict[str, Any]) -> None:
    """Print the timings on each store and the ratios."""
    print(table(["actors", "store", "projection s", "entry points s (each)", "gap report s", "note"],
                [[r["actors"], r["store"], r.get("projection_s"), r.get("entry_points_s"),
                  r.get("gap_report_s"), r.get("error") or ""] for r in result["rows"]]))
    print()
    print(table(["actors", "measure", "remote / embedded"],
                [[r["actors"], r["measure"], r["remote_vs_embedded"]] for r in result["ratios"]]))


def _dump(folder: str, target: str) -> None:
    from pyoxigraph import RdfFormat

    from clustergraph.store import EmbeddedStore

    from .common import child_report

    store = EmbeddedStore(folder)
    Path(target).write_bytes(store.dump_bytes(RdfFormat.N_QUADS))
    store.close()
    child_report(ok=True)


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 4 and sys.argv[1] == "dump":
        _dump(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage: python -m benchmarks.bench_remote dump STORE FILE")
