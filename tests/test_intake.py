"""Spreadsheet intake: `python -m pipeline import` turns what clerks export into valid CSV files."""

from __future__ import annotations

import codecs
import csv
import io
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from pipeline import cli
from pipeline.intake import dates, headers, numbers
from pipeline.intake.target import resolve

from conftest import ROOT, read_rows, run_import, write_rows

TABLE = "spending/payments-2024-25"
PAY = "spending/payments-2024-25.csv"
MONTH = 15  # rows at the end of the file, taken out and imported back as "a month"
#: Header variants a council sheet might use, one per schema column, in schema order.
VARIED = [
    "Txn ID",
    "Payment Date",
    " FISCAL YEAR ",
    "LG Code",
    "Dept",
    "Budget Line",
    "Object Code",
    "Supplier Code",
    "Name of Supplier",
    "Amount (Rs.)",
    "Purpose",
    "Procurement Method",
    "Procurement Ref",
    "Voucher No",
]


import_ = run_import  # the import command, as a clerk runs it


def test_the_real_command_runs(mini: Path, tmp_path: Path) -> None:
    """One run through `python -m pipeline`, as a new process: no traceback, exit code 1."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "import",
            str(tmp_path / "x.xls"),
            "--dataset",
            TABLE,
            "--datasets",
            str(mini),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "x.xls does not exist" in result.stderr and "Traceback" not in result.stderr


def take_month(mini: Path) -> tuple[bytes, list[str], list[list[str]]]:
    """Remove the last rows of the payments file; the file as it was, its header and those rows."""
    path = mini / PAY
    original = path.read_bytes()
    rows = read_rows(path)
    write_rows(path, rows[:-MONTH])
    return original, rows[0], rows[-MONTH:]


def sheet_rows(
    header: list[str], rows: list[list[str]], cell: Callable[[str, str], Any] | None = None
) -> list[list[Any]]:
    """A title row, an empty row, the varied header, then the rows as a workbook holds them."""
    names = header
    out: list[list[Any]] = [["Sabzabad District Council: payments, June 2025"], [], list(VARIED)]
    for row in rows:
        out.append([(cell or typed)(n, v) for n, v in zip(names, row, strict=True)])
    return out


def typed(name: str, value: str) -> Any:
    """What Excel holds for a cell: real dates and numbers, empty cells as nothing."""
    if value == "":
        return None
    if name == "payment_date":
        return date.fromisoformat(value)
    if name == "amount":
        return int(value)
    return value


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# --- whole imports, checked end to end --------------------------------------------------


def test_xlsx_month_is_added_and_passes_the_check(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    book = write_xlsx(
        tmp_path / "june.xlsx",
        {"June": sheet_rows(header, month), "Notes": [["Prepared by the accounts branch"]]},
    )
    code, out, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == original
    assert "sheet 'June'" in out and "header in row 3" in out
    assert f": added {MONTH} rows. It now has" in out
    assert "no problems found" in out
    assert "A 'Txn ID'" in out and "→ transaction_id (a known other name)" in out
    assert "B 'Payment Date'" in out and "date cell" not in out  # a date cell is not a change


def test_ods_is_read_like_xlsx(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    path = tmp_path / "june.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        rows = sheet_rows(header, month)
        frame = pd.DataFrame([r + [None] * (len(header) - len(r)) for r in rows])
        frame.to_excel(writer, sheet_name="June", header=False, index=False)
    code, out, err = import_(str(path), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == original


def _csv(rows: list[list[str]], delimiter: str = ",", ending: str = "\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerows(rows)
    return buffer.getvalue()


def _text_rows(header: list[str], month: list[list[str]]) -> list[list[str]]:
    return [["Payments June 2025"], [""] * 3, list(VARIED), *month]


MESSY: dict[str, Callable[[list[list[str]]], bytes]] = {
    "utf8-bom-crlf": lambda r: codecs.BOM_UTF8 + _csv(r, ",", "\r\n").encode("utf-8"),
    "windows-1252-semicolons": lambda r: _csv(r, ";", "\r\n").encode("cp1252"),
    "utf16-tabs": lambda r: _csv(r, "\t", "\r\n").encode("utf-16"),
    "utf16-no-bom": lambda r: _csv(r, "\t", "\r\n").encode("utf-16-le"),
    "trailing-empty-rows": lambda r: _csv([*r, [""] * 14, [""] * 14], ",", "\r\n").encode(),
}


@pytest.mark.parametrize("kind", MESSY)
def test_messy_csv_exports_are_read(mini: Path, tmp_path: Path, kind: str) -> None:
    _original, header, month = take_month(mini)
    month[0][10] = "Café repairs – ward 3"  # a character outside ASCII, inside Windows-1252
    path = tmp_path / "june.csv"
    path.write_bytes(MESSY[kind](_text_rows(header, month)))
    out_path = tmp_path / "out.csv"
    code, out, err = import_(
        str(path), "--dataset", TABLE, "--datasets", str(mini), "--out", str(out_path)
    )
    assert code == 0, out + err
    assert read_rows(out_path) == [header, *month]
    if kind == "trailing-empty-rows":
        assert "Empty rows left out: 2" in out


def test_council_forms_of_dates_and_amounts_are_rewritten(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    forms = ["Rs. {:,}/-", "{:,}.00", "PKR {}", "{}"]

    def cell(name: str, value: str) -> Any:
        if name == "payment_date":  # 03-Jun-2025 (two rows are changed below)
            return date.fromisoformat(value).strftime("%d-%b-%Y")
        if name == "amount":
            return forms[int(value) % len(forms)].format(int(value))
        if name == "procurement_method":
            return value.replace("_", " ").title()
        return value or None

    rows = sheet_rows(header, month, cell)
    rows[4][1] = (date.fromisoformat(month[1][1]) - dates.EXCEL_EPOCH).days  # a date number
    rows[5][1] = date.fromisoformat(month[2][1]).strftime("%Y/%m/%d")
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, out, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == original
    assert "day month-name year written as YYYY-MM-DD" in out
    assert "1 cell: Excel date number written as YYYY-MM-DD" in out
    assert "year/month/day written as YYYY-MM-DD" in out
    assert "removed 'Rs.' or '/-' and digit grouping commas" in out
    assert "written exactly as the allowed value" in out


def test_urdu_headers_and_digits(mini: Path, tmp_path: Path) -> None:
    original, _header, month = take_month(mini)
    target = resolve(TABLE, mini)
    urdu = [f.title_ur for f in target.fields]
    urdu[9] = "رقم"  # the Urdu title is "رقم (روپے)"; plain "amount" is what clerks write
    urdu_digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    arabic_digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    rows: list[list[Any]] = [urdu]
    for n, row in enumerate(month):
        amount = row[9].translate(urdu_digits if n % 2 else arabic_digits)
        rows.append([*row[:9], amount, *row[10:]])
    book = write_xlsx(tmp_path / "urdu.xlsx", {"جون": rows})
    code, out, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == original
    assert "J 'رقم'" in out and "→ amount (a known other name)" in out
    assert "removed Urdu or Arabic digits" in out


def test_excel_date_numbers(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    for row in rows[3:]:
        row[1] = (row[1] - dates.EXCEL_EPOCH).days
    book = write_xlsx(tmp_path / "numbers.xlsx", {"June": rows})
    out_path = tmp_path / "out.csv"
    code, out, _ = import_(
        str(book), "--dataset", TABLE, "--datasets", str(mini), "--out", str(out_path)
    )
    assert code == 0
    assert [r[1] for r in read_rows(out_path)[1:]] == [r[1] for r in month]
    assert f"{MONTH} cells: Excel date number written as YYYY-MM-DD" in out


# --- what is refused ----------------------------------------------------------------------


def _dated(month: list[list[str]], days: list[str]) -> list[list[str]]:
    return [[r[0], d, *r[2:]] for r, d in zip(month, days * len(month), strict=False)]


def test_ambiguous_dates_are_refused_until_the_order_is_given(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    rows = _dated(month, ["03/04/2025", "05/06/2025"])
    path = tmp_path / "june.csv"
    path.write_text(_csv([header, *rows]), encoding="utf-8")
    out_path = tmp_path / "out.csv"
    args = [str(path), "--dataset", TABLE, "--datasets", str(mini), "--out", str(out_path)]
    code, out, err = import_(*args)
    assert code == 1 and out == ""
    assert "'03/04/2025' (row 2) can be read two ways, 2025-04-03 (day first) or 2025-03-04" in err
    assert "--dates day-first" in err
    assert err.startswith("Nothing was imported.")
    assert not out_path.exists()
    code, out, err = import_(*args, "--dates", "day-first")
    assert code == 0, err
    assert read_rows(out_path)[1][1] == "2025-04-03"


def test_one_clear_date_settles_the_column(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    path = tmp_path / "june.csv"
    path.write_text(_csv([header, *_dated(month, ["03/04/2025", "25/06/2025"])]), "utf-8")
    code, _, err = import_(
        str(path), "--dataset", TABLE, "--datasets", str(mini), "--out", str(tmp_path / "o.csv")
    )
    assert code == 0, err
    assert read_rows(tmp_path / "o.csv")[1][1] == "2025-04-03"


def test_mixed_date_orders_are_refused(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    path = tmp_path / "june.csv"
    path.write_text(_csv([header, *_dated(month, ["25/06/2025", "06/25/2025"])]), "utf-8")
    code, _, err = import_(
        str(path), "--dataset", TABLE, "--datasets", str(mini), "--out", str(tmp_path / "o.csv")
    )
    assert code == 1
    assert "mixes dates written day first ('25/06/2025', row 2)" in err
    assert "month first ('06/25/2025', row 3)" in err


def test_an_unknown_column_is_never_dropped_silently(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    rows = [[*r, "checked"] for r in sheet_rows(header, month)]
    rows[2][-1] = "Remarks"
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    args = [str(book), "--dataset", TABLE, "--datasets", str(mini), "--append"]
    code, out, err = import_(*args)
    assert code == 1
    assert "Column O 'Remarks' is not one of the columns of spending/payments-2024-25" in err
    assert '--drop "Remarks"' in err
    code, out, err = import_(*args, "--drop", "Remarks")
    assert code == 0, err
    assert "O 'Remarks'" in out and "left out (--drop)" in out
    assert (mini / PAY).read_bytes() == original


def test_a_missing_required_column_is_refused(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    at = header.index("supplier_name")
    rows = [r[:at] + r[at + 1 :] for r in sheet_rows(header, month)]
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, _, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 1
    assert "no column for 'supplier_name' (Supplier)" in err


def test_two_fitting_sheets_need_a_choice(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    book = write_xlsx(
        tmp_path / "two.xlsx",
        {"May": sheet_rows(header, month[:5]), "June": sheet_rows(header, month)},
    )
    args = [str(book), "--dataset", TABLE, "--datasets", str(mini), "--append"]
    code, _, err = import_(*args)
    assert code == 1
    assert "Several sheets look like spending/payments-2024-25: 'May', 'June'" in err
    assert '--sheet "May"' in err
    assert import_(*args, "--sheet", "July")[0] == 2
    code, _, err = import_(*args, "--sheet", "June")
    assert code == 0, err
    assert (mini / PAY).read_bytes() == original


def test_an_existing_file_is_not_overwritten_unasked(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    book = write_xlsx(tmp_path / "june.xlsx", {"June": sheet_rows(header, month)})
    before = (mini / PAY).read_bytes()
    code, _, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini))
    assert code == 2
    assert "already exists and holds other rows" in err and "--append" in err
    assert (mini / PAY).read_bytes() == before
    code, out, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--replace")
    assert code == 0, out + err
    assert read_rows(mini / PAY) == [header, *month]


def test_appending_a_changed_row_with_a_used_id_is_refused_unless_updating(
    mini: Path, tmp_path: Path
) -> None:
    rows = read_rows(mini / PAY)
    changed = [*rows[5][:9], "999", *rows[5][10:]]
    book = write_xlsx(tmp_path / "again.xlsx", {"June": [rows[0], changed]})
    args = [str(book), "--dataset", TABLE, "--datasets", str(mini)]
    code, _, err = import_(*args, "--append")
    assert code == 1
    key = f"{rows[5][0]} + {rows[5][3]}"  # transaction_id + lg_code: ids are the council's own
    assert f"{key} (row 6 of payments-2024-25.csv)" in err
    assert "--update instead of --append" in err
    code, out, err = import_(*args, "--update")
    assert code == 0, out + err
    assert f"replaced 1 row with the sheet's version ({key})." in out
    after = read_rows(mini / PAY)
    assert after[5] == changed and after[:5] == rows[:5] and after[6:] == rows[6:]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dataset", "spending"], "--dataset wants PACKAGE/TABLE"),
        (["--dataset", "spendings/payments-2024-25"], "There is no dataset 'spendings'"),
        (["--dataset", "spending/paymnts"], "has no table 'paymnts'"),
        (["--dataset", "spending/payments-2031"], "name the family: spending/payments"),
    ],
)
def test_usage_errors_exit_2(mini: Path, tmp_path: Path, args: list[str], message: str) -> None:
    book = write_xlsx(tmp_path / "x.xlsx", {"S": [["a"]]})
    code, _, err = import_(str(book), *args, "--datasets", str(mini))
    assert code == 2
    assert message in err


def test_files_that_are_not_spreadsheets(mini: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    code, _, err = import_(str(old), "--dataset", TABLE, "--datasets", str(mini))
    assert code == 1 and "old Excel workbook (.xls)" in err
    code, _, err = import_(str(tmp_path / "none.xlsx"), "--dataset", TABLE, "--datasets", str(mini))
    assert code == 2 and "does not exist" in err


# --- idempotence and the round trip -----------------------------------------------------


def test_importing_the_output_again_changes_nothing(mini: Path, tmp_path: Path) -> None:
    path = mini / PAY
    before = path.read_bytes()
    # The table may also be named by its file.
    code, out, err = import_(str(path), "--dataset", f"datasets/{PAY}", "--datasets", str(mini))
    assert code == 0, err
    assert "already holds exactly this: nothing to change" in out
    assert path.read_bytes() == before
    copy = tmp_path / "copy.csv"
    assert (
        import_(str(path), "--dataset", TABLE, "--datasets", str(mini), "--out", str(copy))[0] == 0
    )
    assert copy.read_bytes() == before
    code, out, _ = import_(str(path), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0 and "rows are already in" in out, out
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
def test_round_trip_of_a_committed_file_is_byte_for_byte(mini: Path, tmp_path: Path) -> None:
    """A year's payments file, exported to Excel with other headers, comes back exactly as it
    was."""
    source = mini / "spending/payments-2025-26.csv"
    rows = read_rows(source)
    book = write_xlsx(tmp_path / "year.xlsx", {"2025-26": sheet_rows(rows[0], rows[1:])})
    out_path = tmp_path / "payments-2025-26.csv"
    code, out, err = import_(
        str(book), "--dataset", "spending/payments-2025-26", "--datasets", str(mini),
        "--out", str(out_path),
    )  # fmt: skip
    assert code == 0, out + err
    assert out_path.read_bytes() == source.read_bytes()


# --- the pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rs. 1,20,000", "120000"),
        ("1,20,000.00", "120000"),
        ("Rs 1,200,000/-", "1200000"),
        ("١٢٠", "120"),
        ("۱۲۰", "120"),
        ("۱٬۲۰۰٫۵", "1200.5"),
        ("(500)", "-500"),
        ("120000", "120000"),
        ("12,00", None),  # a decimal comma, or a typo: not guessed
        ("1.200.000", None),
        ("about 500", None),
    ],
)
def test_amounts(text: str, expected: str | None) -> None:
    got = numbers.read_amount(text)
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-03", "2024-07-03"),
        ("2024/07/03", "2024-07-03"),
        ("03-Jul-2024", "2024-07-03"),
        ("3 July 2024", "2024-07-03"),
        ("Jul 3, 2024", "2024-07-03"),
        ("03-Jul-24", "2024-07-03"),
        ("45476", "2024-07-03"),
        ("۲۰۲۴-۰۷-۰۳", "2024-07-03"),
        ("31/02/2024", None),
        ("2024-13-01", None),
        ("yesterday", None),
    ],
)
def test_dates(text: str, expected: str | None) -> None:
    got = dates.read(text)
    assert (got.day.isoformat() if got else None) == expected


def test_header_names_compare_loosely() -> None:
    assert headers.normal(" AMOUNT ") == headers.normal("amount") == "amount"
    assert headers.bare("Amount (Rs.)") == "amount"
    assert headers.normal("Payment_Date") == headers.normal("Payment Date")
    assert headers.normal("رقم") == headers.normal("رقم\u200c")
    assert headers.normal("كوڈ") == headers.normal("کوڈ")  # Arabic and Urdu kaf


def _all_tables(datasets: Path) -> list[Any]:
    """Every table of the engine's packages (as the sample generator writes them)."""
    return [
        resolve(f"{p.parent.name}/{r}", datasets)
        for p in datasets.glob("*/datapackage.json")
        for r in _tables(p)
    ]


