"""SHACL validation of quads against the shapes, with results a person can act on.

>>> from pyoxigraph import NamedNode, Literal, Quad
>>> shapes = '''
... @prefix sh: <http://www.w3.org/ns/shacl#> .
... <http://e/S> a sh:NodeShape ; sh:targetClass <http://e/Org> ;
...   sh:property [ sh:path <http://www.w3.org/2000/01/rdf-schema#label> ; sh:minCount 1 ;
...                 sh:message "an organisation needs a label" ] .
... '''
>>> rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
>>> data = [Quad(NamedNode("http://e/x"), rdf_type, NamedNode("http://e/Org"), NamedNode("http://e/g"))]
>>> [str(v) for v in validate_quads(data, shapes)]
['http://e/x rdfs:label: an organisation needs a label']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyshacl
from pyoxigraph import Quad, RdfFormat, serialize
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..errors import Violation
from ..terms import compact


def validate_quads(quads: Iterable[Quad], shapes: str | Sequence[Quad]) -> list[Violation]:
    """Validate the union of the quads' graphs against SHACL shapes (no inference).

    Parameters
    ----------
    quads : iterable of Quad
        The data, with whatever context it needs (the ontology for subclass links, reference
        places for ``sh:class`` checks).
    shapes : str or sequence of Quad
        The shapes, as Turtle text or as quads.

    Returns
    -------
    list of Violation
        Empty when the data conforms. Sorted by focus node, then path.
    """
    # pyshacl runs about 100 times faster on an rdflib graph than on a pyoxigraph store
    # (0.9 s against 140 s for the bundled graph), so the data goes through N-Triples.
    data = Graph()
    data.parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b"", format="nt")
    shapes_graph = Graph()
    if isinstance(shapes, str):
        shapes_graph.parse(data=shapes, format="turtle")
    else:
        nt = serialize([q.triple for q in shapes], format=RdfFormat.N_TRIPLES) or b""
        shapes_graph.parse(data=nt, format="nt")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none")
    if conforms:
        return []
    assert isinstance(report, Graph)
    out = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        out.append(
            Violation(
                focus=str(focus),
                path=compact(str(path)) if isinstance(path, URIRef) else (str(path) if path else None),
                message=str(message) if message is not None else "breaks a shape",
                value=str(value) if value is not None else None,
            )
        )
    return sorted(set(out), key=lambda v: (v.focus, v.path or "", v.message))
