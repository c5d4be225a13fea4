"""Integrity indicators: each fires, stays quiet, and is exact at its threshold; order never
matters; every indicator and threshold is documented; the planted sample cases are found."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipeline import flags, settings
from pipeline.flags import evaluate, holidays
from pipeline.flags.benford import EXPECTED
from pipeline.flags.finding import Finding
from pipeline.flags.tables import COLUMNS, Tables

from conftest import ROOT
from test_demo_datasets import DEMO

RS = 100  # paisa per rupee
T = settings.DEFAULTS["procurement_threshold"] * RS


# --- building small tables by hand -------------------------------------------------------


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    for column, kind in COLUMNS[name].items():
        if column in frame:
            frame[column] = frame[column].astype(kind)
    return frame


def payments(*rows: dict[str, Any], lg: str = "LG-A") -> pd.DataFrame:
    """Payments of ``lg`` with ordinary defaults (amounts all differ); ``rows`` override
    columns."""
    base = {
        "payment_date": "2023-10-02",
        "fiscal_year": "2023-24",
        "lg_code": lg,
        "dept_code": "ENG",
        "budget_line_id": f"{lg}-L1",
        "object_code": "A01",
        "supplier_id": "SUP-1",
    }
    records = [
        {
            **base,
            "transaction_id": f"{lg}-T{i:04d}",
            "voucher_no": f"{lg}-V{i:04d}",
            "amount": (1234 + i) * RS,
            **row,
        }
        for i, row in enumerate(rows)
    ]
    frame = pd.DataFrame.from_records(records)
    frame["payment_date"] = pd.to_datetime(frame["payment_date"])
    return _typed(frame, "payments")


def complaints(*rows: dict[str, Any], lg: str = "LG-A") -> pd.DataFrame:
    """Complaints of ``lg`` made 2024-10-01 and fixed two days later, citizen satisfied."""
    made = pd.Timestamp("2024-10-01 10:00", tz="UTC")
    base = {
        "fiscal_year": "2024-25",
        "lg_code": lg,
        "status": "closed",
        "status_detail": "fixed",
        "status_notes": "Drain cleared and water disposed of.",
        "agency_responsible": "SAN",
        "requested_datetime": made,
        "updated_datetime": made + pd.Timedelta(days=2),
        "resolved_datetime": made + pd.Timedelta(days=2),
        "citizen_feedback": "satisfied",
        "reopened_count": 0,
    }
    records = [
        {**base, "service_request_id": f"{lg}-C{i:04d}", **row} for i, row in enumerate(rows)
    ]
    return _typed(pd.DataFrame.from_records(records), "complaints")


def suppliers(*rows: tuple[str, str, str | None, str]) -> pd.DataFrame:
    """(supplier_id, name_en, ntn, kind) rows."""
    frame = pd.DataFrame(rows, columns=["supplier_id", "name_en", "ntn", "kind"])
    return _typed(frame.assign(name_ur=frame["name_en"]), "suppliers")


def budget(*rows: dict[str, Any]) -> pd.DataFrame:
    base = {
        "lg_code": "LG-A",
        "fiscal_year": "2023-24",
        "dept_code": "ENG",
        "object_code": "A01",
        "description_en": "Repairs",
        "description_ur": "مرمت",
        "approved": 900 * RS,
        "revised": 1000 * RS,
        "actual": None,
    }
    return _typed(pd.DataFrame.from_records([{**base, **row} for row in rows]), "budget")


def holiday_list(*dates: str) -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.to_datetime(list(dates)), "name_en": "Holiday"})
    return frame.assign(name_ur="تعطیل").astype({"name_en": "string", "name_ur": "string"})


def run(code: str, tables: Tables, **config: Any) -> list[Finding]:
    return flags.run(tables, config, [code])


def days(start: str, *offsets: int) -> list[pd.Timestamp]:
    return [pd.Timestamp(start) + pd.Timedelta(days=o) for o in offsets]


def weekday(name: str, start: str = "2023-10-02") -> pd.Timestamp:
    """The first ``name``-day on or after ``start``."""
    day = pd.Timestamp(start)
    while day.day_name() != name:
        day += pd.Timedelta(days=1)
    return day


# --- split_payment -----------------------------------------------------------------------


def split(*amounts: int, gap: int = 3) -> Tables:
    dates = days("2023-10-02", *(i * gap for i in range(len(amounts))))
    rows = [{"amount": a, "payment_date": d} for a, d in zip(amounts, dates, strict=True)]
    return Tables(payments=payments(*rows))


def test_split_payment_fires_on_parts_below_the_threshold() -> None:
    (found,) = run("split_payment", split(300_000 * RS, 300_000 * RS))
    assert found.rows == ("LG-A-T0000", "LG-A-T0001")
    assert found.amount == 600_000 * RS and found.subject == "SUP-1" and found.dept_code == "ENG"
    assert found.value == 600_000 and found.threshold == 500_000 and found.unit == "rupees"


def test_split_payment_quiet_for_other_suppliers_or_small_totals() -> None:
    tables = split(300_000 * RS, 300_000 * RS)
    tables.payments.loc[1, "supplier_id"] = "SUP-2"
    assert run("split_payment", tables) == []
    assert run("split_payment", split(200_000 * RS, 200_000 * RS)) == []


def test_split_payment_at_the_threshold() -> None:
    assert run("split_payment", split(T // 2, T // 2)) == []  # together exactly T: not above
    assert len(run("split_payment", split(T // 2, T // 2 + 1))) == 1
    assert run("split_payment", split(T, 100 * RS)) == []  # T itself is not below T
    assert len(run("split_payment", split(T - 1, 100 * RS))) == 1


def test_split_payment_window_is_inclusive() -> None:
    assert len(run("split_payment", split(300_000 * RS, 300_000 * RS, gap=14))) == 1
    assert run("split_payment", split(300_000 * RS, 300_000 * RS, gap=15)) == []
    assert len(run("split_payment", split(300_000 * RS, 300_000 * RS, gap=15), **{
        "split_window_days": 15})) == 1  # fmt: skip


def test_split_payment_overlapping_windows_make_one_finding() -> None:
    (found,) = run("split_payment", split(300_000 * RS, 300_000 * RS, 300_000 * RS, gap=10))
    assert len(found.rows) == 3 and found.fact("days") == 20
    assert "over 20 days, in overlapping windows of 14 days" in found.explanation_en


# --- duplicate_payment -------------------------------------------------------------------


def duplicate(gap: int, same_voucher: bool = False) -> Tables:
    frame = payments(
        {"amount": 77_777 * RS},
        {"amount": 77_777 * RS, "payment_date": days("2023-10-02", gap)[0]},
        {"amount": 5_000 * RS},
    )
    if same_voucher:
        frame.loc[1, "voucher_no"] = frame.loc[0, "voucher_no"]
    return Tables(payments=frame)


def test_duplicate_payment_fires_on_the_same_amount_within_days() -> None:
    (found,) = run("duplicate_payment", duplicate(1))
    assert found.rows == ("LG-A-T0000", "LG-A-T0001")
    assert found.amount == 77_777 * RS and found.value == 1 and found.threshold == 3


def test_duplicate_payment_quiet_on_one_voucher() -> None:
    assert run("duplicate_payment", duplicate(1, same_voucher=True)) == []


def test_duplicate_payment_at_the_window() -> None:
    assert len(run("duplicate_payment", duplicate(3))) == 1
    assert run("duplicate_payment", duplicate(4)) == []


# --- round_amounts -----------------------------------------------------------------------


def rounds(count: int, round_count: int) -> Tables:
    own = [{"amount": (5_000 if i < round_count else 5_123) * RS} for i in range(count)]
    other = [{"amount": 4_321 * RS, "supplier_id": "SUP-2"} for _ in range(60)]
    return Tables(payments=payments(*own, *other))


def test_round_amounts_fires_on_a_supplier_paid_in_round_sums() -> None:
    (found,) = run("round_amounts", rounds(20, 15))
    assert found.subject == "SUP-1" and found.value == 0.75 and len(found.rows) == 15
    assert found.fact("council_share") == 0.1875


def test_round_amounts_quiet_for_small_groups_or_usual_shares() -> None:
    assert run("round_amounts", rounds(19, 19)) == []  # fewer than min_group_payments
    assert run("round_amounts", rounds(20, 15), round_share_ratio=5.0) == []


def test_round_amounts_at_the_share() -> None:
    assert run("round_amounts", rounds(20, 10)) == []  # exactly half: not more than half
    assert len(run("round_amounts", rounds(20, 11))) == 1


# --- benford -----------------------------------------------------------------------------


def benford_tables(count: int, skewed: bool) -> Tables:
    """``count`` payments spread as Benford's law says, or all starting with 5."""
    logs = 2 + 3 * (np.arange(count) + 0.5) / count
    rupees = np.floor(10**logs).astype(np.int64)
    if skewed:
        rupees = 5 * 10 ** np.floor(logs).astype(np.int64) + np.arange(count) % 100
    dates = pd.Timestamp("2023-07-03") + pd.to_timedelta(np.arange(count) % 360, unit="D")
    rows = ({"amount": int(r) * RS, "payment_date": d} for r, d in zip(rupees, dates, strict=True))
    return Tables(payments=payments(*rows))


