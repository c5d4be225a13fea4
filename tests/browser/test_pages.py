"""Every page type, in both languages, on a phone and a desktop, in real Chromium with axe-core.

Each page is opened once per screen size; everything the tests check is observed in that one
visit (`Visit`), then each test asserts one property, so a failure names what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .conftest import AXE_JS, DESKTOP, PHONE, Tab

pytestmark = pytest.mark.browser

PAGE_TYPES = (
    "home",
    "about",
    "news",
    "article",
    "councils",
    "budget",
    "spending",
    "complaints",
    "supplier",
    "department",
    "wards",
    "ward",
    "forecasts",
    "flags",
    "report",
    "track",
    "track-range",
    "indicator",
    "datasets",
    "dataset",
    "releases",
    "release",
    "search",
)
LANGUAGES = ("en", "ur")
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's colour-contrast rule takes most of its time and does not depend on the screen size,
# so it runs at phone size only; every other WCAG rule runs at both sizes.
CONTRAST_AT = {"phone"}

EVERY_PAGE = [
    pytest.param(page_type, lang, viewport, id=f"{viewport}-{lang}-{page_type}")
    for viewport in VIEWPORTS
    for lang in LANGUAGES
    for page_type in PAGE_TYPES
]
every_page = pytest.mark.parametrize(("page_type", "lang", "viewport"), EVERY_PAGE)

FACTS = """() => ({
    html: [document.documentElement.lang, document.documentElement.dir],
    h1: document.querySelectorAll('h1').length,
    switches: [...document.querySelectorAll('a.lang-switch')].map(a => a.hreflang),
    widths: [document.documentElement.scrollWidth, window.innerWidth],
    tables: [...document.querySelectorAll('table')].map(t => ({
        start: t.outerHTML.slice(0, 100),
        columnHeaders: t.querySelectorAll('thead th[scope=col]').length,
        headersWithoutScope: t.querySelectorAll('th:not([scope])').length,
        inScrollBox: t.parentElement.classList.contains('table-scroll'),
    })),
})"""

FOCUS = """() => {
    const el = document.activeElement, box = el.getBoundingClientRect();
    return {
        element: el.id || el.className || el.tagName.toLowerCase(),
        box: [box.left, box.top, box.right, box.bottom],
        visible: getComputedStyle(el).visibility !== 'hidden' && box.width > 0 && box.height > 0,
    };
}"""

AXE = """async ([tags, contrast]) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        rules: {'color-contrast': {enabled: contrast}},
        resultTypes: ['violations'],
    });
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({
            target: n.target.join(' '), html: n.html, summary: n.failureSummary || '',
        })),
    }));
}"""


@dataclass
class Visit:
    """What one visit to a page showed."""

    path: str
    facts: dict[str, Any]
    first_focus: dict[str, Any]
    focus_after_enter: str
    violations: list[dict[str, Any]] | None  # None: axe-core is not installed
    switched_to: str = ""
    switched_lang: str = ""
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def english_paths(built_site: Path) -> dict[str, str]:
    """The English path of one page of each type; the Urdu one is the same under ur/."""

    def first(pattern: str) -> str:
        found = sorted(built_site.glob(pattern))
        assert found, f"the build wrote no {pattern}"
        return found[0].parent.relative_to(built_site).as_posix() + "/"

    return {
        "home": "",
        "about": "about/",
        "news": "news/",
        "article": first("news/*/index.html"),
        "councils": "councils/",
        "budget": first("*/budget/index.html"),
        "spending": first("*/spending/index.html"),
        "complaints": first("*/complaints/index.html"),
        "supplier": first("suppliers/*/index.html"),
        "department": first("*/departments/*/index.html"),
        "wards": first("*/wards/index.html"),
        "ward": first("*/wards/*/index.html"),
        "forecasts": first("*/forecasts/index.html"),
        "flags": first("*/flags/index.html"),
        "report": first("*/report/index.html"),
        "track": first("*/track/index.html"),
        "track-range": first("*/track/c*/index.html"),
        "indicator": first("methodology/red-flags/*/index.html"),
        "datasets": "data/",
        "dataset": first("data/*/index.html"),
        "releases": "releases/",
        "search": "search/",
        # The newest release: the test datasets are committed twice (tests/conftest.py).
        "release": sorted(built_site.glob("releases/2*/index.html"))[-1]
        .parent.relative_to(built_site)
        .as_posix()
        + "/",
    }


def path_of(english_paths: dict[str, str], page_type: str, lang: str) -> str:
    return ("ur/" if lang == "ur" else "") + english_paths[page_type]


def look_at(tab: Tab, path: str, axe: str | None, contrast: bool) -> Visit:
    """Open `path`, observe it, press Tab and Enter, run axe-core, then follow the switch."""
    tab.problems.clear()
    page = tab.goto(path)
    facts = page.evaluate(FACTS)
    page.keyboard.press("Tab")
    first_focus = page.evaluate(FOCUS)
    page.keyboard.press("Enter")
    focus_after_enter = page.evaluate(FOCUS)["element"]
    violations = None
    if axe is not None:
        page.add_script_tag(content=axe)
        violations = page.evaluate(AXE, [WCAG_TAGS, contrast])
    visit = Visit(path, facts, first_focus, focus_after_enter, violations)
    if facts["switches"]:
        page.locator("a.lang-switch").click()
        page.wait_for_load_state()
        visit.switched_to = tab.path
        visit.switched_lang = page.evaluate("document.documentElement.lang")
    visit.problems = list(tab.problems)
    return visit


@pytest.fixture(scope="module")
def visit(
    browser: Any, site_url: str, english_paths: dict[str, str]
) -> Iterator[Callable[[str, str, str], Visit]]:
    """`visit(page_type, lang, viewport)`: the page's `Visit`, made on first use."""
    tabs = {name: Tab(browser, site_url, size) for name, size in VIEWPORTS.items()}
    axe = AXE_JS.read_text(encoding="utf-8") if AXE_JS.is_file() else None
    seen: dict[tuple[str, str, str], Visit] = {}

    def get(page_type: str, lang: str, viewport: str) -> Visit:
        key = (page_type, lang, viewport)
        if key not in seen:
            path = path_of(english_paths, page_type, lang)
            seen[key] = look_at(tabs[viewport], path, axe, viewport in CONTRAST_AT)
        return seen[key]

    yield get
    for tab in tabs.values():
        tab.close()


