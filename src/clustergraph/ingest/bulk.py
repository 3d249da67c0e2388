"""Hand a finished N-Quads file to the store: all of it or nothing, replacing whole graphs.

The register imports write their quads to a temporary N-Quads file first (so no register is
held in memory) and then commit that file here, by the same write path as ``clustergraph load
--no-validate``: an on-disk store bulk-loads it into a fresh generation that replaces the active
one in one step (a failure discards the copy); any other store gets one transaction that drops
the replaced graphs and adds the quads.

>>> import tempfile
>>> from pathlib import Path
>>> from clustergraph.store import EmbeddedStore
>>> store = EmbeddedStore()
>>> nq = Path(tempfile.mkdtemp()) / "x.nq"
>>> _ = nq.write_text('<http://e/a> <http://e/p> "1" <http://e/g> .\\n')
>>> commit_nquads(store, nq, drop=["http://e/g"])
>>> commit_nquads(store, nq, drop=["http://e/g"])   # a re-import replaces, never doubles
>>> store.count("http://e/g")
1
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from ..errors import InputSyntaxError, StoreError
from ..store.base import Store
from ..store.embedded import EmbeddedStore


def commit_nquads(store: Store, path: Path, *, drop: Sequence[str] = ()) -> None:
    """Store the quads of the N-Quads file ``path``, after emptying the graphs in ``drop``.

    All or nothing: the store holds either its old content or the old content with the graphs
    in ``drop`` replaced by the file's quads.

    Raises
    ------
    InputSyntaxError
        If the file does not parse (a defect of the writer: nothing is stored).
    StoreError
        If the store refuses the write (for example a running server holds it).
    """
    bulk = getattr(store, "bulk_load", None)
    try:
        if callable(bulk):  # the Store interface's own all-or-nothing bulk path, where it has one
            bulk([(path, RdfFormat.N_QUADS, drop[0] if drop else _ANY)], drop=list(drop))
        elif isinstance(store, EmbeddedStore) and store.bulk_capable:
            store.bulk_add([(path, RdfFormat.N_QUADS, drop[0] if drop else _ANY)], drop=list(drop))
        else:
            quads = list(parse(path=str(path), format=RdfFormat.N_QUADS))
            _replace(store, quads, drop)
    except SyntaxError as err:
        raise InputSyntaxError(str(path), err.msg or str(err), line=err.lineno, column=err.offset) from None
    except OSError as err:
        raise StoreError(f"the store at {store.location} refused the import: {err}") from None


# Triples without a graph never occur in the files written here; the bulk loader still wants
# a target graph for them.
_ANY = "https://w3id.org/clustergraph/graph/import"


def _replace(store: Store, quads: list[Quad], drop: Sequence[str]) -> None:
    if not drop:
        store.add(quads)
        return
    # one transaction: every graph in drop emptied, each quad listed under its own graph
    graphs: dict[str, list[Quad]] = {g: [] for g in drop}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, NamedNode) else _ANY
        graphs.setdefault(name, []).append(q)
    store.replace_graphs(graphs)
