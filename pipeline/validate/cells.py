"""Checking every cell of a column against its Table Schema field, column-wise.

Each cell is decided in one of two ways. A vectorised fast path (pyarrow compute) accepts the
cells it can prove valid: it only accepts forms that frictionless also accepts. Every other cell
goes to frictionless's own field reader, which gives the final word. So the findings are those
of frictionless, at the speed of a column engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import frictionless
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.i18n import Localized, Phrase
from pipeline.i18n import lazy_gettext as _
from pipeline.validate import hints
from pipeline.validate.findings import Finding, Param, group

#: How many distinct bad values of one finding get a personal hint.
HINTED_VALUES = 50

_DATE = r"[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
_OFFSET = r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])"
FAST_DATE = f"^{_DATE}$"
FAST_DATETIME = f"^{_DATE}T{_TIME}{_OFFSET}$"
FAST_INTEGER = r"^-?[0-9]{1,18}$"
FAST_NUMBER = r"^-?[0-9]{1,13}(\.[0-9]{1,2})?$"  # exact as float64, so bounds compare exactly
DATETIME_FORMATS = ("default", "%Y-%m-%dT%H:%M:%S%z")
# Regex features whose meaning differs between RE2 (the fast path) and Python's re.
_UNSAFE_PATTERN = ("\\D", "\\W", "\\S", "\\b", "\\B", "[^", "(?")
_CONSTRAINT_CODES = {
    "required": "missing-value",
    "pattern": "wrong-format",
    "enum": "not-in-list",
    "minimum": "below-minimum",
    "exclusiveMinimum": "below-minimum",
    "maximum": "above-maximum",
    "exclusiveMaximum": "above-maximum",
}
_TYPE_CODES = {
    "date": "bad-date",
    "datetime": "bad-datetime",
    "number": "bad-number",
    "integer": "bad-integer",
}


@dataclass
class Column:
    """The outcome of checking one column."""

    findings: list[Finding]
    present: np.ndarray  # cell holds a value (not a missing value)
    valid: np.ndarray  # cell is present and passed every check
    parsed: np.ndarray | None = None  # datetime64 values for date/datetime fields, NaT if not
    distinct: tuple[pa.Array, np.ndarray] | None = None  # see distinct_values


def mask(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


def _matches(column: pa.ChunkedArray, pattern: str) -> np.ndarray:
    return mask(pc.fill_null(pc.match_substring_regex(column, pattern), False))


_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _real_days(column: pa.ChunkedArray, shape: np.ndarray) -> np.ndarray:
    """Whether text of the right shape (YYYY-MM-DD…) names a day that exists (no 2025-02-29)."""
    text = pc.if_else(pa.array(shape), column, "2000-01-01")

    def part(start: int, stop: int) -> np.ndarray:
        piece = pc.cast(pc.utf8_slice_codeunits(text, start, stop), pa.int32())
        return np.asarray(piece.to_numpy(zero_copy_only=False))

    year, month, day = part(0, 4), part(5, 7), part(8, 10)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return shape & (day <= _DAYS_IN_MONTH[month] + ((month == 2) & leap))


def distinct_values(
    column: pa.ChunkedArray, sample: int = 10_000
) -> tuple[pa.Array, np.ndarray] | None:
    """A column's distinct values and each row's index into them, when there are few.

    Council data repeats itself (codes, dates, names): checking each distinct value once is
    much cheaper. Columns of mostly unique values (ids) are left alone: encoding them costs more
    than it saves.
    """
    if len(column) < 2 * sample:
        return None
    head = column.slice(0, sample)
    if pc.count_distinct(head).as_py() > sample // 4:
        return None
    encoded = pc.dictionary_encode(column).unify_dictionaries()
    if encoded.num_chunks == 0:
        return None
    uniques = encoded.chunk(0).dictionary
    indices = np.concatenate(
        [np.asarray(c.indices.to_numpy(zero_copy_only=False)) for c in encoded.chunks]
    )
    return uniques, indices.astype(np.int64, copy=False)


def _fast(field: frictionless.Field, column: pa.ChunkedArray) -> tuple[np.ndarray, Any]:
    """Cells the fast path proves valid for the field's type, and their values."""
    n = len(column)
    kind, fmt = field.type, getattr(field, "format", "default")
    if kind == "string" and fmt == "default":
        return np.ones(n, dtype=bool), column
    if kind == "integer" and field.bare_number:  # type: ignore[attr-defined]
        ok = _matches(column, FAST_INTEGER)
        values = pc.cast(pc.if_else(pa.array(ok), column, "0"), pa.int64())
        return ok, values
    if kind == "number" and not getattr(field, "float_number", False):
        text = column
        group_char = getattr(field, "group_char", "")
        decimal_char = getattr(field, "decimal_char", ".")
        if not field.bare_number or decimal_char != ".":  # type: ignore[attr-defined]
            return np.zeros(n, dtype=bool), None
        if group_char and field.has_defined("group_char"):
            text = pc.replace_substring(column, group_char, "")
        ok = _matches(text, FAST_NUMBER)
        values = pc.cast(pc.if_else(pa.array(ok), text, "0"), pa.float64())
        return ok, values
    if kind == "date" and fmt == "default":
        ok = _real_days(column, _matches(column, FAST_DATE))
        days = pc.cast(pc.if_else(pa.array(ok), column, "2000-01-01"), pa.date32())
        return ok, days
    if kind == "datetime" and fmt in DATETIME_FORMATS:
        ok = _real_days(column, _matches(column, FAST_DATETIME))
        text = pc.if_else(pa.array(ok), column, "2000-01-01T00:00:00+00:00")
        return ok, pc.cast(text, pa.timestamp("s", tz="UTC"))
    return np.zeros(n, dtype=bool), None


