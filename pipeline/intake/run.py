"""The import itself: spreadsheet in, the resource's CSV out, and a report of every change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.intake import headers, numbers, output
from pipeline.intake.cells import Options, convert
from pipeline.intake.errors import IntakeError, UsageError
from pipeline.intake.report import ColumnReport, Report
from pipeline.intake.sheets import Cell, open_sheets
from pipeline.intake.target import Target, resolve

NEW, APPEND, UPDATE, REPLACE = "new", "append", "update", "replace"


@dataclass(frozen=True)
class Request:
    """What the clerk asked for on the command line."""

    source: Path
    dataset: str  # package/resource, e.g. spending/payments-2026-27
    root: Path = Path("datasets")
    sheet: str | None = None
    out: Path | None = None
    drop: tuple[str, ...] = ()
    dates: str | None = None
    mode: str = NEW
    offset: str = "+05:00"


TOTAL_WORDS = {"total", "grand total", "sub total", "subtotal", "g total", "کل", "میزان", "ٹوٹل"}


def _empty(row: list[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _total(row: list[Cell]) -> bool:
    """A 'Total' row under the data: a total word and, apart from it, only numbers."""
    cells = [c for c in row if not (c is None or (isinstance(c, str) and not c.strip()))]
    words = [c for c in cells if isinstance(c, str) and headers.normal(c) in TOTAL_WORDS]
    others = [c for c in cells if not any(c is w for w in words)]
    return bool(words) and all(
        isinstance(c, int | float) or (isinstance(c, str) and numbers.read_amount(c))
        for c in others
    )


def import_file(request: Request) -> Report:
    """Import ``request.source`` into its resource; raises IntakeError (nothing written)."""
    target = resolve(request.dataset, request.root)
    sheets = open_sheets(request.source)
    sheet, header_row = headers.choose_sheet(sheets, target, request.sheet)
    header = headers.map_columns(sheet, header_row, target, list(request.drop))

    data = [(n + 1, r) for n, r in enumerate(sheet.rows) if n > header_row]
    empty = [n for n, r in data if _empty(r)]
    totals = [n for n, r in data if _total(r)]
    data = [(n, r) for n, r in data if not _empty(r) and n not in totals]
    if not data:
        raise IntakeError(
            f"Sheet '{sheet.name}' has the column names (row {header_row + 1}) but no rows of "
            "data under them."
        )
    rows = [n for n, _ in data]
    options = Options(
        dates=request.dates,
        offset=request.offset,
        missing=tuple(v for v in target.missing_values if v),
    )
    by_field = {m.field: m for m in header.columns if m.field}
    report = Report(
        source=request.source.name,
        sheet=sheet.name,
        read_as=sheet.source,
        header_row=header_row + 1,
        target=target.name,
        rows=len(data),
        empty_rows=empty,
        total_rows=totals,
    )
    values: list[list[str]] = []
    for f in target.fields:
        match = by_field.get(f.name)
        if match is None:
            values.append([""] * len(data))
            report.columns.append(ColumnReport("", "", f.name, "left empty: the sheet has none"))
            continue
        cells = [r[match.index] if match.index < len(r) else None for _, r in data]
        column = convert(f, rows, cells, options)
        values.append(column.values)
        report.columns.append(
            ColumnReport(
                match.letter, match.label, f.name, match.how, column.changes, column.unread
            )
        )
    for match in header.columns:
        if match.field is None:
            report.columns.append(ColumnReport(match.letter, match.label, None, match.how))
    report.columns.sort(key=lambda c: (c.letter == "", len(c.letter), c.letter))
    table = [list(r) for r in zip(*values, strict=True)]
    positions = _write(request, target, table, report)
    report.sheet_rows = {p + 2: n for p, n in zip(positions, rows, strict=True)}
    report.sheet_columns = {m.field: f"{m.letter} '{m.label}'" for m in header.columns if m.field}
    return report


def _write(request: Request, target: Target, table: list[list[str]], report: Report) -> list[int]:
    """Write the file as asked; where each row of the sheet is in it (0-based data rows)."""
    names, key = target.names, target.primary_key
    out = request.out or target.path
    report.out = out
    exists = out.exists()
    if request.mode in (APPEND, UPDATE) and exists:
        existing = output.read_existing(out, names)
        merged = output.append(
            existing, table, [names.index(k) for k in key], out, names, request.mode == UPDATE
        )
        data = output.to_csv(names, merged.rows)
        report.outcome = "appended"
        report.added, report.already_there = merged.added, merged.already_there
        report.updated = merged.updated
        report.rows_in_file = len(merged.rows)
        positions = merged.positions
    else:
        data = output.to_csv(names, table)
        report.outcome, report.rows_in_file = "written", len(table)
        positions = list(range(len(table)))
    if exists and out.read_bytes() == data:
        report.outcome = "unchanged"
        return positions
    if exists and request.mode == NEW:
        raise UsageError(
            f"{out} already exists and holds other rows. To add these {len(table):,} rows to it, "
            "run the same command with --append; to replace the whole file with this sheet, "
            "use --replace."
        )
    output.write_atomic(out, data)
    return positions
