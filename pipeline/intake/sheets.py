"""Opening what a clerk exports: the sheets of an .xlsx or .ods workbook, or one CSV file."""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pipeline.i18n import lazy_gettext as _
from pipeline.intake import textfile
from pipeline.intake.errors import IntakeError, Message, UsageError

#: A cell as read: text, a number, a date or time, a truth value, or None when empty.
Cell = str | int | float | date | datetime | time | bool | None
WORKBOOKS = (".xlsx", ".xlsm", ".ods")
TEXT = (".csv", ".txt", ".tsv")
SAVE_AS = "'Excel Workbook (*.xlsx)'"  # Excel's name of the file type to save as


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and its rows of cells, row 1 first (as the spreadsheet numbers them)."""

    name: str
    rows: list[list[Cell]]
    source: Message = ""  # how it was read, e.g. "CSV text, Windows-1252, columns separated by …"


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
            _(
                "%(file)s cannot be opened as an Excel workbook (%(error)s).",
                file=path.name,
                error=str(error),
            )
        ) from error
    sheets = []
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs write wrong sizes; read every cell there is
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            sheets.append(Sheet(sheet.title, rows, _("Excel workbook")))
    finally:
        book.close()
    return sheets


def _ods(path: Path) -> list[Sheet]:
    import pandas as pd

    try:
        frames = pd.read_excel(path, engine="odf", header=None, sheet_name=None, dtype=object)
    except Exception as error:  # odfpy raises many kinds for a damaged file
        raise IntakeError(
            _(
                "%(file)s cannot be opened as an OpenDocument spreadsheet (%(error)s).",
                file=path.name,
                error=str(error),
            )
        ) from error
    read_as = _("OpenDocument spreadsheet")
    return [
        Sheet(
            str(name), [[_cell(v) for v in row] for row in frame.itertuples(index=False)], read_as
        )
        for name, frame in frames.items()
    ]


def _text(path: Path) -> list[Sheet]:
    rows, encoding, delimiter = textfile.read_rows(path.read_bytes())
    said: Message = encoding
    if encoding == textfile.UTF8_BOM:
        said = _("%(encoding)s with BOM", encoding="UTF-8")
    forms = {
        ",": _("CSV text, %(encoding)s, columns separated by commas", encoding=said),
        ";": _("CSV text, %(encoding)s, columns separated by semicolons", encoding=said),
        "\t": _("CSV text, %(encoding)s, columns separated by tabs", encoding=said),
        "|": _("CSV text, %(encoding)s, columns separated by vertical bars", encoding=said),
    }
    return [Sheet(path.stem, [list(r) for r in rows], forms[delimiter])]


def open_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file (a CSV file is one sheet named after the file)."""
    if not path.is_file():
        raise UsageError(_("%(path)s does not exist (or is not a file).", path=str(path)))
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IntakeError(
            _(
                "%(file)s is an old Excel workbook (%(extension)s). Open it in Excel and save it "
                "as %(save_as)s, then import that file.",
                file=path.name,
                extension=".xls",
                save_as=SAVE_AS,
            )
        )
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".ods":
        return _ods(path)
    if suffix in TEXT:
        if head.startswith(b"PK\x03\x04"):
            raise IntakeError(
                _(
                    "%(file)s is a workbook renamed to %(extension)s: rename it back to %(xlsx)s "
                    "(or %(ods)s) and import it again.",
                    file=path.name,
                    extension=suffix,
                    xlsx=".xlsx",
                    ods=".ods",
                )
            )
        return _text(path)
    kinds = {"file": path.name, "xlsx": ".xlsx", "ods": ".ods", "csv": ".csv"}
    if not suffix:
        raise UsageError(
            _(
                "%(file)s: import reads %(xlsx)s, %(ods)s and %(csv)s files, and this name has "
                "no extension.",
                **kinds,
            )
        )
    raise UsageError(
        _(
            "%(file)s: import reads %(xlsx)s, %(ods)s and %(csv)s files, not '%(suffix)s'.",
            suffix=suffix,
            **kinds,
        )
    )
