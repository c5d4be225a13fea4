"""The site's search: what the build indexes, in each language, and how a failed indexing stops it.

Real Pelican and the real Pagefind binary throughout; the browser tests (typing a name, following
the result) are in tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from shafaf_search import indexer  # a Pelican plugin, loaded from plugins/

#: English path patterns of the pages worth finding, and the kind each result says it is.
INDEXED = {
    r"(about|methodology|publishing-guide)/": "Page",
    r"news/[^/]+/": "News",
    r"methodology/red-flags/[^/]+/": "Page",
    r"[a-z]+-[a-z]+/(budget|spending|complaints|departments|wards|forecasts|flags|report|track)/": (
        "Council"
    ),
    r"[a-z]+-[a-z]+/departments/[^/]+/": "Department",
    r"[a-z]+-[a-z]+/wards/[^/]+/": "Ward",
    r"suppliers/[^/]+/": "Supplier",  # its first page only: page-2/… hold only more payments
    r"data/[^/]+/": "Dataset",
}
URDU_KINDS = {
    "Page": "صفحہ",
    "News": "خبریں",
    "Council": "کونسل",
    "Department": "محکمہ",
    "Ward": "وارڈ",
    "Supplier": "سپلائر",
    "Dataset": "ڈیٹا سیٹ",
}
SEARCH_PAGES = {"search/index.html", "ur/search/index.html"}
#: Each council's "Track a complaint" page runs its own small script (theme/static/js/track.js).
TRACK_PAGE = re.compile(r"^(ur/)?[a-z]+-[a-z]+/track/index\.html$")


class _Page(HTMLParser):
    """The attributes of a page's <main> (where search marks), its <script>s and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.main: dict[str, str] = {}
        self.scripts: list[dict[str, str]] = []
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "main":
            self.main = values
        elif tag == "script":
            self.scripts.append(values)
        elif tag == "a" and "href" in values:
            self.links.add(values["href"])


def read(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def expected_kind(relative: str) -> str | None:
    """The kind a page at `relative` (e.g. "ur/suppliers/sup-00001/index.html") is indexed as."""
    path = relative.removeprefix("ur/").removesuffix("index.html")
    kind = next((kind for pattern, kind in INDEXED.items() if re.fullmatch(pattern, path)), None)
    if kind and relative.startswith("ur/"):
        return URDU_KINDS[kind]
    return kind


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, _Page]:
    """Every page the build wrote, by its path in the site, read once."""
    return {
        page.relative_to(site).as_posix(): read(page)
        for page in sorted(site.rglob("*.html"))
        if "pagefind" not in page.parts
    }


def test_the_build_makes_a_search_index_for_each_language(
    site: Path, pages: dict[str, _Page]
) -> None:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert set(indexed) == {"en", "ur"}
    marked = {"en": 0, "ur": 0}
    for relative, page in pages.items():
        if "data-pagefind-body" in page.main:
            marked["ur" if relative.startswith("ur/") else "en"] += 1
    assert indexed == marked, "every page marked for search is indexed, in its own language"
    assert indexed["en"] == indexed["ur"] > 0, "the same pages are findable in both languages"
    assert (site / "pagefind/pagefind.js").is_file()
    assert not [name for name in indexer.UNUSED if (site / "pagefind" / name).exists()]


def test_pages_worth_finding_are_indexed_with_their_kind(
    site: Path, pages: dict[str, _Page]
) -> None:
    wrong = []
    for relative, page in pages.items():
        main = page.main
        kind = expected_kind(relative)
        if kind is None:
            if "data-pagefind-body" in main:
                wrong.append(f"{relative}: indexed, but it is not a page worth finding")
        elif "data-pagefind-body" not in main:
            wrong.append(f"{relative}: not indexed")
        elif main.get("data-pagefind-meta") != f"kind:{kind}":
            wrong.append(f"{relative}: kind {main.get('data-pagefind-meta')!r}, not {kind!r}")
    assert wrong == []
    assert (site / "suppliers").is_dir() and list(site.glob("suppliers/*/page-2/index.html")), (
        "the small datasets have a supplier with a second page (not indexed), for this test"
    )


def test_every_page_links_to_the_search_page_in_its_language(pages: dict[str, _Page]) -> None:
    for relative, page in pages.items():
        depth = relative.count("/")
        target = "ur/search/" if relative.startswith("ur/") else "search/"
        href = "/".join([".."] * depth + [target]) if depth else "./" + target
        assert href in page.links, f"{relative}: no link to {href}"


