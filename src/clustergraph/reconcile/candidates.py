"""The organisations to reconcile, read from the store: source, names, ids, country, city.

An organisation's source is the graph that types it: ``graph:cordis/...`` is CORDIS,
``graph:ror`` is ROR, any other graph (the curated sources, user files) is curated. Attributes
are read as each graph states them, so an organisation's names are those of its own source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .. import sparql
from ..namespaces import GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH
from ..store.base import Store
from ..store.results import SelectResult
from .names import fold, normalise

SOURCES = ("curated", "cordis", "ror")
_PARENS = re.compile(r"\([^)]*\)")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&.\-]{0,9}$")


def latin(name: str) -> bool:
    """Whether most letters of a name are Latin (with or without accents).

    >>> latin("Universität Wien"), latin("大冢制药研发（北京）有限公司 (China)")
    (True, False)
    """
    letters = [c for c in name if c.isalpha()]
    ascii_like = sum(1 for c in letters if fold(c))
    return bool(letters) and ascii_like * 2 > len(letters)
ID_KEYS = ("pic", "ror", "wikidata", "isni", "grid", "fundref")


def source_of(graph: str) -> str | None:
    """The source an organisation typed in ``graph`` belongs to (``None``: not one to reconcile).

    >>> source_of("https://w3id.org/clustergraph/graph/cordis/horizon-europe/organization")
    'cordis'
    >>> source_of("https://w3id.org/clustergraph/graph/004-netbioclue")
    'curated'
    """
    if graph in (ONTOLOGY_GRAPH, SHAPES_GRAPH, GRAPH + "places", GRAPH + "links"):
        return None
    if graph.startswith(GRAPH + "synthetic"):
        return None
    if graph.startswith(GRAPH + "cordis/"):
        return "cordis"
    if graph == GRAPH + "ror":
        return "ror"
    return "curated"


@dataclass
class Candidate:
    """One organisation as reconciliation sees it."""

    iri: str
    source: str
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # "kind:value", e.g. "ror:https://ror.org/04qw24q55"
    countries: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)  # folded

    @property
    def name(self) -> str:
        """The name to show: the first label, else the first alias."""
        return (self.labels or self.aliases or [self.iri])[0]

    def normalised_names(self) -> list[str]:
        """Every name but acronyms, normalised (distinct, the display name first)."""
        seen: dict[str, None] = {}
        acronyms = self.acronym_keys()
        for name in [*self.labels, *self.aliases]:
            if not latin(name):
                continue  # names in other scripts fold to nothing comparable (the "(China)" of a Chinese label)
            # "Sciensano (Belgium)", "Institut de Recherche (IRD)": the name without its parentheses too
            for variant in (name, _PARENS.sub(" ", name)):
                key = normalise(variant)
                if key and key not in acronyms:
                    seen.setdefault(key, None)
        return list(seen)

    def acronym_keys(self) -> set[str]:
        """The acronyms, and aliases that look like one (one word in capitals), folded without spaces."""
        short = [a for a in self.aliases if _ACRONYM.match(a.strip())]
        return {fold(a).replace(" ", "") for a in [*self.acronyms, *short] if a.strip()}

    @property
    def country(self) -> str | None:
        """The one country the organisation lies in, or ``None`` (none or several)."""
        return next(iter(self.countries)) if len(self.countries) == 1 else None


def _rows(store: Store, name: str) -> list[tuple[str, ...]]:
    result = store.query(sparql.load(name))
    assert isinstance(result, SelectResult)
    return [tuple(t.value for t in row) for row in result.rows if None not in row]  # type: ignore[union-attr]


def read_candidates(store: Store) -> dict[str, Candidate]:
    """Every organisation of the curated, CORDIS and ROR graphs, keyed by IRI."""
    found: dict[str, Candidate] = {}
    for org, graph in _rows(store, "reconcile-organisations"):
        source = source_of(graph)
        if source is None:
            continue
        current = found.get(org)
        if current is None or SOURCES.index(source) < SOURCES.index(current.source):
            found[org] = Candidate(org, source)  # curated beats cordis beats ror for a shared IRI
    country_of: dict[str, set[str]] = defaultdict(set)
    city_name: dict[str, str] = {}
    for place, key, value in _rows(store, "reconcile-places"):
        if key == "country":
            country_of[place].add(value.upper())
        elif place not in city_name:
            city_name[place] = value
    for org, graph, key, value in _rows(store, "reconcile-attributes"):
        c = found.get(org)
        if c is None or source_of(graph) != c.source:
            continue
        if key == "label":
            c.labels.append(value)
        elif key == "alt":
            c.aliases.append(value)
        elif key == "acronym":
            c.acronyms.append(value)
        elif key in ID_KEYS:
            c.ids.add(f"{key}:{value}")
        elif key == "city":
            c.cities.add(fold(value))
        elif key == "place":
            c.countries |= country_of.get(value, set())
            if value in city_name:
                c.cities.add(fold(city_name[value]))
    for c in found.values():
        c.labels.sort()
        c.aliases = sorted(set(c.aliases) - set(c.acronyms))
    return found
