"""Per-statement provenance: every statement tied to the verbatim quote(s) that state it.

What the store holds is plain RDF 1.1, queryable with SPARQL 1.1 on any server. Each quoted
statement ``s p o`` of a graph ``G`` is described, in ``G``, by an ``rdf:Statement`` whose IRI
depends on the triple only (:func:`statement_iri`: the same triple has the same statement IRI in
every graph), derived from (``prov:wasDerivedFrom``) an evidence node that quotes the source
the way the W3C Web Annotation model does::

    <statement/…> a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o ;
        prov:wasDerivedFrom <quote/…> .
    <quote/…> a oa:SpecificResource ; oa:hasSource G ; oa:hasSelector <quote/…/selector> .
    <quote/…/selector> a oa:TextQuoteSelector ; oa:exact "the words as printed"@en .

The source graph ``G`` stands for the source document (``G a cg:Source ; cg:sourceFile ...``).

Files are written in a compact authoring form that :func:`quoted` turns into the stored form:

* RDF 1.2 annotations (Turtle 1.2): ``s p o ~ q:name .`` with ``q:name cg:quote "..."@en``.
  Every triple names its quote(s), like footnotes; a quote node may back many triples.
* the shorthand ``cg:evidence "..."@en`` on a node: the quote backs every statement of that
  node in the same graph (for users' files and sheets, where one quote states one record; the
  curated sources use annotations, so that each triple has its own).

No RDF 1.2 triple term survives in the stored form. Written by hand because no library turns
RDF 1.2 reifiers into RDF 1.1 reification with Web Annotation evidence.

>>> from pyoxigraph import RdfFormat, parse
>>> text = '''@prefix cg: <https://w3id.org/clustergraph/ontology#> .
... @prefix q: <https://w3id.org/clustergraph/id/quote/x/> .
... <http://e/biocat> <http://e/label> "Biocat"@en ~ q:a .
... q:a cg:quote "Biocat (Catalonia, Spain)"@en .'''
>>> quads = quoted(list(parse(text, format=RdfFormat.TURTLE)), graph="http://e/g")
>>> sorted({q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for q in quads})
['exact', 'hasSelector', 'hasSource', 'label', 'object', 'predicate', 'subject', 'type', 'wasDerivedFrom']
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from ..errors import InputError
from ..namespaces import CG, ID, OA, PROV, RDF

QUOTE = CG + "quote"
EVIDENCE = CG + "evidence"
REIFIES = RDF + "reifies"

_TYPE = NamedNode(RDF + "type")
_STATEMENT = NamedNode(RDF + "Statement")
_SUBJECT = NamedNode(RDF + "subject")
_PREDICATE = NamedNode(RDF + "predicate")
_OBJECT = NamedNode(RDF + "object")
_DERIVED = NamedNode(PROV + "wasDerivedFrom")
_SPECIFIC = NamedNode(OA + "SpecificResource")
_SELECTOR_CLASS = NamedNode(OA + "TextQuoteSelector")
_HAS_SOURCE = NamedNode(OA + "hasSource")
_HAS_SELECTOR = NamedNode(OA + "hasSelector")
_EXACT = NamedNode(OA + "exact")

Node = NamedNode | BlankNode


def statement_iri(triple: Triple) -> NamedNode:
    """The IRI of the ``rdf:Statement`` describing a triple: the same in every graph.

    >>> t = Triple(NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("o"))
    >>> statement_iri(t).value.startswith("https://w3id.org/clustergraph/id/statement/")
    True
    """
    digest = hashlib.sha256(str(triple).encode("utf-8")).hexdigest()[:24]
    return NamedNode(f"{ID}statement/{digest}")


def shorthand_iri(graph: str, text: str) -> NamedNode:
    """The evidence node made for a ``cg:evidence`` quote of a graph (stable across loads).

    >>> shorthand_iri("http://e/g", "a quote") == shorthand_iri("http://e/g", "a quote")
    True
    """
    digest = hashlib.sha256(f"{graph}\n{text}".encode()).hexdigest()[:20]
    return NamedNode(f"{ID}quote/{digest}")


def selector_of(evidence: Node) -> Node:
    """The ``oa:TextQuoteSelector`` node of an evidence node."""
    return NamedNode(evidence.value + "/selector") if isinstance(evidence, NamedNode) else BlankNode()


def evidence_quads(evidence: Node, text: Literal, graph: NamedNode) -> list[Quad]:
    """The Web Annotation description of one quote of ``graph``'s source document."""
    selector = selector_of(evidence)
    return [
        Quad(evidence, _TYPE, _SPECIFIC, graph),
        Quad(evidence, _HAS_SOURCE, graph, graph),
        Quad(evidence, _HAS_SELECTOR, selector, graph),
        Quad(selector, _TYPE, _SELECTOR_CLASS, graph),
        Quad(selector, _EXACT, text, graph),
    ]


