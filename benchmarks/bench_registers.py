"""Register benchmarks: ``import cordis`` against ``bulk_load`` of its N-Quads, ``import ror``, ``reconcile``.

- ``import cordis``: an invented HORIZON download (``clustergraph generate-cordis``) of N
  participations, imported into a fresh on-disk store that holds the bundled graph; the
  baseline is pyoxigraph's ``bulk_load`` of exactly the quads the import stored (its graphs,
  dumped to N-Quads), into a fresh store of the same kind. Target: the import at least 0.3 x
  the baseline's quads per second, peak under 2 GiB.
- ``import ror``: a dump of R records made from the shared ROR sample (every record repeated
  with new ids until R); target under 2 minutes, peak under 2 GiB.
- ``reconcile``: ``reconcile propose`` over the imported CORDIS organisations and ROR records;
  target 10^5 x 10^5 under 5 minutes; precision and recall on the labelled pairs of
  tests/resources/reconcile on the real samples.

Each contender runs in a fresh subprocess (peak memory its own); timings exclude interpreter
start-up. Run niced on a shared machine; the ratios are what the targets use.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from .common import REPO, child_report, run_child, table

NAME = "registers"
SIZES = {"tiny": [2_000], "small": [10**5], "medium": [10**5, 10**6], "large": [10**6]}
GIB = 1024.0
SAMPLE = REPO.parent / "shared" / "datasets" / "ror" / "v2-sample-ror-data.zip"


def _base_store(workdir: Path) -> Path:
    """An on-disk store with the bundled graph (built once, copied per contender)."""
    base = workdir / "registers-base-store"
    if not base.exists():
        from clustergraph.ingest import build
        from clustergraph.store import EmbeddedStore

        store = EmbeddedStore(base)
        build(store, validate=False)
        store.close()
    return base


def ror_dump(workdir: Path, records: int) -> Path:
    """A ROR v2 dump of ``records`` records: the sample's, repeated with new ids (and names)."""
    path = workdir / f"v2.1-2025-12-15-ror-data-{records}.zip"
    if path.exists():
        return path
    with zipfile.ZipFile(SAMPLE) as z:
        sample = json.loads(z.read(z.namelist()[0]))
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    out = []
    for i in range(records):
        record = json.loads(json.dumps(sample[i % len(sample)]))
        if i >= len(sample):
            n, suffix = i, ""
            for _ in range(7):
                n, r = divmod(n, 32)
                suffix += alphabet[r]
            record["id"] = f"https://ror.org/0z{suffix}"  # 0 + 8 characters, as ROR ids are
            for name in record["names"]:
                name["value"] = f"{name['value']} {i // len(sample)}"
        out.append(record)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(path.stem + ".json", json.dumps(out))
    return path


def _child(kind: str, source: str, store: str, extra: str) -> None:
    if kind == "import cordis":
        from clustergraph.ingest.cordis import import_cordis
        from clustergraph.store import EmbeddedStore

        s = EmbeddedStore(Path(store))
        start = time.perf_counter()
        report = import_cordis(s, [Path(source)])
        seconds = time.perf_counter() - start
        s.close()
        child_report(seconds=seconds, quads=report.quads)
    elif kind == "bulk_load":
        from pyoxigraph import RdfFormat, Store

        ox = Store(store)
        start = time.perf_counter()
        ox.bulk_load(path=source, format=RdfFormat.N_QUADS)
        seconds = time.perf_counter() - start
        child_report(seconds=seconds, quads=len(ox))
    elif kind == "import ror":
        from clustergraph.ingest.ror import import_ror
        from clustergraph.store import EmbeddedStore

        s = EmbeddedStore(Path(store))
        start = time.perf_counter()
        report = import_ror(s, Path(source))
        seconds = time.perf_counter() - start
        s.close()
        child_report(seconds=seconds, quads=report.quads, records=report.files[0].records)
    elif kind == "reconcile":
        from clustergraph.reconcile import propose
        from clustergraph.store import EmbeddedStore

        s = EmbeddedStore(Path(store), read_only=True)
        start = time.perf_counter()
        report = propose(s, Path(extra))
        seconds = time.perf_counter() - start
        child_report(seconds=seconds, proposed=report.proposed, organisations=report.organisations)
    else:
        raise SystemExit(f"unknown contender {kind!r}")


def _dump_graphs(store_path: Path, graphs: list[str], target: Path) -> int:
    from clustergraph.store import EmbeddedStore

    store = EmbeddedStore(store_path, read_only=True)
    with target.open("wb") as out:
        store.dump(out, graphs=graphs)
    count = sum(store.count(g) for g in graphs)
    store.close()
    return count


def _precision_recall(sheet: Path) -> dict[str, Any]:
    labels = list(csv.DictReader((REPO / "tests" / "resources" / "reconcile" / "labels.csv").open(encoding="utf-8")))
    proposed = {(r["left"], r["right"]) for r in csv.DictReader(sheet.open(encoding="utf-8"))}
    true = {(label["left"], label["right"]) for label in labels if label["match"] == "yes"}
    false = {(label["left"], label["right"]) for label in labels if label["match"] == "no"}
    tp, fp = len(true & proposed), len(false & proposed)
    return {"labelled": len(labels), "true_positives": tp, "false_positives": fp,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None, "recall": round(tp / len(true), 3)}


