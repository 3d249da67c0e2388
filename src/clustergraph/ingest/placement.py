"""Place a register's organisation in the reference geography, and say how when it is not exact.

A register names places by codes (NUTS, ISO 3166, GeoNames ids) and city names. An imported
organisation is ``cg:locatedIn`` the most precise place of the reference geography that the
record itself names; nothing is placed by guesswork. When the record's region code is missing,
only a country, or not in the reference, the organisation falls back to the city the record
names (if the reference knows it in that country) or to the country, and the import says so in
``cg:locationBasis`` on the organisation.

>>> index = PlaceIndex.from_rows([
...     ("https://w3id.org/clustergraph/id/country/GE", "country", "GE"),
...     ("https://w3id.org/clustergraph/id/nuts/ES51", "nuts", "ES51"),
...     ("https://w3id.org/clustergraph/id/city/tbilisi", "city", "Tbilisi"),
...     ("https://w3id.org/clustergraph/id/city/tbilisi", "city-country", "https://w3id.org/clustergraph/id/country/GE"),
... ])
>>> place, basis = index.locate(country="GE", nuts="GE", city="TBILISI")
>>> place
'https://w3id.org/clustergraph/id/city/tbilisi'
>>> basis
"the record's NUTS code 'GE' names only the country; placed in the city 'TBILISI' the record names"
>>> index.locate(country="ES", nuts="ES51", city="Barcelona")
('https://w3id.org/clustergraph/id/nuts/ES51', None)
>>> index.locate(country="GE", nuts="", city="Batumi", coordinates=True)[1]
"the record gives no NUTS code; placed in the country (GE); the record's coordinates are kept"
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import sparql
from ..store.base import Store
from ..store.results import SelectResult

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """A name folded for comparison: no accents, lower case, words joined by one space.

    >>> fold("  Bruxelles / Brussel"), fold("München"), fold("SAN VICENTE DEL RASPEIG")
    ('bruxelles brussel', 'munchen', 'san vicente del raspeig')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


@dataclass
class PlaceIndex:
    """The reference places by code and by city name (read once per import)."""

    nuts: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    subdivisions: dict[str, str] = field(default_factory=dict)
    geonames: dict[str, str] = field(default_factory=dict)
    cities: dict[tuple[str, str], str] = field(default_factory=dict)  # (country IRI, folded name) -> city

    @classmethod
    def from_store(cls, store: Store) -> PlaceIndex:
        """Read the index from the reference places in ``store``."""
        result = store.query(sparql.load("import-places"))
        assert isinstance(result, SelectResult)
        rows = ((r[0].value, r[1].value, r[2].value) for r in result.rows if None not in r)  # type: ignore[union-attr]
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]]) -> PlaceIndex:
        """Build the index from ``(place IRI, key, value)`` rows as ``import-places.rq`` gives them."""
        index = cls()
        names: dict[str, set[str]] = defaultdict(set)
        country_of: dict[str, set[str]] = defaultdict(set)
        for place, key, value in rows:
            if key == "nuts":
                index.nuts[value.upper()] = place
            elif key == "country":
                index.countries[value.upper()] = place
            elif key == "subdivision":
                index.subdivisions[value.upper()] = place
            elif key == "geonames":
                index.geonames[value] = place
            elif key == "city":
                names[place].add(fold(value))
            elif key == "city-country":
                country_of[place].add(value)
        taken: dict[tuple[str, str], set[str]] = defaultdict(set)
        for place, folded in names.items():
            for country in country_of.get(place, ()):
                for name in folded:
                    taken[(country, name)].add(place)
        # a name two cities of one country share places neither: never pick one of them
        index.cities = {key: next(iter(found)) for key, found in taken.items() if len(found) == 1}
        return index

    def country(self, code: str) -> str | None:
        """The country of an ISO 3166-1 alpha-2 code, if the reference has it."""
        return self.countries.get(code.upper()) if code else None

    def city(self, country: str | None, name: str) -> str | None:
        """The one city of that name in that country (IRI), if the reference has exactly one."""
        if not country or not name:
            return None
        found = self.cities.get((country, fold(name)))
        if found is None and "/" in name:  # bilingual names: "Bruxelles / Brussel"
            for part in name.split("/"):
                found = found or self.cities.get((country, fold(part)))
        return found

    def locate(
        self,
        *,
        country: str,
        nuts: str = "",
        city: str = "",
        coordinates: bool = False,
    ) -> tuple[str | None, str | None]:
        """The place of a CORDIS record and, when it is not the record's region, why not.

        ``country`` is an ISO 3166-1 code (EL/UK already mapped), ``nuts`` the record's NUTS code.
        """
        code = nuts.strip().upper()
        if len(code) > 2 and code in self.nuts:
            return self.nuts[code], None
        # NUTS codes nest by prefix: ES511 lies in ES51, ES5 and ES
        for end in range(len(code) - 1, 2, -1):
            if code[:end] in self.nuts:
                return self.nuts[code[:end]], (
                    f"the record's NUTS code {code!r} is not in the reference geography;"
                    f" placed in the region {code[:end]} that contains it"
                )
        if not code:
            reason = "the record gives no NUTS code"
        elif len(code) == 2:
            reason = f"the record's NUTS code {code!r} names only the country"
        else:
            reason = f"the record's NUTS code {code!r} is not in the reference geography"
        return self._fallback(reason, country, city, coordinates)

    def locate_geonames(
        self,
        *,
        country: str,
        geonames_id: str = "",
        subdivision: str = "",
        city: str = "",
        coordinates: bool = False,
    ) -> tuple[str | None, str | None]:
        """The place of a ROR location (GeoNames city, else subdivision, else country), and why."""
        if geonames_id and geonames_id in self.geonames:
            return self.geonames[geonames_id], None
        reason = (
            f"the record's GeoNames id {geonames_id} is not in the reference geography"
            if geonames_id
            else "the record gives no GeoNames id"
        )
        place = self.city(self.country(country), city)
        if place is not None:
            return place, f"{reason}; placed in the city {city!r} the record names"
        sub = f"{country.upper()}-{subdivision.upper()}" if subdivision else ""
        if sub and sub in self.subdivisions:
            return self.subdivisions[sub], f"{reason}; placed in the subdivision {sub} the record names"
        return self._fallback(reason, country, "", coordinates)

    def _fallback(self, reason: str, country: str, city: str, coordinates: bool) -> tuple[str | None, str | None]:
        kept = "; the record's coordinates are kept" if coordinates else ""
        country_iri = self.country(country)
        place = self.city(country_iri, city)
        if place is not None:
            return place, f"{reason}; placed in the city {city!r} the record names{kept}"
        if country_iri is not None:
            return country_iri, f"{reason}; placed in the country ({country.upper()}){kept}"
        what = f"its country code {country!r} is not in the reference geography" if country else "it names no country"
        return None, f"{reason} and {what}: not placed{kept}"
