"""The ties of actors as one table of integer arrays: no Python object per tie.

One row per stated tie (kind, tie node, actor, target): the actor's and the target's node ids
(see :attr:`clustergraph.network.records.Records.iris`), the kind, the relation type, and the
start and end years (``0`` when unknown). The years follow the projection's rule: a tie's own
dates, or else those of the alliance, project, event or agreement it points at; an event without
an end date ends the year it starts. What a hop shows (roles in words, the dates as stated, the
graphs and their quotes) is read again for the answers returned only
(:mod:`clustergraph.network.sources`).

>>> import numpy as np
>>> table = TieTable.from_rows([("membership", "m1", 0, 2, "alliance", 2015, 0),
...                             ("party", "a1", 1, 3, "agreement", 2005, 0)])
>>> table.relation_names(), table.kept(("agreement",), None).tolist()
(['alliance', 'agreement'], [False, True])
>>> table.kept(None, 2010).tolist()
[False, True]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .relations import DEFAULT_RELATIONS, RELATION_STRENGTH

#: The kinds of tie, by code.
KINDS: tuple[str, ...] = ("membership", "participation", "party", "funder", "unit")
#: The relation types, by code (strongest first, as :data:`RELATION_STRENGTH`).
RELATIONS: tuple[str, ...] = tuple(RELATION_STRENGTH)
#: The strength of each relation code.
STRENGTHS = np.array([RELATION_STRENGTH[r] for r in RELATIONS], dtype=np.float64)

Row = tuple[str, str, int, int, str, int, int]  # kind, tie node, actor id, target id, relation, start, end


@dataclass(eq=False)
class TieTable:
    """Every tie as arrays of equal length."""

    nodes: list[str] = field(default_factory=list)  # IRI of the tie node (or of the target)
    actor: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    target: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    kind: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    relation: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    start: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, np.int16))
    end: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros(0, np.int16))

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> TieTable:
        """A table from ``(kind, tie node, actor id, target id, relation, start, end)`` rows,
        sorted by actor, target, kind and tie node."""
        ordered = sorted(rows, key=lambda r: (r[2], r[3], KINDS.index(r[0]), r[1]))
        codes = {r: i for i, r in enumerate(RELATIONS)}
        return cls(
            nodes=[r[1] for r in ordered],
            actor=np.array([r[2] for r in ordered], dtype=np.int32),
            target=np.array([r[3] for r in ordered], dtype=np.int32),
            kind=np.array([KINDS.index(r[0]) for r in ordered], dtype=np.int8),
            relation=np.array([codes[r[4]] for r in ordered], dtype=np.int8),
            start=np.array([r[5] for r in ordered], dtype=np.int16),
            end=np.array([r[6] for r in ordered], dtype=np.int16),
        )

    def __len__(self) -> int:
        return len(self.nodes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TieTable):
            return NotImplemented
        arrays = ("actor", "target", "kind", "relation", "start", "end")
        return self.nodes == other.nodes and all(np.array_equal(getattr(self, a), getattr(other, a)) for a in arrays)

    __hash__ = None  # type: ignore[assignment]

    def relation_names(self) -> list[str]:
        """The relation type of every tie, in words."""
        return [RELATIONS[int(c)] for c in self.relation]

    def kept(self, relations: Sequence[str] | None, as_of: int | None) -> npt.NDArray[np.bool_]:
        """Which ties a projection keeps: relation type chosen, and holding in ``as_of``
        (start <= Y and (no end or end >= Y); undated ties always count)."""
        chosen = [RELATIONS.index(r) for r in (relations or DEFAULT_RELATIONS)]
        mask: npt.NDArray[np.bool_] = np.isin(self.relation, chosen)
        if as_of is not None:
            mask &= (self.start == 0) | (self.start <= as_of)
            mask &= (self.end == 0) | (self.end >= as_of)
        return mask

    def members(self, target: int, iris: Sequence[str]) -> list[str]:
        """The actors (IRIs, sorted) with a membership tie to node ``target``."""
        hit = (self.target == target) & (self.kind == KINDS.index("membership"))
        return sorted({iris[int(a)] for a in self.actor[hit]})

    def latest_year(self) -> int | None:
        """The latest year any tie carries."""
        years = np.concatenate([self.start, self.end])
        years = years[years > 0]
        return int(years.max()) if len(years) else None
