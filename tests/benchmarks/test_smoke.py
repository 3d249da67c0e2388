"""Smoke tests: the generator and every benchmark run end to end at a tiny size.

They keep the benchmarks from rotting; the figures themselves are not checked against targets
(a loaded test machine would make that flaky), only that each benchmark measures what it says.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import (
    bench_algorithms,
    bench_analytics,
    bench_bsbm,
    bench_http,
    bench_load,
    bench_loadtest,
    bench_remote,
    bench_search,
    bench_warm,
    run,
    w3c_eval,
)
from benchmarks.common import actors_for, dataset, machine


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench")


def test_dataset_is_generated_once_at_about_the_asked_size(workdir: Path) -> None:
    file = dataset(workdir, actors_for(2_000))
    before = file.stat().st_mtime_ns
    quads = sum(1 for _ in file.open("rb"))
    assert 1_500 <= quads <= 2_600
    assert dataset(workdir, actors_for(2_000)).stat().st_mtime_ns == before


def test_load_benchmark_measures_every_contender(workdir: Path) -> None:
    result = bench_load.run([2_000], workdir)
    rows = {r["contender"]: r for r in result["rows"]}
    assert set(rows) == set(bench_load.CONTENDERS)
    for name, row in rows.items():
        assert "error" not in row, (name, row.get("error"))
        assert row["seconds"] > 0 and row["peak_mib"] > 10
    assert rows[bench_load.BASELINE]["stored"] == rows[bench_load.BASELINE]["quads"]
    # clustergraph adds one quad: the graph's dcterms:source
    assert rows["clustergraph load --no-validate"]["stored"] == rows[bench_load.BASELINE]["quads"] + 1
    assert [t["target"].split(" >=")[0] for t in result["targets"]] == ["clustergraph load --no-validate"]


def test_http_benchmark_compares_both_servers(workdir: Path) -> None:
    result = bench_http.run([2_000], workdir, seconds=0.2, clients=(1,))
    assert "skipped" not in result, result["skipped"]  # the test extras install both servers
    servers = {r["server"] for r in result["rows"]}
    assert servers == {"clustergraph", "oxigraph"}
    assert all(r["same_rows"] for r in result["ratios"]), result["ratios"]
    assert all(m["peak_mib"] > 1 for m in result["memory"])


def test_bsbm_benchmark_runs_the_bsbm_tools_or_says_why_not(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the BSBM tools (CLUSTERGRAPH_BSBM_TOOLS) it measures both servers at 100 products."""
    if bench_bsbm.tools() is None:
        monkeypatch.setenv("CLUSTERGRAPH_BSBM_TOOLS", str(workdir / "no-such-folder"))
        assert "CLUSTERGRAPH_BSBM_TOOLS" in bench_bsbm.run([100], workdir)["skipped"]
        return
    result = bench_bsbm.run([100], workdir)
    metrics = {r["metric"]: r for r in result["rows"]}
    assert metrics["same result counts"]["clustergraph"] is True, metrics["same result counts"]
    assert metrics["qmph-1"]["clustergraph"] > 0 and metrics["ask"]["oxigraph"] > 0


def test_analytics_benchmark_times_what_exists(workdir: Path) -> None:
    result = bench_analytics.run([200], workdir)
    assert "skipped" not in result, result["skipped"]
    (row,) = result["rows"]
    assert "error" not in row, row.get("error")
    assert row["nodes"] > 200 and row["projection_s"] > 0 and row["entry_points_s"] > 0
    assert row["entry_points_warm_s"] > 0 and row["gap_report_s"] > 0


def test_algorithms_benchmark_compares_every_library_with_networkx(workdir: Path) -> None:
    result = bench_algorithms.run([200], workdir)
    size = result["sizes"][0]
    assert size["ok"], size["error"]
    libraries = {r["library"] for r in size["rows"]}
    assert {"networkx", "numpy", "scipy"} <= libraries
    assert [r for r in size["rows"] if r["equal"] is False] == []  # every compiled answer is networkx's


def test_remote_benchmark_runs_on_both_stores(workdir: Path) -> None:
    result = bench_remote.run([200], workdir, gaps=False)
    assert "skipped" not in result, result["skipped"]  # the test extras install oxigraph
    stores = {r["store"]: r for r in result["rows"]}
    assert set(stores) == {"embedded", "remote"}
    assert all(r["ok"] for r in stores.values()), [r["error"] for r in stores.values()]
    assert stores["embedded"]["nodes"] == stores["remote"]["nodes"]


def test_search_benchmark_times_the_index_and_the_scan_side_by_side(workdir: Path) -> None:
    result = bench_search.run([2_000], workdir, bundled=False, imported=())
    rows = {(r["how"], r["text"]): r for r in result["rows"]}
    texts = {"bio", "one whole name", "bi", "no match"}
    assert set(rows) == {("index", "(build)")} | {(how, t) for how in ("search", "scan") for t in texts}
    assert [r.get("error") for r in rows.values()] == [None] * len(rows)
    assert 1_500 <= rows["search", "bio"]["labels"] <= 3_000  # about the asked number of labels
    for how in ("search", "scan"):  # limit 20; nothing has qqxqq
        assert rows[how, "bio"]["matches"] == 20 and rows[how, "no match"]["matches"] == 0
        assert rows[how, "one whole name"]["matches"] >= 1
    assert all(r["cold_ms"] > 0 for r in rows.values())
    assert all(r["scan_over_index"] > 0 for (how, _), r in rows.items() if how == "search")
    assert result["targets"] == []  # the 10^6 target is judged only at 10^6 labels


