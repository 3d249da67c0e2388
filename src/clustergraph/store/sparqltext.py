"""Small, careful edits of SPARQL text: binding values without pasting them in.

A remote store cannot take pyoxigraph's substitutions, so values are bound with an inline
``VALUES`` block placed first in the outermost ``WHERE`` group. Every value is an RDF term
serialised in its SPARQL/N-Triples form, never raw user text.

>>> from pyoxigraph import NamedNode, Literal
>>> q = "SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#memberOf> ?a }"
>>> print(bind_values(q, {"a": NamedNode("http://e/alliance")}))
SELECT ?m WHERE { VALUES (?a) { (<http://e/alliance>) } ?m <http://www.w3.org/ns/org#memberOf> ?a }
>>> print(bind_values('ASK { ?s ?p "}" }', {"p": NamedNode("http://e/p")}))
ASK { VALUES (?p) { (<http://e/p>) } ?s ?p "}" }
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..errors import QueryError
from .results import Term

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_CHARS = re.compile(r'<[^<>"{}|^`\\\s]*>')


_OPAQUE = re.compile(
    r"""
      \#[^\n]*                                      # a comment
    | "{3}(?:[^"\\]|\\.|"{1,2}(?!"))*(?:"{3})?      # long strings
    | '{3}(?:[^'\\]|\\.|'{1,2}(?!'))*(?:'{3})?
    | "(?:[^"\\\n]|\\.)*"?                          # short strings (ending at the line's end)
    | '(?:[^'\\\n]|\\.)*'?
    | <[^<>"{}|^`\\\s]*>                            # an IRI
    """,
    re.VERBOSE | re.DOTALL,
)
_TOKEN = re.compile(r"[{}]|(?<![\w?$:])[A-Za-z][A-Za-z0-9_]*(?![A-Za-z0-9_:])")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _scan(query: str) -> list[tuple[int, str]]:
    """Return the positions of ``{``, ``}`` and bare words outside strings, IRIs and comments.

    Strings, IRIs and comments are blanked out (positions kept), then braces and words found:
    two regular expressions, as this runs for every request of the endpoint.

    >>> _scan('SELECT * { ?s ex:p "SERVICE" } # LOAD')
    [(0, 'SELECT'), (9, '{'), (29, '}')]
    """
    masked = _OPAQUE.sub(_blank, query) if any(c in query for c in "#\"'<") else query
    return [(m.start(), m.group().upper()) for m in _TOKEN.finditer(masked)]


def where_group_start(query: str) -> int:
    """Return the index just after the ``{`` that opens the outermost ``WHERE`` group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_group_start(q):].strip()
    '?s ?p ?o }'
    """
    tokens = _scan(query)
    depth = 0
    form = None
    saw_where = False
    for pos, token in tokens:
        if token == "{":
            if depth == 0 and (saw_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return pos + 1
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            if token in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT") and form is None:
                form = token
            elif token == "WHERE":
                saw_where = True
    raise QueryError("cannot find the WHERE group of the query to bind parameters in")


def bind_values(query: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by an inline ``VALUES`` block at the start of the outermost group."""
    if not bindings:
        return query
    for name in bindings:
        if not _NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    at = where_group_start(query)
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(v) for v in bindings.values())
    return f"{query[:at]} VALUES ({names}) {{ ({values}) }}{query[at:]}"


def bind_rows(query: str, names: Sequence[str], rows: Iterable[Sequence[Term]]) -> str:
    """Bind variables to several rows of values by one inline ``VALUES`` block (as
    :func:`bind_values` binds one row); every term is serialised by pyoxigraph.

    >>> from pyoxigraph import NamedNode
    >>> bind_rows("SELECT ?s WHERE { ?s ?p ?o }", ["s"], [[NamedNode("http://e/a")], [NamedNode("http://e/b")]])
    'SELECT ?s WHERE { VALUES (?s) { (<http://e/a>) (<http://e/b>) } ?s ?p ?o }'
    """
    for name in names:
        if not _NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    at = where_group_start(query)
    values = " ".join("(" + " ".join(str(v) for v in row) + ")" for row in rows)
    return f"{query[:at]} VALUES ({' '.join(f'?{k}' for k in names)}) {{ {values} }}{query[at:]}"

