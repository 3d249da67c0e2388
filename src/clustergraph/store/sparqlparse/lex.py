"""The lexical level of SPARQL 1.1: tokens and their escapes, and a bound on nesting.

Tokens follow section 19.8 of SPARQL 1.1 Query, read by longest match as the recommendation
says (so ``<?a&&?b>`` is an IRI, and ``?x`` a variable rather than a path modifier and a name),
with the engine's (Oxigraph's) reading of escapes: ``\\uXXXX`` and ``\\UXXXXXXXX`` inside strings
and IRIs only. The first character of a token chooses the one compiled pattern tried.

The lexer counts brackets as it reads them and refuses more than :data:`MAX_NESTING` open at
once, before any grammar runs: the engine's parser descends recursively, and about 2,000 nested
``{`` (4,000 ``(``) overflow its stack and end the process, which Python cannot catch. Being the
lexer, it skips comments, strings and IRIs exactly as the parse will (``#`` in ``<...#x>``, or a
``{`` in ``"...{"``, is neither a comment nor a brace).

>>> tokenize("SELECT ?x { ?x a <http://e/C> } # done")[0]
['SELECT', 'VAR', '{', 'VAR', 'a', 'IRI', '}', 'EOF']
>>> check_nesting('ASK { FILTER("((((" = "") }')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import QuerySyntaxError

#: Brackets ``{ ( [`` that may be open at once. The bundled queries stay under 10; the engine
#: overflows its stack past about 2,000 braces or 4,000 parentheses.
MAX_NESTING = 128

Tokens = tuple[list[str], list[str], list[int]]


class SparqlSyntaxError(QuerySyntaxError):
    """SPARQL text that does not parse, or breaks a static rule; names line and column."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        self.reason = message
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")


def position(text: str, at: int) -> tuple[int, int]:
    """Line and column (from 1) of an index into ``text``."""
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def error_at(text: str, at: int, message: str) -> SparqlSyntaxError:
    """A syntax error at an index into ``text``."""
    line, column = position(text, at)
    return SparqlSyntaxError(message, line=line, column=column)


_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\"'\\]"

