"""The model: a local level plus a fixed yearly season, fitted by maximum likelihood (statsmodels).

In state-space form (statsmodels' ``UnobservedComponents``) a month's count is a level that
wanders slowly, plus a seasonal shape made of ``HARMONICS`` sine-cosine pairs that is the same
every year, plus noise. Only one number is optimised: how fast the level wanders relative to the
noise (the overall scale is concentrated out of the likelihood), so a fit takes milliseconds.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from pipeline.forecast.config import HARMONICS

if TYPE_CHECKING:
    from statsmodels.tsa.statespace.structural import UnobservedComponents

#: Search range of log(level variance / noise variance): from a fixed level to a random walk.
LOG_RATIO_BOUNDS = (-12.0, 5.0)
#: Precision of that search (about 1% in the ratio).
LOG_RATIO_TOLERANCE = 0.01


class FitError(ValueError):
    """The model cannot be fitted to this series (no variation, or numbers went non-finite)."""


def _model(counts: np.ndarray) -> UnobservedComponents:
    # Imported here: statsmodels takes seconds to import, and only forecasting needs it.
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    return UnobservedComponents(
        counts,
        level="llevel",
        freq_seasonal=[{"period": 12, "harmonics": HARMONICS}],
        stochastic_freq_seasonal=[False],
    )


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence, inside this block only, the warnings statsmodels and NumPy give on degenerate
    fits: the results are checked for finite numbers instead."""
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, ValueWarning

    with warnings.catch_warnings():
        for category in (ConvergenceWarning, ValueWarning, RuntimeWarning):
            warnings.simplefilter("ignore", category)
        yield


def fit(counts: np.ndarray) -> np.ndarray:
    """Maximum-likelihood variances (noise, level) of the model for ``counts``."""
    from scipy.optimize import minimize_scalar

    if counts.size == 0 or np.ptp(counts) == 0:
        raise FitError("the series does not vary")
    with _quiet():
        model = _model(counts)
        model.ssm.set_filter_method(filter_concentrated=True)

        def cost(log_ratio: float) -> float:
            return -float(model.loglike(np.array([1.0, math.exp(log_ratio)])))

        best = minimize_scalar(
            cost,
            bounds=LOG_RATIO_BOUNDS,
            method="bounded",
            options={"xatol": LOG_RATIO_TOLERANCE},
        )
        ratio = math.exp(float(best.x))
        scale = float(model.filter(np.array([1.0, ratio]), return_ssm=True).scale)
    if not math.isfinite(scale) or scale <= 0:
        raise FitError(f"the fitted scale is {scale}")
    return np.array([scale, scale * ratio])


def forecasts(
    counts: np.ndarray, params: np.ndarray, origins: Sequence[int], horizon: int
) -> tuple[np.ndarray, np.ndarray]:
    """Means and standard deviations, shape (origins, horizon), of the forecasts of months
    ``t … t + horizon - 1`` made from ``counts[:t]`` alone, for each origin ``t``.

    One Kalman filter pass over ``counts`` with fixed ``params`` gives the state predicted for
    every month from the months before it; each forecast runs that state forward.
    """
    with _quiet():
        result = _model(counts).filter(params, return_ssm=True)
    if min(origins) <= result.nobs_diffuse:
        raise FitError("too few months before the first forecast origin")
    design = result.design[:, :, 0]
    transition = result.transition[:, :, 0]
    selection = result.selection[:, :, 0]
    shock = selection @ result.state_cov[:, :, 0] @ selection.T
    noise = float(result.obs_cov[0, 0, 0])
    means = np.empty((len(origins), horizon))
    variances = np.empty((len(origins), horizon))
    for i, origin in enumerate(origins):
        state = result.predicted_state[:, origin]
        cov = result.predicted_state_cov[:, :, origin]
        for step in range(horizon):
            means[i, step] = float((design @ state)[0])
            variances[i, step] = float((design @ cov @ design.T)[0, 0]) + noise
            state = transition @ state
            cov = transition @ cov @ transition.T + shock
    if not (np.isfinite(means).all() and np.isfinite(variances).all()):
        raise FitError("the forecasts are not finite numbers")
    return means, np.sqrt(np.maximum(variances, 0.0))
