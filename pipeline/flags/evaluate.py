"""Evaluation against the planted ground truth: recall and precision per indicator.

A planted case is *found* when a finding of the same code and local government cites all of its
rows. A finding is *correct* when its rows overlap the rows of a planted case of its code and
local government. Indicators with no planted case report their findings; their precision is
not measured. Run ``python -m pipeline.flags.evaluate``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import settings
from pipeline.flags.finding import Finding
from pipeline.flags.holidays import HolidaysError
from pipeline.flags.registry import CODES
from pipeline.flags.runner import run
from pipeline.flags.tables import load_tables

DEFAULT_DATASETS = Path("datasets")
DEFAULT_TRUTH = Path("evaluation/ground-truth/sample.json")


class TruthError(ValueError):
    """The ground-truth file cannot be read; the message says why."""


@dataclass(frozen=True)
class Row:
    """The evaluation of one indicator. ``planted`` is 0 where nothing was planted, and then
    ``recall`` and ``precision`` are None (not measured)."""

    code: str
    planted: int
    findings: int
    found: int
    correct: int

    @property
    def recall(self) -> float | None:
        """Share of the planted cases found."""
        return self.found / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        """Share of the findings that rest on a planted case."""
        if not self.planted:
            return None
        return self.correct / self.findings if self.findings else 1.0


def read_truth(path: Path) -> list[dict[str, Any]]:
    """The planted cases listed in ``path``."""
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TruthError(f"{path}: no such file; run 'python -m pipeline.sample'.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise TruthError(f"{path}: not valid JSON ({error}).") from None
    if not isinstance(cases, list) or not all(
        isinstance(c, dict) and "indicator" in c and "rows" in c for c in cases
    ):
        raise TruthError(f"{path}: expected a list of cases with 'indicator' and 'rows'.")
    return cases


def score(findings: Iterable[Finding], cases: Iterable[dict[str, Any]]) -> list[Row]:
    """One row per indicator (registry order, then any other planted code)."""
    planted: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for case in cases:
        planted[case["indicator"]].append((str(case.get("lg_code", "")), frozenset(case["rows"])))
    flagged: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for finding in findings:
        flagged[finding.code].append((finding.lg_code, frozenset(finding.rows)))
    rows = []
    for code in [*CODES, *sorted(set(planted) - set(CODES))]:
        truth, found_by = planted.get(code, []), flagged.get(code, [])
        found = sum(
            any(lg == f_lg and rows <= f_rows for f_lg, f_rows in found_by) for lg, rows in truth
        )
        correct = sum(
            any(lg == t_lg and bool(rows & t_rows) for t_lg, t_rows in truth)
            for lg, rows in found_by
        )
        rows.append(Row(code, len(truth), len(found_by), found, correct))
    return rows


def evaluate(
    datasets: Path = DEFAULT_DATASETS,
    truth: Path = DEFAULT_TRUTH,
    config: dict[str, Any] | None = None,
) -> list[Row]:
    """Run every indicator on ``datasets`` (settings: ``config``, else the datasets'
    settings.toml) and score the findings against the cases planted in ``truth``."""
    cases = read_truth(truth)
    values = config if config is not None else settings.load(datasets / "settings.toml")
    return score(run(load_tables(datasets, values), values), cases)


def _ratio(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def table(rows: Sequence[Row]) -> str:
    """The rows as a plain aligned text table."""
    header = ("indicator", "planted", "findings", "found", "recall", "correct", "precision")
    lines = [header]
    for row in rows:
        measured = row.planted > 0
        lines.append(
            (
                row.code,
                str(row.planted) if measured else "–",
                str(row.findings),
                str(row.found) if measured else "–",
                _ratio(row.recall) if measured else "–",
                str(row.correct) if measured else "–",
                _ratio(row.precision),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the evaluation table. Exit 0; 1 if the data cannot be used; 2 for a bad option,
    setting or ground-truth file."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.flags.evaluate",
        description="Score the integrity indicators against the cases planted in the sample "
        "data: recall (planted cases found) and precision (findings that rest on one).",
    )
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS, help="%(default)s")
    parser.add_argument("--truth", type=Path, default=DEFAULT_TRUTH, help="%(default)s")
    args = parser.parse_args(argv)
    try:
        rows = evaluate(args.datasets, args.truth)
    except (TruthError, settings.SettingsError) as error:
        print(f"Cannot evaluate: {error}", file=sys.stderr)
        return 2
    except HolidaysError as error:
        print(f"Cannot evaluate: {error}", file=sys.stderr)
        return 1
    print(f"Integrity indicators on {args.datasets} against {args.truth}")
    print("found: planted cases a finding of the same code cites in full; correct: findings")
    print("whose rows overlap a planted case of their code. A flag is a reason to look, not proof.")
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
