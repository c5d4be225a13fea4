"""Releases: the table diff (property-tested), the history read from a real git repository, and
the files each release keeps for citation."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import releases
from pipeline.releases import diff, history

from conftest import git

COLUMNS = ("id", "lg_code", "amount", "note")


def table(rows: list[dict[str, str]], header: tuple[str, ...] = COLUMNS) -> diff.Table:
    return diff.Table(header, tuple(rows))


def csv_bytes(rows: list[dict[str, str]], header: tuple[str, ...] = COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


cell = st.text(alphabet="abcxyz09,\"' \nاب", max_size=6)
row_values = st.fixed_dictionaries(
    {"lg_code": st.sampled_from(["SBZ-MC", "CHP-MC", ""]),
     "amount": st.integers(-10**9, 10**9).map(str) | st.just("") | st.just("1,20,000"),
     "note": cell}
)  # fmt: skip


@st.composite
def edited_tables(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[dict[str, str]], dict]:
    """A keyed table and an edit of it: some rows removed, some changed, some added."""
    ids = draw(st.lists(st.text("ABC123-", min_size=1, max_size=5), unique=True, max_size=25))
    old = [{"id": i, **draw(row_values)} for i in ids]
    removed = {i for i in ids if draw(st.booleans()) and draw(st.booleans())}
    changed = {}
    new = []
    for row in old:
        if row["id"] in removed:
            continue
        if draw(st.booleans()):
            replacement = {"id": row["id"], **draw(row_values)}
            if replacement != row:
                changed[row["id"]] = replacement
            row = replacement
        new.append(row)
    extra = draw(st.lists(st.text("DEF456", min_size=1, max_size=5), unique=True, max_size=10))
    added = [{"id": i, **draw(row_values)} for i in extra if i not in set(ids)]
    new += added
    order = draw(st.permutations(range(len(new))))
    new = [new[i] for i in order]
    expected = {"added": {r["id"] for r in added}, "removed": removed, "changed": changed}
    return old, new, expected


@settings(max_examples=200, deadline=None)
@given(edited_tables())
def test_a_keyed_diff_finds_exactly_the_edits(case: tuple) -> None:
    old, new, expected = case
    result = diff.diff_tables(table(old), table(new), ["id"])
    assert {k for (k,) in result.added} == expected["added"]
    assert {k for (k,) in result.removed} == expected["removed"]
    assert {k for (k,), _ in result.changed} == set(expected["changed"])
    before = {r["id"]: r for r in old}
    for (ident,), cells in result.changed:
        after = expected["changed"][ident]
        assert {c.column for c in cells} == {k for k in COLUMNS if before[ident][k] != after[k]}
        assert all(c.old == before[ident][c.column] and c.new == after[c.column] for c in cells)
    # Every new row is either kept or added, and every old row is kept or removed.
    kept = {r["id"] for r in old} - expected["removed"]
    assert Counter(r["id"] for r in new) == Counter(kept | expected["added"])


@settings(max_examples=200, deadline=None)
@given(edited_tables())
def test_diff_is_symmetric_and_empty_against_itself(case: tuple) -> None:
    old, new, _ = case
    forward = diff.diff_tables(table(old), table(new), ["id"])
    backward = diff.diff_tables(table(new), table(old), ["id"])
    assert sorted(forward.added) == sorted(backward.removed)
    assert sorted(forward.removed) == sorted(backward.added)
    assert {k for k, _ in forward.changed} == {k for k, _ in backward.changed}
    assert diff.diff_tables(table(new), table(new), ["id"]).empty


@settings(max_examples=100, deadline=None)
@given(st.lists(row_values, max_size=15), st.lists(row_values, max_size=15))
def test_without_a_key_rows_are_compared_whole(old_values: list, new_values: list) -> None:
    old = [{"id": "", **v} for v in old_values]
    new = [{"id": "", **v} for v in new_values]
    result = diff.diff_tables(table(old), table(new))
    whole = lambda rows: Counter(tuple(r[c] for c in COLUMNS) for r in rows)  # noqa: E731
    assert Counter(result.removed) == whole(old) - whole(new)
    assert Counter(result.added) == whole(new) - whole(old)
    assert result.changed == ()


@settings(max_examples=200, deadline=None)
@given(edited_tables())
def test_totals_that_moved_add_up(case: tuple) -> None:
    old, new, _ = case
    moved = diff.moved_totals(table(old), table(new), {"amount": ","})
    before = diff.totals(table(old), {"amount": ","}, "lg_code")
    after = diff.totals(table(new), {"amount": ","}, "lg_code")
    for key in set(before) | set(after):
        change = after.get(key, Decimal(0)) - before.get(key, Decimal(0))
        listed = [t for t in moved if (t.group, t.measure) == key]
        assert (listed[0].change if listed else Decimal(0)) == change


@settings(max_examples=100, deadline=None)
@given(edited_tables())
def test_csv_round_trip_keeps_every_cell(case: tuple) -> None:
    old, _, _ = case
    parsed = diff.Table.parse(csv_bytes(old))
    assert parsed.header == COLUMNS
    # Rows whose every cell is blank are not rows (a blank line in the file).
    assert list(parsed.rows) == [r for r in old if any(r.values())]


def test_columns_added_and_removed_are_reported_not_compared() -> None:
    old = diff.Table(("id", "a", "b"), ({"id": "1", "a": "x", "b": "y"},))
    new = diff.Table(("id", "a", "c"), ({"id": "1", "a": "x", "c": "z"},))
    result = diff.diff_tables(old, new, ["id"])
    assert result.columns_added == ("c",) and result.columns_removed == ("b",)
    assert result.changed == () and result.added == () and result.removed == ()


def test_a_key_missing_from_either_version_falls_back_to_whole_rows() -> None:
    old = diff.Table(("code", "name"), ({"code": "1", "name": "a"},))
    new = diff.Table(("id", "name"), ({"id": "1", "name": "b"},))
    result = diff.diff_tables(old, new, ["id"])
    assert result.key == () and result.added == (("b",),) and result.removed == (("a",),)
    assert result.columns_added == ("id",) and result.columns_removed == ("code",)


def test_amounts_are_exact() -> None:
    assert diff.amount("1,20,000.10") == Decimal("120000.10")
    assert diff.amount(" ") is None and diff.amount("abc") is None and diff.amount("NaN") is None
    t = diff.Table(
        ("lg_code", "amount"), tuple({"lg_code": "X", "amount": "0.1"} for _ in range(3))
    )
    assert diff.totals(t, {"amount": ","}, "lg_code")[("X", "amount")] == Decimal("0.3")


# --- the history, from a real git repository --------------------------------------------------


PACKAGE = {
    "name": "spending",
    "title": "Spending",
    "resources": [
        {
            "name": "payments",
            "path": "payments.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string"},
                    {"name": "lg_code", "type": "string"},
                    {"name": "amount", "type": "number", "columnType": "value", "groupChar": ","},
                    {"name": "note", "type": "string"},
                ],
                "primaryKey": ["id"],
            },
        }
    ],
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A council's repository: datasets/spending with two committed releases."""
    root = tmp_path / "council"
    package = root / "datasets" / "spending"
    package.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (package / "datapackage.json").write_text(json.dumps(PACKAGE))
    rows = [{"id": f"P{i}", "lg_code": "SBZ-MC", "amount": "1000", "note": ""} for i in range(5)]
    (package / "payments.csv").write_bytes(csv_bytes(rows))
    (root / "datasets" / "settings.toml").write_text("")
    (root / "README.md").write_text("council\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Publish July payments", date="2026-07-31T23:30:00+05:00")
    (root / "README.md").write_text("council data\n")
    git(root, "commit", "-qam", "Edit the readme only", date="2026-08-02T09:00:00+05:00")
    rows[1]["amount"] = "1,500"
    del rows[2]
    rows.append({"id": "P9", "lg_code": "CHP-MC", "amount": "250.50", "note": "new"})
    (package / "payments.csv").write_bytes(csv_bytes(rows))
    git(root, "commit", "-qam", "Add August payments", date="2026-08-31T19:05:00+00:00")
    return root


