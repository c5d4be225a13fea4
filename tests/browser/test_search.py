"""Search in real Chromium: type a name, follow the result, land on its page, in both languages.

The site under test is the small datasets' site (`built_site`), indexed by the real Pagefind
during its build; nothing leaves 127.0.0.1 (`Tab` records any request that tries).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import PHONE, Tab, serve
from .test_pages import AXE, WCAG_TAGS, describe
from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from shafaf_search import indexer  # a Pelican plugin, loaded from plugins/

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ur": "ur/"}
PAGE_BUDGET_KB = 100  # a page with its CSS and script, compressed (bench/site.py BUDGET_KB)
#: The first search, compressed: Pagefind's script and WebAssembly (about 85 KB), the language's
#: metadata, the index chunks of the words typed and the shown results' fragments.
SEARCH_BUDGET_KB = 160
NO_MATCH = {
    "en": "Nothing on this site matches “{query}”. Check the spelling, try fewer words, or use "
    "the lists below.",
    "ur": "اس ویب سائٹ پر “{query}” سے ملتا کچھ نہیں ملا۔ ہجے دیکھ لیں، کم الفاظ آزمائیں، یا نیچے "
    "دی گئی فہرستیں استعمال کریں۔",
}


@pytest.fixture(scope="module")
def data(site_bundle: dict[str, str]) -> dict[str, Any]:
    """The site bundle the site was built from: the suppliers' and wards' names."""
    return json.loads(Path(site_bundle["SHAFAF_BUNDLE"]).read_text(encoding="utf-8"))


def only_one(entries: list[dict[str, Any]], field: str) -> dict[str, Any]:
    """The first entry whose `field` no other entry shares, so one result is the right one."""
    counts = Counter(entry[field] for entry in entries)
    return next(entry for entry in entries if counts[entry[field]] == 1 and entry[field])


def search(tab: Tab, lang: str, query: str) -> Any:
    """Open the search page in `lang`, type `query` as a person would, and wait for the answer."""
    page = tab.goto(PREFIX[lang] + "search/")
    field = page.get_by_role("searchbox")
    field.click()
    field.press_sequentially(query)
    field.press("Enter")
    page.wait_for_function(
        "query => document.getElementById('search-status').textContent.includes(query)", arg=query
    )
    return page


def result(page: Any, name: str) -> Any:
    """The link of the result titled `name` (a ward's title goes on with its council's name)."""
    title = re.compile(rf"^{re.escape(name)}(,.*)?$")
    return page.locator("#search-results").get_by_role("link", name=title)


def follow(page: Any, name: str) -> None:
    """Click the result titled `name` and wait for its page."""
    result(page, name).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(name)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_supplier_is_found_by_name_and_its_page_opens(
    new_tab: Callable[..., Tab], site_url: str, data: dict[str, Any], lang: str
) -> None:
    supplier = only_one(list(data["suppliers"].values()), f"name_{lang}")
    name = supplier[f"name_{lang}"]
    tab = new_tab(site_url)
    page = search(tab, lang, name)
    follow(page, name)
    assert tab.path == f"{PREFIX[lang]}suppliers/{supplier['id'].lower()}/"
    assert page.evaluate("document.documentElement.lang") == lang
    assert tab.problems == []


def test_a_ward_is_found_by_its_urdu_name_and_a_search_can_be_shared(
    new_tab: Callable[..., Tab], site_url: str, data: dict[str, Any]
) -> None:
    wards = [ward for council in data["wards"].values() for ward in council.values()]
    ward = only_one(wards, "name_ur")
    council = ward["code"].rsplit("-", 1)[0].lower()
    tab = new_tab(site_url)
    page = search(tab, "ur", ward["name_ur"])
    shared = page.url  # the query is kept in the address
    assert "?q=" in shared
    follow(page, ward["name_ur"])
    assert tab.path == f"ur/{council}/wards/{ward['code'].lower()}/"
    page.goto(shared)
    result(page, ward["name_ur"]).wait_for()
    assert page.get_by_role("searchbox").input_value() == ward["name_ur"]
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_search_with_no_match_says_so(
    new_tab: Callable[..., Tab], site_url: str, lang: str
) -> None:
    tab = new_tab(site_url)
    page = search(tab, lang, "zqxjv")
    assert page.locator("#search-status").inner_text() == NO_MATCH[lang].format(query="zqxjv")
    assert page.locator("#search-results li").count() == 0
    assert page.locator("#search-more").is_hidden()
    assert tab.problems == []


def test_more_results_are_shown_on_request(new_tab: Callable[..., Tab], site_url: str) -> None:
    tab = new_tab(site_url)
    page = search(tab, "en", "ward")
    assert page.locator("#search-results li").count() == 10
    page.get_by_role("button", name="Show more results").click()
    page.locator("#search-results li").nth(10).wait_for()
    shown = page.locator("#search-results li").count()
    assert 10 < shown <= 20
    focused = page.evaluate("document.activeElement.closest('li') ? 1 : 0")
    assert focused, "the first new result has the focus"
    assert tab.problems == []


def test_no_page_but_search_loads_a_script_and_search_loads_pagefind_on_use(
    new_tab: Callable[..., Tab], site_url: str, built_site: Path
) -> None:
    tab = new_tab(site_url)
    requested: list[tuple[str, str]] = []
    tab.page.on("request", lambda r: requested.append((r.resource_type, r.url)))
    pages = ["", "ur/", "councils/", "ur/data/"]
    pages += [p.parent.relative_to(built_site).as_posix() + "/" for p in (
        next(built_site.glob("suppliers/*/index.html")),
        next(built_site.glob("ur/*/wards/*/index.html")),
    )]  # fmt: skip
    for path in pages:
        tab.goto(path)
    assert [url for kind, url in requested if kind == "script"] == []
    page = tab.goto("search/")
    page.wait_for_load_state("networkidle")
    scripts = [urlsplit(url).path for kind, url in requested if kind == "script"]
    assert scripts == ["/theme/js/search.js"], "Pagefind waits until someone searches"
    assert not [url for _, url in requested if "/pagefind/" in url]
    page.get_by_role("searchbox").fill("ward")
    page.locator("#search-results li").first.wait_for()
    assert "/pagefind/pagefind.js" in [urlsplit(url).path for _, url in requested]
    assert tab.problems == []


def weight(site: Path, urls: list[str]) -> dict[str, int]:
    """Compressed bytes of each file of the site fetched (Pagefind's own are compressed already)."""
    sizes = {}
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        data = file.read_bytes()
        sizes[path] = min(len(data), len(gzip.compress(data, 9)))
    return sizes


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_search_page_is_light_and_so_is_a_search(
    new_tab: Callable[..., Tab], site_url: str, built_site: Path, lang: str
) -> None:
    tab = new_tab(site_url)
    fetched: list[str] = []
    tab.page.on("request", lambda r: fetched.append(r.url))
    page = tab.goto(PREFIX[lang] + "search/")
    page.wait_for_load_state("networkidle")
    fonts = [url for url in fetched if url.endswith(".woff2")]  # fonts aside, as the budget
    on_load = weight(built_site, [url for url in fetched if url not in fonts])
    assert sum(on_load.values()) < PAGE_BUDGET_KB * 1024, on_load
    fetched.clear()
    page.get_by_role("searchbox").fill("ward" if lang == "en" else "وارڈ")
    page.locator("#search-results li").first.wait_for()
    page.wait_for_load_state("networkidle")
    one_search = weight(built_site, [url for url in fetched if not url.endswith(".woff2")])
    assert sum(one_search.values()) < SEARCH_BUDGET_KB * 1024, one_search
    assert tab.problems == []


def test_without_javascript_the_search_page_says_so_and_lists_the_ways_in(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "ur/search/")
        assert page.locator("#search-form").is_hidden()
        assert "جاوا اسکرپٹ" in page.locator("#search-needs-script").inner_text()
        links = page.locator("main ul a")
        targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
        for section in ("councils/", "data/", "spending/", "wards/"):
            assert any(href.endswith(section) and "/ur/" in href for href in targets), section
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_search_page_with_results_passes_axe_on_a_phone(
    new_tab: Callable[..., Tab], site_url: str, axe_source: str, data: dict[str, Any], lang: str
) -> None:
    tab = new_tab(site_url, viewport=PHONE)
    supplier = only_one(list(data["suppliers"].values()), f"name_{lang}")
    page = search(tab, lang, supplier[f"name_{lang}"].split()[0])
    page.get_by_role("searchbox").focus()
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE, [WCAG_TAGS, True])
    if violations:
        pytest.fail(f"axe-core on the {lang} search page:\n{describe(violations)}", pytrace=False)
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, "the page does not scroll sideways"
    assert tab.problems == []


