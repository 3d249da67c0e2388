"""What a lookup answers, as pydantic models: the API's response schemas and the library's values.

>>> Resolved(iri="https://w3id.org/clustergraph/id/biocat", kind="actor", label="Biocat").model_dump()
{'iri': 'https://w3id.org/clustergraph/id/biocat', 'kind': 'actor', 'label': 'Biocat'}
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..terms import compact

#: The kinds of thing a text may stand for: an organisation, a place, a concept (a sector).
Kind = Literal["actor", "place", "concept"]
KINDS: tuple[Kind, ...] = ("actor", "place", "concept")
#: How well a label matches the text, best first.
MatchQuality = Literal["exact", "prefix", "substring"]
MATCH_QUALITIES: tuple[MatchQuality, ...] = ("exact", "prefix", "substring")


class Region(BaseModel):
    """Where an entity is located."""

    iri: str
    name: str | None = Field(None, description="The region's English (else untagged) label")

    def text(self) -> str:
        """How the region is shown: its name, else a compact IRI."""
        return self.name or compact(self.iri)


class Match(BaseModel):
    """One entity a search text names, and how well."""

    iri: str
    name: str = Field(description="The label to show: English, else untagged, else any language")
    kind: Kind | None = Field(None, description="actor, place or concept; null for anything else")
    match: MatchQuality = Field(description="exact (a whole label, alias or code), prefix or substring")
    matched_labels: list[str] = Field(default_factory=list, description="The labels or codes that matched")
    types: list[str] = Field(default_factory=list, description="rdf:type IRIs, sorted")
    regions: list[Region] = Field(default_factory=list)


class SearchResults(BaseModel):
    """The answer of ``/api/search``."""

    query: str
    results: list[Match]


class Resolved(BaseModel):
    """The one thing of the graph a text stands for."""

    model_config = ConfigDict(frozen=True)

    iri: str
    kind: Kind
    label: str


class RdfTerm(BaseModel):
    """An RDF term in the SPARQL 1.1 Query Results JSON form (absent keys are left out)."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    type: Literal["uri", "literal", "bnode", "triple"]
    value: str | dict[str, Any]
    datatype: str | None = Field(None, exclude_if=lambda v: v is None)
    lang: str | None = Field(None, alias="xml:lang", exclude_if=lambda v: v is None)


class Fact(BaseModel):
    """One statement about an entity, the graph (source) that says it, and its evidence."""

    direction: Literal["out", "in"] = Field(description='"out": entity predicate value; "in": value predicate entity')
    predicate: str
    value: RdfTerm
    value_label: str | None = Field(None, description="The English (else untagged) label of an IRI value")
    graph: str = Field(description="The named graph (source) that states it")
    evidence: list[str] = Field(default_factory=list, description="Verbatim quotes of that source")

    def text(self) -> str:
        """How the value is shown: its label, else a compact IRI, else the literal's text."""
        value = str(self.value.value)
        return self.value_label or (compact(value) if self.value.type == "uri" else value)


class Label(BaseModel):
    """One name of an entity."""

    value: str
    language: str | None = None


class Entity(BaseModel):
    """Everything known about one entity: names, types, and facts with their sources."""

    iri: str
    name: str
    labels: list[Label]
    types: list[str]
    graphs: list[str]
    facts: list[Fact]
