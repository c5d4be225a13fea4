"""Integrity indicators at province scale: seconds and rows per second for each indicator."""

from __future__ import annotations

import time

from bench.validation import ROOT, dataset

#: (payments, local governments) of the generated province set (``--scale province``).
PROVINCE = (3_000_000, 300)


def run(size: tuple[int, int] = PROVINCE) -> None:
    """Load the generated set once, then time each indicator on it, and all of them together."""
    from pipeline import flags, settings
    from pipeline.flags import evaluate

    folder = dataset(*size)
    config = {**settings.DEFAULTS, "holidays_file": str(ROOT / "datasets" / "holidays.csv")}
    start = time.perf_counter()
    tables = flags.load_tables(folder, config)
    loading = time.perf_counter() - start
    rows = {
        "payments": len(tables.payments),
        "budget": len(tables.budget),
        "suppliers": len(tables.suppliers),
        "complaints": len(tables.complaints),
    }
    print("Integrity indicators on a generated province: each indicator alone, in one process,")
    print(f"after loading the tables ({loading:.1f} s). rows: the table the indicator reads.")
    header = ("indicator", "reads", "rows", "seconds", "rows/s", "findings")
    print("{:<28} {:<10} {:>10} {:>8} {:>11} {:>9}".format(*header))
    findings = []
    total = 0.0
    for item in flags.REGISTRY:
        start = time.perf_counter()
        found = flags.run(tables, config, [item.code])
        seconds = time.perf_counter() - start
        total += seconds
        findings += found
        count = rows[item.reads]
        print(
            f"{item.code:<28} {item.reads:<10} {count:>10,} {seconds:>8.2f} "
            f"{count / seconds:>11,.0f} {len(found):>9,}"
        )
    print(f"{'all':<28} {'':<10} {rows['payments']:>10,} {total:>8.2f} "
          f"{rows['payments'] / total:>11,.0f} {len(findings):>9,}")  # fmt: skip
    truth = folder.parent / "truth.json"
    if truth.exists():
        print()
        print("Against the cases planted in that set:")
        print(evaluate.table(evaluate.score(findings, evaluate.read_truth(truth))))


if __name__ == "__main__":
    run()
