"""Real exports as they are: the council's own ids, values it does not record, refunds.

Each valid case is a change a real export brings (Lambeth's payments have no ids, LA's 311 export
no feedback, Grand Rapids' budget negative lines); each invalid case is still reported, with a fix
that never asks a clerk to change a true figure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import packages, settings
from pipeline.validate import hints, reference, validate
from pipeline.validate.findings import Finding, Report

from conftest import ROOT, get_cell, read_rows, set_cell, write_rows

PAY = "spending/payments-2024-25.csv"
PAY_OLD = "spending/payments-2023-24.csv"
COMP = "complaints/complaints-2024-25.csv"
BUDGET = "budget/budget-2024-25.csv"
BUDGET_OLD = "budget/budget-2023-24.csv"
WARDS = "local-governments/wards.csv"
SOURCE_IDS = {
    "spending/payments": ["transaction_id", "budget_line_id"],
    "spending/suppliers": ["supplier_id"],
    "budget/budget": ["line_id"],
    "complaints/complaints": ["service_request_id"],
}


def run(root: Path) -> Report:
    return validate([root], settings.load(None))


def errors(report: Report) -> list[str]:
    return [f.summary() for f in report.errors]


def rows_of(path: Path, column: str, value: str) -> list[int]:
    """Spreadsheet rows (header = 1) whose ``column`` is ``value``."""
    rows = read_rows(path)
    at = rows[0].index(column)
    return [i + 1 for i, row in enumerate(rows) if i and row[at] == value]


def set_cells(path: Path, row: int, **values: str) -> None:
    for column, value in values.items():
        set_cell(path, row, column, value)


def only(report: Report, code: str, file: str) -> Finding:
    found = [f for f in report.findings if f.code == code and f.file.endswith(file)]
    assert len(found) == 1, [f.summary() for f in report.findings]
    return found[0]


def agrees_with_frictionless(root: Path, *datasets: str) -> None:
    for name in datasets:
        assert reference.findings(root / name) == set(), name


# --- what real exports bring is valid --------------------------------------------------------


@pytest.mark.parametrize("source_id", ["INV/2024/000123", "7013589", "1-866528301", "پی وی ۱۲"])
def test_a_payment_keeps_the_source_systems_id(mini: Path, source_id: str) -> None:
    set_cell(mini / PAY, 3, "transaction_id", source_id)
    report = run(mini)
    assert report.valid, errors(report)
    assert not report.findings
    agrees_with_frictionless(mini, "spending")


def test_ids_are_unique_within_a_council_not_across_councils(mini: Path) -> None:
    """Two councils' systems may both number a payment 1001, a complaint 55 or a line 0042."""
    first = rows_of(mini / PAY, "lg_code", "SBZ-MC")[0]
    other = rows_of(mini / PAY, "lg_code", "CHP-MC")[0]
    set_cell(mini / PAY, first, "transaction_id", "1001")
    set_cell(mini / PAY, other, "transaction_id", "1001")
    older = rows_of(mini / PAY_OLD, "lg_code", "NHR-TC")[0]
    set_cell(mini / PAY_OLD, older, "transaction_id", "1001")
    comp = read_rows(mini / COMP)
    councils = {row[comp[0].index("lg_code")]: i + 1 for i, row in enumerate(comp) if i}
    for row in list(councils.values())[:2]:
        set_cell(mini / COMP, row, "service_request_id", "55")
    report = run(mini)
    assert report.valid, errors(report)
    agrees_with_frictionless(mini, "spending", "complaints")


def test_a_budget_line_id_may_recur_every_year(mini: Path) -> None:
    """Budget books number their lines the same way each year: the key holds the year."""
    line = get_cell(mini / BUDGET, 2, "line_id")
    lg_code = get_cell(mini / BUDGET, 2, "lg_code")
    old_row = rows_of(mini / BUDGET_OLD, "lg_code", lg_code)[0]
    old_line = get_cell(mini / BUDGET_OLD, old_row, "line_id")
    set_cell(mini / BUDGET_OLD, old_row, "line_id", line)
    for row in rows_of(mini / PAY_OLD, "budget_line_id", old_line):  # keep its payments on it
        set_cell(mini / PAY_OLD, row, "budget_line_id", line)
    report = run(mini)
    assert report.valid, errors(report)
    agrees_with_frictionless(mini, "budget")


