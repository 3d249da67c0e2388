"""Templates and static assets of the web pages (HTML lives here, never in Python strings)."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