def run(sizes: list[int], workdir: Path, *, timeout: float = 3600) -> dict[str, Any]:
    """Measure the register imports and reconciliation at each size (participations / records)."""
    from clustergraph.synthetic.cordis import write_cordis

    workdir.mkdir(parents=True, exist_ok=True)
    base = _base_store(workdir)
    rows: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    for n in sizes:
        folder = workdir / f"cordis-{n}" / "cordis-HORIZONprojects-csv"
        if not (folder / "organization.csv").exists():
            write_cordis(folder, participations=n, seed=7)
        scratch = workdir / "registers-store"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(base, scratch)
        imported = run_child("benchmarks.bench_registers", ["child", "import cordis", str(folder), str(scratch), ""],
                             timeout=timeout)
        if not imported.ok:
            rows.append({"size": n, "contender": "import cordis", "error": imported.error})
            continue
        nq = workdir / f"cordis-{n}.nq"
        graphs = [f"https://w3id.org/clustergraph/graph/cordis/horizon-europe/{k}" for k in ("project", "organization")]
        quads = _dump_graphs(scratch, graphs, nq)
        bulk_store = workdir / "registers-bulk"
        shutil.rmtree(bulk_store, ignore_errors=True)
        bulk = run_child("benchmarks.bench_registers", ["child", "bulk_load", str(nq), str(bulk_store), ""],
                         timeout=timeout)
        shutil.rmtree(bulk_store, ignore_errors=True)
        for name, result in (("import cordis", imported), ("pyoxigraph bulk_load of its N-Quads", bulk)):
            seconds = float(result.report.get("seconds", 0))
            rows.append({"size": n, "contender": name, "quads": quads, "seconds": round(seconds, 2),
                         "quads_per_s": round(quads / seconds) if seconds else None,
                         "peak_mib": round(result.max_rss_mib, 1), "error": result.error or None})
        if bulk.ok:
            ratio = float(bulk.report["seconds"]) / float(imported.report["seconds"])
            targets.append({"target": f"import cordis >= 0.3 x bulk_load speed at {n:,} participations",
                            "value": round(ratio, 3), "met": ratio >= 0.3 and imported.max_rss_mib < 2 * GIB})
        # ROR at the same record count (capped at 10^5, the figure's size)
        records = min(n, 10**5)
        dump = ror_dump(workdir, records)
        ror = run_child("benchmarks.bench_registers", ["child", "import ror", str(dump), str(scratch), ""],
                        timeout=timeout)
        seconds = float(ror.report.get("seconds", 0))
        rows.append({"size": records, "contender": "import ror", "quads": ror.report.get("quads"),
                     "seconds": round(seconds, 2), "peak_mib": round(ror.max_rss_mib, 1), "error": ror.error or None})
        if ror.ok and records >= 10**5:
            targets.append({"target": "import ror of 10^5 records < 120 s, peak < 2 GiB", "value": round(seconds, 1),
                            "met": seconds < 120 and ror.max_rss_mib < 2 * GIB})
        sheet = workdir / f"review-{n}.csv"
        rec = run_child("benchmarks.bench_registers", ["child", "reconcile", "", str(scratch), str(sheet)],
                        timeout=timeout)
        seconds = float(rec.report.get("seconds", 0))
        rows.append({"size": f"{rec.report.get('organisations')}", "contender": "reconcile propose",
                     "seconds": round(seconds, 2), "peak_mib": round(rec.max_rss_mib, 1),
                     "proposed": rec.report.get("proposed"), "error": rec.error or None})
        if rec.ok and n >= 10**5:
            targets.append({"target": f"reconcile of {rec.report.get('organisations')} < 300 s",
                            "value": round(seconds, 1), "met": seconds < 300})
        shutil.rmtree(scratch, ignore_errors=True)
    # precision and recall on the labelled real pairs
    quality = _labelled_quality(workdir, base, timeout)
    return {"rows": rows, "targets": targets, "quality": quality}


def _labelled_quality(workdir: Path, base: Path, timeout: float) -> dict[str, Any]:
    from clustergraph.ingest.cordis import import_cordis
    from clustergraph.ingest.ror import import_ror
    from clustergraph.store import EmbeddedStore

    scratch = workdir / "registers-labelled"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(base, scratch)
    store = EmbeddedStore(scratch)
    import_cordis(store, [REPO / "tests" / "resources" / "cordis" / "cordis-HORIZONprojects-csv"])
    import_ror(store, SAMPLE)
    store.close()
    sheet = workdir / "review-labelled.csv"
    result = run_child("benchmarks.bench_registers", ["child", "reconcile", "", str(scratch), str(sheet)],
                       timeout=timeout)
    shutil.rmtree(scratch, ignore_errors=True)
    if not result.ok:
        return {"error": result.error}
    return {"pairs": "CORDIS sample (92 organisations) x ROR sample (11,072 records)",
            "seconds": round(float(result.report["seconds"]), 2), **_precision_recall(sheet)}


def print_result(result: dict[str, Any]) -> None:
    """Print the tables."""
    headers = ["size", "contender", "quads", "seconds", "quads_per_s", "peak_mib", "proposed", "error"]
    print(table(headers, [[r.get(h, "") for h in headers] for r in result["rows"]]))
    print("labelled quality:", result["quality"])


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "child":
    _child(*sys.argv[2:6])
