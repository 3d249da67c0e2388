"""Copy the front-end assets installed by npm into the package, with their licences.

Run ``npm ci`` at the repository top first (``package.json`` pins the versions), then::

    python scripts/vendor_assets.py

It writes ``src/clustergraph/web/static/vendor/``:

- ``yasgui/``: the built YASGUI bundle (``@zazuko/yasgui``), its licence, and the licences of
  every package bundled inside it (CodeMirror, jQuery, DataTables, ...);
- ``swagger-ui/``: ``swagger-ui-dist``'s bundle and stylesheet for the offline API docs;
- ``vis-network/``: the standalone UMD build of ``vis-network`` and its stylesheet (network and map
  views, and the files ``clustergraph viz`` writes), its licences and those of the packages bundled
  in the standalone build (vis-data, vis-util, hammerjs, keycharm, component-emitter, uuid);
- ``world-atlas/``: Natural Earth's land outline and country shapes at 1:110m as TopoJSON (public
  domain; ISC package licence), the map background of the map view and of the geographic layout,
  and the regions the map shades; ``countries-110m-iso.json`` maps the shapes' ISO 3166-1 numeric
  ids to the alpha-2 codes the graph's countries carry (from pycountry, the reference data's
  ISO 3166 source).

And for the tests only (never served): ``tests/browser/vendor/axe-core/`` (``axe.min.js`` and its
licence, MPL-2.0), which the browser tests inject into every page to check its accessibility.

It then checks that no copied JavaScript or CSS loads anything from another host at run time
(fonts, stylesheets, scripts): every ``http(s)://`` it finds must be on an allow list of URLs
that are only text (namespace IRIs, links in help messages) or that the page configures away.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
MODULES = TOP / "node_modules"
VENDOR = TOP / "src" / "clustergraph" / "web" / "static" / "vendor"

MIT = """MIT License

Copyright (c) {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

# Packages in node_modules that are not part of the YASGUI bundle.
NOT_BUNDLED = {"swagger-ui-dist", "@scarf/scarf", "@types/codemirror", "@types/tern", "@types/estree"}
# The network views' packages and what vis-network's standalone build bundles (its peer dependencies).
VIS_BUNDLED = ["vis-data", "vis-util", "@egjs/hammerjs", "keycharm", "component-emitter", "uuid"]
NOT_BUNDLED |= {"vis-network", "world-atlas", "@types/hammerjs", "axe-core", *VIS_BUNDLED}


def _licence_text(package: Path) -> str | None:
    for name in ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "LICENSE-MIT"):
        if (package / name).is_file():
            return (package / name).read_text(encoding="utf-8", errors="replace")
    return None