def test_each_commit_changing_a_package_is_a_release(repo: Path) -> None:
    found = history.read(repo / "datasets")
    assert found.note is None
    ids = [r.id for r in found.releases]
    commits = git(repo, "log", "--format=%h", "--first-parent").split()
    # The readme commit is not a release; the date is Pakistan time (19:05 UTC is 00:05 PKT).
    assert ids == [f"2026-07-31-{commits[2]}", f"2026-09-01-{commits[0]}"]
    assert [r.subject for r in found.releases] == ["Publish July payments", "Add August payments"]
    assert set(found.releases[0].files) == {"spending/datapackage.json", "spending/payments.csv"}


def test_a_release_page_counts_rows_and_totals(repo: Path, tmp_path: Path) -> None:
    section = releases.build(repo / "datasets", tmp_path / "out", tmp_path / "cache")
    newest, first = section["releases"]
    assert first["previous"] is None and newest["previous"] == first["id"]
    assert first["next"] == newest["id"]
    (spending,) = newest["datasets"]
    (payments,) = spending["tables"]
    assert (payments["rows_added"], payments["rows_removed"], payments["rows_changed"]) == (1, 1, 1)
    assert payments["sample"]["changed"] == [{"key": "P1", "cells": [["amount", "1000", "1,500"]]}]
    totals = {(t["group"], t["measure"]): (t["old"], t["new"]) for t in payments["totals"]}
    assert totals == {
        ("CHP-MC", "rows"): (0, 1),
        ("CHP-MC", "amount"): (0, 25050),  # paisa
        ("SBZ-MC", "rows"): (5, 4),
        ("SBZ-MC", "amount"): (500000, 450000),
    }
    changes = (tmp_path / "out" / newest["changes_url"]).read_text()
    assert changes.splitlines()[1:] == [
        "spending,payments.csv,added,P9,,,",
        "spending,payments.csv,removed,P2,,,",
        'spending,payments.csv,changed,P1,amount,1000,"1,500"',
    ]


