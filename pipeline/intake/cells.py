"""Rewriting one column's cells as its schema field wants them, noting every change."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from pipeline.i18n import N_, Phrase
from pipeline.i18n import lazy_gettext as _
from pipeline.intake import dates, numbers
from pipeline.intake.errors import IntakeError, Message
from pipeline.intake.sheets import Cell
from pipeline.intake.target import Field

#: Rows of a column whose values could not be read, listed in the report before "… and N more".
ROWS_SHOWN = 5


@dataclass
class Change:
    """One kind of change in a column: how many cells, and the first one as an example."""

    count: int
    row: int
    before: str
    after: str
    kind: Message = ""  # what the change is, in the report's words


@dataclass
class Column:
    """A column rewritten: its new cells, what changed, and what could not be read."""

    values: list[str]
    changes: dict[str, Change] = field(default_factory=dict)  # English of the kind -> change
    unread: list[tuple[int, str]] = field(default_factory=list)  # (row, text) left as it was

    def note(self, kind: Message, row: int, before: str, after: str) -> None:
        key = str(kind)
        if key in self.changes:
            self.changes[key].count += 1
        else:
            self.changes[key] = Change(1, row, before, after, kind)


#: How a value was written in the sheet (see dates.read and numbers.read_amount), as the report
#: says it. The keys are the English the reading functions return.
FORMS: dict[str, Phrase] = {
    "date cell": _("date cell"),
    "Excel date number": _("Excel date number"),
    "year/month/day": _("year/month/day"),
    "day/month/year": _("day/month/year"),
    "month/day/year": _("month/day/year"),
    "day month-name year": _("day month-name year"),
    "month-name day, year": _("month-name day, year"),
    "date-and-time cell": _("date-and-time cell"),
}
STEPS: dict[str, Phrase] = {
    "Urdu or Arabic digits": _("Urdu or Arabic digits"),
    "'Rs.' or '/-'": _("%(rs)s or %(dash)s", rs="'Rs.'", dash="'/-'"),
    "brackets for a negative amount": _("brackets for a negative amount"),
    "digit grouping commas": _("digit grouping commas"),
    "leading or trailing zeros": _("leading or trailing zeros"),
    "trailing zeros": _("trailing zeros"),
}
#: "removed …" with one to five of the STEPS taken off a number.
REMOVED = (
    N_("removed %(first)s"),
    N_("removed %(first)s and %(second)s"),
    N_("removed %(first)s and %(second)s and %(third)s"),
    N_("removed %(first)s and %(second)s and %(third)s and %(fourth)s"),
    N_("removed %(first)s and %(second)s and %(third)s and %(fourth)s and %(fifth)s"),
)
_PLACES = ("first", "second", "third", "fourth", "fifth")


def _form(name: str) -> Message:
    return FORMS.get(name, name)


def _removed(steps: list[str]) -> Message:
    said = [STEPS.get(step, step) for step in steps]
    if not 1 <= len(said) <= len(REMOVED):
        return "removed " + " and ".join(map(str, said))  # not reached: read_amount's steps
    return Phrase(REMOVED[len(said) - 1], dict(zip(_PLACES, said, strict=False)))


@dataclass(frozen=True)
class Options:
    """Choices the clerk made on the command line, and the local time zone."""

    dates: str | None = None  # dates.DAY_FIRST or dates.MONTH_FIRST
    offset: str = "+05:00"
    missing: tuple[str, ...] = ("-", "N/A", "n/a", "nil")  # the schema's words for "nothing"


def shown(cell: Cell) -> str:
    """A cell as text, the way it appears in the report."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time(0) else cell.isoformat(sep=" ")
    return str(cell)


def _text(cell: Cell) -> str:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, int | float):
        return numbers.from_cell(cell)
    if isinstance(cell, datetime):
        if cell.time() == time(0):
            return cell.date().isoformat()
        return cell.isoformat(timespec="seconds")
    return shown(cell)


def _order(name: str, rows: list[int], cells: list[Cell], wanted: str | None) -> str:
    """How to read this column's nn/nn/yyyy dates; refuse when the data does not say."""
    found = [
        (row, str(c).strip(), parts)
        for row, c in zip(rows, cells, strict=True)
        if isinstance(c, str) and (parts := dates.numeric_parts(c))
    ]
    if not found:
        return wanted or dates.DAY_FIRST
    pairs = [parts for _, _, parts in found]
    possible = dates.possible_orders(pairs)
    if wanted:
        if wanted not in possible:
            bad = next(
                (row, text)
                for row, text, parts in found
                if wanted not in dates.possible_orders([parts])
            )
            raise IntakeError(
                _(
                    "Column '%(column)s': with %(option)s, '%(value)s' (row %(row)s) is not a "
                    "real date. Check that cell, or the %(dates)s choice.",
                    column=name,
                    option=f"--dates {wanted}",
                    value=bad[1],
                    row=bad[0],
                    dates="--dates",
                )
            )
        return wanted
    if not possible:
        day = next((r, t) for r, t, p in found if dates.possible_orders([p]) == {dates.DAY_FIRST})
        month = next(
            (r, t) for r, t, p in found if dates.possible_orders([p]) == {dates.MONTH_FIRST}
        )
        raise IntakeError(
            _(
                "Column '%(column)s' mixes dates written day first ('%(day)s', row %(day_row)s) "
                "and month first ('%(month)s', row %(month_row)s). Make them all the same in the "
                "sheet (best: year-month-day, %(format)s), then import again.",
                column=name,
                day=day[1],
                day_row=day[0],
                month=month[1],
                month_row=month[0],
                format="Format Cells → Custom → yyyy-mm-dd",
            )
        )
    if dates.is_ambiguous(pairs):
        row, text, (a, b, year) = next(f for f in found if f[2][0] != f[2][1])
        raise IntakeError(
            _(
                "Column '%(column)s': dates like '%(value)s' (row %(row)s) can be read two ways, "
                "%(day_first)s (day first) or %(month_first)s (month first), and no date in the "
                "column settles it. Say which: add %(day_option)s (as in Pakistan: %(example)s "
                "is 3 April) or %(month_option)s.",
                column=name,
                value=text,
                row=row,
                day_first=date(year, b, a).isoformat(),
                month_first=date(year, a, b).isoformat(),
                day_option="--dates day-first",
                example="03/04/2024",
                month_option="--dates month-first",
            )
        )
    return next(iter(possible)) if len(possible) == 1 else dates.DAY_FIRST


