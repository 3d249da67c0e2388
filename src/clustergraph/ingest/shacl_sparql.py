"""SHACL-SPARQL shapes (``sh:sparql``, SHACL-AF ``sh:SPARQLTarget``) evaluated with Oxigraph.

Some checks SHACL Core cannot say: an e-mail address or phone number in *any* literal, an end
date before a start date of another precision. ``ontology/shapes.ttl`` states them as standard
SHACL-SPARQL; pyshacl evaluates such a FILTER over every triple at about a millisecond each
(seconds for the curated graph) and rudof not at all, so :func:`split` takes those shapes out of
what the engines see and :func:`sparql_violations` evaluates them here on an in-memory store:
each target query once, each constraint once with the focus nodes bound by ``VALUES`` (SHACL's
pre-bound ``$this``). Written here because no SHACL engine at hand evaluates SPARQL targets
fast; the queries must use full IRIs (no ``sh:prefixes``). Message templates ``{?var}`` and
``{$this}`` are filled from the constraint's row.

>>> from pyoxigraph import NamedNode, Quad, RdfFormat, parse
>>> shapes = list(parse('''@prefix sh: <http://www.w3.org/ns/shacl#> .
... <http://e/S> a sh:NodeShape ; sh:targetSubjectsOf <http://e/mail> ;
...   sh:sparql [ sh:message "no mail: {?value}" ;
...     sh:select "SELECT $this ?value WHERE { $this <http://e/mail> ?value }" ] .''', format=RdfFormat.TURTLE))
>>> core, found = split(shapes)
>>> core, len(found)
([], 1)
>>> data = [Quad(NamedNode("http://e/x"), NamedNode("http://e/mail"), NamedNode("mailto:a@b.org"))]
>>> [str(v) for v in sparql_violations(data, found)]
['http://e/x: no mail: mailto:a@b.org (value: mailto:a@b.org)']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from ..errors import Violation
from ..namespaces import SH
from ..terms import compact

_THIS = re.compile(r"\$this\b")
_TEMPLATE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")
_PATTERNS = {
    SH + "targetClass": "?this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {}",
    SH + "targetSubjectsOf": "?this {} ?any",
    SH + "targetObjectsOf": "?any {} ?this",
}


@dataclass
class SparqlShape:
    """A node shape with SPARQL constraints: its target queries and its constraints."""

    name: str
    targets: list[str] = field(default_factory=list)  # SELECT ?this ...
    constraints: list[tuple[str, str]] = field(default_factory=list)  # (SELECT $this ..., message)


def split(shapes: Sequence[Triple]) -> tuple[list[Triple], list[SparqlShape]]:
    """The shapes without their SPARQL shapes, and the SPARQL shapes."""
    about: dict[object, list[Triple]] = {}
    for t in shapes:
        about.setdefault(t.subject, []).append(t)

    def value(node: object, predicate: str) -> object | None:
        return next((t.object for t in about.get(node, []) if t.predicate.value == predicate), None)

    found: list[SparqlShape] = []
    drop: set[object] = set()
    for shape in [s for s, ts in about.items() if any(t.predicate.value == SH + "sparql" for t in ts)]:
        item = SparqlShape(name=str(shape))
        for t in about[shape]:
            p = t.predicate.value
            if p in _PATTERNS:
                item.targets.append(f"SELECT DISTINCT ?this WHERE {{ {_PATTERNS[p].format(t.object)} }}")
            elif p == SH + "targetNode":
                item.targets.append(f"SELECT ?this WHERE {{ VALUES ?this {{ {t.object} }} }}")
            elif p == SH + "target":
                select = value(t.object, SH + "select")
                if isinstance(select, Literal):
                    item.targets.append(select.value)
                drop.add(t.object)
            elif p == SH + "sparql":
                select = value(t.object, SH + "select")
                message = value(t.object, SH + "message") or value(shape, SH + "message")
                if isinstance(select, Literal):
                    item.constraints.append((select.value, getattr(message, "value", "") or ""))
                drop.add(t.object)
        found.append(item)
        drop.add(shape)
    return [t for t in shapes if t.subject not in drop], found


def sparql_violations(data: Iterable[Quad | Triple], shapes: Sequence[SparqlShape]) -> list[Violation]:
    """The violations of the SPARQL shapes in ``data`` (the quads to check, with what they need)."""
    if not shapes:
        return []
    from ..store.embedded import EmbeddedStore
    from ..store.results import SelectResult
    from ..store.sparqltext import where_group_start

    store = EmbeddedStore()
    store.add(
        Quad(d.subject, d.predicate, d.object, d.graph_name if isinstance(d, Quad) else DefaultGraph())
        for d in data
    )
    out: list[Violation] = []
    try:
        for shape in shapes:
            focus: dict[str, object] = {}
            for target in shape.targets:
                result = store.query(target)
                assert isinstance(result, SelectResult)
                for term in result.column("this"):
                    if isinstance(term, (NamedNode, BlankNode)):
                        focus[str(term)] = term
            if not focus:
                continue
            values = " ".join(k for k, v in focus.items() if isinstance(v, NamedNode))
            for select, message in shape.constraints:
                text = _THIS.sub("?this", select)
                at = where_group_start(text)
                result = store.query(f"{text[:at]} VALUES ?this {{ {values} }}{text[at:]}")
                assert isinstance(result, SelectResult)
                out += [_violation(row, message) for row in result.dicts() if "this" in row]
    finally:
        store.close()
    return out


def _violation(row: Mapping[str, object], message: str) -> Violation:
    def text(term: object) -> str:
        return str(getattr(term, "value", term))

    def fill(match: re.Match[str]) -> str:
        term = row.get(match.group(1))
        return text(term) if term is not None else match.group(0)

    path, value = row.get("path"), row.get("value")
    return Violation(
        focus=text(row["this"]),
        path=compact(path.value) if isinstance(path, NamedNode) else None,
        message=_TEMPLATE.sub(fill, message) or "breaks a shape",
        value=text(value) if value is not None else None,
    )
