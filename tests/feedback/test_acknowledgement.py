"""The page a browser gets after posting the plain form: the id, and where to track it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from publish.feedback import pages

from .conftest import Api, good

REQUESTS = "/open311/v2/requests.json"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_with_the_site_address_it_links_the_councils_track_pages(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(site_url="https://site.example.org/")
    page = api.client.post(REQUESTS, data=good(), headers=BROWSER).text
    assert '<span class="id">SBZ-MC-C9000001</span>' in page
    assert links(page) == [
        "https://site.example.org/sbz-mc/track/?id=SBZ-MC-C9000001",
        "https://site.example.org/ur/sbz-mc/track/?id=SBZ-MC-C9000001",
        "https://site.example.org/",
        "https://site.example.org/",
    ]
    assert "after the council next publishes its complaints" in page
    assert 'dir="rtl"' in page and "اگلی اشاعت کے بعد" in page


def test_track_url_wins_and_takes_the_council_code(make_api: Callable[..., Api]) -> None:
    api = make_api(
        site_url="https://site.example.org", track_url="https://t.example.org/{lg}/?n={id}"
    )
    page = api.client.post(REQUESTS, data=good(), headers=BROWSER).text
    assert links(page)[:2] == ["https://t.example.org/sbz-mc/?n=SBZ-MC-C9000001"] * 2


def test_without_the_site_address_there_is_no_track_link(api: Api) -> None:
    page = api.client.post(REQUESTS, data=good(), headers=BROWSER).text
    assert "SBZ-MC-C9000001" in page and links(page) == []
    assert "publishes its complaints" not in page


def test_a_bot_filling_the_honeypot_gets_no_track_link(make_api: Callable[..., Api]) -> None:
    api = make_api(site_url="https://site.example.org")
    page = api.client.post(REQUESTS, data=good(website="spam"), headers=BROWSER).text
    assert "/track/" not in page


@pytest.mark.parametrize("key", ["—", "", "SBZ-MC", "CHP-CB"])
def test_no_track_address_for_something_that_is_not_an_id(key: str) -> None:
    config = pages.Config(site_url="https://site.example.org")
    assert pages.track_urls(key, config) is None
