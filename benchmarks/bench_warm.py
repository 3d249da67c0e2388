"""A running server on the curated graph: the first request against the warm ones (issue 15).

``clustergraph serve`` keeps the network projection of its store generation warm; the targets
are for a server that has answered once: ``/api/gaps`` and the network page's gap overlay
(``/api/network/gaps``) under 0.3 s, entry points (``/api/entry-points``) under 0.1 s, on the
curated graph. Each request is timed from a keep-alive client: the first after the server starts
(cold: it builds what it keeps), then the median of ``REPEATS`` more (warm), side by side.

    python -m benchmarks --only warm --sizes small
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from .common import table
from .servers import start_clustergraph

SIZES = {"tiny": [1], "small": [1], "medium": [1], "large": [1]}
REPEATS = 9
#: (name, path, parameters, target for the warm request in seconds, a list the answer must not
#: have empty: a timing of an empty answer would mean nothing)
REQUESTS: list[tuple[str, str, dict[str, str], float, str]] = [
    ("gap report", "/api/gaps", {}, 0.3, "coverage"),
    ("gap report into Japan", "/api/gaps", {"market": "Japan"}, 0.3, "coverage"),
    ("gap overlay of the network page", "/api/network/gaps", {}, 0.3, "brokers"),
    ("entry points Biocat -> Japan", "/api/entry-points", {"from": "Biocat", "market": "Japan"}, 0.1, "entry_points"),
    ("entry points NRW -> China", "/api/entry-points", {"from": "Nordrhein-Westfalen", "market": "China"}, 0.1,
     "entry_points"),
]


def curated_store(workdir: Path) -> Path:
    """The curated graph built into a store folder by ``clustergraph build`` (once)."""
    folder = workdir / "warm-curated"
    if not (folder / "complete").exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "clustergraph", "--store", str(folder), "build"],
                       check=True, capture_output=True, timeout=1800)
        (folder / "complete").write_text("")
    return folder


def run(sizes: list[int], workdir: Path) -> dict[str, Any]:
    """Start a server on the curated graph; time each request cold, then warm."""
    server = start_clustergraph(curated_store(workdir))
    base = server.query_url.rsplit("/", 1)[0]
    rows = []
    try:
        with httpx.Client(base_url=base, timeout=600) as http:
            for name, path, params, target, answers in REQUESTS:
                timings = []
                for _ in range(1 + REPEATS):
                    start = time.perf_counter()
                    r = http.get(path, params=params, headers={"Accept": "application/json"})
                    timings.append(time.perf_counter() - start)
                    if r.status_code != 200:
                        raise RuntimeError(f"{path} {params}: {r.status_code} {r.text[:300]}")
                    if not r.json().get(answers):
                        raise RuntimeError(f"{path} {params}: no {answers} in the answer: {r.text[:300]}")
                warm = statistics.median(timings[1:])
                rows.append({"request": name, "path": path, "params": params, "cold_s": round(timings[0], 4),
                             "warm_s": round(warm, 4), "cold_over_warm": round(timings[0] / warm, 1),
                             "target_s": target})
    finally:
        peak = server.stop()
    targets = [{"target": f"{row['request']}, warm <= {row['target_s']} s", "value": row["warm_s"],
                "met": row["warm_s"] <= row["target_s"]} for row in rows]
    return {"rows": rows, "server_peak_mib": round(peak, 1), "repeats": REPEATS, "targets": targets}


def print_result(result: dict[str, Any]) -> None:
    print(table(["request", "cold s", "warm s (median)", "cold / warm", "target s"],
                [[r["request"], r["cold_s"], r["warm_s"], r["cold_over_warm"], r["target_s"]]
                 for r in result["rows"]]))
    print(f"server peak: {result['server_peak_mib']} MiB")
