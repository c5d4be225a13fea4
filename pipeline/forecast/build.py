"""Forecasts of complaint load for every local government and category, with the rule for
publishing them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from pipeline.forecast import intervals, model
from pipeline.forecast.backtest import Backtest, backtest
from pipeline.forecast.config import (
    BACKTEST_MONTHS,
    HORIZON,
    LEVELS,
    MIN_MEAN_PER_MONTH,
    MIN_MONTHS,
    MODEL_NAME,
)
from pipeline.forecast.months import AsOf, Series, as_of_time, last_full_month, monthly
from pipeline.forecast.reasons import explain


def _count(value: float) -> float:
    return round(float(value), 1)


def _error(value: float) -> float:
    return round(float(value), 2)


def _backtest_json(result: Backtest, horizon: int) -> dict[str, Any]:
    return {
        "model": MODEL_NAME,
        "months": result.months,
        "horizon": horizon,
        "model_mae": _error(result.model_mae),
        "naive_mae": _error(result.naive_mae),
        "beats_baseline": result.beats_baseline,
        "by_horizon": [
            {
                "horizon": h.horizon,
                "model_mae": _error(h.model_mae),
                "naive_mae": _error(h.naive_mae),
                "forecasts": h.forecasts,
            }
            for h in result.by_horizon
        ],
        **{f"coverage{level}": round(share, 2) for level, share in result.coverage.items()},
    }


def _forecast(counts: np.ndarray, months: list[str]) -> list[dict[str, Any]]:
    """The model refitted on the whole series, run forward over ``months``."""
    means, sds = model.forecasts(counts, model.fit(counts), [counts.size], len(months))
    point = intervals.clipped(means[0])
    rows: list[dict[str, Any]] = [
        {"month": month, "mean": _count(value)} for month, value in zip(months, point, strict=True)
    ]
    for level in LEVELS:
        lower, upper = intervals.bounds(means[0], sds[0], level)
        for row, lo, hi in zip(rows, lower, upper, strict=True):
            row[f"lo{level}"], row[f"hi{level}"] = _count(lo), _count(hi)
    return rows


def _series(series: Series, ahead: list[str]) -> dict[str, Any]:
    """History, forecast (or why not) and backtest of one series."""
    counts = series.counts
    out: dict[str, Any] = {
        "history": [
            {"month": m, "count": int(c)} for m, c in zip(series.months, counts, strict=True)
        ],
        "forecast": [],
        "published": False,
        "reason_code": None,
        "reason": None,
        "backtest": None,
    }

    def refuse(code: str, **values: object) -> dict[str, Any]:
        return {**out, "reason_code": code, "reason": explain(code, **values)}

    if counts.size < MIN_MONTHS:
        return refuse("too-short", months=counts.size, needed=MIN_MONTHS)
    recent = float(counts[-BACKTEST_MONTHS:].mean())
    if recent < MIN_MEAN_PER_MONTH:
        return refuse("too-sparse", mean=recent, window=BACKTEST_MONTHS, needed=MIN_MEAN_PER_MONTH)
    try:
        tested = backtest(counts, BACKTEST_MONTHS, len(ahead))
    except model.FitError as error:
        return refuse("fit-failed", detail=str(error))
    out["backtest"] = _backtest_json(tested, len(ahead))
    if not tested.beats_baseline:
        return refuse("baseline-better", model_mae=tested.model_mae, naive_mae=tested.naive_mae)
    try:
        out["forecast"] = _forecast(counts, ahead)
    except model.FitError as error:
        return refuse("fit-failed", detail=str(error))
    out["published"] = True
    return out


def forecast_all(
    complaints: pd.DataFrame,
    categories: pd.DataFrame,
    as_of: AsOf = None,
    *,
    horizon: int = HORIZON,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {service_code: {name_en, name_ur, history, forecast, published, reason_code,
    reason, backtest}}} for every local government in ``complaints`` and every category.

    ``as_of`` (default: the latest timestamp in the data; a naive time is Karachi time) ends
    the data: later complaints are ignored, and a month it ends part-way through is dropped,
    so the history holds full months only and the forecast starts with the month after.
    """
    if not 1 <= horizon <= 12:
        raise ValueError(f"horizon must be 1 to 12 months, not {horizon}")
    stamp = as_of_time(complaints, as_of)
    last = last_full_month(stamp)
    ahead = [str(last + step) for step in range(1, horizon + 1)]
    names = categories.set_index("service_code")[["service_name_en", "service_name_ur"]]
    codes = [str(code) for code in names.index]
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for lg, series_list in monthly(complaints, codes, stamp).items():
        out[lg] = {}
        for series in series_list:
            known = series.service_code in names.index
            out[lg][series.service_code] = {
                "name_en": str(names.at[series.service_code, "service_name_en"]) if known else None,
                "name_ur": str(names.at[series.service_code, "service_name_ur"]) if known else None,
                **_series(series, ahead),
            }
    return out
