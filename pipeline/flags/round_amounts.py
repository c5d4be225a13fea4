"""round_amounts: a supplier paid in round amounts far more often than usual."""

from __future__ import annotations

import numpy as np

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import decimal, ltr, money, money_exact, number, percent

CODE = "round_amounts"
KEYS = ["lg_code", "fiscal_year", "supplier_id"]


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    unit = config["round_amount_unit"] * common.PAISA
    share, ratio = config["round_share"], config["round_share_ratio"]
    least = config["min_group_payments"]
    return (
        f"A supplier with at least {least} payments from a local government in a fiscal year, "
        f"more than {percent(share)} of them round (whole multiples of {money_exact(unit)}), "
        f"and that share at least {decimal(ratio)} times the share of round amounts among all "
        "the local government's payments that year.",
        f"کسی مقامی حکومت سے ایک مالی سال میں کم از کم {number(least, 'ur')} ادائیگیاں پانے "
        f"والا سپلائر، جس کی {percent(share, 'ur')} سے زیادہ ادائیگیاں گول رقموں میں ہوں "
        f"({money_exact(unit, 'ur')} کے پورے گنا)، اور یہ شرح اس سال مقامی حکومت کی تمام "
        f"ادائیگیوں میں گول رقموں کی شرح سے کم از کم {decimal(ratio, 'ur')} گنا ہو۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per supplier and year."""
    unit = config["round_amount_unit"] * common.PAISA
    share_limit, ratio = config["round_share"], config["round_share_ratio"]
    payments = tables.paid
    payments = payments[payments["amount"] > 0]
    is_round = (payments["amount"].to_numpy(dtype=np.int64) % unit) == 0
    frame = payments.assign(round=is_round)
    overall = frame.groupby(["lg_code", "fiscal_year"], sort=True)["round"].agg(["sum", "size"])
    groups = frame.groupby(KEYS, sort=True)["round"].agg(["sum", "size"])
    if groups.empty:
        return []
    base = overall.reindex(groups.index.droplevel("supplier_id"))
    base_share = base["sum"].to_numpy() / base["size"].to_numpy()
    share = groups["sum"].to_numpy() / groups["size"].to_numpy()
    flagged = (
        (groups["size"].to_numpy() >= config["min_group_payments"])
        & (share > share_limit)
        & (share >= ratio * base_share)
    )
    groups = groups.assign(share=share, base=base_share)[flagged]
    if groups.empty:
        return []
    hits = frame[frame["round"]].merge(groups[[]], left_on=KEYS, right_index=True)
    ids = common.ids_by_group(hits, KEYS, "transaction_id")
    sums = dict(common.rows(hits.groupby(KEYS, sort=True)[["amount"]].sum()))
    names = tables.names
    findings = []
    for key, row in common.rows(groups):
        lg, year, supplier = (str(part) for part in key)
        rounds, count, total = int(row["sum"]), int(row["size"]), int(sums[key]["amount"])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="supplier",
                subject=supplier,
                dept_code=None,
                rows=ids[key],
                amount=total,
                value=float(row["share"]),
                threshold=share_limit,
                unit="share",
                facts=(
                    ("round_payments", rounds),
                    ("payments", count),
                    ("council_share", round(float(row["base"]), 6)),
                    ("unit_rupees", config["round_amount_unit"]),
                ),
                explanation_en=(
                    f"{rounds} of the {count} payments to {names.supplier(supplier)} in {year} "
                    f"({percent(row['share'])}) are round amounts (whole multiples of "
                    f"{money_exact(unit)}), against {percent(row['base'])} of all the local "
                    f"government's payments that year; together {money(total)}."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.supplier(supplier, 'ur')} کو کی گئی "
                    f"{number(count, 'ur')} ادائیگیوں میں سے {number(rounds, 'ur')} "
                    f"({percent(row['share'], 'ur')}) گول رقمیں ہیں ({money_exact(unit, 'ur')} "
                    f"کے پورے گنا)، جبکہ اس سال مقامی حکومت کی تمام ادائیگیوں میں یہ شرح "
                    f"{percent(row['base'], 'ur')} تھی؛ ان کی کل رقم "
                    f"{money(total, 'ur')} ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Unusually many round amounts",
    title_ur="غیر معمولی طور پر زیادہ گول رقمیں",
    reads="payments",
    settings=("round_amount_unit", "round_share", "round_share_ratio", "min_group_payments"),
    rule=rule,
    find=find,
)
