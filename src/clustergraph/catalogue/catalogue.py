"""Discover and describe the named queries in ``queries/``.

A named query is a ``.rq`` file whose leading comment lines form a header::

    # title: Members of an alliance
    # description: Every organisation that belongs to the alliance, with role and source.
    # param: alliance | iri | The alliance | https://w3id.org/clustergraph/id/bioxclusters-plus
    # param: year | integer | Only memberships valid that year | 2016 | optional

>>> text = '''# title: Everything about a thing
... # description: All statements whose subject is the thing.
... # param: thing | iri | The thing | https://w3id.org/clustergraph/id/biocat
... SELECT ?p ?o WHERE { ?thing ?p ?o }
... '''
>>> q = parse_query_text("about", text)
>>> q.title, [p.name for p in q.parameters], q.parameters[0].optional
('Everything about a thing', ['thing'], False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, computed_field

from ..errors import ClusterGraphError, UnknownQueryError
from ..paths import bundled_dir
from ..store.sparqlparse import parse_query
from .params import PARAM_TYPES

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)


class Parameter(BaseModel):
    """One parameter of a named query: the SPARQL variable ``?name``."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="The SPARQL variable it binds, without the ?")
    type: str = Field(description="iri, string, integer, year, decimal, date or language")
    description: str
    example: str | None = Field(None, description="A value that gives an answer on the bundled graph")
    optional: bool = False


class NamedQuery(BaseModel):
    """A named question: its SPARQL text and what its header says.

    Its JSON form (``model_dump``) is the description the API and the query editor show.
    """

    model_config = ConfigDict(frozen=True, serialize_by_alias=True)

    name: str
    title: str
    description: str
    text: str = Field(serialization_alias="sparql", description="The SPARQL text, parameters unbound")
    parameters: tuple[Parameter, ...] = ()
    path: Path | None = Field(None, exclude=True)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``, from the parse of the text."""
        return parse_query(self.text).form

    def example_parameters(self) -> dict[str, str]:
        """The example value of every parameter that has one."""
        return {p.name: p.example for p in self.parameters if p.example is not None}


def parse_query_text(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """Read a named query's header and text."""
    title, description, params = name, "", []
    where = str(path or name)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            fields = [f.strip() for f in value.split("|")]
            if len(fields) < 3:
                raise ClusterGraphError(
                    f"{where}:{number}: a param line needs 'name | type | description [| example [| optional]]'"
                )
            ptype = fields[1].lower()
            if ptype not in PARAM_TYPES:
                raise ClusterGraphError(
                    f"{where}:{number}: unknown parameter type {ptype!r}; use one of {', '.join(PARAM_TYPES)}"
                )
            params.append(
                Parameter(
                    name=fields[0],
                    type=ptype,
                    description=fields[2],
                    example=fields[3] if len(fields) > 3 and fields[3] else None,
                    optional=len(fields) > 4 and fields[4].lower() == "optional",
                )
            )
    return NamedQuery(name=name, title=title, description=description, text=text, parameters=tuple(params), path=path)


def parse_query_file(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file."""
    path = Path(path)
    return parse_query_text(path.stem, path.read_text(encoding="utf-8"), path)


@lru_cache(maxsize=8)
def _load(folder: Path) -> dict[str, NamedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}


def load_catalogue(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in a folder (default: the bundled ``queries/``), by name."""
    return dict(_load(Path(folder) if folder else bundled_dir("queries")))


def get_query(name: str, folder: str | Path | None = None) -> NamedQuery:
    """One named query by name.

    Raises
    ------
    UnknownQueryError
        With the closest names, if there is no such query.
    """
    catalogue = load_catalogue(folder)
    try:
        return catalogue[name]
    except KeyError:
        raise UnknownQueryError(name, sorted(catalogue)) from None
