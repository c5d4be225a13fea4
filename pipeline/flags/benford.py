"""benford: a department's first digits far from Benford's law (mean absolute deviation)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import decimal, ltr, money_exact, number, percent

CODE = "benford"
KEYS = ["lg_code", "fiscal_year", "dept_code"]
#: Expected share of first digits 1-9 under Benford's law.
EXPECTED = np.log10(1 + 1 / np.arange(1, 10))
#: Nigrini's first-digit MAD bands (M. Nigrini, Benford's Law, Wiley 2012).
BANDS = ((0.006, "close conformity"), (0.012, "acceptable conformity"), (0.015, "marginal"))


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    least, floor = config["benford_min_payments"], config["benford_min_amount"] * common.PAISA
    limit = config["benford_mad_limit"]
    return (
        f"A department with at least {number(least)} payments of {money_exact(floor)} or more in a "
        f"fiscal year whose first digits depart from Benford's law: the mean absolute deviation "
        f"(MAD) of the nine first-digit shares from Benford's is above {decimal(limit)} "
        "(Nigrini: above 0.015 is nonconformity).",
        f"ایسا محکمہ جس کی کسی مالی سال میں {money_exact(floor, 'ur')} یا زیادہ کی کم از کم "
        f"{number(least, 'ur')} ادائیگیاں ہوں اور ان کے پہلے ہندسے بینفورڈ کے قانون سے ہٹ کر "
        f"ہوں: نو پہلے ہندسوں کی شرحوں کا بینفورڈ کی شرحوں سے اوسط مطلق انحراف (MAD) "
        f"{decimal(limit, 'ur')} سے زیادہ ہو (نائگرینی کے مطابق {decimal(0.015, 'ur')} سے "
        "زیادہ عدم مطابقت ہے)۔",
    )


def first_digits(rupees: np.ndarray) -> np.ndarray:
    """First digit (1-9) of positive whole rupee amounts."""
    power = np.floor(np.log10(rupees.astype(np.float64))).astype(np.int64)
    digit = rupees // (10**power)
    digit = np.where(digit >= 10, digit // 10, digit)  # log10 rounded up
    return np.where(digit == 0, rupees // (10 ** np.maximum(power - 1, 0)), digit)


def band(mad: float) -> str:
    """Nigrini's name for a first-digit MAD."""
    return next((name for limit, name in BANDS if mad <= limit), "nonconformity")


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year that departs from Benford's law."""
    least, limit = config["benford_min_payments"], config["benford_mad_limit"]
    payments = tables.paid.dropna(subset=KEYS)
    rupees = payments["amount"].to_numpy(dtype=np.int64) // common.PAISA
    keep = rupees >= config["benford_min_amount"]
    payments, rupees = payments[keep], rupees[keep]
    if payments.empty:
        return []
    gid, groups = pd.MultiIndex.from_frame(payments[KEYS]).factorize()
    counts = np.bincount(gid * 9 + first_digits(rupees) - 1, minlength=len(groups) * 9)
    counts = counts.reshape(len(groups), 9)
    sizes = counts.sum(axis=1)
    shares = counts / np.maximum(sizes, 1)[:, None]
    deviation = shares - EXPECTED
    mad = np.abs(deviation).mean(axis=1)
    flagged = np.flatnonzero((sizes >= least) & (mad > limit))
    if flagged.size == 0:
        return []
    hits = payments[np.isin(gid, flagged)]
    ids = common.ids_by_group(hits, KEYS, "transaction_id")
    names = tables.names
    findings = []
    for g in flagged:
        key = groups[g]
        lg, year, dept = (str(part) for part in key)
        worst = int(np.argmax(np.abs(deviation[g])))
        size = int(sizes[g])
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids[key],
                amount=None,
                value=float(mad[g]),
                threshold=limit,
                unit="mad",
                facts=(
                    ("payments", size),
                    ("conformity", band(float(mad[g]))),
                    ("digit", worst + 1),
                    ("observed_share", round(float(shares[g, worst]), 6)),
                    ("expected_share", round(float(EXPECTED[worst]), 6)),
                    *((f"digit_{d + 1}", int(counts[g, d])) for d in range(9)),
                ),
                explanation_en=(
                    f"The first digits of the {number(size)} payments of "
                    f"{names.department(dept)} in {year} depart from Benford's law: mean "
                    f"absolute deviation {float(mad[g]):.4f}, above {decimal(limit)}. The "
                    f"largest gap is digit {worst + 1}: {percent(shares[g, worst])} of "
                    f"amounts against {percent(EXPECTED[worst])} expected."
                ),
                explanation_ur=(
                    f"مالی سال {ltr(year)} میں {names.department(dept, 'ur')} کی "
                    f"{number(size, 'ur')} ادائیگیوں کے پہلے ہندسے بینفورڈ کے قانون سے ہٹ کر "
                    f"ہیں: اوسط مطلق انحراف {ltr(f'{float(mad[g]):.4f}')} ہے، جو "
                    f"{decimal(limit, 'ur')} سے زیادہ ہے۔ سب سے بڑا فرق ہندسہ "
                    f"{ltr(worst + 1)} میں ہے: {percent(shares[g, worst], 'ur')} رقمیں اس سے "
                    f"شروع ہوتی ہیں جبکہ متوقع شرح {percent(EXPECTED[worst], 'ur')} ہے۔"
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="First digits far from Benford's law",
    title_ur="پہلے ہندسے بینفورڈ کے قانون سے دور",
    reads="payments",
    settings=("benford_min_payments", "benford_min_amount", "benford_mad_limit"),
    rule=rule,
    find=find,
)
