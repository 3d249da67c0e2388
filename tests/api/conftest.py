"""Fixtures of the server tests (helpers in ``conftest_helpers``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest_helpers import client, served

__all__ = ["client", "served"]
