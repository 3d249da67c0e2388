"""What routers share: the served store, the settings, the templates, the named queries, small helpers."""

from __future__ import annotations

import re
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


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def iri_tail(request: Request, marker: str, decoded: str) -> str:
    """The part of the request's path after ``marker`` as the IRI it stands for.

    The server decodes a path before routing, so ``/id/say-%22hi%22`` would become ``say-"hi"``,
    which is not the entity's IRI (nor an IRI at all). An IRI's percent-encoded ASCII characters
    are part of it, so this reads the path as it was sent (``raw_path``) and decodes only what
    turning an IRI into a URI encodes (RFC 3987, section 3.2): UTF-8 sequences of non-ASCII
    characters. ``decoded`` (the routed parameter) is the answer when the raw path is unknown.

    >>> request = Request({"type": "http", "raw_path": b"/id/caf%C3%A9-%22x%22"})
    >>> iri_tail(request, "/id/", "(decoded)") == "caf\N{LATIN SMALL LETTER E WITH ACUTE}-%22x%22"
    True
    """
    raw = request.scope.get("raw_path")
    if not raw:
        return decoded
    text = raw.decode("latin-1")
    at = text.find(marker)
    if at < 0:
        return decoded
    return _ESCAPES.sub(_non_ascii, text[at + len(marker) :])


def _non_ascii(match: re.Match[str]) -> str:
    """A run of ``%XX``: its non-ASCII UTF-8 characters decoded, ASCII ones kept as written."""
    escapes = match.group(0)
    data = bytes.fromhex(escapes.replace("%", ""))
    out: list[str] = []
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(escapes[3 * i : 3 * i + 3])
            i += 1
            continue
        j = i + 1
        while j < len(data) and data[j] >= 0x80:
            j += 1
        try:
            out.append(data[i:j].decode("utf-8"))
        except UnicodeDecodeError:
            out.append(escapes[3 * i : 3 * j])
        i = j
    return "".join(out)


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
