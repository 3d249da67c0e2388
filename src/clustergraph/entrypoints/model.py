"""The answer of an entry-point lookup, as dataclasses with ``to_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..lookup import Resolved


@dataclass
class Hop:
    """One step of a path: from a node, through a relation, to the next node, with its source."""

    source: str
    source_label: str
    relation: str  # as read from source to target: "member of", "has co-organiser", "sub-event of"
    relation_type: str  # agreement, alliance, project, event, unit, funding, or a link kind
    target: str
    target_label: str
    tie: str | None = None
    role: str | None = None
    start: str | None = None
    end: str | None = None
    graph: str | None = None
    evidence: str | None = None
    strength: float = 1.0

    def text(self) -> str:
        """``Biocat —member of→ bioXclusters PLUS``."""
        return f"{self.source_label} —{self.relation}→ {self.target_label}"

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain values."""
        return asdict(self)


@dataclass
class EntryPath:
    """A path of hops from a home actor to an entry point."""

    hops: list[Hop]
    strength: float
    latest_year: int | None

    def text(self) -> str:
        """The path as one line: ``A —r1→ B —r2→ C``."""
        if not self.hops:
            return ""
        parts = [self.hops[0].source_label]
        parts += [f"—{h.relation}→ {h.target_label}" for h in self.hops]
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Hops, strength, latest year and the path as text."""
        return {
            "text": self.text(),
            "strength": self.strength,
            "latest_year": self.latest_year,
            "hops": [h.to_dict() for h in self.hops],
        }


@dataclass
class Contact:
    """A contact point the graph knows (never e-mail or phone)."""

    iri: str
    label: str
    type: str
    organisation: str
    answers_for: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain values."""
        return asdict(self)


@dataclass
class EntryPoint:
    """An actor located in or serving the market, reachable from home, with its paths and score."""

    rank: int
    actor: str
    label: str
    type: str
    reason: str  # "located in Osaka (Japan)", "serves Japan", or both
    located_in: bool
    serves: bool
    score: float
    why: str
    independent_paths: int
    paths: list[EntryPath]
    contacts: list[Contact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain values."""
        return {
            "rank": self.rank,
            "actor": self.actor,
            "label": self.label,
            "type": self.type,
            "reason": self.reason,
            "located_in": self.located_in,
            "serves": self.serves,
            "score": self.score,
            "why": self.why,
            "independent_paths": self.independent_paths,
            "paths": [p.to_dict() for p in self.paths],
            "contacts": [c.to_dict() for c in self.contacts],
        }


@dataclass
class PartialPath:
    """A path from home to an alliance, project, event or agreement that targets the market."""

    affiliation: str
    label: str
    kind: str
    targets: list[str]
    path: EntryPath
    note: str

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain values."""
        return {
            "affiliation": self.affiliation,
            "label": self.label,
            "kind": self.kind,
            "targets": self.targets,
            "note": self.note,
            "path": self.path.to_dict(),
        }


@dataclass
class MissingHop:
    """Why there is no entry point: the hop that is missing and the nearest partial paths."""

    message: str
    market_actors: list[tuple[str, str]] = field(default_factory=list)
    partial_paths: list[PartialPath] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain values."""
        return {
            "message": self.message,
            "market_actors": [{"iri": i, "label": label} for i, label in self.market_actors],
            "partial_paths": [p.to_dict() for p in self.partial_paths],
        }


@dataclass
class EntryPointAnswer:
    """Ranked entry points from a home into a market, or the missing hop."""

    home: Resolved
    home_kind: str  # organisation, alliance or region
    home_actors: list[tuple[str, str]]
    market: Resolved
    entry_points: list[EntryPoint]
    missing: MissingHop | None = None
    sector: Resolved | None = None
    as_of: int | None = None
    reference_year: int | None = None
    relations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Whether at least one entry point was found."""
        return bool(self.entry_points)

    def to_dict(self) -> dict[str, Any]:
        """The whole answer as plain values (JSON-ready)."""
        return {
            "home": {**self.home.model_dump(), "as": self.home_kind},
            "home_actors": [{"iri": i, "label": label} for i, label in self.home_actors],
            "market": self.market.model_dump(),
            "sector": self.sector.model_dump() if self.sector else None,
            "as_of": self.as_of,
            "reference_year": self.reference_year,
            "relations": self.relations,
            "entry_points": [e.to_dict() for e in self.entry_points],
            "missing": self.missing.to_dict() if self.missing else None,
            "notes": self.notes,
        }
