"""Search: how long Pagefind takes to index the built demo site, the index's size, and what a
first search downloads (Pagefind's script and WebAssembly, the index chunks of the words typed,
the shown results' fragments), gzipped."""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

from pelican.settings import read_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from shafaf_search import indexer  # a Pelican plugin, loaded from plugins/

ROOT = Path(__file__).resolve().parent.parent


def _kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def _gz(path: Path) -> int:
    """Bytes sent for `path`: Pagefind's index files are compressed already, the rest is not."""
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 9)))


def _spread(paths: list[Path]) -> str:
    sizes = [path.stat().st_size for path in paths]  # compressed already
    if not sizes:
        return "none"
    return f"median {_kb(statistics.median(sizes))}, max {_kb(max(sizes))} ({len(sizes):,} files)"


def run(site: Path) -> None:
    """Index the site `site` again (as its build did) and print the figures; never fails."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    print(f"Search index of the demo site (Pagefind {metadata.version('pagefind_bin_extended')})")
    start = time.perf_counter()
    try:
        made = indexer.build(
            site, settings["SITE_LANGUAGES"], settings.get("SEARCH_EXCLUDE_SELECTORS", ())
        )
    except indexer.SearchIndexError as error:
        print(f"  could not index: {error}")
        return
    seconds = time.perf_counter() - start
    pages = ", ".join(f"{count:,} in {lang}" for lang, count in sorted(made.pages.items()))
    print(f"  indexing   {seconds:7.2f} s  ({pages})")
    print(f"  index      {made.size / 2**20:7.2f} MB  ({made.files:,} files)")
    bundle = site / indexer.BUNDLE
    theme = site / "theme"
    print("  a first search downloads, gzipped:")
    print(f"    search page's own script and style   {_kb(_gz(theme / 'js/search.js'))}, "
          f"{_kb(_gz(theme / 'css/search.css'))}")  # fmt: skip
    print(f"    pagefind.js                          {_kb(_gz(bundle / 'pagefind.js'))}")
    for wasm in sorted(bundle.glob("wasm.*.pagefind")):
        print(f"    {wasm.name:<36} {_kb(_gz(wasm))}")
    for meta in sorted(bundle.glob("pagefind.*.pf_meta")):
        print(f"    {meta.name:<36} {_kb(_gz(meta))}")
    print(f"    one index chunk per word typed       {_spread(list(bundle.glob('index/*')))}")
    print(f"    one fragment per result shown        {_spread(list(bundle.glob('fragment/*')))}")
