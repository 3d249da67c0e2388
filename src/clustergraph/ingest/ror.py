"""Import a ROR data dump (schema v2): the research organisations of the world, CC0.

A dump is ``vX.Y-YYYY-MM-DD-ror-data.zip`` holding one JSON array (``...-ror-data.json``; the
``_schema_v2`` variant of older releases too). It is streamed with ``ijson`` (never held in
memory) into the graph ``graph:ror``, which a later import replaces. Per record: every name with
its language (the display name and one label per language as ``rdfs:label``, other labels and
aliases as ``skos:altLabel``, acronyms also as ``cg:acronym``), types, status, year established,
each location (placed by its GeoNames id in the reference geography, else by the city, the
subdivision or the country, with ``cg:locationBasis``), links, external ids (Wikidata, ISNI,
GRID, FundRef) and relationships (``org:subOrganizationOf``, ``org:hasSubOrganization``,
``cg:relatedOrganisation``, ``cg:successor``, ``cg:predecessor``). A relationship to a record
that is not in the dump is kept: its target gets the id and label the relationship gives.

>>> from pathlib import Path
>>> from clustergraph.store import EmbeddedStore
>>> from clustergraph.ingest import build
>>> store = EmbeddedStore(); _ = build(store, validate=False)
>>> dump = Path(__file__).parents[3] / "tests" / "resources" / "ror" / "v2.1-2025-12-15-ror-data.json"
>>> report = import_ror(store, dump)
>>> report.files[0].counts["organisations"] > 0
True
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, InputNotFoundError, InputSyntaxError
from ..namespaces import CG, GEO, GRAPH, ID, ORG, RDFS, SCHEMA, SKOS, XSD
from ..store.base import Store
from .nquads import iri, is_iri, literal, typed
from .placement import PlaceIndex
from .register import CC0, PROGRESS_EVERY, TYPE, FileReport, ImportReport, Progress, RecordWriter, staged

ROR_GRAPH = GRAPH + "ror"
_ROR_ID = re.compile(r"^https://ror\.org/(0[a-z0-9]{8})$")
_RELEASE = re.compile(r"v(\d+(?:\.\d+)*)-(\d{4}-\d{2}-\d{2})")
_LANG = re.compile(r"^[a-z]{2,3}$")
#: ROR types with a class of their own here; the others (facility, healthcare, funder,
#: nonprofit, archive, other) stay org:FormalOrganization with their cg:registerType.
TYPE_CLASSES = {"education": CG + "EducationEstablishment", "company": CG + "Company", "government": CG + "PublicBody"}
RELATIONS = {
    "parent": ORG + "subOrganizationOf",
    "child": ORG + "hasSubOrganization",
    "related": CG + "relatedOrganisation",
    "successor": CG + "successor",
    "predecessor": CG + "predecessor",
}
EXTERNAL = {"wikidata": "wikidataId", "isni": "isni", "grid": "gridId", "fundref": "fundrefId"}
_P = {n: iri(CG + n) for n in ("rorId", "registerType", "status", "locatedIn", "locationBasis", "cityName", "acronym",
                               "wikidataId", "isni", "gridId", "fundrefId")}
LABEL, ALT, URL, SAME = iri(RDFS + "label"), iri(SKOS + "altLabel"), iri(SCHEMA + "url"), iri(SCHEMA + "sameAs")


def ror_iri(ror_id: str) -> str:
    """The IRI of a ROR organisation: ``id:ror/<the id's last part>``.

    >>> ror_iri("https://ror.org/0001j6c19")
    'https://w3id.org/clustergraph/id/ror/0001j6c19'
    """
    match = _ROR_ID.match(ror_id)
    if not match:
        raise ValueError(f"{ror_id!r} is not a ROR id (https://ror.org/0xxxxxxxx)")
    return ID + "ror/" + match.group(1)


@contextmanager
def _open_dump(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    if not path.exists():
        raise InputNotFoundError(str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".json") and "schema_v1" not in m]
            if not members:
                raise InputError(f"{path}: the zip holds no .json file; a ROR dump zip holds ...-ror-data.json")
            member = next((m for m in members if "v2" in m), members[0])
            with archive.open(member) as raw:
                yield raw, f"{path.name}!{member}"
        return
    if path.suffix.lower() != ".json":
        raise InputError(f"{path}: not a ROR dump; give the ...-ror-data.zip or the .json inside it")
    with path.open("rb") as raw:
        yield raw, str(path)


def import_ror(store: Store, path: str | Path, *, progress: Progress | None = None) -> ImportReport:
    """Import a ROR v2 dump into ``store`` (graph ``graph:ror``), all or nothing.

    Raises
    ------
    InputNotFoundError, InputError, InputSyntaxError
        Before anything is stored (a malformed record is named by its number and id).
    """
    import ijson

    path = Path(path)
    places = PlaceIndex.from_store(store)
    report = ImportReport(dataset="ROR")
    with _open_dump(path) as (raw, name), staged(store, lambda: [ROR_GRAPH]) as writer:
        out = RecordWriter(writer, ROR_GRAPH, name)
        file_report = FileReport(path=name, graph=ROR_GRAPH)
        mapper = _RorMapper(out, places)
        row = 0
        try:
            for row, item in enumerate(ijson.items(raw, "item", use_float=True), 1):
                mapper.record(row, item)
                if progress and row % PROGRESS_EVERY == 0:
                    progress(f"{name}: {row:,} records")
        except ijson.JSONError as err:
            raise InputSyntaxError(name, f"the JSON does not parse after record {row}: {err}") from None
        except _Bad as err:
            raise InputSyntaxError(name, f"record {row} ({err.ror_id or 'no id'}): {err}") from None
        external = mapper.finish()
        file_report.records = row
        file_report.counts = {
            "organisations": len(mapper.seen),
            "relationships": mapper.relations,
            "relationships to records not in the dump": external,
            "places not from a GeoNames id": mapper.fallbacks,
        }
        match = _RELEASE.search(name)
        out.describe(
            title=f"ROR data dump {match.group(0) if match else Path(name).name}",
            publisher="Research Organization Registry (ROR)",
            licence=CC0,
            rights="CC0 1.0 Universal: no rights reserved; attribution to ROR appreciated",
            source=name,
            records=row,
            release=match.group(2) if match else (mapper.latest or None),
        )
        report.files.append(file_report)
        report.quads = writer.count
    return report


class _Bad(Exception):
    def __init__(self, message: str, ror_id: str = "") -> None:
        super().__init__(message)
        self.ror_id = ror_id


class _RorMapper:
    def __init__(self, out: RecordWriter, places: PlaceIndex) -> None:
        self.out = out
        self.places = places
        self.seen: set[str] = set()
        self.targets: dict[str, tuple[str, str, str]] = {}  # IRI -> (ROR id, label, record term)
        self.relations = 0
        self.fallbacks = 0
        self.latest = ""

    def record(self, row: int, item: Any) -> None:
        if not isinstance(item, dict):
            raise _Bad("not a JSON object")
        ror_id = str(item.get("id", ""))
        try:
            subject = ror_iri(ror_id)
        except ValueError as err:
            raise _Bad(f"field 'id': {err}", ror_id) from None
        if subject in self.seen:
            raise _Bad("the id appears twice in the dump", ror_id)
        self.seen.add(subject)
        names = item.get("names")
        if not isinstance(names, list) or not names:
            raise _Bad("field 'names': a record needs at least one name", ror_id)
        out, s = self.out, iri(subject)
        out.start_record(row, None, ror_id)
        out.mint(s)
        out.add(s, TYPE, iri(ORG + "FormalOrganization"))
        out.add(s, _P["rorId"], literal(ror_id))
        self._names(s, names, ror_id)
        for kind in item.get("types") or []:
            out.add(s, _P["registerType"], literal(str(kind)))
            if kind in TYPE_CLASSES:
                out.add(s, TYPE, iri(TYPE_CLASSES[kind]))
        if item.get("status"):
            out.add(s, _P["status"], literal(str(item["status"])))
        established = item.get("established")
        if established is not None:
            if not isinstance(established, int) or not 0 < established < 10000:
                raise _Bad(f"field 'established': {established!r} is not a year", ror_id)
            out.add(s, iri(SCHEMA + "foundingDate"), typed(f"{established:04d}", XSD + "gYear"))
        self._locations(s, item.get("locations") or [], ror_id)
        for link in item.get("links") or []:
            value = str(link.get("value", "")) if isinstance(link, dict) else ""
            if is_iri(value):
                out.add(s, SAME if link.get("type") == "wikipedia" else URL, iri(value))
        for ext in item.get("external_ids") or []:
            prop = EXTERNAL.get(str(ext.get("type"))) if isinstance(ext, dict) else None
            if prop is not None:
                for value in ext.get("all") or []:
                    out.add(s, _P[prop], literal(str(value)))
        for rel in item.get("relationships") or []:
            self._relationship(s, rel, ror_id)
        modified = ((item.get("admin") or {}).get("last_modified") or {}).get("date")
        if isinstance(modified, str) and modified > self.latest:
            self.latest = modified

    def _names(self, s: str, names: list[Any], ror_id: str) -> None:
        labelled: set[str] = set()
        ordered = sorted(names, key=lambda n: "ror_display" not in (n.get("types") or []) if isinstance(n, dict) else 1)
        for name in ordered:
            if not isinstance(name, dict) or not str(name.get("value", "")).strip():
                raise _Bad("field 'names': a name without a value", ror_id)
            value, types = str(name["value"]).strip(), name.get("types") or []
            lang = str(name.get("lang") or "")
            lang = lang if _LANG.match(lang) else ""
            term = literal(value, lang=lang or None)
            if "acronym" in types:
                self.out.add(s, _P["acronym"], term)
                self.out.add(s, ALT, term)
            elif ("ror_display" in types or "label" in types) and lang not in labelled:
                labelled.add(lang)
                self.out.add(s, LABEL, term)
            else:
                self.out.add(s, ALT, term)

    def _locations(self, s: str, locations: list[Any], ror_id: str) -> None:
        for i, location in enumerate(locations):
            details = location.get("geonames_details") if isinstance(location, dict) else None
            if not isinstance(details, dict):
                raise _Bad("field 'locations': a location without geonames_details", ror_id)
            lat, lng = details.get("lat"), details.get("lng")
            has_point = isinstance(lat, (int, float)) and isinstance(lng, (int, float))
            place, basis = self.places.locate_geonames(
                country=str(details.get("country_code") or ""),
                geonames_id=str(location.get("geonames_id") or ""),
                subdivision=str(details.get("country_subdivision_code") or ""),
                city=str(details.get("name") or ""),
                coordinates=has_point and i == 0,
            )
            if place is not None:
                self.out.add(s, _P["locatedIn"], iri(place))
            if basis:
                self.fallbacks += 1
                self.out.add(s, _P["locationBasis"], literal(basis, lang="en"))
            if details.get("name"):
                self.out.add(s, _P["cityName"], literal(str(details["name"])))
            if has_point and i == 0:
                if not (-90 <= float(lat) <= 90 and -180 <= float(lng) <= 180):  # type: ignore[arg-type]
                    raise _Bad(f"field 'locations': {lat},{lng} is not a position in degrees", ror_id)
                for axis, value in (("lat", lat), ("long", lng)):  # fixed notation: repr(1e-05) is no xsd:decimal
                    decimal = format(Decimal(repr(float(value))), "f")  # type: ignore[arg-type]
                    self.out.add(s, iri(GEO + axis), typed(decimal, XSD + "decimal"))

    def _relationship(self, s: str, rel: Any, ror_id: str) -> None:
        kind = str(rel.get("type", "")).lower() if isinstance(rel, dict) else ""
        if kind not in RELATIONS:
            raise _Bad(f"field 'relationships': {kind!r} is not a relationship type ({', '.join(RELATIONS)})", ror_id)
        target_id = str(rel.get("id", ""))
        try:
            target = ror_iri(target_id)
        except ValueError as err:
            raise _Bad(f"field 'relationships': {err}", ror_id) from None
        self.out.add(s, iri(RELATIONS[kind]), iri(target))
        self.relations += 1
        if target not in self.targets and rel.get("label"):
            self.targets[target] = (target_id, str(rel["label"]), self.out.record)

    def finish(self) -> int:
        """Name the relationship targets the dump does not hold; return how many there were."""
        missing = [t for t in self.targets if t not in self.seen]
        for target in missing:
            target_id, label, record = self.targets[target]
            s = iri(target)
            self.out.record = record
            self.out.mint(s)
            self.out.add(s, _P["rorId"], literal(target_id))
            self.out.add(s, LABEL, literal(label))
        return len(missing)
