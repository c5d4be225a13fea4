"""The column engine against stock frictionless, generic schema rules, and fuzzed input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipeline import settings
from pipeline.validate import reference, validate

from conftest import write_rows
from test_validate import CASES

# Codes both engines report for the same rows (header and file problems are reported by name
# in Shafaf and by position in frictionless, so they are compared in test_validate instead).
SHARED = {
    "missing-value",
    "bad-date",
    "bad-datetime",
    "bad-number",
    "bad-integer",
    "bad-value",
    "not-in-list",
    "wrong-format",
    "below-minimum",
    "above-maximum",
    "duplicate-id",
    "duplicate-value",
    "unknown-reference",
    "blank-row",
}
ROW_CASES = [(c, m) for c, m in CASES if c in SHARED]


def ours(root: Path, dataset: str) -> set[tuple[str, str, int | None, str | None]]:
    report = validate([root / dataset], settings.load(None))
    return {
        (f.code, f.file, row, f.column)
        for f in report.findings
        if f.code in SHARED
        for row in f.rows
    }


@pytest.mark.parametrize(
    ("code", "mutate"),
    ROW_CASES,
    ids=[f"{c}:{m.__name__}" for c, m in ROW_CASES],
)
def test_same_findings_as_frictionless(mini: Path, code: str, mutate) -> None:
    file, _, _ = mutate(mini)
    dataset = file.split("/")[0]
    theirs = {k for k in reference.findings(mini / dataset) if k[0] in SHARED}
    assert theirs, "the fixture should break something frictionless sees"
    # Known difference: frictionless also counts an empty row as a repeat of the primary key
    # (both empty); Shafaf reports the empty row once.
    blank = {(file, row) for code, file, row, _ in theirs if code == "blank-row"}
    theirs = {k for k in theirs if k[0] == "blank-row" or (k[1], k[2]) not in blank}
    assert ours(mini, dataset) == theirs


def test_clean_sample_agrees_with_frictionless(mini: Path) -> None:
    for dataset in ("local-governments", "budget", "spending", "complaints"):
        assert reference.findings(mini / dataset) == set()


def _package(root: Path, fields: list[dict], rows: list[list[str]], **schema) -> Path:
    folder = root / "things"
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = {
        "name": "things",
        "resources": [
            {"name": "things", "path": "things.csv", "schema": {"fields": fields, **schema}}
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    write_rows(folder / "things.csv", [[f["name"] for f in fields], *rows])
    return folder


def test_generic_constraints(tmp_path: Path) -> None:
    folder = _package(
        tmp_path,
        [
            {"name": "id", "type": "integer", "constraints": {"unique": True}},
            {"name": "score", "type": "integer", "constraints": {"maximum": 10}},
            {"name": "code", "type": "string", "constraints": {"minLength": 3}},
        ],
        [["1", "5", "abc"], ["2", "11", "ab"], ["1", "3", "abcd"]],
    )
    report = validate([folder], settings.load(None))
    found = {(f.code, f.rows, f.column) for f in report.findings}
    assert found == {
        ("above-maximum", (3,), "score"),
        ("constraint-failed", (3,), "code"),
        ("duplicate-value", (4,), "id"),
    }
    theirs = {k[0] for k in reference.findings(folder)}
    assert theirs == {"above-maximum", "constraint-failed", "duplicate-value"}


# --- fuzzing: no input makes the validator crash -------------------------------------------

# CI explores a fixed set of examples (a green build stays green); developers' runs explore anew.
FUZZ = hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=bool(os.environ.get("CI")),
)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(mini_source: Path, tmp_path_factory, data: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "datasets"
    shutil.copytree(mini_source / "local-governments", root / "local-governments")
    shutil.copytree(mini_source / "complaints", root / "complaints")
    shutil.copytree(mini_source / "budget", root / "budget")
    (root / "complaints/complaints-2024-25.csv").write_bytes(data)
    report = validate([root / "complaints"], settings.load(None))
    for occurrence in report.flatten():
        assert occurrence.message and occurrence.fix


cells = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12
)


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=20), max_size=15), header=st.booleans())
def test_arbitrary_csv_text_never_crashes(
    mini_source: Path, tmp_path_factory, rows: list[list[str]], header: bool
) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "datasets"
    for name in ("local-governments", "budget", "spending"):
        shutil.copytree(mini_source / name, root / name)
    target = root / "spending/payments-2024-25.csv"
    if header:
        first = target.read_text(encoding="utf-8").splitlines()[0].split(",")
        rows = [first, *rows]
    write_rows(target, rows)
    report = validate([root / "spending"], settings.load(None))
    assert isinstance(report.valid, bool)
