"""Command line: ``python -m pipeline.sample`` writes the demo data sets and their ground truth."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pipeline.sample.config import (
    DEFAULT_AS_OF,
    DEFAULT_OUT,
    DEFAULT_SEED,
    DEFAULT_TRUTH,
    PROCUREMENT_THRESHOLD,
    SCALES,
    SampleConfig,
)
from pipeline.sample.generator import check_config, generate


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    """The command-line options."""
    p = argparse.ArgumentParser(
        prog="python -m pipeline.sample",
        description="Write the fictional Sabzabad demo data sets (seeded, reproducible) and the "
        "ground truth of the integrity cases planted in them.",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder of the four data packages (default: %(default)s)",
    )
    p.add_argument(
        "--truth",
        type=Path,
        default=DEFAULT_TRUTH,
        help="ground-truth JSON of the planted cases (default: %(default)s)",
    )
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
    )
    p.add_argument(
        "--as-of",
        type=_date,
        default=DEFAULT_AS_OF,
        help="last day with data, in the current fiscal year (default: %(default)s)",
    )
    p.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="demo",
        help="preset size: demo (4 councils, ~36,000 payments) or province "
        "(300 councils, ~3,000,000 payments)",
    )
    p.add_argument(
        "--local-governments",
        type=_positive,
        default=None,
        help="number of local governments (default: the scale's)",
    )
    p.add_argument(
        "--payments",
        type=_positive,
        default=None,
        help="payments across all years, about (default: the scale's); complaints are half as many",
    )
    p.add_argument(
        "--threshold",
        type=_positive,
        default=PROCUREMENT_THRESHOLD,
        help="procurement threshold in rupees that planted split payments stay "
        "below (default: %(default)s, the analytics' default)",
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        help="worker processes (default: automatic); the output does not depend on it",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the generator; 0 on success, 2 on bad arguments."""
    p = parser()
    args = p.parse_args(argv)
    scale = SCALES[args.scale]
    config = SampleConfig(
        out=args.out,
        truth=args.truth,
        seed=args.seed,
        as_of=args.as_of,
        scale=args.scale,
        local_governments=args.local_governments or scale.local_governments,
        payments=args.payments or scale.payments,
        threshold=args.threshold,
        jobs=args.jobs or 0,
    )
    try:
        check_config(config)
    except ValueError as error:
        p.error(str(error))
    summary = generate(config)
    print(summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
