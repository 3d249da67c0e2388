"""Everything known about one entity, each fact with the graph (source) that states it and its evidence.

>>> from clustergraph.network.example import example_store
>>> info = entity(example_store(), "https://w3id.org/clustergraph/id/alpha-cluster")
>>> info.name, [label.value for label in info.labels]
('Alpha Cluster', ['Alpha', 'Alpha Cluster'])
>>> sorted({f.direction for f in info.facts}), info.graphs
(['in', 'out'], ['https://w3id.org/clustergraph/graph/example'])
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from .. import sparql
from ..errors import NotFoundError, ParameterError
from ..namespaces import RDF, RDFS, SKOS
from ..store.base import Store
from ..store.results import GraphResult, SelectResult, term_to_json, term_value
from ..terms import LABEL_PROPERTIES, compact, named_node, pick_label
from .models import Entity, Fact, Label, RdfTerm

#: The label properties that name an entity (the others are aliases).
_NAMES = (RDFS + "label", SKOS + "prefLabel")


def _node(iri: str) -> NamedNode:
    node = named_node(iri)
    if node is None:
        raise ParameterError(f"{iri!r} is not a valid IRI")
    return node


def facts(store: Store, iri: str) -> list[Fact]:
    """Every statement about the entity, with its graph and evidence (empty if unknown).

    Raises
    ------
    ParameterError
        When ``iri`` is not an IRI.
    """
    result = store.query(sparql.load("lookup-entity-facts"), bindings={"entity": _node(iri)})
    assert isinstance(result, SelectResult)
    found: dict[tuple[str, str, str, str], Fact] = {}
    for row in result.dicts():
        key = (term_value(row["direction"]), term_value(row["p"]), str(row["o"]), term_value(row["graph"]))
        fact = found.get(key)
        if fact is None:
            label = row.get("oLabel")
            fact = found[key] = Fact(
                direction=key[0],
                predicate=key[1],
                value=RdfTerm.model_validate(term_to_json(row["o"])),
                value_label=None if label is None else term_value(label),
                graph=key[3],
            )
        evidence = row.get("evidence")
        if evidence is not None and term_value(evidence) not in fact.evidence:
            fact.evidence.append(term_value(evidence))
    return [found[key] for key in sorted(found, key=lambda k: (k[0] != "out", k[1], k[2], k[3]))]


def entity(store: Store, iri: str) -> Entity:
    """Everything known about one entity: names, types, and facts with sources.

    Raises
    ------
    NotFoundError
        When the graph says nothing about it.
    """
    said = facts(store, iri)
    if not said:
        raise NotFoundError(f"nothing in the graph is about <{iri}>")
    out = [f for f in said if f.direction == "out" and isinstance(f.value.value, str)]
    labels = sorted({_text(f) for f in out if f.predicate in LABEL_PROPERTIES and f.value.type == "literal"})
    names = [_text(f) for f in out if f.predicate in _NAMES and f.value.type == "literal"]
    return Entity(
        iri=iri,
        name=pick_label(names or labels, compact(iri)),
        labels=[Label(value=value, language=lang or None) for value, lang in labels],
        types=sorted({_text(f)[0] for f in out if f.predicate == RDF + "type"}),
        graphs=sorted({f.graph for f in said}),
        facts=said,
    )


def _text(fact: Fact) -> tuple[str, str]:
    """A fact's value as ``(text, language)``."""
    return str(fact.value.value), fact.value.lang or ""


def entity_graph(store: Store, iri: str) -> GraphResult:
    """The statements about an entity as RDF triples (empty if unknown)."""
    result = store.query(sparql.load("lookup-entity-graph"), bindings={"entity": _node(iri)})
    assert isinstance(result, GraphResult)
    return result

