"""CSV sheets: add organisations, memberships, agreements, projects and events from a spreadsheet.

A sheet is one CSV file (UTF-8, comma-separated, a header row). Its header tells which template
it follows; ``docs/sheets.md`` documents each template with an example. Every row becomes the
same nodes a Turtle file would hold, so the same SHACL shapes check it, and every error names the
file, the row (as a spreadsheet numbers it: the header is row 1) and the column.

Cells that name a resource take a full IRI, a prefixed name (``id:biocat``, ``cg:Leader``) or a
slug under ``https://w3id.org/clustergraph/id/`` (``biocat``, ``country/JP``, ``nuts/ES51``).
Several values in one cell are separated by ``;``. Dates are ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``, at the precision the source gives.

>>> from pathlib import Path
>>> import tempfile
>>> sheet = Path(tempfile.mkdtemp()) / "orgs.csv"
>>> _ = sheet.write_text(
...     "id,label,lang,type,located_in,evidence\\n"
...     "helix,Helix Cluster,en,ClusterOrganisation,country/DK,Helix Cluster is a test.\\n")
>>> quads = read_sheet(sheet, graph="https://example.org/g")
>>> sorted({q.predicate.value.rsplit("#", 1)[-1] for q in quads if q.subject.value.endswith("/helix")})
['label', 'locatedIn', 'type']

Each row's ``evidence`` is the quote that states the row: every statement the row makes is stored
with it, as :mod:`clustergraph.ingest.provenance` describes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ..errors import InputNotFoundError, SheetError
from ..namespaces import CG, ID, ORG, RDF, RDFS, SCHEMA, SKOS, XSD
from ..terms import named_node
from .provenance import quote_statements

_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Template:
    """One sheet template: its name, required and optional columns, and row builder."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    description: str

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


ORGANISATION_TYPES = (
    "Organization",
    "FormalOrganization",
    "ClusterOrganisation",
    "Company",
    "University",
    "PublicBody",
    "ChamberOfCommerce",
    "SciencePark",
    "IndustryAssociation",
    "AdvisoryBody",
    "Alliance",
)
EVENT_TYPES = ("Event", "Mission")
AGREEMENT_TYPES = ("Agreement", "MemorandumOfUnderstanding")

TEMPLATES: dict[str, Template] = {
    "organisations": Template(
        "organisations",
        ("id", "label", "type", "evidence"),
        ("lang", "alt_labels", "located_in", "serves_markets", "sectors", "purpose", "website"),
        "One organisation per row: cluster organisations, companies, universities, alliances.",
    ),
    "memberships": Template(
        "memberships",
        ("alliance", "member", "evidence"),
        ("lang", "role", "start", "end"),
        "One membership per row: who belongs to which alliance, with role and period (a cg:Participation).",
    ),
    "agreements": Template(
        "agreements",
        ("id", "label", "parties", "evidence"),
        ("lang", "type", "date", "place", "signed_at", "purpose", "target_markets"),
        "One agreement or MoU per row: its parties, signing date and place, purpose, markets.",
    ),
    "projects": Template(
        "projects",
        ("project", "participant", "role", "evidence"),
        ("lang", "project_label", "start", "end", "funder", "target_markets"),
        "One participation per row: project, participant and role (coordinator, partner, ...).",
    ),
    "events": Template(
        "events",
        ("id", "label", "evidence"),
        ("lang", "type", "start", "end", "location", "target_markets", "organisers", "participants"),
        "One event or mission per row: dates, place, target markets, organisers, participants.",
    ),
}


def template_for(header: list[str], path: str) -> Template:
    """The template whose columns hold the whole header (the most specific one if several).

    >>> template_for(["alliance", "member", "evidence"], "m.csv").name
    'memberships'
    """
    columns = set(header)
    fitting = [t for t in TEMPLATES.values() if set(t.required) <= columns and columns <= set(t.columns)]
    if fitting:
        return max(fitting, key=lambda t: len(t.required))
    partial = [t for t in TEMPLATES.values() if set(t.required) <= columns]
    if partial:
        template = max(partial, key=lambda t: len(columns & set(t.columns)))
        unknown = [c for c in header if c not in template.columns]
        raise SheetError(
            path,
            f"unknown column(s) {', '.join(map(repr, unknown))} for the {template.name}"
            f" template; its columns are {', '.join(template.columns)}",
            row=1,
        )
    described = "; ".join(f"{t.name}: {', '.join(t.required)}" for t in TEMPLATES.values())
    raise SheetError(
        path,
        f"the header matches no template; the required columns are {described} (see docs/sheets.md)",
        row=1,
    )


