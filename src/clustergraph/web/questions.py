"""A named question as a page: its form (typed parameters, pickers fed by the graph), its answer
as a table, and the links that reproduce it (permalink, CSV, JSON, SPARQL with the values bound).

The page is plain HTML that works without scripts; ``static/js/results.js`` adds sorting and the
views the answer's shape calls for (a map, a network, a bar chart).

A value typed into the form may be an IRI, a slug (``country/JP``), or a name in any language:
a name is resolved with :func:`clustergraph.lookup.resolve` to one entity of the kind the
parameter wants (a market is a place, an organisation an actor), so ``market=Japan`` works.
In the table, an IRI is shown by its name and linked to its page: by the query's ``?xLabel``
column when it selects one, else by the name :func:`clustergraph.lookup.labels` finds in the graph.

>>> from clustergraph.network.example import example_store
>>> from clustergraph.catalogue.catalogue import parse_query_text
>>> q = parse_query_text("members", '''# title: Members
... # param: org | iri | An organisation | https://w3id.org/clustergraph/id/alpha-cluster
... # param: year | integer | A year | 2016 | optional
... SELECT ?o WHERE { BIND(?org AS ?o) }''')
>>> page = question_page(example_store(), q, {"org": "Alpha"})
>>> page.values, page.error, [row[0].text for row in page.rows], page.fields[0].label
({'org': 'alpha-cluster', 'year': ''}, None, ['Alpha Cluster'], 'Alpha Cluster')
>>> page.permalink_query
'org=alpha-cluster'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from pyoxigraph import Literal, NamedNode

from .. import lookup, sparql
from ..catalogue import NamedQuery, bind_parameters
from ..catalogue.catalogue import Parameter
from ..errors import AmbiguousError, ClusterGraphError, NotFoundError
from ..namespaces import CG, ID, ORG, SCHEMA, SKOS, XSD
from ..store.base import Store
from ..store.results import AskResult, GraphResult, SelectResult, Term, term_to_json
from ..store.sparqltext import bind_values
from ..terms import compact, display, expand, named_node

#: Parameter name -> (the classes its picker lists, the kind a typed name is resolved to).
PICKERS: dict[str, tuple[tuple[str, ...], tuple[lookup.Kind, ...]]] = {
    "alliance": ((CG + "Alliance",), ("actor",)),
    "market": ((CG + "Country",), ("place",)),
    "region": ((CG + "Country",), ("place",)),
    "place": ((CG + "Country",), ("place",)),
    "organisation": ((ORG + "Organization",), ("actor",)),
    "actor": ((ORG + "Organization",), ("actor",)),
    "party": ((ORG + "Organization",), ("actor",)),
    "funder": ((ORG + "Organization",), ("actor",)),
    "issuer": ((ORG + "Organization",), ("actor",)),
    "sector": ((SKOS + "Concept",), ("concept",)),
    "project": ((SCHEMA + "Project",), ("actor",)),
}
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*")
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


@dataclass
class Field:
    """One input of the form."""

    name: str
    type: str
    description: str
    optional: bool
    value: str
    example: str | None
    options: list[tuple[str, str]] = field(default_factory=list)
    kind: str | None = None
    label: str | None = None
    """The name of the entity the value resolved to."""

    @property
    def input_type(self) -> str:
        """The HTML input type."""
        return {"integer": "number", "year": "number", "decimal": "number", "date": "date"}.get(self.type, "text")


@dataclass
class Cell:
    """One cell of the answer: text, link, and the key its column sorts by."""

    text: str
    href: str | None = None
    sort: str | float = ""
    title: str | None = None


@dataclass
class QuestionPage:
    """What the template of a question shows."""

    query: NamedQuery
    fields: list[Field]
    values: dict[str, str]
    error: str | None = None
    candidates: list[tuple[str, str, str]] = field(default_factory=list)
    """``(query string, label, compact IRI)`` of each entity an ambiguous name may mean."""
    ran: bool = False
    boolean: bool | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0
    sparql_json: dict[str, Any] | None = None
    bound_text: str = ""

    @property
    def permalink_query(self) -> str:
        """The query string that reproduces this answer."""
        return urlencode([(k, v) for k, v in self.values.items() if v])


def slug(iri: str) -> str:
    """How a permalink writes an IRI: the slug under the entity namespace, else the IRI.

    >>> slug("https://w3id.org/clustergraph/id/country/JP"), slug("https://schema.org/Event")
    ('country/JP', 'https://schema.org/Event')
    """
    return iri[len(ID):] if iri.startswith(ID) else iri


def entity_href(iri: str) -> str | None:
    """The path of this server's page about an IRI: ``/id/...`` or ``/graph/...``.

    >>> entity_href("https://w3id.org/clustergraph/graph/places"), entity_href("http://e/x") is None
    ('/graph/places', True)
    """
    from ..namespaces import GRAPH

    if iri.startswith(ID):
        return "/id/" + iri[len(ID):]
    if iri.startswith(GRAPH):
        return "/graph/" + iri[len(GRAPH):]
    return None


def picker_options(store: Store, classes: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(slug, label)`` of the instances of the classes (at most 400 each), by label."""
    seen: dict[str, str] = {}
    for cls in classes:
        result = store.query(sparql.load("web-picker-options"), bindings={"class": NamedNode(cls)})
        assert isinstance(result, SelectResult)
        for row in result.rows:
            entity, label = row
            if isinstance(entity, NamedNode) and isinstance(label, Literal):
                seen.setdefault(slug(entity.value), label.value)
    return sorted(seen.items(), key=lambda item: (item[1].casefold(), item[0]))


