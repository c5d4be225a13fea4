"""Prediction intervals for counts: normal quantiles around the mean, clipped at zero."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np


def z(level: int) -> float:
    """How many standard deviations either side of the mean a ``level``% interval spans."""
    return NormalDist().inv_cdf(0.5 + level / 200)


def clipped(means: np.ndarray) -> np.ndarray:
    """Forecast means as counts: never below zero."""
    return np.maximum(means, 0.0)


def bounds(means: np.ndarray, sds: np.ndarray, level: int) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper ends of the ``level``% intervals, both at least zero (so that
    ``lower <= clipped(means) <= upper``)."""
    half = z(level) * sds
    return np.maximum(means - half, 0.0), np.maximum(means + half, 0.0)