def test_only_the_search_and_track_pages_have_a_script(pages: dict[str, _Page]) -> None:
    """Structured data (application/ld+json) is not a script: the browser runs nothing."""
    for relative, page in pages.items():
        scripts = [s for s in page.scripts if s.get("type") != "application/ld+json"]
        if relative in SEARCH_PAGES:
            assert scripts == [{"type": "module", "src": scripts[0]["src"]}], relative
            assert scripts[0]["src"].endswith("/theme/js/search.js")
        elif TRACK_PAGE.match(relative):
            assert [s["src"].rsplit("/", 1)[-1] for s in scripts] == ["track.js"], relative
        else:
            assert scripts == [], f"{relative} has a script"


def test_the_search_page_works_in_each_language_and_lists_the_ways_in(site: Path) -> None:
    english = (site / "search/index.html").read_text(encoding="utf-8")
    urdu = (site / "ur/search/index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in english and '<html lang="ur" dir="rtl">' in urdu
    assert "Searching needs JavaScript" in english and "جاوا اسکرپٹ" in urdu
    for text, prefix in ((english, ""), (urdu, "ur/")):
        assert 'id="search-form" class="search-form" role="search" hidden' in text
        for path in ("councils/", "data/", "spending/", "wards/"):
            assert re.search(rf'href="[./]*/{prefix}([a-z-]+/)?{path}"', text), path


# --- Failures -----------------------------------------------------------------------------------


def english_only_site(root: Path) -> Path:
    page = root / "site/page/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>A</title></head>'
        "<body><main data-pagefind-body><h1>Sabzabad</h1><p>Budget</p></main></body></html>",
        encoding="utf-8",
    )
    return root / "site"


def test_a_language_left_without_pages_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(indexer.SearchIndexError) as failure:
        indexer.build(english_only_site(tmp_path), ["en", "ur"])
    message = str(failure.value)
    assert message.startswith("The search index has no pages in ur (it has en: 1).")
    assert "data-pagefind-body" in message


def test_a_site_without_pages_is_an_error_with_pagefinds_reason(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(indexer.SearchIndexError) as failure:
        indexer.build(tmp_path / "empty", ["en"])
    message = str(failure.value)
    assert message.startswith("Pagefind stopped with exit status 1:")
    assert "did not contain any html files" in message


def test_a_missing_pagefind_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "bin/pagefind"
    with pytest.raises(indexer.SearchIndexError) as failure:
        indexer.build(english_only_site(tmp_path), ["en"], binary=missing)
    assert str(failure.value) == (
        f"Pagefind could not be started ({missing}): No such file or directory."
    )


def test_indexing_twice_leaves_only_the_new_index(tmp_path: Path) -> None:
    site = english_only_site(tmp_path)
    stale = site / "pagefind/fragment/en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an earlier build")
    made = indexer.build(site, ["en"])
    assert made.pages == {"en": 1}
    assert not stale.exists()
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    assert made.files == len(files) and made.size == sum(p.stat().st_size for p in files)


def test_pagefinds_reason_is_kept_and_its_backtrace_dropped() -> None:
    output = (
        "\nthread '<unnamed>' (4935) panicked at pagefind/src/fossick/parser.rs:493:39:\n"
        "called `Result::unwrap()` on an `Err` value: DanglingCombinator\n"
        "stack backtrace:\nnote: Some details are omitted, run with `RUST_BACKTRACE=full`\n"
        "called `Result::unwrap()` on an `Err` value: DanglingCombinator\n"
    )
    assert indexer.reason(output) == (
        "called `Result::unwrap()` on an `Err` value: DanglingCombinator"
    )
    assert indexer.reason("") == "it gave no reason."


def test_a_failed_indexing_stops_make_html_with_a_plain_message(
    site_bundle: dict[str, str], tmp_path: Path
) -> None:
    """Pagefind really fails (on a selector it cannot parse); the last good site is kept."""
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("the site as last published", encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"OUTPUT={output}",
         f"BUNDLE={site_bundle['SHAFAF_BUNDLE']}", f"DATASETS={site_bundle['SHAFAF_DATASETS']}",
         """PELICAN_SETTINGS='SEARCH_EXCLUDE_SELECTORS=["main >"]'"""],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "The search index could not be made. Pagefind stopped with exit status" in said
    assert "Traceback" not in said and "stack backtrace" not in said
    assert (output / "index.html").read_text(encoding="utf-8") == "the site as last published"
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert not Path(f"{output}.partial").exists()