def test_benford_fires_on_skewed_first_digits() -> None:
    (found,) = run("benford", benford_tables(1000, skewed=True))
    assert found.subject == "ENG" and found.value > 0.015 and found.fact("digit") == 5
    assert found.fact("conformity") == "nonconformity" and len(found.rows) == 1000


def test_benford_quiet_on_conforming_digits() -> None:
    assert run("benford", benford_tables(1000, skewed=False)) == []


def test_benford_at_its_thresholds() -> None:
    assert run("benford", benford_tables(999, skewed=True)) == []  # too few to test
    shares = np.zeros(9)
    shares[4] = 1.0  # every amount starts with 5: the MAD, computed as the indicator does
    mad = float(np.abs(shares - EXPECTED).mean())
    assert run("benford", benford_tables(1000, skewed=True), benford_mad_limit=mad) == []
    limit = np.nextafter(mad, 0)
    assert len(run("benford", benford_tables(1000, skewed=True), benford_mad_limit=limit)) == 1


def test_benford_first_digits_at_powers_of_ten() -> None:
    from pipeline.flags.benford import first_digits

    values = np.array([1, 9, 10, 99, 100, 999, 1000, 10**12, 10**12 - 1], dtype=np.int64)
    assert first_digits(values).tolist() == [1, 9, 1, 9, 1, 9, 1, 1, 9]


