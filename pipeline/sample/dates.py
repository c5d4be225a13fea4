"""Calendar facts: fiscal years, public holidays and the day weights payments are drawn from."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

# Fixed-date public holidays (month, day): Kashmir Day, Pakistan Day, Labour Day, Youm-e-Takbeer,
# Independence Day, Iqbal Day, Quaid-e-Azam Day.
_FIXED_HOLIDAYS = ((2, 5), (3, 23), (5, 1), (5, 28), (8, 14), (11, 9), (12, 25))

# Lunar holidays, approximate (they move with moon sighting): Ashura, Eid Milad-un-Nabi,
# Eid-ul-Fitr and Eid-ul-Azha, 2023-24 to 2026-27.
_LUNAR_HOLIDAYS = (
    "2023-07-28",
    "2023-07-29",
    "2023-09-29",
    "2024-04-10",
    "2024-04-11",
    "2024-04-12",
    "2024-06-17",
    "2024-06-18",
    "2024-06-19",
    "2024-07-16",
    "2024-07-17",
    "2024-09-17",
    "2025-03-31",
    "2025-04-01",
    "2025-04-02",
    "2025-06-07",
    "2025-06-08",
    "2025-06-09",
    "2025-07-05",
    "2025-07-06",
    "2025-09-06",
    "2026-03-20",
    "2026-03-21",
    "2026-03-22",
    "2026-05-27",
    "2026-05-28",
    "2026-05-29",
    "2026-06-25",
    "2026-06-26",
    "2026-08-26",
    "2027-03-10",
    "2027-03-11",
    "2027-03-12",
    "2027-05-17",
    "2027-05-18",
    "2027-05-19",
    "2027-06-15",
    "2027-06-16",
)

#: Share of a year's payments made in each month, July first: June carries the year-end rush.
PAYMENT_MONTH_SHARE = np.array(
    [0.050, 0.065, 0.072, 0.074, 0.074, 0.076, 0.068, 0.072, 0.076, 0.074, 0.089, 0.160]
)


def fy_start_year(fiscal_year: str) -> int:
    """2024 for "2024-25"."""
    return int(fiscal_year[:4])


def fy_bounds(fiscal_year: str) -> tuple[date, date]:
    """First and last day of a fiscal year (1 July to 30 June)."""
    start = fy_start_year(fiscal_year)
    return date(start, 7, 1), date(start + 1, 6, 30)


def fiscal_year_of(day: date) -> str:
    """The fiscal year a date belongs to: 2025-06-30 is in 2024-25, 2025-07-01 in 2025-26."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def fy_days(fiscal_year: str, as_of: date) -> np.ndarray:
    """The days of a fiscal year up to and including ``as_of``, as datetime64[D]."""
    first, last = fy_bounds(fiscal_year)
    last = min(last, as_of)
    if last < first:
        return np.array([], dtype="datetime64[D]")
    return np.arange(np.datetime64(first), np.datetime64(last + timedelta(days=1)))


def holidays(days: np.ndarray) -> np.ndarray:
    """Boolean mask of the public holidays among ``days``."""
    months = (days.astype("datetime64[M]").astype(int) % 12) + 1
    dom = (days - days.astype("datetime64[M]")).astype(int) + 1
    mask = np.zeros(days.shape, dtype=bool)
    for month, day in _FIXED_HOLIDAYS:
        mask |= (months == month) & (dom == day)
    mask |= np.isin(days, np.array(_LUNAR_HOLIDAYS, dtype="datetime64[D]"))
    return mask


def weekday(days: np.ndarray) -> np.ndarray:
    """Day of week, Monday 0 to Sunday 6."""
    return (days.astype(int) + 3) % 7


def month_index(days: np.ndarray) -> np.ndarray:
    """Month of the fiscal year, July 0 to June 11."""
    return (days.astype("datetime64[M]").astype(int) - 6) % 12


def payment_day_weights(days: np.ndarray) -> np.ndarray:
    """Probability of a payment on each day: month shares, office days, the last days of June."""
    if days.size == 0:
        return np.array([], dtype=float)
    office = np.array([1.0, 1.0, 1.0, 1.0, 0.9, 0.04, 0.005])[weekday(days)]
    office = np.where(holidays(days), 0.01, office)
    month = month_index(days)
    per_month = np.bincount(month, weights=office, minlength=12)
    weights = PAYMENT_MONTH_SHARE[month] * office / per_month[month]
    dom = (days - days.astype("datetime64[M]")).astype(int) + 1
    weights = np.where((month == 11) & (dom >= 20), weights * 1.8, weights)
    return weights / weights.sum()


def elapsed_share(fiscal_year: str, as_of: date) -> float:
    """Share of a normal year's payments made by ``as_of`` (1.0 for a finished year)."""
    full = fy_days(fiscal_year, date(9999, 12, 31))
    part = fy_days(fiscal_year, as_of)
    if part.size == full.size:
        return 1.0
    weights = payment_day_weights(full)
    return float(weights[: part.size].sum())
