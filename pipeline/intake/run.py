"""The import itself: spreadsheet in, the resource's CSV out, and a report of every change."""

from __future__ import annotations

import re
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.i18n import Text
from pipeline.i18n import lazy_gettext as _
from pipeline.i18n import lazy_ngettext as ngettext
from pipeline.intake import headers, numbers, output, values
from pipeline.intake.cells import Options, convert
from pipeline.intake.errors import IntakeError, Joined, Message, UsageError, lines
from pipeline.intake.profile import Profile, check
from pipeline.intake.report import ColumnReport, FileResult, Report
from pipeline.intake.sheets import Cell, Sheet, open_sheets
from pipeline.intake.target import Target, resolve

NEW, APPEND, UPDATE, REPLACE = "new", "append", "update", "replace"
LEFT_EMPTY = _("left empty: the sheet has none")


@dataclass(frozen=True)
class Request:
    """What the clerk asked for on the command line (and in a profile)."""

    source: Path
    dataset: str  # package/resource, e.g. spending/payments-2026-27, or a family: spending/payments
    root: Path = Path("datasets")
    sheet: str | None = None
    out: Path | None = None
    drop: tuple[str, ...] = ()
    dates: str | None = None
    mode: str = NEW
    offset: str = "+05:00"
    profile: Profile = field(default_factory=Profile)
    fiscal_year_start_month: int = 7
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the site's own
    serial_names: tuple[str, ...] = ()  # the site's own names of serial-number columns


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


def _kept(
    sheet: Sheet,
    header_row: int,
    keep: dict[str, tuple[str, ...]],
    data: list[tuple[int, list[Cell]]],
) -> tuple[list[tuple[int, list[Cell]]], list[int], Message]:
    """The rows a profile's [keep] lets through, the rows it leaves out, and why."""
    if not keep:
        return data, [], ""
    labels = [headers.normal(str(c or "")) for c in sheet.rows[header_row]]
    tests: list[tuple[int, set[str]]] = []
    for label, wanted in keep.items():
        index = labels.index(headers.normal(label)) if headers.normal(label) in labels else -1
        if index < 0:
            continue  # map_columns has already said that the column is missing
        tests.append((index, {headers.normal(w) for w in wanted}))
    kept, left = [], []
    for n, row in data:
        cells = [
            headers.normal(str(row[i])) if i < len(row) and row[i] is not None else ""
            for i, _allowed in tests
        ]
        if all(cell in allowed for cell, (_index, allowed) in zip(cells, tests, strict=True)):
            kept.append((n, row))
        else:
            left.append(n)
    why = Joined(
        tuple(
            _("'%(column)s' is not %(value)s", column=label, value=repr(w[0]))
            if len(w) == 1
            else _(
                "'%(column)s' is not one of %(values)s",
                column=label,
                values=", ".join(repr(v) for v in w),
            )
            for label, w in keep.items()
        ),
        "; ",
        "؛ ",
    )
    return kept, left, why


