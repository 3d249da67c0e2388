"""Data tests: every record of data/sources/ against the facts rules and the model.

Each assertion message says what to fix and where. The quotes behind every statement are checked
in tests/data/test_provenance.py.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import (
    CG,
    GRAPH,
    ID,
    ONTOLOGY,
    PLACE_PREFIXES,
    REFERENCE_DIR,
    SHAPES,
    SOURCES_DIR,
    parse,
    reference_files,
    source_files,
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
SOURCE_FILE = CG + "sourceFile"
SECTOR_PREFIX = ID + "sector/"

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(\+[0-9]{1,3}[ .-]?\(?[0-9]{1,4}\)?([ .-]?[0-9]{2,4}){2,})|((mobile|phone|tel|fax)\.?\s*:\s*[+0-9])", re.I)

FILES = source_files()
FILE_IDS = [p.stem for p in FILES]


def _literal(node) -> bool:
    import pyoxigraph

    return isinstance(node, pyoxigraph.Literal)


def _iri(node) -> bool:
    import pyoxigraph

    return isinstance(node, pyoxigraph.NamedNode)


def test_there_are_five_source_files():
    stems = [p.stem[:3] for p in FILES]
    assert stems == ["000", "001", "002", "003", "004"], (
        f"expected one Turtle file per source 000..004 in {SOURCES_DIR}, found {stems}"
    )


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES, *FILES], ids=lambda p: p.name)
def test_file_parses(path: Path):
    triples = parse(path)  # raises SyntaxError with file, line and column
    assert triples, f"{path} holds no triples"


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_file_name_and_graph_description(path: Path, source_triples):
    assert re.fullmatch(r"\d{3}-[a-z0-9]+(-[a-z0-9]+)*", path.stem), (
        f"{path.name}: name the file <three-digit source number>-<slug>.ttl (lower case, hyphens)"
    )
    graph = GRAPH + path.stem
    about = defaultdict(list)
    for t in source_triples[path.stem]:
        if t.subject.value == graph:
            about[t.predicate.value].append(t.object)
    assert any(o.value == CG + "Source" for o in about[RDF_TYPE]), (
        f"{path.name}: describe the graph inside the file: <{graph}> a cg:Source ; dcterms:title ... ."
    )
    for prop in (DCT + "title", DCT + "language", SOURCE_FILE):
        assert about[prop], f"{path.name}: add {prop} to <{graph}>"
    source_file = about[SOURCE_FILE][0].value
    assert source_file.startswith(path.stem[:3] + "_"), (
        f"{path.name}: cg:sourceFile {source_file!r} should be the source document numbered {path.stem[:3]}"
    )


# Quotes (verbatim, in their own source, one per statement, in the source language): see
# tests/data/test_provenance.py, which reads the files as the build stores them.


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_no_email_or_phone(path: Path, source_triples):
    bad = []
    for t in source_triples[path.stem]:
        if t.predicate.value in ("https://schema.org/email", "https://schema.org/telephone",
                                 "http://xmlns.com/foaf/0.1/mbox", "http://xmlns.com/foaf/0.1/phone"):
            bad.append((t.subject.value, t.predicate.value))
        elif _literal(t.object) and (EMAIL.search(t.object.value) or PHONE.search(t.object.value)):
            bad.append((t.subject.value, t.object.value))
    assert not bad, f"{path.name}: remove e-mail addresses and phone numbers (never stored): {bad}"


def test_labels_one_per_language_across_files():
    labels = defaultdict(set)
    for path in [*FILES, *reference_files()]:
        for t in parse(path):
            if t.predicate.value == RDFS_LABEL and _literal(t.object):
                labels[(t.subject.value, t.object.language)].add(t.object.value)
    clashes = {k: v for k, v in labels.items() if len(v) > 1}
    assert not clashes, (
        "one rdfs:label per language per IRI across all files; move other names to skos:altLabel: "
        + "; ".join(f"{s} @{lang}: {sorted(v)}" for (s, lang), v in clashes.items())
    )


def test_cg_terms_are_declared_in_the_ontology():
    declared = {t.subject.value for t in parse(ONTOLOGY)}
    used = set()
    for path in [*FILES, *reference_files()]:
        for t in parse(path):
            for node in (t.predicate, t.object):
                if _iri(node) and node.value.startswith(CG):
                    used.add(node.value)
            if t.predicate.value == RDF_TYPE and t.object.value.startswith(CG):
                used.add(t.object.value)
    assert not used - declared, f"declare these cg: terms in ontology/clustergraph.ttl: {sorted(used - declared)}"


def _places_used() -> dict[str, set[str]]:
    used = defaultdict(set)
    for path in FILES:
        for t in parse(path):
            for node in (t.subject, t.object):
                if _iri(node) and node.value.startswith((*PLACE_PREFIXES, SECTOR_PREFIX)):
                    used[node.value].add(path.stem[:3])
    return used


def test_places_needed_list_is_complete():
    listed = set()
    for line in (SOURCES_DIR / "PLACES_NEEDED.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            listed.add(line.split("|")[0].strip())
    used = set(_places_used())
    assert used <= listed, f"add to data/sources/PLACES_NEEDED.txt: {sorted(used - listed)}"
    assert listed <= used, f"no source uses these any more; drop them from PLACES_NEEDED.txt: {sorted(listed - used)}"


def test_every_place_is_defined_in_reference():
    if not reference_files():
        pytest.skip(f"{REFERENCE_DIR} is absent: place IRIs cannot be checked yet")
    defined = defaultdict(set)
    for path in reference_files():
        for t in parse(path):
            if t.predicate.value == RDF_TYPE:
                defined[t.subject.value].add(t.object.value)
    missing = {iri: sorted(src) for iri, src in _places_used().items() if iri not in defined}
    assert not missing, (
        "these place/sector IRIs are used by data/sources but not typed in data/reference "
        f"(ask the reference data to add them, or fix the IRI): {missing}"
    )


# ----------------------------------------------------------------------------- SHACL

def _union(extra: str | None = None) -> list:
    """ontology + reference + sources as the build stores them (quotes reified), and ``extra``
    (Turtle 1.2, read the same way)."""
    import tempfile

    from clustergraph.ingest.reading import read_file

    quads = []
    for path in [ONTOLOGY, *reference_files(), *FILES]:
        quads += read_file(path, graph=GRAPH + path.stem)
    if extra:
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "extra.ttl"
            target.write_text(extra, encoding="utf-8")
            quads += read_file(target, graph=GRAPH + "user/extra")
    return quads


def _validate(quads: list) -> tuple[bool, str]:
    """Validate as the build does (clustergraph.ingest.validate_quads)."""
    from clustergraph.ingest import validate_quads

    violations = validate_quads(quads, SHAPES.read_text(encoding="utf-8"))
    return not violations, "\n".join(map(str, violations))


def test_union_is_shacl_valid():
    conforms, text = _validate(_union())
    assert conforms, f"SHACL validation of ontology + reference + sources failed; fix what the messages say:\n{text}"


BROKEN = """
@prefix cg: <https://w3id.org/clustergraph/ontology#> .
@prefix id: <https://w3id.org/clustergraph/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix q: <https://w3id.org/clustergraph/id/quote/test/> .
q:a cg:quote "Biocat and BioM, media contact someone@example.org"@en .
q:b cg:quote "Call +61 475 000 000"@en .
<https://w3id.org/clustergraph/id/membership/test/x> a org:Membership ;
    org:member id:biocat ; org:organization id:bioxclusters-plus .