def test_every_release_keeps_its_files_once(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    section = releases.build(repo / "datasets", out, None)
    newest, first = section["releases"]
    urls = {f["path"]: f["url"] for f in newest["files"]}
    # The descriptor did not change: the newest release serves it from the first one's folder.
    assert urls["datapackage.json"] == f"releases/{first['id']}/spending/datapackage.json"
    assert urls["payments.csv"] == f"releases/{newest['id']}/spending/payments.csv"
    first_csv = out / f"releases/{first['id']}/spending/payments.csv"
    assert b"P2,SBZ-MC,1000" in first_csv.read_bytes()  # the July data, still downloadable
    assert (out / urls["payments.csv"]).read_bytes() == (
        repo / "datasets/spending/payments.csv"
    ).read_bytes()


def test_uncommitted_changes_are_an_unreleased_release_then_vanish(
    repo: Path, tmp_path: Path
) -> None:
    datasets, out = repo / "datasets", tmp_path / "out"
    before = releases.fingerprint(datasets)
    with (datasets / "spending/payments.csv").open("a") as handle:
        handle.write("P10,SBZ-MC,99,\n")
    assert releases.fingerprint(datasets) != before
    section = releases.build(datasets, out, tmp_path / "cache")
    newest = section["releases"][0]
    assert newest["id"] == history.UNRELEASED and newest["commit"] is None
    assert newest["datasets"][0]["tables"][0]["sample"]["added"] == ["P10"]
    git(repo, "commit", "-qam", "Add P10", date="2026-09-02T10:00:00+05:00")
    section = releases.build(datasets, out, tmp_path / "cache")
    assert section["releases"][0]["id"].startswith("2026-09-02-")
    assert not (out / "releases" / history.UNRELEASED).exists()  # no stale folder left


def test_no_history_outside_git_and_a_shallow_clone_says_so(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(repo / "datasets", plain)
    found = history.read(plain)
    assert found.note and "not in a git repository" in found.note
    # Outside git the data still counts as one unreleased state, so its files stay downloadable.
    assert [r.id for r in found.releases] == [history.UNRELEASED]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    shallow = history.read(clone / "datasets")
    assert shallow.note and "fetch-depth: 0" in shallow.note
    assert len(shallow.releases) == 1


def test_comparisons_come_from_the_cache_the_second_time(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = releases.build(repo / "datasets", tmp_path / "a", cache)
    assert len(list(cache.glob("*.json"))) == 2
    for path in cache.glob("*.json"):  # a cached comparison is used as it is
        stored = json.loads(path.read_text())
        for dataset in stored["datasets"]:
            dataset["title"] = "From the cache"
        path.write_text(json.dumps(stored))
    second = releases.build(repo / "datasets", tmp_path / "b", cache)
    assert {d["title"] for r in second["releases"] for d in r["datasets"]} == {"From the cache"}
    assert [r["id"] for r in first["releases"]] == [r["id"] for r in second["releases"]]


# --- on the site: release pages, kept files and feeds -----------------------------------------

SITEURL = "https://shafaf.example.pk"


@pytest.fixture(scope="module")
def released_site(mini_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The small datasets committed twice (the second commit edits a month of payments), analysed
    and built with real Pelican at an absolute SITEURL."""
    from pipeline import cli

    from conftest import pelican_build, read_rows, write_rows

    root = tmp_path_factory.mktemp("released")
    shutil.copytree(mini_source, root / "datasets")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Publish the first data", date="2026-07-31T12:00:00+05:00")
    payments = sorted((root / "datasets/spending").glob("payments-*.csv"))[-1]
    rows = read_rows(payments)
    header = rows[0]
    amount, ident = header.index("amount"), header.index("transaction_id")
    changed_id, removed_id, old_amount = rows[1][ident], rows[2][ident], rows[1][amount]
    removed_lg = rows[2][header.index("lg_code")]
    rows[1][amount] = str(int(float(old_amount.replace(",", ""))) + 1000)
    del rows[2]
    write_rows(payments, rows)
    message = "Correct a payment; withdraw a duplicate"
    git(root, "commit", "-qam", message, date="2026-08-15T12:00:00+05:00")
    bundle_path = root / "build/bundle/bundle.json"
    assert cli.main(["analyse", str(root / "datasets"), "--out", str(bundle_path)]) == 0
    settings_ = {"SHAFAF_BUNDLE": str(bundle_path), "SHAFAF_DATASETS": str(root / "datasets"),
                 "SITEURL": SITEURL}  # fmt: skip
    problems = pelican_build("pelicanconf.py", root / "output", settings_)
    assert problems == [], problems
    content = json.loads(bundle_path.read_text())
    return {
        "root": root,
        "output": root / "output",
        "releases": content["releases"]["releases"],
        "payments": payments.name,
        "changed_id": changed_id,
        "removed_id": removed_id,
        "removed_lg": removed_lg,
        "old_amount": old_amount,
        "old_payments": payments.read_bytes(),
        "first_payments": git(root, "show", f"HEAD~1:datasets/spending/{payments.name}"),
    }


def test_each_release_has_a_page_in_both_languages(released_site: dict[str, Any]) -> None:
    output = released_site["output"]
    newest, first = released_site["releases"]
    assert newest["id"].startswith("2026-08-15-") and first["id"].startswith("2026-07-31-")
    for prefix in ("", "ur/"):
        index = (output / prefix / "releases/index.html").read_text()
        assert newest["id"] in index and first["id"] in index
        page = (output / prefix / f"releases/{newest['id']}/index.html").read_text()
        assert released_site["changed_id"] in page and released_site["removed_id"] in page
        assert f"releases/{first['id']}/" in page  # the previous release, linked
    page = (output / f"releases/{newest['id']}/index.html").read_text()
    assert "Rows added: 0. Rows changed: 1. Rows removed: 1." in page
    assert "Correct a payment; withdraw a duplicate" in page


def test_an_older_release_stays_downloadable(released_site: dict[str, Any]) -> None:
    output = released_site["output"]
    newest, first = released_site["releases"]
    name = released_site["payments"]
    old = next(f for f in first["files"] if f["path"] == name)
    new = next(f for f in newest["files"] if f["path"] == name)
    assert (output / old["url"]).read_text() == released_site["first_payments"]
    assert (output / new["url"]).read_bytes() == released_site["old_payments"]
    changes = (output / newest["changes_url"]).read_text().splitlines()
    key = f"{released_site['removed_id']} / {released_site['removed_lg']}"  # id + lg_code
    assert f"spending,{name},removed,{key},,," in changes


def test_feeds_parse_and_point_at_real_pages(released_site: dict[str, Any]) -> None:
    import feedparser

    output = released_site["output"]
    newest = released_site["releases"][0]
    paths = [
        "releases/feed.atom.xml", "ur/releases/feed.atom.xml",
        "data/spending/releases.atom.xml", "ur/data/spending/releases.atom.xml",
    ]  # fmt: skip
    flag_feeds = sorted(output.glob("*/flags/feed.atom.xml")) + sorted(
        output.glob("ur/*/flags/feed.atom.xml")
    )
    assert len(flag_feeds) >= 2
    paths += [p.relative_to(output).as_posix() for p in flag_feeds]
    entries = 0
    for path in paths:
        parsed = feedparser.parse((output / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.id == f"{SITEURL}/{path}"
        assert parsed.feed.language == ("ur" if path.startswith("ur/") else "en")
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), path
        for entry in parsed.entries:
            entries += 1
            assert entry.title and entry.updated and entry.link.startswith(SITEURL + "/")
            page, _, anchor = entry.link.removeprefix(SITEURL + "/").partition("#")
            html = (output / page / "index.html").read_text()
            if anchor:
                assert f'id="{anchor}"' in html, entry.link
    assert entries > 0
    spending = feedparser.parse((output / "data/spending/releases.atom.xml").read_bytes())
    assert spending.entries[0].link == f"{SITEURL}/releases/{newest['id']}/#spending"
    assert "rows changed: 1" in spending.entries[0].summary
    # The budget did not change in the second release: its feed has the first release only.
    budget = feedparser.parse((output / "data/budget/releases.atom.xml").read_bytes())
    assert len(budget.entries) == 1


def test_pages_link_to_their_feeds(released_site: dict[str, Any]) -> None:
    output = released_site["output"]
    page = (output / "data/spending/index.html").read_text()
    assert 'type="application/atom+xml"' in page and "data/spending/releases.atom.xml" in page
    assert released_site["releases"][0]["id"] in page
    flags = next(output.glob("*/flags/index.html")).read_text()
    assert 'type="application/atom+xml"' in flags and "flags/feed.atom.xml" in flags


def test_a_feed_without_entries_has_a_fixed_date() -> None:
    from datetime import datetime

    from pipeline import feeds

    quiet = datetime(2026, 1, 1, tzinfo=history.PKT)
    text = feeds.releases_feed(
        "en", [], title="t", link="https://x.pk/", feed_url="https://x.pk/f.xml",
        release_url=lambda ident: ident, empty_date=quiet,
    )  # fmt: skip
    assert "<updated>2026-01-01T00:00:00+05:00</updated>" in text
    council = {"name_en": "A", "name_ur": "ا"}
    text = feeds.flags_feed(
        "ur", council, [], {}, link="https://x.pk/a/", feed_url="https://x.pk/a/f.xml",
        rupees=str, empty_date=quiet,
    )  # fmt: skip
    assert "<updated>2026-01-01T00:00:00+05:00</updated>" in text


def test_a_new_release_makes_the_bundle_stale(released_site: dict[str, Any]) -> None:
    from pipeline import bundle

    clone = released_site["root"].parent / "stale-check"
    shutil.copytree(released_site["root"], clone)
    path, datasets = clone / "build/bundle/bundle.json", clone / "datasets"
    bundle.read(path, datasets)  # fresh
    git(clone, "commit", "-q", "--allow-empty", "-m", "Nothing in the data")
    bundle.read(path, datasets)  # still fresh: not a release
    # Same data, but the release it belongs to is another commit: its id and page change.
    git(clone, "reset", "-q", "--hard", "HEAD~1")
    git(clone, "commit", "-q", "--amend", "-m", "Reworded", date="2026-08-16T12:00:00+05:00")
    with pytest.raises(bundle.BundleError, match=r"release history.*make analyse"):
        bundle.read(path, datasets)


def test_a_damaged_repository_stops_the_analysis_with_a_message(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipeline import cli

    repo = mini.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "datasets")
    git(repo, "commit", "-qm", "Publish")
    blob = git(repo, "rev-parse", "HEAD:datasets/spending/suppliers.csv").strip()
    (repo / ".git/objects" / blob[:2] / blob[2:]).unlink()  # a damaged copy
    with pytest.raises(history.GitError, match="git fsck"):
        releases.build(mini, repo / "out")
    assert cli.main(["analyse", str(mini), "--out", str(repo / "bundle/bundle.json")]) == 1
    out = capsys.readouterr().out
    assert "git fsck" in out and "The site bundle was not updated." in out
    assert not (repo / "bundle/bundle.json").exists()
