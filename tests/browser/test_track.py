"""The "track a complaint" page in real Chromium: with its script, and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pipeline import load
from pipeline.analyse import tracking

from .conftest import PHONE, Tab

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"open": "Open", "closed": "Closed", "missing": "There is no complaint",
           "malformed": "is not a complaint number", "other": "another council"},
    "ur": {"open": "کھلی", "closed": "بند", "missing": "موجود نہیں",
           "malformed": "شکایت نمبر نہیں ہے", "other": "کسی اور کونسل"},
}  # fmt: skip
PREFIX = {"en": "", "ur": "ur/"}
URDU_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture(scope="module")
def complaints(mini_source: Path) -> pd.DataFrame:
    return load.table(mini_source / "complaints", "complaints-*").set_index("service_request_id")


@pytest.fixture(scope="module")
def open_one(complaints: pd.DataFrame) -> str:
    """The id of an open complaint of the largest council."""
    lg = complaints["lg_code"].value_counts().index[0]
    return str(complaints[(complaints.lg_code == lg) & (complaints.status == "open")].index[-1])


def track_path(lang: str, lg: str) -> str:
    return f"{PREFIX[lang]}{lg.lower()}/track/"


def look_up(tab: Tab, typed: str) -> str:
    """Type ``typed`` into the form, send it, and return the result shown."""
    page = tab.page
    page.fill("#track-id", typed)
    page.click("#track button[type=submit]")
    result = page.locator("#track-result > *").first
    result.wait_for()
    return page.locator("#track-result").inner_text()


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_typing_an_id_shows_its_status_and_dates(
    new_tab: Callable[..., Tab], site_url: str, open_one: str, lang: str
) -> None:
    lg, number = open_one.rsplit("-C", 1)
    tab = new_tab(site_url, viewport=PHONE)
    tab.goto(track_path(lang, lg))
    # As a citizen may type it: lower case, spaced, and in Urdu with Urdu digits.
    typed = f"{lg.lower()} c {number}"
    typed = typed.translate(URDU_DIGITS) if lang == "ur" else typed
    shown = look_up(tab, typed)
    assert open_one in shown and WORDS[lang]["open"] in shown
    dates = tab.page.locator("#track-result dd").all_inner_texts()
    assert dates[4] and dates[6] == "–"  # received; not resolved
    # The address now names the complaint, so it can be kept or shared.
    assert tab.page.evaluate("new URLSearchParams(location.search).get('id')") == typed
    tab.page.click("#track-result a")
    tab.page.wait_for_load_state()
    key = tracking.range_key(open_one)
    assert tab.path == f"{track_path(lang, lg)}{key}/"
    assert tab.page.locator(f"tr#c{number}").inner_text().count(WORDS[lang]["open"]) >= 1
    assert tab.problems == []


def test_a_closed_complaint_shows_when_it_was_resolved(
    new_tab: Callable[..., Tab], site_url: str, complaints: pd.DataFrame
) -> None:
    closed = complaints[complaints.status == "closed"].iloc[0]
    tab = new_tab(site_url)
    tab.goto(track_path("en", closed.lg_code))
    shown = look_up(tab, str(closed.name).split("-C")[1].lstrip("0"))  # the number alone
    assert str(closed.name) in shown and "Closed" in shown and "Days to resolve" in shown
    resolved = closed.resolved_datetime.tz_convert("Asia/Karachi")
    assert f"{resolved.day} {resolved.strftime('%b')} {resolved.year}" in shown
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_an_unknown_id_says_it_is_not_published_yet(
    new_tab: Callable[..., Tab], site_url: str, open_one: str, lang: str
) -> None:
    lg = open_one.rsplit("-C", 1)[0]
    tab = new_tab(site_url)
    tab.goto(track_path(lang, lg))
    for unknown in (f"{lg}-C9000001", f"{lg}-C{int(open_one[-7:]) + 1:07d}"):  # no range; in one
        shown = look_up(tab, unknown)
        assert WORDS[lang]["missing"] in shown and unknown in shown
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_a_malformed_id_is_explained(
    new_tab: Callable[..., Tab], site_url: str, open_one: str, lang: str
) -> None:
    tab = new_tab(site_url)
    tab.goto(track_path(lang, open_one.rsplit("-C", 1)[0]))
    for typed in ("hello", "12345678", "XYZ-QQ-C0000001"):
        shown = look_up(tab, typed)
        assert WORDS[lang]["malformed"] in shown and typed in shown
    assert tab.problems == []


def test_an_id_of_another_council_leads_to_its_page(
    new_tab: Callable[..., Tab], site_url: str, complaints: pd.DataFrame, open_one: str
) -> None:
    here = open_one.rsplit("-C", 1)[0]
    other = str(complaints[complaints.lg_code != here].index[0])
    tab = new_tab(site_url)
    tab.goto(track_path("ur", here))
    assert WORDS["ur"]["other"] in look_up(tab, other)
    tab.page.click("#track-result a")
    tab.page.locator("#track-result dl").wait_for()
    assert tab.path == track_path("ur", other.rsplit("-C", 1)[0]) + f"?id={other}"
    assert other in tab.page.locator("#track-result").inner_text()
    assert tab.problems == []


def test_an_id_in_the_address_is_looked_up_at_once(
    new_tab: Callable[..., Tab], site_url: str, open_one: str
) -> None:
    tab = new_tab(site_url)
    tab.goto(track_path("en", open_one.rsplit("-C", 1)[0]) + f"?id={open_one}")
    tab.page.locator("#track-result dl").wait_for()
    assert open_one in tab.page.locator("#track-result").inner_text()
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_without_javascript_the_lists_by_number_reach_the_id(
    new_tab: Callable[..., Tab], site_url: str, open_one: str, lang: str
) -> None:
    lg, number = open_one.rsplit("-C", 1)
    tab = new_tab(site_url, viewport=PHONE, javascript=False)
    page = tab.goto(track_path(lang, lg))
    assert not page.locator("#track").is_visible()  # the form needs the script: not offered
    first, last = tracking.range_bounds(tracking.range_key(open_one))
    page.get_by_role("link", name=f"{first}–{last}").click()
    page.wait_for_load_state()
    row = page.locator(f"tr#c{number}")
    assert row.is_visible() and open_one in row.inner_text()
    assert WORDS[lang]["open"] in row.inner_text()
    assert tab.problems == []


def test_a_list_that_cannot_be_loaded_is_explained_and_tried_again(
    new_tab: Callable[..., Tab], site_url: str, open_one: str
) -> None:
    tab = new_tab(site_url)
    tab.goto(track_path("en", open_one.rsplit("-C", 1)[0]))
    tab.page.route("**/*.json", lambda route: route.abort("internetdisconnected"))
    assert "could not be loaded" in look_up(tab, open_one)
    tab.page.unroute("**/*.json")
    assert open_one in look_up(tab, open_one)  # the failure was not kept
    assert all("ERR_INTERNET_DISCONNECTED" in p for p in tab.problems), tab.problems
