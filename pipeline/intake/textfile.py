"""Reading a CSV export as Excel writes it: any common encoding, any common separator."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

DELIMITERS = (",", ";", "\t", "|")
UTF8_BOM = "UTF-8 with BOM"  # the name of UTF-8 with a byte-order mark, as the report says it


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV export and the name of the encoding it was in."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), {"utf-8-sig": UTF8_BOM}.get(name, "UTF-16")
    if b"\x00" in data[:4096]:  # UTF-16 without a byte-order mark
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
        name = "utf-16-be" if even > odd else "utf-16-le"
        return data.decode(name), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _width_score(text: str, delimiter: str) -> tuple[int, int]:
    """How table-like the text is with this separator: (rows of the usual width, that width)."""
    sample = "\n".join(text.splitlines()[:200])
    try:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
    except csv.Error:
        return 0, 0
    counts = Counter(w for w in widths if w > 1)
    if not counts:
        return 0, 1
    width, rows = max(counts.items(), key=lambda item: (item[1], item[0]))
    return rows, width


def sniff_delimiter(text: str) -> str:
    """The separator that makes the most rows of one width (a comma when nothing fits)."""
    best = max(DELIMITERS, key=lambda d: _width_score(text, d))
    return best if _width_score(text, best)[1] > 1 else ","


def read_rows(data: bytes) -> tuple[list[list[str]], str, str]:
    """The rows of a CSV export, the encoding it was in and its separator."""
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows, encoding, delimiter
