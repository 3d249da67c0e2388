"""Resolve what a user types (a name, an alias, a code, an IRI) to one actor, place or concept.

An IRI (``https://...``, ``<...>``, ``id:slug``) stands for itself if the graph knows it as one
of the kinds wanted. Any other text is searched (:func:`~.matching.search`): among the matches
of the kinds wanted, the best quality wins: an exact label, alias or code before a label that
starts with the text, before one that contains it. One best match resolves; several raise
:class:`~clustergraph.errors.AmbiguousError` listing them; none raises
:class:`~clustergraph.errors.NotFoundError`, which names what the text stands for instead when
it is of another kind.

Places that match equally well are ranked by what they are: a country before a NUTS region,
a NUTS region before an ISO 3166-2 subdivision (often the same region in the other scheme:
Nordrhein-Westfalen is NUTS ``DEA`` and ISO ``DE-NW``), and these before cities; so "Georgia"
is the country, and the US state is ``US-GA`` (its code) or ``subdivision/US-GA``. Only places
of the same rank are ambiguous.

>>> from clustergraph.network.example import example_store
>>> store = example_store()
>>> resolve(store, "alpha").iri
'https://w3id.org/clustergraph/id/alpha-cluster'
>>> resolve(store, "日本").kind, resolve(store, "es51").label
('place', 'Catalonia')
>>> resolve(store, "Cluster")
Traceback (most recent call last):
...
clustergraph.errors.AmbiguousError: 'Cluster' is ambiguous: ...
>>> resolve(store, "Catalonia", ("actor",), what="home")
Traceback (most recent call last):
...
clustergraph.errors.NotFoundError: no organisation matches home 'Catalonia'; Catalonia <...> is a country or region, ...
"""

from __future__ import annotations

from pyoxigraph import Literal

from .. import sparql
from ..errors import AmbiguousError, NotFoundError
from ..namespaces import CG
from ..store.base import Store
from ..store.results import SelectResult, term_value
from ..terms import compact, expand, named_node, pick_label
from .matching import class_kinds, kind_of, search
from .models import KINDS, Kind, Match, Resolved

#: How messages call each kind.
_KIND_NAMES: dict[Kind, str] = {"actor": "organisation", "place": "country or region", "concept": "sector"}


def _known_iri(store: Store, iri: str) -> Resolved | None:
    """The kind and label of an IRI the graph knows as an actor, place or concept, else ``None``."""
    node = named_node(iri)
    if node is None:
        return None
    result = store.query(sparql.load("lookup-iri"), bindings={"s": node})
    assert isinstance(result, SelectResult)
    types: list[str] = []
    names: list[tuple[str, str]] = []
    for row in result.dicts():
        if "type" in row:
            types.append(term_value(row["type"]))
        name = row.get("name")
        if isinstance(name, Literal):
            names.append((name.value, name.language or ""))
    kind = kind_of(types, class_kinds(store))
    return None if kind is None else Resolved(iri=iri, kind=kind, label=pick_label(names, compact(iri)))


def _candidates(store: Store, text: str, kinds: tuple[Kind, ...]) -> tuple[list[Resolved], Resolved | None]:
    """The best candidates of the kinds wanted, and the best thing of another kind the text names."""
    if not text.strip():
        return [], None
    iri = expand(text)
    if iri is not None:
        known = _known_iri(store, iri)
        if known is None:
            return [], None
        return ([known], None) if known.kind in kinds else ([], known)
    matches = search(store, text, limit=None)
    wanted = [m for m in matches if m.kind in kinds]
    other = next((m for m in matches if m.kind is not None and m.kind not in kinds), None)
    best = [m for m in wanted if m.match == wanted[0].match] if wanted else []
    if len(best) > 1 and all(m.kind == "place" for m in best):
        top = min(map(_place_rank, best))
        best = [m for m in best if _place_rank(m) == top]
    found = sorted(
        (Resolved(iri=m.iri, kind=m.kind, label=m.name) for m in best if m.kind is not None),
        key=lambda r: (KINDS.index(r.kind), r.label.casefold(), r.iri),
    )
    if other is None or other.kind is None:
        return found, None
    return found, Resolved(iri=other.iri, kind=other.kind, label=other.name)


#: The ranks of places that match a text equally well, first first (see the module's text).
PLACE_RANKS = (CG + "Country", CG + "NutsRegion", CG + "Subdivision")


def _place_rank(match: Match) -> int:
    return min((PLACE_RANKS.index(t) for t in match.types if t in PLACE_RANKS), default=len(PLACE_RANKS))


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def resolve(store: Store, text: str, kinds: tuple[Kind, ...] = KINDS, *, what: str = "name") -> Resolved:
    """Resolve ``text`` to exactly one actor, place or sector concept.

    Parameters
    ----------
    store : Store
    text : str
        A name or alias in any language, an ISO 3166 / NUTS code, or an IRI.
    kinds : tuple of str
        The kinds accepted (``actor``, ``place``, ``concept``).
    what : str
        What the text is for, used in messages (``home``, ``market``, ``sector``).

    Raises
    ------
    NotFoundError
        Nothing of an accepted kind matches.
    AmbiguousError
        Several things match equally well; ``err.candidates`` lists ``(iri, label)`` pairs.
    """
    found, other = _candidates(store, text, kinds)
    if not found:
        allowed = " or ".join(_KIND_NAMES[k] for k in kinds)
        hint = ""
        if other is not None:
            hint = f"; {other.label} <{other.iri}> is {_a(_KIND_NAMES[other.kind])}, not {_a(allowed)}"
        raise NotFoundError(
            f"no {allowed} matches {what} {text!r}{hint} (give a name or alias in any language,"
            " an ISO 3166 or NUTS code, or an IRI)"
        )
    if len(found) > 1:
        raise AmbiguousError(text, [(r.iri, r.label) for r in found])
    return found[0]
