"""Layout regression of the pages: the boxes of their landmarks, recorded and checked against a reference.

At each width of :data:`clustergraph.web.screenshots.SIZES`, each page of
:data:`clustergraph.web.screenshots.PAGES` is measured in headless chromium: the bounding box
(document coordinates, CSS pixels) of each visible landmark of :data:`LANDMARKS` (the site header,
its navigation, ``main``, headings, forms, tables, the network canvas, the map...), and the width of
the document. ``python -m clustergraph.web.screenshots OUT --write-reference`` writes them into
:data:`REFERENCE`; ``--check-reference`` compares a run with it. A page fails when a landmark moved or
changed size by more than the tolerance (:data:`TOLERANCE` px), appeared or vanished, when the
page scrolls sideways (the document wider than the viewport), or when two landmarks overlap (neither
inside the other).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The reference of the bundled graph, beside the browser tests.
REFERENCE = Path("tests/browser/reference/layout.json")
#: How far (CSS px) an edge of a landmark may move before it is a regression.
TOLERANCE = 4.0
#: At most this many elements of one kind of landmark are recorded (the first in document order).
MAX_EACH = 6
#: Landmark name -> CSS selector.
LANDMARKS: dict[str, str] = {
    "header": "header.site",
    "nav": "header.site nav",
    "site-search": "header.site form.site-search",
    "main": "main",
    "footer": "footer",
    "h1": "main h1",
    "h2": "main h2",
    "form": "main form:not(.site-search)",
    "table": "main table",
    "canvas": "main .viz-canvas",
    "regions-map": "main .regions-map",
    "editor": "main .CodeMirror",
    "views": "main .result-views",
}
#: The command that refreshes the reference (printed with every failure).
REFRESH = "python -m clustergraph.web.screenshots OUT_DIR --write-reference [--store PATH]"

_MEASURE = """([landmarks, most]) => {
  const found = [];
  for (const [name, selector] of Object.entries(landmarks)) {
    let i = 0;
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (i >= most) break;
      found.push([i === 0 ? name : name + '[' + i + ']', el,
                  [r.left + scrollX, r.top + scrollY, r.width, r.height].map(v => Math.round(v * 10) / 10)]);
      i++;
    }
  }
  const overlaps = [];
  for (let a = 0; a < found.length; a++) {
    for (let b = a + 1; b < found.length; b++) {
      const [na, ea, ba] = found[a], [nb, eb, bb] = found[b];
      if (ea.contains(eb) || eb.contains(ea)) continue;
      const w = Math.min(ba[0] + ba[2], bb[0] + bb[2]) - Math.max(ba[0], bb[0]);
      const h = Math.min(ba[1] + ba[3], bb[1] + bb[3]) - Math.max(ba[1], bb[1]);
      if (w > 1 && h > 1) overlaps.push([na, nb]);
    }
  }
  const doc = document.documentElement;
  return {viewport: doc.clientWidth, document: doc.scrollWidth,
          landmarks: Object.fromEntries(found.map(([n, , box]) => [n, box])), overlaps};
}"""


@dataclass(frozen=True)
class Layout:
    """What one page at one width looks like: its landmarks' boxes ``[x, y, width, height]``, the
    pairs of landmarks that overlap, and the widths of the viewport and of the document."""

    landmarks: dict[str, list[float]]
    overlaps: list[tuple[str, str]]
    viewport: float
    document: float

    def to_json(self) -> dict[str, Any]:
        """The reference's record of this layout."""
        return {"viewport": self.viewport, "document": self.document, "landmarks": self.landmarks}


def measure(page: Any) -> Layout:
    """The :class:`Layout` of a drawn Playwright ``page``."""
    got = page.evaluate(_MEASURE, [LANDMARKS, MAX_EACH])
    return Layout({k: list(v) for k, v in got["landmarks"].items()}, [(a, b) for a, b in got["overlaps"]],
                  float(got["viewport"]), float(got["document"]))


def _box(box: list[float]) -> str:
    return "x={:g} y={:g} w={:g} h={:g}".format(*box)


def check(page: str, width: int, layout: Layout, reference: dict[str, Any] | None,
          tolerance: float = TOLERANCE) -> list[str]:
    """What is wrong with ``layout`` of ``page`` at ``width`` against its ``reference`` record
    (``None``: the reference has no record of it); one message a failure, none when it passes.

    Examples
    --------
    >>> ok = Layout({"main": [0, 50, 390, 700]}, [], 390, 390)
    >>> check("home", 390, ok, ok.to_json())
    []
    >>> moved = Layout({"main": [0, 60, 390, 700]}, [], 390, 420)
    >>> for message in check("home", 390, moved, ok.to_json()):
    ...     print(message)
    home at 390 px: scrolls sideways (document 420 px wide, viewport 390 px)
    home at 390 px: main moved: expected x=0 y=50 w=390 h=700, found x=0 y=60 w=390 h=700
    """
    where = f"{page} at {width} px"
    failures = []
    if layout.document > layout.viewport + 0.5:
        failures.append(f"{where}: scrolls sideways (document {layout.document:g} px wide, "
                        f"viewport {layout.viewport:g} px)")
    failures += [f"{where}: {a} and {b} overlap ({_box(layout.landmarks[a])} / {_box(layout.landmarks[b])})"
                 for a, b in layout.overlaps]
    if reference is None:
        return [*failures, f"{where}: not in the reference"]
    expected: dict[str, list[float]] = reference["landmarks"]
    for name, box in expected.items():
        found = layout.landmarks.get(name)
        if found is None:
            failures.append(f"{where}: {name} is missing: expected {_box(box)}, found none")
        elif any(abs(a - b) > tolerance for a, b in zip(box, found, strict=True)):
            failures.append(f"{where}: {name} moved: expected {_box(box)}, found {_box(found)}")
    failures += [f"{where}: {name} is new: expected none, found {_box(box)}"
                 for name, box in layout.landmarks.items() if name not in expected]
    return failures


def load(path: Path = REFERENCE) -> dict[str, dict[str, Any]]:
    """The reference at ``path``: ``{page: {"WIDTHxHEIGHT": record}}``."""
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["pages"]
    return data


def save(layouts: dict[tuple[str, tuple[int, int]], Layout], path: Path = REFERENCE) -> None:
    """Write ``layouts`` (by page name and size) as the reference at ``path``."""
    pages: dict[str, dict[str, Any]] = {}
    for (name, (width, height)), layout in layouts.items():
        pages.setdefault(name, {})[f"{width}x{height}"] = layout.to_json()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"about": "landmark boxes [x, y, width, height] of each page; refresh: " + REFRESH,
                       "pages": pages}, indent=1, sort_keys=True, ensure_ascii=False)
    text = re.sub(r"\[\s+([^\]]*?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text)
    path.write_text(text + "\n", encoding="utf-8")


def check_all(layouts: dict[tuple[str, tuple[int, int]], Layout], reference: dict[str, dict[str, Any]],
              tolerance: float = TOLERANCE) -> list[str]:
    """Every failure of ``layouts`` against ``reference`` (see :func:`check`)."""
    failures: list[str] = []
    for (name, (width, height)), layout in layouts.items():
        failures += check(name, width, layout, reference.get(name, {}).get(f"{width}x{height}"), tolerance)
    return failures
