"""Full site build time by stage, and page weights per page type (HTML + CSS, gzipped)."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import offline, search

ROOT = Path(__file__).resolve().parent.parent
#: page type -> a glob of its English pages (the Urdu ones are the same under ur/)
PAGE_TYPES = {
    "home": "index.html",
    "news list": "news/index.html",
    "about page": "about/index.html",
    "councils": "councils/index.html",
    "budget": "*/budget/index.html",
    "spending": "*/spending/index.html",
    "complaints": "*/complaints/index.html",
    "departments": "*/departments/index.html",
    "department": "*/departments/*/index.html",
    "wards": "*/wards/index.html",
    "ward": "*/wards/*/index.html",
    "forecasts": "*/forecasts/index.html",
    "red flags": "*/flags/index.html",
    "indicator": "methodology/red-flags/*/index.html",
    "supplier": "suppliers/*/index.html",
    "catalogue": "data/index.html",
    "dataset": "data/*/index.html",
    "track": "*/track/index.html",
    "track range": "*/track/c*/index.html",
    "releases": "releases/index.html",
    "release": "releases/*/index.html",
    "search": "search/index.html",
}
BUDGET_KB = 100  # per page, HTML + CSS + SVG + script, compressed, fonts aside


def _stage(name: str, command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    print(f"  {name:<10} {seconds:7.2f} s")
    return seconds


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def _weight(page: Path, site: Path) -> int:
    """Compressed bytes of the page and what it loads from the site (fonts aside)."""
    html = page.read_bytes()
    total = _gz(html)
    for ref in re.findall(rb'(?:href|src)="([^"]+\.(?:css|svg|js))"', html):
        target = (page.parent / ref.decode()).resolve()
        if target.is_file() and site in target.parents:
            total += _gz(target.read_bytes())
    return total


def run() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "bundle" / "bundle.json"
        output = Path(tmp) / "site"
        print("Full site build of the demo datasets, by stage")
        total = _stage("validate", [python, "-m", "pipeline", "validate", "datasets"])
        total += _stage("analyse", [python, "-m", "pipeline", "analyse", "--out", str(bundle)])
        total += _stage(
            "pelican",
            [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output),
             "--fatal", "errors", "-e", f'SHAFAF_BUNDLE="{bundle}"'],
        )  # fmt: skip
        pages = list(output.rglob("*.html"))
        print(f"  {'total':<10} {total:7.2f} s  ({len(pages):,} pages, "
              f"{len(pages) / total:,.0f} pages/s overall)")  # fmt: skip
        print()
        offline.report(bundle.parent)
        print()
        print(f"Page weight per page type, gzipped, fonts aside (budget {BUDGET_KB} KB)")
        print(f"  {'page type':<12} {'pages':>6} {'median KB':>10} {'max KB':>8}  heaviest")
        for kind, pattern in PAGE_TYPES.items():
            found = sorted(output.glob(pattern)) + sorted((output / "ur").glob(pattern))
            if not kind.startswith(("catalogue", "dataset")):  # data/budget/ is a dataset page
                found = [p for p in found if "data" not in p.relative_to(output).parts]
            if not found:
                continue
            weights = sorted((_weight(p, output), p) for p in found)
            median = weights[len(weights) // 2][0] / 1024
            heaviest, where = weights[-1]
            print(f"  {kind:<12} {len(found):>6} {median:>10.1f} {heaviest / 1024:>8.1f}  "
                  f"{where.relative_to(output)}")  # fmt: skip
        print()
        search.run(output)
