"""The W3C SPARQL 1.1 query-evaluation tests sent through ``clustergraph serve``'s ``/sparql``,
compared with pyoxigraph on the same dataset directly, and with the W3C's expected results.

    python -m benchmarks.w3c_eval SUITE_ROOT

``SUITE_ROOT`` is a checkout of https://github.com/w3c/rdf-tests (its ``sparql/sparql11``), the
``sparql11`` folder itself, or one suite folder holding a ``manifest.ttl``. The test files are
not part of clustergraph; fetch them from there.

Every data file of every ``mf:QueryEvaluationTest`` is loaded once into one store folder: under
its own file IRI (what ``qt:graphData`` and ``FROM`` name) and, when a test uses it as
``qt:data``, a second time into a graph of its own that the request names as its
``default-graph-uri``; ``clustergraph serve`` runs once on that store. Each query goes by ``POST``
(every other one by ``GET``) with ``named-graph-uri`` set to the test's named graphs (the SPARQL
1.1 Protocol), so the server sees exactly the test's dataset although its own default graph is
the union of all graphs. A query with its own ``FROM`` / ``FROM NAMED`` is sent without them. The reference is a fresh
in-memory ``pyoxigraph.Store`` holding only the test's dataset.

Answers are compared as the spec means them: solutions as multisets (as sequences where the
query has ``ORDER BY``), graphs as sets, blank nodes up to renaming (both sides canonicalised
with RDFC-1.0). ``SERVICE`` is refused by the server by design; those tests are counted apart.
Prints one line per disagreement and the counts; exits 1 on any disagreement between the server
and pyoxigraph that is not explained (a refused ``SERVICE``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: The graph a data file is copied into to serve as a test's default graph.
DEFAULT_COPY = "urn:x-w3c-eval:default:"
#: A graph that is never loaded: the default graph of a test without qt:data.
EMPTY = "urn:x-w3c-eval:empty"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_ORDER_BY = re.compile(r"\border\s+by\b", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n>]*$", re.MULTILINE)


@dataclass
class EvalTest:
    """One ``mf:QueryEvaluationTest`` of a manifest."""

    suite: str
    name: str
    query: Path
    data: list[Path] = field(default_factory=list)
    graph_data: list[tuple[str, Path]] = field(default_factory=list)  # (graph IRI, file)
    result: Path | None = None
    service: bool = False


def _path(iri: str) -> Path:
    return Path(unquote(urlsplit(iri).path))


def tests_of(manifest: Path) -> list[EvalTest]:
    """The query-evaluation tests a manifest lists, in its order."""
    from pyoxigraph import BlankNode, RdfFormat, Store

    store = Store()
    store.load(path=str(manifest), format=RdfFormat.TURTLE, base_iri=manifest.resolve().as_uri())
    query = f"""SELECT ?test ?action ?q ?result WHERE {{
        ?m <{MF}entries>/<{RDF}rest>*/<{RDF}first> ?test .
        ?test a <{MF}QueryEvaluationTest> ; <{MF}action> ?action . ?action <{QT}query> ?q
        OPTIONAL {{ ?test <{MF}result> ?result }} }}"""
    found: list[EvalTest] = []
    for row in store.query(query):  # type: ignore[union-attr]
        action = row["action"]
        test = EvalTest(manifest.parent.name, row["test"].value.rsplit("#", 1)[-1], _path(row["q"].value),
                        result=_path(row["result"].value) if row["result"] is not None else None)
        for quad in store.quads_for_pattern(action, None, None):
            predicate, value = quad.predicate.value, getattr(quad.object, "value", "")
            if predicate == f"{QT}data":
                test.data.append(_path(value))
            elif predicate == f"{QT}graphData":
                if isinstance(quad.object, BlankNode):  # [ qt:graph <file> ; rdfs:label "name" ]
                    described = store.quads_for_pattern(quad.object, None, None)
                    parts = {q.predicate.value: getattr(q.object, "value", "") for q in described}
                    if f"{QT}graph" in parts:
                        graph = _path(parts[f"{QT}graph"])
                        test.graph_data.append((parts.get(f"{RDFS}label", graph.as_uri()), graph))
                else:
                    test.graph_data.append((value, _path(value)))
            elif predicate == f"{QT}serviceData":
                test.service = True
        found.append(test)
    return found


def manifests(root: Path) -> list[Path]:
    """The suite manifests under a checkout, the ``sparql11`` folder, or one suite folder."""
    for base in (root / "sparql" / "sparql11", root):
        found = sorted(base.glob("*/manifest.ttl"))
        if found:
            return found
    return [root / "manifest.ttl"] if (root / "manifest.ttl").exists() else []


def rdf_format(path: Path) -> Any:
    """pyoxigraph's RDF format for a data file, by its extension."""
    from pyoxigraph import RdfFormat

    return RdfFormat.from_extension(path.suffix.lstrip(".")) or RdfFormat.TURTLE


