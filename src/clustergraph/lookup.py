"""Find entities by name, and gather everything known about one, with sources and evidence.

Names match any label in any language (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``,
``schema:name``), case-insensitively. Matches are ranked: the whole label first, then labels
that start with the text, then labels that contain it; ties by the name shown.

>>> from clustergraph.store import open_store
>>> from clustergraph.ingest import build
>>> store = open_store(":memory:")
>>> _ = build(store)
>>> [m.iri.rsplit("/", 1)[-1] for m in search(store, "biocat", limit=1)]
['biocat']
>>> resolve(store, "id:biocat")
'https://w3id.org/clustergraph/id/biocat'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from .errors import AmbiguousError, NotFoundError, ParameterError
from .namespaces import ID, PREFIXES
from .sparql import load
from .store.base import Store
from .store.results import GraphResult, SelectResult, Term, term_to_json, term_value

EXACT, PREFIX, SUBSTRING = "exact", "prefix", "substring"
_RANK = {EXACT: 0, PREFIX: 1, SUBSTRING: 2}


@dataclass
class Match:
    """One entity found by :func:`search`."""

    iri: str
    name: str
    matched: list[str] = field(default_factory=list)
    match: str = SUBSTRING
    types: list[str] = field(default_factory=list)
    regions: list[dict[str, str | None]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "iri": self.iri,
            "name": self.name,
            "match": self.match,
            "matched_labels": self.matched,
            "types": self.types,
            "regions": self.regions,
        }


def search(store: Store, text: str, *, limit: int = 20) -> list[Match]:
    """Entities whose labels contain ``text``, best matches first.

    Raises
    ------
    ParameterError
        When ``text`` is empty.
    """
    needle = text.strip().lower()
    if not needle:
        raise ParameterError("give some text to search for (for example q=biocat)")
    result = store.query(
        load("api-search"), bindings={"needle": Literal(needle), "base": Literal(ID)}
    )
    assert isinstance(result, SelectResult)
    found: dict[str, Match] = {}
    for row in result.values():
        iri, label = row["entity"], row["label"] or ""
        match = found.setdefault(iri or "", Match(iri or "", row["name"] or label))
        if row["name"] and match.name == label and row["name"] != label:
            match.name = row["name"]
        low = label.lower()
        kind = EXACT if low == needle else PREFIX if low.startswith(needle) else SUBSTRING
        if _RANK[kind] < _RANK[match.match]:
            match.match = kind
        if label not in match.matched:
            match.matched.append(label)
        if row["type"] and row["type"] not in match.types:
            match.types.append(row["type"])
        region = {"iri": row["region"], "name": row["regionName"]}
        if row["region"] and region not in match.regions:
            match.regions.append(region)
    ranked = sorted(found.values(), key=lambda m: (_RANK[m.match], m.name.casefold(), m.iri))
    for m in ranked:
        m.types.sort()
    return ranked[:limit]


def _as_iri(text: str) -> str | None:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if text.startswith(("http://", "https://")):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in text:
        return PREFIXES[prefix] + local
    return None


def resolve(store: Store, text: str) -> str:
    """The IRI of the one entity ``text`` names: an IRI, ``id:slug``, or a name.

    Raises
    ------
    NotFoundError
        When nothing matches.
    AmbiguousError
        When several entities match equally well; it lists them.
    """
    iri = _as_iri(text)
    if iri is not None:
        if not describe_facts(store, iri):
            raise NotFoundError(f"nothing in the graph is called <{iri}>")
        return iri
    matches = search(store, text, limit=50)
    if not matches:
        raise NotFoundError(f"no entity has a label containing {text!r}")
    best = [m for m in matches if m.match == matches[0].match]
    if len(best) == 1:
        return best[0].iri
    raise AmbiguousError(text, [(m.iri, m.name) for m in best])


@dataclass
class Fact:
    """One statement about an entity, the graph (source) that says it, and its evidence."""

    direction: str  # "out": entity p value; "in": value p entity
    predicate: str
    value: Term
    value_label: str | None
    graph: str
    evidence: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form (the value as a SPARQL JSON term)."""
        return {
            "direction": self.direction,
            "predicate": self.predicate,
            "value": term_to_json(self.value),
            "value_label": self.value_label,
            "graph": self.graph,
            "evidence": self.evidence,
        }


def describe_facts(store: Store, iri: str) -> list[Fact]:
    """Every statement about the entity, with its graph and evidence (empty if unknown)."""
    try:
        node = NamedNode(iri)
    except ValueError:
        raise ParameterError(f"{iri!r} is not a valid IRI") from None
    result = store.query(load("api-entity-facts"), bindings={"entity": node})
    assert isinstance(result, SelectResult)
    facts: dict[tuple[str, str, str, str], Fact] = {}
    for row in result.dicts():
        direction = term_value(row["direction"])
        value = row["o"]
        key = (direction, term_value(row["p"]), str(value), term_value(row["graph"]))
        fact = facts.get(key)
        if fact is None:
            label = row.get("oLabel")
            fact = facts[key] = Fact(
                direction, key[1], value, None if label is None else term_value(label), key[3]
            )
        evidence = row.get("evidence")
        if evidence is not None and term_value(evidence) not in fact.evidence:
            fact.evidence.append(term_value(evidence))
    return sorted(facts.values(), key=lambda f: (f.direction != "out", f.predicate, str(f.value), f.graph))


def entity(store: Store, iri: str) -> dict[str, object]:
    """Everything known about one entity, JSON-ready: names, types, and facts with sources.

    Raises
    ------
    NotFoundError
        When the graph says nothing about it.
    """
    facts = describe_facts(store, iri)
    if not facts:
        raise NotFoundError(f"nothing in the graph is about <{iri}>")
    labels = sorted(
        {
            (term_value(f.value), getattr(f.value, "language", None) or "")
            for f in facts
            if f.direction == "out" and f.predicate in _LABELS and isinstance(f.value, Literal)
        }
    )
    types = sorted({term_value(f.value) for f in facts if f.direction == "out" and f.predicate == _TYPE})
    return {
        "iri": iri,
        "name": _display_name(labels, iri),
        "labels": [{"value": v, "language": lang or None} for v, lang in labels],
        "types": types,
        "graphs": sorted({f.graph for f in facts}),
        "facts": [f.as_dict() for f in facts],
    }


def entity_graph(store: Store, iri: str) -> GraphResult:
    """The statements about an entity as RDF triples (empty if unknown)."""
    result = store.query(load("api-entity-describe"), bindings={"entity": NamedNode(iri)})
    assert isinstance(result, GraphResult)
    return result


_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_LABELS = (_RDFS + "label", _SKOS + "prefLabel", _SKOS + "altLabel", "https://schema.org/name")
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _display_name(labels: Sequence[tuple[str, str]], iri: str) -> str:
    for value, lang in labels:
        if lang in ("en", ""):
            return value
    return labels[0][0] if labels else iri.rsplit("/", 1)[-1]
