"""What routers share: the served store, the settings, the templates, the named queries, small helpers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..catalogue import NamedQuery, bind_parameters, get_query, load_catalogue
from ..namespaces import ID
from ..store.base import Store
from ..store.results import Term
from ..store.sparqltext import bind_values
from ..terms import display
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
    return "/id/" + iri[len(ID) :] if iri.startswith(ID) else None


def cell(term: Term | None) -> dict[str, Any]:
    """A table cell for HTML views: short text, and a link for entities of this graph."""
    if term is None:
        return {"text": "", "href": None}
    text = display(term)
    href = entity_href(term.value) if hasattr(term, "value") and not hasattr(term, "language") else None
    return {"text": text, "href": href}


def catalogue(request: Request) -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return load_catalogue(get_settings(request).queries)


def named(request: Request, name: str) -> NamedQuery:
    """One named query (404 through :class:`~clustergraph.errors.UnknownQueryError`)."""
    return get_query(name, get_settings(request).queries)


def example_text(query: NamedQuery) -> str:
    """The query's text with its example parameter values bound (as a VALUES block).

    The values come from the catalogue's headers and are serialised as RDF terms, so the editor
    can run the example as it is.
    """
    examples = query.example_parameters()
    try:
        bindings = bind_parameters([p for p in query.parameters if p.name in examples], examples, query=query.name)
        return bind_values(query.text, bindings)
    except Exception:  # an example that does not bind is shown unbound
        return query.text