def _known(store: Store, iri: str) -> bool:
    node = named_node(iri)
    if node is None:
        return False
    result = store.query("ASK { { ?s ?p ?o } UNION { ?o ?p ?s } }", bindings={"s": node})
    return isinstance(result, AskResult) and result.value


def resolve_value(store: Store, parameter: Parameter, text: str) -> tuple[str, str]:
    """The IRI a typed value stands for (an IRI or slug the graph knows, else a resolved name),
    and the label to show it by.

    Raises
    ------
    NotFoundError, AmbiguousError
        From :func:`clustergraph.lookup.resolve` when a name names nothing, or several things.
    """
    text = text.strip()
    iri = expand(text) or (ID + text if _SLUG.fullmatch(text) else None)
    if iri is not None and _known(store, iri):
        try:
            return iri, lookup.resolve(store, f"<{iri}>").label
        except ClusterGraphError:  # known, but not an actor, place or concept
            return iri, compact(iri)
    kinds = PICKERS.get(parameter.name, ((), lookup.KINDS))[1]
    found = lookup.resolve(store, text, kinds, what=parameter.name)
    return found.iri, found.label


def _fields(store: Store, query: NamedQuery, values: Mapping[str, str]) -> list[Field]:
    fields = []
    for p in query.parameters:
        picker = PICKERS.get(p.name)
        options = picker_options(store, picker[0]) if p.type == "iri" and picker else []
        example = slug(p.example) if p.example and p.type == "iri" else p.example
        fields.append(Field(
            name=p.name, type=p.type, description=p.description, optional=p.optional,
            value=values.get(p.name, ""), example=example, options=options,
            kind=picker[1][0] if picker else None,
        ))
    return fields


def _cell(term: Term | None, label: Term | None = None) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, NamedNode):
        text = label.value if isinstance(label, Literal) else display(term)
        return Cell(text, entity_href(term.value) or term.value, text.casefold(), compact(term.value))
    if isinstance(term, Literal):
        if term.datatype.value in _NUMERIC:
            try:
                return Cell(term.value, sort=float(term.value))
            except ValueError:
                pass
        return Cell(term.value, sort=term.value.casefold(), title=f"@{term.language}" if term.language else None)
    return Cell(display(term), sort=display(term))


