"""Shared fixtures for the query tests (tests/queries/).

``load_store()`` is the one place that builds the store the named queries run on:
ontology + shapes + data/reference + data/sources, one named graph per file, queried with
the union of the named graphs as default graph.  ``run_query()`` binds parameters with an
inline VALUES block at the start of the outermost WHERE group, as the catalogue does.
When the catalogue API (clustergraph.catalogue) is the way to run named queries, swap
these two functions for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUERIES = REPO / "queries"
GRAPH = "https://w3id.org/clustergraph/graph/"
ID = "https://w3id.org/clustergraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

PARAM_TYPES = {"iri", "string", "integer", "decimal", "date", "year", "language"}


@dataclass
class Param:
    name: str
    type: str
    description: str
    example: str | None
    optional: bool


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[Param]
    text: str


def read_query(path: Path) -> NamedQuery:
    title = description = ""
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#\s*(title|description|param)\s*:\s*(.*)$", line)
        if not m:
            if line.startswith("#") or not line.strip():
                continue
            break
        key, value = m.groups()
        if key == "title":
            title = value.strip()
        elif key == "description":
            description = value.strip()
        else:
            fields = [f.strip() for f in value.split("|")]
            assert len(fields) >= 3, f"{path.name}: a param line needs 'name | type | description | example | optional'"
            params.append(Param(
                name=fields[0], type=fields[1], description=fields[2],
                example=fields[3] if len(fields) > 3 and fields[3] else None,
                optional=len(fields) > 4 and fields[4].lower() == "optional",
            ))
    return NamedQuery(path.stem, title, description, params, path.read_text(encoding="utf-8"))


def all_queries() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def load_store():
    """An in-memory pyoxigraph Store holding every file in its own named graph."""
    import pyoxigraph as ox

    store = ox.Store()
    files = [(REPO / "ontology" / "clustergraph.ttl", GRAPH + "ontology"),
             (REPO / "ontology" / "shapes.ttl", GRAPH + "shapes")]
    for folder in (REPO / "data" / "reference", REPO / "data" / "sources"):
        files += [(p, GRAPH + p.stem) for p in sorted(folder.glob("*.ttl"))]
    for path, graph in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    return store


def to_term(value: str, ptype: str):
    import pyoxigraph as ox

    if ptype == "iri":
        return ox.NamedNode(value if "://" in value else ID + value.removeprefix("id:"))
    if ptype in ("integer", "year"):
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if ptype == "decimal":
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if ptype == "date":
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
    if ptype == "language":
        return ox.Literal(value.lower())
    return ox.Literal(value)


def bind(text: str, terms: dict) -> str:
    if not terms:
        return text
    m = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    assert m, "the query has no WHERE group"
    names = " ".join(f"?{k}" for k in terms)
    values = " ".join(str(v) for v in terms.values())
    return f"{text[:m.end()]} VALUES ({names}) {{ ({values}) }}{text[m.end():]}"


def run_query(store, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Run queries/<name>.rq with parameters given as text; rows as {var: value string}."""
    query = read_query(QUERIES / f"{name}.rq")
    types = {p.name: p.type for p in query.params}
    unknown = set(params or {}) - set(types)
    assert not unknown, f"{name}.rq has no parameter {unknown}"
    terms = {k: to_term(v, types[k]) for k, v in (params or {}).items()}
    result = store.query(bind(query.text, terms), use_default_graph_as_union=True)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append({v: solution[v].value for v in variables if solution[v] is not None})
    return rows


@pytest.fixture(scope="session")
def store():
    return load_store()


@pytest.fixture(scope="session")
def run(store):
    def _run(name: str, params: dict[str, str] | None = None):
        return run_query(store, name, params)
    return _run