# --- dominant_supplier -------------------------------------------------------------------


def dominance(mine: int, later: str = "2024-08-01") -> Tables:
    """20 payments of Rs 100 by ENG in 2023-24, ``mine`` of them to SUP-1; a later payment of
    another department dates the data."""
    rows = [{"amount": 100 * RS, "supplier_id": "SUP-1" if i < mine else f"SUP-{i + 2}"}
            for i in range(20)]  # fmt: skip
    late = {"payment_date": later, "fiscal_year": "2024-25", "dept_code": "FIN"}
    return Tables(payments=payments(*rows, late))


def test_dominant_supplier_fires_above_the_share() -> None:
    (found,) = run("dominant_supplier", dominance(13))
    assert found.subject == "SUP-1" and found.value == 0.65 and found.amount == 1300 * RS
    assert len(found.rows) == 13 and found.fact("hhi") == 65**2 + 7 * 5**2


def test_dominant_supplier_quiet_in_an_unfinished_year() -> None:
    assert run("dominant_supplier", dominance(13, later="2024-06-29")) == []
    assert len(run("dominant_supplier", dominance(13, later="2024-06-30"))) == 1


def test_dominant_supplier_at_the_share() -> None:
    assert run("dominant_supplier", dominance(12)) == []  # exactly 60%: not more


# --- amount_outlier ----------------------------------------------------------------------


def outlier(largest: int, count: int = 20) -> Tables:
    """19 payments of 100, 200 … 1,900 rupees and one of ``largest`` paisa: Q1 575, Q3 1,525,
    so the fence with k = 3 is 4,375 rupees."""
    rows = [{"amount": i * 100 * RS} for i in range(1, count)] + [{"amount": largest}]
    return Tables(payments=payments(*rows))


def test_amount_outlier_fires_above_the_fence_and_publishes_it() -> None:
    (found,) = run("amount_outlier", outlier(10_000 * RS))
    assert found.rows == ("LG-A-T0019",) and found.subject == "A01"
    assert found.fact("q1_rupees") == 575 and found.fact("q3_rupees") == 1525
    assert found.fact("fence_rupees") == 4375 and found.threshold == 4375