def table(result: SelectResult, cap: int, names: Mapping[str, str] | None = None) -> tuple[list[str], list[list[Cell]]]:
    """The columns and the first ``cap`` rows, each IRI shown by its ``?<name>Label`` column
    when the query has one (that column is then not repeated), else by its name in ``names``
    (IRI -> name, see :func:`unlabelled`), linked to its page either way."""
    variables = result.variables
    labelled = {v: variables.index(v + "Label") for v in variables if v + "Label" in variables}
    hidden = set(labelled.values())
    shown = [i for i, v in enumerate(variables) if i not in hidden]
    given = names or {}

    def label(row: tuple[Term | None, ...], i: int) -> Term | None:
        if variables[i] in labelled:
            return row[labelled[variables[i]]]
        term = row[i]
        name = given.get(term.value) if isinstance(term, NamedNode) else None
        return Literal(name) if name is not None else None

    rows = [[_cell(row[i], label(row, i)) for i in shown] for row in result.rows[:cap]]
    return [variables[i] for i in shown], rows


def unlabelled(result: SelectResult, cap: int) -> list[str]:
    """The IRIs of the first ``cap`` rows in columns the query gives no ``?<name>Label`` column."""
    variables = result.variables
    columns = [i for i, v in enumerate(variables) if v + "Label" not in variables and not v.endswith("Label")]
    return [term.value for row in result.rows[:cap] for i in columns if isinstance(term := row[i], NamedNode)]


def question_page(store: Store, query: NamedQuery, given: Mapping[str, str], *, cap: int = 1000) -> QuestionPage:
    """Resolve the form's values, run the question, and lay out its answer.

    Required parameters left empty take their example value (so a question opens with an
    answer); optional ones stay unbound unless given.
    """
    known = {p.name for p in query.parameters}
    current = ""
    shown: dict[str, str] = {}
    values: dict[str, str] = {}
    for p in query.parameters:
        raw = (given.get(p.name) or "").strip()
        if not raw and not p.optional and p.example:
            raw = p.example
        values[p.name] = raw
    page = QuestionPage(query=query, fields=[], values={})
    unknown = sorted(set(given) - known)
    try:
        if unknown:
            raise ClusterGraphError(
                f"{query.name} has no parameter {', '.join(map(repr, unknown))}; its parameters are:"
                f" {', '.join(sorted(known)) or '(none)'}"
            )
        bound: dict[str, str] = {}
        for p in query.parameters:
            current = p.name
            if values[p.name] and p.type == "iri":
                bound[p.name], shown[p.name] = resolve_value(store, p, values[p.name])
                values[p.name] = slug(bound[p.name])
            elif values[p.name]:
                bound[p.name] = values[p.name]
        terms = bind_parameters(query.parameters, bound, query=query.name)
        page.bound_text = bind_values(query.text, terms)
        result = store.query(query.text, bindings=terms)
        page.ran = True
    except AmbiguousError as err:
        page.error = str(err)
        page.candidates = [
            (urlencode([(k, slug(iri) if k == current else v) for k, v in values.items() if v]), label, compact(iri))
            for iri, label in err.candidates
        ]
        result = None
    except (NotFoundError, ClusterGraphError) as err:
        page.error = str(err)
        result = None
    page.values = values
    page.fields = _fields(store, query, values)
    for f in page.fields:
        f.label = shown.get(f.name)
    if isinstance(result, AskResult):
        page.boolean = result.value
    elif isinstance(result, SelectResult):
        page.total = len(result.rows)
        page.columns, page.rows = table(result, cap, lookup.labels(store, unlabelled(result, cap)))
        page.sparql_json = {
            "head": {"vars": result.variables},
            "results": {"bindings": [
                {v: term_to_json(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows[:cap]
            ]},
        }
    elif isinstance(result, GraphResult):
        page.total = len(result.triples)
    if not page.bound_text:
        page.bound_text = query.text
    return page
