"""Ways to write a SERVICE call or a LOAD to a given URL, for the tests that no query may call out.

Each spelling is ``(kind, text)`` with ``kind`` ``"query"`` or ``"update"``. They combine where
the call sits (top level, nested in a sub-query, OPTIONAL, UNION, MINUS, GRAPH, EXISTS, an
update's WHERE), how the keyword and the target are written (case, SILENT, a prefixed name, a
relative IRI against BASE, ``SERVICE ?var`` bound by VALUES or BIND, comments and line breaks in
between) and decoys before it that fooled a token scan (an IRI holding U+00A0 or U+3000 and then
``#``, ``#`` and braces inside strings).
"""

from __future__ import annotations

from itertools import product

DECOYS = [
    "",
    "BIND(<http://x/\u00a0#> AS ?z0) ",
    "BIND(<http://x/\u3000#> AS ?z0) ",
    'BIND("# } SERVICE" AS ?z0) ',
    "BIND('''\n#{'''  AS ?z0) ",
    "# a comment { with braces }\n",
]

PLACES = [
    "SELECT * WHERE {{ {d}{s} }}",
    "SELECT * WHERE {{ ?a ?b ?c . {d}{s} }}",
    "SELECT * WHERE {{ {d}{{ SELECT * WHERE {{ {s} }} }} }}",
    "SELECT * WHERE {{ {d}OPTIONAL {{ {s} }} }}",
    "SELECT * WHERE {{ {d}{{ }} UNION {{ {s} }} }}",
    "SELECT * WHERE {{ {d}MINUS {{ {s} }} }}",
    "SELECT * WHERE {{ {d}GRAPH ?g {{ {s} }} }}",
    "SELECT * WHERE {{ {d}FILTER EXISTS {{ {s} }} }}",
    "SELECT * WHERE {{ {d}FILTER(NOT EXISTS {{ {s} }}) }}",
    "SELECT * WHERE {{ {d}BIND(EXISTS {{ {s} }} AS ?e) }}",
    "ASK {{ {d}{s} }}",
    "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {d}{s} }}",
    "DESCRIBE ?a WHERE {{ {d}{s} }}",
]

CALLS = [
    "SERVICE <{url}> {{ ?a ?b ?c }}",
    "service <{url}> {{ ?a ?b ?c }}",
    "SeRvIcE <{url}> {{ ?a ?b ?c }}",
    "SERVICE SILENT <{url}> {{ ?a ?b ?c }}",
    "SERVICE # the call\n <{url}>\n{{ ?a ?b ?c }}",
    "SERVICE\t<{url}>{{?a ?b ?c}}",
    "SERVICE remote: {{ ?a ?b ?c }}",
    "SERVICE <> {{ ?a ?b ?c }}",
    "VALUES ?svc {{ <{url}> }} SERVICE ?svc {{ ?a ?b ?c }}",
    "BIND(<{url}> AS ?svc) SERVICE ?svc {{ ?a ?b ?c }}",
    "SERVICE ?svc {{ ?a ?b ?c }} VALUES ?svc {{ <{url}> }}",
]

UPDATES = [
    "INSERT {{ <http://e/a> <http://e/b> ?c }} WHERE {{ {d}{s} }}",
    "DELETE {{ ?a ?b ?c }} WHERE {{ {d}{s} }}",
    "WITH <http://e/g> DELETE {{ ?a ?b ?c }} INSERT {{ ?a ?b 1 }} WHERE {{ {d}{{ SELECT * {{ {s} }} }} }}",
]

LOADS = [
    "LOAD <{url}>",
    "load <{url}data.ttl>",
    "LOAD SILENT <{url}> INTO GRAPH <http://e/g>",
    "CREATE SILENT GRAPH <http://e/g> ;\nLOAD <{url}>",
    "PREFIX r: <{url}>\nLOAD r:data.ttl",
    "# LOAD in a comment, then for real\nLoAd <{url}>",
]


def spellings(url: str) -> list[tuple[str, str]]:
    """Every spelling, calling ``url`` (which ends with ``/``)."""
    prologue = f"PREFIX remote: <{url}>\nBASE <{url}>\n"
    found: list[tuple[str, str]] = []
    for place, call, decoy in product(PLACES, CALLS, DECOYS):
        found.append(("query", prologue + place.format(d=decoy, s=call.format(url=url))))
    for update, call, decoy in product(UPDATES, CALLS, DECOYS[:3]):
        found.append(("update", prologue + update.format(d=decoy, s=call.format(url=url))))
    found += [("update", load.format(url=url)) for load in LOADS]
    return found