@pytest.mark.parametrize("missing", ["", "not recorded", "Not recorded"])
def test_a_payment_may_lack_what_real_exports_lack(mini: Path, missing: str) -> None:
    """Lambeth's spend file has only the supplier's name: no supplier id, budget line, object
    code, procurement method or voucher."""
    set_cells(
        mini / PAY,
        4,
        supplier_id=missing,
        budget_line_id=missing,
        object_code=missing,
        purpose=missing,
        procurement_method=missing,
        voucher_no=missing,
    )
    report = run(mini)
    assert report.valid, errors(report)
    assert not report.findings
    agrees_with_frictionless(mini, "spending")


@pytest.mark.parametrize("amount", ["-1500.00", "-1,500.00", "-0.50", "-12,34,567"])
def test_a_refund_is_a_negative_payment(mini: Path, amount: str) -> None:
    rows = read_rows(mini / PAY)
    refund = list(rows[5])
    refund[0] = "CN/2024/0007"  # a credit note, with its own id in the source
    refund[rows[0].index("amount")] = amount
    rows.insert(6, refund)
    write_rows(mini / PAY, rows)
    report = run(mini)
    assert report.valid, errors(report)
    assert not report.findings
    agrees_with_frictionless(mini, "spending")


@pytest.mark.parametrize("missing", ["", "not recorded", "NOT RECORDED"])
def test_a_complaint_may_lack_what_real_exports_lack(mini: Path, missing: str) -> None:
    """LA's MyLA311 export has no feedback, reopened count or status detail."""
    set_cells(
        mini / COMP,
        3,
        citizen_feedback=missing,
        channel=missing,
        reopened_count=missing,
        status_detail=missing,
        agency_responsible=missing,
    )
    report = run(mini)
    assert report.valid, errors(report)
    assert not report.findings
    agrees_with_frictionless(mini, "complaints")


def test_a_budget_line_may_lack_its_actual_and_codes_and_be_negative(mini: Path) -> None:
    set_cells(mini / BUDGET, 2, actual="", revised="not recorded", function_code="")
    set_cells(mini / BUDGET, 3, approved="-13842", actual="-2,500")  # an appropriation lapse
    set_cells(mini / BUDGET, 4, object_code="not recorded")
    report = run(mini)
    assert report.valid, errors(report)
    assert not report.findings
    agrees_with_frictionless(mini, "budget")


def test_a_zero_payment_is_a_warning_only(mini: Path) -> None:
    set_cell(mini / PAY, 5, "amount", "0")
    set_cell(mini / PAY, 7, "amount", "-0.00")
    report = run(mini)
    assert report.valid
    finding = only(report, "zero-amount", PAY)
    assert finding.rows == (5, 7) and finding.column == "amount"
    assert "published as it is" in finding.occurrences(1)[0].fix


# --- what is still wrong is still reported ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cleaned", "says"),
    [
        (" INV/2024/1", "INV/2024/1", "Delete the spaces at its start or end."),
        ("INV/2024/1 ", "INV/2024/1", "Delete the spaces at its start or end."),
        ("INV/2024\t/1", "INV/2024/1", "invisible character"),
        ("INV\x0b2024", "INV2024", "invisible character"),
    ],
)
def test_a_damaged_id_is_reported_with_the_id_cleaned(
    mini: Path, value: str, cleaned: str, says: str
) -> None:
    set_cell(mini / PAY, 6, "transaction_id", value)
    report = run(mini)
    assert not report.valid
    finding = only(report, "wrong-format", PAY)
    assert finding.rows == (6,) and finding.column == "transaction_id"
    fix = finding.occurrences(1)[0].fix
    assert says in fix and f"Write it like '{cleaned}'." in fix
    assert "SBZ-MC-2024-25-P" not in fix  # not the demo's id form as the model


def test_an_id_longer_than_100_characters_is_reported(mini: Path) -> None:
    set_cell(mini / COMP, 4, "service_request_id", "C" * 100)
    assert run(mini).valid
    set_cell(mini / COMP, 4, "service_request_id", "C" * 101)
    report = run(mini)
    finding = only(report, "wrong-format", COMP)
    assert finding.rows == (4,)
    assert "It is 101 characters long; an id has at most 100." in finding.occurrences(1)[0].fix


def test_a_supplier_id_with_a_control_character_is_reported(mini: Path) -> None:
    suppliers = mini / "spending/suppliers.csv"
    set_cell(suppliers, 3, "supplier_id", get_cell(suppliers, 3, "supplier_id") + "\x1f")
    report = run(mini)
    assert only(report, "wrong-format", "suppliers.csv").rows == (3,)


