"""What the benchmarks share: the data they load, child processes, the machine, tables.

Every contender runs in a fresh Python subprocess, so its peak memory (``ru_maxrss`` read with
``os.wait4``) is its own and no cache of an earlier contender helps it.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"

#: Quads the generator writes per actor, about (see clustergraph.synthetic).
QUADS_PER_ACTOR = 13.1


def default_workdir() -> Path:
    """Where generated data and stores go: ``$CLUSTERGRAPH_BENCH_DIR`` or a temp folder."""
    return Path(os.environ.get("CLUSTERGRAPH_BENCH_DIR")
                or Path(tempfile.gettempdir()) / "clustergraph-bench")


def actors_for(triples: int) -> int:
    """The number of actors whose synthetic ecosystem has about ``triples`` quads."""
    return max(20, round(triples / QUADS_PER_ACTOR))


def dataset(workdir: Path, actors: int, seed: int = 7) -> Path:
    """The synthetic N-Quads file of ``actors`` actors, generated once and kept in workdir."""
    from clustergraph.synthetic import generate_file

    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"synthetic-{seed}-{actors}.nq"
    if not path.exists():
        generate_file(path, actors=actors, seed=seed)
    return path


@dataclass
class ChildResult:
    """What one contender reported, and what the kernel says it used."""

    ok: bool
    wall_seconds: float  # the whole process, interpreter start included
    max_rss_mib: float
    report: dict[str, Any]  # what the child printed as JSON on its last line
    error: str = ""


def run_child(module: str, args: list[str], *, timeout: float = 3600) -> ChildResult:
    """Run ``python -m <module> <args>`` in a fresh process; read its JSON line and rusage.

    The child is reaped with ``os.wait4``, whose ``ru_maxrss`` is that child's own peak
    resident memory (not the running maximum over all children that RUSAGE_CHILDREN gives).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args], stdout=out, stderr=err, text=True,
            env=env, cwd=REPO,
        )
        status, rusage, timed_out = wait_with_rusage(proc, timeout)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    report: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    rss = rusage.ru_maxrss / 1024 if rusage else 0.0
    if timed_out:
        return ChildResult(False, wall, rss, report, f"timed out after {timeout:.0f} s")
    if status != 0 or not lines:
        tail = stderr.strip().splitlines()
        return ChildResult(False, wall, rss, report, tail[-1] if tail else f"exit {status}")
    return ChildResult(True, wall, rss, report)


def wait_with_rusage(
    proc: subprocess.Popen[Any], timeout: float
) -> tuple[int, Any, bool]:
    """Wait for a child (killing it after ``timeout``); its exit code, rusage, and whether it
    timed out."""
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, rusage, timed_out
        if time.monotonic() > deadline and not timed_out:
            proc.kill()
            timed_out = True
        time.sleep(0.02)


def self_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_report(**values: Any) -> None:
    """Print the child's JSON result line, with its peak memory."""
    print(json.dumps({**values, "max_rss_mib": round(self_rss_mib(), 1)}), flush=True)


def machine() -> dict[str, Any]:
    """The machine and software the figures were taken on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) / 2**20
    except OSError:
        pass
    versions = {}
    for package in ("clustergraph", "pyoxigraph", "oxigraph", "rdflib", "pyshacl", "networkx",
                    "fastapi", "uvicorn", "httpx"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "load_average_at_start": [round(x, 2) for x in load],
    }


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain text table."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3g}" if value < 10 else f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)
