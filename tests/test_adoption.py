"""The walk of docs/adopting.md with three real public exports nobody on this project wrote
(tests/fixtures/real/README.md): each council starts its own site with `shafaf new`, types its
own code lists as CSV, imports its export through a saved profile, and builds with `make test`;
the next file of the same source then imports with only `--profile NAME`. No JSON is edited by
hand anywhere: only the council file, CSV sheets and import profiles (TOML)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_real_exports import CATEGORIES, DEPARTMENTS

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests/fixtures/real"
ENGINE = Path(sys.executable).parent
#: The deliberately pinned clock of these builds (a fiscal year with no data: the site says so).
EPOCH = "1796256000"  # 2026-12-01

COUNCIL = """\
[council]
code = "{code}"
name_en = "{name_en}"
name_ur = "{name_ur}"
tier = "{tier}"
district_en = "{district_en}"
district_ur = "{district_ur}"
province = "punjab"   # the schema knows Pakistan's provinces only: a friction for these councils
population = {population}

[site]
name_en = "{site_en}"
name_ur = "{site_ur}"
first_fiscal_year = "{first}"
fiscal_year_start_month = {start}
currency = "{currency}"
{wards}"""


def shafaf(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(ENGINE / "shafaf"), *args], cwd=site, capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr
    return result


def start(tmp_path: Path, **council: object) -> Path:
    """`shafaf new` from a council file, as docs/adopting.md says."""
    path = tmp_path / "council.toml"
    path.write_text(COUNCIL.format(**council), encoding="utf-8")
    result = shafaf(tmp_path, "new", "site", "--council", str(path))
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def typed(site: Path, table: str, header: list[str], rows: list[list[str]]) -> None:
    """A code list the council types once as a sheet, and imports."""
    path = site.parent / f"{table.replace('/', '-')}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    result = shafaf(site, "import", str(path), "--dataset", table, "--append")
    assert result.returncode == 0, result.stdout + result.stderr


def departments(site: Path, codes: list[str]) -> None:
    typed(site, "budget/departments", ["dept_code", "name_en", "name_ur"],
          [[code, *DEPARTMENTS[code]] for code in codes])  # fmt: skip


def build(site: Path) -> Path:
    """`make test`, the site's own health check, with this engine's environment."""
    result = subprocess.run(
        ["make", "--no-print-directory", "test", f"VENV={ENGINE.parent}", "READY="], cwd=site,
        capture_output=True, text=True, check=False, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "The data is valid and the site builds." in result.stdout
    return site / "build/test/output"


def pages(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8")
            for p in output.rglob("*.html")}  # fmt: skip


def assert_own_site(output: Path, name_en: str, name_ur: str) -> dict[str, str]:
    found = pages(output)
    for text_file in (*output.rglob("*.html"), *output.rglob("*.json"), *output.rglob("*.csv")):
        text = text_file.read_text(encoding="utf-8", errors="replace")
        assert "Sabzabad" not in text and "سبزآباد" not in text, text_file
    assert name_en in found["index.html"] and name_ur in found["ur/index.html"]
    assert all("demonstration data" not in page for page in found.values())
    return found


@pytest.mark.slow
def test_a_councils_spend_file_through_a_saved_profile(tmp_path: Path) -> None:
    """Lambeth's "invoices over £500": the first import is told everything once and saves the
    profile; the next file needs only --profile. Pounds, an April fiscal year, no rupees."""
    site = start(
        tmp_path, code="LBH-MC", name_en="London Borough of Lambeth", name_ur="لندن بورو لیمبتھ",
        tier="municipal_corporation", district_en="London", district_ur="لندن",
        population=303086, site_en="Lambeth Spending", site_ur="لیمبتھ کے اخراجات",
        first="2012-13", start=4, currency="GBP", wards="",
    )  # fmt: skip
    departments(site, ["ACS", "CYP", "CEX", "HRE"])
    told = [
        "--dataset", "spending/payments", "--dates", "day-first", "--drop", "Body",
        "--header", "Invoice Creation Date=payment_date", "--header", "Invoice Nett Amount=amount",
        "--header", "Subj Description=purpose", "--header", "Department=dept_code",
        "--header", "Supplier Name=supplier_name", "--set", "lg_code=LBH-MC",
        *(arg for column in ("supplier_id", "budget_line_id", "object_code",
                             "procurement_method", "voucher_no")
          for arg in ("--set", f"{column}=not recorded")),
        "--fiscal-year-from", "payment_date", "--make-ids", "transaction_id=LBH-MC-{fiscal_year}-P",
        "--map", "dept_code:Adults' and Community Services=ACS",
        "--map", "dept_code:Children and Young People's Service=CYP",
        "--map", "dept_code:Office of the Chief Executive/Finance and Resources=CEX",
        "--map", "dept_code:Housing, Regeneration and Environment=HRE",
    ]  # fmt: skip
    first = shafaf(site, "import", str(REAL / "lambeth-payments-june-2012.csv"), *told,
                   "--save-profile", "payments")  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Saved the profile imports/payments.toml" in first.stdout
    assert "Added the table spending/payments-2012-13 to its datapackage.json." in first.stdout
    nxt = shafaf(site, "import", str(REAL / "lambeth-payments-june-2012-next.csv"), "--profile",
                 "payments")  # fmt: skip
    assert nxt.returncode == 0, nxt.stdout + nxt.stderr
    assert "Updated datasets/spending/payments-2012-13.csv: added 59 rows." in nxt.stdout

    found = assert_own_site(build(site), "Lambeth Spending", "لیمبتھ کے اخراجات")
    for name, page in found.items():
        if name.startswith(("lbh-mc/", "ur/lbh-mc/", "data/", "ur/data/", "index", "ur/index")):
            assert "Rs" not in page.replace("Rs.", "") or "Rs " not in page, name
            assert "روپے" not in page and "کروڑ" not in page and "لاکھ" not in page, name
    spending = found["lbh-mc/spending/index.html"]
    assert "GBP" in spending or "£" in spending
    assert "not recorded" in spending.lower()  # suppliers' ids, object codes: said, not invented


@pytest.mark.slow
def test_a_city_311_export_through_its_profile(tmp_path: Path) -> None:
    """Los Angeles' MyLA311 requests, with the city's own request ids, wards of unknown
    population, and no citizen feedback at all: satisfaction is "not recorded", never 0%."""
    wards = "".join(
        f'\n[[wards]]\ncode = "LAX-MC-W{n:02d}"\nname_en = "Council District {n}"\n'
        f'name_ur = "کونسل ڈسٹرکٹ {n}"\nkind = "ward"\n'
        for n in range(1, 16)
    )
    site = start(
        tmp_path, code="LAX-MC", name_en="City of Los Angeles", name_ur="شہر لاس اینجلس",
        tier="metropolitan_corporation", district_en="Los Angeles", district_ur="لاس اینجلس",
        population=3792621, site_en="Los Angeles Complaints", site_ur="لاس اینجلس کی شکایات",
        first="2017-18", start=7, currency="USD", wards=wards,
    )  # fmt: skip
    departments(site, ["BOS", "OCB", "BSL", "ITA"])
    typed(site, "complaints/categories",
          ["service_code", "service_name_en", "service_name_ur", "group", "dept_code"],
          [[code, *rest] for code, rest in CATEGORIES.items()])  # fmt: skip
    shutil.copy(REAL / "imports/la-311.toml", site / "imports/la-311.toml")
    for name in ("la-311-december-2017.csv", "la-311-december-2017-next.csv"):
        result = shafaf(site, "import", str(REAL / name), "--profile", "la-311")
        assert result.returncode == 0, result.stdout + result.stderr
    published = (site / "datasets/complaints/complaints-2017-18.csv").read_text("utf-8")
    assert "1-866528301" in published  # the city's own id, kept
    assert "MESA AVE" not in published  # no street address published

    found = assert_own_site(build(site), "Los Angeles Complaints", "لاس اینجلس کی شکایات")
    complaints = found["lax-mc/complaints/index.html"]
    assert "No citizen&#39;s rating of the outcome was recorded" in complaints
    assert "Not recorded" in complaints and not re.search(r"(?<![\d.,])0(\.0)?\s?%", complaints)
    urdu = found["ur/lax-mc/complaints/index.html"]
    assert "نتیجے پر شہریوں کی کوئی رائے ریکارڈ نہیں کی گئی" in urdu and "ریکارڈ نہیں" in urdu


@pytest.mark.slow
def test_a_budget_only_site_says_what_is_not_published(tmp_path: Path) -> None:
    """Grand Rapids' budget book alone: the site builds, in both languages, and its spending and
    complaints pages say they are not published yet instead of showing zeros."""
    site = start(
        tmp_path, code="GRR-MC", name_en="City of Grand Rapids", name_ur="شہر گرینڈ ریپڈز",
        tier="municipal_corporation", district_en="Kent County", district_ur="کینٹ کاؤنٹی",
        population=188040, site_en="Grand Rapids Budget", site_ur="گرینڈ ریپڈز کا بجٹ",
        first="2016-17", start=7, currency="USD", wards="",
    )  # fmt: skip
    codes = sorted(set(DEPARTMENTS) - {"ACS", "CYP", "CEX", "HRE", "BOS", "OCB", "BSL", "ITA"})
    departments(site, codes)
    shutil.copy(REAL / "imports/grand-rapids-budget.toml", site / "imports/budget.toml")
    result = shafaf(site, "import", str(REAL / "grand-rapids-budget-fy17.csv"), "--profile",
                    "budget")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Added the table budget/budget-2016-17 to its datapackage.json." in result.stdout

    found = assert_own_site(build(site), "Grand Rapids Budget", "گرینڈ ریپڈز کا بجٹ")
    assert "Payments are not published yet" in found["grr-mc/spending/index.html"]
    assert "Complaints are not published yet" in found["grr-mc/complaints/index.html"]
    with (site / "datasets/budget/budget-2016-17.csv").open(encoding="utf-8") as handle:
        approved = sum(float(row["approved"]) for row in csv.DictReader(handle))  # a lapse too
    budget = found["grr-mc/budget/index.html"]
    assert f"${approved / 1e6:.1f} million" in budget  # in dollars, netting the -13,842 lapse
    assert "A dash means the figure has not been reported yet." in budget  # revised, actual
    for page in ("ur/grr-mc/spending/index.html", "ur/grr-mc/complaints/index.html"):
        assert "ابھی شائع نہیں" in found[page], page
