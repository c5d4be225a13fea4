"""Headlines: each council's current fiscal year in a few figures, for the home page."""

from __future__ import annotations

from typing import Any


def summary(content: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per council: its latest fiscal year's budget, payments and complaints."""
    rows = []
    for council in content["local_governments"]:
        code = council["code"]
        budget = content["budget"].get(code, {})
        if not budget:
            continue
        year = max(budget)
        approved = budget[year]["totals"]["approved"]
        paid = content["spending"].get(code, {}).get(year, {}).get("amount")
        complaints = content["complaints"].get(code, {}).get(year, {}).get("totals", {})
        rows.append(
            {
                "code": code,
                "name_en": council["name_en"],
                "name_ur": council["name_ur"],
                "year": year,
                "approved": approved,
                "paid": paid,
                "paid_share": paid / approved if paid is not None and approved else None,
                "received": complaints.get("received"),
                "resolved": complaints.get("resolved"),
                "median_days": complaints.get("median_days"),
                "satisfied_rate": complaints.get("satisfied_rate"),
            }
        )
    return rows