def test_every_synonym_names_a_column_and_is_unambiguous(mini_source: Path) -> None:
    """Each synonym belongs to a real column and means one column in every table that has it."""
    tables = _all_tables(mini_source)
    columns = {f.name for t in tables for f in t.fields}
    table = headers.synonyms()
    assert set(table) <= columns, set(table) - columns
    for target in tables:
        keys = headers._keys(target.fields)
        for name in target.names:
            for label in table.get(name, ()):
                fields = headers.identify(label, keys)
                assert set(fields) == {name}, (target.name, label, fields)


def _tables(descriptor: Path) -> list[str]:
    import json

    data = json.loads(descriptor.read_text(encoding="utf-8"))
    return [r["name"] for r in data["resources"] if "schema" in r]


def test_cli_usage_mistakes(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = import_("x.xlsx", "--datasets", str(mini))
    assert code == 2 and "Say where the rows go: --dataset PACKAGE/TABLE" in err
    with pytest.raises(SystemExit):
        cli.main(["import", "x.xlsx", "--dataset", TABLE, "--append", "--replace"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    from pipeline.intake import output

    target = tmp_path / "a.csv"
    output.write_atomic(target, b"x\n")
    output.write_atomic(target, b"y\n")
    assert target.read_bytes() == b"y\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_datetime_columns_get_pakistan_time(mini: Path, tmp_path: Path) -> None:
    comp = mini / "complaints/complaints-2024-25.csv"
    rows = read_rows(comp)
    header, first = rows[0], rows[1]
    index = header.index("requested_datetime")
    when = datetime.fromisoformat(first[index]).replace(tzinfo=None)
    sheet = [header, [*first[:index], when, *first[index + 1 :]]]
    book = write_xlsx(tmp_path / "c.xlsx", {"Complaints": sheet})
    out_path = tmp_path / "c.csv"
    code, out, err = import_(
        str(book), "--dataset", "complaints/complaints-2024-25", "--datasets", str(mini),
        "--out", str(out_path),
    )  # fmt: skip
    assert code == 0, out + err
    assert read_rows(out_path)[1] == first


def test_serial_numbers_and_total_rows_are_left_out_and_said(mini: Path, tmp_path: Path) -> None:
    original, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    rows[2] = ["Sr. No", *rows[2]]
    for n, row in enumerate(rows[3:], start=1):
        row.insert(0, n)
    rows += [[], [None] * 10 + ["Total", sum(int(r[9]) for r in month)]]
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, out, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == original
    assert "A 'Sr. No'" in out and "left out (it only numbers the rows 1, 2, 3…)" in out
    assert f"Total rows left out: 1 (row {MONTH + 5})" in out
    assert f"Empty rows left out: 1 (row {MONTH + 4})" in out


def test_a_numbers_column_that_does_not_count_rows_is_refused(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    rows[2] = ["Sr. No", *rows[2]]
    for row in rows[3:]:
        row.insert(0, 7)
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, _, err = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 1
    assert "Column A 'Sr. No' is not one of the columns" in err


def test_every_synonym_adds_something_and_is_documented(mini_source: Path) -> None:
    """No synonym repeats a name or title the column already has, and docs/intake.md lists
    each one (the file is the list clerks read)."""
    tables = _all_tables(mini_source)
    docs = (ROOT / "docs/intake.md").read_text(encoding="utf-8")
    for name, labels in headers.synonyms().items():
        owners = [f for t in tables for f in t.fields if f.name == name]
        for label in labels:
            assert any(
                headers.normal(label)
                not in {headers.normal(x) for x in (f.name, f.title, f.title_ur)}
                for f in owners
            ), (name, label)
        assert f"| `{name}` | {', '.join(labels)} |" in docs, name
    assert ", ".join(headers.serial_names()) in docs


def test_problems_the_check_finds_are_shown_in_the_sheet(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    rows[5][7] = "SUP-0041"  # sheet row 6, column H: no such supplier
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, out, _ = import_(str(book), "--dataset", TABLE, "--datasets", str(mini), "--append")
    assert code == 1
    assert "[ERROR] Unknown code (unknown-reference)" in out
    file_row = len(read_rows(mini / PAY)) - MONTH + 3
    assert (
        "In your sheet 'June' (june.xlsx), fix:\n"
        f"  row 6, column H 'Supplier Code': Unknown code (row {file_row} of the file)\n"
    ) in out


def test_cells_that_cannot_be_read_are_kept_and_listed(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    rows[4][9] = "about 500"
    rows[6][1] = "last Tuesday"
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    out_path = tmp_path / "out.csv"
    code, out, _ = import_(
        str(book), "--dataset", TABLE, "--datasets", str(mini), "--out", str(out_path)
    )
    assert code == 0
    assert "1 cell left as it was, not readable as amount: row 5 (first: 'about 500')" in out
    assert "not readable as payment_date: row 7 (first: 'last Tuesday')" in out
    assert read_rows(out_path)[2][9] == "about 500"


def test_the_command_line_names_the_date_orders_intake_knows() -> None:
    from pipeline import cli
    from pipeline.intake import dates

    assert cli.DATE_ORDERS == (dates.DAY_FIRST, dates.MONTH_FIRST)


def test_a_missing_fiscal_year_is_offered_from_the_date(mini: Path, tmp_path: Path) -> None:
    """A council's export has a date but no fiscal year: the refusal says how to derive it."""
    sheet = tmp_path / "november.csv"
    write_rows(sheet, [["Date", "Department", "Supplier", "Amount"],
                       ["2025-11-05", "ENG", "Al-Noor Builders", "120000"]])  # fmt: skip
    code, out, err = import_(str(sheet), "--dataset", "spending/payments", "--datasets", str(mini))
    assert code == 1 and out == ""
    assert "The sheet has no column for " in err and "'fiscal_year' (Fiscal year)" in err
    assert "The fiscal year can be worked out from each row's date: add --fiscal-year-from " \
        "payment_date." in err  # fmt: skip
