"""Stores holding the bundled graph for the register import tests (imported by test_cordis, test_ror)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clustergraph.store import EmbeddedStore
from tests.support.curated import Curated

CORDIS = Path(__file__).parent.parent / "resources" / "cordis"


@pytest.fixture(scope="session")
def bundled_store_folder(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Path:
    """An on-disk store with the bundled graph (the session's build, copied)."""
    return curated_data.folder(tmp_path_factory.mktemp("bundled") / "store")


@pytest.fixture
def disk_store(bundled_store_folder: Path, tmp_path: Path) -> EmbeddedStore:
    """A fresh copy of the bundled store, on disk (the bulk write path)."""
    target = tmp_path / "store"
    shutil.copytree(bundled_store_folder, target)
    return EmbeddedStore(target)
