"""The network view at 10^4 nodes in headless chromium: ties drawn by vis-network or by the page.

For each size, a synthetic ecosystem of that many actors (:mod:`clustergraph.synthetic`) is
built into a store, projected (:func:`clustergraph.network.project`) and written as one standalone
page (:func:`clustergraph.viz.write_html`, force layout precomputed), once, in a fresh process.
The page is then opened from disk in Debian's headless chromium (Playwright, every other host
aborted), side by side in two ways: the ties as vis-network edges (``vis-network``, what the page
did before) and the ties drawn by the page on the canvas (``canvas``, static/js/network-edges.js,
what it does above 4,000 ties). ``first_frame_ms`` is the page's own count from the start of its
script to vis-network's first drawn frame (``data-draw-ms``, median of the repeats, a fresh page
each); ``filter_ms`` is one relation filter change (unchecking, then checking again, the
``project`` box) up to the next painted frame, median of the repeats.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from .common import child_report, dataset, run_child, table

NAME = "viz"
SIZES = {"tiny": [2_000], "small": [10_000], "medium": [10_000, 30_000], "large": [30_000]}
REPEATS = 3
FILTER_REPEATS = 6
CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 600_000
HOWS = {"vis-network": False, "canvas": True}

_FILTER = """async () => {
  const box = document.querySelector('input[name=relation][value=project]');
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await frame();
  const start = performance.now();
  box.click();
  await frame();
  return performance.now() - start;
}"""


def page_file(workdir: Path, actors: int) -> Path:
    """The standalone page of ``actors`` synthetic actors (written once, in a fresh process)."""
    out = workdir / f"viz-{actors}.html"
    if not out.exists():
        done = run_child("benchmarks.bench_viz", ["page", str(dataset(workdir, actors)), str(out)])
        if not done.ok:
            raise RuntimeError(f"writing the page of {actors} actors failed: {done.error}")
    return out


def _child(command: str, source: str, out: str) -> None:
    if command == "page":
        from clustergraph.ingest import build, load_files
        from clustergraph.network import project
        from clustergraph.store import EmbeddedStore
        from clustergraph.viz import network_data, write_html

        start = time.perf_counter()
        store = EmbeddedStore()
        build(store, validate=False)
        load_files(store, [Path(source)], validate=False)
        data = network_data(project(store))
        write_html(Path(out), data, layout="force")
        child_report(seconds=time.perf_counter() - start, **data["counts"])


def _offline(route: Any) -> None:
    url = route.request.url
    route.continue_() if url.startswith(("file:", "data:", "blob:")) else route.abort()


def measure(browser: Any, out: Path, canvas: bool) -> dict[str, Any]:
    """Open the page ``REPEATS`` times with the ties drawn by the page (``canvas``) or by
    vis-network; the medians of the first frame and of a filter change."""
    first, filters, shown = [], [], {}
    for _ in range(REPEATS):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(WAIT_MS)
        page.route("**/*", _offline)
        page.add_init_script(f"window.clustergraphCanvasEdges = {'true' if canvas else 'false'};")
        page.goto(out.as_uri())
        page.wait_for_selector(".viz-status[data-state=drawn]")
        status = page.locator(".viz-status")
        first.append(float(status.get_attribute("data-draw-ms") or "nan"))
        shown = {"ties_drawn": status.get_attribute("data-ties-drawn"),
                 "nodes": int(status.get_attribute("data-visible-nodes") or 0),
                 "ties": int(status.get_attribute("data-visible-edges") or 0)}
        filters += [float(page.evaluate(_FILTER)) for _ in range(FILTER_REPEATS)]
        page.close()
    return {**shown, "first_frame_ms": statistics.median(first), "filter_ms": statistics.median(filters)}


def run(sizes: list[int], workdir: Path) -> dict[str, Any]:
    """Measure each size both ways; one row a size and way, with the ratios before/after."""
    from playwright.sync_api import sync_playwright

    from clustergraph.web.screenshots import CHROMIUM_ARGS

    rows: list[dict[str, Any]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for actors in sizes:
                out = page_file(workdir, actors)
                measured = {how: measure(browser, out, canvas) for how, canvas in HOWS.items()}
                before, after = measured["vis-network"], measured["canvas"]
                for how, row in measured.items():
                    rows.append({"actors": actors, "how": how, **row})
                rows[-1]["first_frame_ratio"] = round(before["first_frame_ms"] / max(after["first_frame_ms"], 1e-3), 2)
                rows[-1]["filter_ratio"] = round(before["filter_ms"] / max(after["filter_ms"], 1e-3), 2)
        finally:
            browser.close()
    return {"rows": rows, "repeats": REPEATS, "filter_repeats": FILTER_REPEATS, "targets": []}


def print_result(result: dict[str, Any]) -> None:
    """Print the table."""
    headers = ["actors", "how", "ties_drawn", "nodes", "ties", "first_frame_ms", "filter_ms",
               "first_frame_ratio", "filter_ratio"]
    print(table(headers, [[r.get(h, "") for h in headers] for r in result["rows"]]))


if __name__ == "__main__" and len(sys.argv) > 1:
    _child(*sys.argv[1:4])
