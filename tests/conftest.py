"""Fixtures every test can use: pytest finds them by name, there is nothing to import.

The curated graph is built once per session, with its SHACL check, exactly as
``clustergraph build`` builds it; every store a test gets is a copy made from those quads (a
fraction of a second). Tests of the build itself call ``build`` on their own.

The curated graph
    ``curated_data`` (session)
        :class:`tests.support.curated.Curated`: ``.quads``, ``.nquads``, ``.count``, ``.report``;
        ``.fill(store)`` puts the graph into any store, ``.memory()`` makes an in-memory copy,
        ``.folder(path)`` an on-disk store folder at a new ``path`` (a copy of one written
        once); use these from fixtures of any scope.
    ``curated`` (module)
        An in-memory :class:`~clustergraph.store.EmbeddedStore` holding it, shared by the tests
        of one module: read it, do not change it. Each distinct query runs once per module
        (:class:`tests.support.stores.AskOnceEmbedded`).
    ``curated_copy``
        A fresh in-memory copy for one test to change.
    ``curated_folder``
        A fresh on-disk store folder (a :class:`~pathlib.Path`) holding it, closed, as
        ``clustergraph build`` leaves it: for the CLI and for servers.

Stores
    ``store``
        An empty store of each kind (three parameters): embedded on disk, and remote on a real
        ``oxigraph serve`` and on a real Virtuoso 7 (the remote ones marked ``remote``).
    ``curated_store``
        The same three stores, holding the curated graph for one test (embedded: a folder
        copy; oxigraph: a fresh server holding it in memory; Virtuoso: the session's, refilled).
    ``curated_everywhere`` (module)
        The curated graph on each kind of store, read only: in memory, and on session servers
        (``curated_oxigraph``, ``curated_virtuoso``) built once. The analytics test folders
        (network/, entrypoints/, gaps/) take it as their ``curated``. The remote ones ask each
        distinct query once per session (:class:`tests.support.stores.AskOnce`).
    ``oxigraph_server``
        A fresh, empty ``oxigraph serve`` (:class:`tests.support.servers.OxigraphServer`, ``.url``).
    ``virtuoso_server`` (session)
        One Virtuoso 7 (:class:`tests.support.virtuoso.VirtuosoServer`); call ``.reset()`` first.

Servers
    ``served`` (session)
        A read-only ``clustergraph serve`` on the curated graph (a row cap of 5 in HTML
        results; the default query limit of 30 s, so that no test depends on the machine's
        speed). Do not change its store; start your own server for that.
    ``client``
        An :class:`httpx.Client` whose ``base_url`` is ``served``.
    ``start_clustergraph``
        A factory, ``start_clustergraph(store, env={...}, args=[...])`` returning a running
        :class:`tests.support.servers.Server`; every server it started is stopped after the
        test. From a module or session fixture use :func:`tests.support.servers.start_server`.

Browser
    ``browser`` (session)
        Debian's headless chromium driven by Playwright.
    ``offline_page``
        A fresh :class:`tests.support.browser.OfflinePage` (requests to other hosts recorded
        and aborted), closed afterwards.

Helpers to import: ``tests.support.stores`` (``quads_of``: what a store holds, ``AskOnce``),
``tests.support.http`` (``expect``, ``json_of``: status checked before the
body is read), ``tests.support.servers`` (``start_server``, ``free_port``,
``clustergraph_command``, ``clean_environment``), ``tests.support.browser`` (``OfflinePage``,
``synthetic_network``).

Markers (``pyproject.toml``): ``slow`` (seconds or more; part of the default run, leave them out
with ``-m "not slow"`` while you work), ``remote`` (starts ``oxigraph serve``), ``browser``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from clustergraph.store import EmbeddedStore, RemoteStore, Store
from tests.support.browser import OfflinePage
from tests.support.curated import Curated, build_curated
from tests.support.servers import OxigraphServer, Server, start_server
from tests.support.stores import AskOnce, AskOnceEmbedded
from tests.support.virtuoso import VirtuosoServer

RESOURCES = Path(__file__).parent / "resources"
REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


# --- the curated graph ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def curated_data(tmp_path_factory: pytest.TempPathFactory) -> Curated:
    """The bundled graph, built and validated once per session."""
    return build_curated(tmp_path_factory.mktemp("curated"))


@pytest.fixture(scope="module")
def curated(curated_data: Curated) -> Iterator[EmbeddedStore]:
    """The curated graph in memory, shared by one module's tests (read only; each distinct query
    runs once, see :class:`tests.support.stores.AskOnceEmbedded`)."""
    store = curated_data.memory(AskOnceEmbedded())
    yield store
    store.close()


@pytest.fixture
def curated_copy(curated_data: Curated) -> Iterator[EmbeddedStore]:
    """A fresh in-memory copy of the curated graph for one test."""
    store = curated_data.memory()
    yield store
    store.close()


@pytest.fixture
def curated_folder(curated_data: Curated, tmp_path: Path) -> Path:
    """A fresh on-disk store folder holding the curated graph."""
    return curated_data.folder(tmp_path / "store")


# --- stores ---------------------------------------------------------------------------------


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty ``oxigraph serve`` for one test; stopped afterwards."""
    server = OxigraphServer(tmp_path / "oxigraph")
    yield server
    server.stop()


