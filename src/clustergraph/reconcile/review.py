"""Which scored pairs become proposals, why, and the CSV review sheet a person fills in.

A pair is proposed only when its evidence passes the rules below, whatever its score: names
alike beyond an acronym, and the same country, unless the two share an id.

- A shared id (ROR, Wikidata, ISNI, GRID, FundRef, PIC) is enough on its own.
- Otherwise the countries must be the same; where a country is missing on one side, the
  names must be equal (after normalisation).
- Equal names or the same words in another order are enough with the same country; a name
  that contains the other (``Wageningen University`` in ``Wageningen University & Research``)
  needs the same city too. A shared acronym is never enough, and weaker name likeness never.

>>> from clustergraph.reconcile.model import ScoredPair
>>> pair = ScoredPair("a", "b", 0.99, "aquas", "aquas", {"name": 4, "country": 0, "city": 0, "acronyms": -1, "ids": -1})
>>> reasons(pair) is None  # equal names, other countries, no shared id
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import SheetError
from .candidates import Candidate
from .model import ScoredPair

COLUMNS = [
    "decision", "score", "left_source", "left", "left_name", "left_country", "left_city",
    "right_source", "right", "right_name", "right_country", "right_city", "reasons", "method",
]
ACCEPT = {"accept", "accepted", "yes", "y", "match"}
REJECT = {"reject", "rejected", "no", "n", "no match"}
_NAME = {
    4: "equal names", 3: "the same words", 2: "one name contains the other", 1: "similar names", 0: "different names"
}


def reasons(pair: ScoredPair) -> list[str] | None:
    """The evidence of a pair in words, or ``None`` when the rules above refuse it."""
    g = pair.levels
    said = [f"{_NAME.get(g['name'], 'names')}: {pair.name_left!r} ~ {pair.name_right!r}"]
    shared_id = g["ids"] == 1
    if shared_id:
        said.append("a shared id")
    if g["country"] == 1:
        said.append("same country")
    elif g["country"] == 0:
        if not shared_id:
            return None
        said.append("different countries")
    else:
        said.append("a country unknown on one side")
    if g["city"] == 2:
        said.append("same city")
    elif g["city"] == 1:
        said.append("similar city names")
    if g["acronyms"] == 1:
        said.append("a shared acronym")
    if shared_id:
        return said
    if g["country"] != 1:
        return said if g["name"] == 4 else None
    if g["name"] >= 3 or (g["name"] == 2 and g["city"] >= 1):
        return said
    return None


@dataclass(frozen=True)
class Proposal:
    """One row of the review sheet."""

    pair: ScoredPair
    left: Candidate
    right: Candidate
    reasons: list[str]
    method: str


def keep_best(proposals: list[Proposal]) -> list[Proposal]:
    """Per organisation and other source, only the proposals with its strongest name evidence."""
    best: dict[tuple[str, str], int] = {}
    for p in proposals:
        for key in ((p.left.iri, p.right.source), (p.right.iri, p.left.source)):
            best[key] = max(best.get(key, -1), p.pair.levels["name"])
    return [
        p for p in proposals
        if p.pair.levels["name"] >= best[(p.left.iri, p.right.source)]
        and p.pair.levels["name"] >= best[(p.right.iri, p.left.source)]
    ]


def write_sheet(proposals: list[Proposal], path: Path) -> None:
    """Write the review sheet: one proposal a row, best first, the decision column empty."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for p in proposals:
            writer.writerow([
                "", f"{p.pair.probability:.4f}",
                p.left.source, p.left.iri, p.left.name, p.left.country or "", ";".join(sorted(p.left.cities)),
                p.right.source, p.right.iri, p.right.name, p.right.country or "", ";".join(sorted(p.right.cities)),
                "; ".join(p.reasons), p.method,
            ])


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one row of a sheet."""

    left: str
    right: str
    accepted: bool
    score: str
    reasons: str
    method: str
    line: int


def read_sheet(path: Path) -> list[Decision]:
    """The decided rows of a review sheet (rows left empty are skipped).

    Raises
    ------
    SheetError
        A missing column, an unknown decision word or a row without IRIs (file, row, column).
    """
    if not path.is_file():
        from ..errors import InputNotFoundError

        raise InputNotFoundError(str(path))
    decided: list[Decision] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("decision", "left", "right") if c not in (reader.fieldnames or [])]
        if missing:
            raise SheetError(str(path), f"missing column(s) {', '.join(missing)}; write decisions into the sheet"
                             " `clustergraph reconcile propose` made", row=1)
        for row in reader:
            line = reader.line_num
            word = (row.get("decision") or "").strip().lower()
            if not word:
                continue
            if word not in ACCEPT | REJECT:
                raise SheetError(str(path), f"{word!r} is no decision; write accept or reject (or leave it empty)",
                                 row=line, column="decision")
            left, right = (row.get("left") or "").strip(), (row.get("right") or "").strip()
            if not left.startswith(("http://", "https://")) or not right.startswith(("http://", "https://")):
                raise SheetError(str(path), "a decided row needs the IRIs of both organisations", row=line,
                                 column="left" if not left.startswith("http") else "right")
            decided.append(Decision(left, right, word in ACCEPT, (row.get("score") or "").strip(),
                                    (row.get("reasons") or "").strip(), (row.get("method") or "").strip(), line))
    return decided
