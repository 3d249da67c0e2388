"""Read user files (RDF in any common syntax, or CSV sheets) into quads.

Reading never touches a store: a file is parsed completely first, so a syntax error late in a
large file leaves the store as it was. Every refusal names the file, the line (where there is
one) and the problem: a syntax error, an empty file, a token longer than the parser holds, an
RDF/XML document type that declares entities able to grow the file a millionfold ("billion
laughs") or to read other files. A UTF-8 byte order mark at the start is skipped, as it is
for CSV sheets. The quotes a file cites (RDF 1.2 annotations, ``cg:evidence``) come out in the
stored, reified form (:mod:`clustergraph.ingest.provenance`).

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "one.ttl").write_text('<http://e/a> <http://e/b> "c" .\\n')
32
>>> quads = read_file(folder / "one.ttl", graph="http://e/g")
>>> len(quads), quads[0].graph_name.value
(1, 'http://e/g')
>>> (folder / "bad.ttl").write_text('<http://e/a> <http://e/b> "c .\\n')
31
>>> read_file(folder / "bad.ttl", graph="http://e/g")
Traceback (most recent call last):
...
clustergraph.errors.InputSyntaxError: ...bad.ttl:1:27: syntax error: Unexpected end of file
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from ..errors import InputError, InputNotFoundError, InputSyntaxError
from .formats import is_sheet, rdf_format_for
from .provenance import quoted

_LOCATION = re.compile(
    r"^Parser error (?:at|between) line \d+ (?:column \d+|between columns \d+ and \d+)"
    r"(?: and line \d+ column \d+)?: "
)
BOM = b"\xef\xbb\xbf"
#: The longest token (a literal, an IRI) the parsers hold: pyoxigraph's buffer.
MAX_TOKEN = 16 * 1024 * 1024
#: How far entity references of an RDF/XML document type may grow a file.
MAX_EXPANSION = 64 * 1024 * 1024
_DOCTYPE_WINDOW = 1024 * 1024
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)\s+(?:\"([^\"]*)\"|'([^']*)'|(SYSTEM|PUBLIC)\b)")


def read_file(path: str | Path, *, graph: str, format: str | None = None) -> list[Quad]:
    """Parse one file into quads; triples go to ``graph``, named graphs in the file stay.

    Parameters
    ----------
    path : str or Path
        The file; its extension tells the format unless ``format`` is given.
    graph : str
        The IRI of the named graph that receives the file's triples (and its default graph).
    format : str, optional
        A format name (``turtle``, ``trig``, ``nt``, ``nq``, ``rdfxml``, ``jsonld``).

    Raises
    ------
    InputNotFoundError, UnknownFormatError, InputSyntaxError, SheetError, InputError
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(str(path))
    target = NamedNode(graph)
    if format is None and is_sheet(path):
        check_input(path, None)
        from .sheets import read_sheet

        return read_sheet(path, graph=graph)
    fmt = rdf_format_for(path, format)
    check_input(path, fmt)
    try:
        with path.open("rb") as handle:
            if handle.read(len(BOM)) != BOM:
                handle.seek(0)
            parsed = parse(input=handle, format=fmt, base_iri=path.resolve().as_uri())
            quads = [
                Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, DefaultGraph) else q
                for q in parsed
            ]
    except (SyntaxError, MemoryError, OSError, ValueError) as err:
        raise input_error(path, err) from None
    return quoted(quads, graph=graph, source=str(path))


def has_bom(path: str | Path) -> bool:
    """Whether a file starts with a UTF-8 byte order mark."""
    with Path(path).open("rb") as handle:
        return handle.read(len(BOM)) == BOM


