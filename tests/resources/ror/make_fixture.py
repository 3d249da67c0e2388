"""Rebuild v2.1-2025-12-15-ror-data.json here from the ROR sample in ../shared/datasets.

    python tests/resources/ror/make_fixture.py

Picks real records, unchanged, in the sample's order: the organisations the reconciliation tests
label (tests/resources/reconcile/labels.csv), those in Estonia, Georgia, Catalonia and Piedmont,
the parents and children of the first ones (some relationships point outside the fixture, as in
a real dump), and records that are inactive or withdrawn or have several locations.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2].parent / "shared" / "datasets" / "ror" / "v2-sample-ror-data.zip"
WANTED = {
    "https://ror.org/04qw24q55", "https://ror.org/03bnmw459", "https://ror.org/01femje42", "https://ror.org/01hhn8329",
    "https://ror.org/04xfq0f34", "https://ror.org/032bjez07", "https://ror.org/04ejags36", "https://ror.org/04m5j1k67",
    "https://ror.org/04dp46240", "https://ror.org/05vf0dg29", "https://ror.org/01y7kcv93", "https://ror.org/036dxts37",
    "https://ror.org/05rrcem69", "https://ror.org/0472cxd90", "https://ror.org/044xw2q20",
}


def main() -> None:
    with zipfile.ZipFile(SAMPLE) as z:
        records = json.loads(z.read(z.namelist()[0]))
    by_id = {r["id"]: r for r in records}
    chosen = set(WANTED)
    regional: dict[str, int] = {}
    for r in records:
        where = r["locations"][0]["geonames_details"] if r["locations"] else {}
        key = where.get("country_code") if where.get("country_code") in ("EE", "GE") else where.get("country_subdivision_code")
        if key in ("EE", "GE", "CT", "21") and regional.get(key, 0) < 25:
            regional[key] = regional.get(key, 0) + 1
            chosen.add(r["id"])
    for rid in list(WANTED):
        for rel in by_id[rid]["relationships"][:3]:
            if rel["id"] in by_id:
                chosen.add(rel["id"])
    odd = [r["id"] for r in records if r["status"] != "active"][:4] + [r["id"] for r in records if len(r["locations"]) > 1][:3]
    chosen.update(odd)
    picked = [r for r in records if r["id"] in chosen]
    (HERE / "v2.1-2025-12-15-ror-data.json").write_text(json.dumps(picked, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(picked), "records")


if __name__ == "__main__":
    main()
