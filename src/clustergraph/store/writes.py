"""Writes to a remote SPARQL server as few update requests as the server allows, each atomic.

On Oxigraph (and any server without a known limit) a write is one SPARQL update: the
operations before it (``DROP``, ``CLEAR``) and one ``INSERT DATA``, so one transaction. Virtuoso
takes at most :attr:`~clustergraph.store.dialects.Virtuoso.update_limit` bytes per request and
needs its own forms of insert (:func:`~clustergraph.store.virtuoso.insert_operations`); a write
larger than one request is staged: its quads go first into staging graphs, which every query
leaves out, then one last request runs the operations and moves the staged quads into their
graphs. A failure before that request leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pyoxigraph import NamedNode, Quad

from . import virtuoso
from .dialects import STAGING_SLOTS, Dialect, Virtuoso

Update = Callable[[str], None]


def write(update: Update, dialect: Dialect, prefix: Sequence[str], quads: Sequence[Quad]) -> None:
    """Run the ``prefix`` operations, then insert ``quads``, in one transaction.

    >>> sent = []
    >>> g = NamedNode("http://e/g")
    >>> write(sent.append, Dialect("http://h/sparql", authenticated=False), ["DROP SILENT GRAPH <http://e/g>"],
    ...       [Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), NamedNode("http://e/b"), g)])
    >>> print(sent[0])
    DROP SILENT GRAPH <http://e/g> ;
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/p> <http://e/b> .
    }
    }
    """
    if not isinstance(dialect, Virtuoso):
        parts = [*prefix, insert_data(quads)] if quads else list(prefix)
        if parts:
            update(" ;\n".join(parts))
        return
    limit = dialect.update_limit or 1 << 30
    batches = list(virtuoso.requests([*prefix, *virtuoso.insert_operations(quads)], limit))
    if len(batches) <= 1:
        for batch in batches:
            update(batch)
        return
    staged_write(update, prefix, quads, limit)


def staged_write(update: Update, prefix: Sequence[str], quads: Sequence[Quad], limit: int) -> None:
    """A Virtuoso write too large for one request: staged, then moved in by one request.

    The quads of up to eight graphs at a time go into the staging graphs; one request then runs
    ``prefix`` and moves them into place. A write into more than eight graphs takes one such
    round per eight graphs (each round atomic).
    """
    by_graph: dict[str, list[Quad]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(q)
    names = sorted(by_graph)
    slots = [NamedNode(s) for s in STAGING_SLOTS]
    for start in range(0, len(names), len(slots)):
        chunk = names[start : start + len(slots)]
        used = slots[: len(chunk)]
        clear = " ;\n".join(f"DROP SILENT GRAPH {s}" for s in used)
        update(clear)
        try:
            staged = [Quad(q.subject, q.predicate, q.object, slot) for slot, g in zip(used, chunk) for q in by_graph[g]]
            for batch in virtuoso.requests(virtuoso.insert_operations(staged), limit):
                update(batch)
            moves = [f"ADD SILENT {slot} TO {g}" for slot, g in zip(used, chunk)]
            update(" ;\n".join([*(prefix if start == 0 else []), *moves, clear]))
        except BaseException:
            update(clear)
            raise


def insert_data(quads: Iterable[Quad]) -> str:
    """A SPARQL ``INSERT DATA`` update carrying the quads, each term in its N-Triples form.

    Terms are serialised by pyoxigraph, never pasted from text, so the update is well-formed
    whatever the values hold.

    >>> from pyoxigraph import Literal
    >>> print(insert_data([Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal('say "hi"'), NamedNode("http://e/g"))]))
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/a> <http://e/p> "say \\"hi\\"" .
    }
    }
    """
    by_graph: dict[str, list[str]] = {}
    default: list[str] = []
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} ."
        if isinstance(q.graph_name, NamedNode):
            by_graph.setdefault(str(q.graph_name), []).append(line)
        else:
            default.append(line)
    parts = ["INSERT DATA {"]
    parts += default
    for g, lines in by_graph.items():
        parts.append(f"GRAPH {g} {{")
        parts += lines
        parts.append("}")
    parts.append("}")
    return "\n".join(parts)
