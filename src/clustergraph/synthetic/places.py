"""The bundled reference places and sectors the synthetic generator draws from.

Every place a synthetic record points at exists in ``data/reference/places.ttl``, so the
generated data resolves against the bundled graph (labels, coordinates, containment).

>>> ref = reference()
>>> len(ref.countries) > 200, all(p.country for p in ref.regions)
(True, True)
>>> ref.by_iri["https://w3id.org/clustergraph/id/country/JP"].label
'Japan'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from ..namespaces import CG, ID, RDF, RDFS, SCHEMA
from ..paths import bundled_dir


@dataclass(frozen=True)
class Place:
    """A reference place: its IRI, English label and the ISO code of its country."""

    iri: str
    label: str
    country: str  # ISO 3166-1 alpha-2, e.g. "DE"
    kind: str  # "country", "nuts", "subdivision", "city"


@dataclass(frozen=True)
class Reference:
    """The places (countries and sub-country regions) and sector IRIs, in a stable order."""

    countries: tuple[Place, ...]
    regions: tuple[Place, ...]  # NUTS regions, subdivisions, cities
    sectors: tuple[str, ...]
    by_iri: dict[str, Place]


_KINDS = {
    CG + "Country": "country",
    CG + "NutsRegion": "nuts",
    CG + "Subdivision": "subdivision",
    CG + "City": "city",
}


@lru_cache(maxsize=1)
def reference() -> Reference:
    """Read ``data/reference/places.ttl`` and ``sectors.ttl`` (once per process)."""
    data = bundled_dir("data") / "reference"
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    parents: dict[str, str] = {}
    codes: dict[str, str] = {}
    for q in parse(path=str(data / "places.ttl"), format=RdfFormat.TURTLE):
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, NamedNode):
            continue
        if p == RDF + "type" and o.value in _KINDS:
            kinds[s.value] = _KINDS[o.value]
        elif p == RDFS + "label" and isinstance(o, Literal) and o.language == "en":
            labels[s.value] = o.value
        elif p == SCHEMA + "containedInPlace":
            parents[s.value] = o.value
        elif p == CG + "iso3166Code" and kinds.get(s.value, "country") == "country":
            codes[s.value] = o.value

    def country_of(place: str) -> str | None:
        seen = 0
        while place and seen < 10:
            if kinds.get(place) == "country":
                return place.rsplit("/", 1)[-1]
            place = parents.get(place, "")
            seen += 1
        return None

    places: list[Place] = []
    for place_iri in sorted(kinds):
        country = country_of(place_iri)
        if country is None or place_iri not in labels:
            continue
        places.append(Place(place_iri, labels[place_iri], country, kinds[place_iri]))
    sectors = sorted(
        q.subject.value
        for q in parse(path=str(data / "sectors.ttl"), format=RdfFormat.TURTLE)
        if q.predicate.value == RDF + "type"
        and q.object.value == "http://www.w3.org/2004/02/skos/core#Concept"
        and q.subject.value.startswith(ID + "sector/")
    )
    return Reference(
        countries=tuple(p for p in places if p.kind == "country"),
        regions=tuple(p for p in places if p.kind != "country"),
        sectors=tuple(sectors),
        by_iri={p.iri: p for p in places},
    )
