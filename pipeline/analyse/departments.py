"""Departments: one department's spending in a council and year, for the department's own page.

The council-wide budget, spending and complaint summaries already carry each department's
totals; this adds what only a department page shows: its month by month payments, its kinds of
expense, its largest suppliers (with their share of the department's spending and the HHI of
supplier concentration) and its largest single payments.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

from pipeline.analyse.spending import FIRM, INDIVIDUAL, covered, fiscal_months, month_amount, payees

TOP_SUPPLIERS = 10
LARGEST_PAYMENTS = 10
KEYS = ["lg_code", "fiscal_year", "dept_code"]


def _nested(frame: pd.DataFrame, value: str) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows of ``frame`` grouped by (lg, year, department), in the frame's order."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in frame.to_dict("records"):
        key = (row.pop("lg_code"), row.pop("fiscal_year"), row.pop("dept_code"))
        row = {k: None if v is None or v is pd.NA or v != v else v for k, v in row.items()}
        row[value] = int(row[value])
        out[key].append(row)
    return out


def _hhi(value: float | None) -> float | None:
    """The concentration index, or None when nothing was paid net (no share to measure)."""
    return None if value is None or pd.isna(value) else round(float(value), 4)


def summary(
    payments: pd.DataFrame,
    suppliers: pd.DataFrame,
    objects: pd.DataFrame,
    start_month: int = 7,
) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """{lg_code: {dept_code: {fiscal_year: {amount, count, months, objects, suppliers, hhi,
    supplier_not_recorded, largest}}}}, amounts in paisa. Individuals paid as suppliers are
    counted, never named; ``hhi`` is None where a payment's supplier is not recorded."""
    frame = payments.assign(
        month=payments["payment_date"].dt.to_period("M").astype(str),
        payee=payees(payments, suppliers),
    )
    grouped = frame.groupby(KEYS, sort=True)["amount"].agg(amount="sum", count="size")
    by_month = frame.groupby([*KEYS, "month"])["amount"].sum()

    names = ["name_en", "name_ur"]
    objs = (
        frame.groupby([*KEYS, "object_code"], sort=True)["amount"]
        .agg(amount="sum", count="size")
        .reset_index()
        .merge(objects.set_index("object_code")[names], left_on="object_code", right_index=True)
        .rename(columns={"object_code": "code"})
        .sort_values([*KEYS, "amount", "code"], ascending=[True, True, True, False, True])
    )
    firms = frame[frame["payee"] == FIRM]
    paid = (
        firms.groupby([*KEYS, "supplier_id"], sort=True)["amount"]
        .agg(amount="sum", count="size")
        .reset_index()
    )
    dept_total = paid.groupby(KEYS)["amount"].transform("sum")
    # Concentration over every supplier, individuals included (as one group each): the HHI
    # asks how few hands the money went through.
    # A supplier refunded more than it was paid holds no share of the money.
    everyone = frame.groupby([*KEYS, "supplier_id"])["amount"].sum().clip(lower=0)
    shares = everyone / everyone.groupby(level=[0, 1, 2]).transform("sum")
    hhi = (shares**2).groupby(level=[0, 1, 2]).sum(min_count=1)
    # Payments whose supplier is not recorded: no concentration can be measured over them.
    unrecorded = frame["supplier_id"].isna().groupby([frame[k] for k in KEYS]).sum()
    paid = (
        paid.assign(share=paid["amount"] / dept_total)
        .merge(suppliers.set_index("supplier_id")[names], left_on="supplier_id", right_index=True)
        .rename(columns={"supplier_id": "code"})
        .sort_values([*KEYS, "amount", "code"], ascending=[True, True, True, False, True])
    )
    paid = paid[paid["amount"] > 0]  # refunded more than paid: not a "largest supplier"
    paid = paid[paid.groupby(KEYS).cumcount() < TOP_SUPPLIERS]
    firm_names = suppliers[suppliers["kind"].ne(INDIVIDUAL).fillna(False).astype(bool)]
    firm_names = firm_names.set_index("supplier_id")[names]
    firm_names = firm_names.assign(name_ur=firm_names["name_ur"].fillna(firm_names["name_en"]))
    # Refunds and credit notes are netted in the totals, never ranked as large payments.
    largest = frame[frame["amount"] > 0].sort_values(
        [*KEYS, "amount", "transaction_id"], ascending=[True, True, True, False, True]
    )
    largest = largest[largest.groupby(KEYS).cumcount() < LARGEST_PAYMENTS]
    largest = pd.DataFrame(
        {
            "lg_code": largest["lg_code"],
            "fiscal_year": largest["fiscal_year"],
            "dept_code": largest["dept_code"],
            "id": largest["transaction_id"],
            "date": largest["payment_date"].dt.strftime("%Y-%m-%d"),
            # only a firm is named: an individual's payment is listed without saying who was paid
            "supplier": largest["supplier_id"].where(largest["payee"] == FIRM, None),
            "payee": largest["payee"],
            "supplier_en": largest["supplier_id"].map(firm_names["name_en"]),
            "supplier_ur": largest["supplier_id"].map(firm_names["name_ur"]),
            "amount": largest["amount"],
            "purpose": largest["purpose"],
        }
    )
    objs_by, firms_by, largest_by = (
        _nested(objs, "amount"),
        _nested(paid, "amount"),
        _nested(largest, "amount"),
    )
    spans = covered(frame)
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for (lg, year, dept), row in grouped.iterrows():
        key = (str(lg), str(year), str(dept))
        out.setdefault(key[0], {}).setdefault(key[2], {})[key[1]] = {
            "amount": int(row["amount"]),
            "count": int(row["count"]),
            "months": [
                {
                    "month": m,
                    "amount": month_amount(by_month, (lg, year, dept), m, spans[key[:2]]),
                }
                for m in fiscal_months(key[1], start_month)
            ],
            "objects": [{**o, "count": int(o["count"])} for o in objs_by.get(key, [])],
            "suppliers": [
                {**s, "count": int(s["count"]), "share": float(s["share"])}
                for s in firms_by.get(key, [])
            ],
            "hhi": None if unrecorded.get((lg, year, dept), 0) else _hhi(hhi.get((lg, year, dept))),
            "supplier_not_recorded": int(unrecorded.get((lg, year, dept), 0)),
            "largest": largest_by.get(key, []),
        }
    return out


