"""Where the bundled ontology, queries and data live, installed or in a checkout.

A wheel carries them in ``clustergraph/_bundled/``; a source checkout has them at the top level.

>>> from clustergraph.paths import bundled_dir
>>> (bundled_dir("ontology") / "clustergraph.ttl").name
'clustergraph.ttl'
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from .errors import ClusterGraphError

_PACKAGE = Path(__file__).resolve().parent
_KINDS = ("ontology", "queries", "data")


def bundled_dir(kind: str) -> Path:
    """Return the folder holding the bundled ``ontology``, ``queries`` or ``data``."""
    if kind not in _KINDS:
        raise ValueError(f"unknown bundled folder {kind!r}; expected one of {_KINDS}")
    installed = _PACKAGE / "_bundled" / kind
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / kind
    if checkout.is_dir():
        return checkout
    raise ClusterGraphError(
        f"the bundled {kind}/ folder is missing from this installation ({installed});"
        " reinstall clustergraph with `pip install .` from a full checkout"
    )


def default_store_location() -> str:
    """Return the store location: ``$CLUSTERGRAPH_STORE`` or a per-user data folder.

    >>> import os
    >>> os.environ["CLUSTERGRAPH_STORE"] = "/tmp/somewhere"
    >>> default_store_location()
    '/tmp/somewhere'
    >>> del os.environ["CLUSTERGRAPH_STORE"]
    """
    env = os.environ.get("CLUSTERGRAPH_STORE")
    if env:
        return env
    return str(Path(user_data_dir("clustergraph", appauthor=False)) / "store")
