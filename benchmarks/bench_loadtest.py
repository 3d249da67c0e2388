"""A bounded load test: many clients at once against ``clustergraph serve`` on the curated graph.

    python -m benchmarks --only loadtest            # 16 clients for 60 s
    python -m benchmarks.bench_loadtest --clients 16 --seconds 60

The curated graph is built with ``clustergraph build`` into a fresh store, and ``clustergraph
serve`` (the command users run) serves it on a free port of 127.0.0.1. Each client (an
``httpx.AsyncClient`` on one event loop, seeded, from a loopback address of its own, since the
server shares its workers per client address) sends one request after the other, drawn from a
fixed mix: cheap SPARQL (``ASK {}``, ``ASK`` on a pattern, a point lookup of one entity), heavy
SPARQL (aggregates over every quad), ``/api/search`` and ``/api/entry-points``. Reported: requests
per kind, errors (anything but 200, except a 503 past the time limit, counted apart as shed),
p50/p99 latency of the cheap requests, and the resident memory (VmRSS) of the server and its
query workers before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import table
from benchmarks.servers import free_port, resident_mib
from benchmarks.w3c_eval import clustergraph_command

#: Client counts per size set (the curated graph has one size).
SIZES = {"tiny": [4], "small": [16], "medium": [16], "large": [16]}
SECONDS = 60.0
SEED = 12
ENTITY = "PREFIX schema: <https://schema.org/> SELECT ?e WHERE { ?e a ?type } LIMIT 1"
CHEAP = [
    "ASK {}",
    "ASK { ?s a ?type }",
    "SELECT ?p ?o WHERE { <ENTITY> ?p ?o } LIMIT 100",
]
HEAVY = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)",
    "SELECT ?type (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s a ?type ; ?p ?o } GROUP BY ?type",
]
SEARCHES = ["bio", "Biocat", "cluster", "Japan", "medtech"]
#: A 503 with one of these ``error`` kinds is a request shed (past the time limit, or the client's
#: share of the workers busy the whole limit); any other 503 is an error.
SHED = ("timeout", "busy")
#: One request: its kind, HTTP status (0: no HTTP answer), seconds, and whether it was shed.
Row = tuple[str, int, float, bool]
#: (kind, weight) of the mix.
MIX = [("cheap", 50), ("heavy", 10), ("search", 25), ("entry-points", 15)]


def run(sizes: list[int], workdir: Path, *, seconds: float = SECONDS, without: tuple[str, ...] = (),
        one_address: bool = False) -> dict[str, Any]:
    """Build the curated graph, serve it, and load it with ``sizes[0]`` clients for ``seconds``
    (requests started before the end run to completion); ``without`` leaves kinds out of the mix."""
    clients = sizes[0]
    mix = [(kind, weight) for kind, weight in MIX if kind not in without]
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir, prefix="loadtest-") as folder:
        store = Path(folder) / "store"
        command = clustergraph_command()
        built = subprocess.run([command, "--store", str(store), "build"], capture_output=True, text=True)
        if built.returncode != 0:
            return {"skipped": f"clustergraph build failed: {(built.stderr or built.stdout).strip()[-300:]}"}
        port = free_port()
        server = subprocess.Popen(
            [command, "serve", "--store", str(store), "--port", str(port), "--log-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base, server)
            rss_before = resident_mib(server.pid), resident_mib(server.pid, children=False)
            started = time.monotonic()
            # the clients' event loop in a thread of its own: the caller may be inside a running loop
            with ThreadPoolExecutor(1) as thread:
                rows = thread.submit(asyncio.run, _load(base, clients, seconds, mix, one_address)).result()
            wall = time.monotonic() - started
            rss_after = resident_mib(server.pid), resident_mib(server.pid, children=False)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    summary = _summary(rows, mix, clients, seconds, rss_before, rss_after)
    return {**summary, "wall_seconds": round(wall, 1), "one_address": one_address}


def _wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"clustergraph serve exited: {err.strip()[-500:]}")
        try:
            if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("clustergraph serve did not answer within 120 s")


async def _load(base: str, clients: int, seconds: float, mix: list[tuple[str, int]],
                one_address: bool = False) -> list[Row]:
    """Run the clients until ``seconds`` have passed; each request as a :data:`Row`. Each client connects from a
    loopback address of its own (127.0.0.10, .11, ...), as the server shares its query workers
    per client address; with ``one_address`` all connect from 127.0.0.1 (one client to the server)."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        found = await http.get("/sparql", params={"query": ENTITY},
                               headers={"Accept": "application/sparql-results+json"})
        found.raise_for_status()
        entity = found.json()["results"]["bindings"][0]["e"]["value"]
    deadline = time.monotonic() + seconds
    rows: list[Row] = []
    sessions = [httpx.AsyncClient(base_url=base, timeout=120, transport=httpx.AsyncHTTPTransport(
        local_address="127.0.0.1" if one_address else f"127.0.0.{10 + i}")) for i in range(clients)]
    try:
        await asyncio.gather(*(_client(http, random.Random(SEED + i), entity, deadline, rows, mix)
                               for i, http in enumerate(sessions)))
    finally:
        for http in sessions:
            await http.aclose()
    return rows


