"""Build the knowledge graph and load user files: read, validate, then commit atomically."""

from __future__ import annotations

from .loader import LoadReport, build, check_files, load_files
from .sources import SourceFile, bundled_files
from .validate import validate_quads

__all__ = [
    "LoadReport",
    "SourceFile",
    "build",
    "bundled_files",
    "check_files",
    "load_files",
    "validate_quads",
]
