"""What the built site serves under data/: every data package passes stock `frictionless
validate` as a user would run it on the site's own copy, and each council's offline download is
served and linked, with its size, in both languages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline import formats

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The small datasets' site (tests/conftest.py), as the site serves it."""
    return built_site


def validate(descriptor: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", descriptor.name],
        cwd=descriptor.parent, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def test_every_published_package_passes_stock_frictionless(site: Path) -> None:
    descriptors = sorted((site / "data").glob("*/datapackage.json"))
    assert [d.parent.name for d in descriptors] == [
        "budget", "complaints", "local-governments", "red-flags", "spending",
    ]  # fmt: skip
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        results = dict(zip(descriptors, pool.map(validate, descriptors), strict=True))
    failed = {str(d): r.stdout + r.stderr for d, r in results.items() if r.returncode != 0}
    assert failed == {}


LINK = re.compile(
    r'<a href="([^"]+\.zip)" type="application/zip" download>([^<]+)</a> '
    r'<span class="muted">\(([^)]+)\)</span>'
)


def test_offline_downloads_are_served_and_linked_with_their_size(
    site: Path, site_bundle: dict[str, str]
) -> None:
    made = Path(site_bundle["SHAFAF_BUNDLE"]).parent
    zips = {p.name: p.read_bytes() for p in (made / "offline").glob("*.zip")}
    assert len(zips) == 4
    for lang in ("en", "ur"):
        for page in ("data/index.html", "councils/index.html"):
            path = site / ("ur/" if lang == "ur" else "") / page
            links = LINK.findall(path.read_text(encoding="utf-8"))
            assert len(links) == len(zips), path
            for href, text, size in links:
                served = Path(os.path.normpath(path.parent / href))
                assert served.parent == site / "data/offline"
                assert served.read_bytes() == zips[served.name]
                assert size.endswith(formats.file_size(len(zips[served.name]), lang))
                offline = "offline use" if lang == "en" else "انٹرنیٹ کے بغیر"
                assert offline in text
