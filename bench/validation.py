"""Validation throughput and peak memory: Shafaf's engine and stock frictionless, same files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench"

OURS = """
import sys
from pathlib import Path
from pipeline import settings
from pipeline.validate import validate
report = validate([Path(sys.argv[1]) / "spending"], settings.load(None))
print(report.rows_checked, len(report.errors))
"""
STOCK = """
import sys
import frictionless
report = frictionless.validate(sys.argv[1] + "/spending/datapackage.json")
print(sum(t.stats.get("rows", 0) or 0 for t in report.tasks), len(report.flatten()))
"""


def dataset(payments: int) -> Path:
    """A generated province-style datasets folder with about ``payments`` payments (cached)."""
    out = CACHE / f"payments-{payments}" / "datasets"
    if not (out / "spending" / "datapackage.json").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline.sample",
                "--scale",
                "province",
                "--payments",
                str(payments),
                "--out",
                str(out),
                "--truth",
                str(out.parent / "truth.json"),
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def measure(script: str, folder: Path) -> tuple[float, int, int, int]:
    """Wall time, peak RSS (MB), rows and errors of ``script`` run in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    rows, errors = (int(x) for x in output.split()[:2])
    return elapsed, usage.ru_maxrss // 1024, rows, errors


def run(sizes: tuple[int, ...] = (100_000, 1_000_000)) -> None:
    print("Validation of the spending package (payments with primary and foreign keys)")
    print(
        f"{'payments':>10} {'engine':<14} {'rows':>10} {'seconds':>8} {'rows/s':>10} "
        f"{'peak MB':>8} {'errors':>7}"
    )
    for size in sizes:
        folder = dataset(size)
        for name, script in (("shafaf", OURS), ("frictionless", STOCK)):
            seconds, peak, rows, errors = measure(script, folder)
            print(
                f"{size:>10,} {name:<14} {rows:>10,} {seconds:>8.2f} {rows / seconds:>10,.0f} "
                f"{peak:>8,} {errors:>7,}"
            )
