"""SHACL validation that costs what it checks: the focus nodes the shapes target, and the
neighbourhood their constraints reach, against the shapes; results a person can act on.

Validating a file used to mean validating everything beside it: the ontology, the reference
places and the whole store. Only the nodes a shape targets can break a shape, and a constraint
reads no further than the triples of its focus node (either direction: ``sh:inversePath``) and
the types of the nodes at their other end (``sh:class``). :func:`neighbourhood` keeps exactly that,
plus the ``rdfs:subClassOf`` triples that class targets and ``sh:class`` follow (inference "none").
:func:`check_reach` guards the assumption: a shape that reads further (a sequence path, a nested
``sh:node`` with paths) makes it fail, naming the shape.

Two engines give the same answers (``benchmarks/bench_validate.py`` compares them on the curated
graph, the synthetic graph and the invalid test files): pyshacl on an rdflib graph, and rudof
(``pyrudof``), a compiled engine, 3-4 times faster from a thousand triples on but with a fixed
start-up cost of about 0.1 s; ``engine="auto"`` picks by the size of the neighbourhood. The
SHACL-SPARQL shapes (any literal, dates across precisions) run on Oxigraph instead
(:mod:`clustergraph.ingest.shacl_sparql`), on the quads checked.

>>> from pyoxigraph import NamedNode, Quad
>>> shapes = '''
... @prefix sh: <http://www.w3.org/ns/shacl#> .
... <http://e/S> a sh:NodeShape ; sh:targetClass <http://e/Org> ;
...   sh:property [ sh:path <http://www.w3.org/2000/01/rdf-schema#label> ; sh:minCount 1 ;
...                 sh:message "an organisation needs a label" ] .
... '''
>>> rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
>>> data = [Quad(NamedNode("http://e/x"), rdf_type, NamedNode("http://e/Org"), NamedNode("http://e/g"))]
>>> [str(v) for v in validate_quads(data, shapes, engine="pyshacl")]
['http://e/x rdfs:label: an organisation needs a label']
>>> validate_quads(data, shapes, engine="pyshacl") == validate_quads(data, shapes, engine="auto")
True
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from ..errors import Violation
from ..namespaces import RDF, RDFS, SH
from ..terms import compact
from .shacl_sparql import sparql_violations, split

Node = NamedNode | BlankNode
Statement = Quad | Triple  # both have subject, predicate and object
TYPE, SUBCLASS = NamedNode(RDF + "type"), NamedNode(RDFS + "subClassOf")
_ENGINES = ("auto", "pyshacl", "rudof")
#: From this many neighbourhood triples on, "auto" takes rudof (benchmarks/bench_validate.py).
AUTO_RUDOF_FROM = 1000


def _short(value: object) -> str:
    """The prefixed name of an IRI term (or of a plain IRI string), else its text."""
    text = getattr(value, "value", None)
    return compact(text if isinstance(text, str) else str(value))


@dataclass
class Targets:
    """What the shapes target: classes, subjects and objects of predicates, named nodes."""

    classes: set[NamedNode] = field(default_factory=set)
    subjects_of: set[NamedNode] = field(default_factory=set)
    objects_of: set[NamedNode] = field(default_factory=set)
    nodes: set[NamedNode] = field(default_factory=set)


def _triples(shapes: str | Sequence[Quad] | Sequence[Triple]) -> list[Triple]:
    if isinstance(shapes, str):
        return list(parse(shapes, format=RdfFormat.TURTLE))
    return [q.triple if isinstance(q, Quad) else q for q in shapes]


def targets(shapes: str | Sequence[Quad] | Sequence[Triple]) -> Targets:
    """The targets declared by the shapes (``sh:targetClass`` and the other three)."""
    out = Targets()
    slots = {SH + "targetClass": out.classes, SH + "targetSubjectsOf": out.subjects_of,
             SH + "targetObjectsOf": out.objects_of, SH + "targetNode": out.nodes}
    for t in _triples(shapes):
        slot = slots.get(t.predicate.value)
        if slot is not None and isinstance(t.object, NamedNode):
            slot.add(t.object)
    return out


def check_reach(shapes: str | Sequence[Quad]) -> list[str]:
    """Shapes whose constraints read further than :func:`neighbourhood` keeps (empty: none).

    A property path must be a predicate, an inverse predicate or alternatives of predicates;
    a node shape used through ``sh:node`` may not have property shapes of its own.
    """
    triples = _triples(shapes)
    lists = {t.subject for t in triples if t.predicate.value == RDF + "first"}
    problems = []
    nested = {t.object for t in triples if t.predicate.value == SH + "node"}
    with_properties = {t.subject for t in triples if t.predicate.value in (SH + "property", SH + "path")}
    for t in triples:
        if t.predicate.value == SH + "path" and t.object in lists:
            problems.append(f"{_short(t.subject)}: sequence path")
    problems += [f"{_short(n)}: used with sh:node and has property shapes" for n in nested & with_properties]
    return sorted(problems)


def _subclasses(classes: set[NamedNode], triples: Iterable[Statement]) -> set[NamedNode]:
    children: dict[NamedNode, set[NamedNode]] = {}
    for t in triples:
        if t.predicate == SUBCLASS and isinstance(t.subject, NamedNode) and isinstance(t.object, NamedNode):
            children.setdefault(t.object, set()).add(t.subject)
    out, todo = set(classes), list(classes)
    while todo:
        for c in children.get(todo.pop(), ()):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def focus_nodes(scope: Iterable[Statement], context: Sequence[Statement], wanted: Targets) -> set[Node]:
    """The nodes among the subjects (and objects) of ``scope`` that some shape targets.

    Types and subclass links are read from ``scope`` and ``context`` together.
    """
    scope = list(scope)
    classes = _subclasses(wanted.classes, [*scope, *context])
    candidates = {t.subject for t in scope if isinstance(t.subject, (NamedNode, BlankNode))}
    out: set[Node] = set()
    for t in [*scope, *context]:
        if t.predicate == TYPE and t.object in classes and t.subject in candidates:
            out.add(t.subject)  # type: ignore[arg-type]
    for t in scope:
        if t.predicate in wanted.subjects_of:
            out.add(t.subject)  # type: ignore[arg-type]
        if t.predicate in wanted.objects_of and isinstance(t.object, (NamedNode, BlankNode)):
            out.add(t.object)
    out |= {n for n in wanted.nodes if n in candidates}
    return out


def neighbourhood(focus: set[Node], triples: Iterable[Statement]) -> list[Triple]:
    """The triples the constraints on ``focus`` can read, taken from ``triples``.

    Every triple with a focus node as subject or object, the types of the nodes at the other
    end, and every ``rdfs:subClassOf`` triple.
    """
    triples = triples if isinstance(triples, list) else list(triples)
    kept: set[Triple] = set()
    ends: set[object] = set()
    for t in triples:
        s, o = t.subject, t.object
        if s in focus:
            kept.add(Triple(s, t.predicate, o))
            ends.add(o)
        elif o in focus:
            kept.add(Triple(s, t.predicate, o))
            ends.add(s)
        elif t.predicate == SUBCLASS:
            kept.add(Triple(s, t.predicate, o))
    kept |= {Triple(t.subject, t.predicate, t.object) for t in triples if t.predicate == TYPE and t.subject in ends}
    return sorted(kept, key=str)


def validate_quads(
    quads: Iterable[Quad],
    shapes: str | Sequence[Quad],
    *,
    scope: Iterable[Quad] | None = None,
    engine: str = "auto",
) -> list[Violation]:
    """Validate against SHACL shapes (no inference); report the violations of focus nodes.

    Parameters
    ----------
    quads : iterable of Quad
        Everything the constraints may read: the data and its context (the ontology for
        subclass links, reference places and organisations for ``sh:class`` checks).
    shapes : str or sequence of Quad
        The shapes, as Turtle text or as quads.
    scope : iterable of Quad, optional
        The quads whose nodes are checked (a user's file, the source graphs of a build); by
        default all of ``quads``. Only the focus nodes among them and their neighbourhood go to
        the engine.
    engine : {"auto", "pyshacl", "rudof"}
        The SHACL engine; "auto" is rudof from ``AUTO_RUDOF_FROM`` triples on, else pyshacl.

    Returns
    -------
    list of Violation
        Empty when the data conforms. Sorted by focus node, path, message and value.
    """
    if engine not in _ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; use one of {', '.join(_ENGINES)}")
    everything = quads if isinstance(quads, list) else list(quads)
    checked = everything if scope is None else (scope if isinstance(scope, list) else list(scope))
    context = everything if scope is None else [*everything, *checked]
    core, sparql_shapes = split(_triples(shapes))  # the SHACL-SPARQL shapes run on Oxigraph
    found_sparql = sparql_violations(checked, sparql_shapes)
    focus = focus_nodes(checked, context, targets(core))
    found: list[Violation] = []
    if focus:
        data = neighbourhood(focus, context)
        if engine == "auto":  # rudof is 3-4x faster on thousands of triples, pyshacl on a handful
            engine = "rudof" if len(data) >= AUTO_RUDOF_FROM and importable("pyrudof") else "pyshacl"
        found = _rudof(data, core) if engine == "rudof" else _pyshacl(data, core)
        names = {str(f.value) for f in focus}
        found = [v for v in found if v.focus in names]
    return sorted({*found, *found_sparql}, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def importable(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None


def _nt(triples: Sequence[Triple]) -> bytes:
    return serialize(list(triples), format=RdfFormat.N_TRIPLES) or b""


# --- engines -----------------------------------------------------------------------------------


def _pyshacl(data: Sequence[Triple], shapes: str | Sequence[Quad] | Sequence[Triple]) -> list[Violation]:
    """pyshacl on rdflib graphs (100 times faster than on a pyoxigraph store: 0.9 s vs 140 s)."""
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH as RSH

    data_graph = Graph().parse(data=_nt(data), format="nt")
    shapes_graph = Graph().parse(data=_nt(_triples(shapes)), format="nt")
    conforms, report, _ = pyshacl.validate(data_graph, shacl_graph=shapes_graph, inference="none")
    if conforms:
        return []
    assert isinstance(report, Graph)
    out = []
    for result in report.subjects(RSH.resultSeverity, None):
        if report.value(result, RSH.resultSeverity) != RSH.Violation:
            continue
        path, message, value = (report.value(result, p) for p in (RSH.resultPath, RSH.resultMessage, RSH.value))
        out.append(Violation(
            focus=str(report.value(result, RSH.focusNode)),
            path=_short(path) if isinstance(path, URIRef) else None,  # complex paths: no short form
            message=str(message) if message is not None else "breaks a shape",
            value=str(value) if value is not None else None,
        ))
    return out


def _skolem(triples: list[Triple]) -> tuple[list[Triple], dict[str, str]]:
    """Name every property shape (a blank node with ``sh:path``) with an IRI, so that a result's
    source shape can be looked up; return the shapes and {shape IRI: its sh:message triple}."""
    shapes = {t.subject for t in triples if t.predicate.value == SH + "path" and isinstance(t.subject, BlankNode)}
    names = {b: NamedNode(f"urn:x-clustergraph:shape:{i}") for i, b in enumerate(sorted(shapes, key=str))}

    def rename(term: object) -> object:
        return names.get(term, term) if isinstance(term, BlankNode) else term

    out = [Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples]  # type: ignore[arg-type]
    messages: dict[str, str] = {}
    for t in out:
        if t.predicate.value == SH + "message" and isinstance(t.subject, NamedNode):
            messages[t.subject.value] = str(getattr(t.object, "value", t.object))
    return out, messages


def _rudof(data: Sequence[Triple], shapes: str | Sequence[Quad] | Sequence[Triple]) -> list[Violation]:
    """rudof's native engine (pyrudof), answers mapped to the shapes' own messages."""
    import pyrudof

    shape_triples, messages = _skolem(_triples(shapes))
    paths = {t.subject.value: t.object for t in shape_triples
             if t.predicate.value == SH + "path" and isinstance(t.subject, NamedNode)}
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(_nt(data).decode(), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(_nt(shape_triples).decode(), format=pyrudof.ShaclFormat.NTriples)
    report = rudof.validate_shacl()
    out = []
    for entry in report.violations:
        if "Violation" not in str(entry.severity):
            continue
        shape = str(entry.source_shape).strip("<>")
        message = messages.get(shape)
        path = paths.get(shape)
        value = entry.value
        out.append(Violation(
            focus=str(entry.focus_node).strip("<>"),
            path=_short(path.value) if isinstance(path, NamedNode) else None,
            message=message if message is not None else str(entry.message),
            value=_plain(str(value)) if value is not None else None,
        ))
    return out


def _plain(term: str) -> str:
    """An N-Triples term as pyshacl prints its value: the IRI or the lexical form."""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    if term.startswith('"'):
        try:  # read the literal back with a real parser, escapes and all
            return str(next(iter(parse(f"<urn:s> <urn:p> {term} .", format=RdfFormat.N_TRIPLES))).object.value)
        except (SyntaxError, StopIteration):
            return term
    return term
