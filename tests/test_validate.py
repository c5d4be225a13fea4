"""One broken fixture per problem code: the validator names the code, file, row and column."""

from __future__ import annotations

import codecs
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import cli, settings
from pipeline.validate import codes, validate
from pipeline.validate.findings import Report

from conftest import get_cell, read_rows, set_cell, write_rows

PAY = "spending/payments-2024-25.csv"
COMP = "complaints/complaints-2024-25.csv"
Where = tuple[str, int | None, str | None]  # file (inside datasets/), row, column


def run(root: Path, *paths: Path) -> Report:
    return validate(list(paths) or [root], settings.load(None))


def first_row(path: Path, column: str, value: str) -> int:
    rows = read_rows(path)
    index = rows[0].index(column)
    return next(i + 1 for i, row in enumerate(rows) if i and row[index] == value)


# --- mutations: each breaks one thing and says where it should be reported ---------------


def empty_file(d: Path) -> Where:
    (d / PAY).write_bytes(b"")
    return PAY, None, None


def header_only(d: Path) -> Where:
    write_rows(d / PAY, read_rows(d / PAY)[:1])
    return PAY, None, None


def xlsx_renamed(d: Path) -> Where:
    with zipfile.ZipFile(d / PAY, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return PAY, None, None


def windows_1252(d: Path) -> Where:
    set_cell(d / PAY, 6, "purpose", "Café repairs – ward 3")
    data = (d / PAY).read_text(encoding="utf-8").encode("cp1252")
    (d / PAY).write_bytes(data)
    return PAY, 6, None


def utf16(d: Path) -> Where:
    text = (d / PAY).read_text(encoding="utf-8")
    (d / PAY).write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return PAY, 1, None


def semicolons(d: Path) -> Where:
    write_rows(d / PAY, read_rows(d / PAY), delimiter=";")
    return PAY, None, None


def drop_column(d: Path) -> Where:
    rows = read_rows(d / PAY)
    index = rows[0].index("voucher_no")
    write_rows(d / PAY, [r[:index] + r[index + 1 :] for r in rows])
    return PAY, None, "voucher_no"


def add_column(d: Path) -> Where:
    rows = read_rows(d / PAY)
    write_rows(d / PAY, [[*r, "remarks" if i == 0 else "ok"] for i, r in enumerate(rows)])
    return PAY, 1, "remarks"


def rename_column(d: Path) -> Where:
    rows = read_rows(d / PAY)
    rows[0][rows[0].index("amount")] = "Amount (Rs.)"
    write_rows(d / PAY, rows)
    return PAY, 1, "amount"


def duplicate_column(d: Path) -> Where:
    rows = read_rows(d / PAY)
    write_rows(d / PAY, [[*r, r[0]] for r in rows])
    return PAY, None, "transaction_id"


def blank_column_name(d: Path) -> Where:
    rows = read_rows(d / PAY)
    write_rows(d / PAY, [[*r, ""] for r in rows])
    return PAY, None, None


def swap_columns(d: Path) -> Where:
    rows = read_rows(d / PAY)
    for r in rows:
        r[1], r[2] = r[2], r[1]
    write_rows(d / PAY, rows)
    return PAY, 1, "payment_date"


def blank_row(d: Path) -> Where:
    rows = read_rows(d / PAY)
    rows.insert(4, [""] * len(rows[0]))
    write_rows(d / PAY, rows)
    return PAY, 5, None


def extra_cells(d: Path) -> Where:
    rows = read_rows(d / PAY)
    rows[6].append("stray")
    write_rows(d / PAY, rows)
    return PAY, 7, None


def missing_cells(d: Path) -> Where:
    rows = read_rows(d / PAY)
    rows[6] = rows[6][:-2]
    write_rows(d / PAY, rows)
    return PAY, 7, None


def cell(file: str, row: int, column: str, value: str) -> Callable[[Path], Where]:
    def mutate(d: Path) -> Where:
        set_cell(d / file, row, column, value)
        return file, row, column

    mutate.__name__ = f"{column}={value!r}"
    return mutate


def duplicate_id(d: Path) -> Where:
    """Ids are unique within a council: the key is the id with the council's code."""
    for column in ("transaction_id", "lg_code"):
        set_cell(d / PAY, 8, column, get_cell(d / PAY, 3, column))
    return PAY, 8, "transaction_id + lg_code"


def duplicate_id_across_files(d: Path) -> Where:
    for column in ("transaction_id", "lg_code"):
        set_cell(d / PAY, 4, column, get_cell(d / "spending/payments-2023-24.csv", 2, column))
    return PAY, 4, "transaction_id + lg_code"


def unknown_budget_line(d: Path) -> Where:
    """A payment's budget line is looked up in its own council's budget of its year."""
    set_cell(d / PAY, 6, "budget_line_id", "SBZ-MC-2024-25-9999")
    return PAY, 6, "budget_line_id + lg_code + fiscal_year"


def outside_fiscal_year(d: Path) -> Where:
    set_cell(d / PAY, 5, "payment_date", "2025-07-01")
    return PAY, 5, "payment_date"


def wrong_year_file(d: Path) -> Where:
    set_cell(d / PAY, 5, "fiscal_year", "2023-24")
    return PAY, 5, "fiscal_year"


def resolved_before_received(d: Path) -> Where:
    row = first_row(d / COMP, "status", "closed")
    set_cell(d / COMP, row, "resolved_datetime", "2024-07-01T00:00:00+05:00")
    set_cell(d / COMP, row, "requested_datetime", "2024-07-02T09:00:00+05:00")
    return COMP, row, "resolved_datetime"


def closed_without_time(d: Path) -> Where:
    row = first_row(d / COMP, "status", "closed")
    set_cell(d / COMP, row, "resolved_datetime", "")
    return COMP, row, "resolved_datetime"


def open_with_time(d: Path) -> Where:
    row = first_row(d / COMP, "status", "closed")
    set_cell(d / COMP, row, "status", "open")
    set_cell(d / COMP, row, "status_detail", "in_progress")
    return COMP, row, "resolved_datetime"


def missing_file(d: Path) -> Where:
    (d / PAY).unlink()
    return PAY, None, None


def bad_geojson(d: Path) -> Where:
    (d / "local-governments/wards.geojson").write_text("{not json", encoding="utf-8")
    return "local-governments/wards.geojson", None, None


CASES: list[tuple[str, Callable[[Path], Where]]] = [
    ("empty-file", empty_file),
    ("no-data-rows", header_only),
    ("not-a-csv", xlsx_renamed),
    ("wrong-encoding", windows_1252),
    ("wrong-encoding", utf16),
    ("wrong-delimiter", semicolons),
    ("missing-column", drop_column),
    ("extra-column", add_column),
    ("renamed-column", rename_column),
    ("duplicate-column", duplicate_column),
    ("blank-column-name", blank_column_name),
    ("column-order", swap_columns),
    ("blank-row", blank_row),
    ("extra-cells", extra_cells),
    ("missing-cells", missing_cells),
    ("missing-value", cell(PAY, 3, "supplier_name", "")),
    ("bad-date", cell(PAY, 6, "payment_date", "31/12/2024")),
    ("bad-datetime", cell(COMP, 4, "requested_datetime", "2024-08-14 10:32")),
    ("bad-number", cell(PAY, 9, "amount", "Rs. 1,20,000")),
    ("bad-integer", cell(COMP, 5, "reopened_count", "one")),
    ("bad-value", cell("local-governments/local-governments.csv", 2, "website", "not a link")),
    ("not-in-list", cell(COMP, 6, "status", "Closed")),
    ("not-in-list", cell(COMP, 6, "citizen_feedback", "Satisfied")),
    ("wrong-format", cell(PAY, 7, "lg_code", "sbz-mc")),
    ("below-minimum", cell("local-governments/wards.csv", 4, "population", "-5000")),
    ("duplicate-id", duplicate_id),
    ("duplicate-id-across-files", duplicate_id_across_files),
    ("unknown-reference", cell(PAY, 5, "supplier_id", "SUP-99999")),
    ("unknown-reference", unknown_budget_line),
    ("unknown-reference", cell(COMP, 7, "ward_code", "SBZ-MC-W99")),
    ("date-outside-fiscal-year", outside_fiscal_year),
    ("bad-fiscal-year", cell(PAY, 8, "fiscal_year", "2024-26")),
    ("wrong-year-file", wrong_year_file),
    ("resolved-before-received", resolved_before_received),
    ("closed-without-resolved-time", closed_without_time),
    ("open-with-resolved-time", open_with_time),
    ("zero-amount", cell(PAY, 4, "amount", "0.00")),
    ("personal-data", cell(COMP, 3, "description", "Call me on 0300-1234567 please")),
    ("personal-data", cell(COMP, 3, "status_notes", "CNIC 35202-1234567-1 verified")),
    ("personal-data", cell(COMP, 3, "description", "write to ali.khan@example.com")),
    ("file-missing", missing_file),
    ("unreadable-file", bad_geojson),
]


@pytest.mark.parametrize(("code", "mutate"), CASES, ids=[f"{c}:{m.__name__}" for c, m in CASES])
def test_broken_fixture_is_reported_where_it_is(mini: Path, code: str, mutate) -> None:
    file, row, column = mutate(mini)
    report = run(mini)
    assert report.valid is (codes.CODES[code].severity == "warning")  # warnings never block
    matches = [f for f in report.findings if f.code == code and f.file.endswith(file)]
    assert matches, f"{code} not reported; got {[(f.code, f.file) for f in report.findings]}"
    finding = matches[0]
    if row is not None:
        assert row in finding.rows
    if column is not None:
        assert finding.column == column
        assert finding.column_letter is not None or code in ("missing-column",)
    occurrence = finding.occurrences(1)[0]
    assert occurrence.message and occurrence.fix
    assert "{" not in occurrence.message + occurrence.fix  # every template filled


def test_every_code_has_a_broken_fixture_or_a_unit_test() -> None:
    covered = {code for code, _ in CASES} | {
        "file-not-listed",
        "above-maximum",
        "duplicate-value",
        "constraint-failed",
    }
    assert covered == set(codes.CODES)


def test_sample_data_is_clean(mini: Path) -> None:
    report = run(mini)
    assert report.valid, [f.summary() for f in report.errors]
    assert report.rows_checked > 600


def test_excel_realities_are_accepted(mini: Path) -> None:
    """UTF-8 with a BOM, CRLF line ends and trailing empty rows, as Excel writes them."""
    rows = read_rows(mini / PAY)
    rows += [[""] * len(rows[0])] * 3
    write_rows(mini / PAY, rows, lineterminator="\r\n")
    data = (mini / PAY).read_bytes()
    (mini / PAY).write_bytes(codecs.BOM_UTF8 + data + b"\r\n\r\n")
    report = run(mini)
    assert report.valid, [f.summary() for f in report.errors]


def test_file_not_listed_is_a_warning(mini: Path) -> None:
    (mini / "spending/payments-2027-28.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    report = run(mini)
    assert report.valid
    assert [f.code for f in report.warnings] == ["file-not-listed"]


def test_messages_speak_to_a_clerk(mini: Path) -> None:
    set_cell(mini / PAY, 6, "payment_date", "31/12/2024")
    set_cell(mini / COMP, 6, "status", "Closed")
    set_cell(mini / PAY, 9, "amount", "Rs. 1,20,000")
    report = run(mini)
    by_code = {f.code: f for f in report.findings}
    date = by_code["bad-date"].occurrences(1)[0]
    assert date.column_letter == "B"
    assert "2024-12-31" in date.fix
    assert "Did you mean 'closed'?" in by_code["not-in-list"].occurrences(1)[0].fix
    assert "Write 1,20,000 instead of 'Rs. 1,20,000'" in by_code["bad-number"].occurrences(1)[0].fix


def test_repeats_are_grouped_and_capped(mini: Path) -> None:
    rows = read_rows(mini / PAY)
    index = rows[0].index("amount")
    for r in rows[1:]:
        r[index] = "Rs. 500"
    write_rows(mini / PAY, rows)
    report = run(mini)
    [finding] = [f for f in report.findings if f.code == "bad-number"]
    assert finding.count == len(rows) - 1
    summary = finding.summary(rows_shown=3)
    assert f"{len(rows) - 1} times (rows 2, 3, 4 … and {len(rows) - 4} more)" in summary


def test_personal_data_is_masked_in_reports(mini: Path) -> None:
    set_cell(mini / COMP, 3, "description", "my CNIC is 35202-1234567-1")
    report = run(mini)
    text = json.dumps([o.as_dict() for o in report.flatten()])
    assert "35202-1234567-1" not in text
    assert "*****-*******-*" in text


def test_one_file_can_be_checked_alone(mini: Path) -> None:
    set_cell(mini / COMP, 4, "status", "Closed")
    report = run(mini, mini / PAY)
    assert report.valid
    assert report.files_checked == [str(Path(report.files_checked[0]))]


# --- the command line ------------------------------------------------------------------


def test_cli_exit_codes_and_json(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(mini)]) == 0
    assert "All good" in capsys.readouterr().out
    set_cell(mini / PAY, 6, "payment_date", "31/12/2024")
    assert cli.main(["validate", str(mini), "--json"]) == 1
    items = json.loads(capsys.readouterr().out)
    [item] = [i for i in items if i["code"] == "bad-date"]
    assert {"code", "file", "row", "column", "value", "message", "fix"} <= set(item)
    assert item["row"] == 6 and item["column"] == "payment_date" and item["value"] == "31/12/2024"
    assert item["file"].endswith(PAY)


def test_cli_html_report(mini: Path, tmp_path: Path) -> None:
    set_cell(mini / PAY, 6, "purpose", "<script>alert(1)</script>")
    set_cell(mini / PAY, 7, "payment_date", "31/12/2024")
    page = tmp_path / "report.html"
    assert cli.main(["validate", str(mini), "--html", str(page)]) == 1
    html = page.read_text(encoding="utf-8")
    assert "31/12/2024" in html and "<script>" not in html


def test_cli_usage_errors_exit_2(mini: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["validate", str(tmp_path / "nowhere")]) == 2
    (mini / "budget/datapackage.json").write_text("{broken", encoding="utf-8")
    assert cli.main(["validate", str(mini)]) == 2
    err = capsys.readouterr().err
    assert "datapackage.json is not valid JSON" in err and "Traceback" not in err
    bad_settings = tmp_path / "settings.toml"
    bad_settings.write_text("fiscal_year_start_mnth = 7\n", encoding="utf-8")
    assert cli.main(["validate", str(mini), "--settings", str(bad_settings)]) == 2
    assert "Did you mean 'fiscal_year_start_month'?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["validate", "--no-such-flag"])
    assert exit_info.value.code == 2


def test_internal_errors_are_not_blamed_on_the_data(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "validate", broken)
    assert cli.main(["validate", str(mini)]) == 2
    err = capsys.readouterr().err
    assert "not a problem with your data" in err and "Traceback" not in err
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "validate", str(mini)])


def test_a_lone_carriage_return_in_the_header_is_not_a_crash(mini: Path) -> None:
    """Found by hypothesis: old Mac line ends (a bare CR) inside the first line."""
    (mini / PAY).write_bytes(b"transaction_id\rpayment_date,x\n1,2\n")
    report = run(mini)
    assert not report.valid
    assert {f.code for f in report.findings if f.file.endswith(PAY)} <= {
        "missing-column", "extra-column", "renamed-column", "extra-cells", "missing-cells",
        "unreadable-file", "no-data-rows", "column-order", "missing-value", "wrong-format",
        "bad-date", "blank-row",
    }  # fmt: skip
