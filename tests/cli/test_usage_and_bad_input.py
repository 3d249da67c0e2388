"""No command prints a Python traceback (issue 12, items 4, 8 and 10): usage errors, global
options before the command, bad input files, a query too deeply nested for the engine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "clustergraph"]

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">
  <rdf:Description rdf:about="http://e/a"><e:p>&lol6;</e:p></rdf:Description>
</rdf:RDF>
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=600, cwd=cwd)


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode not in (0, 139, -11), (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bogus"], ["No such option: --bogus"]),
        (["build", "--bogus"], ["No such option: --bogus", "clustergraph build --help"]),
        (["nosuchcommand"], ["No such command"]),
        (["--store"], ["requires an argument"]),
    ],
)
def test_usage_errors_are_messages(args: list[str], words: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    refused(done, *words)


@pytest.fixture(scope="module")
def data_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("usage")
    (folder / "one.ttl").write_text('<http://e/a> <http://e/p> "1" .\n', encoding="utf-8")
    done = run("--store", str(folder / "store"), "load", "--no-validate", str(folder / "one.ttl"))
    assert done.returncode == 0, done.stderr
    return folder / "store"


def test_the_store_before_the_command(data_store: Path) -> None:
    done = run("--store", str(data_store), "query", "--sparql", "SELECT ?o WHERE { <http://e/a> ?p ?o }", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "1"


def test_a_query_too_deep_for_the_engine_is_an_error_not_a_crash(data_store: Path, tmp_path: Path) -> None:
    (tmp_path / "deep.rq").write_text("SELECT * WHERE " + "{" * 100_000 + "}" * 100_000, encoding="utf-8")
    done = run("query", str(tmp_path / "deep.rq"), "--store", str(data_store))
    assert done.returncode == 1
    refused(done, "more than 128 deep", "line 1, column")
    shallow = "SELECT * WHERE " + "{" * 5_000 + "}" * 5_000  # the engine alone overflows at about 2,000
    done = run("query", "--sparql", shallow, "--store", str(data_store))
    assert done.returncode == 1
    refused(done, "more than 128 deep")


def test_a_huge_integer_parameter_is_an_error(data_store: Path) -> None:
    done = run("query", "--sparql", "SELECT ?y WHERE { BIND(?x + 1 AS ?y) }", "--param", "x=" + "9" * 5000,
               "--store", str(data_store))
    assert done.returncode == 1
    refused(done, "parameter 'x'", "at most 18 digits")


def test_billion_laughs_is_refused_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "laughs.rdf").write_text(LAUGHS, encoding="utf-8")
    for extra in ([], ["--no-validate"]):
        done = run("load", *extra, "laughs.rdf", "--store", str(tmp_path / "store"), cwd=tmp_path)
        refused(done, "laughs.rdf:4:", "billion laughs")


def test_a_60_mb_literal_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "big.ttl").write_text('<http://e/a> <http://e/p> "' + "x" * 60_000_000 + '" .\n', encoding="utf-8")
    for extra in ([], ["--no-validate"]):
        done = run("load", *extra, "big.ttl", "--store", str(tmp_path / "store"), cwd=tmp_path)
        refused(done, "big.ttl:1:", "longer than the 16 MiB")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.ttl").write_bytes(b"")
    done = run("load", "--no-validate", "empty.ttl", "--store", str(tmp_path / "store"), cwd=tmp_path)
    refused(done, "empty.ttl", "is empty")


def test_a_turtle_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    (tmp_path / "bom.ttl").write_bytes(b'\xef\xbb\xbf<http://e/a> <http://e/p> "bom" .\n')
    for extra in ([], ["--no-validate"]):
        store = tmp_path / f"store{len(extra)}"
        done = run("load", *extra, "bom.ttl", "--store", str(store), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        answer = run("query", "--sparql", "SELECT ?o WHERE { <http://e/a> ?p ?o }", "-f", "csv", "--store", str(store))
        assert answer.stdout.splitlines()[-1] == "bom", answer.stderr


def test_a_syntax_error_shows_invisible_characters(tmp_path: Path) -> None:
    (tmp_path / "zw.ttl").write_text('<http://e/a> <http://e/p> "x" .\n\u200b<http://e/b> <http://e/p> "y" .\n')
    done = run("load", "--no-validate", "zw.ttl", "--store", str(tmp_path / "store"), cwd=tmp_path)
    refused(done, "zw.ttl:2:", "U+200B")
