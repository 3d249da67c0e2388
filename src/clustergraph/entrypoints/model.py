"""The answer of an entry-point lookup, as pydantic models.

The same models are the JSON of ``clustergraph entry-points --format json`` (``model_dump``) and
the response model of ``/api/entry-points`` (its OpenAPI schema).

>>> hop = Hop(source="a", source_label="A", relation="member of", relation_type="alliance",
...           target="b", target_label="B", strength=0.9)
>>> EntryPath(hops=[hop], strength=0.9, latest_year=None).text
'A —member of→ B'
"""

from __future__ import annotations

from pydantic import BaseModel, computed_field

from ..lookup.models import Resolved


class Named(BaseModel):
    """A resource of the graph and its label."""

    iri: str
    label: str


class Hop(BaseModel):
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
    graph_title: str | None = None  # the title of the source graph
    evidence: str | None = None
    strength: float = 1.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """``Biocat —member of→ bioXclusters PLUS``."""
        return f"{self.source_label} —{self.relation}→ {self.target_label}"


class EntryPath(BaseModel):
    """A path of hops from a home actor to an entry point."""

    hops: list[Hop]
    strength: float
    latest_year: int | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The path as one line: ``A —r1→ B —r2→ C``."""
        if not self.hops:
            return ""
        parts = [self.hops[0].source_label]
        parts += [f"—{h.relation}→ {h.target_label}" for h in self.hops]
        return " ".join(parts)


class Contact(BaseModel):
    """A contact point the graph knows (never e-mail or phone)."""

    iri: str
    label: str
    type: str
    organisation: str
    answers_for: list[str] = []


class EntryPoint(BaseModel):
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
    contacts: list[Contact] = []


class HomeEntry(BaseModel):
    """An organisation of the home itself that is located in or serves the market: listed apart,
    not ranked as an entry point (it needs no way in)."""

    actor: str
    label: str
    type: str
    reason: str
    located_in: bool
    serves: bool
    contacts: list[Contact] = []


class PartialPath(BaseModel):
    """A path from home to an alliance, project, event or agreement that targets the market."""

    affiliation: str
    label: str
    kind: str
    targets: list[str]
    note: str
    path: EntryPath


class MissingHop(BaseModel):
    """Why there is no entry point: the hop that is missing and the nearest partial paths."""

    message: str
    market_actors: list[Named] = []
    partial_paths: list[PartialPath] = []


class EntryPointAnswer(BaseModel):
    """Ranked entry points from a home into a market, or the missing hop."""

    home: Resolved
    home_kind: str  # organisation, alliance or region
    home_actors: list[Named]
    market: Resolved
    sector: Resolved | None = None
    as_of: int | None = None
    reference_year: int | None = None  # recency is measured against it
    reference: str = ""  # where the reference year comes from: "as of 2016", "the current year"
    score_scale: str = ""
    relations: list[str] = []
    entry_points: list[EntryPoint]
    home_entry_points: list[HomeEntry] = []
    missing: MissingHop | None = None
    notes: list[str] = []

    @property
    def found(self) -> bool:
        """Whether at least one entry point was found."""
        return bool(self.entry_points)