@pytest.mark.parametrize(
    ("file", "column", "value", "hint"),
    [
        (PAY, "procurement_method", "quotation", "Did you mean 'quotations'?"),
        (PAY, "procurement_method", "Unknown", "leave the cell empty or write 'not recorded'"),
        (COMP, "citizen_feedback", "satisfied ", "Did you mean 'satisfied'?"),
        (COMP, "channel", "not_recorded", "leave the cell empty or write 'not recorded'"),
    ],
)
def test_a_value_outside_the_list_is_still_reported(
    mini: Path, file: str, column: str, value: str, hint: str
) -> None:
    set_cell(mini / file, 5, column, value)
    report = run(mini)
    finding = only(report, "not-in-list", file)
    assert finding.rows == (5,) and finding.column == column
    assert hint in finding.occurrences(1)[0].fix


def test_a_required_value_cannot_be_not_recorded(mini: Path) -> None:
    set_cell(mini / PAY, 5, "supplier_name", "not recorded")
    set_cell(mini / COMP, 5, "status", "not recorded")
    report = run(mini)
    assert only(report, "missing-value", PAY).column == "supplier_name"
    assert only(report, "missing-value", COMP).column == "status"


def test_a_negative_population_is_reported_without_asking_for_another_figure(mini: Path) -> None:
    set_cell(mini / WARDS, 3, "population", "-25400")
    report = run(mini)
    finding = only(report, "below-minimum", WARDS)
    fix = finding.occurrences(1)[0].fix
    assert "cannot be negative" in fix and "Check the figure against the source" in fix
    assert "Enter a value" not in fix


def test_a_bracketed_refund_is_told_to_use_a_minus_sign(mini: Path) -> None:
    set_cell(mini / PAY, 5, "amount", "(1,500.00)")
    report = run(mini)
    fix = only(report, "bad-number", PAY).occurrences(1)[0].fix
    assert "write -1,500.00 instead of '(1,500.00)'" in fix
    assert "minus sign" in fix


@pytest.mark.parametrize("code", ["6991", "a03303", "A3"])
def test_an_object_code_outside_the_nam_chart_is_reported(mini: Path, code: str) -> None:
    set_cell(mini / PAY, 5, "object_code", code)
    report = run(mini)
    finding = only(report, "wrong-format", PAY)
    assert finding.column == "object_code" and finding.rows == (5,)


def test_a_budget_line_of_another_council_is_unknown(mini: Path) -> None:
    """A payment is charged to a line of its own council's budget, of its own year."""
    other = rows_of(mini / BUDGET, "lg_code", "CHP-MC")[0]
    row = rows_of(mini / PAY, "lg_code", "SBZ-MC")[0]
    set_cell(mini / PAY, row, "budget_line_id", get_cell(mini / BUDGET, other, "line_id"))
    report = run(mini)
    finding = only(report, "unknown-reference", PAY)
    assert finding.rows == (row,)
    assert finding.column == "budget_line_id + lg_code + fiscal_year"
    assert finding.column_letter == "F"  # the budget line's own column


def test_a_repeated_id_within_one_council_is_reported(mini: Path) -> None:
    first, second = rows_of(mini / PAY, "lg_code", "SBZ-DC")[:2]
    set_cell(mini / PAY, second, "transaction_id", get_cell(mini / PAY, first, "transaction_id"))
    report = run(mini)
    finding = only(report, "duplicate-id", PAY)
    assert finding.rows == (second,) and finding.column == "transaction_id + lg_code"
    assert finding.column_letter == "A"


# --- the schemas themselves --------------------------------------------------------------------


def _standard_schemas() -> list[Path]:
    return sorted(packages.STANDARD.glob("*/*.schema.json"))


def test_the_demo_uses_the_standard_schemas_unchanged() -> None:
    for path in _standard_schemas():
        demo = ROOT / "datasets" / path.parent.name / path.name
        assert demo.read_bytes() == path.read_bytes(), demo


def test_source_ids_share_one_pattern_and_not_recorded_is_missing_everywhere() -> None:
    for path in _standard_schemas():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert {"", hints.NOT_RECORDED} <= set(schema["missingValues"]), path
        table = f"{path.parent.name}/{path.name.removesuffix('.schema.json')}"
        by_name = {f["name"]: f for f in schema["fields"]}
        for name in SOURCE_IDS.get(table, []):
            assert hints.is_source_id(by_name[name]["constraints"]["pattern"]), (table, name)


def test_money_columns_take_negative_figures() -> None:
    for path in _standard_schemas():
        schema = json.loads(path.read_text(encoding="utf-8"))
        for f in schema["fields"]:
            if f.get("columnType") == "value":
                assert not {"minimum", "exclusiveMinimum"} & set(f.get("constraints", {})), f