def _date_cell(cell: Cell, order: str) -> tuple[str, Message] | None:
    """A date cell as YYYY-MM-DD, and how it was written; None if it is not a date."""
    if isinstance(cell, datetime):
        if cell.time() != time(0):
            return None
        return cell.date().isoformat(), _form("date cell")
    if isinstance(cell, date):
        return cell.isoformat(), _form("date cell")
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        day = dates.serial(cell)
        return (day.isoformat(), _form("Excel date number")) if day else None
    reading = dates.read(str(cell), order)
    if reading is None or (reading.clock not in (None, (0, 0, 0))):
        return None
    return reading.day.isoformat(), _form(reading.form)


def _datetime_cell(cell: Cell, order: str, offset: str) -> tuple[str, Message] | None:
    if isinstance(cell, datetime):
        zone = cell.strftime("%z")
        zone = zone[:3] + ":" + zone[3:] if zone else offset
        clock = (cell.hour, cell.minute, cell.second)
        return dates.iso_datetime(cell.date(), clock, zone), _form("date-and-time cell")
    if isinstance(cell, int | float | date | bool | time):
        return None
    reading = dates.read(str(cell), order)
    if reading is None or reading.clock is None:
        return None
    form = _form(reading.form)
    if reading.offset:
        said = _("%(form)s with a time", form=form)
    else:
        said = _("%(form)s with a time, Pakistan time added", form=form)
    return dates.iso_datetime(reading.day, reading.clock, reading.offset or offset), said


NUMBER_CELL = "number cell"
UNCHANGED = "unchanged"


def _number_cell(cell: Cell, integer: bool) -> tuple[str, Message] | None:
    if isinstance(cell, bool | date | time):
        return None
    if isinstance(cell, int | float):
        text = numbers.from_cell(cell)
        if integer and not re.fullmatch(r"-?\d+", text):
            return None
        return text, NUMBER_CELL
    got = numbers.read_amount(str(cell))
    if got is None or (integer and not re.fullmatch(r"-?\d+", got[0])):
        return None
    return got[0], _removed(got[1]) if got[1] else UNCHANGED


def _choice(text: str, options: tuple[str, ...]) -> str | None:
    """'Direct Purchase' as 'direct_purchase' when exactly one allowed value fits."""
    key = "_".join(re.sub(r"[\s\-]+", " ", text.strip().lower()).split())
    fits = [o for o in options if o.lower() == key]
    return fits[0] if len(fits) == 1 else None


def _fits(pattern: str, text: str) -> bool:
    try:
        return re.fullmatch(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot read is the validator's business


def _string_cell(cell: Cell, f: Field) -> tuple[str, Message]:
    text = _text(cell)
    if f.enum and text not in f.enum and (choice := _choice(text, f.enum)):
        return choice, _("written exactly as the allowed value")
    if f.pattern and not _fits(f.pattern, text):
        for candidate in (text.upper(), text.lower()):
            if candidate != text and _fits(f.pattern, candidate):
                return candidate, _("capital or small letters as the code needs")
    if isinstance(cell, str) or cell is None:
        return text, UNCHANGED
    if isinstance(cell, date):
        return text, _("date cell written as text")
    return text, _("number cell written as text")


def convert(f: Field, rows: list[int], cells: list[Cell], options: Options) -> Column:
    """Rewrite a column's cells for field ``f``; ``rows`` are their spreadsheet rows."""
    order = dates.DAY_FIRST
    if f.type in ("date", "datetime"):
        order = _order(f.name, rows, cells, options.dates)
    column = Column([])
    for row, cell in zip(rows, cells, strict=True):
        before = shown(cell)
        if isinstance(cell, str) and cell != cell.strip():
            column.note(_("spaces around the value removed"), row, before, cell.strip())
            cell = cell.strip()
        if cell is None or cell == "":
            column.values.append("")
            continue
        if isinstance(cell, str) and cell in options.missing:
            column.note(
                _("'%(value)s' (nothing) written as an empty cell", value=cell), row, before, ""
            )
            column.values.append("")
            continue
        if f.type == "date":
            got = _date_cell(cell, order)
        elif f.type == "datetime":
            got = _datetime_cell(cell, order, options.offset)
        elif f.type in ("number", "integer"):
            got = _number_cell(cell, f.type == "integer")
        else:
            got = _string_cell(cell, f)
        if got is None:
            column.unread.append((row, before))
            column.values.append(_text(cell))
            continue
        value, how = got
        column.values.append(value)
        if value != before and how != UNCHANGED:
            column.note(_label(f, how), row, before, value)
    return column


def _label(f: Field, how: Message) -> Message:
    """What a kind of change is called in the report."""
    if f.type == "date":
        return _("%(form)s written as %(iso)s", form=how, iso="YYYY-MM-DD")
    if f.type == "datetime":
        return _("%(form)s written as %(iso)s", form=how, iso="YYYY-MM-DDThh:mm:ss+hh:mm")
    if how == NUMBER_CELL:
        return _("number cell written as plain digits")
    return how
