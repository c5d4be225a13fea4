"""Figures from data as real councils export it: fields not recorded, refunds as negative
amounts, another currency, and headlines for the fiscal year the clock is in. The site is the
small datasets edited that way and built with real Pelican."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline import bundle, cli, formats, load, settings
from pipeline.analyse import budget, clock, complaints, departments, spending, tracking

from conftest import pelican_build, read_rows, write_rows

#: 2027-08-15 10:00 UTC: fiscal year 2027-28, a year after the small data's newest.
EPOCH = str(int(datetime(2027, 8, 15, 10, 0, tzinfo=UTC).timestamp()))
FOREIGN = re.compile(r"\bRs\b|روپے|\blakh\b|\bcrore\b|لاکھ|کروڑ|rupee", re.I)


def edit(path: Path, change: Any) -> None:
    """Rewrite the CSV at ``path``: ``change(header, row, number)`` edits each data row."""
    rows = read_rows(path)
    for number, row in enumerate(rows[1:], start=1):
        change(rows[0], row, number)
    write_rows(path, rows)


def blank(*columns: str) -> Any:
    def change(header: list[str], row: list[str], _: int) -> None:
        for column in columns:
            row[header.index(column)] = ""

    return change


def as_exported(datasets: Path) -> dict[str, Any]:
    """Edit ``datasets`` into what a real council exports; return what was done to it."""
    for path in (datasets / "spending").glob("payments-*.csv"):
        edit(path, blank("purpose", "procurement_method", "procurement_ref", "voucher_no"))
    payments = datasets / "spending/payments-2025-26.csv"
    rows = read_rows(payments)
    header = rows[0]
    column = {name: header.index(name) for name in header}
    # Refunds: the largest payment of a department turned into a credit note of ten times it,
    # and one payment of every twentieth row reversed.
    first = rows[1]
    department = [r for r in rows[1:] if r[column["lg_code"]] == first[column["lg_code"]]
                  and r[column["dept_code"]] == first[column["dept_code"]]]  # fmt: skip
    biggest = max(department, key=lambda r: float(r[column["amount"]]))
    biggest[column["amount"]] = str(-10 * int(float(biggest[column["amount"]])))
    for row in rows[1::20]:
        if not row[column["amount"]].startswith("-"):
            row[column["amount"]] = "-" + row[column["amount"]]
    write_rows(payments, rows)
    edit(datasets / "complaints/complaints-2025-26.csv",
         blank("citizen_feedback", "reopened_count", "status_detail", "channel"))  # fmt: skip

    def some_feedback(header: list[str], row: list[str], number: int) -> None:
        if number % 2:
            row[header.index("citizen_feedback")] = ""

    edit(datasets / "complaints/complaints-2024-25.csv", some_feedback)

    def some_actuals(header: list[str], row: list[str], number: int) -> None:
        if number % 3 == 0:
            row[header.index("actual")] = ""

    edit(datasets / "budget/budget-2024-25.csv", some_actuals)
    path = datasets / "settings.toml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(text + '\ncurrency = "GBP"\n', encoding="utf-8")
    return {"credit_note": biggest[column["transaction_id"]], "lg": first[column["lg_code"]],
            "dept": first[column["dept_code"]]}  # fmt: skip


@pytest.fixture(scope="module")
def real(
    mini_source: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any], dict[str, Any], Path]:
    """(datasets, what was edited, bundle content, built site), the clock set by
    SOURCE_DATE_EPOCH as a reproducible build sets it."""
    root = tmp_path_factory.mktemp("real")
    datasets = root / "datasets"
    shutil.copytree(mini_source, datasets)
    edits = as_exported(datasets)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        content = bundle.build(datasets)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    path = root / "bundle/bundle.json"
    bundle.write(content, path, datasets)
    content = json.loads(path.read_text("utf-8"))  # as written, with its charts
    built = {"SHAFAF_BUNDLE": str(path), "SHAFAF_DATASETS": str(datasets)}
    problems = pelican_build("pelicanconf.py", root / "site", built)
    assert problems == [], "Pelican logged warnings or errors:\n" + "\n".join(problems)
    return datasets, edits, content, root / "site"


def section(page: Path, year: str) -> str:
    return page.read_text("utf-8").split(f'id="fy-{year}"', 1)[1].split("<section", 1)[0]


def fact(html: str, label: str) -> str:
    """The <dd> after the <dt> ``label``."""
    return html.split(f"<dt>{label}</dt><dd>", 1)[1].split("</dd>", 1)[0]


# --- The clock ------------------------------------------------------------------------------


def test_the_clock_is_source_date_epoch_in_local_time() -> None:
    # 30 June 2026, 20:00 UTC is already 1 July in Pakistan: fiscal year 2026-27.
    epoch = str(int(datetime(2026, 6, 30, 20, 0, tzinfo=UTC).timestamp()))
    now = clock.now(5, {"SOURCE_DATE_EPOCH": epoch})
    assert (now.isoformat(), clock.fiscal_year(now)) == ("2026-07-01T01:00:00+05:00", "2026-27")
    assert clock.fiscal_year(clock.now(0, {"SOURCE_DATE_EPOCH": epoch})) == "2025-26"
    assert clock.fiscal_year(now, start_month=4) == "2026-27"
    with pytest.raises(clock.ClockError, match="number of seconds"):
        clock.now(5, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_a_bad_source_date_epoch_is_a_configuration_error(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    assert cli.main(["analyse", str(mini), "--out", str(tmp_path / "b.json")]) == 2
    assert "SOURCE_DATE_EPOCH must be a number of seconds" in capsys.readouterr().err


def test_headlines_are_for_the_clocks_year_and_say_when_it_has_no_data(real: Any) -> None:
    _, _, content, site = real
    assert content["clock"]["fiscal_year"] == "2027-28"
    for row in content["headlines"]:
        assert row["year"] == "2027-28"
        assert row["spending"] == {**row["spending"], "state": "not_this_year", "paid": None,
                                   "latest": "2026-27"}  # fmt: skip
    english = (site / "index.html").read_text("utf-8")
    urdu = (site / "ur/index.html").read_text("utf-8")
    latest = '<bdi dir="ltr">2026-27</bdi>'
    assert (
        f'No payments published yet for <bdi dir="ltr">2027-28</bdi>; latest published: {latest}'
        in english
    )
    assert (
        f'<bdi dir="ltr">2027-28</bdi> کی ادائیگیاں ابھی شائع نہیں ہوئیں؛ آخری شائع شدہ: {latest}'
        in urdu
    )


def test_headlines_show_the_current_years_figures(mini_source: Path) -> None:
    now = datetime(2025, 9, 1, tzinfo=UTC)
    content = bundle.build(mini_source, now=now)
    payments = load.table(mini_source / "spending", "payments-*")
    for row in content["headlines"]:
        paid = payments[(payments.lg_code == row["code"]) & (payments.fiscal_year == "2025-26")]
        assert (row["year"], row["spending"]["state"]) == ("2025-26", "published")
        assert row["spending"]["paid"] == int(paid["amount"].sum())


# --- Fields a council does not record --------------------------------------------------------


def test_satisfaction_and_reopening_are_not_shown_as_rates_when_not_recorded(real: Any) -> None:
    _, _, content, site = real
    for lg, years in content["complaints"].items():
        totals = years["2025-26"]["totals"]
        assert (totals["rated"], totals["satisfied_rate"]) == (0, None)
        assert (totals["reopened_recorded"], totals["reopened_rate"]) == (0, None)
        for prefix, missing in (("", "Not recorded"), ("ur/", "ریکارڈ نہیں")):
            page = site / prefix / lg.lower() / "complaints/index.html"
            shown = section(page, "2025-26")
            for label in ("Citizen satisfied", "Reopened") if not prefix else ("شہری مطمئن",):
                assert missing in fact(shown, label) and "%" not in fact(shown, label)
            categories = shown.split("</caption>", 1)[1].split("</table>", 1)[0]
            rows = categories.count("<tr>") - 1  # the header row
            assert categories.count(missing) == 2 * rows  # satisfied and reopened, every row


def test_satisfaction_says_how_many_complaints_it_rests_on(real: Any) -> None:
    datasets, _, content, site = real
    requests = load.table(datasets / "complaints", "complaints-2024-25")
    for lg, part in requests.groupby("lg_code"):
        totals = content["complaints"][lg]["2024-25"]["totals"]
        rated = part["citizen_feedback"].isin(["satisfied", "not_satisfied"])
        satisfied = int(part["citizen_feedback"].eq("satisfied").sum())
        assert (totals["rated"], totals["satisfied"]) == (int(rated.sum()), satisfied)
        assert totals["not_rated"] == len(part) - int(rated.sum())  # not asked, or not recorded
        assert totals["satisfied_rate"] == satisfied / int(rated.sum())
        shown = fact(section(site / lg.lower() / "complaints/index.html", "2024-25"),
                     "Citizen satisfied")  # fmt: skip
        assert formats.percent(satisfied / int(rated.sum())) in shown
        assert (f"{satisfied} of the {int(rated.sum())} complaints the citizen rated; "
                f"{totals['not_rated']} not rated") in shown  # fmt: skip


def test_the_outcomes_chart_leaves_out_what_no_complaint_records(real: Any) -> None:
    _, _, content, site = real
    lg = next(iter(content["complaints"]))
    chart = content["charts"][f"complaints-outcomes/{lg}/2025-26"]
    assert "No citizen's rating of the outcome was recorded" in chart["description"]["en"]
    assert "reopened was not recorded" in chart["description"]["en"]
    assert "شہریوں کی کوئی رائے ریکارڈ نہیں" in chart["description"]["ur"]
    rows = {row[0]: row[1:] for row in chart["table"]["en"]["rows"]}
    assert rows["Citizen satisfied"][:2] == ["Not recorded", "Not recorded"]
    csv = (site / "charts" / chart["csv"]).read_text("utf-8").splitlines()
    assert csv[0] == "measure,complaints,of,rate"
    assert csv[2] == "satisfied,,0,"  # no rate, and no record it could rest on
    svgs = [(site / "charts" / chart["svg"][lang]).read_text("utf-8") for lang in ("en", "ur")]
    assert "Citizen satisfied" not in svgs[0] and "Resolved, says the council" in svgs[0]


def test_budget_execution_rests_on_the_lines_that_report_an_actual(real: Any) -> None:
    datasets, _, content, site = real
    lines = load.table(datasets / "budget", "budget-2024-25")
    for lg, part in lines.groupby("lg_code"):
        totals = content["budget"][lg]["2024-25"]["totals"]
        both = part[part["actual"].notna() & part["revised"].notna()]
        assert totals["actual"] == int(part["actual"].sum())
        assert (totals["actual_lines"], totals["lines"]) == (int(part["actual"].notna().sum()),
                                                             len(part))  # fmt: skip
        assert totals["spent_of_revised"] == int(both["actual"].sum()) / int(both["revised"].sum())
    lg = lines["lg_code"].iloc[0]
    totals = content["budget"][lg]["2024-25"]["totals"]
    page = (site / lg.lower() / "budget/index.html").read_text("utf-8")
    row = page.split('href="#fy-2024-25"', 1)[1].split("</tr>", 1)[0]
    assert f"({totals['actual_lines']} of {totals['lines']} lines)" in row
    assert f"(on {totals['execution_lines']} of {totals['lines']} lines)" in row


def test_payments_without_purpose_or_method_say_not_recorded(real: Any) -> None:
    _, _, content, site = real
    supplier = next(iter(content["suppliers"].values()))
    assert supplier["payments"][0]["purpose"] is None  # JSON null, not NaN
    for prefix, missing in (("", "Not recorded"), ("ur/", "ریکارڈ نہیں")):
        page = (site / prefix / "suppliers" / supplier["id"].lower() / "index.html").read_text(
            "utf-8"
        )
        body = page.split("<tbody>", 1)[1]
        assert body.count(missing) >= 2 * min(len(supplier["payments"]), 50)


def test_indicators_run_on_data_with_fields_not_recorded(real: Any) -> None:
    _, _, content, _ = real
    assert content["indicators"] and isinstance(content["flags"], dict)


# --- Refunds -----------------------------------------------------------------------------------


def test_refunds_are_netted_and_never_ranked_as_large_payments(real: Any) -> None:
    datasets, edits, content, _ = real
    payments = load.table(datasets / "spending", "payments-2025-26")
    for lg, part in payments.groupby("lg_code"):
        year = content["spending"][lg]["2025-26"]
        assert year["amount"] == int(part["amount"].sum())
        negative = part[part["amount"] < 0]
        assert year["refunds"] == {"count": len(negative), "amount": int(negative["amount"].sum())}
        assert all(s["amount"] > 0 for s in year["top_suppliers"])
    department = content["departments"][edits["lg"]][edits["dept"]]["years"]["2025-26"]
    largest = department["spending"]["largest"]
    assert edits["credit_note"] not in [p["id"] for p in largest]
    assert all(p["amount"] > 0 for p in largest)
    for supplier in content["suppliers"].values():
        assert supplier["amount"] == sum(p["amount"] for p in supplier["payments"])


def test_a_refund_is_shown_as_one_in_both_languages(real: Any) -> None:
    _, _, content, site = real
    supplier = next(s for s in content["suppliers"].values() if s["refunds"])
    number, refund = next((n, p) for n, p in enumerate(supplier["payments"]) if p["amount"] < 0)
    folder = site / "suppliers" / supplier["id"].lower()
    if number >= 50:  # ROWS_PER_PAGE: the refund is on a later page of the list
        folder = folder / f"page-{number // 50 + 1}"
    english = (folder / "index.html").read_text("utf-8")
    urdu = (site / "ur" / folder.relative_to(site) / "index.html").read_text("utf-8")
    exact = formats.money_exact(refund["amount"], "en", "GBP")
    assert exact.startswith("\u2212£")  # a true minus sign
    assert f'{exact} <span class="refund">refund or credit</span>' in english
    exact_ur = formats.money_exact(refund["amount"], "ur", "GBP")
    assert exact_ur.startswith("\u2066\u2212")  # kept left to right, minus first, inside Urdu
    assert f'{exact_ur} <span class="refund">واپسی یا کریڈٹ</span>' in urdu


def test_known_refunds_and_net_supplier_totals() -> None:
    day = pd.Timestamp("2024-08-01")
    payments = pd.DataFrame(
        {
            "transaction_id": ["T1", "T2", "T3", "T4"], "lg_code": "X-MC",
            "fiscal_year": "2024-25", "dept_code": "ENG", "object_code": "A03901",
            "supplier_id": ["F1", "F1", "F2", "F3"], "amount": [600, -200, 100, -50],
            "payment_date": day, "purpose": pd.NA, "procurement_method": pd.NA,
        }
    )  # fmt: skip
    suppliers = pd.DataFrame(
        {"supplier_id": ["F1", "F2", "F3"], "name_en": ["A", "B", "C"], "name_ur": ["ا", "ب", "ج"],
         "ntn": pd.NA, "kind": "firm"}
    )  # fmt: skip
    names = pd.DataFrame({"dept_code": ["ENG"], "name_en": ["Eng"], "name_ur": ["انج"]})
    objects = pd.DataFrame({"object_code": ["A03901"], "name_en": ["x"], "name_ur": ["x"]})
    year = spending.summary(payments, suppliers, names, objects)["X-MC"]["2024-25"]
    assert (year["amount"], year["count"]) == (450, 4)
    assert year["refunds"] == {"count": 2, "amount": -250}
    assert [(s["code"], s["amount"]) for s in year["top_suppliers"]] == [("F1", 400), ("F2", 100)]
    pages = spending.supplier_pages(payments, suppliers)
    assert (pages["F1"]["amount"], pages["F1"]["refunds"]) == (400, 1)
    assert pages["F3"]["amount"] == -50  # refunded more than paid: shown, net, as such


def test_payments_that_do_not_record_the_supplier_or_the_kind_of_expense() -> None:
    day = pd.Timestamp("2024-09-01")
    payments = pd.DataFrame(
        {
            "transaction_id": ["T1", "T2", "T3"], "lg_code": "X-MC", "fiscal_year": "2024-25",
            "dept_code": "ENG", "object_code": ["A03901", None, None],
            "supplier_id": ["F1", None, "P9"], "amount": [600, 300, 100],
            "payment_date": [day, day + pd.Timedelta(days=31), day], "purpose": pd.NA,
            "procurement_method": pd.NA,
        }
    )  # fmt: skip
    suppliers = pd.DataFrame(
        {"supplier_id": ["F1"], "name_en": ["A"], "name_ur": ["ا"], "ntn": pd.NA, "kind": "firm"}
    )
    names = pd.DataFrame({"dept_code": ["ENG"], "name_en": ["Eng"], "name_ur": ["انج"]})
    objects = pd.DataFrame({"object_code": ["A03901"], "name_en": ["x"], "name_ur": ["x"]})
    year = spending.summary(payments, suppliers, names, objects)["X-MC"]["2024-25"]
    assert year["supplier_not_recorded"] == {"amount": 300, "count": 1}
    assert year["supplier_unlisted"] == {"amount": 100, "count": 1}  # P9: not in the list
    assert year["individuals"] == {"amount": 0, "count": 0}  # neither is called a person
    assert year["object_not_recorded"] == {"amount": 400, "count": 2}
    assert [s["code"] for s in year["top_suppliers"]] == ["F1"]
    # nothing is published before September: July and August are not months of nothing paid
    assert [m["amount"] for m in year["months"][:5]] == [None, None, 700, 300, None]
    eng = departments.summary(payments, suppliers, objects)["X-MC"]["ENG"]["2024-25"]
    assert (eng["hhi"], eng["supplier_not_recorded"]) == (None, 1)
    assert [(p["id"], p["supplier"], p["payee"]) for p in eng["largest"]] == [
        ("T1", "F1", "firm"), ("T2", None, "not_recorded"), ("T3", None, "unlisted")
    ]  # fmt: skip


# --- Currency ----------------------------------------------------------------------------------


def test_no_rupee_on_a_site_in_another_currency(real: Any) -> None:
    _, _, content, site = real
    assert content["currency"] == "GBP"
    # The council's own words stay its own: its content pages and its data dictionaries.
    own = ("data/", "ur/data/", "about/", "ur/about/", "methodology/index", "ur/methodology/index",
           "publishing-guide/", "ur/publishing-guide/", "news/", "ur/news/")  # fmt: skip
    checked = 0
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        if path.startswith(own):
            continue
        found = FOREIGN.findall(page.read_text("utf-8").split("<main", 1)[-1])
        assert found == [], path
        checked += 1
    assert checked > 50
    for chart in (site / "charts").glob("*.svg"):
        assert FOREIGN.findall(chart.read_text("utf-8")) == [], chart.name
    spending_page = next(site.glob("*/spending/index.html")).read_text("utf-8")
    assert "£" in spending_page and "million" in spending_page
    urdu = next((site / "ur").glob("*/spending/index.html")).read_text("utf-8")
    assert "برطانوی پاؤنڈ" in urdu


@pytest.mark.parametrize(
    ("paisa", "lang", "currency", "text"),
    [
        (-12_500_000, "en", "PKR", "\u2212Rs 1.2 lakh"),
        (-12_500_000, "ur", "PKR", "\u2066\u22121.2\u2069\xa0لاکھ روپے"),
        (-5_000, "en", "PKR", "\u2212Rs 50"),
        (123_456_789, "en", "GBP", "£1.2 million"),
        (123_456_789, "ur", "GBP", "1.2\xa0ملین برطانوی پاؤنڈ"),
        (-5_000, "en", "GBP", "\u2212£50"),
        (458_346_100_000, "en", "GBP", "£4.6 billion"),
        (None, "en", "GBP", "–"),
    ],
)
def test_money_in_its_currency(paisa: int | None, lang: str, currency: str, text: str) -> None:
    assert formats.money(paisa, lang, currency) == text


def test_exact_money_in_its_currency() -> None:
    assert formats.money_exact(-12_345_678, "en") == "\u22121,23,457"  # rupees: bare digits
    assert formats.money_exact(-12_345_678, "ur") == "\u2066\u2212123,457\u2069"
    assert formats.money_exact(12_345_678, "en", "GBP") == "£123,456.78"  # pence kept
    assert formats.money_exact(12_345_678, "ur", "GBP") == "\u2066£123,456.78\u2069"


@pytest.mark.parametrize("value", ["pkr", "Rupees", "£", "RS"])
def test_the_currency_setting_must_be_an_iso_code(tmp_path: Path, value: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f'currency = "{value}"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="three-letter ISO 4217 code"):
        settings.load(path)


# --- Known cases -------------------------------------------------------------------------------


def test_rates_rest_only_on_records_that_have_the_field() -> None:
    t0 = pd.Timestamp("2024-08-01T10:00:00+05:00")
    frame = pd.DataFrame(
        {
            "lg_code": "X-MC", "fiscal_year": "2024-25", "ward_code": "W1",
            "service_code": "drain", "agency_responsible": "SAN",
            "status": ["closed", "closed", "closed", "open"], "requested_datetime": t0,
            "updated_datetime": t0,
            "resolved_datetime": [t0 + pd.Timedelta(days=2), pd.NaT, t0 + pd.Timedelta(days=30),
                                  pd.NaT],
            "citizen_feedback": pd.array(["satisfied", pd.NA, "none", pd.NA], dtype="string"),
            "reopened_count": pd.array([pd.NA, pd.NA, 1, pd.NA], dtype="Int64"),
        }
    )  # fmt: skip
    stats = complaints.grouped(complaints.prepare(frame), ["lg_code"])["X-MC"]
    assert (stats["rated"], stats["satisfied_rate"], stats["not_rated"]) == (1, 1.0, 3)
    assert (stats["reopened_recorded"], stats["reopened_rate"]) == (1, 1.0)
    assert (stats["resolved"], stats["timed"], stats["within_target"]) == (3, 2, 0.5)
    nothing = frame.assign(citizen_feedback=pd.NA, reopened_count=pd.NA)
    stats = complaints.grouped(complaints.prepare(nothing), ["lg_code"])["X-MC"]
    assert (stats["satisfied_rate"], stats["reopened_rate"]) == (None, None)


def test_budget_totals_say_how_many_lines_they_rest_on() -> None:
    lines = pd.DataFrame(
        {
            "lg_code": "X-MC", "fiscal_year": "2024-25", "dept_code": "ENG",
            "expenditure_type": "current",
            "approved": [100, 200, 300],
            "revised": pd.array([110, 190, pd.NA], dtype="Int64"),
            "actual": pd.array([99, pd.NA, pd.NA], dtype="Int64"),
        }
    )  # fmt: skip
    names = pd.DataFrame({"dept_code": ["ENG"], "name_en": ["Eng"], "name_ur": ["انج"]})
    totals = budget.summary(lines, names)["X-MC"]["2024-25"]["totals"]
    assert (totals["actual"], totals["actual_lines"], totals["revised_lines"]) == (99, 1, 2)
    assert (totals["execution_lines"], totals["spent_of_revised"]) == (1, 99 / 110)
    none = budget.summary(lines.assign(actual=pd.NA), names)["X-MC"]["2024-25"]["totals"]
    assert (none["actual"], none["spent_of_revised"]) == (None, None)


def test_tracking_keeps_ids_as_the_source_wrote_them() -> None:
    t0 = pd.Timestamp("2024-08-01T10:00:00+05:00")
    ids = ["1-0001", "SBZ-MC-C0000001", "311-98765", "311-00001"]
    frame = pd.DataFrame(
        {
            "service_request_id": ids, "lg_code": "SBZ-MC", "status": "open",
            "status_detail": pd.array([pd.NA, "fixed", pd.NA, "open"], dtype="string"),
            "service_code": "drain", "ward_code": "W1", "requested_datetime": t0,
            "updated_datetime": t0,
            "resolved_datetime": pd.Series([pd.NaT] * 4, dtype="datetime64[ns, UTC]"),
        }
    )  # fmt: skip
    ranges = tracking.index(frame)["SBZ-MC"]["ranges"]
    assert [(r["key"], r["first"], r["last"], r["count"]) for r in ranges] == [
        ("c00000", "C0000000", "C0000099", 1),
        ("x0000", "1-0001", "311-98765", 3),  # sorted, named by the ids they hold
    ]
    details = {row[0]: row[2] for r in ranges for row in r["rows"]}
    assert details["1-0001"] == "" and details["SBZ-MC-C0000001"] == "fixed"
