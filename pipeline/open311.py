"""Importing the intake service's public export into the complaints dataset, anonymised.

The interface between the Open311 intake service (``python -m publish.feedback export``) and the
pipeline is a file, never code: a UTF-8 CSV whose header holds :data:`EXPORT_FIELDS` (any order,
extra columns ignored), datetimes in ISO 8601 with their UTC offset. ``import_complaints`` files
each record into ``complaints-YYYY-YY.csv`` by fiscal year, scrubs personal data from the text,
merges by ``service_request_id`` (importing twice adds nothing) and keeps the result only if the
complaints dataset still passes validation. Wired as ``python -m pipeline import-complaints``.

This module is imported by the service too (for :data:`PATTERNS` and :func:`scrub`), so it imports
nothing heavy at module level (the clerk's words, pipeline.i18n, only when a message is made).
What it tells the clerk is in the site's ``language`` or ``--lang``.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pipeline import packages
from pipeline import settings as settings_module
from pipeline.personal_data import EDGE_L, EDGE_R, PATTERNS, URDU_DIGITS

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _(message: str, /, **values: object) -> Any:
    """``message`` as a phrase translated when it is shown (pipeline.i18n.lazy_gettext)."""
    from pipeline.i18n import lazy_gettext

    return lazy_gettext(message, **values)


def _said(message: Any, lang: str) -> str:
    """A message (a phrase, or English text shown as data) in ``lang``."""
    from pipeline.i18n import clerk_gettext

    return clerk_gettext(lang).value(message)


PACKAGE = "complaints"
DESCRIPTOR = "datapackage.json"

#: Columns of the service's public export: the complaints schema less ``fiscal_year`` (derived).
EXPORT_FIELDS: tuple[str, ...] = (
    "service_request_id",
    "lg_code",
    "ward_code",
    "service_code",
    "description",
    "status",
    "status_detail",
    "status_notes",
    "agency_responsible",
    "channel",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "resolved_datetime",
    "citizen_feedback",
    "reopened_count",
)
#: Export columns that must not be blank.
REQUIRED = frozenset(EXPORT_FIELDS) - {
    "description",
    "status_notes",
    "expected_datetime",
    "resolved_datetime",
}
DATETIMES = ("requested_datetime", "updated_datetime", "expected_datetime", "resolved_datetime")
#: Free text that reaches the public: scrubbed of personal data on import.
FREE_TEXT = ("description", "status_notes")

# -- personal data ----------------------------------------------------------------------------
#: The same patterns with the digit edges as look-arounds, so a match is only the detail itself.
_FINDERS = tuple(
    (kind, re.compile(p.replace(EDGE_L, "(?<![0-9])").replace(EDGE_R, "(?![0-9])")))
    for kind, p in PATTERNS
)
_ASCII_DIGITS = str.maketrans(URDU_DIGITS)
REDACTED = "[removed]"


def personal_data(text: str) -> list[tuple[str, int, int]]:
    """The personal details in ``text``: (kind, start, end), Urdu digits read as digits."""
    probe = text.translate(_ASCII_DIGITS)  # one character for one: the spans stay right
    found: list[tuple[str, int, int]] = []
    for kind, finder in _FINDERS:
        for match in finder.finditer(probe):
            start, end = match.span()
            if not any(s < end and start < e for _, s, e in found):
                found.append((kind, start, end))
    return sorted(found, key=lambda hit: hit[1])


def scrub(text: str) -> tuple[str, list[str]]:
    """``text`` with each CNIC, phone number and e-mail address replaced by ``[removed]``,
    and the details removed (for the private record, never for publishing)."""
    hits = personal_data(text)
    if not hits:
        return text, []
    parts, removed, at = [], [], 0
    for _kind, start, end in hits:
        parts.append(text[at:start])
        parts.append(REDACTED)
        removed.append(text[start:end])
        at = end
    parts.append(text[at:])
    return "".join(parts), removed


# -- dates --------------------------------------------------------------------------------------
def parse_datetime(text: str) -> datetime:
    """An ISO 8601 datetime that carries its UTC offset (ValueError otherwise)."""
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        raise ValueError("no UTC offset")
    return value


def local_text(value: datetime, offset_hours: int) -> str:
    """``value`` in local time, as the complaints schema writes it: 2024-08-14T10:32:00+05:00."""
    zone = timezone(timedelta(hours=offset_hours))
    local = value.astimezone(zone)
    sign = "+" if offset_hours >= 0 else "-"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(offset_hours):02d}:00"


def fiscal_year(value: datetime, offset_hours: int, start_month: int) -> str:
    """Fiscal year (2024-25) of the local date of ``value``."""
    local = value.astimezone(timezone(timedelta(hours=offset_hours)))
    first = local.year if local.month >= start_month else local.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


# -- reading the export -----------------------------------------------------------------------
class ExportError(ValueError):
    """The file is not a service export at all (exit code 2); ``str()`` is the English,
    ``text(lang)`` the clerk's language."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message

    def text(self, lang: str) -> str:
        return _said(self.message, lang)


