"""Forecasts of complaint load per local government and category, published only where they
beat a seasonal-naive baseline in a backtest."""

from pipeline.forecast.build import forecast_all
from pipeline.forecast.summary import backtest_summary, horizon_summary

__all__ = ["backtest_summary", "forecast_all", "horizon_summary"]
