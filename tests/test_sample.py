"""Tests of the seeded sample-data generator (``python -m pipeline.sample``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from pipeline.sample import checks
from pipeline.sample.__main__ import main
from pipeline.sample.config import (
    DOMINANT_SHARE,
    DUPLICATE_WINDOW_DAYS,
    FISCAL_YEARS,
    PROCUREMENT_THRESHOLD,
    SPLIT_WINDOW_DAYS,
)
from pipeline.sample.writer import PACKAGES

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-10-31"
SMALL = ["--payments", "2000", "--as-of", AS_OF]
COMPLETE_YEARS = FISCAL_YEARS[:-1]


def _run(root: Path, seed: int) -> Path:
    out = root / "datasets"
    code = main([*SMALL, "--seed", str(seed), "--out", str(out), "--truth", str(root / "t.json")])
    assert code == 0
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _run(tmp_path_factory.mktemp("a"), 2024)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _read(root: Path, package: str, stem: str) -> pd.DataFrame:
    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False)
        for path in sorted((root / "datasets" / package).glob(f"{stem}-*.csv"))
    ]
    return pd.concat(frames, ignore_index=True)


def _payments(root: Path) -> pd.DataFrame:
    payments = _read(root, "spending", "payments")
    payments["amount"] = payments["amount"].astype("int64")
    payments["payment_date"] = pd.to_datetime(payments["payment_date"])
    return payments


def _budget(root: Path) -> pd.DataFrame:
    budget = _read(root, "budget", "budget")
    for column in ("approved", "revised", "actual"):
        budget[column] = pd.to_numeric(budget[column].replace("", None)).astype("Int64")
    return budget


def test_same_seed_same_bytes_other_seed_differs(
    small: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = _files(_run(tmp_path_factory.mktemp("b"), 2024))
    first = _files(small)
    assert first.keys() == again.keys()
    assert [name for name in first if first[name] != again[name]] == []
    other = _files(_run(tmp_path_factory.mktemp("c"), 7))
    assert (
        other["datasets/spending/payments-2024-25.csv"]
        != first["datasets/spending/payments-2024-25.csv"]
    )


def test_csv_format(small: Path) -> None:
    data = (small / "datasets/spending/payments-2024-25.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    assert data.split(b"\n", 1)[0] == (
        b"transaction_id,payment_date,fiscal_year,lg_code,dept_code,budget_line_id,object_code,"
        b"supplier_id,supplier_name,amount,purpose,procurement_method,procurement_ref,voucher_no"
    )


@pytest.mark.parametrize("package", PACKAGES)
def test_packages_pass_stock_frictionless(small: Path, package: str) -> None:
    report = frictionless.validate(small / "datasets" / package / "datapackage.json")
    problems = report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:10]


def test_payments_fit_budget_lines_and_years(small: Path) -> None:
    payments, budget = _payments(small), _budget(small)
    suppliers = pd.read_csv(
        small / "datasets/spending/suppliers.csv", dtype=str, keep_default_na=False
    )
    assert payments["transaction_id"].is_unique
    start = pd.to_datetime(payments["fiscal_year"].str[:4] + "-07-01")
    end = pd.to_datetime((payments["fiscal_year"].str[:4].astype(int) + 1).astype(str) + "-06-30")
    assert ((payments["payment_date"] >= start) & (payments["payment_date"] <= end)).all()
    assert (payments["payment_date"] <= pd.Timestamp(AS_OF)).all()
    lines = budget.set_index("line_id")
    assert payments["budget_line_id"].isin(lines.index).all()
    charged = lines.loc[payments["budget_line_id"]]
    for column in ("lg_code", "fiscal_year", "dept_code", "object_code"):
        assert (charged[column].to_numpy() == payments[column].to_numpy()).all(), column
    assert not payments["object_code"].str.startswith("A01").any()  # salaries excluded
    names = suppliers.set_index("supplier_id")["name_en"]
    assert (payments["supplier_name"].to_numpy() == names[payments["supplier_id"]].to_numpy()).all()


def test_actual_is_what_was_paid(small: Path) -> None:
    payments, budget = _payments(small), _budget(small)
    paid = payments.groupby("budget_line_id")["amount"].sum()
    done = budget[
        budget["fiscal_year"].isin(COMPLETE_YEARS) & ~budget["object_code"].str.match("A01")
    ]
    assert (done["actual"].to_numpy() == done["line_id"].map(paid).fillna(0).to_numpy()).all()
    current = budget[budget["fiscal_year"] == FISCAL_YEARS[-1]]
    assert current["revised"].isna().all() and current["actual"].isna().all()


def test_complaint_timestamps(small: Path) -> None:
    complaints = _read(small, "complaints", "complaints")
    assert complaints["service_request_id"].is_unique
    requested = pd.to_datetime(complaints["requested_datetime"])
    updated = pd.to_datetime(complaints["updated_datetime"])
    resolved = pd.to_datetime(complaints["resolved_datetime"].replace("", None))
    expected = pd.to_datetime(complaints["expected_datetime"])
    closed = complaints["status"] == "closed"
    assert (closed == resolved.notna()).all()
    assert (resolved[closed] >= requested[closed]).all()
    assert (updated[closed] >= resolved[closed]).all()
    assert (updated >= requested).all()
    assert (expected - requested == pd.Timedelta(days=20)).all()
    assert complaints["requested_datetime"].str.endswith("+05:00").all()
    open_details = {"open", "investigating", "in_progress", "action_scheduled"}
    assert complaints.loc[~closed, "status_detail"].isin(open_details).all()
    assert not complaints.loc[closed, "status_detail"].isin(open_details).any()


def test_no_personal_data_in_free_text(small: Path) -> None:
    complaints = _read(small, "complaints", "complaints")
    text = pd.concat(
        [complaints["description"], complaints["status_notes"], _payments(small)["purpose"]]
    )
    personal = re.compile(r"\d{5}-\d{7}-\d|03\d{2}-?\d{7}|\+92|@|House No", re.IGNORECASE)
    assert not text.str.contains(personal).any()


def test_ground_truth_cites_existing_rows(small: Path) -> None:
    truth = json.loads((small / "t.json").read_text(encoding="utf-8"))
    payments, budget = _payments(small), _budget(small)
    complaints = _read(small, "complaints", "complaints")
    known = {
        "split_payment": set(payments["transaction_id"]),
        "duplicate_payment": set(payments["transaction_id"]),
        "dominant_supplier": set(payments["transaction_id"]),
        "over_budget_line": set(budget["line_id"]),
        "closed_without_action": set(complaints["service_request_id"]),
    }
    assert {case["indicator"] for case in truth} == set(known)
    for case in truth:
        assert case["rows"] and set(case["rows"]) <= known[case["indicator"]], case


def _assert_flags_match_truth(root: Path, truth_path: Path, small_groups: int) -> None:
    """Every planted case is flagged by the plain checks, and nothing else is, except
    dominance in departments with fewer than ``small_groups`` payments in a year."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    payments, budget = _payments(root), _budget(root)
    complaints = _read(root, "complaints", "complaints")

    def planted(indicator: str) -> set[str]:
        return {row for case in truth if case["indicator"] == indicator for row in case["rows"]}

    first, following = checks.split_windows(payments, PROCUREMENT_THRESHOLD, SPLIT_WINDOW_DAYS)
    flagged = set(payments["transaction_id"].iloc[[*first, *following]])
    assert flagged == planted("split_payment")
    one, two = checks.duplicate_pairs(payments, DUPLICATE_WINDOW_DAYS)
    assert set(payments["transaction_id"].iloc[[*one, *two]]) == planted("duplicate_payment")
    dominant = checks.dominant_suppliers(payments, DOMINANT_SHARE)
    expected = {
        (c["lg_code"], c["fiscal_year"], c["dept_code"], c["supplier_id"])
        for c in truth
        if c["indicator"] == "dominant_supplier"
    }
    found = set(
        dominant[["lg_code", "fiscal_year", "dept_code", "supplier_id"]].itertuples(
            index=False, name=None
        )
    )
    assert expected <= found
    sizes = payments.groupby(["lg_code", "fiscal_year", "dept_code"]).size()
    assert all(sizes[key[:3]] < small_groups for key in found - expected)
    over = checks.over_budget_lines(budget, payments)
    assert set(over["line_id"]) == planted("over_budget_line")
    quick = checks.closed_without_action(complaints)
    assert set(complaints.loc[quick, "service_request_id"]) == planted("closed_without_action")


