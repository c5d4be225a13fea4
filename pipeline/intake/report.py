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
    counted: dict[str, int] = dataclasses.field(default_factory=dict)  # kind -> cells


@dataclass
class FileResult:
    """One file the import wrote (or found already right), and what it did to it."""

    out: Path
    target: str  # package/table, e.g. spending/payments-2026-27
    outcome: str = ""  # "written", "unchanged", "appended"
    rows_in_file: int = 0
    added: int = 0
    already_there: int = 0
    updated: list[str] = dataclasses.field(default_factory=list)
    new_table: bool = False  # the year's table was added to the package
    made_ids: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # first, last
    look_repeated: int = 0  # rows with made ids whose other values are already in the file
    sheet_rows: dict[int, int] = dataclasses.field(default_factory=dict)  # file row -> sheet row


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
    filtered_rows: list[int] = dataclasses.field(default_factory=list)
    filtered_why: str = ""
    profile: str = ""  # the profile file used, if any
    files: list[FileResult] = dataclasses.field(default_factory=list)
    sheet_columns: dict[str, str] = dataclasses.field(default_factory=dict)  # field -> "B 'Date'"

    @property
    def unread(self) -> int:
        return sum(len(c.unread) for c in self.columns)

    @property
    def out(self) -> Path | None:
        """The file written, when there is one (the first, when there are several)."""
        return self.files[0].out if self.files else None


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
    ]
    if report.profile:
        out.append(f"Profile: {report.profile}.")
    out += [
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
        for kind, count in column.counted.items():
            if count:
                out.append(f"      {_cells(count)}: {kind}")
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
    if report.empty_rows or report.total_rows or report.filtered_rows:
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
    if report.filtered_rows:
        n = len(report.filtered_rows)
        out.append(
            f"Rows left out by the profile's [keep]: {n} (row {_rows(report.filtered_rows)}): "
            f"{report.filtered_why}."
        )
    out.append("")
    for result in report.files:
        out.extend(_file_lines(result))
    return "\n".join(out) + "\n"


def _file_lines(result: FileResult) -> list[str]:
    out = []
    if result.new_table:
        out.append(f"Added the table {result.target} to its datapackage.json.")
    if result.outcome == "unchanged" and result.already_there:
        out.append(
            f"All {result.already_there:,} rows are already in {result.out}: nothing to change."
        )
    elif result.outcome == "unchanged":
        out.append(f"{result.out} already holds exactly this: nothing to change.")
    elif result.outcome == "appended":
        done = []
        if result.added or not result.updated:
            done.append(f"added {_count(result.added, 'row')}")
        if result.updated:
            done.append(
                f"replaced {_count(len(result.updated), 'row')} with the sheet's version "
                f"({_rows(result.updated)})"
            )
        if result.already_there:
            done.append(f"left {_count(result.already_there, 'row')} already there as they were")
        out.append(
            f"Updated {result.out}: {'; '.join(done)}. It now has "
            f"{_count(result.rows_in_file, 'row')}."
        )
    else:
        out.append(f"Wrote {result.out}: {result.rows_in_file:,} rows.")
    for column, (first, last) in result.made_ids.items():
        if first and result.outcome != "unchanged":
            span = first if first == last else f"{first} … {last}"
            out.append(f"  {column} made by the profile's counter (the source has none): {span}.")
    if result.look_repeated:
        out.append(
            f"  {_count(result.look_repeated, 'row')} have the same values as rows already in the "
            "file (only the made id differs): check that they are not the same payment twice."
        )
    return out


def in_sheet(report: Report, problems: list[tuple[str, Path, int, str | None]]) -> str:
    """Where problems the check found in the written files are in the clerk's own sheet.

    ``problems`` are (title, file, file row, column name); those in rows that came from the
    sheet are listed by the sheet's row and column, so they can be fixed there.
    """
    by_file = {r.out.resolve(): r for r in report.files}
    lines = []
    several = len(report.files) > 1
    for title, path, row, column in sorted(problems, key=lambda p: (str(p[1]), p[2], p[3] or "")):
        result = by_file.get(path.resolve())
        if result is not None and row in result.sheet_rows:
            where = f"row {result.sheet_rows[row]}"
            if column in report.sheet_columns:
                where += f", column {report.sheet_columns[column]}"
            of = f"{result.out.name}" if several else "the file"
            lines.append(f"  {where}: {title} (row {row} of {of})")
    if not lines:
        return ""
    head = f"In your sheet '{report.sheet}' ({report.source}), fix:"
    return "\n".join([head, *lines]) + "\n"
