"""Resolve what a user types (a name, an alias, a code, an IRI) to actors, places and sectors.

Order of attempts: an IRI (``https://...`` or ``id:slug``); an ISO 3166 or NUTS code (places);
a label or alias equal to the text in any language, ignoring case; and only when nothing is
equal, a label or alias that contains the text. One match resolves; several raise
:class:`~clustergraph.errors.AmbiguousError` listing them; none raises
:class:`~clustergraph.errors.NotFoundError`. The text is bound as a SPARQL value, never pasted
into the query.

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
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from . import sparql
from .errors import AmbiguousError, NotFoundError
from .namespaces import ID, PREFIXES
from .network.records import pick_label, short
from .store.base import Store
from .store.results import SelectResult

KINDS = ("actor", "place", "concept")


@dataclass(frozen=True)
class Resolved:
    """One thing of the graph a text stands for."""

    iri: str
    kind: str  # actor, place or concept
    label: str

    def to_dict(self) -> dict[str, str]:
        """IRI, kind and label."""
        return {"iri": self.iri, "kind": self.kind, "label": self.label}


def _rows(store: Store, name: str, **bindings: NamedNode | Literal) -> list[tuple[str, str]]:
    result = store.query(sparql.load(name), bindings=bindings)
    assert isinstance(result, SelectResult)
    out = []
    for s, kind in result.rows:
        if s is not None and kind is not None and isinstance(s, NamedNode):
            out.append((s.value, kind.value))  # type: ignore[union-attr]
    return out


def label_of(store: Store, iri: str) -> str:
    """The English (else any) label of a resource, or a short form of its IRI."""
    result = store.query(sparql.load("net-labels"), bindings={"s": NamedNode(iri)})
    assert isinstance(result, SelectResult)
    labels = [(t.value, t.language or "") for (t,) in result.rows if isinstance(t, Literal)]
    return pick_label(labels, short(iri))


def expand_iri(text: str) -> str | None:
    """An absolute IRI for ``https://...``, ``<...>`` or a known prefix (``id:biocat``).

    >>> expand_iri("id:biocat")
    'https://w3id.org/clustergraph/id/biocat'
    >>> expand_iri("Biocat") is None
    True
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith(("http://", "https://", "urn:")):
        return text if " " not in text else None
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and rest and " " not in rest:
        return PREFIXES[prefix] + rest
    return None


def candidates(store: Store, text: str, kinds: tuple[str, ...] = KINDS) -> list[Resolved]:
    """Everything ``text`` may stand for, by the rules in the module docs (possibly empty)."""
    text = text.strip()
    if not text:
        return []
    iri = expand_iri(text)
    found: list[tuple[str, str]] = []
    if iri is not None:
        found = _rows(store, "net-resolve-iri", s=NamedNode(iri))
    else:
        if "place" in kinds:
            found = _rows(store, "net-resolve-code", text=Literal(text))
        if not [f for f in found if f[1] in kinds]:
            found = _rows(store, "net-resolve-name", text=Literal(text))
        if not [f for f in found if f[1] in kinds]:
            found = _rows(store, "net-resolve-contains", text=Literal(text))
    seen: dict[str, str] = {}
    for s, kind in found:
        if kind in kinds and s not in seen:
            seen[s] = kind
    # An IRI that is both an actor and a place (rare) counts as the actor.
    return sorted(
        (Resolved(s, k, label_of(store, s)) for s, k in seen.items()),
        key=lambda r: (KINDS.index(r.kind), r.label.lower(), r.iri),
    )


def resolve(store: Store, text: str, kinds: tuple[str, ...] = KINDS, *, what: str = "name") -> Resolved:
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
        Several things match; ``err.candidates`` lists ``(iri, label)`` pairs.
    """
    found = candidates(store, text, kinds)
    if not found:
        accepted = {"actor": "organisation", "place": "country or region", "concept": "sector"}
        allowed = " or ".join(accepted[k] for k in kinds)
        hint = ""
        if expand_iri(text) is None:
            others = candidates(store, text, tuple(k for k in KINDS if k not in kinds))
            if others:
                hint = f"; it names {others[0].label} <{others[0].iri}>, which is not a {allowed}"
        raise NotFoundError(
            f"no {allowed} matches {what} {text!r}{hint} (give a name or alias in any language,"
            " an ISO 3166 or NUTS code, or an IRI)"
        )
    if len(found) > 1:
        raise AmbiguousError(text, [(r.iri, r.label) for r in found])
    return found[0]


def is_clustergraph_id(iri: str) -> bool:
    """Whether an IRI is minted by clustergraph (under ``id:``)."""
    return iri.startswith(ID)