_IRI = re.compile(f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>")
_PNAME = re.compile(f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?")
_WORD = re.compile("[A-Za-z][A-Za-z0-9_]*")
_VAR = re.compile(f"[?$]{_VARNAME}")
# Fast paths for the common, ASCII-only tokens; the full pattern decides whenever the character
# after one could belong to the token.
_IRI_ASCII = re.compile(r"<[!#-;=?-\[\]_a-z~]*>")
_PNAME_ASCII = re.compile(r"[A-Za-z][A-Za-z0-9_-]*:(?:[A-Za-z0-9_][A-Za-z0-9_-]*)?")
_VAR_ASCII = re.compile(r"[?$][A-Za-z0-9_]+")
_MAY_EXTEND = frozenset(".:%\\\u00b7")
_BNODE = re.compile(f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?")
_STRING = re.compile(
    "|".join(
        (
            f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''",
            f"'(?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*'",
            f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""',
            f'"(?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*"',
        )
    )
)
_LANGTAG = re.compile("@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_NUMBER = re.compile(
    r"[+-]?(?:(?P<double>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"
    r"|(?P<decimal>[0-9]*\.[0-9]+)|[0-9]+)"
)
_SPACE = re.compile(r"[ \t\r\n]+")
_COMMENT = re.compile(r"#[^\r\n]*")
_NIL_OR_ANON = re.compile(r"\((?:[ \t\r\n]|#[^\r\n]*)*\)|\[(?:[ \t\r\n]|#[^\r\n]*)*\]")
_PUNCT = re.compile(r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.=<>!+\-*/?|^]")
#: What may follow a word and continue it into a prefix (``my.prefix:``, ``ex-1:``, ``ex:``).
_PREFIX_CONTINUES = re.compile(f"[{_PN_CHARS}.:]")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")
_OPENING = frozenset("{([")
_CLOSING = frozenset("})]")

#: Every keyword of the grammar (bare words are keywords, matched without regard to case).
KEYWORDS = frozenset(
    [
        "BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "DISTINCT", "REDUCED", "AS", "FROM", "NAMED",
        "WHERE", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "VALUES", "LOAD", "SILENT",
        "INTO", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "TO", "INSERT", "DATA", "DELETE", "WITH", "USING",
        "DEFAULT", "ALL", "GRAPH", "OPTIONAL", "SERVICE", "BIND", "UNDEF", "MINUS", "UNION", "FILTER", "IN", "NOT",
        "EXISTS", "SEPARATOR", "TRUE", "FALSE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT",
        "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE", "RAND", "ABS", "CEIL", "FLOOR",
        "ROUND", "CONCAT", "SUBSTR", "STRLEN", "REPLACE", "UCASE", "LCASE", "ENCODE_FOR_URI", "CONTAINS",
        "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS",
        "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID", "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF",
        "STRLANG", "STRDT", "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX"
    ]
)

_ESCAPE = re.compile(_UCHAR)
_IRI_FORBIDDEN = frozenset('<>"{}|^`\\')


def _check_escapes(text: str, token: str, at: int) -> None:
    """Refuse ``\\u`` escapes that name no character (a surrogate), or that an IRI cannot hold."""
    for match in _ESCAPE.finditer(token):
        code = int(match.group()[2:], 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise error_at(text, at + match.start(), f"the escape {match.group()} names no Unicode character")
        if token[0] == "<" and (code <= 0x20 or chr(code) in _IRI_FORBIDDEN):
            raise error_at(text, at + match.start(), f"the escape {match.group()} is a character an IRI cannot hold")


def _too_deep(text: str, at: int, limit: int) -> SparqlSyntaxError:
    return error_at(
        text,
        at,
        f"the text nests brackets {{ ( [ more than {limit} deep; split the query into simpler ones,"
        " or write long lists as VALUES or IN (...)",
    )


def tokenize(text: str, limit: int = MAX_NESTING) -> Tokens:
    """The kinds, texts and starts of the tokens of ``text``, ending with an ``EOF`` token.

    A kind is a keyword in upper case (``a`` for ``a``), a punctuation mark, or one of ``IRI``,
    ``PNAME_NS``, ``PNAME_LN``, ``VAR``, ``BNODE``, ``ANON``, ``NIL``, ``STRING``, ``LANGTAG``,
    ``INTEGER``, ``DECIMAL``, ``DOUBLE``, ``SIGNED`` (a number with its sign).

    Raises
    ------
    SparqlSyntaxError
        At the first character that starts no token, or where brackets open past ``limit``.
    """
    kinds: list[str] = []
    texts: list[str] = []
    starts: list[int] = []
    at, end, depth = 0, len(text), 0
    while at < end:
        c = text[at]
        if c in " \t\r\n":
            at = _SPACE.match(text, at).end()  # type: ignore[union-attr]
            continue
        if c == "#":
            at = _COMMENT.match(text, at).end()  # type: ignore[union-attr]
            continue
        m: re.Match[str] | None = None
        kind = ""
        if c in _LETTERS:
            m = _WORD.match(text, at)
            assert m is not None
            if m.end() < end and _PREFIX_CONTINUES.match(text, m.end()):
                pname = _PNAME_ASCII.match(text, at)
                if pname is None or (pname.end() < end and _may_extend(text[pname.end()])):
                    pname = _PNAME.match(text, at)
                if pname is not None and ":" in pname.group():
                    m, kind = pname, _pname_kind(pname.group())
            if not kind:
                word = m.group()
                kind = "a" if word == "a" else word.upper()
                if kind not in KEYWORDS and kind != "a":
                    raise error_at(text, at, f"unknown word {word!r} (a prefixed name needs ':', a variable '?')")
        elif c == "?" or c == "$":
            m = _VAR_ASCII.match(text, at)
            if m is None or (m.end() < end and _may_extend(text[m.end()])):
                m = _VAR.match(text, at)
            kind = "VAR"
        elif c == "<":
            m = _IRI_ASCII.match(text, at) or _IRI.match(text, at)
            kind = "IRI"
        elif c == '"' or c == "'":
            m = _STRING.match(text, at)
            if m is None:
                raise error_at(text, at, "a string that does not end (short ones end on their line), or a bad escape")
            kind = "STRING"
        elif c in _DIGITS or (c in "+-." and at + 1 < end and (text[at + 1] in _DIGITS or text[at + 1] == ".")):
            m = _NUMBER.match(text, at)
            if m is not None:
                kind = "SIGNED" if c in "+-" else "DOUBLE" if m["double"] else "DECIMAL" if m["decimal"] else "INTEGER"
        elif c == "(" or c == "[":
            m = _NIL_OR_ANON.match(text, at)
            kind = "NIL" if c == "(" else "ANON"
        elif c == "_":
            m = _BNODE.match(text, at)
            kind = "BNODE"
        elif c == "@":
            m = _LANGTAG.match(text, at)
            kind = "LANGTAG"
        elif c == ":" or c > "\x7f":
            m = _PNAME.match(text, at)
            if m is not None:
                kind = _pname_kind(m.group())
        if m is None:
            m = _PUNCT.match(text, at)
            if m is None:
                raise error_at(text, at, f"unexpected character {c!r}")
            kind = m.group()
            if kind in _OPENING:
                depth += 1
                if depth > limit:
                    raise _too_deep(text, at, limit)
            elif kind in _CLOSING and depth:
                depth -= 1
        value = m.group()
        if (kind == "STRING" or kind == "IRI") and "\\" in value:
            _check_escapes(text, value, at)
        kinds.append(kind)
        texts.append(value)
        starts.append(at)
        at = m.end()
    kinds.append("EOF")
    texts.append("")
    starts.append(end)
    return kinds, texts, starts


def _may_extend(char: str) -> bool:
    return char in _MAY_EXTEND or char > "\x7f"


def _pname_kind(value: str) -> str:
    return "PNAME_NS" if value.index(":") == len(value) - 1 else "PNAME_LN"


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """Refuse text whose brackets nest more than ``limit`` deep (read as the lexer reads it).

    >>> check_nesting("SELECT * WHERE " + "{" * 200 + "}" * 200)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    clustergraph.store.sparqlparse.lex.SparqlSyntaxError: SPARQL syntax error at line 1, column 144: ...
    """
    tokenize(text, limit)


NUMBERS = frozenset(("INTEGER", "DECIMAL", "DOUBLE", "SIGNED"))
IRIS = frozenset(("IRI", "PNAME_NS", "PNAME_LN"))
TERMS = IRIS | NUMBERS | {"VAR", "BNODE", "ANON", "NIL", "STRING", "TRUE", "FALSE", "(", "["}
EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClosureTriple:
    """A triple pattern ``S [step/]P* O`` (or ``P+``) on its own, as written in the text.

    ``start`` and ``end`` are the indices of the pattern in the text; ``subject`` is a variable
    (``?t``) or an IRI, ``step`` the IRI or ``a`` of a first step (or ``None``), ``path`` and
    ``target`` are IRIs, ``modifier`` is ``*`` or ``+``. IRIs are as written: resolve them with
    :func:`~clustergraph.store.sparqlparse.full_iri` and the shape's prefixes and base.
    """

    start: int
    end: int
    subject: str
    step: str | None
    path: str
    modifier: str
    target: str


@dataclass
class Found:
    """What a parse finds about the whole text."""

    form: str = "UPDATE"
    services: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    base: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    where: tuple[int, int, bool] | None = None
    order_by: tuple[tuple[str, bool], ...] | None = None
    delete_wheres: list[tuple[int, int, int]] = field(default_factory=list)
    closure: bool = False
    closures: list[ClosureTriple] = field(default_factory=list)
    variable_graph: bool = False
    default_triples: bool = False
    triples: int = 0
    subqueries: int = 0
    grouped: bool = False
    limit: int | None = None
    offset: int = 0
    ordered: bool = False


class Cursor:
    """A parse in progress: the tokens, the position, and what was found so far.

    ``peak`` measures nesting as the engine will build it: one level per open bracket and per
    element of a chain around it (the patterns of a group, the operands of an expression).
    """

    def __init__(self, text: str, tokens: Tokens) -> None:
        self.text = text
        self.kinds, self.texts, self.starts = tokens
        self.i = 0
        self.level = self.peak = 0
        self.aggregates = 0
        self.bnodes: set[str] = set()
        self.bgp: int | None = None  # the basic graph pattern being read, for blank node labels
        self.bgps = 0
        self.labels: dict[str, int] = {}
        self.graphs = 0  # how many GRAPH / SERVICE groups the parse is inside
        self.found = Found()

    def error(self, expected: str) -> SparqlSyntaxError:
        found = "the end of the text" if self.kinds[self.i] == "EOF" else repr(self.texts[self.i])
        return error_at(self.text, self.starts[self.i], f"unexpected {found}; expected {expected}")

    def fail(self, message: str, at: int) -> SparqlSyntaxError:
        return error_at(self.text, self.starts[at], message)

    def take(self) -> int:
        self.i += 1
        return self.i - 1

    def expect(self, kind: str, expected: str | None = None) -> int:
        if self.kinds[self.i] != kind:
            raise self.error(expected or (repr(kind) if len(kind) <= 2 else kind))
        self.i += 1
        return self.i - 1

    def accept(self, kind: str) -> bool:
        if self.kinds[self.i] == kind:
            self.i += 1
            return True
        return False

    def deeper(self) -> None:
        self.level += 1
        if self.level > self.peak:
            self.peak = self.level

    def var(self) -> str:
        return self.texts[self.expect("VAR", "a variable")][1:]

    def iri(self) -> str:
        if self.kinds[self.i] not in IRIS:
            raise self.error("an IRI")
        return self.texts[self.take()]

