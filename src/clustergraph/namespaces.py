"""The IRIs clustergraph mints and the vocabularies it reuses.

See ``docs/model-conventions.md`` for the rules behind them.

>>> from clustergraph.namespaces import graph_iri, CG
>>> graph_iri("000-biopmed-internationalisation")
'https://w3id.org/clustergraph/graph/000-biopmed-internationalisation'
>>> CG + "Agreement"
'https://w3id.org/clustergraph/ontology#Agreement'
"""

from __future__ import annotations

import re

BASE = "https://w3id.org/clustergraph/"
CG = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
# The vocabularies of the endpoint's service description (not offered to queries).
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"

#: Prefixes offered to every query (the query may still declare its own).
PREFIXES: dict[str, str] = {
    "cg": CG,
    "id": ID,
    "graph": GRAPH,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
    "geo": GEO,
    "time": TIME,
    "oa": OA,
}

ONTOLOGY_GRAPH = GRAPH + "ontology"
SHAPES_GRAPH = GRAPH + "shapes"
INFERRED_GRAPH = GRAPH + "inferred"

_SLUG = re.compile(r"[^A-Za-z0-9._~/-]+")


def graph_iri(name: str) -> str:
    """Return the IRI of the named graph for a file stem or a path-like name.

    >>> graph_iri("user/my sheet")
    'https://w3id.org/clustergraph/graph/user/my-sheet'
    """
    return GRAPH + _SLUG.sub("-", name).strip("-")


def prefix_declarations() -> str:
    """Return ``PREFIX`` lines for :data:`PREFIXES`, for query editors and exports.

    >>> prefix_declarations().splitlines()[0]
    'PREFIX cg: <https://w3id.org/clustergraph/ontology#>'
    """
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items())
