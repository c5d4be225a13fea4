"""A council that has published only part of its data gets a whole, honest site: every page and
link exists, and a page whose data is not published yet says so in both languages, with the
files the council would add. Each site here is cut down from the small datasets and built with
real Pelican."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_site import html_pages, resolve, tags

from pipeline import bundle
from pipeline.analyse import sources

from conftest import pelican_build

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # fiscal year 2026-27, as the small data's newest
PAGES = ("budget", "spending", "complaints", "departments", "wards", "forecasts", "flags",
         "report", "track")  # fmt: skip
#: What a page of a part that is not published says, in each language.
NOTICE = {
    "budget": ("The budget is not published yet", "بجٹ ابھی شائع نہیں ہوا"),
    "payments": ("Payments are not published yet", "ادائیگیاں ابھی شائع نہیں ہوئیں"),
    "complaints": ("Complaints are not published yet", "شکایات ابھی شائع نہیں ہوئیں"),
}
FILES = {
    "budget": "datasets/budget/budget-2026-27.csv",
    "payments": "datasets/spending/payments-2026-27.csv",
    "complaints": "datasets/complaints/complaints-2026-27.csv",
}
GUIDE = ('href="../../publishing-guide/"', 'href="../../../ur/publishing-guide/"')


def drop_yearly(package: Path, prefix: str) -> None:
    """Take every yearly resource (``prefix``-YYYY-YY) out of ``package``, files and all."""
    path = package / "datapackage.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    for resource in meta["resources"]:
        if resource["name"].startswith(prefix + "-"):
            (package / resource["path"]).unlink()
    meta["resources"] = [r for r in meta["resources"] if not r["name"].startswith(prefix + "-")]
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def header_only(package: Path, prefix: str) -> None:
    """Keep only the header row of every yearly file of ``package``."""
    for path in package.glob(f"{prefix}-*.csv"):
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def hollow(datasets: Path) -> None:
    """Every package, but spending without a single yearly file and complaints with files that
    hold no row."""
    drop_yearly(datasets / "spending", "payments")
    header_only(datasets / "complaints", "complaints")


CASES: dict[str, tuple[tuple[str, ...], Callable[[Path], None] | None]] = {
    "councils-only": (("local-governments",), None),
    "budget-only": (("local-governments", "budget"), None),
    "no-payments": (("local-governments", "budget", "complaints"), None),
    "hollow": (("local-governments", "budget", "spending", "complaints"), hollow),
}
#: The parts each case has published (the others must say they are not).
HAS = {
    "councils-only": set(),
    "budget-only": {"budget"},
    "no-payments": {"budget", "complaints"},
    "hollow": {"budget"},
}


def cut(source: Path, target: Path, packages: tuple[str, ...]) -> Path:
    """A datasets folder holding only ``packages`` of ``source`` (and its settings)."""
    target.mkdir(parents=True)
    for name in packages:
        shutil.copytree(source / name, target / name)
    for extra in ("holidays.csv", "settings.toml"):
        if (source / extra).is_file():
            shutil.copy2(source / extra, target / extra)
    return target


@pytest.fixture(scope="module", params=list(CASES))
def case(
    request: pytest.FixtureRequest, mini_source: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, dict, Path]:
    """(case name, datasets, bundle content, built site) for each cut-down council."""
    name = request.param
    packages, mutate = CASES[name]
    root = tmp_path_factory.mktemp(name)
    datasets = cut(mini_source, root / "datasets", packages)
    if mutate:
        mutate(datasets)
    content = bundle.build(datasets, now=NOW)
    path = root / "bundle" / "bundle.json"
    bundle.write(content, path, datasets)
    settings = {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(datasets)}
    problems = pelican_build("pelicanconf.py", root / "site", settings)
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    return name, datasets, content, root / "site"


def test_loading_says_why_a_table_is_not_published(mini: Path) -> None:
    assert sources.read(mini, "payments").published
    shutil.rmtree(mini / "spending")
    assert sources.read(mini, "payments").state == "no-package"
    drop_yearly(mini / "budget", "budget")
    found = sources.read(mini, "budget")
    assert (found.state, found.frame) == ("no-files", None)
    header_only(mini / "complaints", "complaints")
    assert sources.read(mini, "complaints").state == "no-rows"
    assert sources.read(mini, "categories").published  # the code list is still there


def test_the_bundle_records_what_is_published(case: tuple[str, Path, dict, Path]) -> None:
    name, _, content, _ = case
    states = {table: entry["state"] for table, entry in content["coverage"]["tables"].items()}
    assert states["councils"] == "published"
    assert states["payments"] == {
        "councils-only": "no-package", "budget-only": "no-package",
        "no-payments": "no-package", "hollow": "no-files",
    }[name]  # fmt: skip
    if name == "hollow":
        assert states["complaints"] == "no-rows"
    for council, parts in content["coverage"]["councils"].items():
        published = {p for p in ("budget", "spending", "complaints") if parts[p]}
        assert published == {"spending" if p == "payments" else p for p in HAS[name]}, council
    assert content["clock"] == {"today": "2026-11-20", "fiscal_year": "2026-27"}


def test_every_council_page_exists_and_says_what_is_not_published(
    case: tuple[str, Path, dict, Path],
) -> None:
    name, _, content, site = case
    for council in content["local_governments"]:
        code = council["code"].lower()
        for page in PAGES:
            for prefix in ("", "ur/"):
                assert (site / prefix / code / page / "index.html").is_file(), (prefix, page)
        for part, (english, urdu) in NOTICE.items():
            folder = {"payments": "spending"}.get(part, part)
            en = (site / code / folder / "index.html").read_text("utf-8")
            ur = (site / "ur" / code / folder / "index.html").read_text("utf-8")
            shown = part in HAS[name]
            assert (english in en, urdu in ur) == (not shown, not shown), (part, folder)
            if not shown:
                assert GUIDE[0] in en and GUIDE[1] in ur  # how to publish, in each language
                assert FILES[part] in en and FILES[part] in ur  # the file to add this year


def test_headlines_never_show_an_unpublished_figure_as_zero(
    case: tuple[str, Path, dict, Path],
) -> None:
    name, _, content, site = case
    english = (site / "index.html").read_text("utf-8")
    urdu = (site / "ur/index.html").read_text("utf-8")
    assert len(content["headlines"]) == len(content["local_governments"])
    for row in content["headlines"]:
        assert row["year"] == "2026-27"
        for part in ("budget", "spending", "complaints"):
            state = row[part]["state"]
            assert state == ("published" if part in HAS[name] else "not_published"), part
    assert "<dd>0</dd>" not in english and "Rs 0<" not in english
    for part, (en, ur) in (("budget", ("Budget not published yet", "بجٹ ابھی شائع نہیں ہوا")),
                           ("payments", ("Payments not published yet",
                                         "ادائیگیاں ابھی شائع نہیں ہوئیں"))):  # fmt: skip
        assert (en in english, ur in urdu) == ((part not in HAS[name],) * 2)


def test_links_on_a_partial_site_all_resolve(case: tuple[str, Path, dict, Path]) -> None:
    _, _, _, site = case
    for page in html_pages(site):
        for tag, attrs in tags(page):
            href = attrs.get("href", "") if tag in {"a", "link"} else attrs.get("src", "")
            if not href or href.startswith(("#", "mailto:", "tel:")) or urlsplit(href).scheme:
                continue
            assert resolve(site, page, href).is_file(), f"{page}: broken link {href}"


def test_red_flags_page_names_the_indicators_it_could_not_run(
    case: tuple[str, Path, dict, Path],
) -> None:
    name, _, content, site = case
    code = content["local_governments"][0]["code"].lower()
    english = (site / code / "flags/index.html").read_text("utf-8")
    urdu = (site / "ur" / code / "flags/index.html").read_text("utf-8")
    unread = "Indicators not looked for: their data is not published yet"
    assert unread in english and "جن اشاریوں کی جانچ نہیں ہوئی" in urdu
    payments_rule = next(i for i in content["indicators"] if i["reads"] == "payments")
    section = english.split('id="unread"', 1)[1].split("</ul>", 1)[0]
    assert payments_rule["title_en"] in section  # no payments published in any case here
    if "budget" in HAS[name]:
        budget_rule = next(i for i in content["indicators"] if i["reads"] == "budget")
        assert budget_rule["title_en"] not in section


def test_a_site_with_no_data_at_all_still_builds(tmp_path: Path) -> None:
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    content = bundle.build(datasets, now=NOW)
    assert content["local_governments"] == [] and content["headlines"] == []
    path = tmp_path / "bundle" / "bundle.json"
    bundle.write(content, path, datasets)
    settings = {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(datasets)}
    assert pelican_build("pelicanconf.py", tmp_path / "site", settings) == []
    for prefix, text in (("", "No council is published yet"),
                         ("ur/", "ابھی کوئی کونسل شائع نہیں ہوئی")):  # fmt: skip
        assert text in (tmp_path / "site" / prefix / "councils/index.html").read_text("utf-8")
