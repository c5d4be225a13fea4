"""The "track a complaint" pages and index files the real build writes, in both languages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline import load
from pipeline.analyse import tracking

from conftest import ROOT, pelican_build

LANGS = {"en": "", "ur": "ur/"}
#: Most bytes a page or file of the track feature may weigh (uncompressed).
LIMITS = {"track": 24_000, "range": 48_000, "shard": 16_000, "script": 8_000}


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def complaints(mini_source: Path) -> dict[str, list[str]]:
    """{lg_code: its complaint ids, sorted}."""
    table = load.table(mini_source / "complaints", "complaints-*")
    return {
        str(lg): sorted(group["service_request_id"])
        for lg, group in table.groupby("lg_code", sort=True)
    }


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_council_has_a_track_page_and_range_pages_in_both_languages(
    site: Path, complaints: dict[str, list[str]]
) -> None:
    for lg, ids in complaints.items():
        keys = sorted({tracking.range_key(i) for i in ids})
        for lang, prefix in LANGS.items():
            folder = site / prefix / lg.lower() / "track"
            page = read(folder / "index.html")
            assert f'<html lang="{lang}" dir="{"rtl" if lang == "ur" else "ltr"}">' in page
            assert re.findall(r'data-range="(c\d{5})"', page) == keys
            for key in keys:
                listed = read(folder / key / "index.html")
                mine = [i for i in ids if tracking.range_key(i) == key]
                assert re.findall(r'<tr id="(c\d{7})">', listed) == [i[-8:].lower() for i in mine]
                assert all(f'<bdi dir="ltr">{i}</bdi>' in listed for i in mine)


def test_the_index_files_hold_every_complaint_and_only_the_public_fields(
    site: Path, complaints: dict[str, list[str]]
) -> None:
    for lg, ids in complaints.items():
        folder = site / lg.lower() / "track"
        listing = json.loads(read(folder / "index.json"))
        assert listing["count"] == len(ids) and listing["fields"] == list(tracking.FIELDS)
        found = []
        for span in listing["ranges"]:
            shard = json.loads(read(folder / f"{span['key']}.json"))
            assert shard["fields"] == list(tracking.FIELDS)
            assert set(shard) == {"lg_code", "as_of", "range", "fields", "rows"}
            assert len(shard["rows"]) == span["count"]
            found += [row[0] for row in shard["rows"]]
        assert found == ids


def test_an_open_complaint_reads_open_with_its_days_on_the_range_page(
    site: Path, mini_source: Path
) -> None:
    table = load.table(mini_source / "complaints", "complaints-*")
    row = table[table["status"] == "open"].iloc[0]
    key = tracking.range_key(row["service_request_id"])
    for prefix, status in (("", "Open"), ("ur/", "کھلی")):
        page = read(site / prefix / row["lg_code"].lower() / "track" / key / "index.html")
        line = next(
            line for line in page.splitlines()
            if f'<tr id="{row["service_request_id"][-8:].lower()}">' in line
        )  # fmt: skip
        assert f"<td>{status}</td>" in line
        assert "<td>–</td>" in line  # not resolved


def test_the_script_is_loaded_by_the_track_pages_only(site: Path) -> None:
    loading = sorted(
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if "track.js" in read(page)
    )
    assert loading and all(re.fullmatch(r"(ur/)?[a-z0-9-]+/track/index\.html", p) for p in loading)
    assert (site / "theme/js/track.js").is_file()


def test_report_complaints_and_council_pages_link_to_the_track_page(site: Path) -> None:
    lg = "sbz-mc"
    for prefix in LANGS.values():
        for section in ("report", "complaints"):
            page = read(site / prefix / lg / section / "index.html")
            assert 'href="../track/"' in page, (prefix, section)
        budget = read(site / prefix / lg / "budget/index.html")
        assert re.search(r'href="[./]*/(ur/)?sbz-mc/track/"', budget)


def test_track_pages_and_files_stay_light(site: Path) -> None:
    sizes: dict[str, int] = {name: 0 for name in LIMITS}
    for page in site.glob("**/track/index.html"):
        sizes["track"] = max(sizes["track"], page.stat().st_size)
    for page in site.glob("**/track/c*/index.html"):
        sizes["range"] = max(sizes["range"], page.stat().st_size)
    for shard in site.glob("*/track/c*.json"):
        sizes["shard"] = max(sizes["shard"], shard.stat().st_size)
    sizes["script"] = (ROOT / "theme/static/js/track.js").stat().st_size
    assert all(sizes.values()), sizes
    assert {k: v for k, v in sizes.items() if v > LIMITS[k]} == {}


def test_a_council_without_published_complaints_gets_a_page_saying_so(
    tmp_path: Path, site_bundle: dict[str, str]
) -> None:
    made = Path(site_bundle["SHAFAF_BUNDLE"])
    content = json.loads(read(made))
    quiet = content["local_governments"][0]["code"]
    del content["tracking"][quiet]  # what the index holds for a council with no complaints
    folder = tmp_path / "bundle"
    shutil.copytree(made.parent, folder)
    (folder / made.name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    settings = {**site_bundle, "SHAFAF_BUNDLE": str(folder / made.name)}
    assert pelican_build("pelicanconf.py", tmp_path / "site", settings) == []
    for prefix, words in (("", "Complaints are not published yet"), ("ur/", "ابھی شائع نہیں")):
        page = read(tmp_path / "site" / prefix / quiet.lower() / "track/index.html")
        assert words in page and "data-range" not in page
    assert not (tmp_path / "site" / quiet.lower() / "track/index.json").exists()
    # A number typed there is still answered with the date of the data published.
    page = read(tmp_path / "site" / quiet.lower() / "track/index.html")
    assert re.search(
        r'data-msg="missing">[^<]*<bdi[^>]*>\{id\}</bdi>[^<]* up to \d+ \w+ \d{4}', page
    )
