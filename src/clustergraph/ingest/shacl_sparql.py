"""SHACL-SPARQL shapes (``sh:sparql``, SHACL-AF ``sh:SPARQLTarget``) evaluated with Oxigraph.

Some checks SHACL Core cannot say: an e-mail address or phone number in *any* literal, an end
date before a start date of another precision. ``ontology/shapes.ttl`` states them as standard
SHACL-SPARQL; pyshacl evaluates such a FILTER over every triple at about a millisecond each
(seconds for the curated graph) and rudof not at all, so :func:`split` takes those shapes out of
what the engines see and :func:`sparql_violations` evaluates them here on an in-memory store:
each target query once (the shape's class or property bound as ``?target``, never pasted into the
text), each constraint once with the focus nodes bound by one ``VALUES`` block that the parser
places (:func:`~clustergraph.store.sparqltext.bind_rows`: SHACL's pre-bound ``$this``, which is
the variable ``?this``). Written here because no SHACL engine at hand evaluates SPARQL targets
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

from .. import sparql
from ..errors import Violation
from ..namespaces import SH
from ..store.results import Term
from ..terms import compact

_TEMPLATE = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")
#: The target queries of SHACL Core's targets (``sparql/shacl-target-*.rq``, ``?target`` bound).
_PATTERNS = {
    SH + "targetClass": "shacl-target-class",
    SH + "targetSubjectsOf": "shacl-target-subjects-of",
    SH + "targetObjectsOf": "shacl-target-objects-of",
}


@dataclass
class SparqlShape:
    """A node shape with SPARQL constraints: its target queries and its constraints."""

    name: str
    targets: list[tuple[str, Term | None]] = field(default_factory=list)  # (SELECT ?this ..., ?target)
    nodes: list[Term] = field(default_factory=list)  # sh:targetNode
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
                item.targets.append((sparql.load(_PATTERNS[p]), t.object))
            elif p == SH + "targetNode":
                item.nodes.append(t.object)
            elif p == SH + "target":
                select = value(t.object, SH + "select")
                if isinstance(select, Literal):
                    item.targets.append((select.value, None))
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
    from ..store.sparqltext import bind_rows

    store = EmbeddedStore()
    store.add(
        Quad(d.subject, d.predicate, d.object, d.graph_name if isinstance(d, Quad) else DefaultGraph())
        for d in data
    )
    out: list[Violation] = []
    try:
        for shape in shapes:
            focus: dict[str, Term] = {str(node): node for node in shape.nodes}
            for target, bound in shape.targets:
                result = store.query(target, bindings=None if bound is None else {"target": bound})
                assert isinstance(result, SelectResult)
                for term in result.column("this"):
                    if isinstance(term, (NamedNode, BlankNode)):
                        focus[str(term)] = term
            named = [[v] for v in focus.values() if isinstance(v, NamedNode)]  # VALUES holds no blank node
            if not named:
                continue
            for select, message in shape.constraints:
                result = store.query(bind_rows(select, ["this"], named))
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
