"""weekend_holiday_payment: payments dated on a weekly holiday or a public holiday."""

from __future__ import annotations

import numpy as np

from pipeline.flags import common
from pipeline.flags.finding import Finding
from pipeline.flags.indicator import Config, Indicator
from pipeline.flags.tables import Tables
from pipeline.flags.text import DAYS_EN, DAYS_UR, listed, ltr, money, number

CODE = "weekend_holiday_payment"
KEYS = ["lg_code", "fiscal_year", "dept_code"]


def weekdays(config: Config) -> list[int]:
    """The weekly holidays as numbers, Monday 0 to Sunday 6."""
    return sorted({DAYS_EN.index(str(day).title()) for day in config["weekend_days"]})


def _days(numbers: list[int], lang: str) -> str:
    names = DAYS_UR if lang == "ur" else DAYS_EN
    return (" اور " if lang == "ur" else " and ").join(names[n] for n in numbers) or "–"


def rule(config: Config) -> tuple[str, str]:
    """The rule in words, with the thresholds used."""
    days, least = weekdays(config), config["weekend_min_payments"]
    source = "listed in the holiday list" if config["holidays_file"] else "none: no list is used"
    source_ur = (
        "تعطیلات کی فہرست میں درج" if config["holidays_file"] else "کوئی فہرست استعمال نہیں ہوتی"
    )
    return (
        f"A department with at least {least} payments in a fiscal year dated on a weekly "
        f"holiday ({_days(days, 'en')}) or a public holiday ({source}).",
        f"ایسا محکمہ جس کی کسی مالی سال میں کم از کم {number(least, 'ur')} ادائیگیوں کی تاریخ "
        f"ہفتہ وار چھٹی ({_days(days, 'ur')}) یا عام تعطیل ({source_ur}) کی ہو۔",
    )


def find(tables: Tables, config: Config) -> list[Finding]:
    """One finding per department and year with enough payments on days off."""
    off_days = weekdays(config)
    payments = tables.paid.dropna(subset=KEYS)
    day = common.day_numbers(payments["payment_date"])
    weekday = (day + 3) % 7
    weekly = np.isin(weekday, off_days)
    holiday_days = common.day_numbers(tables.holidays["date"])
    public = np.isin(day, holiday_days)
    hits = payments.assign(weekly=weekly, public=public, day=day)[weekly | public]
    counts = hits.groupby(KEYS, sort=True).agg(
        size=("amount", "size"),
        weekly=("weekly", "sum"),
        public=("public", "sum"),
        total=("amount", "sum"),
    )
    counts = counts[counts["size"] >= config["weekend_min_payments"]]
    if counts.empty:
        return []
    hits = hits.merge(counts[[]], left_on=KEYS, right_index=True)
    ids = common.ids_by_group(hits, KEYS, "transaction_id")
    named = tables.holidays.assign(day=holiday_days).set_index("day")
    holidays = (
        hits[hits["public"]]
        .drop_duplicates([*KEYS, "day"])
        .join(named[["name_en", "name_ur"]], on="day")
        .sort_values("day")
        .groupby(KEYS, sort=True)[["name_en", "name_ur"]]
        .agg(lambda names: "|".join(dict.fromkeys(names)))
    )
    holiday_names = dict(common.rows(holidays))
    names = tables.names
    findings = []
    for key, row in common.rows(counts):
        lg, year, dept = (str(part) for part in key)
        size, weekly_n, public_n = int(row["size"]), int(row["weekly"]), int(row["public"])
        named = holiday_names.get(key, {"name_en": "", "name_ur": ""})
        hol_en = listed([n for n in named["name_en"].split("|") if n], "en")
        hol_ur = listed([n for n in named["name_ur"].split("|") if n], "ur")
        findings.append(
            Finding(
                code=CODE,
                lg_code=lg,
                fiscal_year=year,
                subject_kind="department",
                subject=dept,
                dept_code=dept,
                rows=ids[key],
                amount=int(row["total"]),
                value=size,
                threshold=config["weekend_min_payments"],
                unit="payments",
                facts=(
                    ("weekly_holiday", weekly_n),
                    ("public_holiday", public_n),
                    ("holidays", hol_en),
                ),
                explanation_en=(
                    f"{names.department(dept)} made {number(size)} payments in {year} "
                    f"({money(row['total'])}) dated on days offices are closed: "
                    f"{number(weekly_n)} on a weekly holiday ({_days(off_days, 'en')}) and "
                    f"{number(public_n)} on public holidays" + (f" ({hol_en})." if hol_en else ".")
                ),
                explanation_ur=(
                    f"{names.department(dept, 'ur')} نے مالی سال {ltr(year)} میں "
                    f"{number(size, 'ur')} ادائیگیاں ({money(row['total'], 'ur')}) ایسی تاریخوں "
                    f"پر کیں جب دفاتر بند ہوتے ہیں: {number(weekly_n, 'ur')} ہفتہ وار چھٹی "
                    f"({_days(off_days, 'ur')}) پر اور {number(public_n, 'ur')} عام تعطیلات پر"
                    + (f" ({hol_ur})۔" if hol_ur else "۔")
                ),
            )
        )
    return findings


INDICATOR = Indicator(
    code=CODE,
    title_en="Payments on weekly or public holidays",
    title_ur="ہفتہ وار یا عام تعطیل کے دن ادائیگیاں",
    reads="payments",
    settings=("weekend_days", "holidays_file", "weekend_min_payments"),
    rule=rule,
    find=find,
)