class _Row:
    """Reads the cells of one row, turning each into terms or raising a precise error."""

    def __init__(self, path: str, number: int, cells: dict[str, str], graph: NamedNode) -> None:
        self.path, self.number, self.cells, self.graph = path, number, cells, graph
        self.quads: list[Quad] = []
        lang = cells.get("lang", "").strip() or "en"
        if not _LANG.match(lang):
            self.fail("lang", f"{lang!r} is not a language tag like en or de")
        self.lang = lang

    def fail(self, column: str, message: str) -> None:
        raise SheetError(self.path, message, row=self.number, column=column)

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.cells.get(column) or "").strip()
        if required and not value:
            self.fail(column, "this cell is required and empty")
        return value

    def iri(self, column: str, value: str | None = None, *, base: str = ID) -> NamedNode:
        raw = value if value is not None else self.text(column, required=True)
        node = named_node(raw, base=base)
        if node is None:
            self.fail(column, f"{raw.strip()!r} is not an IRI, a prefixed name or a slug")
        assert node is not None
        return node

    def iris(self, column: str) -> list[NamedNode]:
        return [self.iri(column, v) for v in self.text(column).split(";") if v.strip()]

    def choice(self, column: str, choices: tuple[str, ...], default: str) -> NamedNode:
        raw = self.text(column) or default
        for option in choices:
            if raw.lower() == option.lower():
                return (
                    NamedNode(CG + option)
                    if option not in ("Organization", "FormalOrganization")
                    else NamedNode(ORG + option)
                )
        self.fail(column, f"{raw!r} is not one of {', '.join(choices)}")
        raise AssertionError  # unreachable

    def date(self, column: str) -> Literal | None:
        raw = self.text(column)
        if not raw:
            return None
        match = _DATE.match(raw)
        if not match or (match.group(3) and not 1 <= int(match.group(3)) <= 12):
            self.fail(column, f"{raw!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        assert match is not None
        kind = "date" if match.group(5) else "gYearMonth" if match.group(3) else "gYear"
        return Literal(raw, datatype=NamedNode(XSD + kind))

    def add(self, s: NamedNode, p: str, o: NamedNode | Literal | None) -> None:
        if o is not None:
            self.quads.append(Quad(s, NamedNode(p), o, self.graph))

    def literal(self, column: str) -> Literal | None:
        value = self.text(column)
        return Literal(value, language=self.lang) if value else None

    def evidence(self, node: NamedNode) -> None:
        """Check the row's quote; :func:`read_sheet` ties every statement of the row to it."""
        self.text("evidence", required=True)


ROLES = (
    "Member",
    "Leader",
    "Coordinator",
    "Partner",
    "Organiser",
    "CoOrganiser",
    "Host",
    "Participant",
    "Speaker",
    "Signatory",
    "Funder",
    "Supporter",
)


def _slug(node: NamedNode) -> str:
    value = node.value
    if value.startswith(ID):
        return value[len(ID) :]
    last = re.split(r"[/#]", value.rstrip("/#"))[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", last).strip("-") or "node"


def _organisation(row: _Row) -> None:
    node = row.iri("id")
    row.add(node, RDF + "type", row.choice("type", ORGANISATION_TYPES, "Organization"))
    row.add(node, RDFS + "label", Literal(row.text("label", required=True), language=row.lang))
    for alt in row.text("alt_labels").split(";"):
        if alt.strip():
            row.add(node, SKOS + "altLabel", Literal(alt.strip(), language=row.lang))
    for place in row.iris("located_in"):
        row.add(node, CG + "locatedIn", place)
    for market in row.iris("serves_markets"):
        row.add(node, CG + "servesMarket", market)
    for sector in row.iris("sectors"):
        row.add(node, CG + "sector", sector)
    row.add(node, CG + "purpose", row.literal("purpose"))
    if row.text("website"):
        row.add(node, SCHEMA + "url", row.iri("website", base=""))
    row.evidence(node)


def _membership(row: _Row) -> None:
    alliance, member = row.iri("alliance"), row.iri("member")
    node = NamedNode(f"{ID}membership/{_slug(alliance)}/{_slug(member)}")
    row.add(node, RDF + "type", NamedNode(CG + "Participation"))
    row.add(node, CG + "participatesIn", alliance)
    row.add(node, CG + "participant", member)
    row.add(node, CG + "role", row.choice("role", ROLES, "Member"))
    row.add(node, SCHEMA + "startDate", row.date("start"))
    row.add(node, SCHEMA + "endDate", row.date("end"))
    row.evidence(node)


def _agreement(row: _Row) -> None:
    node = row.iri("id")
    row.add(node, RDF + "type", row.choice("type", AGREEMENT_TYPES, "Agreement"))
    row.add(node, RDFS + "label", Literal(row.text("label", required=True), language=row.lang))
    parties = row.iris("parties")
    if not parties:
        row.fail("parties", "name at least one party")
    for party in parties:
        row.add(node, CG + "party", party)
    row.add(node, SCHEMA + "startDate", row.date("date"))
    if row.text("place"):
        row.add(node, SCHEMA + "location", row.iri("place"))
    if row.text("signed_at"):
        row.add(node, CG + "signedAt", row.iri("signed_at"))
    row.add(node, CG + "purpose", row.literal("purpose"))
    for market in row.iris("target_markets"):
        row.add(node, CG + "targetMarket", market)
    row.evidence(node)


def _participation(row: _Row) -> None:
    project, participant = row.iri("project"), row.iri("participant")
    node = NamedNode(f"{ID}participation/{_slug(project)}/{_slug(participant)}")
    if row.text("project_label"):
        row.add(project, RDF + "type", NamedNode(SCHEMA + "Project"))
        row.add(project, RDFS + "label", Literal(row.text("project_label"), language=row.lang))
        row.evidence(project)
        for market in row.iris("target_markets"):
            row.add(project, CG + "targetMarket", market)
        if row.text("funder"):
            row.add(project, SCHEMA + "funder", row.iri("funder"))
    row.add(node, RDF + "type", NamedNode(CG + "Participation"))
    row.add(node, CG + "participant", participant)
    row.add(node, CG + "participatesIn", project)
    row.add(node, CG + "role", row.choice("role", ROLES, "Partner"))
    row.add(node, SCHEMA + "startDate", row.date("start"))
    row.add(node, SCHEMA + "endDate", row.date("end"))
    row.evidence(node)


def _event(row: _Row) -> None:
    node = row.iri("id")
    row.add(node, RDF + "type", row.choice("type", EVENT_TYPES, "Event"))
    row.add(node, RDFS + "label", Literal(row.text("label", required=True), language=row.lang))
    row.add(node, SCHEMA + "startDate", row.date("start"))
    row.add(node, SCHEMA + "endDate", row.date("end"))
    if row.text("location"):
        row.add(node, SCHEMA + "location", row.iri("location"))
    for market in row.iris("target_markets"):
        row.add(node, CG + "targetMarket", market)
    row.evidence(node)
    for column, role in (("organisers", "Organiser"), ("participants", "Participant")):
        for actor in row.iris(column):
            tie = NamedNode(f"{ID}participation/{_slug(node)}/{_slug(actor)}")
            row.add(tie, RDF + "type", NamedNode(CG + "Participation"))
            row.add(tie, CG + "participant", actor)
            row.add(tie, CG + "participatesIn", node)
            row.add(tie, CG + "role", NamedNode(CG + role))
            row.evidence(tie)


_BUILDERS: dict[str, Callable[[_Row], None]] = {
    "organisations": _organisation,
    "memberships": _membership,
    "agreements": _agreement,
    "projects": _participation,
    "events": _event,
}


def read_sheet(path: str | Path, *, graph: str) -> list[Quad]:
    """Read a CSV sheet into quads in ``graph``.

    Raises
    ------
    InputNotFoundError
        If the file does not exist.
    SheetError
        Naming the file, row and column of the first bad cell, or the header problem.
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(str(path))
    name = str(path)
    target = NamedNode(graph)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader, [])]
            if not header:
                raise SheetError(name, "the sheet is empty; it needs a header row", row=1)
            template = template_for(header, name)
            build = _BUILDERS[template.name]
            quads: list[Quad] = []
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    raise SheetError(name, f"{len(cells)} cells but {len(header)} columns", row=number)
                row = _Row(name, number, dict(zip(header, cells)), target)
                build(row)
                quads.extend(quote_statements(row.quads, row.text("evidence", required=True), row.lang, target))
    except UnicodeDecodeError as err:
        raise SheetError(
            name, f"not UTF-8 text ({err.reason} at byte {err.start}); save the sheet as CSV UTF-8"
        ) from None
    except csv.Error as err:
        raise SheetError(name, f"not a readable CSV file: {err}") from None
    return quads
