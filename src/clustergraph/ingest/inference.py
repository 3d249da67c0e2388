"""Inference at build time: what the model implies, materialised in its own graph.

The build runs the rules below over everything it read (ontology, reference data, sources) until
nothing new follows, and stores the conclusions in ``graph:inferred``, so that plain SPARQL needs
no property paths for them. Each rule is a ``SELECT`` in ``sparql/infer-*.rq`` returning the
conclusion ``?s ?p ?o`` and its premises ``?s1 ?p1 ?o1`` (``?s2 ...``, ``?s3 ...``), and is
described in the ontology as a ``cg:InferenceRule``:

======================================  =========================================================
rule                                    concludes
======================================  =========================================================
``cg:InverseRule``                      the reverse of a link whose property has an
                                        ``owl:inverseOf`` (``schema:containsPlace`` /
                                        ``schema:containedInPlace``, ``schema:subEvent`` /
                                        ``schema:superEvent``)
``cg:TransitiveRule``                   the closure of each ``owl:TransitiveProperty``
                                        (containment of places)
``cg:SubClassRule``, ``cg:TypeRule``    the class hierarchy and the types it implies
``cg:SubPropertyRule``,                 the property hierarchy and the statements it implies
``cg:PropertyRule``                     (``cg:role`` is an ``org:role``)
``cg:PeriodStartRule``,                 ``cg:periodStart`` / ``cg:periodEnd``: the first and last
``cg:PeriodEndRule``                    day of the period a date names, as ``xsd:date``, so that
                                        dates of any precision compare
``cg:DurationEndRule``                  an end from a start and a duration in years
``cg:ParticipationPeriodRule``          a participation without dates of its own takes the
                                        period of what it belongs to
======================================  =========================================================

Every inferred statement is described in ``graph:inferred`` like a quoted one, but derived from
its premises' statements (``prov:wasDerivedFrom``, the same statement IRIs the source graphs use,
so a premise leads to its quote) and naming its rule (``cg:inferredBy``). Domain and range
axioms are not applied. The rules run on an in-memory store (written here because no library
materialises RDFS and OWL inverse/transitive rules with the premises of each conclusion).

>>> from pyoxigraph import NamedNode, Quad
>>> S = "https://schema.org/"
>>> g = NamedNode("http://e/g")
>>> data = [Quad(NamedNode("http://e/shanghai"), NamedNode(S + "containedInPlace"), NamedNode("http://e/cn"), g),
...         Quad(NamedNode(S + "containsPlace"), NamedNode("http://www.w3.org/2002/07/owl#inverseOf"),
...              NamedNode(S + "containedInPlace"), g)]
>>> inferred = infer(data)
>>> [(q.subject.value, q.predicate.value) for q in inferred if q.predicate.value == S + "containsPlace"]
[('http://e/cn', 'https://schema.org/containsPlace')]
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad, Triple

from .. import sparql
from ..errors import ClusterGraphError
from ..namespaces import CG, DCTERMS, INFERRED_GRAPH, RDF, RDFS
from ..store.embedded import EmbeddedStore
from ..store.results import SelectResult
from .provenance import statement_iri, statement_quads

#: The rules in the order they run in each round: (query file, rule individual).
RULES: tuple[tuple[str, str], ...] = (
    ("infer-subclass", CG + "SubClassRule"),
    ("infer-subproperty", CG + "SubPropertyRule"),
    ("infer-type", CG + "TypeRule"),
    ("infer-property", CG + "PropertyRule"),
    ("infer-inverse", CG + "InverseRule"),
    ("infer-transitive", CG + "TransitiveRule"),
    ("infer-duration-end", CG + "DurationEndRule"),
    ("infer-period-start", CG + "PeriodStartRule"),
    ("infer-period-end", CG + "PeriodEndRule"),
    ("infer-participation-period", CG + "ParticipationPeriodRule"),
)
MAX_ROUNDS = 30

_INFERRED = NamedNode(INFERRED_GRAPH)
_INFERRED_BY = NamedNode(CG + "inferredBy")
_TYPE = NamedNode(RDF + "type")


def infer(quads: Iterable[Quad]) -> list[Quad]:
    """The quads of ``graph:inferred`` for a dataset: conclusions and how each was reached.

    Parameters
    ----------
    quads : iterable of Quad
        Everything the conclusions may rest on (the ontology's axioms included).

    Returns
    -------
    list of Quad
        In ``graph:inferred``: the description of the graph, each conclusion, and its
        ``rdf:Statement`` with ``cg:inferredBy`` (the rule) and ``prov:wasDerivedFrom`` (the
        statements of its premises, also described there).

    Raises
    ------
    ClusterGraphError
        If the rules do not reach a fixpoint (a rule producing ever new values).
    """
    scratch = EmbeddedStore()
    scratch.add(q for q in quads if q.graph_name != _INFERRED)
    derivations: dict[Triple, tuple[str, tuple[Triple, ...]]] = {}
    for _ in range(MAX_ROUNDS):
        found: dict[Triple, tuple[str, tuple[Triple, ...]]] = {}
        for name, rule in RULES:
            for conclusion, premises in _conclusions(scratch, name):
                if conclusion not in derivations and conclusion not in found:
                    found[conclusion] = (rule, premises)
        if not found:
            break
        derivations.update(found)
        scratch.add(Quad(t.subject, t.predicate, t.object, _INFERRED) for t in found)
    else:  # pragma: no cover - the bundled rules converge
        raise ClusterGraphError(f"inference did not settle after {MAX_ROUNDS} rounds")
    scratch.close()
    return _describe(derivations)


def _conclusions(store: EmbeddedStore, name: str) -> list[tuple[Triple, tuple[Triple, ...]]]:
    result = store.query(sparql.load(name))
    assert isinstance(result, SelectResult)
    index = {v: i for i, v in enumerate(result.variables)}
    out = []
    for row in result.rows:
        s, p, o = (row[index[v]] for v in ("s", "p", "o"))
        if s is None or p is None or o is None or isinstance(s, Literal) or not isinstance(p, NamedNode):
            continue
        premises = []
        for n in ("1", "2", "3"):
            if "s" + n not in index:
                continue
            ps, pp, po = (row[index[v + n]] for v in ("s", "p", "o"))
            if ps is not None and isinstance(pp, NamedNode) and po is not None and not isinstance(ps, Literal):
                premises.append(Triple(ps, pp, po))
        out.append((Triple(s, p, o), tuple(premises)))
    return out


def _describe(derivations: dict[Triple, tuple[str, tuple[Triple, ...]]]) -> list[Quad]:
    g = _INFERRED
    out = [
        Quad(g, _TYPE, NamedNode(CG + "InferredGraph"), g),
        Quad(g, NamedNode(RDFS + "label"), Literal("Statements inferred at build time", language="en"), g),
        Quad(
            g,
            NamedNode(DCTERMS + "description"),
            Literal(
                "What the model implies from the other graphs (inverse and transitive properties, the class"
                " and property hierarchy, comparable date bounds), each statement with its rule"
                " (cg:inferredBy) and premises (prov:wasDerivedFrom).",
                language="en",
            ),
            g,
        ),
    ]
    premises_seen: set[Triple] = set()
    for conclusion in sorted(derivations, key=str):
        rule, premises = derivations[conclusion]
        out.append(Quad(conclusion.subject, conclusion.predicate, conclusion.object, g))
        out += statement_quads(conclusion, g, [statement_iri(p) for p in premises])
        out.append(Quad(statement_iri(conclusion), _INFERRED_BY, NamedNode(rule), g))
        for premise in premises:
            if premise not in premises_seen and premise not in derivations:
                premises_seen.add(premise)
                out += statement_quads(premise, g, [])
    return out
