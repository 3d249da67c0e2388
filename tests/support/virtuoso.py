"""A real Virtuoso 7 for the tests, started in a temporary folder on 127.0.0.1, and an
authenticating proxy for servers that have no passwords of their own.

A :class:`VirtuosoServer` writes its own ``virtuoso.ini`` (database files in the folder, HTTP and
SQL ports both free ports on 127.0.0.1), runs ``virtuoso-t +foreground +configfile INI``, waits
until ``/sparql`` answers, sets the ``dba`` password with ``isql-vt``, and stops the process when
done. :meth:`VirtuosoServer.reset` empties it between tests, keeping Virtuoso's own graphs.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from clustergraph.store import RemoteStore
from tests.support.servers import free_port

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = {folder}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 1

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


class VirtuosoServer:
    """A real Virtuoso 7 on 127.0.0.1, in its own folder, with a fresh ``dba`` password.

    Attributes
    ----------
    url : str
        The query endpoint, ``http://127.0.0.1:PORT/sparql`` (no credentials).
    password : str
        The ``dba`` password set at start.
    """

    def __init__(self, folder: Path, *, max_rows: int = 1_000_000) -> None:
        if VIRTUOSO is None or ISQL is None:
            pytest.fail("Virtuoso is missing: apt-get install virtuoso-opensource-7 (see .ci/run)")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vsp").mkdir(exist_ok=True)
        self.folder = folder
        self.http_port, self.sql_port = free_port(), free_port()
        self.max_rows = max_rows
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.user = "dba"
        self.password = secrets.token_urlsafe(12)
        ini = folder / "virtuoso.ini"
        ini.write_text(INI.format(folder=folder, sql_port=self.sql_port, http_port=self.http_port, max_rows=max_rows))
        self._log = open(folder / "stdout.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            self._wait()
            self._isql(f"user_set_password('dba', '{self.password}');")
        except BaseException:
            self.stop()
            raise

    def _wait(self) -> None:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {(self.folder / 'stdout.log').read_text()[-2000:]}")
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("Virtuoso did not answer within 180 s")

    def _isql(self, statement: str, password: str = "dba") -> None:
        assert ISQL is not None
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", password, f"EXEC={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0 or "Error" in done.stdout:
            raise RuntimeError(f"isql failed: {done.stdout[-500:]} {done.stderr[-500:]}")

    def store_url(self) -> str:
        """The query endpoint with the ``dba`` credentials in its user-info."""
        return f"http://{self.user}:{self.password}@127.0.0.1:{self.http_port}/sparql"

    def reset(self) -> None:
        """Drop every graph but Virtuoso's own."""
        store = RemoteStore(self.store_url())
        try:
            store.clear()
        finally:
            store.close()

    def stop(self) -> None:
        """Stop the server (SIGTERM: Virtuoso checkpoints and exits) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class BasicAuthProxy:
    """A reverse proxy on 127.0.0.1 that asks for HTTP Basic credentials, in front of a server.

    The way a SPARQL server without its own authentication (``oxigraph serve``) is put behind a
    password; requests with the right ``Authorization: Basic`` header are passed on unchanged.
    """

    def __init__(self, target: str, user: str, password: str) -> None:
        import base64
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        upstream = target.rstrip("/")
        client = httpx.Client(timeout=120)
        self.seen: list[str] = []
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            upstream_server = "BasicAuthProxy"

            def log_message(self, *args: object) -> None:
                pass

            def version_string(self) -> str:  # the upstream's Server header, as a real proxy keeps it
                return self.upstream_server

            def _forward(self) -> None:
                seen.append(self.headers.get("Authorization", "")[:5])
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization", "content-length")}
                answer = client.request(self.command, upstream + self.path, content=body, headers=headers)
                self.upstream_server = answer.headers.get("server", "")
                self.send_response(answer.status_code)
                for k, v in answer.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding", "server", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self._client = client

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._client.close()
