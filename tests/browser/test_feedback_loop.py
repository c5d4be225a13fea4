"""The whole loop, as a citizen and the council's clerk go through it, in real Chromium.

The real intake service on loopback takes a complaint from the report page's plain form
(without JavaScript); its export is imported into a copy of the small datasets, validated,
analysed and built again with real Pelican; the complaints page then counts it and the track
page finds it by its number.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from feedback.server import Live, write_config

from pipeline import cli

from .conftest import ROOT, Tab, build_site, serve

pytestmark = pytest.mark.browser

LG = "SBZ-MC"
DESCRIPTION = "Deep pothole outside the girls' school gate, full of rainwater"


def publish(datasets: Path, bundle: Path, site: Path) -> None:
    """What `make site` does: validate and analyse the datasets, then build the site."""
    assert cli.main(["analyse", str(datasets), "--out", str(bundle)]) == 0
    build_site(site, {"SHAFAF_BUNDLE": str(bundle), "SHAFAF_DATASETS": str(datasets)})


def counts(tab: Tab) -> dict[str, tuple[int, int]]:
    """{fiscal year: (received, still open)} on the council's complaints page."""
    page = tab.goto(f"{LG.lower()}/complaints/")
    found = {}
    for section in page.locator("main section[aria-labelledby^='fy-']").all():
        year = str(section.get_attribute("aria-labelledby")).removeprefix("fy-")
        terms = section.locator("dl.facts dt").all_inner_texts()
        facts = dict(zip(terms, section.locator("dl.facts dd").all_inner_texts(), strict=True))
        found[year] = (int(facts["Received"].replace(",", "")),
                       int(facts["Still open"].replace(",", "")))  # fmt: skip
    assert found, "the complaints page shows no fiscal year"
    return found


def test_a_complaint_goes_from_the_form_to_the_published_pages(
    new_tab: Callable[..., Tab], mini: Path, tmp_path: Path, site_bundle: dict[str, str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    # One bundle folder for both builds, as build/bundle/ is: a chart whose data did not change
    # is not drawn again. It starts with the charts of the same data the other tests drew.
    bundle = tmp_path / "bundle/bundle.json"
    shutil.copytree(Path(site_bundle["SHAFAF_BUNDLE"]).parent / "charts", bundle.parent / "charts")
    database = tmp_path / "feedback.sqlite3"
    with serve(site) as site_url:
        config = write_config(
            tmp_path / "feedback.toml", datasets=str(mini), site_url=site_url.rstrip("/")
        )
        with Live(str(database), config) as service:
            # The council publishes its site with the form pointing at its intake service.
            (mini / "settings.toml").write_text(
                f'feedback_url = "{service.url}"\n', encoding="utf-8"
            )
            publish(mini, bundle, site)
            citizen = new_tab(site_url, javascript=False, also_allow=(service.url,))
            before = counts(citizen)

            # A citizen reports a pothole with the plain form, and keeps the number given.
            page = citizen.goto(f"{LG.lower()}/report/")
            ward = page.locator("#ward_code option").nth(3).get_attribute("value")
            page.select_option("#service_code", "pothole")
            page.select_option("#ward_code", ward)
            page.fill("#description", DESCRIPTION)
            page.fill("#first_name", "Sadia")
            page.fill("#phone", "0333-5550001")
            with page.expect_navigation():
                page.click("form.report-form button[type=submit]")
            assert page.url.startswith(service.url)
            key = page.locator(".id").first.inner_text()
            assert re.fullmatch(rf"{LG}-C9\d{{6}}", key), key
            track = page.get_by_role("link", name="track this complaint").get_attribute("href")
            assert track == f"{site_url}{LG.lower()}/track/?id={key}"

            # The clerk exports the service's records, imports and validates them, publishes.
            export = tmp_path / "export.csv"
            subprocess.run(
                [sys.executable, "-m", "publish.feedback", "export", "--config", str(config),
                 "--database", str(database), "--out", str(export)],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        assert "Sadia" not in export.read_text(encoding="utf-8")
        assert cli.main(["import-complaints", str(export), "--datasets", str(mini)]) == 0
        assert cli.main(["validate", str(mini)]) == 0
        [row] = [
            r for path in sorted((mini / "complaints").glob("complaints-*.csv"))
            for r in csv.DictReader(path.open(encoding="utf-8", newline=""))
            if r["service_request_id"] == key
        ]  # fmt: skip
        assert (row["ward_code"], row["service_code"], row["status"]) == (ward, "pothole", "open")
        publish(mini, bundle, site)

        # The complaints page counts it: one more received, one more open, in its year.
        after = counts(citizen)
        year = row["fiscal_year"]
        received, still_open = before.get(year, (0, 0))
        assert after[year] == (received + 1, still_open + 1)
        assert {y: c for y, c in after.items() if y != year} == {
            y: c for y, c in before.items() if y != year
        }

        # The track page finds it by the number, as the acknowledgement linked it...
        reader = new_tab(site_url)
        page = reader.page
        page.goto(track)
        page.locator("#track-result dl").wait_for()
        shown = page.locator("#track-result").inner_text()
        assert key in shown and "Open" in shown and "Pothole or broken road" in shown
        # ...and, without JavaScript, on the list of its range of numbers.
        page = citizen.goto(f"{LG.lower()}/track/")
        page.get_by_role("link", name=re.compile(f"C{key[-7:-2]}00")).click()
        page.wait_for_load_state()
        assert "Open" in page.locator(f"tr#{key[-8:].lower()}").inner_text()
        assert citizen.problems == [] and reader.problems == []
