"""Read user files (RDF in any common syntax, or CSV sheets) into quads.

Reading never touches a store: a file is parsed completely first, so a syntax error late in a
large file leaves the store as it was. Errors name the file, line and column. The quotes a file
cites (RDF 1.2 annotations, ``cg:evidence``) come out in the stored, reified form
(:mod:`clustergraph.ingest.provenance`).

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
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, parse

from ..errors import InputError, InputNotFoundError, InputSyntaxError
from .formats import is_sheet, rdf_format_for
from .provenance import quoted

_LOCATION = re.compile(r"^Parser error (?:at|between) line \d+ column \d+(?: and line \d+ column \d+)?: ")


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
    InputNotFoundError, UnknownFormatError, InputSyntaxError, SheetError
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(str(path))
    target = NamedNode(graph)
    if format is None and is_sheet(path):
        from .sheets import read_sheet

        return read_sheet(path, graph=graph)
    fmt = rdf_format_for(path, format)
    try:
        parsed = parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        quads = [
            Quad(q.subject, q.predicate, q.object, target) if isinstance(q.graph_name, DefaultGraph) else q
            for q in parsed
        ]
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot be read: {err}") from None
    return quoted(quads, graph=graph, source=str(path))


def syntax_error(path: str | Path, err: SyntaxError) -> InputSyntaxError:
    """The clustergraph error for a parser's ``SyntaxError`` in a file.

    >>> print(syntax_error("a.ttl", SyntaxError("Parser error at line 2 column 5: bad", ("a.ttl", 2, 5, None))))
    a.ttl:2:5: syntax error: bad
    """
    message = _LOCATION.sub("", err.msg or str(err))
    return InputSyntaxError(str(path), message, line=err.lineno, column=err.offset)
