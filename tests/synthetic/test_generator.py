"""The synthetic ecosystem generator: valid, deterministic, realistic in shape, streamed."""

from __future__ import annotations

import collections
import io
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from clustergraph.errors import InputError
from clustergraph.ingest import bundled_files, load_files, validate_quads
from clustergraph.ingest.provenance import quoted
from clustergraph.ingest.reading import read_file
from clustergraph.namespaces import CG, DCTERMS, ORG, RDF, RDFS, SCHEMA
from clustergraph.store import EmbeddedStore
from clustergraph.synthetic import generate, generate_file, synthetic_graph
from clustergraph.synthetic.places import reference

STATED = {
    CG + "ClusterOrganisation", CG + "Company", CG + "University", ORG + "FormalOrganization",
    CG + "Alliance", CG + "Participation", CG + "Agreement",
    CG + "MemorandumOfUnderstanding", SCHEMA + "Project", SCHEMA + "Event", CG + "Mission",
}


def quads_of(actors: int, seed: int) -> list[Quad]:
    out = io.StringIO()
    generate(out, actors=actors, seed=seed)
    return list(parse(out.getvalue().encode(), format=RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def small() -> list[Quad]:
    return quads_of(500, 7)


@pytest.fixture(scope="module")
def medium() -> list[Quad]:
    return quads_of(5000, 11)


def test_500_actors_pass_the_shapes_with_ontology_and_reference_data(small: list[Quad]) -> None:
    context: list[Quad] = []
    shapes: list[Quad] = []
    for f in bundled_files():
        if f.role == "shapes":
            shapes = read_file(f.path, graph=f.graph)
        elif f.role in ("ontology", "reference"):
            context += read_file(f.path, graph=f.graph)
    # as `clustergraph load` reads it: each node's quote (cg:evidence) becomes per-statement provenance
    assert validate_quads([*context, *quoted(small, graph=synthetic_graph(7, 500))], shapes) == []


def test_the_shapes_do_catch_a_broken_synthetic_record(small: list[Quad]) -> None:
    """Guard against a vacuous pass: drop one membership's evidence and it is reported."""
    victim = next(
        q.subject for q in small if q.object == NamedNode(CG + "Participation") and "/membership/" in q.subject.value
    )
    evidence = CG + "evidence"
    broken = [q for q in small if not (q.subject == victim and q.predicate.value == evidence)]
    shapes = next(f for f in bundled_files() if f.role == "shapes")
    ontology = next(f for f in bundled_files() if f.role == "ontology")
    violations = validate_quads(
        [*read_file(ontology.path, graph="urn:o"), *quoted(broken, graph=synthetic_graph(7, 500))],
        read_file(shapes.path, graph="urn:s"),
    )
    assert [v.focus for v in violations if v.message.startswith("Cite the quote")] == [victim.value]


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    a, b, c = io.StringIO(), io.StringIO(), io.StringIO()
    generate(a, actors=300, seed=5)
    generate(b, actors=300, seed=5)
    generate(c, actors=300, seed=6)
    assert a.getvalue() == b.getvalue()
    assert a.getvalue() != c.getvalue()


def test_everything_sits_in_one_graph_that_says_it_is_synthetic(small: list[Quad]) -> None:
    graph = synthetic_graph(7, 500)
    assert graph == "https://w3id.org/clustergraph/graph/synthetic/7-500"
    assert {q.graph_name.value for q in small} == {graph}
    description = [
        q.object for q in small
        if q.subject == NamedNode(graph) and q.predicate.value == DCTERMS + "description"
    ]
    assert len(description) == 1 and "SYNTHETIC" in description[0].value
    evidence = {q.object.value for q in small if q.predicate.value == CG + "evidence"}
    assert evidence == {"synthetic record (seed 7)"}
    # no synthetic resource borrows the IRI of a curated one
    subjects = {q.subject.value for q in small} - {graph}
    assert all(s.startswith("https://w3id.org/clustergraph/id/synthetic/7-500/") for s in subjects)


def test_every_stated_node_has_evidence(small: list[Quad]) -> None:
    typed = {
        q.subject for q in small if q.predicate.value == RDF + "type" and q.object.value in STATED
    }
    with_evidence = {q.subject for q in small if q.predicate.value == CG + "evidence"}
    assert typed and typed <= with_evidence


def test_places_are_real_reference_places(small: list[Quad]) -> None:
    known = set(reference().by_iri)
    used = {q.object.value for q in small if q.predicate.value in
            (CG + "locatedIn", CG + "targetMarket", CG + "servesMarket",
             SCHEMA + "location")}
    assert used and used <= known
    assert any("/nuts/" in p for p in used) and any("/country/" in p for p in used)


def test_labels_come_in_several_languages(medium: list[Quad]) -> None:
    languages = {q.object.language for q in medium
                 if q.predicate.value == RDFS + "label" and isinstance(q.object, Literal)}
    assert {"en", "de", "ja", "zh"} <= languages


def test_dates_span_two_decades(medium: list[Quad]) -> None:
    years = {int(q.object.value[:4]) for q in medium if q.predicate.value == SCHEMA + "startDate"}
    assert min(years) <= 2006 and max(years) >= 2023


def test_cluster_sizes_are_heavy_tailed_and_agreements_have_hubs(medium: list[Quad]) -> None:
    members = collections.Counter(
        q.object.value for q in medium
        if q.predicate.value == CG + "participatesIn" and "/cluster/" in q.object.value)
    sizes = sorted(members.values())
    assert sizes[-1] >= 10 * sizes[len(sizes) // 2]
    parties = collections.Counter(
        q.object.value for q in medium if q.predicate.value == CG + "party")
    degrees = sorted(parties.values())
    assert degrees[-1] >= 5 * (sum(degrees) / len(degrees))


def test_agreements_reach_foreign_partners(medium: list[Quad]) -> None:
    located = {
        q.subject.value: q.object.value for q in medium if q.predicate.value == CG + "locatedIn"
    }
    country = {p.iri: p.country for p in reference().by_iri.values()}
    parties = collections.defaultdict(set)
    for q in medium:
        if q.predicate.value == CG + "party":
            parties[q.subject.value].add(country[located[q.object.value]])
    foreign = sum(1 for cs in parties.values() if len(cs) > 1)
    assert foreign >= 0.9 * len(parties)


def test_size_is_about_thirteen_quads_per_actor() -> None:
    out = io.StringIO()
    report = generate(out, actors=2000, seed=1)
    assert 10 * 2000 <= report.quads <= 16 * 2000
    assert report.counts["clusters"] + report.counts["companies"] + report.counts["universities"] \
        + report.counts["services"] == 2000


def test_generation_streams_instead_of_holding_the_graph() -> None:
    class Sink(io.TextIOBase):
        def write(self, s: str) -> int:
            return len(s)

    tracemalloc.start()
    try:
        report = generate(Sink(), actors=40_000, seed=3)  # about half a million quads
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.quads > 400_000
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.0f} MiB: the generator holds too much"


def test_bad_sizes_and_seeds_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--actors must be between 20"):
        generate(io.StringIO(), actors=3, seed=1)
    with pytest.raises(InputError, match="--seed must be a non-negative"):
        generate(io.StringIO(), actors=100, seed=-1)
    with pytest.raises(InputError, match="no such folder"):
        generate_file(tmp_path / "missing" / "x.nq", actors=100, seed=1)


def test_cli_writes_a_file_that_clustergraph_load_accepts(tmp_path: Path) -> None:
    target = tmp_path / "eco.nq"
    cli = [sys.executable, "-c", "from clustergraph.cli import main; main()"]
    done = subprocess.run([*cli, "generate", "--actors", "300", "--seed", "2", "-o", str(target)],
                          capture_output=True, text=True, check=True)
    assert re.search(r"wrote \d+ quads to .*eco\.nq", done.stderr)
    lines = target.read_text(encoding="utf-8").splitlines()
    store = EmbeddedStore(tmp_path / "store")
    try:
        report = load_files(store, [target], validate=True)
        assert report.validated
        assert store.count() >= len(lines)
    finally:
        store.close()
    bad = subprocess.run([*cli, "generate", "--actors", "1", "-o", str(tmp_path / "y.nq")],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "--actors must be between" in bad.stderr
