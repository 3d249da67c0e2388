"""What a store holds, read for comparisons in tests ("nothing changed").

A remote Oxigraph store is read through the server's own Graph Store Protocol export, which is
several times faster than a SPARQL ``SELECT`` of every quad, and does not depend on the
library's dump code.
"""

from __future__ import annotations

import httpx
from pyoxigraph import Quad, RdfFormat, parse

from clustergraph.store import RemoteStore, Store


def quads_of(store: Store) -> frozenset[Quad]:
    """Every quad ``store`` holds."""
    if isinstance(store, RemoteStore):
        response = httpx.get(store.location.rstrip("/") + "/store", headers={"Accept": "application/n-quads"},
                             timeout=300)
        assert response.status_code == 200, response.text[:2000]
        return frozenset(parse(response.content, format=RdfFormat.N_QUADS))
    return frozenset(parse(store.dump_bytes(RdfFormat.N_QUADS), format=RdfFormat.N_QUADS))
