"""The files a build reads: the ontology, the shapes, and every data file, each with its graph.

>>> files = bundled_files()
>>> files[0].graph
'https://w3id.org/clustergraph/graph/ontology'
>>> all(f.graph.startswith("https://w3id.org/clustergraph/graph/") for f in files)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH, graph_iri
from ..paths import bundled_dir
from .formats import is_readable


@dataclass(frozen=True)
class SourceFile:
    """One file to load and the named graph it goes to."""

    path: Path
    graph: str
    role: str  # "ontology", "shapes", "reference", "source", "user"


def bundled_files() -> list[SourceFile]:
    """The ontology, the shapes and every data file shipped with clustergraph, in load order."""
    ontology = bundled_dir("ontology")
    files = [
        SourceFile(ontology / "clustergraph.ttl", ONTOLOGY_GRAPH, "ontology"),
        SourceFile(ontology / "shapes.ttl", SHAPES_GRAPH, "shapes"),
    ]
    data = bundled_dir("data")
    for path in sorted(data.rglob("*")):
        if path.is_file() and is_readable(path):
            role = "reference" if "reference" in path.relative_to(data).parts else "source"
            files.append(SourceFile(path, graph_iri(path.stem), role))
    return files


def user_graph(path: str | Path) -> str:
    """The default graph for a user file: ``graph:user/<stem>``.

    >>> user_graph("/tmp/My Sheet.csv")
    'https://w3id.org/clustergraph/graph/user/My-Sheet'
    """
    return graph_iri("user/" + Path(path).stem)
