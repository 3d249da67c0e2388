"""Turn parameter values given as text into RDF terms, checking their type.

Values never become query text: they become terms, which the store binds.

>>> to_term("bioxclusters-plus", "iri").value
'https://w3id.org/clustergraph/id/bioxclusters-plus'
>>> to_term("id:biocat", "iri").value
'https://w3id.org/clustergraph/id/biocat'
>>> str(to_term("2016", "year"))
'"2016"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> to_term("twenty", "integer", name="year")
Traceback (most recent call last):
...
clustergraph.errors.ParameterError: parameter 'year' must be an integer, got 'twenty'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from ..errors import ParameterError
from ..namespaces import ID, XSD
from ..store.results import Term
from ..terms import named_node

if TYPE_CHECKING:
    from .catalogue import Parameter

PARAM_TYPES = ("iri", "string", "integer", "year", "decimal", "date", "language")
_INTEGER = re.compile(r"[+-]?[0-9]+")


def _shown(value: str) -> str:
    """A value as an error message shows it: quoted, and cut short when long."""
    return repr(value) if len(value) <= 60 else f"{value[:40]!r}... ({len(value):,} characters)"
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def to_term(value: str, ptype: str, *, name: str = "value") -> Term:
    """Convert one text value to a term of the parameter's type."""
    value = value.strip()
    if ptype == "iri":
        node = named_node(value, base=ID)
        if node is None:
            raise ParameterError(f"parameter {name!r} must be an IRI, got {_shown(value)}")
        return node
    if ptype in ("integer", "year"):
        if not _INTEGER.fullmatch(value):
            raise ParameterError(f"parameter {name!r} must be an integer, got {_shown(value)}")
        digits = value.lstrip("+-").lstrip("0") or "0"
        if len(digits) > 18:  # the engine's integers have 64 bits
            raise ParameterError(
                f"parameter {name!r} must be an integer of at most 18 digits, got one of {len(digits):,} digits"
            )
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    if ptype == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value) or len(value) > 64:
            raise ParameterError(f"parameter {name!r} must be a decimal number, got {_shown(value)}")
        return Literal(value, datatype=NamedNode(XSD + "decimal"))
    if ptype == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ParameterError(f"parameter {name!r} must be a date YYYY-MM-DD, got {_shown(value)}") from None
        return Literal(value, datatype=NamedNode(XSD + "date"))
    if ptype == "language":
        if not _LANG.match(value):
            raise ParameterError(f"parameter {name!r} must be a language tag like en or de, got {_shown(value)}")
        return Literal(value.lower())
    if ptype == "string":
        return Literal(value)
    raise ParameterError(f"parameter {name!r} has unknown type {ptype!r}")


def bind_parameters(
    parameters: Sequence[Parameter], given: Mapping[str, str], *, query: str = "query"
) -> dict[str, Term]:
    """Check given values against a query's parameters and convert them to terms.

    Raises
    ------
    ParameterError
        For an unknown name, a missing required parameter or a value of the wrong type.
    """
    known = {p.name: p for p in parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        accepted = ", ".join(known) or "none"
        raise ParameterError(f"{query} has no parameter {', '.join(map(repr, unknown))}; it accepts: {accepted}")
    bound: dict[str, Term] = {}
    for p in parameters:
        raw = given.get(p.name)
        if raw is None or raw == "":
            if not p.optional:
                example = f" (for example {p.name}={p.example})" if p.example else ""
                raise ParameterError(f"{query} needs the parameter {p.name!r}: {p.description}{example}")
            continue
        bound[p.name] = to_term(raw, p.type, name=p.name)
    return bound
