"""A running server and other clustergraph processes on the same store folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.servers import start_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
MARKER = "SELECT ?o WHERE { <https://example.org/test/marker> ?p ?o }"


def ask(url: str, query: str) -> list[dict[str, dict[str, str]]]:
    response = httpx.get(
        url + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]  # type: ignore[no-any-return]


def test_load_works_while_serving_and_a_rebuild_is_picked_up(tmp_path: Path, curated_folder: Path) -> None:
    store = curated_folder
    server = start_server(str(store), tmp_path / "server.log")
    try:
        before = ask(server.url, COUNT)[0]["n"]["value"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
        resource = Path(__file__).parent.parent / "resources" / "user-organisation.ttl"
        done = subprocess.run(
            [sys.executable, "-m", "clustergraph", "load", str(resource), "--store", str(store)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        after = ask(server.url, COUNT)[0]["n"]["value"]
        assert int(after) > int(before), "the server follows the new generation"
        before = after

        # Commands that only read work meanwhile, and see the same content.
        done = subprocess.run(
            [sys.executable, "-m", "clustergraph", "query", "--sparql", COUNT, "-f", "csv", "--store", str(store)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[1] == before

        # Another process swaps in new content (as `clustergraph build` does): a new generation.
        script = (
            "from pyoxigraph import Literal, NamedNode, Quad\n"
            "from clustergraph.store import EmbeddedStore\n"
            f"s = EmbeddedStore({str(store)!r})\n"
            "s.replace_all([Quad(NamedNode('https://example.org/test/marker'),"
            " NamedNode('https://example.org/test/p'), Literal('rebuilt'),"
            " NamedNode('https://example.org/test/g'))])\n"
        )
        subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
        assert ask(server.url, MARKER) == [{"o": {"type": "literal", "value": "rebuilt"}}]
        assert ask(server.url, COUNT)[0]["n"]["value"] == "1"
    finally:
        server.stop()
