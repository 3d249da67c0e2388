"""Propose, review and record links between the same organisation in several sources.

The same organisation appears in the curated graph, in CORDIS ("BIOINDUSTRY PARK SILVANO FUMERO
SPA") and in ROR. :func:`propose` scores candidate pairs across the three sources with a
record-linkage model (:mod:`.model`: splink on DuckDB, rapidfuzz name measures), keeps those
the evidence rules allow (:mod:`.review`) and writes them to a CSV review sheet with score and
reasons. A person marks each row accept or reject; :func:`apply_review` records the decisions in
the links graph (:mod:`.links`), where an accepted pair becomes ``owl:sameAs``. Nothing is
merged silently: the projection (entry points, gaps) treats a linked set as one actor.

Needs the ``reconcile`` extra (``pip install 'clustergraph[reconcile]'``: splink, duckdb, rapidfuzz).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import sparql
from ..errors import ClusterGraphError
from ..store.base import Store
from ..store.results import SelectResult
from .candidates import read_candidates
from .links import LINKS_GRAPH, record_decisions
from .review import Proposal, keep_best, read_sheet, reasons, write_sheet

__all__ = ["LINKS_GRAPH", "ProposeReport", "apply_review", "propose"]


class MissingExtraError(ClusterGraphError):
    """The optional reconciliation libraries are not installed."""


def _require() -> None:
    missing = []
    for module in ("splink", "duckdb", "rapidfuzz", "pyarrow"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtraError(
            f"reconciliation needs {', '.join(missing)}, which are not installed;"
            " install them with: pip install 'clustergraph[reconcile]'"
        )


@dataclass
class ProposeReport:
    """What :func:`propose` compared and proposed."""

    organisations: dict[str, int]
    scored: int
    proposed: int
    already_decided: int
    sheet: Path


def _decided(store: Store) -> set[frozenset[str]]:
    result = store.query(sparql.load("links-decisions"))
    assert isinstance(result, SelectResult)
    return {frozenset((row[1].value, row[2].value)) for row in result.rows if row[1] and row[2]}  # type: ignore[union-attr]


def propose(store: Store, sheet: str | Path, *, threshold: float = 0.5, seed: int = 7) -> ProposeReport:
    """Write the review sheet of the matches proposed between curated, CORDIS and ROR organisations.

    Parameters
    ----------
    store : Store
        Any store holding organisations of at least two sources.
    sheet : str or Path
        The CSV file to write.
    threshold : float
        The least match probability a proposal has (0-1).
    seed : int
        Seed of the model's random sampling (the same data and seed give the same sheet).
    """
    _require()
    from .model import METHOD, rows, score

    candidates = read_candidates(store)
    decided = _decided(store)
    pairs = score(rows(candidates.values()), threshold=threshold, seed=seed)
    proposals: list[Proposal] = []
    for pair in pairs:
        said = reasons(pair) if pair.probability >= threshold else None
        if said is not None:
            proposals.append(Proposal(pair, candidates[pair.left], candidates[pair.right], said, METHOD))
    # the best per organisation first, decided ones included: a decision also settles the weaker rivals
    proposals = keep_best(proposals)
    skipped = sum(1 for p in proposals if frozenset((p.left.iri, p.right.iri)) in decided)
    proposals = [p for p in proposals if frozenset((p.left.iri, p.right.iri)) not in decided]
    path = Path(sheet)
    write_sheet(proposals, path)
    counts: dict[str, int] = {}
    for c in candidates.values():
        counts[c.source] = counts.get(c.source, 0) + 1
    return ProposeReport(counts, len(pairs), len(proposals), skipped, path)


def apply_review(store: Store, sheet: str | Path, *, reviewer: str) -> tuple[int, int]:
    """Record the decisions of a filled review sheet in the links graph; return (accepted, rejected).

    Raises
    ------
    SheetError, InputError
        A malformed sheet, or a decision on something that is no organisation of the store;
        nothing is recorded then.
    """
    path = Path(sheet)
    decisions = read_sheet(path)
    known = set(read_candidates(store))
    return record_decisions(store, decisions, reviewer=reviewer, sheet=path.name, known=known)