def check_input(path: str | Path, fmt: RdfFormat | None) -> None:
    """Refuse a file before any parser reads it: empty, or RDF/XML with dangerous entities.

    Raises
    ------
    InputError
        Naming the file, the line and the problem.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0 or (size == len(BOM) and has_bom(path)):
        raise InputError(f"{path}: the file is empty (0 bytes of data), so there is nothing to load; check that"
                         " it was written completely")
    if fmt == RdfFormat.RDF_XML:
        _check_entities(path, size)


def _check_entities(path: Path, size: int) -> None:
    """Refuse entity declarations that nest, are external, or would expand past :data:`MAX_EXPANSION`."""
    with path.open("rb") as handle:
        head = handle.read(_DOCTYPE_WINDOW)
    start = head.find(b"<!DOCTYPE")
    if start < 0:
        return
    end = head.find(b"]>", start)
    subset = head[start : end if end >= 0 else len(head)]
    declared: dict[bytes, int] = {}
    for match in _ENTITY.finditer(subset):
        line = head.count(b"\n", 0, start + match.start()) + 1
        name = match.group(2).decode("utf-8", "replace")
        value = match.group(3) if match.group(3) is not None else match.group(4)
        if match.group(1) or match.group(5) or value is None:
            raise InputError(f"{path}:{line}: the document type declares the external or parameter entity"
                             f" {name!r}, which could read other files; RDF/XML is read without them: remove it")
        if b"&" in value or b"%" in value:
            raise InputError(f"{path}:{line}: the entity {name!r} is defined by other entities; nested entities"
                             " can grow a small file a millionfold (\"billion laughs\"): write the text out instead")
        declared[match.group(2)] = len(value)
    if end < 0 and b"<!ENTITY" in subset:
        raise InputError(f"{path}: the document type declaration is longer than {_DOCTYPE_WINDOW:,} bytes;"
                         " RDF/XML is read without such declarations: remove it")
    if not declared:
        return
    uses = re.compile(rb"&(" + b"|".join(re.escape(n) for n in declared) + rb");")
    grown = 0
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(1 << 20):
            block = tail + chunk
            cut = max(0, len(block) - 256)  # a reference split between chunks is counted once
            grown += sum(declared[m.group(1)] for m in uses.finditer(block, 0, cut))
            tail = block[cut:]
        grown += sum(declared[m.group(1)] for m in uses.finditer(tail))
    if grown > max(MAX_EXPANSION, 4 * size):
        raise InputError(f"{path}: its entity references would grow the file to {grown:,} bytes, more than"
                         f" {max(MAX_EXPANSION, 4 * size):,}; write the text out instead of using entities")


def input_error(path: str | Path, err: BaseException) -> InputError:
    """The clustergraph error for what a parser raised on a file."""
    if isinstance(err, SyntaxError):
        return syntax_error(path, err)
    if isinstance(err, MemoryError):
        where = _long_line(Path(path))
        at = f":{where}" if where else ""
        return InputError(f"{path}{at}: a literal or IRI is longer than the {MAX_TOKEN // (1024 * 1024)} MiB a token"
                          " may have; split the text, or keep it in a file and refer to it by IRI")
    return InputError(f"{path}: cannot be read: {visible(str(err))}")


def _long_line(path: Path) -> int | None:
    """The number of the first line longer than a token may be, if there is one."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if len(line) > MAX_TOKEN:
                return number
    return None


def syntax_error(path: str | Path, err: SyntaxError) -> InputSyntaxError:
    """The clustergraph error for a parser's ``SyntaxError`` in a file.

    >>> print(syntax_error("a.ttl", SyntaxError("Parser error at line 2 column 5: bad", ("a.ttl", 2, 5, None))))
    a.ttl:2:5: syntax error: bad
    >>> print(syntax_error("b.ttl", SyntaxError("\\ufeff is not a valid subject", ("b.ttl", 1, 1, None))))
    b.ttl:1:1: syntax error: U+FEFF (an invisible character) is not a valid subject
    """
    message = visible(_LOCATION.sub("", err.msg or str(err)))
    return InputSyntaxError(str(path), message, line=err.lineno, column=err.offset)


def visible(text: str) -> str:
    """The text with invisible characters (format, control, odd spaces) written as ``U+XXXX``."""
    return "".join(
        f"U+{ord(c):04X} (an invisible character)"
        if (unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp") or (unicodedata.category(c) == "Zs" and c != " "))
        and c not in "\n\t"
        else c
        for c in text
    )