def test_amount_outlier_quiet_in_small_groups() -> None:
    assert run("amount_outlier", outlier(10_000 * RS, count=19)) == []


def test_amount_outlier_at_the_fence() -> None:
    assert run("amount_outlier", outlier(4375 * RS)) == []
    assert len(run("amount_outlier", outlier(4375 * RS + 1))) == 1


# --- over_budget_line --------------------------------------------------------------------


def over(paid: int, revised: int | None = 1000 * RS) -> Tables:
    half = paid // 2
    return Tables(
        payments=payments({"amount": half}, {"amount": paid - half}),
        budget=budget({"line_id": "LG-A-L1", "revised": revised}),
    )


def test_over_budget_line_fires_above_the_revised_estimate() -> None:
    (found,) = run("over_budget_line", over(1200 * RS))
    assert found.rows == ("LG-A-L1",) and found.amount == 200 * RS
    assert found.subject_kind == "budget_line" and found.dept_code == "ENG"


def test_over_budget_line_quiet_without_a_revised_estimate() -> None:
    assert run("over_budget_line", over(1200 * RS, revised=None)) == []


def test_over_budget_line_at_the_estimate() -> None:
    assert run("over_budget_line", over(1000 * RS)) == []
    assert len(run("over_budget_line", over(1000 * RS + 1))) == 1


# --- year_end_rush -----------------------------------------------------------------------


def rush(june_extra: int = 0, june: int = 6) -> Tables:
    """20 payments of Rs 50 in 2023-24, ``june`` of them in June 2024."""
    rows = [
        {"amount": 50 * RS + (june_extra if i == 0 else 0), "payment_date": "2024-06-10"}
        for i in range(june)
    ] + [{"amount": 50 * RS, "payment_date": "2024-01-10"} for _ in range(20 - june)]
    late = {"payment_date": "2024-07-05", "fiscal_year": "2024-25", "dept_code": "FIN"}
    return Tables(payments=payments(*rows, late))


def test_year_end_rush_fires_on_a_june_rush() -> None:
    (found,) = run("year_end_rush", rush(june=10))
    assert found.value == 0.5 and len(found.rows) == 10 and found.fact("month") == 6


def test_year_end_rush_follows_the_fiscal_year_start() -> None:
    assert run("year_end_rush", rush(june=10), fiscal_year_start_month=1) == []


def test_year_end_rush_at_the_share() -> None:
    assert run("year_end_rush", rush()) == []  # exactly 30%
    assert len(run("year_end_rush", rush(june_extra=1))) == 1


# --- weekend_holiday_payment -------------------------------------------------------------


def days_off(sundays: int, holidays_: int = 0, saturdays: int = 0) -> Tables:
    sunday, saturday = weekday("Sunday"), weekday("Saturday")
    dates = [sunday + pd.Timedelta(weeks=i) for i in range(sundays)]
    dates += [saturday + pd.Timedelta(weeks=i) for i in range(saturdays)]
    feast = [pd.Timestamp("2023-11-09") + pd.Timedelta(days=i) for i in range(holidays_)]
    rows = [{"payment_date": d} for d in [*dates, *feast]] + [{} for _ in range(5)]
    listed = holiday_list(*(d.strftime("%Y-%m-%d") for d in feast))
    return Tables(payments=payments(*rows), holidays=listed)


def test_weekend_holiday_payment_fires_on_sundays_and_holidays() -> None:
    (found,) = run("weekend_holiday_payment", days_off(2, holidays_=1))
    assert found.value == 3 and found.fact("public_holiday") == 1
    assert found.fact("holidays") == "Holiday"


def test_weekend_holiday_payment_quiet_on_saturdays_by_default() -> None:
    assert run("weekend_holiday_payment", days_off(0, saturdays=5)) == []
    both = ("Saturday", "Sunday")
    assert len(run("weekend_holiday_payment", days_off(0, saturdays=5), weekend_days=both)) == 1


def test_weekend_holiday_payment_at_the_count() -> None:
    assert run("weekend_holiday_payment", days_off(2)) == []
    assert len(run("weekend_holiday_payment", days_off(3))) == 1