def import_file(request: Request) -> Report:
    """Import ``request.source`` into its resource; raises IntakeError (nothing written)."""
    profile = request.profile
    target = resolve(request.dataset, request.root)
    check(profile, target)
    names = headers.names_for(target, request.synonyms, profile.headers, request.serial_names)
    sheets = open_sheets(request.source)
    sheet, header_row = headers.choose_sheet(sheets, target, request.sheet, names)
    provided = tuple(set(profile.constants) | profile.derived())
    leave = headers.Leave(request.drop, profile.ignore, tuple(profile.keep), provided)
    header = headers.map_columns(sheet, header_row, target, leave, names)
    by_field = {m.field: m for m in header.columns if m.field}
    clash = [c for c in profile.constants if c in by_field]
    if clash:
        raise IntakeError(
            lines(
                *(
                    _(
                        "Column %(letter)s '%(label)s' gives '%(column)s', and the profile also "
                        "sets %(constant)s for every row. Keep one: leave the column out "
                        "(%(ignore)s), or take %(column)s out of the constants.",
                        letter=by_field[c].letter,
                        label=by_field[c].label,
                        column=c,
                        constant=f'{c} = "{profile.constants[c]}"',
                        ignore="ignore",
                    )
                    for c in clash
                )
            )
        )

    data = [(n + 1, r) for n, r in enumerate(sheet.rows) if n > header_row]
    empty = [n for n, r in data if _empty(r)]
    totals = [n for n, r in data if _total(r)]
    data = [(n, r) for n, r in data if not _empty(r) and n not in totals]
    data, filtered, why = _kept(sheet, header_row, profile.keep, data)
    if not data and filtered:
        raise IntakeError(
            _(
                "Sheet '%(sheet)s' has the column names (row %(row)s) but no rows of data under "
                "them that the profile's %(keep)s lets through (%(why)s).",
                sheet=sheet.name,
                row=header_row + 1,
                keep="[keep]",
                why=why,
            )
        )
    if not data:
        raise IntakeError(
            _(
                "Sheet '%(sheet)s' has the column names (row %(row)s) but no rows of data under "
                "them.",
                sheet=sheet.name,
                row=header_row + 1,
            )
        )
    rows = [n for n, _ in data]
    options = Options(
        dates=request.dates,
        offset=profile.utc_offset or request.offset,
        missing=tuple(v for v in target.missing_values if v),
    )
    report = Report(
        source=request.source.name,
        sheet=sheet.name,
        read_as=sheet.source,
        header_row=header_row + 1,
        target=target.name,
        rows=len(data),
        empty_rows=empty,
        total_rows=totals,
        filtered_rows=filtered,
        filtered_why=why,
        profile=str(profile.path) if profile.path else "",
    )
    columns: dict[str, list[str]] = {}
    for f in target.fields:
        match = by_field.get(f.name)
        if match is not None:
            cells = [r[match.index] if match.index < len(r) else None for _row, r in data]
            changes: list[tuple[Message, int]] = []
            if f.name in profile.crosswalks:
                where = f"{match.letter} '{match.label}'"
                cells, replaced = values.crosswalk(
                    f.name, where, rows, cells, profile.crosswalks[f.name], profile.where
                )
                changes = [(_("the profile's crosswalk"), replaced)]
            column = convert(f, rows, cells, options)
            columns[f.name] = column.values
            report.columns.append(
                ColumnReport(
                    match.letter,
                    match.label,
                    f.name,
                    match.how,
                    column.changes,
                    column.unread,
                    counted=changes,
                )
            )
        elif f.name in profile.constants:
            columns[f.name] = [profile.constants[f.name]] * len(data)
            constant = _('the profile\'s constant "%(value)s"', value=profile.constants[f.name])
            report.columns.append(ColumnReport("", "", f.name, constant))
        elif f.name in profile.fiscal_year_from:
            columns[f.name] = []  # filled below, from the converted date column
        elif f.name in profile.counters:
            columns[f.name] = [""] * len(data)  # made when it is known which file rows go to
        else:
            columns[f.name] = [""] * len(data)
            report.columns.append(ColumnReport("", "", f.name, LEFT_EMPTY))
    for name, source in profile.fiscal_year_from.items():
        if name in by_field:
            continue  # the sheet has it: nothing the source has is derived
        dates = columns.get(source, [""] * len(data))
        columns[name] = [
            values.fiscal_year_of(d, request.fiscal_year_start_month, request.offset) if d else ""
            for d in dates
        ]
        blank = sum(1 for v in columns[name] if not v)
        said = {"column": source, "month": request.fiscal_year_start_month}
        how = _("derived from %(column)s, the fiscal year starting in month %(month)s", **said)
        if blank:
            how = ngettext(
                "derived from %(column)s, the fiscal year starting in month %(month)s; %(num)s "
                "row has no date to derive it from",
                "derived from %(column)s, the fiscal year starting in month %(month)s; %(num)s "
                "rows have no date to derive it from",
                blank,
                **said,
            )
        report.columns.append(ColumnReport("", "", name, how))
    for match in header.columns:
        if match.field is None:
            report.columns.append(ColumnReport(match.letter, match.label, None, match.how))
    report.columns.sort(key=lambda c: (c.letter == "", len(c.letter), c.letter))
    table = [list(r) for r in zip(*(columns[f.name] for f in target.fields), strict=True)]
    made = [c for c in profile.counters if c not in by_field]
    _write(request, target, table, rows, made, report, header)
    report.sheet_columns = {m.field: f"{m.letter} '{m.label}'" for m in header.columns if m.field}
    return report


