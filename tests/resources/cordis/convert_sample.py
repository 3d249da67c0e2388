"""Rebuild the CORDIS fixtures of this folder from the pandas re-export in ../shared/datasets.

    python tests/resources/cordis/convert_sample.py

Writes cordis-HORIZONprojects-csv/ (the official CSV layout: ';'-separated, every field quoted,
decimal commas in amounts) and cordis-HORIZONprojects-json/ (one JSON array per file, every value
a string, as the CSV has it) from the 100 real rows of organization.csv and project.csv. Values
are copied as they are, except amounts: the re-export wrote them as floats ("1499998.0",
"3025000.25"), the official files with decimal commas ("1499998", "3025000,25"). Country codes
(EL, UK) and NUTS codes are already as CORDIS writes them.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2].parent / "shared" / "datasets" / "cordis-horizon-sample"
AMOUNTS = {"ecContribution", "netEcContribution", "totalCost", "ecMaxContribution"}


def official_amount(text: str) -> str:
    if not re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
        return text
    whole, _, fraction = text.replace(",", ".").partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole},{fraction}" if fraction else whole


def convert(name: str) -> None:
    with (SAMPLE / name).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        for column in AMOUNTS & row.keys():
            row[column] = official_amount(row[column])
    csv_dir = HERE / "cordis-HORIZONprojects-csv"
    json_dir = HERE / "cordis-HORIZONprojects-json"
    csv_dir.mkdir(exist_ok=True)
    json_dir.mkdir(exist_ok=True)
    with (csv_dir / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (json_dir / name.replace(".csv", ".json")).write_text(
        json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    convert("organization.csv")
    convert("project.csv")
