"""What routers share: the served store, the settings, the templates, small helpers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..namespaces import ID, PREFIXES
from ..store.base import Store
from ..store.results import Term, compact
from .settings import Settings


def get_store(request: Request) -> Store:
    """The store every route reads (queries under the time limit; see :mod:`.backend`)."""
    return request.app.state.store  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    """The server's settings."""
    return request.app.state.settings  # type: ignore[no-any-return]


def get_templates(request: Request) -> Jinja2Templates:
    """The Jinja2 templates of :mod:`clustergraph.web`."""
    return request.app.state.templates  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]
"""A route parameter receiving the served store."""
SettingsDep = Annotated[Settings, Depends(get_settings)]
"""A route parameter receiving the server's settings."""
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
"""A route parameter receiving the page templates."""


def entity_href(iri: str) -> str | None:
    """The path on this server that resolves an entity IRI (``/id/...``), if it is one.

    >>> entity_href("https://w3id.org/clustergraph/id/biocat")
    '/id/biocat'
    >>> entity_href("https://schema.org/Event") is None
    True
    """
    return "/id/" + iri[len(ID):] if iri.startswith(ID) else None


def cell(term: Term | None) -> dict[str, Any]:
    """A table cell for HTML views: short text, and a link for entities of this graph."""
    if term is None:
        return {"text": "", "href": None}
    text = compact(term, PREFIXES)
    href = entity_href(term.value) if hasattr(term, "value") and not hasattr(term, "language") else None
    return {"text": text, "href": href}
