"""Search: the entities a text names, best matches first.

A text matches a label or alias in any language (``rdfs:label``, ``skos:prefLabel``,
``skos:altLabel``, ``schema:name``), ignoring case, or an ISO 3166 / NUTS code equal to it.
Matches are ranked: a whole label, alias or code first (``exact``), then labels that start with
the text (``prefix``), then labels that contain it (``substring``); ties by the label matched,
then the name shown, then the IRI.

A store that can tell its generation is searched in its search index (:mod:`.index`: built once
per generation, accents ignored too); any other (a remote SPARQL server) with
``lookup-search.rq``, the text bound as a SPARQL value, never pasted into the query.

>>> from clustergraph.network.example import example_store
>>> store = example_store()
>>> [(m.name, m.kind, m.match) for m in search(store, "alpha")]
[('Alpha Cluster', 'actor', 'exact'), ('Alpha Cluster Japan desk', None, 'prefix')]
>>> [m.name for m in search(store, "es51")]
['Catalonia']
"""

from __future__ import annotations

from pyoxigraph import Literal

from .. import sparql
from ..errors import ParameterError
from ..namespaces import ID
from ..store.base import Store
from ..store.results import SelectResult, term_value
from ..terms import compact, pick_label
from .index import CODE_PROPERTIES, fold, index_of
from .index import quality as index_quality
from .models import KINDS, MATCH_QUALITIES, Kind, Match, MatchQuality, Region


def class_kinds(store: Store) -> dict[str, Kind]:
    """The kind each class of the graph stands for (``actor``, ``place``, ``concept``).

    A class under several roots takes the first of :data:`~.models.KINDS` (an organisation that
    is also a place counts as the organisation).
    """
    result = store.query(sparql.load("lookup-kinds"))
    assert isinstance(result, SelectResult)
    kinds: dict[str, Kind] = {}
    for row in result.values():
        cls, kind = row["class"], row["kind"]
        if cls is None or kind not in KINDS:
            continue
        known = kinds.get(cls)
        if known is None or KINDS.index(kind) < KINDS.index(known):
            kinds[cls] = kind
    return kinds


def kind_of(types: list[str], kinds: dict[str, Kind]) -> Kind | None:
    """The kind of a resource with these types, or ``None`` when it is none of :data:`~.models.KINDS`."""
    found = {kinds[t] for t in types if t in kinds}
    return next((k for k in KINDS if k in found), None)


def quality(label: str, needle: str) -> MatchQuality:
    """How well a label matches a lower-case text.

    >>> quality("Biocat", "biocat"), quality("BioPmed", "bio"), quality("Lyonbiopole", "bio")
    ('exact', 'prefix', 'substring')
    """
    low = label.lower()
    return "exact" if low == needle else "prefix" if low.startswith(needle) else "substring"


def search(store: Store, text: str, *, limit: int | None = 20, kinds: tuple[Kind, ...] | None = None) -> list[Match]:
    """The entities ``text`` names, best matches first.

    Parameters
    ----------
    store : Store
    text : str
        Part of a label or alias in any language, or a whole ISO 3166 / NUTS code.
    limit : int or None
        At most this many matches (all when ``None``).
    kinds : tuple of str, optional
        Keep only these kinds (``actor``, ``place``, ``concept``); all entities when ``None``.

    Raises
    ------
    ParameterError
        When ``text`` is empty.
    """
    needle = text.strip().lower()
    if not needle:
        raise ParameterError("give some text to search for (for example q=biocat)")
    index = index_of(store)
    if index is not None:
        return index.search(text, limit=limit, kinds=kinds)
    return scan(store, text, limit=limit, kinds=kinds)


def scan(store: Store, text: str, *, limit: int | None = 20, kinds: tuple[Kind, ...] | None = None) -> list[Match]:
    """:func:`search` by one SPARQL query over every label (``lookup-search.rq``): how a store
    that cannot tell its generation, and so keeps no search index, is searched. Case is
    ignored, accents are not."""
    needle = text.strip().lower()
    if not needle:
        raise ParameterError("give some text to search for (for example q=biocat)")
    result = store.query(sparql.load("lookup-search"), bindings={"needle": Literal(needle), "base": Literal(ID)})
    assert isinstance(result, SelectResult)
    found: dict[str, _Found] = {}
    for row in result.dicts():
        entity = term_value(row["entity"])
        hit = found.setdefault(entity, _Found(entity))
        matched = row["matched"]
        if isinstance(matched, Literal):
            code = term_value(row["property"]) in CODE_PROPERTIES
            hit.matched.setdefault(matched.value, "exact" if code else quality(matched.value, needle))
            if not code:
                hit.aliases.add((matched.value, matched.language or ""))
        name = row.get("name")
        if isinstance(name, Literal):
            hit.names.add((name.value, name.language or ""))
        if "type" in row:
            hit.types.add(term_value(row["type"]))
        if "region" in row:
            region = row.get("regionName")
            hit.regions.setdefault(term_value(row["region"]), None if region is None else term_value(region))
    class_kind = class_kinds(store)
    matches = [hit.match(class_kind) for hit in found.values()]
    if kinds is not None:
        matches = [m for m in matches if m.kind in kinds]
    matches.sort(key=lambda m: rank(m, needle))
    return matches if limit is None else matches[:limit]


def rank(match: Match, text: str) -> tuple[int, str, str, str]:
    """The sort key of a match (the order of :class:`~.index.SearchIndex`): its quality, the
    (folded) label that matched best, the name shown, the IRI."""
    needle = fold(text)
    labels = [fold(label) for label in match.matched_labels]
    best = min((label for label in labels if index_quality(label, needle) == match.match), default="")
    return (MATCH_QUALITIES.index(match.match), best, match.name.casefold(), match.iri)


class _Found:
    """What the rows of ``lookup-search`` say about one entity."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.matched: dict[str, MatchQuality] = {}
        self.aliases: set[tuple[str, str]] = set()
        self.names: set[tuple[str, str]] = set()
        self.types: set[str] = set()
        self.regions: dict[str, str | None] = {}

    def match(self, kinds: dict[str, Kind]) -> Match:
        types = sorted(self.types)
        return Match(
            iri=self.iri,
            name=pick_label(self.names or self.aliases, compact(self.iri)),
            kind=kind_of(types, kinds),
            match=min(self.matched.values(), key=MATCH_QUALITIES.index),
            matched_labels=sorted(self.matched, key=lambda label: (MATCH_QUALITIES.index(self.matched[label]), label)),
            types=types,
            regions=[Region(iri=iri, name=name) for iri, name in sorted(self.regions.items())],
        )
