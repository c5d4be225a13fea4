"""Reading a CSV file as a clerk's spreadsheet export: sniffing, encoding, header, rows."""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pipeline.i18n import Phrase
from pipeline.i18n import lazy_gettext as _
from pipeline.validate.findings import Finding, Param, group

SNIFF_BYTES = 64 * 1024
DELIMITER_NAMES = {";": _("semicolons"), "\t": _("tabs"), "|": _("vertical bars")}


@dataclass
class Table:
    """A CSV file read as text: its header and its data rows, every cell a string."""

    file: str
    header: list[str]
    data: pa.Table  # columns named c0, c1, … in file order; all strings, never null
    rows: np.ndarray  # spreadsheet row number (header = 1) of each data row

    @property
    def num_rows(self) -> int:
        return self.data.num_rows

    def column(self, index: int) -> pa.ChunkedArray:
        return self.data.column(index)


def _kind_of_binary(head: bytes) -> Phrase | None:
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
            return _("an OpenDocument spreadsheet (%(extension)s)", extension=".ods")
        return _("an Excel workbook (%(extension)s)", extension=".xlsx")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _("an old Excel workbook (%(extension)s)", extension=".xls")
    if head.startswith(b"%PDF"):
        return _("a PDF document")
    return None


def _first_bad_utf8_row(path: Path) -> int:
    """Spreadsheet row (1-based line) of the first byte that is not valid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return line + chunk.count(b"\n", 0, error.start)
            line += chunk.count(b"\n")
    return line


def _encoding_name(path: Path) -> Phrase:
    data = path.read_bytes()
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return _("an encoding other than UTF-8")
    return _(
        "%(encoding)s ('ANSI', Excel's plain %(format)s)",
        encoding="Windows-1252",
        format="'CSV (Comma delimited)'",
    )


def sniff(path: Path, file: str, n_fields: int) -> tuple[list[str] | None, list[Finding]]:
    """Check what kind of file this is and read its header; findings if it is not a usable CSV."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip(b"\xef\xbb\xbf\r\n\t ,;"):
        return None, [Finding("empty-file", file)]
    kind = _kind_of_binary(head)
    if kind:
        return None, [Finding("not-a-csv", file, params={"kind": kind})]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        encoding = _(
            "%(encoding)s (Excel's %(format)s)", encoding="UTF-16", format="'Unicode Text'"
        )
        params: dict[str, Param] = {"encoding": encoding, "row": "1"}
        return None, [Finding("wrong-encoding", file, rows=(1,), params=params)]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    # The header ends at the first line break of any kind, as the CSV reader sees it.
    first_line = re.split(rb"\r\n|\r|\n", head, maxsplit=1)[0]
    try:
        text = first_line.decode("utf-8")
    except UnicodeDecodeError:
        params = {"encoding": _encoding_name(path), "row": "1"}
        return None, [Finding("wrong-encoding", file, rows=(1,), params=params)]
    try:
        header = next(csv.reader([text]), [])
    except csv.Error as error:
        detail = _("the header row (row 1) cannot be read: %(error)s", error=str(error))
        return None, [Finding("unreadable-file", file, rows=(1,), params={"detail": detail})]
    if len(header) <= 1 < n_fields:
        for delimiter, name in DELIMITER_NAMES.items():
            if text.count(delimiter) >= 1:
                params = {"delimiter": delimiter, "delimiter_name": name}
                return None, [Finding("wrong-delimiter", file, params=params)]
    return header, []


class _InvalidRows:
    """Collects rows whose number of cells differs from the header's."""

    def __init__(self) -> None:
        self.rows: list[tuple[int | None, int, str]] = []

    def __call__(self, row: pacsv.InvalidRow) -> str:
        self.rows.append((row.number, row.actual_columns, row.text))
        return "skip"


def _read(path: Path, n_columns: int, threads: bool) -> tuple[pa.Table, _InvalidRows]:
    names = [f"c{i}" for i in range(n_columns)]
    invalid = _InvalidRows()
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=threads),
        parse_options=pacsv.ParseOptions(
            newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=invalid
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table, invalid


def read_table(path: Path, file: str, n_fields: int) -> tuple[Table | None, list[Finding]]:
    """Read ``path`` as a table of strings, or say in plain words why it cannot be read."""
    header, findings = sniff(path, file, n_fields)
    if header is None:
        return None, findings
    n_columns = max(len(header), 1)
    try:
        table, invalid = _read(path, n_columns, threads=True)
        if any(row[0] is None for row in invalid.rows):
            table, invalid = _read(path, n_columns, threads=False)
    except pa.ArrowInvalid as error:
        text = str(error)
        if "UTF8" in text or "utf8" in text.lower():
            row = _first_bad_utf8_row(path)
            params: dict[str, Param] = {"encoding": _encoding_name(path), "row": str(row)}
            return None, [Finding("wrong-encoding", file, rows=(row,), params=params)]
        return None, [Finding("unreadable-file", file, params={"detail": text.splitlines()[0]})]

    # Spreadsheet row of each data row: skipped (invalid) rows still occupy a row number.
    rows = np.arange(table.num_rows, dtype=np.int64) + 2
    for number, _actual, _text in sorted(invalid.rows, key=lambda r: r[0] or 0):
        rows[rows >= (number or 0)] += 1
    for number, actual, text in invalid.rows:
        code = "extra-cells" if actual > n_columns else "missing-cells"
        params = {"actual": str(actual), "expected": str(n_columns)}
        findings.append(group(code, file, None, None, [number or 0], [text[:200]], 1, params))

    # Empty rows: trailing ones are what Excel leaves behind and are dropped quietly;
    # empty rows between data rows are reported.
    if table.num_rows:
        empty = np.ones(table.num_rows, dtype=bool)
        for column in table.columns:
            empty &= pc.equal(column, "").to_numpy(zero_copy_only=False)
        if empty.any():
            keep = ~empty
            last = int(np.flatnonzero(keep)[-1]) + 1 if keep.any() else 0
            inner = np.flatnonzero(empty[:last])
            if len(inner):
                findings.append(
                    group("blank-row", file, None, None, rows[inner], [""] * len(inner), len(inner))
                )
            table = table.filter(pa.array(keep))
            rows = rows[keep]
    if table.num_rows == 0:
        findings.append(Finding("no-data-rows", file))
        return None, findings
    return Table(file=file, header=header, data=table, rows=rows), findings