def test_runner_writes_json_and_refuses_unknown_benchmarks(
    workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(run, "RESULTS", tmp_path)
    monkeypatch.setattr(bench_load, "CONTENDERS", (bench_load.BASELINE, "rdflib parse"))
    assert run.main(["--sizes", "tiny", "--only", "load", "--workdir", str(workdir)]) == 0
    record = json.loads((tmp_path / "load-tiny.json").read_text())
    assert record["machine"]["nproc"] >= 1 and record["rows"]
    assert "rdflib parse" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run.main(["--only", "bogus"])
    assert machine()["python"]


#: A bare git copy of https://github.com/w3c/rdf-tests, or a checkout of it ($CLUSTERGRAPH_RDF_TESTS).
RDF_TESTS = Path(os.environ.get("CLUSTERGRAPH_RDF_TESTS", "/work/.mirror/w3c+rdf-tests/repo"))


def test_w3c_eval_runs_a_suite_through_the_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The negation suite (named graphs, MINUS, FILTER NOT EXISTS) through /sparql as on pyoxigraph."""
    if (RDF_TESTS / "sparql" / "sparql11" / "negation").is_dir():
        shutil.copytree(RDF_TESTS / "sparql" / "sparql11" / "negation", tmp_path / "sparql" / "sparql11" / "negation")
    elif (RDF_TESTS / "HEAD").exists():
        archive = subprocess.run(["git", "--git-dir", str(RDF_TESTS), "archive", "HEAD", "sparql/sparql11/negation"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp_path)], input=archive, check=True)
    else:
        pytest.skip(f"no copy of w3c/rdf-tests at {RDF_TESTS} (set CLUSTERGRAPH_RDF_TESTS; the suite is not"
                    " part of clustergraph)")
    suite = tmp_path / "sparql" / "sparql11" / "negation"
    assert w3c_eval.main([str(suite), "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    total = len(w3c_eval.tests_of(suite / "manifest.ttl"))
    assert total > 5
    assert f"{total} query-evaluation tests: {total} the same through /sparql as on pyoxigraph" in out, out
    assert "0 different" in out


def test_w3c_eval_compares_blank_nodes_up_to_renaming_and_order_only_when_asked() -> None:
    from pyoxigraph import BlankNode, Literal

    a, b = BlankNode(), BlankNode()
    one, two = Literal("1"), Literal("2")
    left = ("solutions", [(("x", a), ("y", one)), (("x", a), ("y", two))])
    renamed = ("solutions", [(("x", b), ("y", two)), (("x", b), ("y", one))])
    split = ("solutions", [(("x", a), ("y", one)), (("x", b), ("y", two))])
    assert w3c_eval.same(left, renamed, ordered=False)
    assert not w3c_eval.same(left, renamed, ordered=True)
    assert not w3c_eval.same(left, split, ordered=False)  # one blank node is not two


def test_loadtest_reports_zero_errors_latency_and_memory(workdir: Path) -> None:
    result = bench_loadtest.run([4], workdir, seconds=3)
    assert "skipped" not in result, result["skipped"]
    assert result["errors"] == 0, result["error_statuses"]
    kinds = {r["kind"]: r for r in result["rows"]}
    assert set(kinds) == {"cheap", "heavy", "search", "entry-points"}
    assert kinds["cheap"]["ok"] > 0 and result["cheap_p99_ms"] >= result["cheap_p50_ms"] > 0
    assert result["rss_before_mib"] > 50 and result["rss_after_mib"] > 50  # server and its workers


def test_loadtest_counts_a_timeout_as_shed_and_any_other_failure_as_an_error() -> None:
    rows = [("cheap", 200, 0.01, False), ("cheap", 200, 0.03, False), ("heavy", 503, 30.0, True),
            ("heavy", 503, 0.1, False), ("search", 0, 1.0, False), ("entry-points", 500, 0.2, False)]
    result = bench_loadtest._summary(rows, bench_loadtest.MIX, 2, 1.0, (100.0, 50.0), (120.0, 60.0))
    assert (result["requests"], result["shed"], result["errors"]) == (6, 1, 3)
    assert result["error_statuses"] == [0, 500, 503]
    assert result["cheap_p50_ms"] == 30.0 and result["targets"][0]["met"] is False


def test_warm_benchmark_times_each_request_cold_and_warm(workdir: Path, curated_folder: Path) -> None:
    folder = workdir / "warm-curated"  # the store the benchmark would build, from the session's graph
    shutil.copytree(curated_folder, folder)
    (folder / "complete").write_text("")
    result = bench_warm.run([1], workdir)
    assert [r["request"] for r in result["rows"]] == [name for name, *_ in bench_warm.REQUESTS]
    for row in result["rows"]:
        assert row["cold_s"] > 0 and row["warm_s"] > 0, row
    assert [t["target"].rsplit(",", 1)[0] for t in result["targets"]] == [r["request"] for r in result["rows"]]