@every_page
def test_html_element_declares_language_and_direction(visit, page_type, lang, viewport) -> None:
    direction = "rtl" if lang == "ur" else "ltr"
    assert visit(page_type, lang, viewport).facts["html"] == [lang, direction]


@every_page
def test_page_has_exactly_one_h1(visit, page_type, lang, viewport) -> None:
    assert visit(page_type, lang, viewport).facts["h1"] == 1


@every_page
def test_no_errors_and_no_request_leaves_the_site(visit, page_type, lang, viewport) -> None:
    seen = visit(page_type, lang, viewport)
    if seen.problems:
        pytest.fail(f"{seen.path} and its translation:\n" + "\n".join(seen.problems), pytrace=False)


@every_page
def test_page_does_not_scroll_sideways(visit, page_type, lang, viewport) -> None:
    """Only a table's own .table-scroll box may be wider than the screen."""
    content, screen = visit(page_type, lang, viewport).facts["widths"]
    assert content <= screen, f"the page is {content} px wide on a {screen} px screen"


@every_page
def test_tables_have_headers_and_scroll_in_their_own_box(visit, page_type, lang, viewport) -> None:
    for table in visit(page_type, lang, viewport).facts["tables"]:
        assert table["columnHeaders"] > 0, f"no <th scope=col> in {table['start']}"
        assert table["headersWithoutScope"] == 0, f"a <th> without scope in {table['start']}"
        assert table["inScrollBox"], f"not inside a .table-scroll box: {table['start']}"


def describe(violations: list[dict[str, Any]]) -> str:
    """axe-core's violations, one block per rule, each failing element with how to fix it."""
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']}  <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            lines.append(f"  - {node['target']}: {node['html']}")
            lines += [f"      {line}" for line in node["summary"].splitlines()]
    return "\n".join(lines)


@every_page
def test_axe_finds_no_wcag_21_aa_violations(
    visit, axe_source: str, page_type, lang, viewport
) -> None:
    seen = visit(page_type, lang, viewport)
    assert seen.violations is not None
    if seen.violations:
        summary = f"axe-core on {seen.path} at {viewport} size:\n{describe(seen.violations)}"
        pytest.fail(summary, pytrace=False)


@every_page
def test_skip_link_is_the_first_tab_stop_and_visible(visit, page_type, lang, viewport) -> None:
    seen = visit(page_type, lang, viewport)
    focus = seen.first_focus
    assert focus["element"] == "skip-link", f"the first Tab stop is {focus['element']!r}"
    left, top, right, bottom = focus["box"]
    width, height = VIEWPORTS[viewport]
    assert focus["visible"], "the focused skip link is invisible"
    assert left >= 0 and top >= 0 and right <= width and bottom <= height, (
        f"the focused skip link is not on screen: {focus['box']}"
    )
    assert seen.focus_after_enter == "main", "Enter on the skip link moves focus to <main>"


@every_page
def test_language_switch_leads_to_the_same_page_in_the_other_language(
    visit, english_paths, page_type, lang, viewport
) -> None:
    seen = visit(page_type, lang, viewport)
    other = "en" if lang == "ur" else "ur"
    assert seen.facts["switches"] == [other], "one switch, to the other language"
    assert seen.switched_to == path_of(english_paths, page_type, other)
    assert seen.switched_lang == other