@dataclass
class _Planned:
    """One file to write: where, its bytes, and what the import did to it."""

    result: FileResult
    data: bytes
    new_table: tuple[str, str] | None  # (family, fiscal year) to add to the package first


def _groups(target: Target, table: list[list[str]], rows: list[int]) -> dict[str, list[int]]:
    """Which rows (positions in ``table``) go to which fiscal year's file of a family."""
    index = target.names.index("fiscal_year") if "fiscal_year" in target.names else -1
    if index < 0:
        raise UsageError(
            _(
                "%(table)s names a family of yearly tables, but its rows have no %(column)s "
                "column to say which year's file each one goes to.",
                table=target.name,
                column="fiscal_year",
            )
        )
    groups: dict[str, list[int]] = {}
    unknown = []
    for position, row in enumerate(table):
        year = row[index]
        if not re.fullmatch(r"\d{4}-\d{2}", year):
            unknown.append(rows[position])
            continue
        groups.setdefault(year, []).append(position)
    if unknown:
        shown = ", ".join(str(r) for r in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise IntakeError(
            _(
                "%(num)s row(s) have no fiscal year like %(example)s (row %(rows)s), so it cannot "
                "be said which year's file of %(table)s they go to. Give the sheet a fiscal year "
                "column, or derive it from a date column (%(option)s, or %(derive)s in the "
                "profile).",
                num=len(unknown),
                example="2024-25",
                rows=shown,
                table=target.name,
                option="--fiscal-year-from payment_date",
                derive="[derive]",
            )
        )
    return dict(sorted(groups.items()))


def _write(
    request: Request,
    target: Target,
    table: list[list[str]],
    rows: list[int],
    made: list[str],
    report: Report,
    header: headers.Header,
) -> None:
    """Plan every file first (so a refusal writes nothing), then write them."""
    if target.family:
        groups = _groups(target, table, rows)
        if request.out is not None and len(groups) > 1:
            raise UsageError(
                _(
                    "%(out)s writes one file, but these rows belong to %(num)s fiscal years "
                    "(%(years)s). Leave out %(out)s to write each year's file of %(table)s.",
                    out="--out",
                    num=len(groups),
                    years=", ".join(groups),
                    table=target.name,
                )
            )
    else:
        groups = {"": list(range(len(table)))}
    planned = []
    for year, positions in groups.items():
        if target.family:
            path = (
                request.out
                or target.year_path(year)
                or target.folder / f"{target.family}-{year}.csv"
            )
            new_table = None if target.year_path(year) else (target.family, year)
            name = f"{target.folder.name}/{target.family}-{year}"
        else:
            path = request.out or target.path
            family, fy = target.new_year if len(target.new_year) == 2 else ("", "")
            new_table = (family, fy) if family else None
            name = target.name
        if request.out is not None:
            new_table = None
        part = [list(table[p]) for p in positions]
        planned.append(
            _plan(request, target, path, name, part, [rows[p] for p in positions], made, new_table)
        )
    for plan in planned:
        if plan.new_table is not None:
            plan.result.out = _add_year(target, *plan.new_table)
            plan.result.new_table = True
        if plan.result.outcome != "unchanged":
            output.write_atomic(plan.result.out, plan.data)
        report.files.append(plan.result)


def _add_year(target: Target, family: str, year: str) -> Path:
    try:
        from pipeline import packages  # type: ignore[attr-defined,unused-ignore]

        ensure = packages.ensure_year_resource  # type: ignore[attr-defined,unused-ignore]
    except (ImportError, AttributeError) as error:
        raise UsageError(
            _(
                "The rows of %(year)s need a new table %(table)s in %(folder)s, and this version "
                "of Shafaf cannot add one by itself (%(function)s is missing). Add the year's "
                "table to the %(descriptor)s first, then import again.",
                year=year,
                table=f"{family}-{year}",
                folder=target.folder.name,
                function="pipeline.packages.ensure_year_resource",
                descriptor="datapackage.json",
            )
        ) from error
    return Path(ensure(target.folder, family, year))


def _plan(
    request: Request,
    target: Target,
    out: Path,
    name: str,
    table: list[list[str]],
    rows: list[int],
    made: list[str],
    new_table: tuple[str, str] | None,
) -> _Planned:
    names, key = target.names, target.primary_key
    exists = out.exists()
    existing = output.read_existing(out, names) if exists and request.mode != REPLACE else []
    result = FileResult(out=out, target=name)
    if made:
        _make_ids(request, target, table, existing, made, result)
    if request.mode in (APPEND, UPDATE) and exists:
        merged = output.append(
            existing, table, [names.index(k) for k in key], out, names, request.mode == UPDATE
        )
        data = output.to_csv(names, merged.rows)
        result.outcome = "appended"
        result.added, result.already_there = merged.added, merged.already_there
        result.updated = merged.updated
        result.rows_in_file = len(merged.rows)
        positions = merged.positions
    else:
        data = output.to_csv(names, table)
        result.outcome, result.rows_in_file = "written", len(table)
        positions = list(range(len(table)))
    result.sheet_rows = {p + 2: n for p, n in zip(positions, rows, strict=True)}
    result.added = result.added if result.outcome == "appended" else len(table)
    if exists and out.read_bytes() == data:
        result.outcome = "unchanged"
        return _Planned(result, data, None)
    if exists and request.mode == NEW:
        raise UsageError(
            _(
                "%(file)s already exists and holds other rows. To add these %(num)s rows to it, "
                "run the same command with %(append)s; to replace the whole file with this "
                "sheet, use %(replace)s.",
                file=str(out),
                num=Text(f"{len(table):,}"),
                append="--append",
                replace="--replace",
            )
        )
    return _Planned(result, data, new_table)


def _make_ids(
    request: Request,
    target: Target,
    table: list[list[str]],
    existing: list[list[str]],
    made: list[str],
    result: FileResult,
) -> None:
    """Fill the id columns a profile makes, counting on after the ids already in the file;
    refuse a sheet whose every row is already there (it was imported before)."""
    names = target.names
    year = names.index("fiscal_year") if "fiscal_year" in names else -1
    for column in made:
        index = names.index(column)
        counter = request.profile.counters[column]
        years = [row[year] if year >= 0 else "" for row in table]
        ids = values.make_ids(counter, years, [r[index] for r in existing])
        for row, made_id in zip(table, ids, strict=True):
            row[index] = made_id
        result.made_ids[column] = (ids[0], ids[-1]) if ids else ("", "")
    if not existing or request.mode == REPLACE:
        return
    others = [i for i, n in enumerate(names) if n not in made]
    there = Tally(tuple(r[i] for i in others) for r in existing)
    repeated = 0
    for row in table:
        content = tuple(row[i] for i in others)
        if there[content] > 0:
            there[content] -= 1
            repeated += 1
    if repeated == len(table):
        raise IntakeError(
            _(
                "Every one of these %(num)s rows is already in %(file)s (the same values in every "
                "column but the made %(columns)s): this sheet was imported before. Nothing was "
                "imported. The source has no ids of its own, so Shafaf cannot tell a row "
                "imported twice from a new one in any other way.",
                num=Text(f"{len(table):,}"),
                file=str(result.out),
                columns=", ".join(made),
            )
        )
    result.look_repeated = repeated
