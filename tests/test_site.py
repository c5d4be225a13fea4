"""Build the real site with Pelican into a temp dir and check what citizens get."""

from __future__ import annotations

import filecmp
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import pelican_build

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://shafaf.example.pk"
OTHER = {"en": "ur", "ur": "en"}
ASSET_TAGS = {"link", "script", "img", "source", "iframe", "video", "audio", "embed", "object"}


def build(
    conf: str, output: Path, bundle: dict[str, str], env: dict[str, str] | None = None
) -> list[str]:
    """Run Pelican with `conf` into `output`; return the warnings and errors it logged."""
    return pelican_build(conf, output, bundle, env)


class _Tags(HTMLParser):
    """Collects (tag, attributes) for every start tag in a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(page: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a link on `page` points to ("dir/" means "dir/index.html")."""
    path = urlsplit(href).path
    target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return Path(os.path.normpath(target))


def expected_lang(site: Path, page: Path) -> str:
    return "ur" if page.relative_to(site).parts[0] == "ur" else "en"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def published(
    tmp_path_factory: pytest.TempPathFactory, site_bundle: dict[str, str]
) -> Iterator[Path]:
    output = tmp_path_factory.mktemp("published")
    problems = build("publishconf.py", output, site_bundle, env={"SHAFAF_SITEURL": SITEURL})
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    yield output


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages, "the build wrote no HTML"
    return pages


def test_home_pages_exist_in_both_languages(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "ur" / "index.html").is_file()


def test_about_page_exists_in_both_languages(site: Path) -> None:
    assert (site / "about" / "index.html").is_file()
    assert (site / "ur" / "about" / "index.html").is_file()


def test_every_page_declares_its_language_and_direction(site: Path) -> None:
    for page in html_pages(site):
        lang = expected_lang(site, page)
        html = [attrs for tag, attrs in tags(page) if tag == "html"]
        assert html == [{"lang": lang, "dir": "rtl" if lang == "ur" else "ltr"}], page


def test_language_switch_leads_to_the_same_page_in_the_other_language(site: Path) -> None:
    for page in html_pages(site):
        lang = expected_lang(site, page)
        switches = [
            a for tag, a in tags(page) if tag == "a" and "lang-switch" in a.get("class", "")
        ]
        assert len(switches) == 1, f"{page}: expected one language switch"
        target = resolve(site, page, switches[0]["href"])
        assert target.is_file(), f"{page}: language switch points to missing {target}"
        assert switches[0]["hreflang"] == OTHER[lang]
        relative = page.relative_to(site)
        mirror = relative.relative_to("ur") if lang == "ur" else Path("ur") / relative
        if (site / mirror).is_file():  # a translation exists: the switch must go there
            assert target == site / mirror, f"{page}: switch goes to {target}, not {mirror}"
        else:
            home = "index.html" if lang == "ur" else "ur/index.html"
            assert target == site / home


def test_internal_links_resolve(site: Path) -> None:
    for page in html_pages(site):
        for tag, attrs in tags(page):
            href = attrs.get("href", "") if tag in {"a", "link"} else attrs.get("src", "")
            if not href or href.startswith(("#", "mailto:")) or urlsplit(href).scheme:
                continue
            assert resolve(site, page, href).is_file(), f"{page}: broken link {href}"


def _remote_assets(site: Path, own_prefix: str | None = None) -> list[str]:
    """Asset references (not plain <a> links) that leave the site."""
    found = []
    for page in html_pages(site):
        for tag, attrs in tags(page):
            if tag not in ASSET_TAGS:
                continue
            for name in ("src", "href", "srcset", "data", "poster"):
                value = attrs.get(name, "").strip()
                if re.match(r"(https?:)?//", value, re.IGNORECASE) and not (
                    own_prefix and value.startswith(own_prefix + "/")
                ):
                    found.append(f"{page.relative_to(site)}: <{tag} {name}={value!r}>")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        found += [f"{css}: {m}" for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*", text)]
        found += [f"{css}: {m}" for m in re.findall(r"@import[^;]*", text)]
    return found


def test_no_remote_assets(site: Path) -> None:
    assert _remote_assets(site) == []


def test_no_remote_assets_when_published(published: Path) -> None:
    assert _remote_assets(published, own_prefix=SITEURL) == []


def test_every_page_says_the_data_is_a_demo(site: Path) -> None:
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert ("سبزآباد" if expected_lang(site, page) == "ur" else "Sabzabad") in text, page


def test_build_is_reproducible(site: Path, tmp_path: Path, site_bundle: dict[str, str]) -> None:
    assert build("pelicanconf.py", tmp_path, site_bundle) == []
    comparison = filecmp.dircmp(site, tmp_path)
    pending, differences = [comparison], []
    while pending:
        current = pending.pop()
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        differences += mismatch + errors + current.left_only + current.right_only
        pending += current.subdirs.values()
    assert differences == []


def test_published_news_feeds_are_atom_and_one_language_each(published: Path) -> None:
    feeds = sorted(p.relative_to(published).as_posix() for p in published.rglob("*.atom.xml"))
    news = [feed for feed in feeds if "news/" in feed]
    assert news == ["en/news/feed.atom.xml", "ur/news/feed.atom.xml"]
    # The data feeds (releases, red flags) are one language each too: Urdu under ur/.
    for feed in (feed for feed in feeds if feed not in news):
        text = (published / feed).read_text(encoding="utf-8")
        lang = "ur" if feed.startswith("ur/") else "en"
        assert f'<feed xml:lang="{lang}"' in text, feed
    english = (published / "en/news/feed.atom.xml").read_text(encoding="utf-8")
    urdu = (published / "ur/news/feed.atom.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/news/launch/" in english and "/ur/" not in english
    assert f"{SITEURL}/ur/news/launch/" in urdu


def test_stylesheet_is_small_and_uses_logical_properties_only() -> None:
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    assert len(css.encode()) < 8 * 1024
    code = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    assert re.findall(r"\b(?:left|right)\b", code) == []


def test_published_sitemap_lists_every_page_at_its_public_address(published: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((published / "sitemap.xml").read_bytes())
    listed = {url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)}
    pages = {
        SITEURL
        + "/"
        + ("" if p.parent == published else p.parent.relative_to(published).as_posix() + "/")
        for p in published.rglob("index.html")
        if not p.relative_to(published).as_posix().startswith(("drafts/", "theme/"))
    }
    assert listed == pages
    assert f"Sitemap: {SITEURL}/sitemap.xml" in (published / "robots.txt").read_text()
    catalogue = json.loads((published / "catalog.jsonld").read_text(encoding="utf-8"))
    assert all(d["@id"].startswith(SITEURL + "/data/") for d in catalogue["dcat:dataset"])


def test_development_builds_have_the_news_feeds_too(site: Path) -> None:
    """`make site` shows what publishing will: the news feeds, at the `make serve` address."""
    for lang, prefix in (("en", ""), ("ur", "ur/")):
        feed = (site / f"{lang}/news/feed.atom.xml").read_text(encoding="utf-8")
        assert "<entry>" in feed and "http://localhost:8000/" in feed
        news = (site / prefix / "news/index.html").read_text(encoding="utf-8")
        up = "../../" if prefix else "../"
        assert f'type="application/atom+xml" href="{up}{lang}/news/feed.atom.xml"' in news
