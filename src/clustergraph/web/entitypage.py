"""An entity as a person reads it: its names and types, its statements grouped by relation in
words (from the ontology's labels), each with its own quote and the title of its source.

The facts come from :func:`clustergraph.lookup.entity`: each fact carries the quotes of the
statement itself (the ``oa:exact`` of the quote its ``rdf:Statement`` is derived from). A graph
that quotes only the entity as a whole (one quote behind every statement of the entity there, as
a user's ``cg:evidence`` shorthand gives) gives every fact of that graph the same quotes; those
are shown once, under the source, not repeated on every row.

>>> from clustergraph.network.example import example_store
>>> page = entity_page(example_store(), "https://w3id.org/clustergraph/id/alpha-cluster")
>>> page.name, [g.heading for g in page.groups][:2]
('Alpha Cluster', ['located in', 'contact point'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lookup, sparql
from ..lookup.matching import class_kinds, kind_of
from ..namespaces import CG, GRAPH, INFERRED_GRAPH, RDF, SCHEMA, SKOS
from ..store.base import Store
from ..store.results import SelectResult, term_value
from ..terms import LABEL_PROPERTIES, compact, local_name
from .questions import entity_href, slug

#: Statements shown elsewhere on the page (names, types) or that are quotes, not statements.
_NOT_LISTED = {RDF + "type", *LABEL_PROPERTIES}


@dataclass
class Source:
    """A named graph as a page names it."""

    iri: str
    title: str
    href: str | None
    description: str | None = None
    language: str | None = None
    date: str | None = None
    file: str | None = None
    creator: str | None = None


@dataclass
class Statement:
    """One value of a relation, with the source that states it and the words that do."""

    text: str
    href: str | None
    source: Source
    quotes: list[str]


@dataclass
class Group:
    """The statements of one relation in one direction."""

    heading: str
    property: str
    direction: str
    statements: list[Statement] = field(default_factory=list)


@dataclass
class EntityPage:
    """What ``entity.html`` shows."""

    iri: str
    name: str
    kind: str | None
    types: list[str]
    labels: list[lookup.Label]
    groups: list[Group]
    about: dict[str, list[str]]
    sources: list[Source]


def words(name: str) -> str:
    """A camelCase local name in words.

    >>> words("targetMarket"), words("CoOrganiser")
    ('target market', 'co organiser')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower()


def property_labels(store: Store) -> dict[str, str]:
    """The ontology's English label of each property and class it declares."""
    result = store.query(sparql.load("web-property-labels"))
    assert isinstance(result, SelectResult)
    labels: dict[str, str] = {}
    for row in result.rows:
        prop, label = row
        if prop is not None and label is not None:
            labels.setdefault(term_value(prop), term_value(label))
    return labels


def sources(store: Store) -> dict[str, Source]:
    """Every named graph that describes itself (title and more), by IRI."""
    result = store.query(sparql.load("web-source-descriptions"))
    assert isinstance(result, SelectResult)
    found: dict[str, Source] = {}
    for row in result.dicts():
        iri = term_value(row["graph"])
        values = {k: term_value(v) for k, v in row.items()}
        known = found.get(iri)
        if known is None or (row["title"].language if hasattr(row["title"], "language") else "") == "en":
            found[iri] = Source(
                iri=iri, title=values["title"], href=entity_href(iri), description=values.get("description"),
                language=values.get("language"), date=values.get("date"), file=values.get("file"),
                creator=values.get("creatorLabel"),
            )
    return found


def source_of(iri: str, known: dict[str, Source]) -> Source:
    """The source of a graph IRI: its own description, else its slug as title."""
    return known.get(iri) or Source(iri=iri, title=iri[len(GRAPH):] if iri.startswith(GRAPH) else compact(iri),
                                    href=entity_href(iri))


def entity_page(store: Store, iri: str) -> EntityPage:
    """Everything known about an entity, laid out for reading.

    Raises
    ------
    NotFoundError
        When the graph says nothing about it.
    """
    info = lookup.entity(store, iri)
    # what the sources say: the build's inferences (superclasses, inverses, periods) are left out
    stated = [f for f in info.facts if f.graph != INFERRED_GRAPH]
    labels = property_labels(store)
    known = sources(store)
    quoted: dict[str, set[tuple[str, ...]]] = {}
    for fact in stated:
        if fact.direction == "out":
            quoted.setdefault(fact.graph, set()).add(tuple(sorted(set(fact.evidence))))
    # a graph whose every statement of the entity has the same quotes quotes the entity as a whole
    about = {g: list(next(iter(q))) for g, q in quoted.items() if len(q) == 1 and next(iter(q))}
    groups: dict[tuple[str, str], Group] = {}
    for fact in stated:
        if fact.direction == "out" and fact.predicate in _NOT_LISTED:
            continue
        label = labels.get(fact.predicate) or words(local_name(fact.predicate))
        heading = label if fact.direction == "out" else _inverse(label)
        group = groups.setdefault((fact.direction, fact.predicate), Group(heading, fact.predicate, fact.direction))
        quotes = [] if sorted(set(fact.evidence)) == about.get(fact.graph) else list(fact.evidence)
        value = str(fact.value.value)
        text = fact.text()
        if fact.value.type == "uri" and fact.value_label is None and fact.direction == "in":
            text = _summary(store, value, iri, labels) or text
        group.statements.append(Statement(
            text=text, href=entity_href(value) if fact.value.type == "uri" else None,
            source=source_of(fact.graph, known), quotes=quotes,
        ))
    ordered = sorted(groups.values(), key=lambda g: (g.direction != "out", _ORDER.get(g.property, 50), g.heading))
    own_types = {str(f.value.value) for f in stated if f.direction == "out" and f.predicate == RDF + "type"}
    type_names = sorted({labels.get(t) or words(local_name(t)) for t in (own_types or set(info.types))})
    return EntityPage(
        iri=iri, name=info.name, kind=kind_of(info.types, class_kinds(store)), types=type_names,
        labels=info.labels, groups=ordered, about=about, sources=[source_of(g, known) for g in info.graphs],
    )


def _summary(store: Store, node: str, entity: str, labels: dict[str, str]) -> str | None:
    """A node without a name (a membership, a participation, a post) in words: what else it ties
    the entity to, and its literal attributes (role, dates), e.g. ``bioXclusters PLUS · start 2016``."""
    parts: list[str] = []
    for fact in lookup.facts(store, node):
        if fact.graph == INFERRED_GRAPH:
            continue
        if fact.direction != "out" or fact.predicate in _NOT_LISTED or str(fact.value.value) == entity:
            continue
        if fact.value.type == "uri":
            if fact.value_label:
                parts.append(fact.value_label)
        else:
            name = labels.get(fact.predicate) or words(local_name(fact.predicate))
            parts.append(f"{name} {fact.value.value}")
    unique = list(dict.fromkeys(parts))
    return " · ".join(unique[:6]) if unique else None


_PREPOSITIONS = (" to", " of", " in", " at", " by", " with", " for", " from")


def _inverse(label: str) -> str:
    """The heading of a relation read from its object: "is participant of", "is linked to by".

    >>> _inverse("participant"), _inverse("linked to")
    ('is participant of', 'is linked to by')
    """
    return f"is {label} by" if label.endswith(_PREPOSITIONS) else f"is {label} of"


#: Relations listed first, in this order (the rest by heading).
_ORDER = {CG + "locatedIn": 0, CG + "servesMarket": 1, SCHEMA + "containedInPlace": 2, SKOS + "broader": 3}


__all__ = ["EntityPage", "Group", "Source", "Statement", "entity_page", "slug", "source_of", "sources"]
