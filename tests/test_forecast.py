"""Forecasts of complaint load: months in Karachi time, the backtest, and the publishing rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline import load
from pipeline.forecast import (
    backtest_summary,
    build,
    evaluate,
    forecast_all,
    horizon_summary,
    model,
    months,
)
from pipeline.forecast.config import HORIZON, MIN_MONTHS

#: Where the synthetic series end: the last minute of October 2026, Karachi time.
END = "2026-10-31 23:59"

CATEGORIES = pd.DataFrame(
    {
        "service_code": ["drain_blocked", "garbage_not_collected", "stray_dogs"],
        "service_name_en": ["Blocked drain", "Garbage not collected", "Stray dogs"],
        "service_name_ur": ["نالی بند ہے", "کوڑا نہیں اٹھایا گیا", "آوارہ کتے"],
    }
)


def complaints(series: dict[tuple[str, str], list[int]], last: str = "2026-10") -> pd.DataFrame:
    """One complaint row per count, received on the 15th at noon Karachi time, the series
    ending in month ``last``."""
    lgs: list[str] = []
    codes: list[str] = []
    stamps: list[pd.Timestamp] = []
    for (lg, code), counts in series.items():
        span = pd.period_range(end=pd.Period(last, "M"), periods=len(counts), freq="M")
        noon = span.to_timestamp() + pd.Timedelta(days=14, hours=12)
        repeat = np.asarray(counts, dtype=int)
        lgs += [lg] * int(repeat.sum())
        codes += [code] * int(repeat.sum())
        stamps += list(noon.tz_localize("Asia/Karachi").repeat(repeat))
    return pd.DataFrame(
        {
            "lg_code": lgs,
            "service_code": codes,
            "requested_datetime": pd.to_datetime(stamps, utc=True),
        }
    )


def seasonal(size: int, level: float, swing: float, seed: int, peak_month: int = 7) -> list[int]:
    """Poisson counts around ``level + swing * cos(...)``, highest in ``peak_month``, for
    ``size`` months ending October 2026."""
    span = pd.period_range(end=pd.Period("2026-10", "M"), periods=size, freq="M")
    angle = 2 * np.pi * (span.month.to_numpy() - peak_month) / 12
    return np.random.default_rng(seed).poisson(level + swing * np.cos(angle)).tolist()


def test_a_seasonal_series_is_forecast_with_its_season() -> None:
    counts = seasonal(40, 40, 30, seed=1, peak_month=1)  # peak in January, trough in July
    result = forecast_all(complaints({("SBZ-MC", "drain_blocked"): counts}), CATEGORIES, END)
    entry = result["SBZ-MC"]["drain_blocked"]
    assert entry["published"] and entry["reason"] is None
    assert entry["backtest"]["model_mae"] < entry["backtest"]["naive_mae"]
    forecast = {row["month"]: row["mean"] for row in entry["forecast"]}
    assert list(forecast) == ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"]
    assert forecast["2027-01"] == pytest.approx(70, abs=8)  # the peak: 40 + 30
    assert forecast["2027-04"] == pytest.approx(40, abs=8)  # half way down
    assert forecast["2027-01"] > forecast["2026-11"] > forecast["2027-04"] - 8
    assert entry["name_en"] == "Blocked drain" and entry["name_ur"] == "نالی بند ہے"
    assert len(entry["history"]) == 40 and entry["history"][-1]["month"] == "2026-10"


def test_noise_the_baseline_predicts_perfectly_is_not_published() -> None:
    year = np.random.default_rng(3).poisson(8, 12).tolist()  # random, but the same every year
    result = forecast_all(complaints({("SBZ-MC", "stray_dogs"): (year * 4)[:40]}), CATEGORIES, END)
    entry = result["SBZ-MC"]["stray_dogs"]
    assert entry["backtest"]["naive_mae"] == 0
    assert entry["backtest"]["model_mae"] > 0 and not entry["backtest"]["beats_baseline"]
    assert not entry["published"] and entry["forecast"] == []
    assert entry["reason_code"] == "baseline-better"
    assert "12 months earlier" in entry["reason"]


def test_published_exactly_where_the_model_beats_the_baseline() -> None:
    rng = np.random.default_rng(11)
    series = {("CHP-MC", f"c{i}"): rng.poisson(6 + i, 40).tolist() for i in range(6)}
    result = forecast_all(complaints(series), CATEGORIES, END)
    entries = result["CHP-MC"].values()
    tested = [e for e in entries if e["backtest"]]
    assert tested
    for entry in tested:
        assert entry["published"] == entry["backtest"]["beats_baseline"]
        assert bool(entry["forecast"]) == entry["published"]


def test_short_and_sparse_series_are_skipped_with_the_reason() -> None:
    data = complaints(
        {
            ("NHR-TC", "drain_blocked"): [9] * 40,
            ("NHR-TC", "garbage_not_collected"): [1, 2, 0, 1] * 10,  # 1 a month
            ("SBZ-DC", "drain_blocked"): seasonal(MIN_MONTHS - 4, 30, 10, seed=2),
        }
    )
    result = forecast_all(data, CATEGORIES, END)
    sparse = result["NHR-TC"]["garbage_not_collected"]
    assert sparse["reason_code"] == "too-sparse" and "1.0 a month" in sparse["reason"]
    none = result["NHR-TC"]["stray_dogs"]  # in the categories table, never complained about
    assert none["reason_code"] == "too-sparse" and {h["count"] for h in none["history"]} == {0}
    short = result["SBZ-DC"]["drain_blocked"]
    assert short["reason_code"] == "too-short"
    assert f"Only {MIN_MONTHS - 4} full months" in short["reason"]
    assert len(short["history"]) == MIN_MONTHS - 4
    for entry in (sparse, none, short):
        assert not entry["published"] and entry["forecast"] == [] and entry["backtest"] is None
    flat = result["NHR-TC"]["drain_blocked"]  # 9 every month: nothing to fit, nothing to beat
    assert not flat["published"] and flat["reason_code"] == "fit-failed"


def test_intervals_contain_the_mean_and_are_never_negative() -> None:
    series = {
        ("SBZ-MC", "drain_blocked"): seasonal(40, 40, 30, seed=4),
        ("SBZ-MC", "garbage_not_collected"): seasonal(40, 6, 5.5, seed=12, peak_month=1),
    }
    result = forecast_all(complaints(series), CATEGORIES, END)
    assert all(result["SBZ-MC"][code]["published"] for _, code in series)
    rows = [row for code in series for row in result["SBZ-MC"][code[1]]["forecast"]]
    assert len(rows) == 2 * HORIZON
    for row in rows:
        assert 0 <= row["lo95"] <= row["lo80"] <= row["mean"] <= row["hi80"] <= row["hi95"]
        assert row["hi95"] > row["lo95"]
    assert any(row["lo95"] == 0 for row in rows)  # the low series' intervals were clipped


def test_same_data_same_json_whatever_the_row_order() -> None:
    data = complaints(
        {
            ("SBZ-MC", "drain_blocked"): seasonal(40, 30, 20, seed=6),
            ("CHP-MC", "garbage_not_collected"): seasonal(36, 12, 4, seed=7),
        }
    )
    first = json.dumps(forecast_all(data, CATEGORIES, END), ensure_ascii=False)
    shuffled = data.sample(frac=1, random_state=0).reset_index(drop=True)
    assert json.dumps(forecast_all(shuffled, CATEGORIES, END), ensure_ascii=False) == first
    assert json.dumps(forecast_all(data, CATEGORIES, END), ensure_ascii=False) == first


def test_months_are_counted_in_karachi_time() -> None:
    late = pd.Series(pd.to_datetime(["2024-07-31T20:00:00Z", "2024-07-31T18:59:00Z"]))
    assert months.local_month(late).astype(str).tolist() == ["2024-08", "2024-07"]
    data = complaints({("SBZ-MC", "drain_blocked"): [5] * 30})
    extra = pd.DataFrame(
        {
            "lg_code": ["SBZ-MC"],
            "service_code": ["drain_blocked"],
            "requested_datetime": pd.to_datetime(["2024-07-31T20:00:00Z"]),
        }
    )
    result = forecast_all(pd.concat([data, extra], ignore_index=True), CATEGORIES, END)
    history = {h["month"]: h["count"] for h in result["SBZ-MC"]["drain_blocked"]["history"]}
    assert history["2024-07"] == 5 and history["2024-08"] == 6


@pytest.mark.parametrize(
    ("as_of", "last_full"),
    [
        ("2026-10-31T18:59:00Z", "2026-10"),  # 23:59 in Karachi: October is complete
        ("2026-10-31T18:00:00Z", "2026-09"),  # 23:00 in Karachi: October is partial
        ("2026-10-31 23:59", "2026-10"),  # a naive time is Karachi time
        ("2026-11-03T07:00:00Z", "2026-10"),  # 3 days into November: November dropped
        (date(2026, 10, 31), "2026-10"),  # a date means the end of that day
        (date(2026, 10, 30), "2026-09"),
    ],
)
def test_a_partial_last_month_is_dropped(as_of: str | date, last_full: str) -> None:
    stamp = months.as_of_time(pd.DataFrame(), as_of)
    assert str(months.last_full_month(stamp)) == last_full


def test_as_of_defaults_to_the_latest_time_and_later_complaints_are_ignored() -> None:
    data = complaints({("SBZ-MC", "drain_blocked"): seasonal(38, 30, 20, seed=8)}, "2026-11")
    # The data end on 15 November (noon): November is partial, dropped, and forecast first.
    entry = forecast_all(data, CATEGORIES)["SBZ-MC"]["drain_blocked"]
    assert entry["history"][-1]["month"] == "2026-10"
    assert entry["forecast"][0]["month"] == "2026-11"
    earlier = forecast_all(data, CATEGORIES, "2026-06-30 23:59")["SBZ-MC"]["drain_blocked"]
    assert earlier["history"] == entry["history"][: len(earlier["history"])]
    assert earlier["history"][-1]["month"] == "2026-06"


def test_horizon_is_configurable_within_a_year() -> None:
    data = complaints({("SBZ-MC", "drain_blocked"): seasonal(40, 30, 20, seed=10)})
    entry = forecast_all(data, CATEGORIES, END, horizon=3)["SBZ-MC"]["drain_blocked"]
    assert [row["month"] for row in entry["forecast"]] == ["2026-11", "2026-12", "2027-01"]
    assert [h["horizon"] for h in entry["backtest"]["by_horizon"]] == [1, 2, 3]
    with pytest.raises(ValueError, match="1 to 12"):
        forecast_all(data, CATEGORIES, END, horizon=13)


def test_backtest_forecasts_are_statsmodels_forecasts_from_past_data_only() -> None:
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    counts = np.array(seasonal(40, 30, 20, seed=10), dtype=float)
    params = model.fit(counts[:28])
    means, sds = model.forecasts(counts, params, [28, 33], 6)
    reference = model._model(counts).filter(params)
    assert isinstance(reference.model, UnobservedComponents)
    for row, origin in enumerate([28, 33]):
        expected = reference.get_prediction(start=origin, end=origin + 5, dynamic=True)
        assert means[row] == pytest.approx(np.asarray(expected.predicted_mean), rel=1e-6)
        assert sds[row] == pytest.approx(np.sqrt(np.asarray(expected.var_pred_mean)), rel=1e-6)
    changed = counts.copy()
    changed[33:] += 100  # the future must not leak into a forecast made before it
    again, _ = model.forecasts(changed, params, [28, 33], 6)
    assert again == pytest.approx(means)


def test_summaries_count_the_series() -> None:
    data = complaints(
        {
            ("SBZ-MC", "drain_blocked"): seasonal(40, 40, 30, seed=1, peak_month=1),
            ("SBZ-MC", "stray_dogs"): (np.random.default_rng(3).poisson(8, 12).tolist() * 4)[:40],
        }
    )
    result = forecast_all(data, CATEGORIES, END)
    *rows, total = backtest_summary(result)
    assert [(r["service_code"], r["beats_baseline"]) for r in rows] == [
        ("drain_blocked", True),
        ("garbage_not_collected", None),
        ("stray_dogs", False),
    ]
    assert total["beats_baseline"] == 1 and total["published"] == 1
    assert total["note"] == (
        "1 of 2 backtested series beat seasonal naive; 1 published; 1 skipped (1 too-sparse)"
    )
    horizons = horizon_summary(result)
    assert [h["horizon"] for h in horizons] == list(range(1, HORIZON + 1))
    assert all(h["series"] == 2 for h in horizons)


def test_runs_on_the_mini_datasets(mini_source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = mini_source / "complaints"
    data = load.table(folder, "complaints-*")
    categories = load.table(folder, "categories")
    result = forecast_all(data, categories)
    assert set(result) == set(data["lg_code"])
    for services in result.values():
        assert set(services) == set(categories["service_code"])
    json.dumps(result, ensure_ascii=False, allow_nan=False)
    monkeypatch.setattr(build, "MIN_MEAN_PER_MONTH", 0.5)  # let the few mini series through
    lowered = forecast_all(data, categories)
    tested = [e for s in lowered.values() for e in s.values() if e["backtest"]]
    assert tested and all(e["published"] == e["backtest"]["beats_baseline"] for e in tested)
    json.dumps(lowered, ensure_ascii=False, allow_nan=False)


def test_evaluate_prints_the_table(mini_source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(mini_source)]) == 0
    out = capsys.readouterr().out
    assert "Model MAE" in out and "Total: " in out and "beat seasonal naive" in out
    assert evaluate.main([str(mini_source / "nowhere")]) == 2
