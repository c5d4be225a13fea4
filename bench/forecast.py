"""Complaint forecasts: time to backtest and forecast every series of the demo data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run in a fresh process, so that importing statsmodels is measured too.
MEASURE = """
import json, time
from pathlib import Path
start = time.perf_counter()
from pipeline import load
from pipeline.forecast import forecast_all
import statsmodels.tsa.statespace.structural
imported = time.perf_counter() - start
folder = Path("datasets/complaints")
start = time.perf_counter()
complaints = load.table(folder, "complaints-*")
categories = load.table(folder, "categories")
loaded = time.perf_counter() - start
start, cpu = time.perf_counter(), time.process_time()
result = forecast_all(complaints, categories)
first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
start, cpu = time.perf_counter(), time.process_time()
again = forecast_all(complaints, categories)
second, second_cpu = time.perf_counter() - start, time.process_time() - cpu
entries = [e for services in result.values() for e in services.values()]
print(json.dumps({
    "series": len(entries),
    "backtested": sum(1 for e in entries if e["backtest"]),
    "published": sum(1 for e in entries if e["published"]),
    "same": json.dumps(result) == json.dumps(again),
    "imported": imported, "loaded": loaded, "first": first, "second": second,
    "first_cpu": first_cpu, "second_cpu": second_cpu,
}))
"""


def run() -> None:
    print("Forecasts: backtest and forecast every complaint series of the demo (pipeline/forecast)")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=ROOT, check=True, capture_output=True, text=True
    )
    r = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"  series            {r['series']} ({r['backtested']} backtested, "
        f"{r['published']} published)"
    )
    print(f"  import            {r['imported']:7.2f} s  (pandas, statsmodels)")
    print(f"  load complaints   {r['loaded']:7.2f} s")
    for label, key in (("forecast_all", "first"), ("forecast_all again", "second")):
        seconds = r[key]
        print(
            f"  {label:17} {seconds:7.2f} s  ({r['series'] / seconds:.0f} series/s, "
            f"{seconds / max(r['backtested'], 1) * 1000:.0f} ms per backtested series; "
            f"CPU {r[key + '_cpu']:.2f} s, one core)"
        )
    print(f"  same output twice {'yes' if r['same'] else 'NO'}")


if __name__ == "__main__":
    run()