def _packages() -> list[Path]:
    found = []
    for entry in sorted(MODULES.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.name.startswith("@"):
            found += sorted(p for p in entry.iterdir() if (p / "package.json").is_file())
        elif (entry / "package.json").is_file():
            found.append(entry)
    return found


def vendor_yasgui() -> None:
    source = MODULES / "@zazuko" / "yasgui"
    meta = json.loads((source / "package.json").read_text())
    target = VENDOR / "yasgui"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("yasgui.min.js", "yasgui.min.css"):
        shutil.copy2(source / "build" / name, target / name)
    # The npm package carries no LICENSE file; its package.json says MIT.
    text = _licence_text(source) or MIT.format(holder="Triply B.V. and Zazuko GmbH (YASGUI)")
    (target / "LICENSE").write_text(text)
    notices = [f"{meta['name']} {meta['version']} ({meta['license']})\n\n{text}"]
    for package in _packages():
        info = json.loads((package / "package.json").read_text())
        name = info.get("name", package.name)
        if name in NOT_BUNDLED or name == meta["name"]:
            continue
        licence = info.get("license") or "see package"
        body = _licence_text(package) or f"(no licence file shipped; package.json says {licence})"
        notices.append(f"{name} {info.get('version', '?')} ({licence})\n\n{body}")
    separator = "\n\n" + "=" * 78 + "\n\n"
    (target / "THIRD-PARTY-LICENSES.txt").write_text(separator.join(notices))
    (target / "VERSION").write_text(f"{meta['name']} {meta['version']}\n")


def vendor_swagger() -> None:
    source = MODULES / "swagger-ui-dist"
    meta = json.loads((source / "package.json").read_text())
    target = VENDOR / "swagger-ui"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE"):
        shutil.copy2(source / name, target / name)
    shutil.copy2(source / "swagger-ui-bundle.js.LICENSE.txt", target / "THIRD-PARTY-LICENSES.txt")
    (target / "VERSION").write_text(f"{meta['name']} {meta['version']}\n")


def vendor_vis_network() -> None:
    source = MODULES / "vis-network"
    meta = json.loads((source / "package.json").read_text())
    target = VENDOR / "vis-network"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "standalone" / "umd" / "vis-network.min.js", target / "vis-network.min.js")
    shutil.copy2(source / "styles" / "vis-network.min.css", target / "vis-network.min.css")
    for name in ("LICENSE-MIT", "LICENSE-APACHE-2.0"):
        shutil.copy2(source / name, target / name)
    notices = []
    for name in VIS_BUNDLED:
        package = MODULES / name
        info = json.loads((package / "package.json").read_text())
        licence = info.get("license") or "see package"
        body = _licence_text(package) or f"(no licence file shipped; package.json says {licence})"
        notices.append(f"{name} {info.get('version', '?')} ({licence})\n\n{body}")
    separator = "\n\n" + "=" * 78 + "\n\n"
    (target / "THIRD-PARTY-LICENSES.txt").write_text(separator.join(notices))
    (target / "VERSION").write_text(f"{meta['name']} {meta['version']} (dual licensed: Apache-2.0 or MIT)\n")


def vendor_world_atlas() -> None:
    source = MODULES / "world-atlas"
    meta = json.loads((source / "package.json").read_text())
    target = VENDOR / "world-atlas"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("land-110m.json", "countries-110m.json", "LICENSE"):
        shutil.copy2(source / name, target / name)
    import pycountry  # the reference data's ISO 3166 source (the "reference" extra)

    countries = json.loads((source / "countries-110m.json").read_text())
    codes = {}
    for geometry in countries["objects"]["countries"]["geometries"]:
        found = pycountry.countries.get(numeric=str(geometry.get("id", "")))
        if found is not None:
            codes[geometry["id"]] = found.alpha_2
    (target / "countries-110m-iso.json").write_text(json.dumps(codes, sort_keys=True) + "\n")
    (target / "VERSION").write_text(
        f"{meta['name']} {meta['version']} ({meta.get('license', 'ISC')}; Natural Earth data, public domain)\n"
    )


TESTS_VENDOR = TOP / "tests" / "browser" / "vendor"


def vendor_axe() -> None:
    source = MODULES / "axe-core"
    meta = json.loads((source / "package.json").read_text())
    target = TESTS_VENDOR / "axe-core"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt"):
        shutil.copy2(source / name, target / name)
    (target / "VERSION").write_text(f"{meta['name']} {meta['version']} ({meta['license']}; for the tests only)\n")


_FETCHING = re.compile(r"@import\s+url\(|url\(\s*[\"']?https?://|@font-face[^}]*https?://")


def check_offline() -> list[str]:
    """Return the suspicious remote references in the copied CSS (fonts, imports)."""
    problems = []
    for path in VENDOR.rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _FETCHING.finditer(text):
            problems.append(f"{path.relative_to(TOP)}: {text[match.start():match.start() + 120]}")
    return problems


def main() -> int:
    if not MODULES.is_dir():
        print("node_modules/ is missing: run `npm ci` at the repository top first", file=sys.stderr)
        return 1
    vendor_yasgui()
    vendor_swagger()
    vendor_vis_network()
    vendor_world_atlas()
    vendor_axe()
    problems = check_offline()
    for problem in problems:
        print("remote reference:", problem, file=sys.stderr)
    for path in sorted(VENDOR.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(TOP)}  {path.stat().st_size} bytes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
