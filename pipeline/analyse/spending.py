"""Spending: where payments went, by month, department, object code and supplier.

Amounts are net: a refund, credit note or reversal is a negative payment and is subtracted
wherever it falls (a month, a department, a supplier). Counts are of records, and say how many
of them were refunds.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd

TOP_SUPPLIERS = 10
#: Individuals paid as suppliers are shown together, never one by one (privacy).
INDIVIDUAL = "individual_redacted"
KEYS = ["lg_code", "fiscal_year"]


FIRM, PERSON, NOT_RECORDED, UNLISTED = "firm", "individual", "not_recorded", "unlisted"


def payees(payments: pd.DataFrame, suppliers: pd.DataFrame) -> pd.Series:
    """Per payment, who was paid, as far as it may be said: a named supplier (:data:`FIRM`), an
    individual whose name is withheld (:data:`PERSON`), a supplier the payment does not record
    (:data:`NOT_RECORDED`), or one the list of suppliers does not describe (:data:`UNLISTED`:
    nobody is named without the list saying who they are)."""
    kinds = payments["supplier_id"].map(suppliers.set_index("supplier_id")["kind"])
    out = pd.Series(FIRM, index=payments.index, dtype=object)
    out[kinds.isna().to_numpy(dtype=bool)] = UNLISTED
    out[kinds.eq(INDIVIDUAL).fillna(False).to_numpy(dtype=bool)] = PERSON
    out[payments["supplier_id"].isna().to_numpy(dtype=bool)] = NOT_RECORDED
    return out


def text_or_none(column: pd.Series) -> pd.Series:
    """A text column with None where the value is not recorded (JSON null, not NaN)."""
    return column.astype(object).where(column.notna(), None)


def covered(frame: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """{(lg_code, fiscal_year): (first, last)}: the months (YYYY-MM, column ``month``) a
    council's payments of a year cover, from its first payment that year to the council's
    latest payment. A month outside them is not published yet, not a month with nothing paid."""
    latest = frame.groupby("lg_code")["month"].max()
    first = frame.groupby(["lg_code", "fiscal_year"])["month"].min()
    return {(str(lg), str(year)): (str(m), str(latest[lg])) for (lg, year), m in first.items()}


def month_amount(
    amounts: pd.Series, key: tuple[Any, ...], month: str, span: tuple[str, str]
) -> int | None:
    """The amount paid in ``month`` (0 if nothing), or None outside the published ``span``."""
    if not span[0] <= month <= span[1]:
        return None
    return int(amounts.get((*key, month), 0))


def fiscal_months(year: str, start_month: int) -> list[str]:
    """The twelve months of fiscal ``year`` (e.g. "2024-25") as YYYY-MM, first month first."""
    first = int(year[:4])
    return [str(p) for p in pd.period_range(f"{first}-{start_month:02d}", periods=12, freq="M")]


def _totals(frame: pd.DataFrame, by: list[str], names: pd.DataFrame | None = None) -> pd.DataFrame:
    """amount (paisa) and count per group, with English and Urdu names joined on the last key."""
    grouped = frame.groupby(by, sort=True)["amount"].agg(amount="sum", count="size").reset_index()
    grouped["amount"] = grouped["amount"].astype("int64")
    if names is not None:
        grouped = grouped.merge(names, left_on=by[-1], right_index=True, how="left")
    return grouped


def _records(frame: pd.DataFrame, code: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Rows grouped by (lg_code, fiscal_year), largest amount first, as plain dicts."""
    frame = frame.sort_values([*KEYS, "amount", code], ascending=[True, True, False, True])
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in frame.rename(columns={code: "code"}).to_dict("records"):
        key = (row.pop("lg_code"), row.pop("fiscal_year"))
        row["amount"], row["count"] = int(row["amount"]), int(row["count"])
        out[key].append(row)
    return out


