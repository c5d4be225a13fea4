"""Opening what a clerk exports: the sheets of an .xlsx or .ods workbook, or one CSV file."""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pipeline.intake import textfile
from pipeline.intake.errors import IntakeError, UsageError

#: A cell as read: text, a number, a date or time, a truth value, or None when empty.
Cell = str | int | float | date | datetime | time | bool | None
WORKBOOKS = (".xlsx", ".xlsm", ".ods")
TEXT = (".csv", ".txt", ".tsv")
SAVE_AS_XLSX = "Open it in Excel and save it as 'Excel Workbook (*.xlsx)', then import that file."


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and its rows of cells, row 1 first (as the spreadsheet numbers them)."""

    name: str
    rows: list[list[Cell]]
    source: str = ""  # how it was read, e.g. "CSV, Windows-1252, separated by ';'"


def _cell(value: Any) -> Cell:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ == "NaTType":  # pandas' empty date
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime()  # type: ignore[no-any-return,unused-ignore]
    if isinstance(value, str | int | float | date | datetime | time | bool):
        return value
    return str(value)


def _xlsx(path: Path) -> list[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise IntakeError(
            f"{path.name} cannot be opened as an Excel workbook ({error})."
        ) from error
    sheets = []
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs write wrong sizes; read every cell there is
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            sheets.append(Sheet(sheet.title, rows, "Excel workbook"))
    finally:
        book.close()
    return sheets


def _ods(path: Path) -> list[Sheet]:
    import pandas as pd

    try:
        frames = pd.read_excel(path, engine="odf", header=None, sheet_name=None, dtype=object)
    except Exception as error:  # odfpy raises many kinds for a damaged file
        raise IntakeError(
            f"{path.name} cannot be opened as an OpenDocument spreadsheet ({error})."
        ) from error
    return [
        Sheet(str(name), [[_cell(v) for v in row] for row in frame.itertuples(index=False)], "ods")
        for name, frame in frames.items()
    ]


def _text(path: Path) -> list[Sheet]:
    rows, encoding, delimiter = textfile.read_rows(path.read_bytes())
    names = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
    source = f"CSV text, {encoding}, columns separated by {names[delimiter]}"
    return [Sheet(path.stem, [list(r) for r in rows], source)]


def open_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file (a CSV file is one sheet named after the file)."""
    if not path.is_file():
        raise UsageError(f"{path} does not exist (or is not a file).")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IntakeError(f"{path.name} is an old Excel workbook (.xls). {SAVE_AS_XLSX}")
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".ods":
        return _ods(path)
    if suffix in TEXT:
        if head.startswith(b"PK\x03\x04"):
            raise IntakeError(
                f"{path.name} is a workbook renamed to {suffix}: rename it back to .xlsx (or "
                ".ods) and import it again."
            )
        return _text(path)
    raise UsageError(
        f"{path.name}: import reads .xlsx, .ods and .csv files, not '{suffix or 'no extension'}'."
    )
