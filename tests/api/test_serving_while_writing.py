"""A server answers without a single failure while `load`, `validate`, `build` and an update run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from clustergraph.store import EmbeddedStore
from tests.support.servers import clustergraph_command, start_server

RESOURCES = Path(__file__).parent.parent / "resources"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
MARKER = "ASK { <https://example.org/test/marker> ?p ?o }"
TOKEN = "s3cret-token"


class QueryLoop(threading.Thread):
    """Asks the server the same two questions without pause, counting answers and failures."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.answers = 0
        self.failures: list[str] = []
        self.count = -1
        self.marker = False
        self.stopping = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as http:
            while not self.stopping.is_set():
                try:
                    r = http.get(
                        "/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"}
                    )
                    if r.status_code != 200:
                        self.failures.append(f"{r.status_code}: {r.text[:200]}")
                        continue
                    self.count = int(r.json()["results"]["bindings"][0]["n"]["value"])
                    r = http.get(
                        "/sparql", params={"query": MARKER}, headers={"Accept": "application/sparql-results+json"}
                    )
                    if r.status_code != 200:
                        self.failures.append(f"{r.status_code}: {r.text[:200]}")
                        continue
                    self.marker = r.json()["boolean"]
                    self.answers += 2
                except httpx.HTTPError as err:
                    self.failures.append(repr(err))

    def wait_for(self, what: str, check: object, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if callable(check) and check():
                return
            time.sleep(0.05)
        raise AssertionError(f"the server did not show {what} within {seconds} s")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
    return subprocess.run([*clustergraph_command(), *args], capture_output=True, text=True, env=env, timeout=600)


def test_load_validate_build_and_an_update_while_queries_run(tmp_path: Path, curated_folder: Path) -> None:
    store = curated_folder
    env = {"CLUSTERGRAPH_UPDATES_ENABLED": "true", "CLUSTERGRAPH_UPDATE_TOKEN": TOKEN}
    server = start_server(str(store), tmp_path / "server.log", env)
    loop = QueryLoop(server.url)
    loop.start()
    try:
        loop.wait_for("a first answer", lambda: loop.count > 0)
        built = loop.count

        done = cli("load", str(RESOURCES / "user-organisation.ttl"), "--store", str(store))
        assert done.returncode == 0, done.stderr
        loop.wait_for("the loaded file", lambda: loop.count > built)

        done = cli("validate", str(RESOURCES / "user-organisation.ttl"), "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert "valid" in done.stderr

        done = cli("build", "--no-validate", "--store", str(store))
        assert done.returncode == 0, done.stderr
        loop.wait_for("the rebuilt graph (without the loaded file)", lambda: loop.count == built)

        update = "INSERT DATA { GRAPH <https://example.org/test/g> { <https://example.org/test/marker> <https://example.org/test/p> 1 } }"
        r = httpx.post(
            server.url + "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
        )
        assert r.status_code == 204, r.text
        loop.wait_for("the update", lambda: loop.marker)
        before = loop.answers
        loop.wait_for("more answers after the update", lambda: loop.answers > before + 10)
    finally:
        loop.stopping.set()
        loop.join(timeout=30)
        server.stop()
    assert loop.failures == [], loop.failures[:5]
    assert loop.answers > 50
    EmbeddedStore(store, read_only=True).close()  # the next start tidies what the last readers held
    gens = [p.name for p in store.iterdir() if p.is_dir()]
    assert gens == [(store / "clustergraph-active").read_text().strip()], "no generation left behind"


def test_a_second_writer_gets_a_clear_message_after_the_wait(tmp_path: Path, curated_folder: Path) -> None:
    store = curated_folder
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from clustergraph.store.generations import Generations\n"
            f"with Generations(Path({str(store)!r})).writing(wait=1, what='clustergraph build'):\n"
            "    print('ready', flush=True); time.sleep(20)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERGRAPH_")}
        env["CLUSTERGRAPH_WRITE_WAIT"] = "1"
        done = subprocess.run(
            [
                *clustergraph_command(),
                "load",
                "--no-validate",
                str(RESOURCES / "user-organisation.ttl"),
                "--store",
                str(store),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 1
        assert "being changed by process" in done.stderr and "clustergraph build" in done.stderr
        assert "CLUSTERGRAPH_WRITE_WAIT" in done.stderr and "Traceback" not in done.stderr
    finally:
        holder.kill()
        holder.wait()
