"""The W3C SPARQL 1.1 syntax tests through clustergraph's parser: every positive test must parse,
every negative one must be refused.

    python -m benchmarks.w3c_syntax SUITE_FOLDER [SUITE_FOLDER ...]

A suite folder holds a ``manifest.ttl`` (``sparql/sparql11/syntax-query``, ``syntax-update-1``,
``syntax-update-2``, ``syntax-fed`` of https://github.com/w3c/rdf-tests). The test files are not
part of clustergraph; fetch them from there. Prints one line per failure and the counts; exits 1
if any test fails.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
KINDS = {
    "PositiveSyntaxTest11": ("query", True),
    "NegativeSyntaxTest11": ("query", False),
    "PositiveUpdateSyntaxTest11": ("update", True),
    "NegativeUpdateSyntaxTest11": ("update", False),
    "PositiveSyntaxTest": ("query", True),
    "NegativeSyntaxTest": ("query", False),
}


@dataclass
class SyntaxTest:
    """One entry of a manifest."""

    name: str
    path: Path
    kind: str
    positive: bool


def tests_of(folder: Path) -> list[SyntaxTest]:
    """The syntax tests a suite's manifest lists, in its order."""
    from pyoxigraph import RdfFormat, Store

    manifest = folder / "manifest.ttl"
    store = Store()
    store.load(path=str(manifest), format=RdfFormat.TURTLE, base_iri=manifest.resolve().as_uri())
    query = f"""SELECT ?test ?type ?action WHERE {{
        ?m <{MF}entries>/<{RDF}rest>*/<{RDF}first> ?test .
        ?test a ?type ; <{MF}action> ?action }}"""
    found = []
    for row in store.query(query):  # type: ignore[union-attr]
        kind = row["type"].value.rsplit("#", 1)[-1]
        if kind not in KINDS:
            continue
        path = Path(unquote(urlsplit(row["action"].value).path))
        found.append(SyntaxTest(path.name, path, *KINDS[kind]))
    return found


def run(folders: list[Path]) -> tuple[int, list[str]]:
    """Run the suites; return the number of tests and a line per failure."""
    from clustergraph.store.sparqlparse import SparqlSyntaxError, parse

    total, failures = 0, []
    for folder in folders:
        for test in tests_of(folder):
            total += 1
            text = test.path.read_text(encoding="utf-8")
            try:
                parse(text, test.kind)
                refused = None
            except SparqlSyntaxError as err:
                refused = str(err)
            if test.positive and refused is not None:
                failures.append(f"{folder.name}/{test.name}: refused a valid {test.kind}: {refused}")
            elif not test.positive and refused is None:
                failures.append(f"{folder.name}/{test.name}: accepted an invalid {test.kind}")
    return total, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="suite folders holding a manifest.ttl")
    args = parser.parse_args(argv)
    total, failures = run(args.folders)
    for line in failures:
        print(line)
    print(f"{total} syntax tests, {total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