def build_store(tests: list[EvalTest], folder: Path) -> dict[Path, str]:
    """Load every data file once; return the unreadable ones with the parser's message."""
    from pyoxigraph import NamedNode, Store

    broken: dict[Path, str] = {}
    store = Store(str(folder))
    named = {f for t in tests for f in t.data} | {f for t in tests for _, f in t.graph_data}
    graphs = {(f.as_uri(), f) for f in named} | {(g, f) for t in tests for g, f in t.graph_data}
    graphs |= {(DEFAULT_COPY + f.as_uri(), f) for t in tests for f in t.data}
    for graph, file in sorted(graphs):
        try:
            store.load(path=str(file), format=rdf_format(file), base_iri=file.as_uri(), to_graph=NamedNode(graph))
        except (OSError, SyntaxError, ValueError) as err:
            broken[file] = str(err).splitlines()[0]
    store.flush()
    del store
    return broken


def reference(test: EvalTest, text: str, from_graphs: set[str]) -> Any:
    """What pyoxigraph answers on a fresh store holding only the test's dataset."""
    from pyoxigraph import NamedNode, Store

    store = Store()
    for file in test.data:
        store.load(path=str(file), format=rdf_format(file), base_iri=file.as_uri())
    for graph, file in test.graph_data:
        store.load(path=str(file), format=rdf_format(file), base_iri=file.as_uri(), to_graph=NamedNode(graph))
    for graph in from_graphs:  # the files a FROM / FROM NAMED names
        file = _path(graph)
        if graph.startswith("file:") and file.exists():
            store.load(path=str(file), format=rdf_format(file), base_iri=graph, to_graph=NamedNode(graph))
    return normalised(store.query(text))


def normalised(answer: Any) -> tuple[str, Any]:
    """An answer as a comparable value: ``("boolean", b)``, ``("solutions", rows)`` (each row a
    tuple of sorted ``(variable, term)``), or ``("graph", triples)``."""
    from pyoxigraph import QueryBoolean, QuerySolutions

    if isinstance(answer, QueryBoolean):
        return "boolean", bool(answer)
    if isinstance(answer, QuerySolutions):
        names = [v.value for v in answer.variables]
        rows = [tuple(sorted((n, row[n]) for n in names if row[n] is not None)) for row in answer]
        return "solutions", rows
    return "graph", [(t.subject, t.predicate, t.object) for t in answer]


def same(left: tuple[str, Any], right: tuple[str, Any], ordered: bool) -> bool:
    """Whether two normalised answers are equal, blank nodes up to renaming."""
    if left[0] != right[0]:
        return False
    if left[0] == "boolean":
        return bool(left[1] == right[1])
    if left[0] == "graph":
        return bool(canonical(sorted(set(left[1]), key=str), "graph")
                    == canonical(sorted(set(right[1]), key=str), "graph"))
    if len(left[1]) != len(right[1]):
        return False
    kind = "sequence" if ordered else "multiset"
    return bool(canonical(left[1], kind) == canonical(right[1], kind))


