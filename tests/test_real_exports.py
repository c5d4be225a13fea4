"""Real public exports (tests/fixtures/real/README.md) imported through their profiles, as an
adopter would: the council's own facts typed as small CSV files and imported, every export
imported with only `--profile NAME`, and the next file of the same source the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import settings as settings_module
from pipeline.validate import validate

from conftest import ROOT, read_rows, run_import, write_rows

REAL = ROOT / "tests/fixtures/real"
#: profile, first file, next file, the yearly tables the first file's rows go to (and how many)
SOURCES = {
    "lambeth-payments": (
        "lambeth-payments-june-2012.csv",
        "lambeth-payments-june-2012-next.csv",
        {"spending/payments-2010-11": 1, "spending/payments-2011-12": 99},
    ),
    "la-311": (
        "la-311-december-2017.csv",
        "la-311-december-2017-next.csv",
        {"complaints/complaints-2017-18": 60},
    ),
    "grand-rapids-budget": (
        "grand-rapids-budget-fy17.csv",
        "grand-rapids-budget-fy17-next.csv",
        {"budget/budget-2016-17": 60},
    ),
}

# The adopter's own facts, typed once (CSV, imported like any other sheet: no JSON edited).
COUNCILS = [
    ["lg_code", "name_en", "name_ur", "tier", "district_en", "district_ur", "province", "population"],  # noqa: E501
    ["LBH-MC", "London Borough of Lambeth", "لیمبتھ", "municipal_corporation", "London", "لندن", "punjab", "303086"],  # noqa: E501
    ["LAX-MC", "City of Los Angeles", "لاس اینجلس", "metropolitan_corporation", "Los Angeles", "لاس اینجلس", "punjab", "3792621"],  # noqa: E501
    ["GRR-MC", "City of Grand Rapids", "گرینڈ ریپڈز", "municipal_corporation", "Kent County", "کینٹ کاؤنٹی", "punjab", "188040"],  # noqa: E501
]  # fmt: skip
DEPARTMENTS = {
    "ACS": ("Adults' and Community Services", "بالغان اور کمیونٹی خدمات"),
    "CYP": ("Children and Young People's Service", "بچوں اور نوجوانوں کی خدمات"),
    "CEX": ("Chief Executive, Finance and Resources", "چیف ایگزیکٹو، مالیات اور وسائل"),
    "HRE": ("Housing, Regeneration and Environment", "رہائش، تعمیر نو اور ماحول"),
    "BOS": ("Bureau of Sanitation", "محکمہ صفائی"),
    "OCB": ("Office of Community Beautification", "دفتر خوبصورتی شہر"),
    "BSL": ("Bureau of Street Lighting", "محکمہ اسٹریٹ لائٹس"),
    "ITA": ("Information Technology Agency", "ادارہ انفارمیشن ٹیکنالوجی"),
    "ADS": ("Administrative Services", "انتظامی خدمات"),
    "AUTH": ("Authorities", "اتھارٹیز"),
    "CLK": ("Clerk's Office", "دفتر کلرک"),
    "COM": ("Community Services", "کمیونٹی خدمات"),
    "CMP": ("Comptroller", "کنٹرولر"),
    "DDV": ("Design & Development", "ڈیزائن اور ترقی"),
    "CRT": ("District Court", "ضلعی عدالت"),
    "ENGR": ("Engineering", "انجینئرنگ"),
    "ENT": ("Enterprise Services", "انٹرپرائز خدمات"),
    "EXO": ("Executive Office", "ایگزیکٹو دفتر"),
    "FFM": ("Facilities & Fleet Management", "عمارات اور گاڑیوں کا انتظام"),
    "FIRE": ("Fire", "فائر بریگیڈ"),
    "FIS": ("Fiscal Services", "مالی خدمات"),
    "HR": ("Human Resources", "انسانی وسائل"),
    "LIB": ("Public Library", "پبلک لائبریری"),
    "POL": ("Police", "پولیس"),
    "PUB": ("Public Services", "عوامی خدمات"),
    "RET": ("Retirement Activities", "ریٹائرمنٹ امور"),
    "TCM": ("Technology & Change Management", "ٹیکنالوجی اور تبدیلی کا انتظام"),
    "TRS": ("Treasury", "خزانہ"),
}
CATEGORIES = {
    "bulky_items": ("Bulky items", "بڑا کاٹھ کباڑ", "sanitation", "BOS"),
    "dead_animal_removal": ("Dead animal removal", "مردہ جانور اٹھانا", "sanitation", "BOS"),
    "electronic_waste": ("Electronic waste", "الیکٹرانک کچرا", "sanitation", "BOS"),
    "graffiti_removal": ("Graffiti removal", "دیواروں سے تحریر مٹانا", "other", "OCB"),
    "homeless_encampment": ("Homeless encampment", "بے گھر افراد کا کیمپ", "other", "BOS"),
    "illegal_dumping": ("Illegal dumping pickup", "غیر قانونی کوڑا اٹھانا", "sanitation", "BOS"),
    "household_appliances": ("Metal and household appliances", "دھات اور گھریلو آلات", "sanitation", "BOS"),  # noqa: E501
    "other_request": ("Other", "دیگر", "other", "ITA"),
    "streetlight": ("Single streetlight issue", "ایک اسٹریٹ لائٹ کا مسئلہ", "street_lights", "BSL"),
}  # fmt: skip


import_ = run_import  # the import command, as a clerk runs it


def typed(path: Path, dataset: str, rows: list[list[str]], datasets: Path) -> None:
    """Import a sheet the adopter typed, adding its rows to ``dataset``."""
    write_rows(path, rows)
    code, out, err = import_(str(path), "--dataset", dataset, "--datasets", str(datasets),
                             "--append", "--no-check")  # fmt: skip
    assert code == 0, out + err


@pytest.fixture
def site(mini: Path, tmp_path: Path) -> Path:
    """The test datasets with the three councils, their wards, departments and complaint
    categories added, and the real exports' profiles in the site's imports/ folder."""
    shutil.copytree(REAL / "imports", mini.parent / "imports")
    typed(tmp_path / "councils.csv", "local-governments/local-governments", COUNCILS, mini)
    wards = [["ward_code", "lg_code", "name_en", "name_ur", "kind", "population"]]
    wards += [[f"LAX-MC-W{n:02d}", "LAX-MC", f"Council District {n}", f"کونسل ڈسٹرکٹ {n}", "ward", "0"]  # noqa: E501
              for n in range(1, 16)]  # fmt: skip
    typed(tmp_path / "wards.csv", "local-governments/wards", wards, mini)
    departments = [["dept_code", "name_en", "name_ur"]]
    departments += [[code, en, ur] for code, (en, ur) in DEPARTMENTS.items()]
    typed(tmp_path / "departments.csv", "budget/departments", departments, mini)
    categories = [["service_code", "service_name_en", "service_name_ur", "group", "dept_code"]]
    categories += [[code, *rest] for code, rest in CATEGORIES.items()]
    typed(tmp_path / "categories.csv", "complaints/categories", categories, mini)
    return mini


@pytest.mark.parametrize("name", SOURCES)
def test_a_real_export_imports_with_only_its_profile(site: Path, name: str) -> None:
    first, nxt, years = SOURCES[name]
    code, out, err = import_(str(REAL / first), "--profile", name, "--datasets", str(site))
    assert code in (0, 1), err  # 1: written, and the check lists what the schemas refuse
    assert err == ""
    assert f"Profile: {site.parent / 'imports' / name}.toml." in out
    for table, count in years.items():
        path = site / f"{table}.csv"
        assert f"Added the table {table} to its datapackage.json." in out
        assert f"Wrote {path}: {count:,} rows." in out
        assert len(read_rows(path)) == count + 1
    nothing = [line for line in out.splitlines() if "left empty: the sheet has none" in line]
    assert all("procurement_ref" in n or "description" in n or "status_notes" in n
               or "expected_datetime" in n or "adp_scheme" in n or "revised" in n
               or "actual" in n for n in nothing), nothing  # fmt: skip

    code, out, err = import_(str(REAL / nxt), "--profile", name, "--datasets", str(site))
    assert code in (0, 1) and err == "", err
    assert "Updated " in out and "added " in out


def test_the_lambeth_report_says_what_it_was_told(site: Path) -> None:
    code, out, _ = import_(str(REAL / "lambeth-payments-june-2012.csv"), "--profile",
                           "lambeth-payments", "--datasets", str(site), "--no-check")  # fmt: skip
    assert code == 0
    assert "header in row 10, 100 rows of data" in out  # nine title rows above it
    assert "A 'Body'                   left out (ignored by the profile)" in out
    assert "B 'Department'             → dept_code (the profile's header map)" in out
    assert "100 cells: the profile's crosswalk" in out
    assert "removed digit grouping commas (row 11: '1,534.24' → '1534.24')" in out
    assert '→ supplier_id (the profile\'s constant "not recorded")' in out
    assert "→ fiscal_year (derived from payment_date" in out
    assert "LBH-MC-2011-12-P000001 … LBH-MC-2011-12-P000099" in out
    rows = read_rows(site / "spending/payments-2010-11.csv")
    assert rows[1][:5] == ["LBH-MC-2010-11-P000001", "2010-10-20", "2010-11", "LBH-MC", "HRE"]
    code, out, _ = import_(str(REAL / "lambeth-payments-june-2012-next.csv"), "--profile",
                           "lambeth-payments", "--datasets", str(site), "--no-check")  # fmt: skip
    assert code == 0 and "LBH-MC-2011-12-P000100 … LBH-MC-2011-12-P000159" in out
    code, _, err = import_(str(REAL / "lambeth-payments-june-2012-next.csv"), "--profile",
                           "lambeth-payments", "--datasets", str(site))  # fmt: skip
    assert code == 1 and "this sheet was imported before" in err


def test_la_311_keeps_its_own_ids_and_times(site: Path) -> None:
    code, out, _ = import_(str(REAL / "la-311-december-2017.csv"), "--profile", "la-311",
                           "--datasets", str(site), "--no-check")  # fmt: skip
    assert code == 0
    assert "P 'Address'" in out and "left out (ignored by the profile)" in out
    rows = read_rows(site / "complaints/complaints-2017-18.csv")
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["service_request_id"] == "1-866528301"  # the source's own id, kept
    assert first["requested_datetime"] == "2017-12-27T13:44:55-08:00"
    assert first["ward_code"] == "LAX-MC-W08" and first["citizen_feedback"] == "not recorded"
    published = "\n".join(",".join(r) for r in rows)
    assert "MESA AVE" not in published and "34.0" not in published  # no address, no place


def test_the_budget_keeps_expense_lines_and_makes_line_ids(site: Path) -> None:
    code, out, _ = import_(str(REAL / "grand-rapids-budget-fy17.csv"), "--profile",
                           "grand-rapids-budget", "--datasets", str(site), "--no-check")  # fmt: skip  # noqa: E501
    assert code == 0
    assert "Rows left out by the profile's [keep]: 20" in out
    rows = read_rows(site / "budget/budget-2016-17.csv")
    assert rows[1][0] == "GRR-MC-2016-17-0001" and rows[-1][0] == "GRR-MC-2016-17-0060"
    kinds = {r[rows[0].index("expenditure_type")] for r in rows[1:]}
    assert kinds == {"current", "development"}
    assert "-13842" in [r[rows[0].index("approved")] for r in rows[1:]]  # a lapse, kept


def test_a_profile_written_for_one_month_stops_at_the_next_months_new_values(
    site: Path, tmp_path: Path
) -> None:
    """A profile saved from the first file knows only that file's values: the next file's new
    ones are refused with the lines to add, and then it imports."""
    profile = site.parent / "imports/la-311.toml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace('"Homeless Encampment" = "homeless_encampment"\n', ""))
    nxt = str(REAL / "la-311-december-2017-next.csv")
    code, out, err = import_(nxt, "--profile", "la-311", "--datasets", str(site))
    assert code == 1 and out == ""
    assert "Column F 'RequestType' → service_code: 1 value(s) have no code" in err
    assert '  "Homeless Encampment" = "CODE"   # row' in err
    profile.write_text(text)
    assert import_(nxt, "--profile", "la-311", "--datasets", str(site), "--no-check")[0] == 0


def _problems(site: Path) -> set[tuple[str, str, str]]:
    config = settings_module.load(site / "settings.toml")
    report = validate([site], config)
    return {(Path(f.file).name, f.code, f.column or "") for f in report.errors}


def test_the_imported_site_validates(site: Path) -> None:
    for name, (first, nxt, _) in SOURCES.items():
        for path in (first, nxt):
            code, _, err = import_(str(REAL / path), "--profile", name, "--datasets", str(site),
                                   "--no-check")  # fmt: skip
            assert code == 0, err
    problems = _problems(site)
    assert problems == set(), "\n".join(map(str, sorted(problems)))
