"""Rolling-origin backtest of the model against the seasonal-naive baseline."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.forecast import intervals, model
from pipeline.forecast.config import BACKTEST_MONTHS, HORIZON, LEVELS


@dataclass(frozen=True)
class HorizonError:
    """Mean absolute errors of the forecasts made ``horizon`` months ahead."""

    horizon: int
    model_mae: float
    naive_mae: float
    forecasts: int


@dataclass(frozen=True)
class Backtest:
    """How the model and the baseline did on the last ``months`` months of one series."""

    months: int
    model_mae: float
    naive_mae: float
    by_horizon: tuple[HorizonError, ...]
    coverage: dict[int, float]  # interval level (%) -> share of actual counts inside it
    forecasts: int  # (origin, month ahead) pairs scored

    @property
    def beats_baseline(self) -> bool:
        return self.model_mae < self.naive_mae


def backtest(counts: np.ndarray, months: int = BACKTEST_MONTHS, horizon: int = HORIZON) -> Backtest:
    """Forecast each of the last ``months`` months from every origin before it (up to
    ``horizon`` months ahead) and score model and baseline on the same months.

    The model's variances are fitted once, on the months before the window; moving the origin
    only feeds the filter the months up to it (no refit), so nothing from a forecast month or
    later is ever used to forecast it. The baseline forecasts each month with its count 12
    months earlier.
    """
    size = counts.size
    first = size - months
    if first < 12 or not 1 <= horizon <= 12:
        raise ValueError("the backtest needs a year before its window and a horizon of 1-12")
    origins = range(first, size)
    means, sds = model.forecasts(counts, model.fit(counts[:first]), origins, horizon)
    model_errors: list[list[float]] = [[] for _ in range(horizon)]
    naive_errors: list[list[float]] = [[] for _ in range(horizon)]
    inside = {level: 0 for level in LEVELS}
    bounds = {level: intervals.bounds(means, sds, level) for level in LEVELS}
    point = intervals.clipped(means)
    for i, origin in enumerate(origins):
        for step in range(min(horizon, size - origin)):
            month = origin + step
            actual = counts[month]
            model_errors[step].append(abs(point[i, step] - actual))
            naive_errors[step].append(abs(counts[month - 12] - actual))
            for level, (lower, upper) in bounds.items():
                inside[level] += bool(lower[i, step] <= actual <= upper[i, step])
    scored = sum(len(e) for e in model_errors)
    return Backtest(
        months=months,
        model_mae=float(np.mean(np.concatenate(model_errors))),
        naive_mae=float(np.mean(np.concatenate(naive_errors))),
        by_horizon=tuple(
            HorizonError(step + 1, float(np.mean(m)), float(np.mean(n)), len(m))
            for step, (m, n) in enumerate(zip(model_errors, naive_errors, strict=True))
            if m
        ),
        coverage={level: count / scored for level, count in inside.items()},
        forecasts=scored,
    )
