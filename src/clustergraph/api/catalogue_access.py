"""The named queries the server offers (the bundled catalogue, or the folder in the settings)."""

from __future__ import annotations

from fastapi import Request

from ..catalogue import NamedQuery, bind_parameters, get_query, load_catalogue
from ..store.sparqltext import bind_values
from .deps import get_settings


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
    examples = {p.name: p.example for p in query.parameters if p.example is not None}
    try:
        bindings = bind_parameters(
            [p for p in query.parameters if p.name in examples], examples, query=query.name
        )
        return bind_values(query.text, bindings)
    except Exception:  # an example that does not bind is shown unbound
        return query.text
