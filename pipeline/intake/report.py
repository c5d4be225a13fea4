"""What an import did, column by column, in words a clerk can check against the sheet."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pipeline.i18n import LRI, PDI, SOURCE_LANG, Clerk, Text, clerk_gettext
from pipeline.intake.cells import ROWS_SHOWN, Change
from pipeline.intake.errors import Message


@dataclass(frozen=True)
class ColumnReport:
    """One column of the sheet (or one schema column the sheet lacks) and what became of it."""

    letter: str  # "" for a schema column the sheet has no column for
    label: str
    field: str | None  # None: left out with --drop
    how: Message
    changes: dict[str, Change] = dataclasses.field(default_factory=dict)
    unread: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    counted: list[tuple[Message, int]] = dataclasses.field(default_factory=list)  # kind, cells


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
    read_as: Message
    header_row: int  # spreadsheet row of the header (1-based)
    target: str
    columns: list[ColumnReport] = dataclasses.field(default_factory=list)
    rows: int = 0
    empty_rows: list[int] = dataclasses.field(default_factory=list)
    total_rows: list[int] = dataclasses.field(default_factory=list)
    filtered_rows: list[int] = dataclasses.field(default_factory=list)
    filtered_why: Message = ""
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


def _rows(clerk: Clerk, rows: list[int] | list[str], limit: int = ROWS_SHOWN) -> Text:
    """'4, 9, 12 … and 3 more': the first rows (or ids) of a list, and how many others."""
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) > limit:
        return clerk.gettext("%(rows)s … and %(more)s more", rows=shown, more=len(rows) - limit)
    return clerk.isolate(shown)


def _count(clerk: Clerk, count: int) -> Text:
    return clerk.ngettext("%(num)s row", "%(num)s rows", count, num=clerk.number(count))


def _cells(clerk: Clerk, count: int) -> Text:
    return clerk.ngettext("%(num)s cell", "%(num)s cells", count, num=clerk.number(count))


def _visible(text: str) -> int:
    """The width of text in a terminal: the marks that keep data in order take no room."""
    return len(text) - text.count(LRI) - text.count(PDI)


def text(report: Report, lang: str = SOURCE_LANG) -> str:
    """The report as printed after an import, in ``lang``."""
    clerk = clerk_gettext(lang)
    _ = clerk.gettext
    out: list[str] = [
        _(
            "Read %(source)s, sheet '%(sheet)s' (%(read_as)s): header in row %(header_row)s, "
            "%(rows)s of data.",
            source=report.source,
            sheet=report.sheet,
            read_as=report.read_as,
            header_row=report.header_row,
            rows=_count(clerk, report.rows),
        ),
    ]
    if report.profile:
        out.append(_("Profile: %(path)s.", path=report.profile))
    out += ["", _("Columns (sheet → %(table)s):", table=report.target)]
    arrow = "←" if clerk.right_to_left else "→"
    places = {
        id(c): clerk.isolate(f"{c.letter} '{c.label}'") if c.letter else _("(no such column)")
        for c in report.columns
    }
    width = max((_visible(places[id(c)]) + 1 for c in report.columns if c.letter), default=4)
    for column in report.columns:
        where = places[id(column)]
        where = Text(where + " " * max(width - _visible(where), 0))
        how = clerk.value(column.how)
        if column.field is None:
            out.append(f"  {where} " + _("left out (%(how)s)", how=how))
            continue
        out.append(f"  {where} {arrow} {clerk.isolate(column.field)} ({how})")
        for kind, count in column.counted:
            if count:
                out.append(f"      {_cells(clerk, count)}: {clerk.value(kind)}")
        for change in column.changes.values():
            example = _(
                "(row %(row)s: '%(before)s' → '%(after)s')",
                row=change.row,
                before=change.before,
                after=change.after,
            )
            out.append(f"      {_cells(clerk, change.count)}: {clerk.value(change.kind)} {example}")
        if column.unread:
            rows = [r for r, _value in column.unread]
            out.append(
                "      "
                + clerk.ngettext(
                    "%(num)s cell left as it was, not readable as %(column)s: row %(rows)s "
                    "(first: '%(first)s'). The check will show them; correct them in the sheet.",
                    "%(num)s cells left as they were, not readable as %(column)s: row %(rows)s "
                    "(first: '%(first)s'). The check will show them; correct them in the sheet.",
                    len(rows),
                    num=clerk.number(len(rows)),
                    column=column.field,
                    rows=_rows(clerk, rows),
                    first=column.unread[0][1],
                )
            )
    if report.empty_rows or report.total_rows or report.filtered_rows:
        out.append("")
    if report.empty_rows:
        out.append(
            _(
                "Empty rows left out: %(num)s (row %(rows)s).",
                num=len(report.empty_rows),
                rows=_rows(clerk, report.empty_rows),
            )
        )
    if report.total_rows:
        out.append(
            _(
                "Total rows left out: %(num)s (row %(rows)s): the site adds up the rows itself.",
                num=len(report.total_rows),
                rows=_rows(clerk, report.total_rows),
            )
        )
    if report.filtered_rows:
        out.append(
            _(
                "Rows left out by the profile's %(keep)s: %(num)s (row %(rows)s): %(why)s.",
                keep="[keep]",
                num=len(report.filtered_rows),
                rows=_rows(clerk, report.filtered_rows),
                why=report.filtered_why,
            )
        )
    out.append("")
    for result in report.files:
        out.extend(_file_lines(clerk, result))
    return "\n".join(out) + "\n"


def _file_lines(clerk: Clerk, result: FileResult) -> list[str]:
    _, ngettext = clerk
    out: list[str] = []
    if result.new_table:
        out.append(
            _(
                "Added the table %(table)s to its %(descriptor)s.",
                table=result.target,
                descriptor="datapackage.json",
            )
        )
    if result.outcome == "unchanged" and result.already_there:
        out.append(
            ngettext(
                "The %(num)s row is already in %(file)s: nothing to change.",
                "All %(num)s rows are already in %(file)s: nothing to change.",
                result.already_there,
                num=clerk.number(result.already_there),
                file=result.out,
            )
        )
    elif result.outcome == "unchanged":
        out.append(_("%(file)s already holds exactly this: nothing to change.", file=result.out))
    elif result.outcome == "appended":
        done: list[Text] = []
        if result.added or not result.updated:
            done.append(
                ngettext(
                    "added %(num)s row",
                    "added %(num)s rows",
                    result.added,
                    num=clerk.number(result.added),
                )
            )
        if result.updated:
            done.append(
                ngettext(
                    "replaced %(num)s row with the sheet's version (%(ids)s)",
                    "replaced %(num)s rows with the sheet's version (%(ids)s)",
                    len(result.updated),
                    num=clerk.number(len(result.updated)),
                    ids=_rows(clerk, result.updated),
                )
            )
        if result.already_there:
            done.append(
                ngettext(
                    "left %(num)s row already there as they were",
                    "left %(num)s rows already there as they were",
                    result.already_there,
                    num=clerk.number(result.already_there),
                )
            )
        between = "؛ " if clerk.right_to_left else "; "
        out.append(
            ngettext(
                "Updated %(file)s: %(done)s. It now has %(num)s row.",
                "Updated %(file)s: %(done)s. It now has %(num)s rows.",
                result.rows_in_file,
                file=result.out,
                done=Text(between.join(done)),
                num=clerk.number(result.rows_in_file),
            )
        )
    else:
        out.append(
            # Translators: the English says "rows" for one row too (tests pin it).
            ngettext(
                "Wrote %(file)s: %(num)s rows.",
                "Wrote %(file)s: %(num)s rows.",
                result.rows_in_file,
                file=result.out,
                num=clerk.number(result.rows_in_file),
            )
        )
    for column, (first, last) in result.made_ids.items():
        if first and result.outcome != "unchanged":
            span = first if first == last else f"{first} … {last}"
            out.append(
                "  "
                + _(
                    "%(column)s made by the profile's counter (the source has none): %(span)s.",
                    column=column,
                    span=span,
                )
            )
    if result.look_repeated:
        out.append(
            "  "
            + ngettext(
                "%(num)s row have the same values as rows already in the file (only the made id "
                "differs): check that they are not the same payment twice.",
                "%(num)s rows have the same values as rows already in the file (only the made id "
                "differs): check that they are not the same payment twice.",
                result.look_repeated,
                num=clerk.number(result.look_repeated),
            )
        )
    return out


def in_sheet(
    report: Report, problems: list[tuple[str, Path, int, str | None]], lang: str = SOURCE_LANG
) -> str:
    """Where problems the check found in the written files are in the clerk's own sheet.

    ``problems`` are (title, file, file row, column name), the title in English (a message id
    of the validator); those in rows that came from the sheet are listed by the sheet's row
    and column, so they can be fixed there.
    """
    clerk = clerk_gettext(lang)
    _ = clerk.gettext
    by_file = {r.out.resolve(): r for r in report.files}
    shown = []
    several = len(report.files) > 1
    for title, path, row, column in sorted(problems, key=lambda p: (str(p[1]), p[2], p[3] or "")):
        result = by_file.get(path.resolve())
        if result is None or row not in result.sheet_rows:
            continue
        said = {"row": result.sheet_rows[row], "title": _(title), "file_row": row}
        at = report.sheet_columns.get(column or "")
        if at is not None and several:
            line = _(
                "row %(row)s, column %(column)s: %(title)s (row %(file_row)s of %(file)s)",
                column=at,
                file=result.out.name,
                **said,
            )
        elif at is not None:
            line = _(
                "row %(row)s, column %(column)s: %(title)s (row %(file_row)s of the file)",
                column=at,
                **said,
            )
        elif several:
            line = _(
                "row %(row)s: %(title)s (row %(file_row)s of %(file)s)",
                file=result.out.name,
                **said,
            )
        else:
            line = _("row %(row)s: %(title)s (row %(file_row)s of the file)", **said)
        shown.append(f"  {line}")
    if not shown:
        return ""
    head = _(
        "In your sheet '%(sheet)s' (%(source)s), fix:", sheet=report.sheet, source=report.source
    )
    return "\n".join([head, *shown]) + "\n"