def canonical(items: list[Any], kind: str) -> Any:
    """A value equal for isomorphic answers: without blank nodes the items themselves (a Counter
    for a multiset); with them, the RDFC-1.0 canonical form of the answer written as quads."""
    from pyoxigraph import BlankNode, CanonicalizationAlgorithm, Dataset, Literal, NamedNode, Quad

    def has_blank(item: Any) -> bool:
        return any(isinstance(t, BlankNode) for t in (item if kind == "graph" else (v for _, v in item)))

    if not any(has_blank(i) for i in items):
        return Counter(items) if kind == "multiset" else (items if kind == "sequence" else set(items))
    dataset = Dataset()
    for index, item in enumerate(items):
        if kind == "graph":
            dataset.add(Quad(*item))
            continue
        row = BlankNode()
        for name, term in item:
            dataset.add(Quad(row, NamedNode(f"urn:x-w3c-eval:var:{name}"), term))
        dataset.add(Quad(row, NamedNode("urn:x-w3c-eval:row"), Literal(str(index) if kind == "sequence" else "")))
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def from_server(response: Any) -> tuple[str, Any]:
    """The normalised answer in an HTTP response of ``/sparql``."""
    from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

    kind = response.headers.get("content-type", "").split(";")[0].strip()
    if kind == "application/sparql-results+json":
        return normalised(parse_query_results(response.content, QueryResultsFormat.JSON))
    return "graph", [(q.subject, q.predicate, q.object) for q in parse(response.content, RdfFormat.N_TRIPLES)]


def expected(test: EvalTest, kind: str) -> tuple[str, Any] | None:
    """The W3C's expected answer (``.srx``, ``.srj``, ``.tsv``, RDF graphs and ``rs:`` result
    sets), or ``None`` when the file is missing or CSV (compared as text by :func:`csv_agrees`)."""
    from pyoxigraph import NamedNode, QueryResultsFormat, Store, parse, parse_query_results

    path = test.result
    if path is None or not path.exists() or path.suffix == ".csv":
        return None
    formats = {".srx": QueryResultsFormat.XML, ".srj": QueryResultsFormat.JSON, ".tsv": QueryResultsFormat.TSV}
    if path.suffix in formats:
        return normalised(parse_query_results(path=str(path), format=formats[path.suffix]))
    triples = [(q.subject, q.predicate, q.object)
               for q in parse(path=str(path), format=rdf_format(path), base_iri=path.as_uri())]
    if kind == "graph":
        return "graph", triples
    store = Store()  # an rs:ResultSet written in RDF
    store.extend(parse(path=str(path), format=rdf_format(path), base_iri=path.as_uri()))
    boolean = list(store.query(f"SELECT ?b {{ ?s <{RS}boolean> ?b }}"))  # type: ignore[arg-type]
    if boolean:
        return "boolean", boolean[0]["b"].value == "true"
    rows: list[tuple[int, tuple[tuple[str, Any], ...]]] = []

    def objects(subject: Any, predicate: str) -> list[Any]:
        return [q.object for q in store.quads_for_pattern(subject, NamedNode(predicate), None)]

    for solution in objects(None, f"{RS}solution"):
        row = []
        for binding in objects(solution, f"{RS}binding"):
            row.append((objects(binding, f"{RS}variable")[0].value, objects(binding, f"{RS}value")[0]))
        index = [i.value for i in objects(solution, f"{RS}index")]
        rows.append((int(index[0]) if index else 0, tuple(sorted(row))))
    rows.sort(key=lambda r: r[0])
    return "solutions", [r for _, r in rows]


XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {f"{XSD}{n}" for n in ("integer", "decimal", "double", "float")}