@dataclass(frozen=True)
class Problem:
    """One bad value in the export: where, what, how to fix it."""

    row: int
    column: str
    value: str
    message: Any  # a phrase: what is wrong with the value

    def text(self, file: str) -> Any:
        return _(
            "%(file)s, row %(row)s, column '%(column)s': %(value)s %(problem)s",
            file=file,
            row=self.row,
            column=self.column,
            value=repr(self.value),
            problem=self.message,
        )


def read_export(path: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """The export's records (spreadsheet row numbers from 2) and the problems found in them."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise ExportError(_("%(path)s does not exist.", path=str(path))) from error
    except UnicodeDecodeError as error:
        raise ExportError(
            _("%(path)s is not UTF-8 text: %(error)s", path=str(path), error=str(error))
        ) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [name for name in EXPORT_FIELDS if name not in (reader.fieldnames or [])]
    if missing:
        raise ExportError(
            _(
                "%(path)s is not an export of the intake service: it has no column %(columns)s. "
                "Make it with %(command)s.",
                path=str(path),
                columns=", ".join(missing),
                command="`python -m publish.feedback export --out FILE`",
            )
        )
    records: list[dict[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        record = {name: (raw.get(name) or "").strip() for name in EXPORT_FIELDS}
        if not any(record.values()):
            continue
        for name in sorted(REQUIRED):
            if not record[name]:
                problems.append(Problem(number, name, "", _("is blank; every record needs one.")))
        for name in DATETIMES:
            if record[name]:
                try:
                    parse_datetime(record[name])
                except ValueError:
                    problems.append(
                        Problem(
                            number,
                            name,
                            record[name],
                            _(
                                "is not a date and time with its UTC offset, e.g. %(example)s.",
                                example="2026-11-27T10:32:00+05:00",
                            ),
                        )
                    )
        if record["reopened_count"] and not record["reopened_count"].isdigit():
            problems.append(
                Problem(number, "reopened_count", record["reopened_count"], _("is not a count."))
            )
        key = record["service_request_id"]
        if key in seen:
            problems.append(
                Problem(
                    number,
                    "service_request_id",
                    key,
                    _("appears twice (also row %(row)s).", row=seen[key]),
                )
            )
        seen[key] = number
        records.append(record)
    return records, problems


def to_dataset_row(record: dict[str, str], offset_hours: int, start_month: int) -> dict[str, str]:
    """One export record as a complaints row: local times, fiscal year, text scrubbed."""
    row = dict(record)
    for name in DATETIMES:
        if row[name]:
            row[name] = local_text(parse_datetime(row[name]), offset_hours)
    for name in FREE_TEXT:
        row[name] = scrub(row[name])[0]
    received = parse_datetime(record["requested_datetime"])
    row["fiscal_year"] = fiscal_year(received, offset_hours, start_month)
    return row


# -- merging into the dataset -----------------------------------------------------------------
@dataclass
class Result:
    """What an import did (or would have done, if it was refused)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    files: list[str] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)  # why it was refused: phrases
    report: Any = None  # the validator's Report when the result was refused

    @property
    def problems(self) -> list[str]:
        """Why it was refused, in English."""
        return [str(note) for note in self.notes]

    @property
    def ok(self) -> bool:
        return not self.problems and (self.report is None or self.report.valid)


@dataclass
class _YearFile:
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    index: dict[str, int]
    changed: bool = False


def _read_year_file(path: Path, header: list[str]) -> _YearFile:
    if not path.exists():
        return _YearFile(path, header, [], {}, changed=True)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        existing_header = list(reader.fieldnames or header)
        rows = [dict(row) for row in reader]
    index = {row.get("service_request_id", ""): i for i, row in enumerate(rows)}
    return _YearFile(path, existing_header, rows, index)


