"""Run the benchmarks: ``python -m benchmarks`` or ``python benchmarks/run.py``.

Options: ``--sizes tiny|small|medium|large`` (small by default; medium adds 10^6 triples, large 10^7 and
100k actors), ``--only load,http,analytics,remote``, ``--workdir DIR`` (generated data and
stores, default $CLUSTERGRAPH_BENCH_DIR or a temp folder), ``--no-save`` (do not write JSON).

Each benchmark prints its table of figures and ratios; the JSON (machine, command, figures,
targets met or missed) goes to ``benchmarks/results/<name>-<size set>.json``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, default_workdir, machine

MODULES = {
    "load": "benchmarks.bench_load",
    "http": "benchmarks.bench_http",
    "analytics": "benchmarks.bench_analytics",
    "remote": "benchmarks.bench_remote",
    "algorithms": "benchmarks.bench_algorithms",
    "registers": "benchmarks.bench_registers",
    "bsbm": "benchmarks.bench_bsbm",
    "search": "benchmarks.bench_search",
    "loadtest": "benchmarks.bench_loadtest",
    "warm": "benchmarks.bench_warm",
    "viz": "benchmarks.bench_viz",
}


def run_one(name: str, size_set: str, workdir: Path, save: bool) -> dict[str, Any]:
    """Run one benchmark module at one size set; print its tables; save its JSON."""
    module = importlib.import_module(MODULES[name])
    sizes = module.SIZES[size_set]
    print(f"\n== {name} ({size_set}: {', '.join(f'{s:,}' for s in sizes)}) ==", flush=True)
    started = time.time()
    result: dict[str, Any] = module.run(sizes, workdir)
    record = {
        "benchmark": name,
        "sizes": size_set,
        "command": " ".join([Path(sys.executable).name, "-m", "benchmarks", *sys.argv[1:]]),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 1),
        "machine": machine(),
        **result,
    }
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
    else:
        module.print_result(result)
        for t in result.get("targets", []):
            verdict = "SKIPPED" if t.get("note") else ("MET" if t["met"] else "MISSED")
            print(f"target {verdict}: {t['target']} (value {t['value']}){' - ' + t['note'] if t.get('note') else ''}")
    if save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{name}-{size_set}.json").write_text(json.dumps(record, indent=2) + "\n")
    return record


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the chosen benchmarks in order."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", choices=("tiny", "small", "medium", "large"), default="small")
    parser.add_argument("--only", default=",".join(MODULES),
                        help=f"comma-separated benchmarks among {', '.join(MODULES)}")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-save", action="store_true", help="do not write results JSON")
    args = parser.parse_args(argv)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in MODULES]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose among {', '.join(MODULES)}")
    workdir = args.workdir or default_workdir()
    for name in chosen:
        run_one(name, args.sizes, workdir, save=not args.no_save)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
