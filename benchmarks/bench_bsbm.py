"""BSBM explore on ``clustergraph serve`` and ``oxigraph serve``, and the ``ASK {}`` round trip.

The Berlin SPARQL Benchmark's own tools (the public ``bsbm-tools``, Java, with their jar) make the
data (``./generate -pc 1000``: 371,911 triples) and drive the explore query mix
(``./testdriver``); give their folder with ``CLUSTERGRAPH_BSBM_TOOLS`` (without it this benchmark
is skipped). Both servers hold the same data: clustergraph an embedded store filled by
``load_files(validate=False)`` (bulk loaded into one graph; the default graph is the union),
Oxigraph its own folder filled by ``oxigraph load`` (the triples in its default graph). Each
server runs alone while it is measured, the two take turns round by round (the machine may be
shared), and the figures are the medians over the rounds:

- QMpH (query mixes per hour) with 1 client and with 4 (``-mt 4``), and each query's average
  result count, which must be the same on both servers;
- the ``ASK {}`` round trip from one keep-alive client: the median of 200 requests per round.

Targets: QMpH >= 0.9 x Oxigraph's with 1 client and with 4; ``ASK {}`` median <= 1.3 x Oxigraph's.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx

from .common import run_child, table

NAME = "bsbm"
SIZES = {"tiny": [100], "small": [1000], "medium": [1000], "large": [1000]}
TARGET_QMPH = 0.9
TARGET_ASK = 1.3
ROUNDS = {100: 2, 1000: 3}
ASK_REQUESTS = 200


def tools() -> Path | None:
    """The BSBM tools folder (with ``generate`` and ``testdriver``), if given and complete."""
    folder = os.environ.get("CLUSTERGRAPH_BSBM_TOOLS")
    if not folder:
        return None
    path = Path(folder)
    return path if (path / "testdriver").is_file() and (path / "lib" / "bsbm.jar").is_file() else None


def available() -> str | None:
    """Why the benchmark cannot run, or None."""
    from .servers import oxigraph_binary

    if tools() is None:
        return "CLUSTERGRAPH_BSBM_TOOLS does not name a folder of the BSBM tools (generate, testdriver, lib/)"
    if shutil.which("java") is None:
        return "java is not installed (the BSBM tools need it)"
    if oxigraph_binary() is None:
        return "the oxigraph server binary is not installed"
    return None


def generate(folder: Path, products: int) -> Path:
    """``./generate -pc N`` in the tools folder (kept: the test driver reads its parameters)."""
    data = folder / f"dataset-{products}.nt"
    marker = folder / f"td_data-{products}"
    if not data.exists() or not marker.exists():
        subprocess.run(["./generate", "-pc", str(products), "-fn", f"dataset-{products}", "-dir", marker.name],
                       cwd=folder, check=True, capture_output=True)
    return data


def testdriver(folder: Path, products: int, url: str, clients: int, runs: int, out: Path) -> dict[str, Any]:
    """Run the explore mix against ``url``; QMpH and the average result count of each query."""
    command = ["./testdriver", "-runs", str(runs), "-w", str(max(2, runs // 10)), "-idir", f"td_data-{products}",
               "-o", str(out), url]
    if clients > 1:
        command[1:1] = ["-mt", str(clients)]
    subprocess.run(["nice", *command], cwd=folder, check=True, capture_output=True, timeout=3600)
    root = ET.parse(out).getroot()
    qmph = float(root.findtext("querymix/qmph") or 0)
    results: dict[str, float] = {}
    for query in root.iter("query"):
        avg = query.findtext("avgresults") or query.findtext("avgresultsize")
        if avg is not None:
            results[query.get("nr", "?")] = float(avg)
    return {"qmph": qmph, "results": results}


def ask_median(url: str, requests: int) -> float:
    """Median seconds of ``ASK {}`` over ``requests`` requests from one keep-alive client."""
    times = []
    with httpx.Client(timeout=60) as client:
        client.get(url, params={"query": "ASK {}"}).raise_for_status()
        for _ in range(requests):
            start = time.perf_counter()
            r = client.get(url, params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"})
            times.append(time.perf_counter() - start)
            r.raise_for_status()
    return statistics.median(times)


def run(sizes: list[int], workdir: Path) -> dict[str, Any]:
    """Measure both servers on BSBM data of each product count."""
    reason = available()
    if reason:
        return {"skipped": reason}
    from .servers import load_oxigraph, start_clustergraph, start_oxigraph

    folder = tools()
    assert folder is not None
    rows: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    loads: list[float] = []
    for products in sizes:
        data = generate(folder, products)
        cg_store, ox_store = workdir / f"bsbm-cg-{products}", workdir / f"bsbm-ox-{products}"
        for store in (cg_store, ox_store):
            shutil.rmtree(store, ignore_errors=True)
        prepared = run_child("benchmarks.bench_bsbm", ["prepare", str(data), str(cg_store)])
        if not prepared.ok:
            raise RuntimeError(f"loading the clustergraph store failed: {prepared.error}")
        load_oxigraph(ox_store, data)
        runs = 50 if products < 1000 else 200
        measured: dict[tuple[str, str], list[float]] = {}
        results: dict[str, dict[str, float]] = {}
        for round_number in range(ROUNDS.get(products, 3)):
            order = ("oxigraph", "clustergraph") if round_number % 2 == 0 else ("clustergraph", "oxigraph")
            for name in order:
                server = start_oxigraph(ox_store) if name == "oxigraph" else start_clustergraph(cg_store)
                try:
                    loads.append(os.getloadavg()[0])
                    measured.setdefault((name, "ask"), []).append(ask_median(server.query_url, ASK_REQUESTS))
                    for clients in (1, 4):
                        out = workdir / f"bsbm-{name}-{clients}.xml"
                        mix = testdriver(folder, products, server.query_url, clients, runs, out)
                        measured.setdefault((name, f"qmph-{clients}"), []).append(mix["qmph"])
                        results[name] = mix["results"]
                finally:
                    server.stop()
        same = results.get("clustergraph") == results.get("oxigraph")
        for metric in ("qmph-1", "qmph-4", "ask"):
            cg = statistics.median(measured[("clustergraph", metric)])
            ox = statistics.median(measured[("oxigraph", metric)])
            rows.append({"products": products, "metric": metric, "clustergraph": round(cg, 5 if metric == "ask" else 1),
                         "oxigraph": round(ox, 5 if metric == "ask" else 1), "ratio": round(cg / ox, 3),
                         "rounds": [round(v, 5) for v in measured[("clustergraph", metric)]],
                         "rounds_oxigraph": [round(v, 5) for v in measured[("oxigraph", metric)]]})
            if metric == "ask":
                targets.append({"target": f"ASK {{}} median <= {TARGET_ASK} x oxigraph serve ({products} products)",
                                "value": round(cg / ox, 3), "met": cg / ox <= TARGET_ASK})
            else:
                clients = metric.split("-")[1]
                targets.append({"target": f"BSBM explore QMpH >= {TARGET_QMPH} x oxigraph serve, {clients} client(s),"
                                          f" {products} products, same result counts",
                                "value": round(cg / ox, 3), "met": cg / ox >= TARGET_QMPH and same})
        rows.append({"products": products, "metric": "same result counts", "clustergraph": same,
                     "oxigraph": same, "ratio": None, "results": results})
        for store in (cg_store, ox_store):
            shutil.rmtree(store, ignore_errors=True)
    return {"rows": rows, "targets": targets, "load_average_during": [round(x, 2) for x in loads]}


def print_result(result: dict[str, Any]) -> None:
    """Print each figure of both servers and their ratio."""
    print(table(["products", "metric", "clustergraph", "oxigraph", "ratio"],
                [[r["products"], r["metric"], r["clustergraph"], r["oxigraph"], r["ratio"]] for r in result["rows"]]))
    print(f"load average while measuring: {result['load_average_during']}")


def _prepare(file: str, store: str) -> None:
    from clustergraph.ingest import load_files
    from clustergraph.store import open_store

    from .common import child_report

    target = open_store(store)
    report = load_files(target, [file], validate=False, graph="http://bsbm.example/dataset")
    target.close()
    child_report(quads=report.quads)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        _prepare(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage: python -m benchmarks.bench_bsbm prepare FILE STORE")
