"""Import profiles: `import FILE --profile NAME`, `--save-profile`, and every way they refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.intake import profile as profiles
from pipeline.intake import values

from conftest import read_rows, run_import, write_rows

PAY = "spending/payments-2024-25.csv"
#: The council's own headers for the payments columns it exports (it has no lg_code and no
#: fiscal year, names its departments instead of giving their codes, and adds a remark).
HEADERS = {
    "transaction_id": "Txn Ref",
    "payment_date": "Paid On",
    "dept_code": "Service Area",
    "budget_line_id": "Budget Line",
    "object_code": "Object Code",
    "supplier_id": "Supplier Code",
    "supplier_name": "Paid to",
    "amount": "Amount",
    "purpose": "Purpose",
    "procurement_method": "Procurement Method",
    "procurement_ref": "Procurement Ref",
    "voucher_no": "Voucher No",
}


import_ = run_import  # the import command, as a clerk runs it


def departments(mini: Path) -> dict[str, str]:
    rows = read_rows(mini / "budget/departments.csv")
    return {r[0]: r[1] for r in rows[1:]}


def export(mini: Path, path: Path, rows: list[list[str]], remark: bool = True) -> Path:
    """``rows`` of the payments file as the council's system exports them."""
    header = read_rows(mini / PAY)[0]
    names = departments(mini)
    out = [[*HEADERS.values(), *(["Remarks"] if remark else [])]]
    for row in rows:
        record = dict(zip(header, row, strict=True))
        record["dept_code"] = names[record["dept_code"]]
        out.append([record[c] for c in HEADERS] + (["ok"] if remark else []))
    write_rows(path, out)
    return path


def take(mini: Path, count: int) -> tuple[bytes, list[list[str]]]:
    """The payments file as it was, and its last ``count`` rows, now taken out of it."""
    path = mini / PAY
    before = path.read_bytes()
    rows = read_rows(path)
    write_rows(path, rows[:-count])
    return before, rows[-count:]


def first_flags(mini: Path, used: list[list[str]]) -> list[str]:
    names = departments(mini)
    header = read_rows(mini / PAY)[0]
    wanted = sorted({r[header.index("dept_code")] for r in used})
    flags = ["--dataset", "spending/payments", "--datasets", str(mini), "--append"]
    flags += ["--set", f"lg_code={used[0][header.index('lg_code')]}"]
    flags += ["--fiscal-year-from", "payment_date", "--drop", "Remarks"]
    flags += ["--header", "Service Area=dept_code", "--header", "Paid to=supplier_name"]
    flags += ["--header", "Txn Ref=transaction_id"]
    for code in wanted:
        flags += ["--map", f"dept_code:{names[code]}={code}"]
    return flags


# --- the first import writes the profile; the next month needs only --profile ---------------


def test_a_saved_profile_imports_next_month_with_only_its_name(mini: Path, tmp_path: Path) -> None:
    before, month = take(mini, 20)
    first, second = month[:10], month[10:]
    june = export(mini, tmp_path / "june.csv", first)
    flags = first_flags(mini, month)
    code, out, err = import_(str(june), *flags, "--save-profile", "monthly")
    assert code == 0, out + err
    saved = mini.parent / "imports/monthly.toml"
    assert f"Saved the profile {saved}: next time, import with --profile monthly." in out
    text = saved.read_text(encoding="utf-8")
    assert 'dataset = "spending/payments"' in text and 'mode = "append"' in text
    assert 'fiscal_year = { from = "payment_date" }' in text
    assert '"Paid to" = "supplier_name"' in text and "# matched by" in text
    assert "[crosswalk.dept_code]" in text and 'ignore = ["Remarks"]' in text
    assert profiles.load("monthly", mini.parent / "imports").constants["lg_code"]

    july = export(mini, tmp_path / "july.csv", second)
    code, out, err = import_(str(july), "--profile", "monthly", "--datasets", str(mini))
    assert code == 0, out + err
    assert (mini / PAY).read_bytes() == before
    assert "Profile: " in out and "monthly.toml" in out
    assert "→ fiscal_year (derived from payment_date" in out
    assert "no problems found" in out


