"""The command line as a user runs it: a real `clustergraph` process, exit codes, stdout, stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from tests.support.curated import Curated

RESOURCES = Path(__file__).parent.parent / "resources"
CLI = [sys.executable, "-m", "clustergraph"]


def run(*args: str, store: Path | str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLUSTERGRAPH_STORE"}
    if store is not None:
        env["CLUSTERGRAPH_STORE"] = str(store)
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f"clustergraph {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Path:
    """A store folder holding the curated graph, as `clustergraph build` leaves it (the build
    command itself is run by test_build_reports_in_one_line_when_piped)."""
    return curated_data.folder(tmp_path_factory.mktemp("cli") / "store")


def stats(store: Path | str) -> dict[str, object]:
    return json.loads(run("stats", "--format", "json", store=store).stdout)


def test_help_lists_the_commands() -> None:
    out = run("--help").stdout
    for command in ("build", "load", "validate", "query", "queries", "search", "describe", "stats", "export"):
        assert command in out


def test_version_names_the_package_and_the_engine() -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        out = run(flag).stdout.strip()
        assert out.startswith(f"clustergraph {version('clustergraph')} (pyoxigraph {version('pyoxigraph')}, Python ")


def test_the_shell_completes_commands_and_options() -> None:
    script = run("--show-completion", "bash").stdout
    assert "complete " in script and "_CLUSTERGRAPH_COMPLETE" in script
    env = {**os.environ, "_CLUSTERGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "clustergraph que", "COMP_CWORD": "1"}
    done = subprocess.run(CLI, capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.split() == ["query", "queries"]


def test_usage_errors_print_the_usage_and_exit_2() -> None:
    for args in (("query", "--bogus"), ("no-such-command",)):
        done = run(*args, check=False)
        assert done.returncode == 2, args
        assert "Usage: clustergraph" in done.stderr and "Traceback" not in done.stderr


def test_build_reports_in_one_line_when_piped(tmp_path: Path) -> None:
    done = run("build", store=tmp_path / "s")
    assert done.stderr.strip().startswith("built ")
    assert "SHACL-valid" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, "no progress bar in a pipe"


def test_stats_show_graphs_and_classes(store: Path) -> None:
    report = stats(store)
    graphs = report["graphs"]
    assert isinstance(graphs, dict)
    assert "https://w3id.org/clustergraph/graph/004-netbioclue" in graphs
    classes = report["classes"]
    assert isinstance(classes, dict)
    assert classes["https://w3id.org/clustergraph/ontology#Alliance"] >= 1
    table = run("stats", store=store).stdout
    assert "Entities per class" in table and "total:" in table


def test_named_query_with_a_parameter_in_every_format(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("query", "alliance-members", "--param", "alliance=bioxclusters-plus")
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv", store=store).stdout)))
    labels = {r["memberLabel"] for r in rows}
    assert {"Biocat", "BioM", "bioPmed", "Lyonbiopole"} <= labels, rows
    data = json.loads(run(*args, "--format", "json", store=store).stdout)
    assert data["head"]["vars"] and len(data["results"]["bindings"]) == len(rows)
    tsv = run(*args, "--format", "tsv", store=store).stdout.splitlines()
    assert tsv[0].startswith("?") and len(tsv) == len(rows) + 1
    monkeypatch.setenv("COLUMNS", "200")  # the query has seven columns: a wide terminal shows them whole
    table = run(*args, store=store).stdout
    assert "Lyonbiopole" in table


def test_sparql_text_and_rq_file(store: Path, tmp_path: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?m <https://w3id.org/clustergraph/ontology#role> <https://w3id.org/clustergraph/ontology#Member> }"
    out = run("query", "--sparql", text, "--format", "csv", store=store).stdout
    assert out.splitlines()[0] == "n" and int(out.splitlines()[1]) >= 4
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# title: Labels of a thing\n# param: thing | iri | The thing | biocat\n"
        "SELECT ?l WHERE { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?l }\n"
    )
    out = run("query", str(rq), "-p", "thing=biocat", "-f", "csv", store=store).stdout
    assert "Biocat" in out


def test_queries_lists_the_catalogue() -> None:
    listed = json.loads(run("queries", "--format", "json").stdout)
    assert len(listed) >= 20
    names = {q["name"] for q in listed}
    assert "alliance-members" in names
    assert all(q["description"] for q in listed)


def test_export_dumps_every_quad(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.nq"
    run("export", "-o", str(target), store=store)
    quads = list(parse(path=str(target), format=RdfFormat.N_QUADS))
    assert len(quads) == stats(store)["total"]
    trig = run("export", "--format", "trig", store=store).stdout
    assert set(parse(trig.encode(), format=RdfFormat.TRIG)) == set(quads), "the same quads, each in its graph"


def test_search_and_describe(store: Path) -> None:
    found = json.loads(run("search", "bioPmed", "--format", "json", store=store).stdout)
    assert found[0]["entity"] == "id:biopmed" and found[0]["match"] == "exact" and found[0]["kind"] == "actor"
    places = json.loads(run("search", "jp", "--kind", "place", "--format", "json", store=store).stdout)
    assert places[0]["entity"] == "id:country/JP" and places[0]["match"] == "exact"
    assert {p["kind"] for p in places} == {"place"}
    # the science park, a resource of its own (bioPmed's partner in bioXclusters)
    described = json.loads(run("describe", "Silvano Fumero", "--format", "json", store=store).stdout)
    assert described["iri"] == "https://w3id.org/clustergraph/id/bioindustry-park-silvano-fumero"
    assert all(f["graph"].startswith("https://w3id.org/clustergraph/graph/") for f in described["facts"])
    assert any(f["evidence"] for f in described["facts"])
    table = run("describe", "id:biopmed", store=store).stdout
    assert "graph:" in table and "rdfs:label" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "no-such-query"), "no named query 'no-such-query'"),
        (("query", "alliance-members", "-p", "alliance=not an iri"), "must be an IRI"),
        (("query", "alliance-members"), "needs the parameter 'alliance'"),
        (("query", "alliance-members", "-p", "colour=blue", "-p", "alliance=x"), "has no parameter 'colour'"),
        (("query", "--sparql", "SELEC ?x"), "syntax error"),
        (("load", "/nonexistent/file.ttl"), "no such file"),
        (("load", str(RESOURCES / "user-organisation-invalid.ttl")), "SHACL violation"),
        (("describe", "Chamber of Commerce"), "'Chamber of Commerce' is ambiguous"),
        (("describe", "Atlantis"), "matches name 'Atlantis'"),
        (("search", "bio", "--kind", "planet"), "--kind must be one of actor, place, concept"),
    ],
)
def test_errors_exit_non_zero_with_the_message_on_stderr(store: Path, args: tuple[str, ...], message: str) -> None:
    before = stats(store)
    done = run(*args, store=store, check=False)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert stats(store) == before


def test_broken_turtle_names_line_and_column(store: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "v{i}" .' for i in range(3000)]
    broken.write_text("\n".join([*lines, '<http://example.org/x> <http://example.org/p> "open .']) + "\n")
    before = stats(store)
    done = run("load", str(broken), "--no-validate", store=store, check=False)
    assert done.returncode == 1
    assert f"{broken}:3001:" in done.stderr and "syntax error" in done.stderr
    assert stats(store) == before


def test_load_then_validate_a_user_file(curated_folder: Path) -> None:
    location = curated_folder
    ok = run("validate", str(RESOURCES / "user-organisation.ttl"), store=location)
    assert "valid: 1 file(s)" in ok.stderr
    run("load", str(RESOURCES / "user-organisation.ttl"), store=location)
    out = run(
        "query",
        "--sparql",
        "SELECT ?g WHERE { GRAPH ?g { <https://example.org/test/helix-cluster> ?p ?o } } LIMIT 1",
        "-f",
        "csv",
        store=location,
    ).stdout
    assert "graph/user/user-organisation" in out


def test_remote_build_matches_embedded(store: Path, oxigraph_server) -> None:
    url = oxigraph_server.url
    run("build", "--store", url)
    assert stats(url)["total"] == stats(store)["total"]
    args = ("query", "alliance-members", "-p", "alliance=bioxclusters-plus", "-f", "csv")
    assert run(*args, "--store", url).stdout == run(*args, store=store).stdout
    done = run("load", str(RESOURCES / "user-organisation-invalid.ttl"), "--store", url, check=False)
    assert done.returncode == 1 and "SHACL violation" in done.stderr
    assert stats(url)["total"] == stats(store)["total"]
