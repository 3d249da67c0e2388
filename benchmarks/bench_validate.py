"""Validation benchmark: pyshacl against rudof (pyrudof), side by side on the same data and shapes.

Run: ``python -m benchmarks.bench_validate [ACTORS]`` (default 500 synthetic actors). For each
case (the curated graph's source graphs, a synthetic ecosystem, the invalid test files) both
engines validate the same focus nodes and neighbourhood (``validate_quads(..., scope=...)``);
the line reports each engine's seconds, the ratio and whether their violations are equal.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from clustergraph.ingest import bundled_files, validate_quads
from clustergraph.ingest.reading import read_file

RESOURCES = Path(__file__).resolve().parents[1] / "tests" / "resources"


def _cases(actors: int) -> list[tuple[str, list, list]]:
    from clustergraph.synthetic import generate_file

    files = [f for f in bundled_files() if f.role not in ("shapes",)]
    context = [q for f in files if f.role != "reference" for q in read_file(f.path, graph=f.graph)]
    sources = [q for f in files if f.role == "source" for q in read_file(f.path, graph=f.graph)]
    cases = [("curated graph (source graphs)", context, sources)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.nq"
        generate_file(path, actors=actors, seed=7)
        synthetic = read_file(path, graph="urn:synthetic")
    cases.append((f"synthetic ecosystem ({actors} actors, {len(synthetic)} quads)", [*context, *synthetic], synthetic))
    for name in ("user-organisation-invalid.ttl", "user-organisation.ttl"):
        new = read_file(RESOURCES / name, graph="urn:user")
        cases.append((name, [*context, *new], new))
    return cases


def main(argv: list[str]) -> None:
    actors = int(argv[0]) if argv else 500
    shapes = read_file(next(f for f in bundled_files() if f.role == "shapes").path, graph="urn:s")
    rows = []
    for name, data, scope in _cases(actors):
        seconds, answers = {}, {}
        for engine in ("pyshacl", "rudof"):
            start = time.perf_counter()
            answers[engine] = validate_quads(data, shapes, scope=scope, engine=engine)
            seconds[engine] = time.perf_counter() - start
        rows.append({"case": name, "pyshacl_s": round(seconds["pyshacl"], 3), "rudof_s": round(seconds["rudof"], 3),
                     "rudof_speed_vs_pyshacl": round(seconds["pyshacl"] / seconds["rudof"], 2),
                     "violations": len(answers["pyshacl"]), "agree": answers["pyshacl"] == answers["rudof"]})
        print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