def _write_csv(path: Path, header: list[str], rows: Iterable[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") or "" for name in header])
    _write_text(path, buffer.getvalue())


def _write_text(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8", newline="")
    os.replace(partial, path)


def _year_resource(template: dict[str, Any], year: str) -> dict[str, Any]:
    """A resource entry for fiscal year ``year``, copied from another year's entry."""
    old = str(template["name"]).removeprefix(f"{PACKAGE}-")
    entry = copy.deepcopy(template)
    for key in ("name", "path", "title", "title_ur", "description", "description_ur"):
        if isinstance(entry.get(key), str):
            entry[key] = entry[key].replace(old, year)
    return entry


def _same_complaint(old: dict[str, str], new: dict[str, str]) -> bool:
    """Whether two rows with one id describe the same complaint (not an id clash)."""
    if old.get("lg_code") != new["lg_code"]:
        return False
    try:
        return parse_datetime(old.get("requested_datetime", "")) == parse_datetime(
            new["requested_datetime"]
        )
    except ValueError:
        return False


def _newer_or_same(old: dict[str, str], new: dict[str, str]) -> bool:
    try:
        return parse_datetime(new["updated_datetime"]) >= parse_datetime(
            old.get("updated_datetime", "")
        )
    except ValueError:
        return True


def merge(
    rows: list[dict[str, str]], folder: Path, result: Result
) -> tuple[dict[str, _YearFile], dict[str, Any] | None]:
    """Place ``rows`` into the year files of the complaints package in ``folder`` (in memory).

    Returns the year files touched and the new descriptor if a year had to be added.
    """
    try:
        descriptor = packages.read_raw(folder)  # written back as it was, references kept
    except packages.DescriptorError as error:
        raise ExportError(str(error)) from error
    resources = descriptor.get("resources", [])
    years = [r for r in resources if str(r.get("name", "")).startswith(f"{PACKAGE}-")]
    texts = packages.yearly_tables(descriptor).get(PACKAGE)
    if not years and texts is None:
        raise ExportError(
            _(
                "%(path)s lists no %(resource)s resource.",
                path=str(folder / DESCRIPTOR),
                resource=f"{PACKAGE}-YYYY-YY",
            )
        )

    def year_entry(year: str) -> dict[str, Any]:  # a year's resource, like the others
        if years:
            return _year_resource(years[-1], year)
        return packages.year_resource(PACKAGE, year, texts or {})

    try:
        schema = packages.table_schema(folder, PACKAGE)
    except packages.DescriptorError as error:
        raise ExportError(str(error)) from error
    fields = [f["name"] for f in schema.get("fields", [])]
    by_year = {str(r["name"]).removeprefix(f"{PACKAGE}-"): r for r in years}
    # Every id already published, in any year, to catch one moving year or clashing.
    files: dict[str, _YearFile] = {
        year: _read_year_file(folder / str(r["path"]), fields) for year, r in by_year.items()
    }
    owner = {key: year for year, f in files.items() for key in f.index}
    new_descriptor: dict[str, Any] | None = None
    for row in sorted(rows, key=lambda r: (r["requested_datetime"], r["service_request_id"])):
        year, key = row["fiscal_year"], row["service_request_id"]
        if year not in files:
            entry = year_entry(year)
            by_year[year] = entry
            if new_descriptor is None:
                new_descriptor = copy.deepcopy(descriptor)
            new_descriptor["resources"].append(entry)
            files[year] = _read_year_file(folder / str(entry["path"]), fields)
        target = files[year]
        if key in owner and owner[key] != year:
            result.notes.append(
                _(
                    "%(id)s is already in %(file)s, but its received date puts it in %(year)s: "
                    "the two records clash. Fix the id in one of them.",
                    id=key,
                    file=f"{PACKAGE}-{owner[key]}.csv",
                    year=year,
                )
            )
            continue
        if key not in target.index:
            target.index[key] = len(target.rows)
            target.rows.append(row)
            target.changed = True
            owner[key] = year
            result.added += 1
            continue
        old = target.rows[target.index[key]]
        if not _same_complaint(old, row):
            result.notes.append(
                _(
                    "%(id)s in %(file)s is a different complaint (local government or received "
                    "time differ) from the one in the export: the ids clash. Renumber the service "
                    "(%(setting)s in its config) or the dataset's record.",
                    id=key,
                    file=f"{PACKAGE}-{year}.csv",
                    setting="first_number",
                )
            )
            continue
        merged = {name: old.get(name, "") for name in target.header} | {
            name: row[name] for name in target.header if name in row
        }
        if merged == {name: old.get(name, "") for name in target.header} or not _newer_or_same(
            old, row
        ):
            result.unchanged += 1
            continue
        target.rows[target.index[key]] = merged
        target.changed = True
        result.updated += 1
    return files, new_descriptor


def _display(path: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def import_complaints(
    source: Path,
    datasets: Path,
    settings: dict[str, Any] | None = None,
    validate: Callable[[list[Path], dict[str, Any]], Any] | None = None,
) -> Result:
    """Merge the service export ``source`` into ``datasets``/complaints; keep it only if valid.

    Raises ExportError (or settings.SettingsError) when the file or the folder cannot be used.
    ``validate`` defaults to the project's validator; the files are restored if it refuses them.
    """
    config = settings if settings is not None else settings_module.load(datasets / "settings.toml")
    folder = datasets / PACKAGE
    if not (folder / DESCRIPTOR).exists():
        raise ExportError(_("%(path)s does not exist.", path=_display(folder / DESCRIPTOR)))
    records, problems = read_export(source)
    result = Result()
    result.notes = [p.text(_display(source)) for p in problems]
    if result.notes:
        return result
    offset, start = config["utc_offset_hours"], config["fiscal_year_start_month"]
    rows = [to_dataset_row(record, offset, start) for record in records]
    files, descriptor = merge(rows, folder, result)
    if result.notes:
        return result
    changed = [f for f in files.values() if f.changed]
    if not changed and descriptor is None:
        return result
    backups = {f.path: f.path.read_bytes() if f.path.exists() else None for f in changed}
    backups[folder / DESCRIPTOR] = (folder / DESCRIPTOR).read_bytes()
    try:
        for year_file in changed:
            _write_csv(year_file.path, year_file.header, year_file.rows)
            result.files.append(_display(year_file.path))
        if descriptor is not None:
            text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
            _write_text(folder / DESCRIPTOR, text)
        if validate is None:
            from pipeline.validate import validate as validate_paths

            validate = validate_paths
        report = validate([folder], config)
    except BaseException:
        _restore(backups)
        raise
    if not report.valid:
        result.report = report
        _restore(backups)
    return result


def _restore(backups: dict[Path, bytes | None]) -> None:
    for path, content in backups.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            _write_text(path, content.decode("utf-8"))


# -- command line -----------------------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import-complaints`` (shared by ``python -m pipeline`` and :func:`main`)."""
    parser.add_argument(
        "export", type=Path, help="the CSV file `python -m publish.feedback export` wrote"
    )
    parser.add_argument(
        "--datasets",
        type=Path,
        default=Path("datasets"),
        metavar="DIR",
        help="the datasets folder (default: datasets/)",
    )
    parser.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="settings file (default: DATASETS/settings.toml)",
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="the language of what it says: en (English) or ur (Urdu); default: the setting "
        "'language' (English if it is not set)",
    )


def run(args: argparse.Namespace) -> int:
    """Run an import from parsed arguments; print what happened; return the exit code."""
    from pipeline import i18n

    try:
        config = settings_module.load(args.settings or args.datasets / "settings.toml")
        lang = getattr(args, "lang", None) or config["language"]
        clerk = i18n.clerk_gettext(lang)
    except (settings_module.SettingsError, i18n.UnknownLanguage) as error:
        # Said in English: the settings, or the language asked for, are what is wrong.
        why = f"--lang: {error}" if isinstance(error, i18n.UnknownLanguage) else error
        print(f"Cannot import the complaints: {why}", file=sys.stderr)
        return EXIT_USAGE
    args.report_lang = lang  # the language of the command line's own messages, too
    _ = clerk.gettext
    try:
        result = import_complaints(args.export, args.datasets, config)
    except ExportError as error:
        print(_("Cannot import the complaints: %(error)s", error=error.text(lang)), file=sys.stderr)
        return EXIT_USAGE
    if result.notes:
        for note in result.notes[: config["rows_listed"] * 4]:
            print(clerk.value(note))
        more = len(result.notes) - config["rows_listed"] * 4
        if more > 0:
            print(_("… and %(num)s more.", num=clerk.number(more)))
        print(_("Nothing was imported: fix the export (or the dataset) and run again."))
        return EXIT_DATA
    if result.report is not None:
        from pipeline.validate import render

        sys.stdout.write(render.text(result.report, config["rows_listed"], lang))
        print(_("Nothing was imported: the complaints would not pass validation (see above)."))
        return EXIT_DATA
    counts = {"added": result.added, "updated": result.updated, "unchanged": result.unchanged}
    if result.files:
        print(
            _(
                "Imported %(added)s new complaint(s) and %(updated)s update(s) into %(files)s; "
                "%(unchanged)s already up to date.",
                files=", ".join(result.files),
                **counts,
            )
        )
    else:
        print(
            _(
                "Imported %(added)s new complaint(s) and %(updated)s update(s); %(unchanged)s "
                "already up to date.",
                **counts,
            )
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pipeline.open311 FILE``: the same as ``python -m pipeline import-complaints``."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline import-complaints",
        description="Import the intake service's public export into the complaints dataset.",
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
