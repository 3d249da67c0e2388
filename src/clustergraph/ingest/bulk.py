"""Hand a finished N-Quads file to the store: all of it or nothing, replacing whole graphs.

The register imports write their quads to a temporary N-Quads file first (so no register is
held in memory) and then commit that file here, by the same write path as ``clustergraph load
--no-validate``: :meth:`Store.bulk_load <clustergraph.store.base.Store.bulk_load>`, which on an
on-disk store bulk-loads it into a fresh generation that replaces the active one in one step (a
failure discards the copy) and elsewhere is one transaction.

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

from pyoxigraph import RdfFormat

from ..errors import InputSyntaxError, StoreError
from ..store.base import Store


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
    try:
        store.bulk_load([(path, RdfFormat.N_QUADS, drop[0] if drop else _ANY)], drop=list(drop))
    except SyntaxError as err:
        raise InputSyntaxError(str(path), err.msg or str(err), line=err.lineno, column=err.offset) from None
    except OSError as err:
        raise StoreError(f"the store at {store.location} refused the import: {err}") from None


# Triples without a graph never occur in the files written here; the bulk loader still wants
# a target graph for them.
_ANY = "https://w3id.org/clustergraph/graph/import"