def by_value(answer: tuple[str, Any]) -> tuple[str, Any]:
    """The answer with numeric literals in one lexical form each (``2.0`` and ``2`` as decimals,
    ``3.0E4`` and ``30000`` as doubles), as the W3C results write them differently from engines."""
    from decimal import Decimal, InvalidOperation

    from pyoxigraph import Literal, NamedNode

    def term(t: Any) -> Any:
        if not isinstance(t, Literal) or t.datatype.value not in _NUMERIC:
            return t
        try:
            if t.datatype.value.endswith(("double", "float")):
                return Literal(repr(float(t.value)), datatype=NamedNode(t.datatype.value))
            return Literal(str(Decimal(t.value).normalize()), datatype=NamedNode(t.datatype.value))
        except (ValueError, InvalidOperation):
            return t

    if answer[0] == "solutions":
        return "solutions", [tuple((n, term(v)) for n, v in row) for row in answer[1]]
    if answer[0] == "graph":
        return "graph", [tuple(term(t) for t in triple) for triple in answer[1]]
    return answer


def csv_agrees(test: EvalTest, answer: tuple[str, Any]) -> bool:
    """Whether an answer, written as SPARQL CSV, has the rows of the expected ``.csv`` (as
    multisets of text rows; blank node labels compared as ``_:``)."""
    import csv

    assert test.result is not None
    with test.result.open(newline="", encoding="utf-8") as file:
        header, *body = list(csv.reader(file))
    if answer[0] != "solutions":
        return False

    def cell(term: Any) -> str:
        return "_:" if term is None or type(term).__name__ == "BlankNode" else str(term.value)

    got = Counter(tuple(cell(dict(row).get(n)) if n in dict(row) else "" for n in header) for row in answer[1])
    want = Counter(tuple("_:" if c.startswith("_:") else c for c in row) for row in body)
    return got == want


@dataclass
class Outcome:
    """The counts of one run, and a line per disagreement."""

    tests: int = 0
    agree: int = 0
    service_refused: int = 0
    both_refuse: int = 0
    w3c_agree: int = 0
    w3c_differ: int = 0
    w3c_unread: int = 0
    disagreements: list[str] = field(default_factory=list)
    w3c_lines: list[str] = field(default_factory=list)