<https://w3id.org/clustergraph/id/participation/test/x> a cg:Participation ~ q:a ;
    cg:participant id:biocat ~ q:a ; cg:participatesIn id:bioxclusters-plus ~ q:a ; cg:role cg:Member ~ q:a ;
    schema:startDate "2016-13-01" ~ q:a .
<https://w3id.org/clustergraph/id/contact-point/test/x> a schema:ContactPoint ~ q:a ;
    schema:contactType "media contact"@en ~ q:a ; cg:contactPerson id:marco-baccanti ~ q:a ;
    schema:email "someone@example.org" ~ q:a .
id:test-org a cg:ClusterOrganisation ~ q:b ; rdfs:label "Test"@en ~ q:b .
id:test-agreement a cg:Agreement ~ q:a ; rdfs:label "Test agreement"@en ~ q:a ; cg:party id:biocat ~ q:a .
id:test-project a schema:Project ~ q:a ; rdfs:label "Test project"@en ~ q:a ;
    schema:startDate "2016-10-12"^^xsd:date ~ q:a ; schema:endDate "2016-09"^^xsd:gYearMonth ~ q:a .
id:test-unquoted a cg:ClusterOrganisation ; rdfs:label "Unquoted"@en ; cg:locatedIn <https://w3id.org/clustergraph/id/country/DE> .
"""


def test_shapes_reject_broken_records():
    conforms, text = _validate(_union(BROKEN))
    assert not conforms
    for expected in (
        "org:Membership is not used",           # the retired membership pattern
        "Cite the quote",                       # a node no quoted statement is about
        "schema:startDate must be",             # a plain-string date
        "Never store e-mail addresses",         # schema:email on a contact point
        "This text contains an e-mail address",  # e-mail inside a quote
        "This text contains a phone number",     # phone inside a quote
        "need cg:locatedIn",                    # cluster organisation without place
        "Link the contact point from its organisation",
        "An agreement needs at least two parties",
        "lies before schema:startDate",         # an end before a start, across precisions
    ):
        assert expected in text, f"the shapes should report {expected!r}; report was:\n{text}"


# ----------------------------------------------------------------------------- validate names file and line

BAD_USER_FILE = """@prefix cg: <https://w3id.org/clustergraph/ontology#> .
@prefix id: <https://w3id.org/clustergraph/id/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix q: <https://example.org/quote/> .

q:signed cg:quote "Biocat signed an agreement in 2016."@en .
q:call cg:quote "For details call +34 600 123 456."@en .

id:lonely-agreement a cg:Agreement ~ q:signed ;
    rdfs:label "A lonely agreement"@en ~ q:signed ;
    cg:party id:biocat ~ q:signed .

id:backwards-project a schema:Project ~ q:signed ;
    rdfs:label "A backwards project"@en ~ q:signed ;
    schema:startDate "2016-10-12"^^xsd:date ~ q:signed ;
    schema:endDate "2016-09"^^xsd:gYearMonth ~ q:signed ;
    schema:description "write to someone@example.org"@en ~ q:signed .
"""


def test_validate_names_file_and_line_of_each_broken_record(tmp_path: Path) -> None:
    """One party, an end before a start, an e-mail and a phone number in literals: `validate`
    fails with the file, the line and what to do, and no traceback."""
    import subprocess
    import sys

    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_USER_FILE, encoding="utf-8")
    command = [str(Path(sys.executable).parent / "clustergraph"), "validate", str(bad), "--store", str(tmp_path / "s")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    text = done.stderr
    for message, line in (
        ("An agreement needs at least two parties", 13),
        ("lies before schema:startDate", 18),
        ("This text contains an e-mail address", 19),
        ("This text contains a phone number", 9),
    ):
        found = [row for row in text.splitlines() if message in row]
        assert found, f"validate should report {message!r}:\n{text}"
        assert f"bad.ttl:{line}]" in found[0], f"{message!r} should name bad.ttl:{line}: {found[0]}"
