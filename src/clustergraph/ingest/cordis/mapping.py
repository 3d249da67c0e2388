"""CORDIS records as statements: projects, organisations keyed by PIC, participations.

IRIs: a project ``id:project/<grant id>``; an organisation ``id:pic/<PIC>`` (one resource per
PIC across programmes and releases); a participation ``id:participation/<grant id>/<PIC>``
(``/<role>`` added when one organisation holds two roles in one project); a programme
``id:fp7``, ``id:horizon-2020``, ``id:horizon-europe``; a call ``id:call/<identifier>``.

What is kept: see ``docs/registers.md``. No street, postcode, VAT number or contact form is
stored, and natural persons are not imported at all (see :func:`natural_person`).

>>> natural_person({"name": "JEAN DUPONT", "vatNumber": "", "shortName": "", "organizationURL": ""})
True
>>> natural_person({"name": "GEORGIAN ICT CLUSTER", "vatNumber": "", "shortName": "", "organizationURL": ""})
False
"""

from __future__ import annotations

import re
from typing import Any

from ...namespaces import CG, DCTERMS, GEO, ID, ORG, RDFS, SCHEMA, SKOS, XSD
from ...reconcile.names import fold, is_organisation_word
from ..nquads import boolean, iri, is_iri, literal, typed
from ..placement import PlaceIndex
from ..register import TYPE, RecordWriter
from . import values as v

PROGRAMMES = {
    "FP7": ("fp7", "Seventh Framework Programme (FP7)"),
    "H2020": ("horizon-2020", "Horizon 2020"),
    "HORIZON": ("horizon-europe", "Horizon Europe"),
}
#: The organisation classes of CORDIS activity types (OTH: no class beyond org:FormalOrganization).
ACTIVITY_CLASSES = {
    "HES": CG + "EducationEstablishment",
    "REC": CG + "ResearchOrganisation",
    "PRC": CG + "Company",
    "PUB": CG + "PublicBody",
}
PROJECT_COLUMNS = ("id", "title")
ORGANISATION_COLUMNS = ("projectID", "organisationID", "name", "role", "country")

_ID = re.compile(r"^[0-9A-Za-z]+$")
_SLUG = re.compile(r"[^a-z0-9]+")
_DEC = XSD + "decimal"
_FORMAL = iri(ORG + "FormalOrganization")
P = {name: iri(ns + name) for ns, names in (
    (CG, "pic registerType sme locatedIn locationBasis cityName participant participatesIn role registerRole"
         " ecContribution netEcContribution totalCost ecMaxContribution participationEnded fundedUnder"
         " selectedUnder topic fundingScheme legalBasis status subCall programmeCode"),
    (SCHEMA, "startDate endDate url"),
    (DCTERMS, "identifier title"),
    (RDFS, "label"),
    (SKOS, "altLabel"),
) for name in names.split()}
LAT, LONG = iri(GEO + "lat"), iri(GEO + "long")


class Field(Exception):
    """A bad value in a named column (the importer adds file and line)."""

    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column = column


def _get(row: dict[str, Any], column: str, parse: Any) -> Any:
    try:
        return parse(row.get(column))
    except v.BadValue as err:
        raise Field(column, str(err)) from None


def _identifier(row: dict[str, Any], column: str) -> str:
    text = v.text(row.get(column))
    if not _ID.match(text):
        raise Field(column, f"{text!r} is not an identifier (letters and digits)")
    return text


def programme_of(code: str) -> tuple[str, str, str]:
    """``(code, IRI, English label)`` of a CORDIS programme code (FP7, H2020, HORIZON)."""
    key = code.strip().upper()
    if key not in PROGRAMMES:
        raise v.BadValue(f"{code!r} is not a programme this importer knows (FP7, H2020, HORIZON)")
    slug, label = PROGRAMMES[key]
    return key, ID + slug, label


def natural_person(row: dict[str, Any]) -> bool:
    """Whether a participant record is a natural person's rather than an organisation's.

    CORDIS files carry no flag for it. A record counts as a natural person's when it gives no
    VAT number, no short name and no web address, and its name is two to four words of letters
    none of which is an organisation word or a legal form (``reconcile.names``). Such records are
    left out with their participations and counted in the graph's description.
    """
    if any(v.text(row.get(c)) for c in ("vatNumber", "shortName", "organizationURL")):
        return False
    words = v.text(row.get("name")).split()
    if not 2 <= len(words) <= 4 or not all(re.fullmatch(r"[^\W\d_][^\W\d_'’-]*\.?", w) for w in words):
        return False
    return not any(is_organisation_word(part) for w in words for part in fold(w).split())


