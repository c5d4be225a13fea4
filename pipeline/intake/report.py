"""What an import did, column by column, in words a clerk can check against the sheet."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pipeline.intake.cells import ROWS_SHOWN, Change


@dataclass(frozen=True)
class ColumnReport:
    """One column of the sheet (or one schema column the sheet lacks) and what became of it."""

    letter: str  # "" for a schema column the sheet has no column for
    label: str
    field: str | None  # None: left out with --drop
    how: str
    changes: dict[str, Change] = dataclasses.field(default_factory=dict)
    unread: list[tuple[int, str]] = dataclasses.field(default_factory=list)


@dataclass
class Report:
    """The whole import: where from, each column, the rows, and what was written."""

    source: str
    sheet: str
    read_as: str
    header_row: int  # spreadsheet row of the header (1-based)
    target: str
    columns: list[ColumnReport] = dataclasses.field(default_factory=list)
    rows: int = 0
    empty_rows: list[int] = dataclasses.field(default_factory=list)
    total_rows: list[int] = dataclasses.field(default_factory=list)
    out: Path | None = None
    outcome: str = ""  # "written", "unchanged", "appended"
    rows_in_file: int = 0
    added: int = 0
    already_there: int = 0
    updated: list[str] = dataclasses.field(default_factory=list)
    sheet_rows: dict[int, int] = dataclasses.field(default_factory=dict)  # file row -> sheet row
    sheet_columns: dict[str, str] = dataclasses.field(default_factory=dict)  # field -> "B 'Date'"

    @property
    def unread(self) -> int:
        return sum(len(c.unread) for c in self.columns)


def _rows(rows: list[int] | list[str], limit: int = ROWS_SHOWN) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" … and {len(rows) - limit} more" if len(rows) > limit else "")


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def _cells(count: int) -> str:
    return f"{count:,} cell{'s' if count != 1 else ''}"


def text(report: Report) -> str:
    """The report as printed after an import."""
    out = [
        f"Read {report.source}, sheet '{report.sheet}' ({report.read_as}): header in row "
        f"{report.header_row}, {report.rows:,} row{'s' if report.rows != 1 else ''} of data.",
        "",
        f"Columns (sheet → {report.target}):",
    ]
    width = max((len(c.letter) + len(c.label) for c in report.columns), default=0) + 4
    for column in report.columns:
        where = f"{column.letter} '{column.label}'" if column.letter else "(no such column)"
        if column.field is None:
            out.append(f"  {where:<{width}} left out ({column.how})")
            continue
        out.append(f"  {where:<{width}} → {column.field} ({column.how})")
        for kind, change in column.changes.items():
            out.append(
                f"      {_cells(change.count)}: {kind} (row {change.row}: "
                f"'{change.before}' → '{change.after}')"
            )
        if column.unread:
            rows = [r for r, _ in column.unread]
            out.append(
                f"      {_cells(len(column.unread))} left as "
                f"{'it was' if len(column.unread) == 1 else 'they were'}, not readable as "
                f"{column.field}: row {_rows(rows)} (first: '{column.unread[0][1]}'). "
                "The check will show them; correct them in the sheet."
            )
    if report.empty_rows or report.total_rows:
        out.append("")
    if report.empty_rows:
        n = len(report.empty_rows)
        out.append(f"Empty rows left out: {n} (row {_rows(report.empty_rows)}).")
    if report.total_rows:
        n = len(report.total_rows)
        out.append(
            f"Total rows left out: {n} (row {_rows(report.total_rows)}): the site adds up the "
            "rows itself."
        )
    out.append("")
    if report.outcome == "unchanged" and report.already_there:
        out.append(
            f"All {report.already_there:,} rows are already in {report.out}: nothing to change."
        )
    elif report.outcome == "unchanged":
        out.append(f"{report.out} already holds exactly this: nothing to change.")
    elif report.outcome == "appended":
        done = []
        if report.added or not report.updated:
            done.append(f"added {_count(report.added, 'row')}")
        if report.updated:
            done.append(
                f"replaced {_count(len(report.updated), 'row')} with the sheet's version "
                f"({_rows(report.updated)})"
            )
        if report.already_there:
            done.append(f"left {_count(report.already_there, 'row')} already there as they were")
        out.append(
            f"Updated {report.out}: {'; '.join(done)}. It now has "
            f"{_count(report.rows_in_file, 'row')}."
        )
    else:
        out.append(f"Wrote {report.out}: {report.rows_in_file:,} rows.")
    return "\n".join(out) + "\n"


def in_sheet(report: Report, problems: list[tuple[str, int, str | None]]) -> str:
    """Where problems the check found in the written file are in the clerk's own sheet.

    ``problems`` are (title, file row, column name) of the written file; those in rows that
    came from the sheet are listed by the sheet's row and column, so they can be fixed there.
    """
    lines = []
    for title, row, column in sorted(problems, key=lambda p: (p[1], p[2] or "")):
        if row in report.sheet_rows:
            where = f"row {report.sheet_rows[row]}"
            if column in report.sheet_columns:
                where += f", column {report.sheet_columns[column]}"
            lines.append(f"  {where}: {title} (row {row} of the file)")
    if not lines:
        return ""
    head = f"In your sheet '{report.sheet}' ({report.source}), fix:"
    return "\n".join([head, *lines]) + "\n"
