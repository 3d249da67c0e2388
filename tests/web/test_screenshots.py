"""``python -m clustergraph.web.screenshots`` shoots every page at both sizes, offline, as PNGs."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from clustergraph.web.screenshots import PAGES, SIZES
from tests.support.servers import clean_environment

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (fails if the file is not a PNG)."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG and head[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_page_at_both_sizes_from_a_store(curated_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "clustergraph.web.screenshots", str(out), "--store", str(curated_folder)],
        capture_output=True, text=True, timeout=900, env=clean_environment(),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    expected = {f"{p.name}-{w}x{h}.png" for p in PAGES for w, h in SIZES}
    assert {p.name for p in out.iterdir()} == expected
    assert len(expected) == 20
    for path in out.iterdir():
        assert png_size(path) == tuple(int(x) for x in path.stem.rsplit("-", 1)[1].split("x"))
        assert path.stat().st_size > 5_000, f"{path.name} is nearly empty"
    assert sorted(done.stdout.split()) == sorted(str(out / name) for name in expected)


def test_a_url_elsewhere_is_refused_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clustergraph.web.screenshots", str(tmp_path), "--url", "http://example.org"],
        capture_output=True, text=True, timeout=120, env=clean_environment(),
    )
    assert done.returncode == 2
    assert "must be on 127.0.0.1" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_checking_without_a_reference_says_how_to_make_one(tmp_path: Path) -> None:
    missing = tmp_path / "layout.json"
    done = subprocess.run(
        [sys.executable, "-m", "clustergraph.web.screenshots", str(tmp_path / "shots"), "--check-reference",
         "--reference", str(missing)],
        capture_output=True, text=True, timeout=120, env=clean_environment(),
    )
    assert done.returncode == 2
    assert f"no layout reference at {missing}" in done.stderr and "--write-reference" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "shots").exists()
