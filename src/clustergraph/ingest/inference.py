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

Every inferred statement that rests on a stated one (a statement of a source graph or a user's
file, which has its quote) is described in ``graph:inferred`` like a quoted one, but derived from
its premises' statements (``prov:wasDerivedFrom``, the same statement IRIs the source graphs use,
so a premise leads to its quote) and naming its rule (``cg:inferredBy``). What follows from the
ontology and the reference data alone (the types and the containment closure of the reference
geography: most of the conclusions) is materialised without a description each; the rules that
produce it are the same and documented here. Domain and range axioms are not applied. The
rules run on an in-memory store (written here because no library materialises RDFS and OWL
inverse/transitive rules with the premises of each conclusion).

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
from ..namespaces import CG, DCTERMS, INFERRED_GRAPH, RDF, RDFS, SCHEMA
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
_STATEMENT = NamedNode(RDF + "Statement")
_CONTAINED = NamedNode(SCHEMA + "containedInPlace")
_TRANSITIVE = NamedNode("http://www.w3.org/2002/07/owl#TransitiveProperty")
_TRANSITIVE_RULE = CG + "TransitiveRule"
_DIRECT = NamedNode("urn:clustergraph:inference:direct")  # scratch graph, see infer-transitive.rq


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
    stated: set[str] = set()
    kept = []
    for q in quads:
        if q.graph_name == _INFERRED:
            continue
        kept.append(q)
        if q.predicate == _TYPE and q.object == _STATEMENT:
            stated.add(str(getattr(q.subject, "value", q.subject)))
    scratch.add(kept)
    scratch.add(Quad(q.subject, q.predicate, q.object, _DIRECT) for q in kept if q.predicate == _CONTAINED)
    derivations: dict[Triple, tuple[str, tuple[Triple, ...]]] = {}
    walk = True  # whether the transitive rule has new links to walk (see infer-transitive.rq)
    for _ in range(MAX_ROUNDS):
        found: dict[Triple, tuple[str, tuple[Triple, ...]]] = {}
        for name, rule in RULES:
            if rule == _TRANSITIVE_RULE and not walk:
                continue  # one pass over the links gives their whole closure: nothing new follows
            for conclusion, premises in _conclusions(scratch, name):
                if conclusion not in derivations and conclusion not in found:
                    found[conclusion] = (rule, premises)
        if not found:
            break
        derivations.update(found)
        scratch.add(Quad(t.subject, t.predicate, t.object, _INFERRED) for t in found)
        direct = [  # the links the transitive rule walks: all but its own conclusions
            Quad(t.subject, t.predicate, t.object, _DIRECT)
            for t, (rule, _) in found.items()
            if t.predicate == _CONTAINED and rule != _TRANSITIVE_RULE
        ]
        scratch.add(direct)
        walk = bool(direct) or any(t.predicate == _TYPE and t.object == _TRANSITIVE for t in found)
    else:  # pragma: no cover - the bundled rules converge
        raise ClusterGraphError(f"inference did not settle after {MAX_ROUNDS} rounds")
    scratch.close()
    return _describe(derivations, stated)


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


def _described(derivations: dict[Triple, tuple[str, tuple[Triple, ...]]], stated: set[str]) -> set[Triple]:
    """The conclusions that rest, directly or through other conclusions, on a stated statement."""
    described: set[Triple] = set()
    changed = True
    while changed:
        changed = False
        for conclusion, (_, premises) in derivations.items():
            if conclusion in described:
                continue
            if any(p in described or statement_iri(p).value in stated for p in premises):
                described.add(conclusion)
                changed = True
    return described


def _describe(derivations: dict[Triple, tuple[str, tuple[Triple, ...]]], stated: set[str]) -> list[Quad]:
    g = _INFERRED
    out = [
        Quad(g, _TYPE, NamedNode(CG + "InferredGraph"), g),
        Quad(g, NamedNode(RDFS + "label"), Literal("Statements inferred at build time", language="en"), g),
        Quad(
            g,
            NamedNode(DCTERMS + "description"),
            Literal(
                "What the model implies from the other graphs (inverse and transitive properties, the class"
                " and property hierarchy, comparable date bounds). Each statement that rests on a stated one"
                " is described with its rule (cg:inferredBy) and premises (prov:wasDerivedFrom); what follows"
                " from the ontology and the reference data alone is not described one by one.",
                language="en",
            ),
            g,
        ),
    ]
    rules = sorted({r for r, _ in derivations.values()})
    out += [Quad(g, NamedNode(CG + "rule"), NamedNode(rule), g) for rule in rules]
    described = _described(derivations, stated)
    premises_seen: set[Triple] = set()
    for conclusion in sorted(derivations, key=str):
        out.append(Quad(conclusion.subject, conclusion.predicate, conclusion.object, g))
        if conclusion not in described:
            continue
        rule, premises = derivations[conclusion]
        out += statement_quads(conclusion, g, [statement_iri(p) for p in premises])
        out.append(Quad(statement_iri(conclusion), _INFERRED_BY, NamedNode(rule), g))
        for premise in premises:
            if premise not in premises_seen and premise not in described and statement_iri(premise).value not in stated:
                premises_seen.add(premise)
                out += statement_quads(premise, g, [])
    return out