# --- shared_supplier_id ------------------------------------------------------------------


def shared(second_ntn: str | None, kind: str = "firm") -> Tables:
    listed = suppliers(
        ("SUP-1", "Alpha Traders", "1234567-8", "firm"),
        ("SUP-2", "Muhammad Aslam", second_ntn, kind),
        ("SUP-3", "Gamma Works", "7654321-0", "firm"),
    )
    paid = payments({}, {"supplier_id": "SUP-2"}, {"supplier_id": "SUP-3"})
    return Tables(payments=paid, suppliers=listed)


def test_shared_supplier_id_fires_on_one_ntn_under_two_ids() -> None:
    (found,) = run("shared_supplier_id", shared("12345678"))
    assert found.subject == "SUP-1 SUP-2" and found.rows == ("LG-A-T0000", "LG-A-T0001")
    assert found.fact("ntn") == "1234567-8" and found.value == 2 and found.threshold == 1


def test_shared_supplier_id_quiet_on_distinct_ntns() -> None:
    assert run("shared_supplier_id", shared("1111111-1")) == []
    assert run("shared_supplier_id", shared(None)) == []


def test_shared_supplier_id_never_shows_an_individual() -> None:
    (found,) = run("shared_supplier_id", shared("1234567-8", kind="individual_redacted"))
    row = flags.to_frame([found]).iloc[0].to_dict()
    assert found.fact("ntn") == "withheld"
    assert not any("Aslam" in str(v) or "1234567" in str(v) for v in row.values())
    assert "SUP-2" in found.explanation_en and "name withheld" in found.explanation_en


def test_split_payment_of_an_individual_shows_the_redacted_id_only() -> None:
    tables = split(300_000 * RS, 300_000 * RS)
    listed = suppliers(("SUP-1", "Muhammad Aslam", None, "individual_redacted"))
    (found,) = run("split_payment", Tables(payments=tables.payments, suppliers=listed))
    assert "Aslam" not in found.explanation_en + found.explanation_ur
    assert found.subject == "SUP-1"


# --- overdue_open ------------------------------------------------------------------------


def overdue(age: pd.Timedelta) -> Tables:
    made = pd.Timestamp("2024-10-01 10:00", tz="UTC")
    now = made + age
    rows = [
        {"status": "open", "status_detail": "in_progress", "resolved_datetime": pd.NaT,
         "updated_datetime": made},
        {"requested_datetime": now, "updated_datetime": now, "resolved_datetime": now},
        {"requested_datetime": made - pd.Timedelta(days=400)},  # closed: never overdue
    ]  # fmt: skip
    return Tables(complaints=complaints(*rows))


def test_overdue_open_fires_past_the_limit() -> None:
    (found,) = run("overdue_open", overdue(pd.Timedelta(days=90)))
    assert found.rows == ("LG-A-C0000",) and found.value == 90 and found.fiscal_year is None


def test_overdue_open_at_the_limit() -> None:
    assert run("overdue_open", overdue(pd.Timedelta(days=40))) == []
    assert len(run("overdue_open", overdue(pd.Timedelta(days=40, minutes=1)))) == 1


# --- closed_not_satisfied, reopened, resolution_satisfaction_gap -------------------------


def rated(unhappy: int, total: int = 30) -> Tables:
    rows = [{"citizen_feedback": "not_satisfied" if i < unhappy else "satisfied"}
            for i in range(total)]  # fmt: skip
    return Tables(complaints=complaints(*rows, {"citizen_feedback": "none"}))


def test_closed_not_satisfied_fires_on_most_citizens_unhappy() -> None:
    (found,) = run("closed_not_satisfied", rated(20))
    assert found.value == pytest.approx(20 / 30) and len(found.rows) == 20


def test_closed_not_satisfied_quiet_with_few_ratings() -> None:
    assert run("closed_not_satisfied", rated(20, total=29)) == []


def test_closed_not_satisfied_at_the_share() -> None:
    assert run("closed_not_satisfied", rated(15)) == []
    assert len(run("closed_not_satisfied", rated(16))) == 1


def reopenings(count: int, total: int = 30) -> Tables:
    return Tables(
        complaints=complaints(*({"reopened_count": int(i < count)} for i in range(total)))
    )


