"""Budget lines per local government and fiscal year: approved, revised and actual amounts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from pipeline.sample.codes import (
    CURRENT_LINES,
    DEPARTMENTS,
    DEPT_FUNCTION,
    DEPT_SHARE,
    DEVELOPMENT_POOL,
    DEVELOPMENT_SCHEMES,
    DEVELOPMENT_SHARE,
    SALARY_LINES,
    SALARY_SHARE,
)
from pipeline.sample.config import rng_for
from pipeline.sample.dates import elapsed_share
from pipeline.sample.places import LocalGovernment

#: Columns of a budget file, in the descriptor's order.
BUDGET_COLUMNS = [
    "line_id",
    "lg_code",
    "fiscal_year",
    "dept_code",
    "function_code",
    "object_code",
    "expenditure_type",
    "adp_scheme",
    "description_en",
    "description_ur",
    "approved",
    "revised",
    "actual",
]

#: Budget per resident in the first year, rupees, by tier.
PER_CAPITA = {
    "municipal_corporation": 3_400,
    "municipal_committee": 2_800,
    "town_committee": 3_600,
    "district_council": 2_100,
}

#: Typical size of a development scheme, rupees, by tier.
SCHEME_SIZE = {
    "municipal_corporation": 28_000_000,
    "municipal_committee": 9_000_000,
    "town_committee": 3_500_000,
    "district_council": 14_000_000,
}

#: Payments are smaller in smaller councils.
PAYMENT_SCALE = {
    "municipal_corporation": 1.0,
    "municipal_committee": 0.55,
    "town_committee": 0.3,
    "district_council": 0.8,
}

#: Most any single line may take of its department's payable (non-salary) budget.
LINE_CAP = 0.4


def _cap(amounts: np.ndarray, cap: float) -> np.ndarray:
    """Spread amounts so that none exceeds ``cap`` of the total (when there are enough lines)."""
    amounts = amounts.astype(float)
    total = amounts.sum()
    if total <= 0 or len(amounts) * cap < 1:
        return amounts
    for _ in range(10):
        over = amounts > cap * total
        if not over.any():
            break
        excess = (amounts[over] - cap * total).sum()
        amounts[over] = cap * total
        room = ~over
        amounts[room] += excess * amounts[room] / amounts[room].sum()
    return amounts


def _place_label(ward_code: str, name_en: str, name_ur: str) -> tuple[str, str]:
    """'Gulshan Colony (Ward 7)' and its Urdu, from a ward or union council."""
    suffix = ward_code.rsplit("-", 1)[1]
    if suffix.startswith("UC"):
        number = int(suffix[2:])
        return f"{name_en} (UC {number})", f"{name_ur} (یونین کونسل {number})"
    number = int(suffix[1:])
    return f"{name_en} (Ward {number})", f"{name_ur} (وارڈ {number})"


def budget_lines(
    lg: LocalGovernment,
    fiscal_year: str,
    year_index: int,
    wards: pd.DataFrame,
    seed: int,
    as_of: date,
) -> pd.DataFrame:
    """Budget lines of one local government for one fiscal year.

    Besides the published columns, internal columns (prefixed ``_``) carry what payments need:
    the line kind, the supplier pool, a typical payment size, the payment purposes, whether
    purposes name a ward, and ``_target``: the rupees to be paid on the line in the year so far.
    """
    rng = rng_for(seed, "budget", lg.lg_code, fiscal_year)
    growth = 1.11**year_index
    total = lg.population * PER_CAPITA[lg.tier] * growth * rng.lognormal(0.0, 0.04)
    depts = [d[0] for d in DEPARTMENTS]
    dept_names = {d[0]: (d[1], d[2]) for d in DEPARTMENTS}
    shares = np.array([DEPT_SHARE[d] for d in depts]) * rng.lognormal(0.0, 0.1, len(depts))
    dept_total = total * shares / shares.sum()
    big = lg.tier in ("municipal_corporation", "district_council")
    scale = PAYMENT_SCALE[lg.tier]
    rows: list[dict] = []
    ward_labels = [
        _place_label(w.ward_code, w.name_en, w.name_ur) for w in wards.itertuples(index=False)
    ]
    ward_codes = wards["ward_code"].tolist()
    for dept, budget in zip(depts, dept_total, strict=True):
        function = DEPT_FUNCTION[dept]
        d_en, d_ur = dept_names[dept]
        salary = budget * SALARY_SHARE[dept]
        development = budget * DEVELOPMENT_SHARE[dept]
        current = budget - salary - development
        for code, en, ur, share in SALARY_LINES:
            if (code in ("A01202", "A01203") and not big) or (code == "A01203" and dept != "ADM"):
                continue
            if code == "A01101" and dept not in ("ADM", "FIN", "ENG", "SAN", "WSS"):
                continue
            rows.append(
                dict(
                    dept_code=dept,
                    function_code=function,
                    object_code=code,
                    expenditure_type="current",
                    adp_scheme=None,
                    description_en=f"{en}, {d_en}",
                    description_ur=f"{ur}، {d_ur}",
                    _amount=salary * share * rng.lognormal(0, 0.05),
                    _kind="salary",
                    _pool="",
                    _size=0,
                    _purposes=(),
                    _ward_purpose=False,
                    _place="",
                )
            )
        payable: list[dict] = []
        templates = [t for t in CURRENT_LINES if t.dept == dept]
        weights = np.array([t.weight for t in templates]) * rng.lognormal(0, 0.2, len(templates))
        weights = weights / weights.sum()
        for template, weight in zip(templates, weights, strict=True):
            payable.append(
                dict(
                    dept_code=dept,
                    function_code=function,
                    object_code=template.object_code,
                    expenditure_type="current",
                    adp_scheme=None,
                    description_en=template.description_en,
                    description_ur=template.description_ur,
                    _amount=current * weight,
                    _kind=template.kind,
                    _pool=template.pool,
                    _size=max(5_000, int(template.payment_size * scale)),
                    _purposes=template.purposes,
                    _ward_purpose=template.ward_purpose,
                    _place="",
                )
            )
        schemes = [s for s in DEVELOPMENT_SCHEMES if s[0] == dept]
        if development > 0 and schemes:
            n = int(np.clip(round(development / SCHEME_SIZE[lg.tier]), min(2, len(schemes)), 14))
            picks = np.resize(rng.permutation(len(schemes)), n)  # distinct schemes first
            places = rng.choice(len(ward_codes), n)
            sizes = rng.lognormal(0, 0.6, n)
            sizes = development * sizes / sizes.sum()
            for pick, place, size in zip(picks, places, sizes, strict=True):
                _, code, en, ur = schemes[pick]
                p_en, p_ur = ward_labels[place]
                payable.append(
                    dict(
                        dept_code=dept,
                        function_code=function,
                        object_code=code,
                        expenditure_type="development",
                        adp_scheme="",
                        description_en=en.format(place=p_en),
                        description_ur=ur.format(place=p_ur),
                        _amount=size,
                        _kind="development",
                        _pool=DEVELOPMENT_POOL[code],
                        _size=int(2_500_000 * scale),
                        _purposes=(),
                        _ward_purpose=False,
                        _place=ward_codes[place],
                    )
                )
        capped = _cap(np.array([p["_amount"] for p in payable]), LINE_CAP)
        for p, amount in zip(payable, capped, strict=True):
            p["_amount"] = amount
        rows.extend(payable)
    frame = pd.DataFrame(rows)
    n = len(frame)
    frame.insert(0, "line_id", [f"{lg.lg_code}-{fiscal_year}-{i + 1:04d}" for i in range(n)])
    frame.insert(1, "lg_code", lg.lg_code)
    frame.insert(2, "fiscal_year", fiscal_year)
    dev = (frame["expenditure_type"] == "development").to_numpy()
    numbers = np.sort(rng.choice(np.arange(1, 10_000), int(dev.sum()), replace=False))
    frame.loc[dev, "adp_scheme"] = [f"{x:04d}" for x in numbers]
    approved = np.round(frame["_amount"].to_numpy() / 1000) * 1000
    frame["approved"] = approved.astype(np.int64)

    kind = frame["_kind"].to_numpy()
    share = elapsed_share(fiscal_year, as_of)
    if share >= 1.0:
        factor = np.clip(rng.lognormal(0.0, 0.12, n), 0.6, 1.45)
        factor = np.where(kind == "salary", rng.normal(1.03, 0.02, n), factor)
        cut = (kind == "development") & (rng.random(n) < 0.12)
        factor = np.where(cut, rng.uniform(0.3, 0.7, n), factor)
        revised = (np.round(approved * factor / 1000) * 1000).astype(np.int64)
        executed = np.clip(rng.beta(9, 1.6, n), 0.62, 0.99)
        executed = np.where(kind == "salary", rng.uniform(0.95, 0.995, n), executed)
        frame["revised"] = pd.array(revised, dtype="Int64")
        frame["actual"] = pd.array(np.floor(revised * executed).astype(np.int64), dtype="Int64")
        frame["_target"] = frame["actual"].to_numpy(dtype=np.int64)
    else:
        frame["revised"] = pd.array([None] * n, dtype="Int64")
        frame["actual"] = pd.array([None] * n, dtype="Int64")
        pace = rng.uniform(0.6, 1.1, n) * np.where(kind == "development", 0.5, 1.0)
        frame["_target"] = np.floor(approved * share * pace).astype(np.int64)
    frame["_target"] = np.where(kind == "salary", 0, frame["_target"])
    return frame.drop(columns=["_amount"])


def payable_weight(lines: pd.DataFrame) -> float:
    """How many payments a local government-year deserves, relative to others."""
    return float(lines["_target"].sum()) ** 0.75