#: The kinds of store every contract and analytics test runs on.
BACKENDS = [
    "embedded",
    pytest.param("oxigraph", marks=pytest.mark.remote),
    pytest.param("virtuoso", marks=pytest.mark.remote),
]


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso for the session; tests that use it start from :meth:`VirtuosoServer.reset`.

    Its answers are cut at 20,000 rows (``ResultSetMaxRows``), so a test can reach the limit.
    """
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), max_rows=20_000)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def curated_virtuoso(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[VirtuosoServer]:
    """A Virtuoso holding the curated graph (filled once); tests must not change it."""
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso-curated"))
    store = RemoteStore(server.store_url())
    try:
        curated_data.fill(store)
    finally:
        store.close()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def curated_oxigraph(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[OxigraphServer]:
    """An ``oxigraph serve`` holding the curated graph (filled once); tests must not change it.

    In memory: ``oxigraph serve`` answers the projection's queries several times faster from
    memory than from its RocksDB folder (the answers are the same).
    """
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-curated") / "db", in_memory=True)
    store = RemoteStore(server.url)
    try:
        curated_data.fill(store)
    finally:
        store.close()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind: embedded on disk, a real ``oxigraph serve``, a real Virtuoso."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(tmp_path / "store")
        yield s
        s.close()
    elif request.param == "oxigraph":
        server = OxigraphServer(tmp_path / "oxigraph")
        s = RemoteStore(server.url)
        try:
            yield s
        finally:
            s.close()
            server.stop()
    else:
        virtuoso: VirtuosoServer = request.getfixturevalue("virtuoso_server")
        virtuoso.reset()
        s = RemoteStore(virtuoso.store_url())
        try:
            yield s
        finally:
            s.close()


@pytest.fixture(params=BACKENDS)
def curated_store(request: pytest.FixtureRequest, tmp_path: Path, curated_data: Curated) -> Iterator[Store]:
    """The curated graph in each kind of store, for one test to change."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(curated_data.folder(tmp_path / "store"))
        yield s
        s.close()
    elif request.param == "oxigraph":
        server = OxigraphServer(tmp_path / "oxigraph", in_memory=True)
        s = RemoteStore(server.url)
        try:
            yield curated_data.fill(s)
        finally:
            s.close()
            server.stop()
    else:
        virtuoso: VirtuosoServer = request.getfixturevalue("virtuoso_server")
        virtuoso.reset()
        s = RemoteStore(virtuoso.store_url())
        try:
            yield curated_data.fill(s)
        finally:
            s.close()


@pytest.fixture(scope="module", params=BACKENDS)
def curated_everywhere(request: pytest.FixtureRequest, curated_data: Curated) -> Iterator[Store]:
    """The curated graph on each kind of store (read only), for the analytics tests.

    The remote ones send each distinct query to their server once (:class:`AskOnce`): the
    analytics project the same graph in almost every test.
    """
    if request.param == "embedded":
        s: Store = curated_data.memory(AskOnceEmbedded())
    elif request.param == "oxigraph":
        s = AskOnce(request.getfixturevalue("curated_oxigraph").url)
    else:
        s = AskOnce(request.getfixturevalue("curated_virtuoso").store_url())
    yield s
    s.close()


# --- clustergraph servers -------------------------------------------------------------------


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, curated_data: Curated) -> Iterator[Server]:
    """A read-only ``clustergraph serve`` on the curated graph, for the whole session."""
    folder = tmp_path_factory.mktemp("served")
    server = start_server(curated_data.folder(folder / "store"), folder / "server.log",
                          {"CLUSTERGRAPH_HTML_ROW_CAP": "5"})
    yield server
    server.stop()


@pytest.fixture
def client(served: Server) -> Iterator[httpx.Client]:
    """An HTTP client for the read-only server."""
    with httpx.Client(base_url=served.url, timeout=60) as http:
        yield http


@pytest.fixture
def start_clustergraph(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start ``clustergraph serve`` on a store (folder or URL); all are stopped after the test."""
    started: list[Server] = []

    def start(store: str | Path | None, env: dict[str, str] | None = None, *, args: list[str] | None = None) -> Server:
        server = start_server(store, tmp_path / f"server-{len(started)}.log", env, args=args)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless chromium for the session."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[OfflinePage]:
    """A fresh offline page (closed afterwards)."""
    page = OfflinePage(browser)
    yield page
    page.close()