def statement_quads(triple: Triple, graph: NamedNode, sources: Iterable[Node], *, via: str = "") -> list[Quad]:
    """The ``rdf:Statement`` of a triple in ``graph``, derived from each of ``sources``.

    ``via`` names the predicate linking the statement to its sources (default
    ``prov:wasDerivedFrom``).
    """
    node = statement_iri(triple)
    link = NamedNode(via) if via else _DERIVED
    out = [
        Quad(node, _TYPE, _STATEMENT, graph),
        Quad(node, _SUBJECT, triple.subject, graph),
        Quad(node, _PREDICATE, triple.predicate, graph),
        Quad(node, _OBJECT, triple.object, graph),
    ]
    out += [Quad(node, link, source, graph) for source in sources]
    return out


def quote_statements(quads: Sequence[Quad], text: str, language: str | None, graph: NamedNode) -> list[Quad]:
    """``quads`` plus their reification, each statement derived from one quote ``text``.

    Used by readers that know which statements a quote states (a sheet row and its quote).
    """
    evidence = shorthand_iri(graph.value, text)
    out = list(quads)
    out += evidence_quads(evidence, Literal(text, language=language) if language else Literal(text), graph)
    for q in dict.fromkeys(quads):
        out += statement_quads(q.triple, graph, [evidence])
    return out


def quoted(quads: Sequence[Quad], *, graph: str, source: str = "data") -> list[Quad]:
    """Turn the authoring form (annotations, ``cg:evidence``) into the stored, reified form.

    Parameters
    ----------
    quads : sequence of Quad
        A parsed file; triples in the default graph go to ``graph``.
    graph : str
        The named graph of the file.
    source : str
        The file, for error messages.

    Raises
    ------
    InputError
        A reifier without a quote, or a triple term anywhere but in an annotation.
    """
    target = NamedNode(graph)
    plain: list[Quad] = []
    reifiers: dict[tuple[Triple, NamedNode], list[Node]] = defaultdict(list)
    quotes: dict[tuple[Node, NamedNode], list[Literal]] = defaultdict(list)
    shorthand: dict[tuple[Node, NamedNode], list[Literal]] = defaultdict(list)
    for q in quads:
        g = target if isinstance(q.graph_name, DefaultGraph) else q.graph_name
        assert isinstance(g, NamedNode)
        if q.predicate.value == REIFIES and isinstance(q.object, Triple):
            if isinstance(q.subject, Triple):
                raise _nested(source, q)
            reifiers[(q.object, g)].append(q.subject)
        elif isinstance(q.subject, Triple) or isinstance(q.object, Triple):
            raise _nested(source, q)
        elif q.predicate.value == QUOTE and isinstance(q.object, Literal) and not isinstance(q.subject, Triple):
            quotes[(q.subject, g)].append(q.object)
        elif q.predicate.value == EVIDENCE and isinstance(q.object, Literal) and not isinstance(q.subject, Triple):
            shorthand[(q.subject, g)].append(q.object)
        else:
            plain.append(Quad(q.subject, q.predicate, q.object, g))
    for (triple, g), nodes in reifiers.items():
        for node in nodes:
            if (node, g) not in quotes:
                raise InputError(
                    f"{source}: the annotation {node} on the statement {triple} names no quote;"
                    f" describe it with `{_show(node)} cg:quote \"...\"@en` (the words as printed in"
                    " the source), or drop the annotation"
                )
    quote_nodes = {node for node, _ in quotes}
    for q in plain:
        if q.object in quote_nodes:
            raise InputError(
                f"{source}: the quote {_show(q.object)} is the object of {_show(q.subject)} {_show(q.predicate)};"  # type: ignore[arg-type]
                " to cite several quotes write `o ~ q:a ~ q:b` (a comma starts another object)"
            )
    out = list(dict.fromkeys(plain))
    for (node, g), texts in sorted(quotes.items(), key=lambda item: str(item[0])):
        for text in texts:
            out += evidence_quads(node, text, g)
    by_statement: dict[tuple[Triple, NamedNode], list[Node]] = defaultdict(list)
    for key, nodes in reifiers.items():
        by_statement[key] += nodes
    if shorthand:
        for q in plain:
            assert isinstance(q.graph_name, NamedNode)
            cited = shorthand.get((q.subject, q.graph_name), [])  # type: ignore[arg-type]
            if cited:
                by_statement[(q.triple, q.graph_name)] += [shorthand_iri(q.graph_name.value, t.value) for t in cited]
        for (_, g), texts in shorthand.items():
            for text in texts:
                out += evidence_quads(shorthand_iri(g.value, text.value), text, g)
    for (triple, g), nodes in by_statement.items():
        out += statement_quads(triple, g, dict.fromkeys(nodes))
    return list(dict.fromkeys(out))


def _show(node: Node) -> str:
    return f"<{node.value}>" if isinstance(node, NamedNode) else str(node)


def _nested(source: str, q: Quad) -> InputError:
    return InputError(
        f"{source}: RDF 1.2 triple terms are only read as annotations (`s p o ~ q:quote .`);"
        f" this one cannot be stored as RDF 1.1 reification: {q}"
    )