def _fast_constraints(
    field: frictionless.Field, column: pa.ChunkedArray, values: Any, ok: np.ndarray
) -> np.ndarray:
    """Narrow ``ok`` to cells that also meet every constraint (else they go the slow way)."""
    for name, constraint in field.constraints.items():
        if name in ("required", "unique"):
            continue
        if name == "pattern" and field.type == "string":
            if any(token in constraint for token in _UNSAFE_PATTERN):
                return np.zeros(len(column), dtype=bool)
            ok = ok & _matches(column, f"^(?:{constraint})$")
        elif name == "enum" and field.type == "string":
            ok = ok & mask(pc.is_in(column, value_set=pa.array([str(v) for v in constraint])))
        elif name in ("minLength", "maxLength") and field.type == "string":
            length = pc.utf8_length(column)
            test = pc.greater_equal if name == "minLength" else pc.less_equal
            ok = ok & mask(test(length, int(constraint)))
        elif (
            name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
            and field.type in ("integer", "number")
            and isinstance(constraint, int | float)
        ):
            test = {
                "minimum": pc.greater_equal,
                "maximum": pc.less_equal,
                "exclusiveMinimum": pc.greater,
                "exclusiveMaximum": pc.less,
            }[name]
            ok = ok & mask(pc.fill_null(test(values, constraint), False))
        else:
            return np.zeros(len(column), dtype=bool)
    return ok


def _to_datetime64(value: Any, kind: str) -> np.datetime64:
    if kind == "date" and isinstance(value, date):
        return np.datetime64(value.isoformat(), "s")
    if kind == "datetime" and isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return np.datetime64(value.replace(microsecond=0).isoformat(), "s")
    return np.datetime64("NaT")


def _hint(field: frictionless.Field, code: str, value: str) -> dict[str, Param]:
    suggestion: Phrase | None = None
    if code == "bad-date":
        suggestion = hints.date_hint(value)
    elif code == "bad-datetime":
        suggestion = hints.datetime_hint(value)
    elif code in ("bad-number", "bad-integer"):
        negative_ok = not {"minimum", "exclusiveMinimum"} & set(field.constraints)
        suggestion = hints.number_hint(value, getattr(field, "group_char", ","), negative_ok)
    elif code == "not-in-list":
        allowed = [str(v) for v in field.constraints["enum"]]
        suggestion = hints.choice_hint(value, allowed, optional=not field.required)
    elif code == "wrong-format" and field.name == "fiscal_year":
        suggestion = hints.fiscal_year_hint(value)
    elif code == "wrong-format" and hints.is_source_id(field.constraints.get("pattern")):
        return dict(hints.source_id_hint(value))
    elif code == "wrong-format":
        suggestion = hints.pattern_hint(value, str(field.constraints.get("pattern", "")))
    elif code == "below-minimum" and value.strip().startswith(("-", "(")):
        suggestion = hints.negative_hint()
    return {"suggestion": suggestion} if suggestion else {}


#: Table Schema types (and string formats) in a clerk's words, in "not a valid …"; others are
#: shown as the schema names them.
TYPE_NAMES = {
    "string (email)": _("e-mail address"),
    "string (uri)": _("web address (URI)"),
    "string (uuid)": _("UUID code"),
    "boolean": _("true or false value"),
    "year": _("year (such as 2024)"),
    "yearmonth": _("year and month (such as 2024-07)"),
    "time": _("time of day (such as 14:30:00)"),
    "duration": _("duration (such as P3D for three days)"),
    "geopoint": _("map point (longitude, latitude)"),
    "geojson": _("GeoJSON shape"),
    "object": _("JSON object"),
    "array": _("JSON list"),
}


