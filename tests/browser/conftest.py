"""Fixtures of the browser tests: the pages are served by the session's read-only server.

``browser``, ``offline_page`` and ``served`` come from ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest

from tests.support.servers import Server


@pytest.fixture
def server(served: Server) -> Server:
    """The read-only ``clustergraph serve`` on the curated graph."""
    return served
