"""HTTP benchmark: SPARQL queries per second against ``clustergraph serve`` and ``oxigraph serve``.

Both servers hold the same synthetic data (clustergraph: an embedded store filled by
``load_files``; Oxigraph: ``oxigraph load`` into its own folder, served with
``--union-default-graph``). Each runs alone; each query of ``benchmarks/queries/*.rq`` is sent
over HTTP (GET, JSON results, keep-alive) for a fixed time, by one client and by four at once,
and the answers of the two servers are checked to have the same number of rows.

Targets: clustergraph at least half the queries/s of Oxigraph (geometric mean over the
queries); peak memory serving 10^6 triples under 1 GiB (server process and its workers).
"""

from __future__ import annotations

import importlib.util
import math
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from .common import actors_for, dataset, run_child, table

NAME = "http"
SIZES = {"tiny": [2_000], "small": [10**5], "medium": [10**6], "large": [10**5, 10**6]}
QUERIES = Path(__file__).resolve().parent / "queries"
TARGET_QPS = 0.5
TARGET_MIB = 1024
ACCEPT = {"Accept": "application/sparql-results+json"}


def available() -> str | None:
    """Why the benchmark cannot run, or None."""
    if importlib.util.find_spec("clustergraph.api") is None:
        return "clustergraph.api not available"
    from clustergraph import api

    if not hasattr(api, "create_app"):
        return "clustergraph.api.create_app not available"
    from .servers import oxigraph_binary

    if oxigraph_binary() is None:
        return "the oxigraph server binary is not installed"
    return None


def queries() -> dict[str, str]:
    """The benchmark queries by name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}


def _rows(response: httpx.Response) -> int:
    data = response.json()
    if "boolean" in data:
        return int(bool(data["boolean"]))
    return len(data["results"]["bindings"])


def measure(url: str, query: str, seconds: float, clients: int) -> tuple[float, int]:
    """Queries per second for ``seconds`` with ``clients`` concurrent clients; rows answered."""
    with httpx.Client(timeout=120) as warm:
        first = warm.get(url, params={"query": query}, headers=ACCEPT)
        first.raise_for_status()
        rows = _rows(first)
    done = [0] * clients
    errors: list[str] = []
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        with httpx.Client(timeout=120) as client:
            # at least one query each, so that a busy machine gives a slow rate, never none
            while done[k] == 0 or time.perf_counter() < stop:
                r = client.get(url, params={"query": query}, headers=ACCEPT)
                if r.status_code != 200:
                    errors.append(f"HTTP {r.status_code}: {r.text[:200]}")
                    return
                done[k] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(errors[0])
    return sum(done) / elapsed, rows


def run(sizes: list[int], workdir: Path, *, seconds: float | None = None,
        clients: tuple[int, ...] = (1, 4)) -> dict[str, Any]:
    """Measure both servers at each size (triples); return rows, ratios and targets."""
    reason = available()
    if reason:
        return {"skipped": reason}
    from .servers import load_oxigraph, start_clustergraph, start_oxigraph

    per_query = seconds if seconds is not None else (0.5 if max(sizes) < 10**4 else 3.0)
    rows: list[dict[str, Any]] = []
    ratios: list[dict[str, Any]] = []
    memory: list[dict[str, Any]] = []
    for triples in sizes:
        file = dataset(workdir, actors_for(triples))
        cg_store, ox_store = workdir / f"http-cg-{triples}", workdir / f"http-ox-{triples}"
        for folder in (cg_store, ox_store):
            shutil.rmtree(folder, ignore_errors=True)
        prepared = run_child("benchmarks.bench_http", ["prepare", str(file), str(cg_store)])
        if not prepared.ok:
            raise RuntimeError(f"loading the clustergraph store failed: {prepared.error}")
        load_oxigraph(ox_store, file)
        results: dict[tuple[str, str, int], tuple[float, int]] = {}
        for name in ("oxigraph", "clustergraph"):
            server = start_oxigraph(ox_store) if name == "oxigraph" else start_clustergraph(cg_store)
            try:
                for qname, text in queries().items():
                    for c in clients:
                        results[(name, qname, c)] = measure(server.query_url, text, per_query, c)
            finally:
                peak = server.stop()
            memory.append({"size": triples, "server": name, "peak_mib": round(peak, 1)})
        for (name, qname, c), (qps, n) in sorted(results.items()):
            rows.append({"size": triples, "server": name, "query": qname, "clients": c,
                         "qps": round(qps, 1), "rows": n})
        for qname in queries():
            for c in clients:
                cg, ox = results[("clustergraph", qname, c)], results[("oxigraph", qname, c)]
                ratios.append({"size": triples, "query": qname, "clients": c,
                               "qps_vs_oxigraph": round(cg[0] / ox[0], 3),
                               "same_rows": cg[1] == ox[1]})
        for folder in (cg_store, ox_store):
            shutil.rmtree(folder, ignore_errors=True)
    targets = []
    for triples in sizes:
        for c in clients:
            mine = [r["qps_vs_oxigraph"] for r in ratios if r["size"] == triples and r["clients"] == c]
            gmean = math.exp(sum(math.log(x) for x in mine) / len(mine))
            targets.append({"target": f"clustergraph serve >= {TARGET_QPS} x oxigraph serve queries/s"
                                      f" (geometric mean, {c} client(s), {triples:,} triples)",
                            "value": round(gmean, 3), "met": gmean >= TARGET_QPS})
    for m in memory:
        if m["server"] == "clustergraph" and m["size"] >= 10**6:
            targets.append({"target": f"peak memory serving {m['size']:,} triples < {TARGET_MIB} MiB",
                            "value": m["peak_mib"], "met": m["peak_mib"] < TARGET_MIB})
    return {"rows": rows, "ratios": ratios, "memory": memory, "targets": targets,
            "seconds_per_query": per_query}


def print_result(result: dict[str, Any]) -> None:
    """Print queries/s per server and the ratios."""
    print(table(["triples", "server", "query", "clients", "queries/s", "rows"],
                [[r["size"], r["server"], r["query"], r["clients"], r["qps"], r["rows"]]
                 for r in result["rows"]]))
    print()
    print(table(["triples", "query", "clients", "clustergraph / oxigraph", "same rows"],
                [[r["size"], r["query"], r["clients"], r["qps_vs_oxigraph"], r["same_rows"]]
                 for r in result["ratios"]]))
    print()
    print(table(["triples", "server", "peak MiB"],
                [[m["size"], m["server"], m["peak_mib"]] for m in result["memory"]]))


def _prepare(file: str, store: str) -> None:
    from clustergraph.ingest import load_files
    from clustergraph.store import EmbeddedStore

    from .common import child_report

    target = EmbeddedStore(store)
    report = load_files(target, [file], validate=False)
    target.close()
    child_report(quads=report.quads)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        _prepare(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage: python -m benchmarks.bench_http prepare FILE STORE")