def test_planted_cases_are_found_and_ordinary_rows_are_clean(small: Path) -> None:
    # In this small set a department may make only a handful of payments in a year, and then
    # one supplier can take most of them by chance; larger groups are kept clean.
    _assert_flags_match_truth(small, small / "t.json", small_groups=25)


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--as-of", "2025-01-01"],
        ["--scale", "city"],
        ["--payments", "0"],
        ["--as-of", "31/10/2026"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "as-of" in capsys.readouterr().err


COMMITTED = REPO / "datasets"


@pytest.mark.skipif(
    not (COMMITTED / "spending/payments-2024-25.csv").exists(),
    reason="the demo data sets have not been generated",
)
def test_committed_demo_sets_are_big_enough_and_small_enough() -> None:
    paid = sum(
        len(pd.read_csv(COMMITTED / f"spending/payments-{fy}.csv", usecols=["transaction_id"]))
        for fy in COMPLETE_YEARS
    )
    assert paid >= 30_000
    complaints = sum(
        len(
            pd.read_csv(
                COMMITTED / f"complaints/complaints-{fy}.csv", usecols=["service_request_id"]
            )
        )
        for fy in FISCAL_YEARS
    )
    assert complaints >= 15_000
    size = sum(p.stat().st_size for p in COMMITTED.rglob("*.csv"))
    assert size < 20_000_000
    assert (COMMITTED / "local-governments/wards.geojson").stat().st_size < 150_000
    _assert_flags_match_truth(REPO, REPO / "evaluation/ground-truth/sample.json", small_groups=0)