def run(root: Path, workdir: Path, *, timeout: float = 60) -> Outcome:
    """Run every query-evaluation test under ``root`` through one ``clustergraph serve``."""
    import httpx

    from benchmarks.servers import free_port
    from clustergraph.store.sparqlparse import SparqlSyntaxError, parse

    tests = [t for m in manifests(root) for t in tests_of(m)]
    store = workdir / "w3c-store"
    broken = build_store(tests, store)
    port = free_port()
    server = subprocess.Popen(
        [clustergraph_command(), "serve", "--store", str(store), "--port", str(port),
         "--query-timeout", str(timeout), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/sparql"
    outcome = Outcome()
    try:
        _wait_for(url, server)
        with httpx.Client(timeout=timeout + 30) as client:
            for test in tests:
                outcome.tests += 1
                by_get = outcome.tests % 2 == 0  # every other test by GET, the others by POST
                _one(test, client, url, broken, outcome, parse, SparqlSyntaxError, by_get=by_get)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return outcome


def clustergraph_command() -> str:
    """The ``clustergraph`` command next to this Python, or on the PATH."""
    candidate = Path(sys.executable).parent / "clustergraph"
    found = str(candidate) if candidate.exists() else shutil.which("clustergraph")
    if found is None:
        raise RuntimeError("the `clustergraph` command is missing: pip install -e . in this environment")
    return found


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"clustergraph serve exited: {err.strip()[-500:]}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("clustergraph serve did not answer within 120 s")


def _one(test: EvalTest, client: Any, url: str, broken: dict[Path, str], outcome: Outcome,
         parse: Any, syntax_error: type[Exception], *, by_get: bool = False) -> None:
    label = f"{test.suite}/{test.name}"
    unreadable = [f for f in [*test.data, *(f for _, f in test.graph_data)] if f in broken]
    text = f"BASE <{test.query.as_uri()}>\n" + test.query.read_text(encoding="utf-8")
    ordered = bool(_ORDER_BY.search(_COMMENT.sub("", text)))
    try:
        shape = parse(text, "query")
        written = shape.dataset({}, test.query.as_uri())
    except syntax_error:
        shape, written = None, None
    from_graphs = set() if written is None else {*written[0], *written[1]}
    params: list[tuple[str, str]] = []
    if written is None:
        defaults = [DEFAULT_COPY + f.as_uri() for f in test.data] or [EMPTY]
        params += [("default-graph-uri", g) for g in defaults]
        params += [("named-graph-uri", g) for g, _ in test.graph_data]
    try:
        want: tuple[str, Any] | None = reference(test, text, from_graphs)
        want_error = ""
    except (OSError, SyntaxError, ValueError, RuntimeError) as err:
        want, want_error = None, str(err).splitlines()[0] if str(err) else type(err).__name__
    if by_get:
        response = client.get(url, params=[("query", text), *params], headers={"Accept": ACCEPT})
    else:
        response = client.post(url, params=params, content=text.encode(),
                               headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT})
    if response.status_code != 200:
        message = response.text.replace("\n", " ")[:160]
        if shape is not None and (shape.services or test.service) and "SERVICE" in message:
            outcome.service_refused += 1
        elif want is None:
            outcome.both_refuse += 1
        else:
            outcome.disagreements.append(f"{label}: the server answered {response.status_code} ({message})"
                                         f"{'; data unreadable: ' + str(unreadable) if unreadable else ''}")
        return
    got = from_server(response)
    if want is None:
        outcome.disagreements.append(f"{label}: the server answered, pyoxigraph refused ({want_error})")
        return
    if not same(got, want, ordered):
        sizes = [str(a[1]) if a[0] == "boolean" else f"{len(a[1])} {a[0]}" for a in (got, want)]
        outcome.disagreements.append(f"{label}: the server's answer differs from pyoxigraph's"
                                     f" ({sizes[0]} vs {sizes[1]})")
        return
    outcome.agree += 1
    _against_w3c(test, label, want, ordered, outcome)


def _against_w3c(test: EvalTest, label: str, answer: tuple[str, Any], ordered: bool, outcome: Outcome) -> None:
    try:
        if test.result is not None and test.result.suffix == ".csv" and test.result.exists():
            agrees: bool | None = csv_agrees(test, answer)
        else:
            w3c = expected(test, answer[0])
            if w3c is None:
                agrees = None
            else:
                answer, w3c = by_value(answer), by_value(w3c)
                agrees = same(answer, w3c, ordered) or (ordered and same(answer, w3c, False))
    except (OSError, SyntaxError, ValueError) as err:
        outcome.w3c_lines.append(f"{label}: the expected result is unreadable: {str(err).splitlines()[0]}")
        agrees = None
    if agrees is None:
        outcome.w3c_unread += 1
    elif agrees:
        outcome.w3c_agree += 1
    else:
        outcome.w3c_differ += 1
        name = test.result.name if test.result else ""
        outcome.w3c_lines.append(f"{label}: differs from the W3C expected result {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="rdf-tests checkout, its sparql/sparql11 folder, or one suite folder")
    parser.add_argument("--workdir", type=Path, default=None, help="where the store goes (default: a temp folder)")
    parser.add_argument("--show-w3c", action="store_true",
                        help="also list the tests whose answer differs from the W3C's")
    args = parser.parse_args(argv)
    if not manifests(args.root):
        parser.error(f"no manifest.ttl under {args.root}; give an rdf-tests checkout or its sparql/sparql11 folder")
    with tempfile.TemporaryDirectory(dir=args.workdir) as work:
        outcome = run(args.root, Path(work))
    for line in outcome.disagreements + (outcome.w3c_lines if args.show_w3c else []):
        print(line)
    print(f"{outcome.tests} query-evaluation tests: {outcome.agree} the same through /sparql as on pyoxigraph,"
          f" {outcome.service_refused} SERVICE refused by design, {outcome.both_refuse} refused by both,"
          f" {len(outcome.disagreements)} different")
    print(f"against the W3C expected results: {outcome.w3c_agree} agree, {outcome.w3c_differ} differ,"
          f" {outcome.w3c_unread} not compared")
    return 1 if outcome.disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