def pages(
    content: dict[str, Any],
    spent: dict[str, dict[str, dict[str, dict[str, Any]]]],
    names: pd.DataFrame,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {dept_code: {code, name_en, name_ur, years: {fiscal_year: {budget, spending,
    complaints}}}}}: everything the bundle ``content`` knows of each department, by year.

    ``spent`` is ``summary()``; budget and complaint figures come from the council summaries
    already in ``content``. A part the department has no data for that year is None.
    """
    named = names.set_index("dept_code")[["name_en", "name_ur"]].to_dict("index")
    out: dict[str, dict[str, dict[str, Any]]] = {}

    def entry(lg: str, dept: str) -> dict[str, Any]:
        council = out.setdefault(lg, {})
        if dept not in council:
            council[dept] = {"code": dept, **named.get(dept, {}), "years": {}}
        return council[dept]

    def year(lg: str, dept: str, fiscal_year: str) -> dict[str, Any]:
        years = entry(lg, dept)["years"]
        return years.setdefault(fiscal_year, {"budget": None, "spending": None, "complaints": None})

    for part, section in (("budget", "budget"), ("complaints", "complaints")):
        for lg, years in content.get(section, {}).items():
            for fiscal_year, summary in years.items():
                for row in summary["departments"]:
                    year(lg, row["code"], fiscal_year)[part] = row
    for lg, depts in spent.items():
        for dept, years in depts.items():
            for fiscal_year, figures in years.items():
                year(lg, dept, fiscal_year)["spending"] = figures
    return {
        lg: {code: depts[code] for code in sorted(depts) if code in named}
        for lg, depts in sorted(out.items())
    }
