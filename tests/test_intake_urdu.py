"""The import's report and refusals in Urdu: the same catalogue as the site, chosen by the site's
`language` setting or `--lang` (the flag wins). Data (files, columns, rows, values, options) stays
as it is, isolated left to right."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from pipeline import cli, open311
from pipeline.intake.target import resolve

from conftest import read_rows, run_import, write_rows
from test_intake import MONTH, PAY, TABLE, _csv, sheet_rows, take_month, write_xlsx
from test_profiles import PROFILE, departments, export, first_flags, take, write_profile
from test_validate_urdu import (
    PLACEHOLDER,
    URDU_PO,
    _without_data,
    ltr,
    pattern,
    untranslated_latin,
)

#: The Urdu catalogue's messages of the import, its command line and the validator it runs.
SOURCES = ("pipeline/intake/", "pipeline/cli.py", "pipeline/validate/", "pipeline/open311.py")


run = run_import  # the import command, as a clerk runs it


def complaints(*args: str) -> tuple[int, str, str]:
    """``python -m pipeline import-complaints …`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["import-complaints", *args])
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


def service_export(path: Path, *records: dict[str, str]) -> Path:
    """An export of the intake service (pipeline.open311.EXPORT_FIELDS) with these records."""
    base = {
        "service_request_id": "SBZ-MC-C9000001", "lg_code": "SBZ-MC", "ward_code": "SBZ-MC-W03",
        "service_code": "drain_blocked", "description": "Drain blocked", "status": "open",
        "status_detail": "open", "status_notes": "", "agency_responsible": "WSS",
        "channel": "portal", "requested_datetime": "2027-06-30T18:30:00+00:00",
        "updated_datetime": "2027-06-30T18:30:00+00:00", "expected_datetime": "",
        "resolved_datetime": "", "citizen_feedback": "none", "reopened_count": "0",
    }  # fmt: skip
    rows = [list(open311.EXPORT_FIELDS)]
    rows += [[{**base, **r}[name] for name in open311.EXPORT_FIELDS] for r in records]
    write_rows(path, rows)
    return path


def misspelt_supplier(mini: Path, tmp_path: Path) -> Path:
    """A CSV file of three payments whose supplier_name header is misspelt."""
    rows = read_rows(mini / PAY)
    header = ["Supplier nme" if h == "supplier_name" else h for h in rows[0]]
    path = tmp_path / "june.csv"
    write_rows(path, [header, *rows[1:4]])
    return path


def headless(tmp_path: Path) -> Path:
    path = tmp_path / "odd.csv"
    write_rows(path, [["Monthly statement"], ["Ref", "When", "How much"], ["1", "x", "3"]])
    return path


# --- the words of key messages, pinned -----------------------------------------------------

HEADER, DROP = '--header "Supplier nme=COLUMN"', '--drop "Supplier nme"'
WHICH, MAP = '--header "SHEET HEADER=COLUMN"', '--map "dept_code:VALUE=CODE"'


def test_an_unknown_header_with_its_near_match_in_urdu(mini: Path, tmp_path: Path) -> None:
    path = misspelt_supplier(mini, tmp_path)
    title = resolve(TABLE, mini).field("supplier_name").title_ur  # type: ignore[union-attr]
    assert re.fullmatch("[\u0600-\u06ff ]+", title)
    code, out, err = run(str(path), "--dataset", TABLE, "--datasets", str(mini), "--lang", "ur")
    assert code == 1 and out == ""
    assert err.startswith(
        f"کچھ امپورٹ نہیں ہوا۔ شیٹ '{ltr('june')}' سے {ltr(TABLE)} امپورٹ نہیں ہو سکتا (کالموں "
        "کے نام قطار 1 میں):\n"
        f"- کالم {ltr('I')} '{ltr('Supplier nme')}'، {ltr(TABLE)} کے کالموں میں سے نہیں۔ کیا آپ "
        f"کا مطلب '{ltr('supplier_name')}' ({title}) ہے؟ اس کا نام بدل کر وہ لکھیں جو یہ کالم "
        f"اصل میں ہے، یا {ltr(HEADER)} سے امپورٹ کو بتائیں، یا "
        f"{ltr(DROP)} سے اسے چھوڑ دیں (جب تک آپ نہ کہیں، کچھ نہیں چھوڑا "
        "جاتا)۔\n"
    )
    assert err.endswith(
        f"{ltr(TABLE)} کے کالم یہ ہیں: {ltr(', '.join(read_rows(mini / PAY)[0]))}۔\n"
    )


def test_a_header_row_not_found_lists_what_the_sheet_begins_with(
    mini: Path, tmp_path: Path
) -> None:
    path = headless(tmp_path)
    args = [str(path), "--dataset", "spending/payments", "--datasets", str(mini), "--lang", "ur"]
    code, _, err = run(*args)
    columns = ", ".join(read_rows(mini / PAY)[0])
    first, second, third = "'Monthly statement'", "'Ref', 'When', 'How much'", "'1', 'x', '3'"
    assert code == 1
    assert err == (
        f"کچھ امپورٹ نہیں ہوا۔ کسی شیٹ میں ایسی قطار نہیں ملی جس میں {ltr('spending/payments')} "
        f"کے کالموں ({ltr(columns)}) کے نام ہوں۔ دیکھ لیں کہ آپ نے درست ڈیٹا سیٹ چنا ہے، اور "
        "کالموں کے نام شیٹ کے اوپر والے حصے میں ایک ہی قطار میں لکھے ہیں۔ اگر شیٹ میں کالموں کے "
        f"نام کچھ اور ہیں تو {ltr(WHICH)} سے (یا پروفائل کے "
        f"{ltr('[headers]')} حصے میں) بتائیں کہ کون سا کالم کیا ہے۔\n"
        f"شیٹ '{ltr('odd')}' یوں شروع ہوتی ہے:\n"
        f"  قطار 1: {ltr(first)}\n"
        f"  قطار 2: {ltr(second)}\n"
        f"  قطار 3: {ltr(third)}\n"
    )


def test_a_value_without_a_code_names_the_lines_to_add(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 8)
    flags = [f for f in first_flags(mini, month) if not f.startswith("dept_code:") and f != "--map"]
    flags += ["--map", "dept_code:Nothing like it=ADM", "--lang", "ur"]
    path = export(mini, tmp_path / "june.csv", month)
    code, out, err = run(str(path), *flags)
    assert code == 1 and out == ""
    lines = err.splitlines()
    missing = len(lines) - 1
    column = "C 'Service Area'"
    assert lines[0] == (
        f"کچھ امپورٹ نہیں ہوا۔ کالم {ltr(column)} ← {ltr('dept_code')}: کمانڈ لائن "
        f"کی کوڈ فہرست میں ان قدروں کا کوئی کوڈ نہیں ({missing})۔ انہیں وہاں "
        f"{ltr('[crosswalk.dept_code]')} کے نیچے شامل کریں (یا ہر ایک "
        f"{ltr(MAP)} سے دیں)، اور ہر ایک کے سامنے اس کا کوڈ لکھیں:"
    )
    line = f'"{departments(mini)[month[0][4]]}" = "CODE"'
    rows = [str(n) for n, row in enumerate(month, start=2) if row[4] == month[0][4]]
    assert (
        lines[1] == f"  {ltr(line)}   # قطار {ltr(', '.join(rows[:3]) + (' …' * (len(rows) > 3)))}"
    )


def test_the_mapping_report_in_urdu(mini: Path, tmp_path: Path) -> None:
    _, header, month = take_month(mini)
    book = write_xlsx(tmp_path / "june.xlsx", {"June": sheet_rows(header, month)})
    code, out, err = run(
        str(book), "--dataset", TABLE, "--datasets", str(mini), "--append", "--lang", "ur"
    )
    assert code == 0, out + err
    lines = out.splitlines()
    assert lines[:3] == [
        f"{ltr('june.xlsx')} پڑھی گئی، شیٹ '{ltr('June')}' (ایکسل ورک بک): کالموں کے نام قطار 3 "
        f"میں، ڈیٹا کی {MONTH} قطاریں۔",
        "",
        f"کالم (شیٹ ← {ltr(TABLE)}):",
    ]
    column = "A 'Txn ID'"
    assert re.fullmatch(
        f"  {ltr(column)} +← {ltr('transaction_id')} \\(اس کا ایک معروف دوسرا نام\\)", lines[3]
    )
    # The columns line up as the clerk sees them: the marks that isolate data take no room.
    arrows = {re.sub("[\u2066\u2069]", "", line).index("←") for line in lines[3:17]}
    assert len(arrows) == 1
    total = len(read_rows(mini / PAY)) - 1
    assert (
        f"{ltr(str(mini / PAY))} تازہ کی گئی: {MONTH} قطاریں شامل کی گئیں۔ اب اس میں کل "
        f"{total} قطاریں ہیں۔"
    ) in lines
    assert lines[-1] == (
        f"{ltr(str(mini / PAY))} کی جانچ ہو گئی: کوئی مسئلہ نہیں ملا۔ اب اسے بھیج دیں "
        f"({ltr('docs/clerk-guide.md')}، تیسرا قدم)۔"
    )


def test_an_unknown_profile_key_in_urdu(mini: Path, tmp_path: Path) -> None:
    path = write_profile(mini, 'datasett = "spending/payments"\n')
    code, out, err = run(
        str(headless(tmp_path)), "--profile", "p", "--datasets", str(mini), "--lang", "ur"
    )
    assert code == 2 and out == ""
    keys = "dataset, sheet, dates, mode, utc_offset, ignore, headers, constants, derive, "
    keys += "crosswalk, keep"
    assert err == (
        f"کچھ امپورٹ نہیں ہوا۔ {ltr(str(path))}: نامعلوم سیٹنگ '{ltr('datasett')}'۔ کیا آپ کا "
        f"مطلب '{ltr('dataset')}' ہے؟ پروفائل میں یہ سیٹنگز ہو سکتی ہیں: {ltr(keys)}۔\n"
    )


def test_the_check_after_an_import_and_where_to_fix_it_in_the_sheet(
    mini: Path, tmp_path: Path
) -> None:
    _, header, month = take_month(mini)
    rows = sheet_rows(header, month)
    rows[5][7] = "SUP-0041"  # sheet row 6, column H: no such supplier
    book = write_xlsx(tmp_path / "june.xlsx", {"June": rows})
    code, out, _ = run(
        str(book), "--dataset", TABLE, "--datasets", str(mini), "--append", "--lang", "ur"
    )
    assert code == 1
    assert f"[غلطی] نامعلوم کوڈ ({ltr('unknown-reference')})" in out
    file_row = len(read_rows(mini / PAY)) - MONTH + 3
    column = "H 'Supplier Code'"
    assert out.endswith(
        f"اپنی شیٹ '{ltr('June')}' ({ltr('june.xlsx')}) میں یہ درست کریں:\n"
        f"  قطار 6، کالم {ltr(column)}: نامعلوم کوڈ (فائل کی قطار {file_row})\n"
    )


def test_the_english_of_the_same_messages_is_unchanged(mini: Path, tmp_path: Path) -> None:
    code, _, err = run(str(misspelt_supplier(mini, tmp_path)), "--dataset", TABLE,
                       "--datasets", str(mini))  # fmt: skip
    assert code == 1
    assert err.startswith(
        f"Nothing was imported. Cannot import {TABLE} from sheet 'june', header in row 1:\n"
        f"- Column I 'Supplier nme' is not one of the columns of {TABLE}. Did you mean "
        "'supplier_name' (Supplier)? Rename it to the column it is, tell the import with "
        '--header "Supplier nme=COLUMN", or leave it out with --drop "Supplier nme" (nothing is '
        "left out unless you say so).\n"
    )
    code, _, err = run(str(headless(tmp_path)), "--dataset", "spending/payments",
                       "--datasets", str(mini))  # fmt: skip
    assert "\nSheet 'odd' begins:\n  row 1: 'Monthly statement'\n" in err


# --- choosing the language: the setting, the flag, and what is refused ----------------------


def test_the_language_setting_makes_the_import_speak_urdu(mini: Path, tmp_path: Path) -> None:
    args = [str(misspelt_supplier(mini, tmp_path)), "--dataset", TABLE, "--datasets", str(mini)]
    assert run(*args)[2].startswith("Nothing was imported. Cannot import")
    (mini / "settings.toml").write_text('language = "ur"\n', encoding="utf-8")
    code, _, err = run(*args)
    assert code == 1 and err.startswith("کچھ امپورٹ نہیں ہوا۔ شیٹ ") and "Cannot" not in err


def test_the_flag_wins_over_the_setting(mini: Path, tmp_path: Path) -> None:
    args = [str(misspelt_supplier(mini, tmp_path)), "--dataset", TABLE, "--datasets", str(mini)]
    (mini / "settings.toml").write_text('language = "ur"\n', encoding="utf-8")
    assert run(*args, "--lang", "en")[2].startswith("Nothing was imported. Cannot import")
    (mini / "settings.toml").write_text('language = "en"\n', encoding="utf-8")
    assert run(*args, "--lang", "ur")[2].startswith("کچھ امپورٹ نہیں ہوا۔")


def test_an_unknown_language_flag_is_a_usage_error(mini: Path, tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "x.csv"), "--dataset", TABLE, "--datasets", str(mini),
                         "--lang", "fr")  # fmt: skip
    assert code == 2 and out == ""
    assert err.startswith("usage: ")
    assert "error: --lang: Shafaf has no messages in 'fr': choose one of en, ur.\n" in err


def test_an_unknown_language_setting_is_refused(mini: Path, tmp_path: Path) -> None:
    (mini / "settings.toml").write_text('language = "fr"\n', encoding="utf-8")
    code, _, err = run(str(tmp_path / "x.csv"), "--dataset", TABLE, "--datasets", str(mini))
    assert code == 2 and "language must be one of en, ur, not 'fr'." in err


# --- no English left in the Urdu of the import ---------------------------------------------

Runs = list[tuple[str, str]]


def _import_reports(root: Path, work: Path) -> Runs:
    """Imports that go through, each with a report of a different kind."""
    said: Runs = []

    def go(name: str, *args: str) -> None:
        said.append((name, "".join(run(*args, "--datasets", str(root), "--lang", "ur")[1:])))

    _, header, month = take_month(root)
    forms = ["Rs. {:,}/-", "{:,}.00", "PKR {}", "({})", "{}"]

    def cell(name: str, value: str) -> object:
        if name == "payment_date":
            return date.fromisoformat(value).strftime("%d-%b-%Y")
        if name == "amount":
            return forms[int(value) % len(forms)].format(int(value))
        if name == "procurement_method":
            return value.replace("_", " ").title()
        if name == "purpose":
            return f" {value} "
        return value or None

    rows = sheet_rows(header, month, cell)
    rows[2] = ["Sr. No", *rows[2]]
    for n, row in enumerate(rows[3:], start=1):
        row.insert(0, n)
    rows[4][2] = 45818  # an Excel date number
    rows[5][2] = "2025/06/11"
    rows[6][10] = "about 500"
    rows[7][8] = "SUP-0041"
    rows[8][13] = "-"
    rows += [[], [None] * 10 + ["Total", 5]]
    book = write_xlsx(work / "june.xlsx", {"June": rows})
    go("report, check and sheet", str(book), "--dataset", TABLE, "--append")
    go("written", str(book), "--dataset", TABLE, "--out", str(work / "o.csv"), "--no-check")
    go("unchanged", str(root / PAY), "--dataset", TABLE)
    go("already there", str(root / PAY), "--dataset", TABLE, "--append")
    changed = read_rows(root / PAY)
    changed[5][9] = "999"
    again = write_xlsx(work / "again.xlsx", {"June": [changed[0], changed[5]]})
    go("updated", str(again), "--dataset", TABLE, "--update", "--no-check")
    text = work / "semicolons.csv"
    text.write_bytes(_csv([header, *month[:3]], ";", "\r\n").encode("cp1252"))
    go("semicolons", str(text), "--dataset", TABLE, "--out", str(work / "s.csv"))
    return said


def _profile_reports(root: Path, work: Path) -> Runs:
    said: Runs = []

    def go(name: str, *args: str) -> None:
        said.append((name, "".join(run(*args, "--lang", "ur")[1:])))

    _, rows = take(root, 14)
    month, later = rows[:10], rows[10:]
    header = read_rows(root / PAY)[0]
    day, year, tid = (header.index(c) for c in ("payment_date", "fiscal_year", "transaction_id"))
    for row in month[:2]:
        row[day], row[year] = "2031-08-01", "2031-32"
        row[tid] = row[tid].replace("2024-25", "2031-32")
    month[3][day] = ""
    path = export(root, work / "mixed.csv", month)
    flags = first_flags(root, month)
    go("no fiscal year", str(path), *flags)
    month[3][day] = month[4][day]
    path = export(root, work / "mixed.csv", month)
    go("new year and profile saved", str(path), *flags, "--save-profile", "monthly", "--no-check")
    go("out of several years", str(path), "--profile", "monthly", "--datasets", str(root),
       "--out", str(work / "o.csv"))  # fmt: skip
    go("profile exists", str(path), *flags, "--save-profile", "monthly")
    made = [*first_flags(root, rows), "--drop", "Txn Ref", "--make-ids", "transaction_id=X-"]
    made.append("--no-check")
    path = export(root, work / "later.csv", later[:2])
    go("made ids", str(path), *made)
    go("made ids again", str(path), *made)
    more = export(root, work / "more.csv", [*later[:2], [*later[2][:9], "1", *later[2][10:]]])
    go("made ids, some repeated", str(more), *made)
    kept = [f for f in flags if f not in ("--drop", "Remarks")]
    path = export(root, work / "one-year.csv", month[2:])
    go("keep", str(path), *kept, "--keep", "Remarks=ok", "--keep", "Procurement Method=x",
       "--out", str(work / "k.csv"))  # fmt: skip
    go("keep some", str(path), *kept, "--keep", "Remarks=ok", "--keep",
       f"Procurement Method={month[0][header.index('procurement_method')]}",
       "--out", str(work / "k.csv"))  # fmt: skip
    go("keep a missing column", str(path), *kept, "--keep", "Note=ok")
    go("constant clash", str(path), *flags, "--set", "voucher_no=PV-1")
    imports = root.parent / "imports"
    (imports / "synonyms.toml").write_text('[synonym]\nx = ["y"]\n', encoding="utf-8")
    go("site synonyms", str(path), *flags)
    (imports / "synonyms.toml").write_text('[synonyms]\nx = "y"\n', encoding="utf-8")
    go("site synonyms list", str(path), *flags)
    (imports / "synonyms.toml").unlink()
    return said


PROFILES = [
    'datasett = "spending/payments"\n',
    PROFILE + 'mode = "appendd"\n',
    PROFILE + 'dates = "dmy"\n',
    PROFILE + 'utc_offset = "PST"\n',
    PROFILE + "headers = 3\n",
    PROFILE + "ignore = [1]\n",
    PROFILE + "[constants]\nlg_code = true\n",
    PROFILE + '[derive]\nfiscal_year = "payment_date"\n',
    PROFILE + '[derive]\nfiscal_year = { form = "payment_date" }\n',
    PROFILE + "[derive]\nfiscal_year = {}\n",
    PROFILE + '[derive]\ntransaction_id = { counter = "X", digits = 0 }\n',
    PROFILE + "[crosswalk]\ndept_code = 3\n",
    PROFILE + "[keep]\nType = [1]\n",
    "dataset = [\n",
    PROFILE + '[headers]\n"Paid to" = "supplier_nam"\n[constants]\nlg_cod = "X"\n'
    '[derive]\nfiscal_year = { from = "purpose" }\nvoucher_no = { counter = "PV-{fiscal_year}" }\n'
    '[crosswalk.department]\n"A" = "B"\n',
    PROFILE + '[constants]\nfiscal_year = "2024-25"\n'
    '[derive]\nfiscal_year = { from = "paid_on" }\n',
]


def _refusals(root: Path, work: Path) -> Runs:
    """Imports refused, each for another reason."""
    said: Runs = []

    def go(name: str, *args: str) -> None:
        code, out, err = run(*args, "--datasets", str(root), "--lang", "ur")
        assert code in (1, 2), (name, out, err)
        said.append((name, out + err))

    _, header, month = take_month(root)
    book = write_xlsx(work / "june.xlsx", {"June": sheet_rows(header, month)})
    go("unknown header", str(misspelt_supplier(root, work)), "--dataset", TABLE)
    go("no header row", str(headless(work)), "--dataset", "spending/payments")
    go("no header row in the sheet asked", str(headless(work)), "--dataset", TABLE, "--sheet", "1")
    empty = work / "empty.csv"
    empty.write_text("", encoding="utf-8")
    go("an empty file", str(empty), "--dataset", TABLE)
    rows = [[*r[:-1]] for r in sheet_rows(header, month)]
    rows[2] = [*rows[2][:3], "Dept", *rows[2][4:6], "Department", *rows[2][7:], ""]
    rows[3].append("stray")
    go("missing, twice, unnamed", str(write_xlsx(work / "bad.xlsx", {"June": rows})), "--dataset",
       TABLE, "--append")  # fmt: skip
    go("drop nothing", str(book), "--dataset", TABLE, "--append", "--drop", "Remarks")
    two = write_xlsx(work / "two.xlsx", {"May": sheet_rows(header, month[:5]),
                                         "June": sheet_rows(header, month)})  # fmt: skip
    go("two sheets", str(two), "--dataset", TABLE, "--append")
    go("no such sheet", str(two), "--dataset", TABLE, "--sheet", "July")
    go("no data", str(write_xlsx(work / "head.xlsx", {"June": sheet_rows(header, [])})),
       "--dataset", TABLE)  # fmt: skip
    for name, days in (("ambiguous", ["03/04/2025", "05/06/2025"]),
                       ("mixed", ["25/06/2025", "06/25/2025"])):  # fmt: skip
        path = work / f"{name}.csv"
        dated = [[r[0], d, *r[2:]] for r, d in zip(month, days * len(month), strict=False)]
        path.write_text(_csv([header, *dated]), encoding="utf-8")
        go(f"dates {name}", str(path), "--dataset", TABLE, "--out", str(work / "o.csv"))
    go("dates not real", str(work / "mixed.csv"), "--dataset", TABLE, "--dates", "month-first",
       "--out", str(work / "o.csv"))  # fmt: skip
    go("file exists", str(book), "--dataset", TABLE)
    clash = read_rows(root / PAY)
    clash[5][9] = "999"
    go("clash", str(write_xlsx(work / "again.xlsx", {"June": [clash[0], clash[5]]})),
       "--dataset", TABLE, "--append")  # fmt: skip
    many = [[*r[:9], "1", *r[10:]] for r in clash[1:8]]
    go("many clashes", str(write_xlsx(work / "many.xlsx", {"June": [clash[0], *many]})),
       "--dataset", TABLE, "--append")  # fmt: skip
    go("no such file", str(work / "nothing.xlsx"), "--dataset", TABLE)
    old = work / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    go("old workbook", str(old), "--dataset", TABLE)
    renamed = work / "renamed.csv"
    renamed.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    go("renamed workbook", str(renamed), "--dataset", TABLE)
    for name in ("x.pdf", "x"):
        (work / name).write_text("x", encoding="utf-8")
        go(f"not a spreadsheet: {name}", str(work / name), "--dataset", TABLE)
    damaged = work / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not a workbook")
    go("damaged workbook", str(damaged), "--dataset", TABLE)
    go("no dataset named", str(book))
    for dataset in ("spending", "spendings/payments-2024-25", "spending/paymnts",
                    "spending/payments-2031"):  # fmt: skip
        go(f"dataset {dataset}", str(book), "--dataset", dataset)
    go("set of the wrong form", str(book), "--dataset", TABLE, "--set", "lg_code")
    go("map of the wrong form", str(book), "--dataset", TABLE, "--map", "dept_code=ADM")
    go("no profile", str(book), "--profile", "monthly")
    go("not a profile name", str(book), "--profile", "../x")
    for n, text in enumerate(PROFILES):
        write_profile(root, text, f"p{n}")
        go(f"profile {text!r}", str(book), "--profile", f"p{n}")
    go("a profile that is not there", str(book), "--profile", "p")
    return said


def _complaint_imports(root: Path, work: Path) -> Runs:
    """``import-complaints``: an import, one again, and its refusals."""
    said: Runs = []

    def go(name: str, *args: str) -> None:
        said.append((name, "".join(complaints(*args, "--datasets", str(root), "--lang", "ur")[1:])))

    good = service_export(work / "good.csv", {})
    go("complaints imported", str(good))
    go("complaints already there", str(good))
    bad = service_export(
        work / "bad.csv",
        {"updated_datetime": "30/06/2027", "reopened_count": "x", "status": ""},
        {"service_request_id": "SBZ-MC-C9000001"},
    )
    go("complaints with bad values", str(bad))
    taken = read_rows(root / "complaints/complaints-2025-26.csv")[1][0]
    go(
        "complaint ids that clash",
        str(service_export(work / "c.csv", {"service_request_id": taken})),
    )
    go("complaints refused by the check", str(service_export(work / "w.csv", {"ward_code": "X"})))
    (work / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    go("not a service export", str(work / "other.csv"))
    go("no service export", str(work / "missing.csv"))
    (work / "latin1.csv").write_bytes("caf\xe9".encode("cp1252"))
    go("not UTF-8", str(work / "latin1.csv"))
    return said


@pytest.fixture(scope="module")
def urdu_runs(mini_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """What the import says in Urdu: reports of imports that went through, and refusals."""
    said: Runs = []
    makers: list[Callable[[Path, Path], Runs]] = [_import_reports, _profile_reports, _refusals]
    makers.append(_complaint_imports)
    for make in makers:
        work = tmp_path_factory.mktemp(make.__name__.strip("_"))
        root = work / "datasets"
        shutil.copytree(mini_source, root)
        (work / "imports").mkdir()
        said += make(root, work)
    return said


def test_the_runs_say_what_they_were_meant_to(urdu_runs: Runs) -> None:
    """The runs reach the reports and refusals they are there for (so the checks below read
    them)."""
    said = dict(urdu_runs)
    assert "اپنی شیٹ" in said["report, check and sheet"]
    assert "ہٹا دیا گیا" in said["report, check and sheet"]
    assert "چھوڑی گئی میزان" in said["report, check and sheet"]
    assert "پہلے ہی بالکل یہی ہے" in said["unchanged"]
    assert "ساری" in said["already there"]
    assert "کی جگہ شیٹ والی قطار لکھی گئی" in said["updated"]
    assert "سیمی کولن" in said["semicolons"]
    assert "2031-32⁩ اس کی" in said["new year and profile saved"]
    assert "محفوظ ہو گئی" in said["new year and profile saved"]
    assert "پروفائل کی گنتی سے بنایا گیا" in said["made ids"]
    assert "پہلے امپورٹ ہو چکی ہے" in said["made ids again"]
    assert "ایک ہی ادائیگی دو بار" in said["made ids, some repeated"]
    assert "پروفائل کے" in said["keep"] and "گزر سکے" in said["keep"]
    assert "کی وجہ سے چھوڑی گئی قطاریں" in said["keep some"]
    assert "امپورٹ ہوئیں" in said["complaints imported"]
    assert "1 پہلے ہی تازہ تھیں" in said["complaints already there"]
    assert "دو بار آیا ہے" in said["complaints with bad values"]
    assert "ٹکراتے ہیں" in said["complaint ids that clash"]
    assert "جانچ میں پوری نہ اترتیں" in said["complaints refused by the check"]
    assert "سروس کی ایکسپورٹ نہیں" in said["not a service export"]
    assert all(text.strip() for _, text in urdu_runs)
    assert len(urdu_runs) > 60


@pytest.fixture(scope="module")
def import_messages() -> Catalog:
    """The catalogue's messages of the import, its command line and the validator."""
    with URDU_PO.open("rb") as handle:
        urdu = read_po(handle)
    own = Catalog()
    for message in urdu:
        if message.id and any(path.startswith(SOURCES) for path, _ in message.locations):
            own[message.id] = message
    assert sum(1 for m in own if any(p.startswith("pipeline/intake/") for p, _ in m.locations))
    return own


def test_the_urdu_of_the_import_has_no_english_sentence(
    urdu_runs: Runs, import_messages: Catalog
) -> None:
    english = {
        m.id: pattern(m.id)
        for m in import_messages
        if isinstance(m.id, str) and m.string != m.id and PLACEHOLDER.sub("", m.id).strip(" .:")
    }
    for m in import_messages:  # plural messages: both English forms
        if isinstance(m.id, tuple | list):
            english.update({form: pattern(form) for form in m.id})
    found = [
        (name, msgid)
        for name, text in urdu_runs
        for msgid, seen in english.items()
        if seen.search(_without_data(text))
    ]
    assert found == []


def test_the_only_latin_words_are_data_or_the_translators_own(
    urdu_runs: Runs, import_messages: Catalog
) -> None:
    """Data is isolated left to right; any other Latin word must be one the Urdu translations
    themselves use (CSV, TOML, crosswalk …), so none comes from text left untranslated."""
    assert untranslated_latin(urdu_runs, import_messages) == []


# --- import-complaints ----------------------------------------------------------------------


def test_import_complaints_speaks_urdu_too(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = service_export(tmp_path / "bad.csv", {"updated_datetime": "30/06/2027"})
    example = "2026-11-27T10:32:00+05:00"
    code, out, _ = complaints(str(bad), "--datasets", str(mini), "--lang", "ur")
    assert code == 1
    assert out.splitlines() == [
        f"{ltr('bad.csv')}، قطار 2، کالم '{ltr('updated_datetime')}': {ltr(repr('30/06/2027'))} "
        f"UTC سے وقت کے فرق کے ساتھ لکھی تاریخ اور وقت نہیں، مثلاً {ltr(example)}۔",
        "کچھ امپورٹ نہیں ہوا: ایکسپورٹ (یا ڈیٹا سیٹ) درست کریں اور دوبارہ چلائیں۔",
    ]
    (mini / "settings.toml").write_text('language = "ur"\n', encoding="utf-8")
    good = service_export(tmp_path / "good.csv", {})
    code, out, _ = complaints(str(good), "--datasets", str(mini))
    assert code == 0 and out.endswith("امپورٹ ہوئیں؛ 0 پہلے ہی تازہ تھیں۔\n")
    code, out, _ = complaints(str(good), "--datasets", str(mini), "--lang", "en")
    assert (
        code == 0 and out == "Imported 0 new complaint(s) and 0 update(s); 1 already up to date.\n"
    )
    code, _, err = complaints(str(good), "--datasets", str(mini), "--lang", "fr")
    assert code == 2 and err == (
        "Cannot import the complaints: --lang: Shafaf has no messages in 'fr': choose one of en, "
        "ur.\n"
    )