def test_rows_go_to_the_file_of_their_fiscal_year_and_a_new_year_is_added(
    mini: Path, tmp_path: Path
) -> None:
    _, month = take(mini, 6)
    header = read_rows(mini / PAY)[0]
    day, year, tid = (header.index(c) for c in ("payment_date", "fiscal_year", "transaction_id"))
    for row in month[:2]:  # two of the payments are dated in a year the package lacks
        row[day], row[year] = "2031-08-01", "2031-32"
        row[tid] = row[tid].replace("2024-25", "2031-32")
    path = export(mini, tmp_path / "mixed.csv", month)
    code, out, err = import_(str(path), *first_flags(mini, month), "--no-check")
    assert code == 0, out + err
    assert "Added the table spending/payments-2031-32 to its datapackage.json." in out
    assert f"Wrote {mini / 'spending/payments-2031-32.csv'}: 2 rows." in out
    assert f"Updated {mini / PAY}: added 4 rows." in out
    assert read_rows(mini / "spending/payments-2031-32.csv")[1:] == month[:2]
    descriptor = json.loads((mini / "spending/datapackage.json").read_text(encoding="utf-8"))
    assert "payments-2031-32" in [r["name"] for r in descriptor["resources"]]


def test_out_cannot_take_rows_of_several_years(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 4)
    header = read_rows(mini / PAY)[0]
    month[0][header.index("payment_date")] = "2031-08-01"
    path = export(mini, tmp_path / "mixed.csv", month)
    code, _, err = import_(str(path), *first_flags(mini, month), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "--out writes one file, but these rows belong to 2 fiscal years" in err
    assert not (tmp_path / "o.csv").exists()


def test_rows_without_a_fiscal_year_cannot_be_routed(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 4)
    header = read_rows(mini / PAY)[0]
    month[1][header.index("payment_date")] = ""
    path = export(mini, tmp_path / "june.csv", month)
    code, _, err = import_(str(path), *first_flags(mini, month))
    assert code == 1 and "1 row(s) have no fiscal year like 2024-25 (row 3)" in err


def test_a_value_the_crosswalk_lacks_names_the_line_to_add(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 8)
    flags = first_flags(mini, month)
    flags = [f for f in flags if not f.startswith("dept_code:") and f != "--map"]
    flags += ["--map", "dept_code:Nothing like it=ADM"]
    path = export(mini, tmp_path / "june.csv", month)
    code, out, err = import_(str(path), *flags)
    assert code == 1 and out == ""
    assert "Column C 'Service Area' → dept_code:" in err
    assert "have no code in the crosswalk of the command line" in err
    assert "Add them under [crosswalk.dept_code]" in err
    name = departments(mini)[month[0][4]]
    assert f'  "{name}" = "CODE"   # row ' in err


def test_a_crosswalk_star_takes_every_other_value() -> None:
    cells, replaced = values.crosswalk(
        "expenditure_type", "A", [2, 3, 4], ["Capital Outlays", "x", ""],
        {"capital outlays": "development", "*": "current"}, "p",
    )  # fmt: skip
    assert cells == ["development", "current", ""] and replaced == 2


def test_fiscal_years_follow_the_start_month() -> None:
    assert values.fiscal_year_of("2025-06-30", 7, "+05:00") == "2024-25"
    assert values.fiscal_year_of("2025-07-01", 7, "+05:00") == "2025-26"
    assert values.fiscal_year_of("2012-04-01", 4, "+05:00") == "2012-13"
    # 30 June, 23:00 in Los Angeles is 1 July in Pakistan: the site's local time decides.
    assert values.fiscal_year_of("2017-06-30T23:00:00-08:00", 7, "+05:00") == "2017-18"
    assert values.fiscal_year_of("not a date", 7, "+05:00") == ""


def test_made_ids_count_on_and_a_second_import_of_the_same_file_is_refused(
    mini: Path, tmp_path: Path
) -> None:
    _, month = take(mini, 6)
    path = export(mini, tmp_path / "june.csv", month)
    flags = [*first_flags(mini, month), "--drop", "Txn Ref", "--make-ids", "transaction_id=X-"]
    code, out, err = import_(str(path), *flags, "--no-check")
    assert code == 0, out + err
    assert (
        "transaction_id made by the profile's counter (the source has none): X-000001 … X-000006."
        in out
    )
    ids = [r[0] for r in read_rows(mini / PAY)[-6:]]
    assert ids == [f"X-{n:06d}" for n in range(1, 7)]
    code, out, err = import_(str(path), *flags)
    assert code == 1 and "this sheet was imported before" in err
    changed = list(month[2])
    changed[9] = str(int(changed[9]) + 1)  # the amount: a new payment
    more = export(mini, tmp_path / "july.csv", [*month[:2], changed])
    code, out, err = import_(str(more), *flags, "--no-check")
    assert code == 0, err
    assert "X-000007 … X-000009" in out
    assert "2 rows have the same values as rows already in the file" in out


def test_a_constant_for_a_column_the_sheet_has_is_refused(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 3)
    path = export(mini, tmp_path / "june.csv", month)
    code, _, err = import_(str(path), *first_flags(mini, month), "--set", "voucher_no=PV-1")
    assert code == 1
    assert "Column L 'Voucher No' gives 'voucher_no', and the profile also sets" in err


def test_keep_chooses_rows_and_names_a_missing_column(mini: Path, tmp_path: Path) -> None:
    _, month = take(mini, 6)
    header = read_rows(mini / PAY)[0]
    method = header.index("procurement_method")
    path = export(mini, tmp_path / "june.csv", month)
    flags = [f for f in first_flags(mini, month) if f not in ("--drop", "Remarks")]
    code, out, err = import_(
        str(path), *flags, "--keep", "Remarks=ok", "--out", str(tmp_path / "a.csv")
    )
    assert code == 0, out + err
    assert "M 'Remarks'" in out and "left out (used only to choose the rows" in out
    wanted = month[0][method]
    kept = [r for r in month if r[method] == wanted]
    code, out, err = import_(str(path), *flags, "--keep", f"Procurement Method={wanted}",
                             "--keep", "Remarks=ok", "--out", str(tmp_path / "o.csv"))  # fmt: skip
    assert code == 0, out + err
    assert "→ procurement_method" in out  # a column used to choose rows is still imported
    assert read_rows(tmp_path / "o.csv")[1:] == kept
    if len(kept) < len(month):
        assert f"Rows left out by the profile's [keep]: {len(month) - len(kept)}" in out
    code, _, err = import_(str(path), *flags, "--keep", "Note=ok")
    assert code == 2 and "[keep] names the column 'Note'" in err


# --- headers: suggestions, a header row not found, the site's synonyms -------------------


def test_an_unknown_header_gets_a_near_match(mini: Path, tmp_path: Path) -> None:
    rows = read_rows(mini / PAY)
    header = ["Supplier nme" if h == "supplier_name" else h for h in rows[0]]
    path = tmp_path / "june.csv"
    write_rows(path, [header, *rows[1:4]])
    code, _, err = import_(
        str(path), "--dataset", "spending/payments-2024-25", "--datasets", str(mini)
    )
    assert code == 1
    assert "Column I 'Supplier nme' is not one of the columns of spending/payments-2024-25. " in err
    assert "Did you mean 'supplier_name' (Supplier)?" in err
    assert '--header "Supplier nme=COLUMN"' in err


def test_a_sheet_without_a_header_row_shows_what_it_begins_with(mini: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    write_rows(path, [["Monthly statement"], ["Ref", "When", "How much"], ["1", "x", "3"]])
    code, _, err = import_(str(path), "--dataset", "spending/payments", "--datasets", str(mini))
    assert code == 1
    assert "No sheet has a header row with the columns of spending/payments" in err
    assert (
        "Sheet 'odd' begins:\n  row 1: 'Monthly statement'\n  row 2: 'Ref', 'When', 'How much'"
        in err
    )
    code, _, err = import_(
        str(path), "--dataset", "spending/payments", "--datasets", str(mini), "--sheet", "1"
    )
    assert code == 1 and "row 2: 'Ref', 'When', 'How much'" in err


def test_site_synonyms_are_read_from_the_site(mini: Path, tmp_path: Path) -> None:
    rows = read_rows(mini / PAY)
    header = ["Beneficiary" if h == "supplier_name" else h for h in rows[0]]
    path = tmp_path / "june.csv"
    write_rows(path, [header, *rows[1:4]])
    args = [str(path), "--dataset", "spending/payments-2024-25", "--datasets", str(mini)]
    args += ["--out", str(tmp_path / "o.csv")]
    assert import_(*args)[0] == 1
    imports = mini.parent / "imports"
    imports.mkdir()
    (imports / "synonyms.toml").write_text('[synonyms]\nsupplier_name = ["Beneficiary"]\n')
    code, out, err = import_(*args)
    assert code == 0, err
    assert "I 'Beneficiary'" in out and "→ supplier_name (the site's synonyms)" in out
    (imports / "synonyms.toml").write_text('[synonym]\nsupplier_name = ["Beneficiary"]\n')
    code, _, err = import_(*args)
    assert code == 2 and "unknown section [synonym]. Did you mean [synonyms]?" in err
    (imports / "synonyms.toml").write_text('[synonyms]\nsupplier_name = "Beneficiary"\n')
    code, _, err = import_(*args)
    assert code == 2 and "must be a list of header names" in err


# --- a wrong profile is refused with exit code 2, before anything is read -------------------


def write_profile(mini: Path, text: str, name: str = "p") -> Path:
    imports = mini.parent / "imports"
    imports.mkdir(exist_ok=True)
    path = imports / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


PROFILE = 'dataset = "spending/payments"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('datasett = "spending/payments"\n', "unknown setting 'datasett'. Did you mean 'dataset'?"),
        (PROFILE + '[crosswalks.dept_code]\n"A" = "B"\n', "Did you mean 'crosswalk'?"),
        (PROFILE + 'mode = "appendd"\n', "is not a write mode. Did you mean 'append'?"),
        (PROFILE + 'dates = "dmy"\n', 'dates = "dmy" is not a date order'),
        (PROFILE + 'utc_offset = "PST"\n', 'utc_offset = "PST" is not an offset from UTC'),
        (PROFILE + 'ignore = "Remarks"\nheaders = 3\n', "'headers' must be a table"),
        (PROFILE + "ignore = [1]\n", "ignore must be a list of texts"),
        (PROFILE + "[constants]\nlg_code = true\n", '[constants] "lg_code" must be a text'),
        (PROFILE + '[derive]\nfiscal_year = "payment_date"\n', "[derive] fiscal_year must say how"),
        (
            PROFILE + '[derive]\nfiscal_year = { form = "payment_date" }\n',
            "unknown setting 'form'. Did you mean 'from'?",
        ),
        (
            PROFILE + "[derive]\nfiscal_year = {}\n",
            "needs one of 'from' (a date column) or 'counter'",
        ),
        (
            PROFILE + '[derive]\ntransaction_id = { counter = "X", digits = 0 }\n',
            "digits must be a number from 1 to 12",
        ),
        (PROFILE + "[crosswalk]\ndept_code = 3\n", "crosswalk.dept_code must be a table"),
        (PROFILE + "[keep]\nType = [1]\n", '[keep] "Type" must be a list of texts'),
        ("dataset = [\n", "is not a valid TOML file"),
    ],
)
def test_a_profile_of_the_wrong_form_is_refused(
    mini: Path, tmp_path: Path, text: str, message: str
) -> None:
    write_profile(mini, text)
    code, out, err = import_(str(tmp_path / "x.csv"), "--profile", "p", "--datasets", str(mini))
    assert code == 2 and out == ""
    assert message in err, err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[headers]\n"Paid to" = "supplier_nam"\n',
            "'supplier_nam' is not a column of spending/payments. Did you mean 'supplier_name'?",
        ),
        ('[constants]\nlg_cod = "X"\n', "[constants] lg_cod: 'lg_cod' is not a column"),
        ('[derive]\nfiscal_year = { from = "purpose" }\n', "'purpose' holds strings, not dates"),
        ('[derive]\nfiscal_year = { from = "paid_on" }\n', "'paid_on' is not a column"),
        (
            '[derive]\nvoucher_no = { counter = "PV-" }\n',
            "ids are made only for the table's id column (transaction_id)",
        ),
        (
            '[crosswalk.department]\n"A" = "B"\n',
            "[crosswalk.department]: 'department' is not a column",
        ),
        (
            '[constants]\nfiscal_year = "2024-25"\n'
            '[derive]\nfiscal_year = { from = "payment_date" }\n',
            "'fiscal_year' is both a constant and derived",
        ),
    ],
)
def test_a_profile_naming_columns_the_table_lacks_is_refused(
    mini: Path, tmp_path: Path, text: str, message: str
) -> None:
    path = write_profile(mini, PROFILE + text)
    sheet = tmp_path / "x.csv"
    sheet.write_text("a\n1\n")
    code, out, err = import_(str(sheet), "--profile", "p", "--datasets", str(mini))
    assert code == 2 and out == ""
    assert f"The profile in {path} does not fit spending/payments:" in err
    assert message in err, err


