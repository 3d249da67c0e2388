"""The store layer: one interface, an embedded and a remote implementation.

>>> store = open_store(":memory:")
>>> type(store).__name__
'EmbeddedStore'
>>> type(open_store("http://127.0.0.1:7878/")).__name__
'RemoteStore'
"""

from __future__ import annotations

from pathlib import Path

from .base import Store
from .embedded import EmbeddedStore
from .remote import RemoteStore
from .results import AskResult, GraphResult, QueryResult, SelectResult, Term

__all__ = [
    "AskResult",
    "EmbeddedStore",
    "GraphResult",
    "QueryResult",
    "RemoteStore",
    "SelectResult",
    "Store",
    "Term",
    "open_store",
]


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store at a location: a folder, ``:memory:``, or an ``http(s)://`` URL.

    ``None`` means ``$CLUSTERGRAPH_STORE`` or the per-user default folder. With ``read_only``, a
    folder held by a running ``clustergraph serve`` is read through the server's latest snapshot
    instead of failing on the lock.
    """
    if location is None:
        from ..paths import default_store_location

        location = default_store_location()
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text)
    return EmbeddedStore(text, read_only=read_only)
