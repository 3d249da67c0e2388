"""The links graph: the reviewed identity links, each with its method, score, reasons and reviewer.

``graph:links`` holds, for every decided pair, a reified statement (``rdf:Statement`` with
``rdf:subject``, ``rdf:predicate owl:sameAs``, ``rdf:object``) carrying ``cg:decision``
(``accepted`` or ``rejected``), ``cg:linkMethod``, ``cg:linkScore``, ``cg:linkReasons``,
``cg:reviewedBy`` and the review date; an accepted pair is also asserted, ``<a> owl:sameAs <b>``.
Rejected pairs are remembered so that they are not proposed again. Nothing else ever merges
two organisations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from pyoxigraph import Literal, NamedNode, Quad

from ..errors import InputError
from ..namespaces import CG, DCTERMS, GRAPH, ID, OWL, RDF, XSD
from ..store.base import Store
from ..store.results import GraphResult
from .review import Decision

LINKS_GRAPH = GRAPH + "links"
SAME_AS = OWL + "sameAs"
_EMAIL = re.compile(r"\S+@\S+")


def link_iri(left: str, right: str) -> str:
    """The stable IRI of the decision on a pair (the same whichever side is given first).

    >>> link_iri("http://e/a", "http://e/b") == link_iri("http://e/b", "http://e/a")
    True
    """
    a, b = sorted((left, right))
    return ID + "link/" + hashlib.sha1(f"{a} {b}".encode()).hexdigest()[:20]


def _existing(store: Store) -> list[Quad]:
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, GraphResult)
    return [Quad(t.subject, t.predicate, t.object, NamedNode(LINKS_GRAPH)) for t in result.triples]


def record_decisions(
    store: Store,
    decisions: Sequence[Decision],
    *,
    reviewer: str,
    sheet: str,
    known: set[str],
    today: dt.date | None = None,
) -> tuple[int, int]:
    """Write the decisions into the links graph (one transaction); return (accepted, rejected).

    A pair decided again replaces its earlier decision. ``known`` is the set of organisation
    IRIs in the store: a decision about anything else is refused.
    """
    if not reviewer.strip() or _EMAIL.search(reviewer):
        raise InputError("--reviewer takes the reviewer's name or role (never an e-mail address)")
    for d in decisions:
        for iri in (d.left, d.right):
            if iri not in known:
                raise InputError(
                    f"{sheet}, row {d.line}: {iri} is no organisation of the store; was the sheet made from"
                    " another store? (run `clustergraph reconcile propose` again)"
                )
        if d.left == d.right:
            raise InputError(f"{sheet}, row {d.line}: an organisation cannot be linked to itself")
    g = NamedNode(LINKS_GRAPH)
    redecided = {link_iri(d.left, d.right) for d in decisions}
    pairs = {frozenset((d.left, d.right)) for d in decisions}
    kept = [
        q for q in _existing(store)
        if q.subject.value not in redecided  # type: ignore[union-attr]
        and not (q.predicate.value == SAME_AS and frozenset((q.subject.value, q.object.value)) in pairs)  # type: ignore[union-attr]
    ]
    when = Literal((today or dt.date.today()).isoformat(), datatype=NamedNode(XSD + "date"))
    quads = [q for q in kept if q.subject != g]
    accepted = rejected = 0
    for d in decisions:
        link = NamedNode(link_iri(d.left, d.right))
        a, b = NamedNode(d.left), NamedNode(d.right)
        quads += [
            Quad(link, NamedNode(RDF + "type"), NamedNode(RDF + "Statement"), g),
            Quad(link, NamedNode(RDF + "subject"), a, g),
            Quad(link, NamedNode(RDF + "predicate"), NamedNode(SAME_AS), g),
            Quad(link, NamedNode(RDF + "object"), b, g),
            Quad(link, NamedNode(CG + "decision"), Literal("accepted" if d.accepted else "rejected"), g),
            Quad(link, NamedNode(CG + "reviewedBy"), Literal(reviewer.strip()), g),
            Quad(link, NamedNode(DCTERMS + "date"), when, g),
            Quad(link, NamedNode(DCTERMS + "source"), Literal(f"{sheet}, row {d.line}"), g),
        ]
        if d.method:
            quads.append(Quad(link, NamedNode(CG + "linkMethod"), Literal(d.method), g))
        if re.fullmatch(r"[01](\.\d+)?", d.score):
            number = Literal(d.score, datatype=NamedNode(XSD + "decimal"))
            quads.append(Quad(link, NamedNode(CG + "linkScore"), number, g))
        if d.reasons:
            quads.append(Quad(link, NamedNode(CG + "linkReasons"), Literal(d.reasons, language="en"), g))
        if d.accepted:
            quads.append(Quad(a, NamedNode(SAME_AS), b, g))
            accepted += 1
        else:
            rejected += 1
    quads += [
        Quad(g, NamedNode(RDF + "type"), NamedNode(CG + "LinkSet"), g),
        Quad(g, NamedNode(DCTERMS + "title"), Literal("Reviewed identity links between sources", language="en"), g),
        Quad(g, NamedNode(DCTERMS + "modified"), when, g),
    ]
    store.replace_graph(LINKS_GRAPH, quads)
    return accepted, rejected