# Markup that a clerk could paste into a supplier's name, as it would sit in the index.
HOSTILE = 'Evil <script>alert(1)</script> "><img src=x onerror=alert(2)> & Sons'


def test_text_from_the_index_is_shown_as_text(
    new_tab: Callable[..., Tab], built_site: Path, tmp_path: Path
) -> None:
    """The search page over a hand-made page whose heading and text carry markup, as text."""
    site = tmp_path / "site"
    shutil.copytree(built_site / "theme", site / "theme")
    shutil.copytree(built_site / "search", site / "search")
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page_file = site / "suppliers/evil/index.html"
    page_file.parent.mkdir(parents=True)
    page_file.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Evil</title></head><body>'
        f'<main data-pagefind-body data-pagefind-meta="kind:Supplier"><h1>{escaped}</h1>'
        f"<p>Paid to {escaped} for nothing.</p></main></body></html>",
        encoding="utf-8",
    )
    indexer.build(site, ["en"])
    with serve(site) as url:
        tab = new_tab(url)
        page = search(tab, "en", "Evil")
        results = page.locator("#search-results")
        results.get_by_role("link", name=HOSTILE, exact=True).wait_for()
        assert HOSTILE in results.locator("li p").last.inner_text()
        assert page.evaluate("document.querySelectorAll('main img, main [onerror]').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 1
        assert tab.dialogs == [], "a script from the index ran"
        assert tab.problems == []