def test_profile_names_and_files(mini: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("a\n1\n")
    base = [str(sheet), "--datasets", str(mini)]
    write_profile(mini, PROFILE, "monthly")
    code, _, err = import_(*base, "--profile", "montly")
    assert code == 2 and "There is no profile 'montly'" in err
    assert "The profiles in" in err and "are: monthly. Did you mean 'monthly'?" in err
    code, _, err = import_(*base, "--profile", "../x")
    assert code == 2 and "'../x' is not a profile name" in err
    code, _, err = import_(*base, "--dataset", "spending/payments", "--save-profile", "monthly")
    assert code == 2 and "monthly.toml already exists" in err and "--profile monthly" in err
    other = tmp_path / "elsewhere"
    code, _, err = import_(*base, "--profile", "monthly", "--imports", str(other))
    assert code == 2 and f"{other}/monthly.toml does not exist" in err


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--set", "lg_code", "--set 'lg_code': write it as COLUMN=VALUE"),
        (
            "--map",
            "dept_code=ADM",
            "--map 'dept_code=ADM': write it as \"COLUMN:SOURCE VALUE=CODE\"",
        ),
        ("--map", "dept_code:Admin", 'write it as "COLUMN:SOURCE VALUE=CODE"'),
        ("--header", "Paid to", 'write it as "SHEET HEADER=COLUMN"'),
        ("--keep", "Type", 'write it as "SHEET HEADER=VALUE"'),
        ("--make-ids", "transaction_id", "write it as COLUMN=PREFIX"),
    ],
)
def test_flags_of_the_wrong_form(
    mini: Path, tmp_path: Path, flag: str, value: str, message: str
) -> None:
    code, _, err = import_(
        str(tmp_path / "x.csv"),
        "--dataset",
        "spending/payments",
        "--datasets",
        str(mini),
        flag,
        value,
    )
    assert code == 2 and message in err, err


