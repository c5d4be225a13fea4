"""shared_supplier_id: distinct supplier ids that share one tax number (NTN)."""

from __future__ import annotations

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import INDIVIDUAL, money, number

CODE = "shared_supplier_id"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words (this indicator has no threshold to set)."""
    return (
        "Two or more supplier ids in the supplier list with the same national tax number (NTN, "
        "compared by its digits), for each local government that paid any of them. The NTN is "
        "shown only when none of the suppliers is an individual.",
        "سپلائرز کی فہرست میں دو یا زیادہ سپلائر آئی ڈیز جن کا نیشنل ٹیکس نمبر (NTN، صرف ہندسوں کے "
        "لحاظ سے) ایک ہو، ہر اس مقامی حکومت کے لیے جس نے ان میں سے کسی کو ادائیگی کی۔ اگر ان "
        "میں کوئی فرد ہو تو NTN نہیں دکھایا جاتا۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per local government and shared NTN."""
    suppliers = tables.suppliers.dropna(subset=["supplier_id", "ntn"]).drop_duplicates(
        "supplier_id"
    )
    digits = suppliers["ntn"].str.replace(r"\D", "", regex=True)
    suppliers = suppliers.assign(key=digits)[digits.str.len().fillna(0).to_numpy() > 0]
    sizes = suppliers.groupby("key")["supplier_id"].transform("size")
    shared = suppliers[sizes.to_numpy() > 1]
    if shared.empty:
        return []
    members = common.ids_by_group(shared, ["key"], "supplier_id")
    personal = set(shared.loc[shared["kind"].eq(INDIVIDUAL).fillna(False).to_numpy(), "key"])
    first = shared.sort_values("supplier_id").drop_duplicates("key")
    shown_ntn = dict(zip(first["key"].tolist(), first["ntn"].tolist(), strict=True))
    payments = tables.paid
    paid = payments.merge(shared[["supplier_id", "key"]], on="supplier_id")
    if paid.empty:
        return []
    ids = common.ids_by_group(paid, ["lg_code", "key"], "transaction_id")
    summary = paid.groupby(["lg_code", "key"], sort=True).agg(
        total=("amount", "sum"), size=("amount", "size"), paid=("supplier_id", "nunique")
    )
    names = tables.names
    findings = []
    for key, row in common.rows(summary):
        lg, ntn = str(key[0]), str(key[1])
        group = members[ntn]
        listed_en = ", ".join(names.supplier(s) for s in group)
        listed_ur = "، ".join(names.supplier(s, "ur") for s in group)
        hidden = ntn in personal
        size, total = int(row["size"]), int(row["total"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=None,
                subject_kind="ntn",
                subject=" ".join(group),
                dept_code=None,
                rows=ids[key],
                amount=total,
                value=len(group),
                threshold=1,
                unit="suppliers",
                facts=(
                    ("ntn", "withheld" if hidden else str(shown_ntn[ntn])),
                    ("suppliers_paid", int(row["paid"])),
                    ("payments", size),
                ),
                explanation_en=(
                    f"{len(group)} supplier records share one NTN: {listed_en}. This local "
                    f"government paid them {money(total)} in {number(size)} payments."
                ),
                explanation_ur=(
                    f"{number(len(group), 'ur')} سپلائر ریکارڈز کا NTN ایک ہی ہے: {listed_ur}۔ اس "
                    f"مقامی حکومت نے انہیں {number(size, 'ur')} ادائیگیوں میں "
                    f"{money(total, 'ur')} ادا کیے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Supplier ids sharing a tax number",
    title_ur="ایک ہی ٹیکس نمبر والی مختلف سپلائر آئی ڈیز",
    reads="suppliers",
    settings=(),
    rule=rule,
    find=find,
)