def summary(
    payments: pd.DataFrame,
    suppliers: pd.DataFrame,
    departments: pd.DataFrame,
    objects: pd.DataFrame,
    start_month: int = 7,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {fiscal_year: {amount, count, months, departments, objects, top_suppliers,
    individuals, refunds, supplier_not_recorded, supplier_unlisted, object_not_recorded}}},
    amounts in paisa and net of refunds; the last five are {amount, count} of the payments
    concerned. A month outside those the council's payments cover is None, not 0."""
    payments = payments.assign(
        month=payments["payment_date"].dt.to_period("M").astype(str),
        payee=payees(payments, suppliers),
    )
    names = ["name_en", "name_ur"]
    totals = _totals(payments, KEYS).set_index(KEYS)
    months = _totals(payments, [*KEYS, "month"]).set_index([*KEYS, "month"])["amount"]
    depts = _records(
        _totals(payments, [*KEYS, "dept_code"], departments.set_index("dept_code")[names]),
        "dept_code",
    )
    objs = _records(
        _totals(payments, [*KEYS, "object_code"], objects.set_index("object_code")[names]),
        "object_code",
    )
    firms = _totals(
        payments[payments["payee"] == FIRM],
        [*KEYS, "supplier_id"],
        suppliers.set_index("supplier_id")[names],
    )
    firms = _records(firms, "supplier_id")
    people = _totals(payments[payments["payee"] == PERSON], KEYS).set_index(KEYS)
    unnamed = _totals(payments[payments["payee"] == UNLISTED], KEYS).set_index(KEYS)
    refunds = _totals(payments[payments["amount"] < 0], KEYS).set_index(KEYS)
    unrecorded = _totals(payments[payments["payee"] == NOT_RECORDED], KEYS).set_index(KEYS)
    no_object = _totals(payments[payments["object_code"].isna()], KEYS).set_index(KEYS)

    spans = covered(payments)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for (lg, year), row in totals.iterrows():
        key = (str(lg), str(year))
        amount = int(row["amount"])
        # a supplier refunded more than it was paid is no "largest supplier"
        top = [f for f in firms.get(key, []) if f["amount"] > 0][:TOP_SUPPLIERS]
        for supplier in top:
            supplier["share"] = supplier["amount"] / amount if amount > 0 else None

        def part(table: pd.DataFrame, key: tuple[str, str] = key) -> dict[str, int]:
            if key not in table.index:
                return {"amount": 0, "count": 0}
            return {"amount": int(table.loc[key, "amount"]), "count": int(table.loc[key, "count"])}

        out.setdefault(key[0], {})[key[1]] = {
            "amount": amount,
            "count": int(row["count"]),
            "months": [
                {
                    "month": m,
                    "amount": month_amount(months, (lg, year), m, spans[key]),
                }
                for m in fiscal_months(key[1], start_month)
            ],
            "departments": depts.get(key, []),
            "objects": objs.get(key, []),
            "top_suppliers": top,
            "individuals": part(people),
            "refunds": part(refunds),
            "supplier_not_recorded": part(unrecorded),
            "supplier_unlisted": part(unnamed),
            "object_not_recorded": part(no_object),
        }
    return out


def supplier_pages(payments: pd.DataFrame, suppliers: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """{supplier_id: the supplier and every payment to it, newest first}; firms only.

    ``amount`` is net of refunds; ``count`` counts every record, ``refunds`` the negative ones.
    """
    firms = suppliers[suppliers["kind"].ne(INDIVIDUAL).fillna(False).astype(bool)]
    paid = payments[payments["supplier_id"].isin(firms["supplier_id"])].sort_values(
        ["payment_date", "transaction_id"], ascending=[False, True]
    )
    listed = pd.DataFrame(
        {
            "supplier": paid["supplier_id"],
            "id": paid["transaction_id"],
            "date": paid["payment_date"].dt.strftime("%Y-%m-%d"),
            "lg": paid["lg_code"],
            "dept": paid["dept_code"],
            "amount": paid["amount"].astype("int64"),
            "purpose": text_or_none(paid["purpose"]),
            "method": text_or_none(paid["procurement_method"]),
        }
    )
    by_supplier: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in listed.to_dict("records"):
        by_supplier[record.pop("supplier")].append(record)
    out: dict[str, dict[str, Any]] = {}
    for firm in firms.sort_values("supplier_id").to_dict("records"):
        rows = by_supplier.get(firm["supplier_id"])
        if not rows:
            continue
        out[firm["supplier_id"]] = {
            "id": firm["supplier_id"],
            "name_en": firm["name_en"],
            "name_ur": firm["name_ur"] if pd.notna(firm["name_ur"]) else firm["name_en"],
            "ntn": firm["ntn"] if pd.notna(firm["ntn"]) else None,
            "kind": firm["kind"],
            "amount": sum(r["amount"] for r in rows),
            "count": len(rows),
            "refunds": sum(r["amount"] < 0 for r in rows),
            "councils": sorted({r["lg"] for r in rows}),
            "payments": rows,
        }
    return out
