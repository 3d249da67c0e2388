"""Screenshots of every page at a desktop and a phone width, by headless chromium, offline.

``python -m clustergraph.web.screenshots OUT_DIR [--store STORE | --url URL]`` starts
``clustergraph serve`` on a free port of 127.0.0.1 (or uses a running server's ``URL``), opens
each page of :data:`PAGES` in Debian's headless chromium through Playwright at each size of
:data:`SIZES`, aborts every request to another host than 127.0.0.1, waits until the page says it is
drawn, and writes ``OUT_DIR/NAME-WIDTHxHEIGHT.png``. ``--write-reference`` also records the
layout of every page (:mod:`clustergraph.web.layout`) as the reference, ``--check-reference`` checks
it against the reference within ``--tolerance`` px.

Playwright drives the browser (a well-kept library for exactly this); it is a test dependency
(``pip install 'clustergraph[test]'``), imported only when a screenshot is taken.
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
#: (width, height) of a desktop screen and of a phone.
SIZES: tuple[tuple[int, int], ...] = ((1400, 900), (390, 844))
WAIT_MS = 120_000
START_SECONDS = 120.0


@dataclass(frozen=True)
class PageSpec:
    """A page to look at: its ``name`` (the file's), its ``path`` and the CSS selector that is
    present once it is drawn (``{source}`` in ``path`` is the first source page the home lists).

    Examples
    --------
    >>> [page.name for page in PAGES][:4]
    ['home', 'question', 'editor', 'entity']
    >>> next(page.path for page in PAGES if page.name == "entity")
    '/id/biopmed'
    """

    name: str
    path: str
    ready: str


#: Every page, with what shows that it is drawn.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "/", "main h1"),
    PageSpec("question", "/questions/alliance-members?alliance=bioxclusters-plus", "body[data-views]"),
    PageSpec("editor", "/query?question=actor-connections", ".CodeMirror"),
    PageSpec("entity", "/id/biopmed", "main h1"),
    PageSpec("source", "{source}", "main h1"),
    PageSpec("network", "/network", ".viz-status[data-state=drawn]"),
    PageSpec("map", "/map", ".viz-status[data-state=drawn]"),
    PageSpec("finder", "/entry-points?from=biocat&market=JP", ".finder-status[data-state=done]"),
    PageSpec("search", "/search?q=bio", "main h1"),
    PageSpec("compare", "/regions/compare?region=Catalonia&region=Bavaria&region=Japan", ".compare-table"),
)


class ScreenshotError(RuntimeError):
    """A page could not be shot (the server did not start, a page did not draw)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url + "/openapi.json", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def serving(store: str | None, log: Path) -> Iterator[str]:
    """Run ``clustergraph serve`` on ``store`` (a folder or a SPARQL server's URL; None: the
    default store) on a free port of 127.0.0.1; its base URL while the block runs."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "clustergraph", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning"]
    if store:
        command += ["--store", store]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ScreenshotError(f"clustergraph serve did not start; its log, {log}:\n"
                                      + log.read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def first_source(base: str) -> str:
    """The path of the first source page the home page links to."""
    import httpx

    answer = httpx.get(base + "/", timeout=60)
    answer.raise_for_status()
    found = re.search(r'href="(/graph/[^"]+)"', answer.text)
    if found is None:
        raise ScreenshotError(f"the home page at {base}/ links to no source page (/graph/...)")
    return found.group(1)


def _offline(route: Any) -> None:
    url = route.request.url
    if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


@contextmanager
def browsing() -> Iterator[Any]:
    """Debian's headless chromium, launched by Playwright, while the block runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def visit(browser: Any, base: str, pages: Sequence[PageSpec] = PAGES,
          sizes: Sequence[tuple[int, int]] = SIZES, *, css: str | None = None
          ) -> Iterator[tuple[PageSpec, tuple[int, int], Any]]:
    """Each of ``pages`` of the server at ``base`` at each of ``sizes``, drawn and offline: yields
    ``(spec, (width, height), page)`` in the order of ``sizes`` then ``pages``; ``css``, when
    given, is added to each page once it is drawn (the layout tests move a landmark with it)."""
    from playwright.sync_api import Error as PlaywrightError

    source = first_source(base)
    for width, height in sizes:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.route("**/*", _offline)
        try:
            for spec in pages:
                page = context.new_page()
                page.set_default_timeout(WAIT_MS)
                path = spec.path.replace("{source}", source)
                try:
                    page.goto(base + path)
                    page.wait_for_selector(spec.ready, state="attached")
                    page.wait_for_load_state("networkidle")
                    if css:
                        page.add_style_tag(content=css)
                except PlaywrightError as err:
                    raise ScreenshotError(f"{base + path} at {width}x{height} did not draw "
                                          f"({spec.ready!r} never appeared): {err.message}") from err
                yield spec, (width, height), page
                page.close()
        finally:
            context.close()


