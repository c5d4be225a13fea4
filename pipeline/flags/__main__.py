"""Command line: ``python -m pipeline.flags DATASETS [--csv FILE]`` lists the findings."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pipeline import settings
from pipeline.flags.frame import to_frame
from pipeline.flags.holidays import HolidaysError
from pipeline.flags.registry import NOT_PROOF, REGISTRY
from pipeline.flags.runner import run
from pipeline.flags.tables import load_tables


def main(argv: Sequence[str] | None = None) -> int:
    """Count the findings per indicator; write them all as CSV with ``--csv``."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.flags",
        description="Run the integrity indicators on validated datasets. " + NOT_PROOF[0],
    )
    parser.add_argument("datasets", type=Path, nargs="?", default=Path("datasets"))
    parser.add_argument("--csv", type=Path, help="write the findings here, one row each")
    args = parser.parse_args(argv)
    try:
        config = settings.load(args.datasets / "settings.toml")
        findings = run(load_tables(args.datasets, config), config)
    except settings.SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except HolidaysError as error:
        print(error, file=sys.stderr)
        return 1
    counts = Counter(f.code for f in findings)
    width = max(len(item.code) for item in REGISTRY)
    for item in REGISTRY:
        print(f"{item.code:<{width}}  {counts[item.code]:>6,}  {item.title_en}")
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        to_frame(findings).to_csv(args.csv, index=False, encoding="utf-8", lineterminator="\n")
        print(f"wrote {len(findings):,} findings to {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
