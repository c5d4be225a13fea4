"""Values a profile supplies: source values turned into codes, fiscal years, made ids."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone

from pipeline.i18n import Text
from pipeline.i18n import lazy_gettext as _
from pipeline.intake.errors import IntakeError, Joined, Message, lines
from pipeline.intake.headers import normal
from pipeline.intake.profile import YEAR_PLACEHOLDER, Counter
from pipeline.intake.sheets import Cell

#: A crosswalk key meaning "every value not listed"; it is used only when written out.
ANY_OTHER = "*"
#: Distinct unmapped values listed before "… and N more".
VALUES_SHOWN = 8


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell == int(cell):
        return str(int(cell))
    return str(cell).strip()


def crosswalk(
    column: str,
    where: str,
    rows: list[int],
    cells: list[Cell],
    table: dict[str, str],
    profile: Message,
) -> tuple[list[Cell], int]:
    """``cells`` with each source value replaced by its code, and how many were replaced.

    Values are compared as written, then loosely (capitals and spaces do not count); an empty
    cell stays empty unless the crosswalk lists ``""``. A value the crosswalk lacks stops the
    import with the lines to add to the profile.
    """
    loose = {normal(k): v for k, v in table.items() if k != ANY_OTHER}
    out: list[Cell] = []
    missing: dict[str, list[int]] = {}
    replaced = 0
    for row, cell in zip(rows, cells, strict=True):
        text = _text(cell)
        if text == "" and "" not in table:
            out.append(cell)
            continue
        code = table.get(text)
        if code is None:
            code = loose.get(normal(text)) if text else None
        if code is None:
            code = table.get(ANY_OTHER)
        if code is None:
            missing.setdefault(text, []).append(row)
            out.append(cell)
            continue
        out.append(code)
        replaced += 1
    if missing:
        listed = list(missing.items())[:VALUES_SHOWN]
        more = len(missing) - len(listed)
        said: list[Message] = [
            _(
                "Column %(where)s → %(column)s: %(num)s value(s) have no code in the crosswalk of "
                "%(profile)s. Add them under %(section)s there (or give each with %(option)s), "
                "writing the code each one is:",
                where=where,
                column=column,
                num=len(missing),
                profile=profile,
                section=f"[crosswalk.{column}]",
                option=f'--map "{column}:VALUE=CODE"',
            )
        ]
        for value, found in listed:
            rows_text = ", ".join(str(r) for r in found[:3]) + (" …" if len(found) > 3 else "")
            line = f'{json.dumps(value, ensure_ascii=False)} = "CODE"'
            said.append(
                Joined((Text("  "), line, Text("   # "), _("row %(rows)s", rows=rows_text)), "")
            )
        if more > 0:
            said.append(Joined((Text("  "), _("… and %(num)s more", num=more)), ""))
        raise IntakeError(lines(*said))
    return out, replaced


def fiscal_year(day: date, start_month: int) -> str:
    """2025-06-30 is in 2024-25 and 2025-07-01 in 2025-26 when the year starts in July."""
    start = day.year if day.month >= start_month else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    hours, _, minutes = text.lstrip("+-").partition(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))


def fiscal_year_of(value: str, start_month: int, offset: str) -> str:
    """The fiscal year of an ISO date or date-and-time (in local time, ``offset``); "" when
    the value is not one."""
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                moment = moment.astimezone(_offset(offset))
            return fiscal_year(moment.date(), start_month)
        return fiscal_year(date.fromisoformat(value), start_month)
    except ValueError:
        return ""


def prefix_for(counter: Counter, year: str) -> str:
    return counter.prefix.replace(YEAR_PLACEHOLDER, year)


def next_numbers(existing: list[str], prefix: str) -> int:
    """The first number a new id with ``prefix`` may have: after every one already used."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    used = [int(m.group(1)) for v in existing if (m := pattern.fullmatch(v))]
    return max(used, default=0) + 1


def make_ids(counter: Counter, years: list[str], existing: list[str]) -> list[str]:
    """Ids for new rows (``years`` is each row's fiscal year), counting on after ``existing``."""
    start: dict[str, int] = {}
    out = []
    for year in years:
        prefix = prefix_for(counter, year)
        if prefix not in start:
            start[prefix] = next_numbers(existing, prefix)
        out.append(f"{prefix}{start[prefix]:0{counter.digits}d}")
        start[prefix] += 1
    return out
