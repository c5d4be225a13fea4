"""Headlines: each council's current fiscal year in a few figures, for the home page.

The current fiscal year is the one the build's clock is in (pipeline/analyse/clock.py), not the
newest year in the data: a council that has not published this year's payments yet is shown as
such ("no payments published yet for 2026-27; latest published: 2025-26"), never with last
year's figures as if they were this year's.
"""

from __future__ import annotations

from typing import Any

#: Each part of a headline: whether the council has published it for the year.
PUBLISHED = "published"  # figures for the year
NOT_THIS_YEAR = "not_this_year"  # other years only; ``latest`` names the newest
NOT_PUBLISHED = "not_published"  # no year at all


def _state(years: dict[str, Any], year: str) -> dict[str, Any]:
    if year in years:
        return {"state": PUBLISHED, "latest": year}
    if years:
        return {"state": NOT_THIS_YEAR, "latest": max(years)}
    return {"state": NOT_PUBLISHED, "latest": None}


def summary(content: dict[str, Any], year: str) -> list[dict[str, Any]]:
    """One row per council: fiscal ``year``'s budget, payments and complaints, each with its
    ``state`` (:data:`PUBLISHED`, :data:`NOT_THIS_YEAR` or :data:`NOT_PUBLISHED`)."""
    rows = []
    for council in content["local_governments"]:
        code = council["code"]
        budgets = content["budget"].get(code, {})
        payments = content["spending"].get(code, {})
        complaints = content["complaints"].get(code, {})
        totals = budgets.get(year, {}).get("totals", {})
        approved = totals.get("approved")
        paid = payments.get(year, {}).get("amount")
        counts = complaints.get(year, {}).get("totals", {})
        rows.append(
            {
                "code": code,
                "name_en": council["name_en"],
                "name_ur": council["name_ur"],
                "year": year,
                "budget": {**_state(budgets, year), "approved": approved},
                "spending": {
                    **_state(payments, year),
                    "paid": paid,
                    "count": payments.get(year, {}).get("count"),
                    "refunds": payments.get(year, {}).get("refunds", {}).get("count", 0),
                    "share": paid / approved if paid is not None and approved else None,
                },
                "complaints": {
                    **_state(complaints, year),
                    **{
                        key: counts.get(key)
                        for key in ("received", "resolved", "median_days", "timed")
                    },
                    **{
                        key: counts.get(key)
                        for key in ("satisfied", "rated", "not_rated", "satisfied_rate")
                    },
                },
            }
        )
    return rows
