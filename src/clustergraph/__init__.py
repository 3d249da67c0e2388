"""clustergraph: a knowledge graph of the life-science cluster ecosystem.

The package builds the curated graph from ``ontology/`` and ``data/``, keeps it in a triple store
(embedded pyoxigraph or any SPARQL 1.1 server), answers named questions from ``queries/``, and
serves all of it over HTTP.

>>> import clustergraph
>>> clustergraph.__version__
'0.1.0'
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
