"""The validator's report page (`validate --html`) as a clerk opens it on a phone, in English and
Urdu: every problem readable without scrolling sideways, and axe-core finds nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import cli

from .conftest import PHONE, Tab, serve
from .test_pages import AXE, WCAG_TAGS, describe
from conftest import set_cell


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_report_page_reads_on_a_phone(
    new_tab: Callable[..., Tab], mini: Path, tmp_path: Path, axe_source: str, lang: str
) -> None:
    pay = next(mini.glob("spending/payments-*.csv"))
    set_cell(pay, 3, "payment_date", "31/12/2024")
    set_cell(pay, 4, "supplier_name", "A very long supplier name that a clerk pasted whole " * 3)
    set_cell(pay, 5, "amount", "Rs. 1,20,000/- (one lakh twenty thousand rupees only)")
    site = tmp_path / "report"
    site.mkdir()
    assert (
        cli.main(["validate", str(mini), "--lang", lang, "--html", str(site / "index.html")]) == 1
    )
    with serve(site) as url:
        tab = new_tab(url, viewport=PHONE)
        page = tab.goto("")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ur" else "ltr")
        width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= screen, "the report does not scroll sideways on a phone"
        page.add_script_tag(content=axe_source)
        violations = page.evaluate(AXE, [WCAG_TAGS, True])
        if violations:
            pytest.fail(f"axe-core on the {lang} report:\n{describe(violations)}", pytrace=False)
        assert tab.problems == []