def test_reopened_fires_on_many_reopened() -> None:
    (found,) = run("reopened", reopenings(6))
    assert found.value == 0.2 and len(found.rows) == 6


def test_reopened_quiet_in_small_departments() -> None:
    assert run("reopened", reopenings(6, total=29)) == []


def test_reopened_at_the_share() -> None:
    assert run("reopened", reopenings(3)) == []
    assert len(run("reopened", reopenings(4))) == 1


def test_resolution_satisfaction_gap_fires_on_a_wide_gap() -> None:
    (found,) = run("resolution_satisfaction_gap", rated(20))
    assert found.fact("resolved_rate") == 1.0 and len(found.rows) == 20


def test_resolution_satisfaction_gap_quiet_when_citizens_agree() -> None:
    assert run("resolution_satisfaction_gap", rated(3)) == []


def test_resolution_satisfaction_gap_at_the_gap() -> None:
    assert run("resolution_satisfaction_gap", rated(15)) == []  # 100% vs 50%: exactly 0.5
    assert len(run("resolution_satisfaction_gap", rated(16))) == 1


# --- closed_without_action ---------------------------------------------------------------


def quick(*hours: float, note: str = "Complaint resolved.") -> Tables:
    made = pd.Timestamp("2024-10-01 10:00", tz="UTC")
    rows = [
        {
            "status_detail": "no_further_action",
            "status_notes": note,
            "resolved_datetime": made + pd.Timedelta(hours=h),
            "citizen_feedback": "not_satisfied",
        }
        for h in hours
    ]
    return Tables(complaints=complaints(*rows, {}))


def test_closed_without_action_fires_on_quick_empty_closures() -> None:
    (found,) = run("closed_without_action", quick(2, 5))
    assert found.rows == ("LG-A-C0000", "LG-A-C0001") and found.value == 2
    assert len(run("closed_without_action", quick(2, 5, note=""))) == 1
    assert len(run("closed_without_action", quick(2, 5, note="matter resolved"))) == 1


def test_closed_without_action_quiet_with_a_real_note_or_alone() -> None:
    assert run("closed_without_action", quick(2, 5, note="Drain cleared at site.")) == []
    assert run("closed_without_action", quick(2)) == []


def test_closed_without_action_at_the_hours() -> None:
    assert len(run("closed_without_action", quick(2, 24))) == 1
    assert run("closed_without_action", quick(2, 24 + 1 / 60)) == []


# --- every indicator at once: order, registry, documentation ----------------------------


def rich() -> Tables:
    """Small tables on which every indicator fires, one local government each."""
    parts = {
        "split_payment": split(300_000 * RS, 300_000 * RS),
        "duplicate_payment": duplicate(1),
        "round_amounts": rounds(20, 15),
        "benford": benford_tables(1000, skewed=True),
        "dominant_supplier": dominance(13),
        "amount_outlier": outlier(10_000 * RS),
        "over_budget_line": over(1200 * RS),
        "year_end_rush": rush(june=10),
        "weekend_holiday_payment": days_off(2, holidays_=1),
        "shared_supplier_id": shared("12345678"),
        "overdue_open": overdue(pd.Timedelta(days=90)),
        "closed_not_satisfied": rated(20),
        "reopened": reopenings(6),
        "closed_without_action": quick(2, 5),
    }
    frames: dict[str, list[pd.DataFrame]] = {}
    for n, (code, tables) in enumerate(parts.items()):
        lg = f"LG-{n:02d}"
        for name in ("payments", "budget", "complaints"):
            frame = getattr(tables, name).copy()
            for column in frame.columns:
                if column in ("lg_code", "budget_line_id", "line_id", "transaction_id",
                              "service_request_id", "voucher_no"):  # fmt: skip
                    frame[column] = frame[column].str.replace("LG-A", lg, regex=False)
            if "supplier_id" in frame and code != "shared_supplier_id":
                frame["supplier_id"] = lg + "-" + frame["supplier_id"]
            frames.setdefault(name, []).append(frame)
    return Tables(
        payments=pd.concat(frames["payments"], ignore_index=True),
        budget=pd.concat(frames["budget"], ignore_index=True),
        complaints=pd.concat(frames["complaints"], ignore_index=True),
        suppliers=shared("12345678").suppliers,
        holidays=days_off(2, holidays_=1).holidays,
    )


