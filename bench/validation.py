"""Validation throughput and peak memory: Shafaf's engine and stock frictionless, same files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench"
#: (payments, local governments) of the generated sets.
SIZES = ((100_000, 30), (1_000_000, 300))

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


def dataset(payments: int, councils: int) -> Path:
    """A generated province-style datasets folder with about ``payments`` payments (cached)."""
    out = CACHE / f"payments-{payments}-{councils}" / "datasets"
    if not (out / "spending" / "datapackage.json").exists():
        command = [
            sys.executable, "-m", "pipeline.sample", "--scale", "province",
            "--local-governments", str(councils), "--payments", str(payments),
            "--out", str(out), "--truth", str(out.parent / "truth.json"),
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out


def payment_rows(folder: Path) -> int:
    """Data rows in the payment files (lines less the header)."""
    total = 0
    for path in (folder / "spending").glob("payments-*.csv"):
        with path.open("rb") as handle:
            total += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
            total -= 1
    return total


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


def run(sizes: tuple[tuple[int, int], ...] = SIZES) -> None:
    print("Validating the spending package: every payment file (types, enums, patterns, primary")
    print("key, foreign key to suppliers) and suppliers.csv. Shafaf also checks the references to")
    print("budget lines and councils in other packages, and its own rules; frictionless cannot.")
    print("Whole processes, start-up included. Goal: >= 400,000 rows/s within 600 MB.")
    header = ("payments", "engine", "rows", "seconds", "rows/s", "peak MB", "errors")
    print("{:>10} {:<13} {:>10} {:>8} {:>9} {:>8} {:>7}".format(*header))
    for size, councils in sizes:
        folder = dataset(size, councils)
        payments = payment_rows(folder)
        for name, script in (("shafaf", OURS), ("frictionless", STOCK)):
            seconds, peak, rows, errors = measure(script, folder)
            print(
                f"{payments:>10,} {name:<13} {rows:>10,} {seconds:>8.2f} "
                f"{rows / seconds:>9,.0f} {peak:>8,} {errors:>7,}"
            )