async def _client(http: Any, rng: random.Random, entity: str, deadline: float,
                  rows: list[Row], mix: list[tuple[str, int]]) -> None:
    import httpx

    kinds, weights = zip(*mix)
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        if kind in ("cheap", "heavy"):
            query = rng.choice(CHEAP if kind == "cheap" else HEAVY).replace("ENTITY", entity)
            request = http.build_request("GET", "/sparql", params={"query": query},
                                         headers={"Accept": "application/sparql-results+json"})
        elif kind == "search":
            request = http.build_request("GET", "/api/search", params={"q": rng.choice(SEARCHES)})
        else:
            request = http.build_request("GET", "/api/entry-points", params={"from": "Biocat", "market": "Japan"})
        start = time.perf_counter()
        try:
            response = await http.send(request)
            await response.aread()
            status, shed = response.status_code, False
            if status == 503:
                try:
                    shed = response.json().get("error") in SHED
                except ValueError:
                    shed = False
        except httpx.HTTPError:
            status, shed = 0, False
        rows.append((kind, status, time.perf_counter() - start, shed))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _summary(rows: list[Row], mix: list[tuple[str, int]], clients: int, seconds: float,
             rss_before: tuple[float, float], rss_after: tuple[float, float]) -> dict[str, Any]:
    kinds = [k for k, _ in mix]
    table_rows: list[dict[str, Any]] = []
    for kind in kinds:
        mine = [r for r in rows if r[0] == kind]
        ok = [r[2] for r in mine if r[1] == 200]
        table_rows.append({
            "kind": kind,
            "requests": len(mine),
            "ok": len(ok),
            "shed": sum(1 for r in mine if r[3]),
            "errors": sum(1 for r in mine if r[1] != 200 and not r[3]),
            "p50_ms": round(_percentile(ok, 0.50) * 1000, 1),
            "p99_ms": round(_percentile(ok, 0.99) * 1000, 1),
        })
    cheap: dict[str, Any] = next((r for r in table_rows if r["kind"] == "cheap"), {"p50_ms": 0.0, "p99_ms": 0.0})
    errors = sum(r["errors"] for r in table_rows)
    statuses = sorted({r[1] for r in rows if r[1] != 200 and not r[3]})
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(rows),
        "errors": errors,
        "error_statuses": statuses,
        "shed": sum(r["shed"] for r in table_rows),
        "cheap_p50_ms": cheap["p50_ms"],
        "cheap_p99_ms": cheap["p99_ms"],
        "rss_before_mib": round(rss_before[0], 1),
        "rss_after_mib": round(rss_after[0], 1),
        "server_rss_before_mib": round(rss_before[1], 1),
        "server_rss_after_mib": round(rss_after[1], 1),
        "rows": table_rows,
        "targets": [{"target": "zero errors under load", "value": errors, "met": errors == 0}],
    }


def print_result(result: dict[str, Any]) -> None:
    """Print the table of one load test."""
    headers = ["kind", "requests", "ok", "shed", "errors", "p50_ms", "p99_ms"]
    print(table(headers, [[r[h] for h in headers] for r in result["rows"]]))
    print(f"{result['clients']} clients{' from one address' if result['one_address'] else ''}, {result['seconds']:g} s"
          f" (last answer after {result['wall_seconds']:g} s):"
          f" {result['requests']:,} requests,"
          f" {result['errors']} errors{' ' + str(result['error_statuses']) if result['errors'] else ''},"
          f" {result['shed']} shed; cheap p50 {result['cheap_p50_ms']} ms, p99 {result['cheap_p99_ms']} ms;"
          f" server + workers VmRSS {result['rss_before_mib']} MiB before, {result['rss_after_mib']} MiB after"
          f" (the server process alone {result['server_rss_before_mib']} -> {result['server_rss_after_mib']} MiB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--without", action="append", default=[], choices=[k for k, _ in MIX],
                        help="leave a kind of request out of the mix (repeatable)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--one-address", action="store_true",
                        help="every client from 127.0.0.1: one client as the server counts them")
    args = parser.parse_args(argv)
    result = run([args.clients], args.workdir, seconds=args.seconds, without=tuple(args.without),
                 one_address=args.one_address)
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return 1
    print_result(result)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
