"""Shared fixtures for the data tests (tests/data/).

Everything is read with pyoxigraph's parser (no store) and rdflib for SHACL.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ONTOLOGY = REPO / "ontology" / "clustergraph.ttl"
SHAPES = REPO / "ontology" / "shapes.ttl"
SOURCES_DIR = REPO / "data" / "sources"
REFERENCE_DIR = REPO / "data" / "reference"
SHARED_SOURCES = REPO.parent / "shared" / "sources"

CG = "https://w3id.org/clustergraph/ontology#"
ID = "https://w3id.org/clustergraph/id/"
GRAPH = "https://w3id.org/clustergraph/graph/"

PLACE_PREFIXES = tuple(ID + p for p in ("country/", "nuts/", "subdivision/", "city/", "region/"))


def collapse(text: str) -> str:
    """Collapse every whitespace run to one space (the only change allowed in quotes)."""
    return re.sub(r"\s+", " ", text).strip()


def source_files() -> list[Path]:
    return sorted(SOURCES_DIR.glob("*.ttl"))


def reference_files() -> list[Path]:
    return sorted(REFERENCE_DIR.glob("*.ttl")) if REFERENCE_DIR.is_dir() else []


def parse(path: Path):
    """The file's triples as written (the authoring form: annotations are triple terms)."""
    import pyoxigraph

    return list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))


def stored(path: Path):
    """The file's quads as the build stores them (quotes reified), in its named graph."""
    from clustergraph.ingest.reading import read_file

    return read_file(path, graph=GRAPH + path.stem)


@pytest.fixture(scope="session")
def source_triples() -> dict[str, list]:
    """{file stem: [triples]} for every data/sources/*.ttl."""
    return {p.stem: parse(p) for p in source_files()}


@pytest.fixture(scope="session")
def stored_quads() -> dict[str, list]:
    """{file stem: [quads as stored]} for every data/sources/*.ttl."""
    return {p.stem: stored(p) for p in source_files()}


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"source documents folder {SHARED_SOURCES} is absent")
    return SHARED_SOURCES
