"""Data tests: every statement of every source graph is tied to a quote found in its own source.

The files are read exactly as the build reads them (``read_file``: quotes reified), so what is
checked is what is stored. Each failure message names the file and line and says what to write.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from .conftest import CG, GRAPH, ID, SOURCES_DIR, collapse, parse, source_files

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OA = "http://www.w3.org/ns/oa#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCT = "http://purl.org/dc/terms/"
FILES = source_files()
FILE_IDS = [p.stem for p in FILES]

HOW_TO_QUOTE = (
    "cite the words of the source that state it: after the object write `~ q:name` (Turtle 1.2"
    " annotation; several quotes: `~ q:a ~ q:b`) and give the quote once as"
    ' `q:name cg:quote "...as printed..."@<lang> .`; if no sentence of the source states it,'
    " remove the statement (or, if it follows by a rule, let the build infer it into"
    " graph:inferred)"
)


class Provenance:
    """One source file as stored: content statements, their quotes, and the quotes' texts."""

    def __init__(self, path: Path, quads: list) -> None:
        self.path = path
        self.graph = GRAPH + path.stem
        self.lines = path.read_text(encoding="utf-8").splitlines()
        statements: dict[str, dict[str, object]] = defaultdict(dict)
        derived: dict[str, list[str]] = defaultdict(list)
        self.sources: dict[str, str] = {}
        selectors: dict[str, str] = {}
        self.exact: dict[str, Literal] = {}
        self.kinds: dict[str, set[str]] = defaultdict(set)
        for q in quads:
            p = q.predicate.value
            s = q.subject.value
            if p == RDF + "type":
                self.kinds[s].add(q.object.value)
            if p in (RDF + "subject", RDF + "predicate", RDF + "object"):
                statements[s][p.rsplit("#", 1)[1]] = q.object
            elif p == PROV_DERIVED:
                derived[s].append(q.object.value)
            elif p == OA + "hasSource":
                self.sources[s] = q.object.value
            elif p == OA + "hasSelector":
                selectors[s] = q.object.value
            elif p == OA + "exact":
                self.exact[s] = q.object
        provenance = set(statements) | set(self.sources) | set(selectors.values())
        self.content = [
            q.triple
            for q in quads
            if q.subject.value not in provenance and q.subject.value != self.graph
        ]
        self.quotes_of: dict[Triple, list[str]] = {}
        for node, parts in statements.items():
            if {"subject", "predicate", "object"} <= set(parts):
                triple = Triple(parts["subject"], parts["predicate"], parts["object"])  # type: ignore[arg-type]
                self.quotes_of.setdefault(triple, []).extend(derived.get(node, []))
        self.text_of = {q: self.exact.get(sel) for q, sel in selectors.items()}

    def line(self, triple: Triple) -> int:
        """The line of the file where a triple is written (its subject's block, then its predicate)."""
        def local(node: object) -> str:
            value = getattr(node, "value", "")
            return re.split(r"[/#]", value)[-1] if value else ""

        subject, predicate = local(triple.subject), local(triple.predicate)
        starts = [i for i, text in enumerate(self.lines) if re.match(rf"^\S*[:/]{re.escape(subject)}>?\s", text)]
        for start in starts:
            for i in range(start, min(start + 60, len(self.lines))):
                if i > start and re.match(r"^\S", self.lines[i]):
                    break
                if (predicate == "type" and re.search(r"\sa\s", self.lines[i])) or f":{predicate} " in self.lines[i] or f"/{predicate}> " in self.lines[i]:
                    return i + 1
        return starts[0] + 1 if starts else 1


@pytest.fixture(scope="module")
def provenance(stored_quads) -> dict[str, Provenance]:
    return {p.stem: Provenance(p, stored_quads[p.stem]) for p in FILES}