def shot(page: Any, spec: PageSpec, size: tuple[int, int], out: Path) -> Path:
    """Write the screenshot of ``page`` as ``out/NAME-WIDTHxHEIGHT.png``; its path."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{spec.name}-{size[0]}x{size[1]}.png"
    page.screenshot(path=str(target))
    return target


def shoot(base: str, out: Path, pages: Sequence[PageSpec] = PAGES,
          sizes: Sequence[tuple[int, int]] = SIZES) -> list[Path]:
    """Screenshots of ``pages`` of the server at ``base`` at each of ``sizes``, written into ``out``.

    Returns the files written, ``NAME-WIDTHxHEIGHT.png``, in the order of ``sizes`` then ``pages``.
    """
    out.mkdir(parents=True, exist_ok=True)
    with browsing() as browser:
        return [shot(page, spec, size, out) for spec, size, page in visit(browser, base, pages, sizes)]


def _run(base: str, out: Path, write: Path | None, against: Path | None,
         tolerance: float) -> tuple[list[Path], list[str]]:
    """Shoot every page into ``out``; with ``write`` or ``against``, measure their layouts too and
    write them as the reference or check them against it: (the files written, the failures)."""
    from clustergraph.web import layout

    written: list[Path] = []
    layouts: dict[tuple[str, tuple[int, int]], layout.Layout] = {}
    with browsing() as browser:
        for spec, size, page in visit(browser, base):
            written.append(shot(page, spec, size, out))
            if write or against:
                layouts[spec.name, size] = layout.measure(page)
    if write:
        layout.save(layouts, write)
        written.append(write)
    failures = layout.check_all(layouts, layout.load(against), tolerance) if against else []
    return written, failures


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m clustergraph.web.screenshots OUT_DIR [--store S | --url U]
    [--write-reference | --check-reference] [--reference PATH] [--tolerance PX]``."""
    from clustergraph.web.layout import REFERENCE, REFRESH, TOLERANCE

    parser = argparse.ArgumentParser(prog="python -m clustergraph.web.screenshots",
                                     description="Screenshots of every page at a desktop and a phone width.")
    parser.add_argument("out", type=Path, help="folder to write the PNG files into")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", help="store folder or SPARQL server URL to serve (default: the default store)")
    where.add_argument("--url", help="base URL of a running clustergraph serve on 127.0.0.1 (none is started)")
    reference = parser.add_mutually_exclusive_group()
    reference.add_argument("--write-reference", action="store_true",
                           help="record the landmarks' boxes of every page as the layout reference")
    reference.add_argument("--check-reference", action="store_true",
                           help="fail if a landmark moved, a page scrolls sideways or landmarks overlap")
    parser.add_argument("--reference", type=Path, default=REFERENCE, help=f"the layout reference (default {REFERENCE})")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"how far (px) a landmark's edge may move (default {TOLERANCE:g})")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("error: playwright is not installed; pip install 'clustergraph[test]'", file=sys.stderr)
        return 2
    if args.check_reference and not args.reference.exists():
        print(f"error: no layout reference at {args.reference}; make it with: {REFRESH}", file=sys.stderr)
        return 2
    write = args.reference if args.write_reference else None
    against = args.reference if args.check_reference else None
    try:
        if args.url:
            if urlsplit(args.url).hostname != "127.0.0.1":
                print(f"error: --url must be on 127.0.0.1 (pages are shot offline), got {args.url}", file=sys.stderr)
                return 2
            written, failures = _run(args.url.rstrip("/"), args.out, write, against, args.tolerance)
        else:
            with tempfile.TemporaryDirectory() as work, serving(args.store, Path(work) / "serve.log") as base:
                written, failures = _run(base, args.out, write, against, args.tolerance)
    except (ScreenshotError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    if failures:
        advice = f"if the new layout is right, refresh the reference: {REFRESH}"
        print("\n".join(["layout regressions:", *failures, advice]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