def field_params(field: frictionless.Field) -> dict[str, Param]:
    """Template parameters describing a field, for messages about it."""
    constraints = field.constraints
    example = getattr(field, "example", None)
    if example is None and field.type == "date":
        example = "2024-12-31"
    kind = f"{field.type}" + (f" ({field.format})" if field.format != "default" else "")
    titles = {"en": field.title or field.name}
    titles.update(
        {k[len("title_") :]: str(v) for k, v in field.custom.items() if k.startswith("title_")}
    )
    params: dict[str, Param] = {
        "title": Localized(titles),
        "example": "" if example is None else str(example),
        "type": TYPE_NAMES.get(kind, kind),
    }
    if "enum" in constraints:
        params["allowed"] = ", ".join(str(v) for v in constraints["enum"])
    for name in ("minimum", "maximum"):
        if name in constraints:
            params[name] = str(constraints[name])
    if "exclusiveMinimum" in constraints:
        limit = str(constraints["exclusiveMinimum"])
        params["minimum"] = _("more than %(limit)s", limit=limit)
    if "exclusiveMaximum" in constraints:
        limit = str(constraints["exclusiveMaximum"])
        params["maximum"] = _("less than %(limit)s", limit=limit)
    return params


def check_column(
    field: frictionless.Field,
    column: pa.ChunkedArray,
    rows: np.ndarray,
    file: str,
    column_index: int,
    missing_values: Sequence[str],
) -> Column:
    """Check one column against its field; every failing cell becomes part of a finding."""
    n = len(column)
    present = ~mask(pc.is_in(column, value_set=pa.array(list(missing_values), pa.string())))
    distinct = distinct_values(column)
    if distinct is None:
        ok, values = _fast(field, column)
        ok = _fast_constraints(field, column, values, ok)
    else:  # decide each distinct value once, then spread the verdicts over the rows
        uniques, indices = distinct
        ok_u, values_u = _fast(field, uniques)
        ok = _fast_constraints(field, uniques, values_u, ok_u)[indices]
        values = None
        if values_u is not None and field.type in ("date", "datetime"):
            values = values_u.to_numpy(zero_copy_only=False)[indices]
    ok &= present

    by_code: dict[str, list[int]] = defaultdict(list)
    constraint_text: dict[str, str] = {}
    if field.required:
        for index in np.flatnonzero(~present):
            by_code["missing-value"].append(int(index))

    parsed: np.ndarray | None = None
    if field.type in ("date", "datetime"):
        parsed = np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
        if values is not None:
            if not isinstance(values, np.ndarray):
                values = values.to_numpy(zero_copy_only=False)
            parsed[ok] = values.astype("datetime64[s]")[ok]

    slow = np.flatnonzero(present & ~ok)
    if len(slow):
        reader = field.create_cell_reader()
        slow_values = column.take(pa.array(slow)).to_pylist()
        verdicts: dict[str, tuple[Any, dict[str, str] | None]] = {}
        for value in set(slow_values):
            try:
                verdicts[value] = reader(value)
            except Exception:  # a cell frictionless itself cannot read is not of this type
                verdicts[value] = (None, {"type": "unreadable"})
        for index, value in zip(slow, slow_values, strict=True):
            result, notes = verdicts[value]
            if not notes:
                ok[index] = True
                if parsed is not None:
                    parsed[index] = _to_datetime64(result, field.type)
                continue
            if "type" in notes:
                by_code[_TYPE_CODES.get(field.type, "bad-value")].append(int(index))
                continue
            for name in notes:
                code = _CONSTRAINT_CODES.get(name, "constraint-failed")
                if code == "constraint-failed":
                    constraint_text[code] = f"{name} = {field.constraints.get(name)}"
                by_code[code].append(int(index))

    findings = []
    params = field_params(field)
    for code, indexes in by_code.items():
        taken = np.asarray(indexes[:1000], dtype=np.int64)
        sample = column.take(pa.array(taken)).to_pylist() if len(taken) else []
        value_params: dict[str, dict[str, Param]] = {}
        for value in dict.fromkeys(sample):
            if len(value_params) >= HINTED_VALUES:
                break
            value_params[value] = _hint(field, code, value)
        finding_params: dict[str, Param] = dict(params)
        if code in constraint_text:
            finding_params["constraint"] = constraint_text[code]
        findings.append(
            group(
                code,
                file,
                field.name,
                column_index,
                rows[taken],
                sample,
                len(indexes),
                finding_params,
                value_params,
            )
        )
    return Column(findings, present, ok & present, parsed, distinct)
