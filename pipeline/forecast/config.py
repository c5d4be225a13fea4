"""Forecast policy: horizon, backtest window and the rules for skipping a series."""

from __future__ import annotations

#: Months forecast after the last full month (the seasonal-naive baseline allows 1 to 12).
HORIZON = 6

#: Months at the end of each series on which the model is backtested against seasonal naive.
BACKTEST_MONTHS = 12

#: Full months a series needs: the backtest window plus a year for the model and the baseline.
MIN_MONTHS = 24

#: Complaints a month, on average over the last ``BACKTEST_MONTHS`` months, below which a series
#: is too sparse to forecast usefully (the noise in a count of 1 or 2 is as large as the count).
MIN_MEAN_PER_MONTH = 3.0

#: Prediction intervals published, as percentages.
LEVELS = (80, 95)

#: Time zone months are counted in.
TIMEZONE = "Asia/Karachi"

#: Sine-cosine pairs that make up the yearly season (2: one broad peak, or a peak and a trough).
HARMONICS = 2

#: How the model is named in the output.
MODEL_NAME = f"local level + fixed yearly season ({HARMONICS} harmonics)"