class CordisMapper:
    """Writes the statements of one CORDIS file's records (first mention of a resource wins)."""

    def __init__(self, out: RecordWriter, places: PlaceIndex, programme: str) -> None:
        self.out = out
        self.places = places
        self.programme = programme
        self.seen: set[str] = set()
        self.fallbacks = 0

    def _first(self, subject: str) -> bool:
        if subject in self.seen:
            return False
        self.seen.add(subject)
        self.out.mint(subject)
        return True

    # --- project.csv ------------------------------------------------------------------------

    def project(self, row: dict[str, Any]) -> str:
        """The statements of one project record; returns the project's IRI."""
        add = self.out.add
        grant = _identifier(row, "id")
        p = iri(ID + f"project/{grant}")
        if not self._first(p):
            raise Field("id", f"project {grant} appears twice in this file")
        title = v.text(row.get("title"))
        acronym = v.text(row.get("acronym"))
        add(p, TYPE, iri(SCHEMA + "Project"))
        add(p, P["identifier"], literal(grant))
        add(p, P["label"], literal(acronym or title))
        if title:
            add(p, P["title"], literal(title))
        for column, prop in (("startDate", "startDate"), ("endDate", "endDate")):
            day = _get(row, column, v.date)
            if day:
                add(p, P[prop], typed(day, XSD + "date"))
        for column in ("totalCost", "ecMaxContribution"):
            money = _get(row, column, v.amount)
            if money is not None:
                add(p, P[column], typed(money, _DEC))
        for column in ("status", "topics", "fundingScheme", "legalBasis"):
            text = v.text(row.get(column))
            if text:
                add(p, P["topic" if column == "topics" else column], literal(text))
        code = v.text(row.get("frameworkProgramme")) or self.programme
        try:
            _, programme, label = programme_of(code)
        except v.BadValue as err:
            raise Field("frameworkProgramme", str(err)) from None
        prog = iri(programme)
        add(p, P["fundedUnder"], prog)
        if self._first(prog):
            add(prog, TYPE, iri(CG + "Programme"))
            add(prog, P["label"], literal(label, lang="en"))
            add(prog, P["programmeCode"], literal(code.upper()))
        master, sub = v.text(row.get("masterCall")), v.text(row.get("subCall"))
        if master:
            call = iri(ID + "call/" + _SLUG.sub("-", master.lower()).strip("-"))
            add(p, P["selectedUnder"], call)
            if self._first(call):
                add(call, TYPE, iri(CG + "Call"))
                add(call, P["identifier"], literal(master))
                add(call, P["label"], literal(master))
        if sub and sub != master:
            add(p, P["subCall"], literal(sub))
        doi = v.text(row.get("grantDoi"))
        if doi and is_iri("https://doi.org/" + doi):
            add(p, P["url"], iri("https://doi.org/" + doi))
        return p

    # --- organization.csv -------------------------------------------------------------------

    def participation(self, row: dict[str, Any]) -> str:
        """The statements of one participation record; returns the participation's IRI."""
        add = self.out.add
        grant = _identifier(row, "projectID")
        pic = _identifier(row, "organisationID")
        role = _get(row, "role", lambda x: v.role(x, self.programme))
        p = iri(ID + f"project/{grant}")
        if self._first(p):
            add(p, TYPE, iri(SCHEMA + "Project"))
            add(p, P["identifier"], literal(grant))
            acronym = v.text(row.get("projectAcronym"))
            if acronym:
                add(p, P["label"], literal(acronym))
        o = iri(ID + f"pic/{pic}")
        if self._first(o):
            self._organisation(o, pic, row)
        x = iri(ID + f"participation/{grant}/{pic}")
        if not self._first(x):
            x = iri(ID + f"participation/{grant}/{pic}/{_SLUG.sub('-', v.text(row.get('role')).lower())}")
            if not self._first(x):
                raise Field("role", f"organisation {pic} takes part in project {grant} twice in this role")
        add(x, TYPE, iri(CG + "Participation"))
        add(x, P["participant"], o)
        add(x, P["participatesIn"], p)
        add(x, P["role"], iri(role))
        add(x, P["registerRole"], literal(v.text(row.get("role"))))
        for column in ("ecContribution", "netEcContribution", "totalCost"):
            money = _get(row, column, v.amount)
            if money is not None:
                add(x, P[column], typed(money, _DEC))
        ended = _get(row, "endOfParticipation", v.flag)
        if ended is not None:
            add(x, P["participationEnded"], boolean(ended))
        return x

    def _organisation(self, o: str, pic: str, row: dict[str, Any]) -> None:
        add = self.out.add
        add(o, TYPE, _FORMAL)
        kind = v.text(row.get("activityType")).upper()
        if kind in ACTIVITY_CLASSES:
            add(o, TYPE, iri(ACTIVITY_CLASSES[kind]))
        if kind:
            add(o, P["registerType"], literal(kind))
        add(o, P["pic"], literal(pic))
        name = v.text(row.get("name"))
        if not name:
            raise Field("name", "the organisation has no name")
        add(o, P["label"], literal(name))
        short = v.text(row.get("shortName"))
        if short and short != name and any(c.isalnum() for c in short):
            add(o, P["altLabel"], literal(short))
        sme = _get(row, "SME", v.flag)
        if sme is not None:
            add(o, P["sme"], boolean(sme))
        country = _get(row, "country", v.country)
        city = v.text(row.get("city"))
        position = _get(row, "geolocation", v.coordinates)
        place, basis = self.places.locate(
            country=country, nuts=v.text(row.get("nutsCode")), city=city, coordinates=position is not None
        )
        if place is not None:
            add(o, P["locatedIn"], iri(place))
        if basis:
            self.fallbacks += 1
            add(o, P["locationBasis"], literal(basis, lang="en"))
        if city:
            add(o, P["cityName"], literal(city))
        if position is not None:
            add(o, LAT, typed(position[0], _DEC))
            add(o, LONG, typed(position[1], _DEC))
        url = v.text(row.get("organizationURL"))
        if url and is_iri(url):
            add(o, P["url"], iri(url))
