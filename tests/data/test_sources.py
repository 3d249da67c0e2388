"""Data tests: every record of data/sources/ against the facts rules and the model.

Each assertion message says what to fix and where.
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
    collapse,
    parse,
    reference_files,
    source_files,
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
EVIDENCE = CG + "evidence"
SOURCE_FILE = CG + "sourceFile"
SECTOR_PREFIX = ID + "sector/"

EVIDENCE_CLASSES = {
    "http://www.w3.org/ns/org#Organization", "http://www.w3.org/ns/org#FormalOrganization",
    "http://www.w3.org/ns/org#OrganizationalUnit", "http://www.w3.org/ns/org#OrganizationalCollaboration",
    "http://www.w3.org/ns/org#Membership", "http://www.w3.org/ns/org#Post",
    "https://schema.org/Project", "https://schema.org/Event", "https://schema.org/Person",
    "https://schema.org/ContactPoint", "https://schema.org/CreativeWork",
    CG + "ClusterOrganisation", CG + "Company", CG + "University", CG + "PublicBody", CG + "ChamberOfCommerce",
    CG + "SciencePark", CG + "AdvisoryBody", CG + "IndustryAssociation", CG + "Alliance", CG + "Cluster",
    CG + "Participation", CG + "Agreement", CG + "MemorandumOfUnderstanding", CG + "Programme", CG + "Call",
    CG + "PolicyInitiative", CG + "Mission", CG + "Outcome", CG + "Recommendation", CG + "Figure", CG + "Source",
}

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


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_evidence_quotes_are_verbatim(path: Path, source_triples, shared_sources):
    triples = source_triples[path.stem]
    source_file = next(t.object.value for t in triples if t.predicate.value == SOURCE_FILE)
    doc = shared_sources / source_file
    assert doc.is_file(), f"{path.name}: cg:sourceFile {source_file!r} is not in {shared_sources}"
    text = collapse(doc.read_text(encoding="utf-8"))
    missing = [
        (t.subject.value, t.object.value)
        for t in triples
        if t.predicate.value == EVIDENCE and collapse(t.object.value) not in text
    ]
    assert not missing, (
        f"{path.name}: these cg:evidence quotes are not found verbatim in {source_file} "
        "(copy the text exactly; only whitespace runs may be collapsed; keep curly quotes and dashes):\n"
        + "\n".join(f"  {s}: {q!r}" for s, q in missing)
    )


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_evidence_language_is_the_sources(path: Path, source_triples):
    triples = source_triples[path.stem]
    graph = GRAPH + path.stem
    lang = next(t.object.value for t in triples if t.subject.value == graph and t.predicate.value == DCT + "language")
    wrong = [
        (t.subject.value, t.object.value[:60], t.object.language)
        for t in triples
        if t.predicate.value == EVIDENCE and t.object.language != lang
    ]
    assert not wrong, f"{path.name}: tag every cg:evidence with the source language @{lang}: {wrong}"


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_every_subject_has_evidence_in_its_file(path: Path, source_triples):
    """Each node a source graph says something about carries a quote from that source."""
    triples = source_triples[path.stem]
    subjects = {t.subject.value for t in triples if _iri(t.subject)}
    with_evidence = {t.subject.value for t in triples if t.predicate.value == EVIDENCE}
    missing = sorted(subjects - with_evidence)
    assert not missing, (
        f"{path.name}: add a cg:evidence quote (from this source) to every node the file states something about: {missing}"
    )


@pytest.mark.parametrize("path", FILES, ids=FILE_IDS)
def test_evidence_classes_have_evidence(path: Path, source_triples):
    triples = source_triples[path.stem]
    typed = {t.subject.value for t in triples if t.predicate.value == RDF_TYPE and t.object.value in EVIDENCE_CLASSES}
    with_evidence = {t.subject.value for t in triples if t.predicate.value == EVIDENCE}
    assert not typed - with_evidence, f"{path.name}: nodes typed without cg:evidence: {sorted(typed - with_evidence)}"


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

def _rdflib_union(extra: str | None = None):
    import rdflib

    g = rdflib.Graph()
    for path in [ONTOLOGY, *reference_files(), *FILES]:
        g.parse(path, format="turtle")
    if extra:
        g.parse(data=extra, format="turtle")
    return g


def _validate(data_graph):
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    return pyshacl.validate(data_graph, shacl_graph=shapes, inference="none", allow_warnings=True)


def test_union_is_shacl_valid():
    conforms, _, text = _validate(_rdflib_union())
    assert conforms, f"SHACL validation of ontology + reference + sources failed; fix what the messages say:\n{text}"


BROKEN = """
@prefix cg: <https://w3id.org/clustergraph/ontology#> .
@prefix id: <https://w3id.org/clustergraph/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/clustergraph/id/membership/test/x> a org:Membership ;
    org:member id:biocat ; org:organization id:bioxclusters-plus ; schema:startDate "2016-13-01" .
<https://w3id.org/clustergraph/id/contact-point/test/x> a schema:ContactPoint ;
    schema:contactType "media contact"@en ; cg:contactPerson id:marco-baccanti ;
    schema:email "someone@example.org" ; cg:evidence "Media Contact: someone@example.org"@en .
id:test-org a cg:ClusterOrganisation ; rdfs:label "Test"@en ; cg:evidence "Call +61 475 000 000"@en .
"""


def test_shapes_reject_broken_records():
    conforms, _, text = _validate(_rdflib_union(BROKEN))
    assert not conforms
    for expected in (
        "Add at least one cg:evidence",          # membership without evidence
        "schema:startDate must be",             # a plain-string date
        "Never store e-mail addresses",         # schema:email on a contact point
        "This text contains an e-mail address",  # e-mail inside a quote
        "This text contains a phone number",     # phone inside a quote
        "need cg:locatedIn",                    # cluster organisation without place
        "Link the contact point from its organisation",
    ):
        assert expected in text, f"the shapes should report {expected!r}; report was:\n{text}"