def test_the_command_line_wins_over_the_profile(mini: Path, tmp_path: Path) -> None:
    rows = read_rows(mini / PAY)
    path = tmp_path / "june.csv"
    write_rows(path, rows[:4])
    write_profile(mini, 'dataset = "spending/suppliers"\nmode = "replace"\n')
    code, _, err = import_(str(path), "--profile", "p", "--dataset", "spending/payments-2024-25",
                           "--datasets", str(mini), "--out", str(tmp_path / "o.csv"))  # fmt: skip
    assert code == 0, err
    assert read_rows(tmp_path / "o.csv") == rows[:4]


def test_render_and_parse_agree() -> None:
    given = profiles.Profile(
        name="x",
        dataset="budget/budget",
        dates="day-first",
        mode="append",
        utc_offset="-08:00",
        ignore=("Fund", 'A "quoted" one'),
        headers={"Amount": "approved"},
        constants={"lg_code": "GRR-MC"},
        fiscal_year_from={"fiscal_year": "date"},
        counters={"line_id": profiles.Counter("GRR-{fiscal_year}-", 4)},
        crosswalks={"dept_code": {"Fire": "FIRE", "ٹیکس": "TAX"}},
        keep={"Account Type": ("Expense",)},
    )
    import tomllib

    text = profiles.render(given, [("Amount", "approved", "the profile's header map")], "b.csv")
    back = profiles.parse(tomllib.loads(text), "x")
    assert back == given
