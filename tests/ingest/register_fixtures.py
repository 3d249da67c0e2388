"""Stores holding the bundled graph for the register import tests (imported by test_cordis, test_ror)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clustergraph.ingest import build
from clustergraph.store import EmbeddedStore

CORDIS = Path(__file__).parent.parent / "resources" / "cordis"


@pytest.fixture(scope="session")
def bundled_store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with the bundled graph (built without SHACL: the data is checked elsewhere)."""
    folder = tmp_path_factory.mktemp("bundled") / "store"
    store = EmbeddedStore(folder)
    build(store, validate=False)
    store.close()
    return folder


@pytest.fixture
def disk_store(bundled_store_folder: Path, tmp_path: Path) -> EmbeddedStore:
    """A fresh copy of the bundled store, on disk (the bulk write path)."""
    target = tmp_path / "store"
    shutil.copytree(bundled_store_folder, target)
    return EmbeddedStore(target)
