"""Query results as plain Python values, and their standard serialisations.

Both stores answer with these classes, so everything above the store works the same on either.

>>> from pyoxigraph import NamedNode, Literal
>>> table = SelectResult(["s", "n"], [(NamedNode("http://e/a"), Literal("1")), (None, Literal("x,y"))])
>>> print(to_csv(table), end="")
s,n
http://e/a,1
,"x,y"
>>> to_tsv(table).splitlines()
['?s\\t?n', '<http://e/a>\\t"1"', '\\t"x,y"']
>>> tsv_values(to_tsv(table)).rows
[('http://e/a', '1'), (None, 'x,y')]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Union
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from ..namespaces import RDF, XSD

Term = Union[NamedNode, BlankNode, Literal, Triple]  # noqa: UP007 - a runtime alias
XSD_STRING = XSD + "string"
RDF_LANGSTRING = RDF + "langString"


@dataclass
class SelectResult:
    """The answer to a ``SELECT`` query: variable names and rows (``None`` where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Term]]:
        """Each row as a dict of the bound variables."""
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def values(self) -> list[dict[str, str | None]]:
        """Each row as a dict of plain strings (IRIs, lexical forms), ``None`` where unbound."""
        return [{v: (None if t is None else term_value(t)) for v, t in zip(self.variables, row)} for row in self.rows]

    def column(self, name: str) -> list[Term | None]:
        """All values of one variable."""
        i = self.variables.index(name)
        return [row[i] for row in self.rows]


class ValueRows(NamedTuple):
    """A ``SELECT`` answer as plain strings (:meth:`Store.values <clustergraph.store.base.Store.values>`):
    IRIs, blank node ids and lexical forms, ``None`` where unbound; no term objects."""

    variables: list[str]
    rows: list[tuple[str | None, ...]]


@dataclass
class AskResult:
    """The answer to an ``ASK`` query."""

    value: bool

    def __bool__(self) -> bool:
        return self.value


@dataclass
class GraphResult:
    """The answer to a ``CONSTRUCT`` or ``DESCRIBE`` query."""

    triples: list[Triple]

    def __len__(self) -> int:
        return len(self.triples)

    def serialize(self, fmt: RdfFormat = RdfFormat.TURTLE, prefixes: dict[str, str] | None = None) -> bytes:
        """Serialise the triples (Turtle by default)."""
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) and prefixes:
            out = serialize(self.triples, format=fmt, prefixes=prefixes)
        else:
            out = serialize(self.triples, format=fmt)
        assert out is not None
        return out


QueryResult = Union[SelectResult, AskResult, GraphResult]  # noqa: UP007 - a runtime alias


def term_value(term: Term) -> str:
    """The plain value of a term: an IRI, a blank node id or a literal's lexical form.

    >>> term_value(Literal("Biocat", language="en"))
    'Biocat'
    """
    if isinstance(term, Triple):
        return str(term)
    return term.value


def term_to_json(term: Term) -> dict[str, Any]:
    """A term in the SPARQL 1.1 Query Results JSON form.

    >>> term_to_json(Literal("Biocat", language="en"))
    {'type': 'literal', 'value': 'Biocat', 'xml:lang': 'en'}
    """
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_to_json(term.subject),
            "predicate": term_to_json(term.predicate),
            "object": term_to_json(term.object),
        },
    }


def to_json(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if isinstance(result, AskResult):
        return json.dumps({"head": {}, "boolean": result.value})
    bindings = [{v: term_to_json(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
        ensure_ascii=False,
    )


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def to_xml(result: SelectResult | AskResult) -> str:
    """SPARQL Query Results XML."""
    head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
    if isinstance(result, AskResult):
        return f"{head}<head/><boolean>{'true' if result.value else 'false'}</boolean></sparql>\n"
    parts = [head, "<head>"]
    parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    parts.append("</head><results>")
    for row in result.rows:
        parts.append("<result>")
        for v, t in zip(result.variables, row):
            if t is not None:
                parts.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts)


def to_csv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values, no types)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else term_value(t) for t in row])
    return buffer.getvalue()


def to_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in their SPARQL syntax)."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Term) -> str:
    return str(term).replace("\t", "\\t")


#: An escape in a TSV term (Turtle's ``ECHAR`` and ``UCHAR``).
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHARS.get(match.group(3), match.group(0))


def tsv_value(cell: str) -> str | None:
    """The plain value of one SPARQL TSV cell (``None`` for an empty one: unbound).

    >>> tsv_value('"a\\tb \\"c\\""@en'), tsv_value("<http://e/a>"), tsv_value("_:b1"), tsv_value("12")
    ('a\\tb "c"', 'http://e/a', 'b1', '12')
    """
    if not cell:
        return None
    first = cell[0]
    if first == '"':  # the lexical form ends at the last quote: a language tag or datatype IRI holds none
        lexical = cell[1 : cell.rindex('"')]
        return _ESCAPE.sub(_unescape, lexical) if "\\" in lexical else lexical
    if first == "<" and not cell.startswith("<<"):
        iri = cell[1:-1]
        return _ESCAPE.sub(_unescape, iri) if "\\" in iri else iri
    if cell.startswith("_:"):
        return cell[2:]
    return cell  # a number or boolean in its short form (or a quoted triple as written)


def tsv_values(text: str) -> ValueRows:
    """The rows of a SPARQL 1.1 Query Results TSV document as plain strings (see
    :class:`ValueRows`). Tabs and line breaks inside terms are escaped in TSV, so the text is
    split at once and each column decoded in one pass.

    Raises
    ------
    ValueError
        When the rows do not have one cell per variable.
    """
    text = text[:-1] if text.endswith("\n") else text
    head, newline, body = text.partition("\n")
    variables = [v[1:] if v[:1] in "?$" else v for v in head.split("\t")] if head else []
    if not variables or not newline:
        return ValueRows(variables, [])
    cells = body.replace("\r\n", "\n").replace("\n", "\t").split("\t")
    width = len(variables)
    if len(cells) % width:
        raise ValueError(f"a TSV answer with {width} variables has {len(cells)} cells")
    columns = [
        [c[1:-1] if c[:1] == "<" and "\\" not in c and c[:2] != "<<" else tsv_value(c) for c in cells[i::width]]
        for i in range(width)
    ]
    return ValueRows(variables, list(zip(*columns, strict=True)))