RICH = rich()


@cache
def rich_findings() -> list[Finding]:
    return flags.run(RICH)


def test_every_indicator_fires_on_the_rich_tables() -> None:
    assert {f.code for f in rich_findings()} == set(flags.CODES)


def _shuffled(frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    order = list(range(len(frame)))
    rng.shuffle(order)
    return frame.iloc[order].reset_index(drop=rng.random() < 0.5)


@hsettings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_row_order(rng: random.Random) -> None:
    shuffled = Tables(
        payments=_shuffled(RICH.payments, rng),
        budget=_shuffled(RICH.budget, rng),
        complaints=_shuffled(RICH.complaints, rng),
        suppliers=_shuffled(RICH.suppliers, rng),
        holidays=RICH.holidays,
    )
    assert flags.run(shuffled) == rich_findings()


def test_findings_are_ordered_and_rows_sorted() -> None:
    found = rich_findings()
    order = {code: i for i, code in enumerate(flags.CODES)}
    keys = [(order[f.code], f.sort_key()) for f in found]
    assert keys == sorted(keys)
    assert all(list(f.rows) == sorted(f.rows) for f in found)


def test_empty_tables_give_no_findings() -> None:
    assert flags.run(Tables()) == []


def test_to_frame_is_one_flat_row_per_finding() -> None:
    found = rich_findings()
    frame = flags.to_frame(found)
    assert list(frame.columns) == list(flags.frame.COLUMNS) and len(frame) == len(found)
    split_row = frame[frame["code"] == "split_payment"].iloc[0]
    assert split_row["rows"] == "LG-00-T0000 LG-00-T0001" and split_row["row_count"] == 2
    assert split_row["amount"] == "600000.00"
    assert list(flags.to_frame([]).columns) == list(flags.frame.COLUMNS)


def test_finding_sorts_its_rows() -> None:
    finding = Finding("reopened", "LG", "2024-25", "department", "SAN", "SAN", ("b", "a"),
                      None, 0.2, 0.1, "share", "", "")  # fmt: skip
    assert finding.rows == ("a", "b")
    with pytest.raises(ValueError, match="subject kind"):
        Finding("reopened", "LG", None, "ward", "W1", None, (), None, 0, 0, "share", "", "")


def test_one_module_per_indicator_named_by_its_code() -> None:
    modules = {p.stem for p in (ROOT / "pipeline/flags").glob("*.py")}
    assert len(set(flags.CODES)) == len(flags.CODES)
    for item in flags.REGISTRY:
        assert item.code in modules
        assert item.title_en and item.title_ur and item.reads


def test_every_indicator_is_documented() -> None:
    text = (ROOT / "docs/indicators.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^### `([a-z_]+)`", text, flags=re.M)) == set(flags.CODES)
    assert "reason to look, never proof" in text
    sections = dict(re.findall(r"^### `([a-z_]+)`\n(.*?)(?=^### |^## |\Z)", text, re.M | re.S))
    for item in flags.REGISTRY:
        for name in item.settings:
            if name not in ("fiscal_year_start_month", "utc_offset_hours"):
                assert f"`{name}`" in sections[item.code], (item.code, name)


CHANGED = {
    "weekend_days": ("Saturday",),
    "holidays_file": "",
    "fiscal_year_start_month": 1,
}


def test_every_threshold_is_a_setting_stated_in_the_rule() -> None:
    for item in flags.REGISTRY:
        for name in item.settings:
            assert name in settings.DEFAULTS, (item.code, name)
            if name == "utc_offset_hours":
                continue
            default = settings.DEFAULTS[name]
            other = CHANGED.get(name, default * 2 if name != "benford_mad_limit" else 0.02)
            before = item.rule(item.config(settings.DEFAULTS))
            after = item.rule(item.config({**settings.DEFAULTS, name: other}))
            assert before != after, (item.code, name)


def test_methodology_lists_every_indicator_in_both_languages() -> None:
    pages = flags.methodology({"procurement_threshold": 1_000_000})
    assert [p["code"] for p in pages] == list(flags.CODES)
    split_rule = pages[0]
    assert (
        "Rs 10.0 lakh" in split_rule["rule_en"] and "10.0\u00a0لاکھ روپے" in split_rule["rule_ur"]
    )
    assert split_rule["settings"] == {"procurement_threshold": 1_000_000, "split_window_days": 14}
    assert all(re.search("[\u0600-\u06ff]", p["rule_ur"] + p["title_ur"]) for p in pages)


