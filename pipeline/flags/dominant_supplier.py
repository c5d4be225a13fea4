"""dominant_supplier: one supplier takes most of a department's payments in a finished year."""

from __future__ import annotations

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import MONTHS_EN, MONTHS_UR, ltr, money, number, percent

CODE = "dominant_supplier"
DEPT = ["lg_code", "fiscal_year", "dept_code"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    share, least = config["dominant_share"], config["min_group_payments"]
    month = common.last_month(config["fiscal_year_start_month"]) - 1
    return (
        f"One supplier receives more than {percent(share)} (by amount) of a department's "
        f"payments in a finished fiscal year (one that ended, in {MONTHS_EN[month]}, by the "
        f"latest payment date in the data) in which the department made at least {least} "
        "payments. The department's supplier concentration (Herfindahl-Hirschman index, "
        "0 to 10,000) is reported beside it.",
        f"کسی مکمل مالی سال میں (جو ڈیٹا کی آخری ادائیگی کی تاریخ تک {MONTHS_UR[month]} میں ختم "
        f"ہو چکا ہو)، جس میں محکمے نے کم از کم {number(least, 'ur')} ادائیگیاں کیں، ایک سپلائر کو "
        f"محکمے کی ادائیگیوں (رقم کے لحاظ سے) کا {percent(share, 'ur')} سے زیادہ حصہ ملے۔ ساتھ "
        "میں محکمے کے سپلائرز کا ارتکاز (ہرفنڈال-ہرشمین اشاریہ، 0 سے 10,000) بھی دیا جاتا ہے۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per dominant supplier of a department and year."""
    share_limit = config["dominant_share"]
    payments = tables.paid
    done = common.finished(
        payments["fiscal_year"], tables.payments_as_of(), config["fiscal_year_start_month"]
    )
    payments = payments[done]
    dept = payments.groupby(DEPT, sort=True)["amount"].agg(["sum", "size"])
    dept = dept[(dept["size"] >= config["min_group_payments"]) & (dept["sum"] > 0)]
    if dept.empty:
        return []
    payments = payments.merge(dept[[]], left_on=DEPT, right_index=True)
    by_supplier = payments.groupby([*DEPT, "supplier_id"], sort=True)["amount"].agg(["sum", "size"])
    totals = dept["sum"].reindex(by_supplier.index.droplevel("supplier_id")).to_numpy()
    shares = by_supplier["sum"].to_numpy() / totals
    hhi = (
        by_supplier.assign(square=(shares * 100) ** 2)
        .groupby(level=DEPT, sort=True)["square"]
        .sum()
    )
    flagged = by_supplier.assign(share=shares)[shares > share_limit]
    if flagged.empty:
        return []
    hits = payments.merge(flagged[[]], left_on=[*DEPT, "supplier_id"], right_index=True)
    ids = common.ids_by_group(hits, [*DEPT, "supplier_id"], "transaction_id")
    departments = dict(common.rows(dept.assign(hhi=hhi)))
    names = tables.names
    findings = []
    for key, row in common.rows(flagged):
        lg, year, code, supplier = (str(part) for part in key)
        amount, count = int(row["sum"]), int(row["size"])
        group = departments[(lg, year, code)]
        total, index = int(group["sum"]), float(group["hhi"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="supplier",
                subject=supplier,
                dept_code=code,
                rows=ids[key],
                amount=amount,
                value=float(row["share"]),
                threshold=share_limit,
                unit="share",
                facts=(
                    ("payments", count),
                    ("department_payments", int(group["size"])),
                    ("department_total_rupees", total / common.PAISA),
                    ("hhi", round(index, 1)),
                ),
                explanation_en=(
                    f"{names.supplier(supplier)} received {percent(row['share'])} of the "
                    f"payments of {names.department(code)} in {year}: {money(amount)} of "
                    f"{money(total)}, in {number(count)} payments. The department's supplier "
                    f"concentration (HHI) is {index:,.0f} out of 10,000."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(code, 'ur')} کی ادائیگیوں کا "
                    f"{percent(row['share'], 'ur')} حصہ {names.supplier(supplier, 'ur')} کو ملا: "
                    f"{money(total, 'ur')} میں سے {money(amount, 'ur')}، "
                    f"{number(count, 'ur')} ادائیگیوں میں۔ محکمے کے سپلائرز کا ارتکاز (HHI) "
                    f"10,000 میں سے {ltr(f'{index:,.0f}')} ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Dominant supplier of a department",
    title_ur="محکمے کا غالب سپلائر",
    reads="payments",
    settings=("dominant_share", "min_group_payments", "fiscal_year_start_month"),
    rule=rule,
    find=find,
)
