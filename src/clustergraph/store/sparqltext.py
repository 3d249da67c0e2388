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
from collections.abc import Mapping

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


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(query: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``: the query's form, if it has one.

    >>> query_form('PREFIX ex: <http://e/SELECT> CONSTRUCT { ?s ?p "ASK" } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    """
    for _, token in _scan(query):
        if token in _FORMS:
            return token
    return None


_VAR = r"[?$]([A-Za-z_][A-Za-z0-9_]*)"
_ORDER_TERM = re.compile(rf"\s*(?:(ASC|DESC)\s*\(\s*{_VAR}\s*\)|{_VAR})", re.IGNORECASE)


def order_by(query: str) -> list[tuple[str, bool]] | None:
    """The outermost ``ORDER BY`` as ``(variable, descending)`` pairs, if it orders by variables only.

    ``None`` when there is no such clause, or when it orders by an expression.

    >>> order_by("SELECT ?a ?b WHERE { { SELECT ?x { } ORDER BY ?x } } ORDER BY DESC(?b) ?a LIMIT 3")
    [('b', True), ('a', False)]
    >>> order_by("SELECT ?a WHERE { ?a ?p ?o } ORDER BY STR(?a)") is None
    True
    """
    depth, start = 0, None
    tokens = _scan(query)
    for i, (_, token) in enumerate(tokens):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token == "ORDER" and i + 1 < len(tokens) and tokens[i + 1][1] == "BY":
            start = tokens[i + 1][0] + 2
    if start is None:
        return None
    end = len(query)
    for pos, token in tokens:
        if pos > start and token in ("LIMIT", "OFFSET", "VALUES"):
            end = min(end, pos)
    clause = query[start:end].strip()
    found: list[tuple[str, bool]] = []
    at = 0
    while at < len(clause):
        match = _ORDER_TERM.match(clause, at)
        if match is None:
            return None
        descending = (match.group(1) or "").upper() == "DESC"
        found.append((match.group(2) or match.group(3), descending))
        at = match.end()
        while at < len(clause) and clause[at].isspace():
            at += 1
    return found or None


def expand_delete_where(update: str) -> str:
    """Write each ``DELETE WHERE { P }`` in its long form, ``DELETE { P } WHERE { P }``.

    The two mean the same (SPARQL 1.1 Update, 3.1.3.3); some servers (Virtuoso 7) delete from
    one graph only in the short form when ``P`` has ``GRAPH ?g``.

    >>> print(expand_delete_where("DELETE WHERE { GRAPH ?g { <http://e/a> ?p ?o } } ; CLEAR ALL"))
    DELETE { GRAPH ?g { <http://e/a> ?p ?o } } WHERE { GRAPH ?g { <http://e/a> ?p ?o } } ; CLEAR ALL
    """
    tokens = _scan(update)
    edits: list[tuple[int, int]] = []
    depth = 0
    for i, (_, token) in enumerate(tokens):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif (
            depth == 0
            and token == "DELETE"
            and i + 2 < len(tokens)
            and tokens[i + 1][1] == "WHERE"
            and tokens[i + 2][1] == "{"
        ):
            inner = 0
            for end_pos, end_token in tokens[i + 2 :]:
                inner += {"{": 1, "}": -1}.get(end_token, 0)
                if inner == 0:
                    edits.append((tokens[i + 1][0], end_pos + 1))
                    break
    for where_at, end in reversed(edits):
        group = update[update.index("{", where_at) : end]
        update = f"{update[:where_at]}{group} WHERE {group}{update[end:]}"
    return update


def masked(query: str) -> str:
    """The query with comments and the insides of strings and IRIs blanked, lengths kept.

    Positions in the result are positions in the query, so a pattern found in the masked text
    can be cut from the original.

    >>> masked('ASK { <http://e/a> ?p "x}" } # a comment')
    'ASK { <          > ?p "  " }            '
    """
    out = list(query)
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
            out[i:end] = " " * (end - i)
            i = end
        elif c in "\"'":
            triple = query[i : i + 3] == c * 3
            quote = c * 3 if triple else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            j = min(j, n)
            out[i + len(quote) : j] = " " * (j - i - len(quote))
            i = j + len(quote)
        elif c == "<" and (match := _IRI_CHARS.match(query, i)):
            out[i + 1 : match.end() - 1] = " " * (match.end() - i - 2)
            i = match.end()
        else:
            i += 1
    return "".join(out)[:n]


_CLOSURE = re.compile(r"(?:>|[A-Za-z_][\w.\-]*:[\w.\-]*|:[\w.\-]+|\ba|\))\s*[*+]")


def has_closure_path(query: str) -> bool:
    """Whether the query uses a ``*`` or ``+`` property path (strings, IRIs, comments aside).

    >>> has_closure_path("SELECT * WHERE { ?t rdfs:subClassOf* ?c }"), has_closure_path("SELECT (COUNT(*) AS ?n) {}")
    (True, False)
    >>> has_closure_path('SELECT * WHERE { ?s <http://e/p> "a+" } # ex:p+')
    False
    """
    return bool(_CLOSURE.search(masked(query)))