# --- holidays and settings ---------------------------------------------------------------


def test_holiday_file_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    path.write_text("date,name_en,name_ur\n2025-08-14,Independence Day,یومِ آزادی\n", "utf-8")
    assert holidays.read(path)["name_ur"].tolist() == ["یومِ آزادی"]
    path.write_text("date,name_en,name_ur\n2025-08-14,A,ا\n14/08/2025,B,ب\n", "utf-8")
    with pytest.raises(holidays.HolidaysError, match=r"row 3, column A 'date': '14/08/2025'"):
        holidays.read(path)
    path.write_text("day,name_en,name_ur\n", "utf-8")
    with pytest.raises(holidays.HolidaysError, match="column 'date' is missing"):
        holidays.read(path)


def test_missing_holiday_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(flags.HolidaysError, match=r"holidays.csv: the list .* is missing"):
        flags.load_tables(tmp_path)
    assert flags.run(flags.load_tables(tmp_path, {"holidays_file": ""})) == []


def test_the_demo_holiday_list_is_valid() -> None:
    listed = holidays.read(ROOT / "datasets/holidays.csv")
    years = set(listed["date"].dt.year)
    assert years == {2023, 2024, 2025, 2026, 2027}
    assert (listed["date"].dt.strftime("%m-%d") == "08-14").sum() == 5


def test_flag_settings_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("dominant_share = 1\nweekend_days = ['Friday', 'sunday']\n", "utf-8")
    values = settings.load(path)
    assert values["dominant_share"] == 1.0 and values["weekend_days"] == ("Friday", "sunday")
    for text, message in (
        ("weekend_days = ['Sundy']", "use English day names"),
        ("dominant_share = 1.5", "dominant_share must be between 0 and 1"),
        ("procurement_threshold = 0", "procurement_threshold must be 1 or more"),
        ("weekend_days = 'Sunday'", "must be a list of names"),
    ):
        path.write_text(text + "\n", "utf-8")
        with pytest.raises(settings.SettingsError, match=message):
            settings.load(path)


# --- evaluation --------------------------------------------------------------------------


def test_score_matches_cases_by_code_council_and_rows() -> None:
    def finding(code: str, lg: str, *rows: str) -> Finding:
        return Finding(code, lg, "2024-25", "department", "X", None, rows, None, 0, 0, "share",
                       "", "")  # fmt: skip

    cases = [
        {"indicator": "split_payment", "lg_code": "A", "rows": ["1", "2"]},
        {"indicator": "split_payment", "lg_code": "A", "rows": ["7", "8"]},
    ]
    found = [
        finding("split_payment", "A", "1", "2", "3"),  # finds case 1
        finding("split_payment", "A", "7"),  # overlaps case 2 but does not cite all of it
        finding("split_payment", "B", "8"),  # other council: wrong
        finding("benford", "A", "1"),
    ]
    rows = {row.code: row for row in evaluate.score(found, cases)}
    assert (rows["split_payment"].found, rows["split_payment"].correct) == (1, 2)
    assert rows["split_payment"].recall == 0.5 and rows["split_payment"].precision == 2 / 3
    assert rows["benford"].planted == 0 and rows["benford"].precision is None
    text = evaluate.table(list(rows.values()))
    assert "not measured" in text and "0.50" in text


@pytest.mark.slow
@DEMO  # it scores the demo's datasets/ against the demo's planted cases
def test_every_planted_case_is_found_in_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = {line.split()[0]: line.split()[1:] for line in lines[lines.index("") + 2 :]}
    planted = {code: cells for code, cells in table.items() if cells[0] != "–"}
    assert set(planted) == {
        "split_payment",
        "duplicate_payment",
        "dominant_supplier",
        "over_budget_line",
        "closed_without_action",
    }
    for code, (_planted, _findings, _found, recall, _correct, precision) in planted.items():
        assert recall == "1.00", code
        assert float(precision) >= 0.8, code
    assert " ".join(table["benford"][-2:]) == "not measured"
