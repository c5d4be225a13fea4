"""Command line: ``python -m pipeline.forecast.evaluate [DATASETS]`` prints the backtest table.

Exit codes: 0 done, 2 the datasets folder has no complaints package.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import load
from pipeline.forecast.build import forecast_all
from pipeline.forecast.config import BACKTEST_MONTHS, LEVELS, MODEL_NAME, TIMEZONE
from pipeline.forecast.months import as_of_time, last_full_month
from pipeline.forecast.summary import backtest_summary, horizon_summary

EXIT_OK, EXIT_USAGE = 0, 2


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _yes(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def table(result: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """The evaluation as lines of text: per series, per horizon, coverage and the total."""
    rows = backtest_summary(result)
    *series, total = rows
    width = max(len(r["service_code"]) for r in series)
    lines = [
        f"{'LG':8} {'Category':{width}} {'Model MAE':>9} {'Naive MAE':>9}  Beats  Published",
        *(
            f"{r['lg_code']:8} {r['service_code']:{width}} {_number(r['model_mae']):>9} "
            f"{_number(r['naive_mae']):>9}  {_yes(r['beats_baseline']):5}  "
            f"{_yes(r['published'])}{' (' + r['note'] + ')' if r['note'] else ''}"
            for r in series
        ),
    ]
    tested = [e["backtest"] for s in result.values() for e in s.values() if e["backtest"]]
    if tested:
        cover = {
            level: sum(t[f"coverage{level}"] for t in tested) / len(tested) for level in LEVELS
        }
        lines += [
            "",
            "By months ahead (mean over the backtested series):",
            f"  {'ahead':>5} {'Model MAE':>9} {'Naive MAE':>9}  model better in",
            *(
                f"  {h['horizon']:>5} {_number(h['model_mae']):>9} {_number(h['naive_mae']):>9}"
                f"  {h['model_better']} of {h['series']}"
                for h in horizon_summary(result)
            ),
            "",
            "Interval coverage (share of backtest months inside): "
            + ", ".join(f"{level}% interval {share:.0%}" for level, share in cover.items()),
        ]
    lines += [
        "",
        f"Total: {total['note']}. MAE over the backtested series: model "
        f"{_number(total['model_mae'])}, seasonal naive {_number(total['naive_mae'])}.",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print(__doc__.splitlines()[0], file=sys.stderr)
        return EXIT_USAGE
    folder = Path(args[0] if args else "datasets") / "complaints"
    if not (folder / "datapackage.json").exists():
        print(f"No complaints data package at {folder}.", file=sys.stderr)
        return EXIT_USAGE
    complaints = load.table(folder, "complaints-*")
    categories = load.table(folder, "categories")
    stamp = as_of_time(complaints)
    local = stamp.tz_convert(TIMEZONE).strftime("%Y-%m-%d %H:%M")
    print(f"Complaint forecasts, backtest on {folder}")
    print(f"As of {local} ({TIMEZONE}); last full month {last_full_month(stamp)}.")
    print(
        f"Model: {MODEL_NAME}. Backtest: last {BACKTEST_MONTHS} full months, rolling origin; "
        "baseline: the same month a year earlier."
    )
    print()
    print("\n".join(table(forecast_all(complaints, categories, stamp))))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
