"""Write quads as N-Quads text, fast, for the register imports.

A register import writes millions of quads. Building a pyoxigraph term per value and letting it
serialise itself costs more than reading the register, so terms are serialised here with the
N-Triples escapes of RDF 1.1 (``\\\\``, ``\\"``, ``\\n``, ``\\r``; IRIs are checked, not
escaped: a value that is no valid IRI is refused by :func:`is_iri` and written as a literal by the
caller). The file is then handed to the store's bulk loader, which parses it again: a mistake here
is caught there, before anything is stored.

>>> import io
>>> out = io.StringIO()
>>> w = NQuadsWriter(out)
>>> w.quad(iri("http://e/a"), iri("http://e/p"), literal('say "hi"\\n', lang="en"), iri("http://e/g"))
>>> w.quad(iri("http://e/a"), iri("http://e/n"), typed("2.5", "http://www.w3.org/2001/XMLSchema#decimal"), iri("http://e/g"))
>>> print(out.getvalue(), end="")
<http://e/a> <http://e/p> "say \\"hi\\"\\n"@en <http://e/g> .
<http://e/a> <http://e/n> "2.5"^^<http://www.w3.org/2001/XMLSchema#decimal> <http://e/g> .
>>> w.count
2
>>> is_iri("https://ror.org/0001j6c19"), is_iri("http://example.org/a b"), is_iri("www.example.org")
(True, False, False)
"""

from __future__ import annotations

import re
from typing import TextIO

from ..namespaces import XSD

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# RFC 3987 in short: a scheme, then no character N-Triples forbids inside <...>, no controls.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def is_iri(text: str) -> bool:
    """Whether ``text`` can stand as an absolute IRI in N-Quads."""
    return bool(_IRI.match(text))


def iri(value: str) -> str:
    """An IRI term; ``value`` must be an absolute IRI (see :func:`is_iri`)."""
    return f"<{value}>"


def literal(value: str, *, lang: str | None = None) -> str:
    """A plain (``xsd:string``) or language-tagged literal."""
    text = '"' + value.translate(_ESCAPES) + '"'
    if lang:
        if not _LANG.match(lang):
            raise ValueError(f"{lang!r} is not a language tag")
        return f"{text}@{lang.lower()}"
    return text


def typed(value: str, datatype: str) -> str:
    """A typed literal (``value`` in the datatype's lexical form)."""
    return '"' + value.translate(_ESCAPES) + '"^^<' + datatype + ">"


def integer(value: int) -> str:
    """An ``xsd:integer`` literal."""
    return f'"{value}"^^<{XSD}integer>'


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal."""
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


class NQuadsWriter:
    """Write quads of already serialised terms to a text stream, counting them."""

    def __init__(self, out: TextIO) -> None:
        self._write = out.write
        self.count = 0

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        """Write one quad (each term as :func:`iri`, :func:`literal` or :func:`typed` made it)."""
        self._write(f"{s} {p} {o} {g} .\n")
        self.count += 1
