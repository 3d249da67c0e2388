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


def open_store(location: str | Path | None = None, *, read_only: bool = False, timeout: float | None = None) -> Store:
    """Open the store at a location: a folder, ``:memory:``, or an ``http(s)://`` URL.

    ``None`` means ``$CLUSTERGRAPH_STORE`` or the per-user default folder. A ``read_only`` store
    refuses writes. Reading a folder never waits for a writer, and a write never waits for readers
    (a running server included). ``timeout``: seconds a remote server gets for each request.
    """
    if location is None:
        from ..paths import default_store_location

        location = default_store_location()
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text) if timeout is None else RemoteStore(text, timeout=timeout)
    return EmbeddedStore(text, read_only=read_only)
