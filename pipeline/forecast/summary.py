"""Evaluation tables from a ``forecast_all`` result: per series, per horizon, and in total."""

from __future__ import annotations

from collections import Counter
from typing import Any

Result = dict[str, dict[str, dict[str, Any]]]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def backtest_summary(result: Result) -> list[dict[str, Any]]:
    """One row per series (lg_code, service_code, model_mae, naive_mae, beats_baseline,
    published, note), then a total row.

    Series that were skipped have no MAEs and ``beats_baseline`` None; their note is the reason
    code. In the total row the MAEs are the means over the backtested series (every series is
    scored on the same number of forecasts, so this is also the MAE of all their forecasts),
    ``beats_baseline`` and ``published`` are counts, and the note is the one-line summary.
    """
    rows: list[dict[str, Any]] = []
    for lg in sorted(result):
        for code in sorted(result[lg]):
            entry = result[lg][code]
            tested = entry["backtest"]
            rows.append(
                {
                    "lg_code": lg,
                    "service_code": code,
                    "model_mae": tested["model_mae"] if tested else None,
                    "naive_mae": tested["naive_mae"] if tested else None,
                    "beats_baseline": tested["beats_baseline"] if tested else None,
                    "published": entry["published"],
                    "note": entry["reason_code"] or "",
                }
            )
    tested_rows = [r for r in rows if r["beats_baseline"] is not None]
    beats = sum(1 for r in tested_rows if r["beats_baseline"])
    published = sum(1 for r in rows if r["published"])
    skipped = Counter(r["note"] for r in rows if r["beats_baseline"] is None)
    why = ", ".join(f"{count} {code}" for code, count in sorted(skipped.items()))
    rows.append(
        {
            "lg_code": "Total",
            "service_code": f"{len(rows)} series",
            "model_mae": _mean([r["model_mae"] for r in tested_rows]),
            "naive_mae": _mean([r["naive_mae"] for r in tested_rows]),
            "beats_baseline": beats,
            "published": published,
            "note": (
                f"{beats} of {len(tested_rows)} backtested series beat seasonal naive; "
                f"{published} published"
                + (f"; {sum(skipped.values())} skipped ({why})" if skipped else "")
            ),
        }
    )
    return rows


def horizon_summary(result: Result) -> list[dict[str, Any]]:
    """Per horizon (months ahead), the mean over backtested series of the model's and the
    baseline's MAE, and in how many series the model did better at that horizon."""
    by: dict[int, list[dict[str, Any]]] = {}
    for services in result.values():
        for entry in services.values():
            for row in (entry["backtest"] or {}).get("by_horizon", []):
                by.setdefault(row["horizon"], []).append(row)
    return [
        {
            "horizon": horizon,
            "series": len(rows),
            "model_mae": _mean([r["model_mae"] for r in rows]),
            "naive_mae": _mean([r["naive_mae"] for r in rows]),
            "model_better": sum(1 for r in rows if r["model_mae"] < r["naive_mae"]),
        }
        for horizon, rows in sorted(by.items())
    ]