def _show(node: object) -> str:
    if isinstance(node, NamedNode):
        return f"<{node.value}>"
    return str(node)


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_every_statement_has_a_quote(path: Path, provenance) -> None:
    """Types and labels included: a statement of a source graph without a quote is an error."""
    prov = provenance[path.stem]
    assert prov.content, f"{path.name} states nothing"
    missing = [t for t in prov.content if not prov.quotes_of.get(t)]
    assert not missing, (
        f"{len(missing)} statement(s) of {path.name} have no quote; for each, {HOW_TO_QUOTE}:\n"
        + "\n".join(
            f"  {path}:{prov.line(t)}: {_show(t.subject)} {_show(t.predicate)} {_show(t.object)}"
            for t in missing[:40]
        )
    )


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_every_quote_is_verbatim_in_its_own_source(path: Path, provenance, shared_sources) -> None:
    """Each quote is found in the document of its own graph (whitespace aside), not in just any."""
    prov = provenance[path.stem]
    graph = prov.graph
    source_file = next(t.object.value for t in parse(path) if t.predicate.value == CG + "sourceFile")
    document = shared_sources / source_file
    assert document.is_file(), f"{path.name}: cg:sourceFile {source_file!r} is not in {shared_sources}"
    text = collapse(document.read_text(encoding="utf-8"))
    wrong_source = [q for q, g in prov.sources.items() if g != graph]
    assert not wrong_source, f"{path.name}: quotes whose oa:hasSource is not <{graph}>: {wrong_source}"
    missing = [(q, t) for q, t in prov.text_of.items() if t is None or collapse(t.value) not in text]
    assert not missing, (
        f"{path.name}: these quotes are not found verbatim in {source_file}; copy the words exactly"
        " as printed (only whitespace runs may differ; keep curly quotes, dashes, typos and markdown),"
        " or shorten the quote to a passage that is printed:\n"
        + "\n".join(
            f"  {path}:{_quote_line(prov, q)}: <{q}> {t.value if t is not None else '(no text)'!r}" for q, t in missing
        )
    )


def _quote_line(prov: Provenance, quote: str) -> int:
    local = quote.rsplit("/", 1)[-1]
    return next((i for i, line in enumerate(prov.lines, 1) if line.startswith(f"q:{local} ")), 1)


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_quotes_are_tagged_with_the_source_language(path: Path, provenance) -> None:
    prov = provenance[path.stem]
    lang = next(t.object.value for t in parse(path) if t.predicate.value == DCT + "language")
    wrong = [(q, t.language) for q, t in prov.text_of.items() if t is not None and t.language != lang]
    assert not wrong, f"{path.name}: tag every cg:quote with the source's language @{lang}: {wrong}"


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_every_quote_is_cited(path: Path, provenance) -> None:
    prov = provenance[path.stem]
    cited = {q for quotes in prov.quotes_of.values() for q in quotes}
    unused = sorted(set(prov.text_of) - cited)
    assert not unused, (
        f"{path.name}: these quotes back no statement; cite them (`~ q:name` after what they state)"
        f" or remove them: {unused}"
    )


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_curated_sources_quote_each_statement(path: Path) -> None:
    """The node-level shorthand (cg:evidence) is for users' files; curated sources cite per statement."""
    shorthand = [t.subject.value for t in parse(path) if t.predicate.value == CG + "evidence"]
    assert not shorthand, (
        f"{path.name}: replace cg:evidence on {sorted(set(shorthand))} by a quote per statement"
        " (`~ q:name` after each object, `q:name cg:quote \"...\"@en`)"
    )


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_stored_form_is_plain_rdf_1_1(path: Path, stored_quads) -> None:
    """No RDF 1.2 triple term reaches the store: plain SPARQL 1.1 reads the provenance."""
    terms = [q for q in stored_quads[path.stem] if isinstance(q.subject, Triple) or isinstance(q.object, Triple)]
    assert not terms, f"{path.name}: triple terms left in the stored form: {terms[:3]}"
    assert all(q.graph_name.value == GRAPH + path.stem for q in stored_quads[path.stem])


def test_quote_iris_are_unique_to_their_source(provenance) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for stem, prov in provenance.items():
        for quote in prov.text_of:
            owners[quote].add(stem)
    shared = {q: s for q, s in owners.items() if len(s) > 1}
    assert not shared, f"a quote IRI belongs to one source; use `@prefix q: <{ID}quote/NNN/>` per file: {shared}"


def test_the_data_test_catches_an_unquoted_statement(tmp_path: Path, shared_sources) -> None:
    """The check above fails, with file, line and the fix, for a statement without a quote."""
    original = SOURCES_DIR / "000-biopmed-internationalisation.ttl"
    broken = tmp_path / original.name
    broken.write_text(
        original.read_text(encoding="utf-8")
        + "\nid:biopmed <https://schema.org/foundingDate> \"1995\"^^xsd:gYear .\n",
        encoding="utf-8",
    )
    from clustergraph.ingest.reading import read_file

    prov = Provenance(broken, read_file(broken, graph=GRAPH + broken.stem))
    missing = [t for t in prov.content if not prov.quotes_of.get(t)]
    assert [t.predicate.value for t in missing] == ["https://schema.org/foundingDate"]
    assert prov.line(missing[0]) == len(broken.read_text(encoding="utf-8").splitlines())
