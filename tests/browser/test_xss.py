"""Text from the datasets is shown as text: markup typed into a spreadsheet never runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import bundle

from .conftest import Tab, build_site, serve
from conftest import get_cell, set_cell

pytestmark = pytest.mark.browser

# A script, an attribute break-out and an event handler, as a clerk could paste them into Excel.
NAME = 'Evil <script>alert(1)</script> "><img src=x onerror=alert(2)> & Sons'


@pytest.fixture
def hostile_site(mini: Path, tmp_path: Path) -> tuple[Path, str]:
    """The small datasets' site, with markup in the first council's English name."""
    councils = mini / "local-governments/local-governments.csv"
    set_cell(councils, 2, "name_en", NAME)
    path = tmp_path / "bundle.json"
    bundle.write(bundle.build(mini), path, mini)
    site = build_site(tmp_path / "site", {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(mini)})
    return site, get_cell(councils, 2, "lg_code").lower()


def test_markup_in_a_council_name_is_shown_as_text(
    new_tab: Callable[..., Tab], hostile_site: tuple[Path, str]
) -> None:
    site, code = hostile_site
    with serve(site) as url:
        tab = new_tab(url)
        for path in ("councils/", f"{code}/budget/", f"{code}/spending/"):
            page = tab.goto(path)
            assert tab.dialogs == [], f"{path}: a script from the data ran"
            assert NAME in page.locator("main").inner_text(), f"{path}: the name is not shown"
            if path != "councils/":
                assert NAME in page.title(), f"{path}: the name is not in the title"
            # The site has no scripts of its own; its only images are charts: no injected markup.
            injected = "document.querySelectorAll('script, img:not(.chart img), [onerror]').length"
            assert page.evaluate(injected) == 0, path
    assert tab.problems == []
