"""Command line: ``python -m pipeline validate [PATH…] [--format text|json|github] [--html FILE]``,
``import FILE --dataset PACKAGE/RESOURCE``, ``analyse`` and ``check-bundle``.

Exit codes: 0 clean, 1 data problems to fix, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline import bundle, i18n, open311
from pipeline import settings as settings_module
from pipeline.flags import HolidaysError
from pipeline.i18n import lazy_gettext as _
from pipeline.offline import OfflineError
from pipeline.releases.history import GitError
from pipeline.validate import ConfigurationError, Report, render, validate

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: --dates values of `import` (pipeline.intake.dates; not imported here, to keep start-up light)
DATE_ORDERS = ("day-first", "month-first")
DEFAULT_DATASETS = Path("datasets")
SETTINGS_FILE = "settings.toml"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate",
        help="check data packages and explain every problem",
        description="Check the datasets (or the given dataset folders, datapackage.json files "
        "or CSV files) and explain every problem: file, row, column, what is wrong, how to fix it.",
    )
    check.add_argument("paths", nargs="*", type=Path, help="what to check (default: datasets/)")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        help="text for people (the default), json for programs, github for GitHub Actions: "
        "annotations on the offending lines, and a Markdown table appended to the file "
        "$GITHUB_STEP_SUMMARY names",
    )
    check.add_argument("--json", action="store_true", help="the same as --format json")
    check.add_argument("--html", type=Path, metavar="FILE", help="also write a report page")
    check.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help=f"settings file (default: the {SETTINGS_FILE} of the datasets folder checked)",
    )
    check.add_argument(
        "--lang",
        metavar="LANG",
        help="the language of the report: en (English) or ur (Urdu); default: the setting "
        "'language' (English if it is not set)",
    )
    _import_parser(commands)
    complaints = commands.add_parser(
        "import-complaints",
        help="merge the intake service's export into the complaints dataset, anonymised",
        description="Merge the public export of the Open311 intake service "
        "(python -m publish.feedback export) into datasets/complaints, by fiscal year, with "
        "personal data removed; kept only if the complaints dataset still validates.",
    )
    open311.add_arguments(complaints)
    analyse = commands.add_parser(
        "analyse",
        help="analyse the validated datasets into the site bundle",
        description="Validate the datasets, then analyse them into the site bundle the site is "
        "built from. Nothing is written if the data has problems.",
    )
    analyse.add_argument("datasets", nargs="?", type=Path, default=DEFAULT_DATASETS)
    analyse.add_argument("--out", type=Path, default=bundle.DEFAULT_PATH, help="bundle file")
    status = commands.add_parser(
        "check-bundle", help="say whether the site bundle matches the datasets (exit 1 if not)"
    )
    status.add_argument("datasets", nargs="?", type=Path, default=DEFAULT_DATASETS)
    status.add_argument("--bundle", type=Path, default=bundle.DEFAULT_PATH, help="bundle file")
    return parser


def _import_parser(commands: Any) -> None:
    command = commands.add_parser(
        "import",
        help="turn an Excel, LibreOffice or CSV export into a dataset's CSV file",
        description="Read an .xlsx, .ods or .csv export, find the sheet and its header row, map "
        "its columns to the dataset's columns (docs/intake.md lists the names understood), "
        "rewrite dates and amounts where there is only one way to read them, and write the "
        "dataset's CSV file. Every mapping and change is reported; anything unclear is refused "
        "with a message, and then nothing is written.",
    )
    command.add_argument("file", type=Path, help="the .xlsx, .ods or .csv file")
    command.add_argument(
        "--dataset",
        metavar="PACKAGE/TABLE",
        help="where the rows go, e.g. spending/payments (each row to its fiscal year's file), "
        "spending/payments-2026-27 or spending/suppliers (a folder under datasets/ and a table "
        "of its datapackage.json), or that table's file; a --profile may name it instead",
    )
    command.add_argument("--sheet", help="the sheet to read, by name or number (1 = first)")
    command.add_argument(
        "--out", type=Path, metavar="PATH", help="write here instead of the dataset's own file"
    )
    command.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="COLUMN",
        help="leave out this column of the sheet (its header or letter); repeat for more",
    )
    command.add_argument(
        "--dates",
        choices=DATE_ORDERS,
        help="how to read dates like 03/04/2024 when the column does not say",
    )
    mode = command.add_mutually_exclusive_group()
    mode.add_argument(
        "--append", action="store_true", help="add the rows to the file already there"
    )
    mode.add_argument(
        "--update",
        action="store_true",
        help="like --append, but a row whose id is already in the file replaces that row",
    )
    mode.add_argument(
        "--replace", action="store_true", help="replace the file already there with these rows"
    )
    command.add_argument(
        "--datasets",
        type=Path,
        default=DEFAULT_DATASETS,
        metavar="DIR",
        help="the folder holding the datasets (default: datasets)",
    )
    command.add_argument(
        "--no-check", action="store_true", help="do not validate the file after writing it"
    )
    # Import profiles (pipeline/intake/profile.py, docs/intake.md).
    command.add_argument(
        "--profile", metavar="NAME", help="use imports/NAME.toml (options given here still win)"
    )
    command.add_argument(
        "--save-profile",
        metavar="NAME",
        help="after the import, write what it was told to imports/NAME.toml",
    )
    command.add_argument(
        "--imports",
        type=Path,
        metavar="DIR",
        help="the folder holding the import profiles (default: imports, next to --datasets)",
    )
    for flag, meta, text in (
        ("--set", "COLUMN=VALUE", "the same value in every row, e.g. --set lg_code=SBZ-MC"),
        ("--map", "COLUMN:SOURCE=CODE", 'a value of the sheet as a code: "dept_code:Works=WRK"'),
        ("--header", "HEADER=COLUMN", 'the column a sheet header is: "Nett Amount=amount"'),
        ("--keep", "HEADER=VALUE", "import only rows whose column HEADER holds VALUE"),
        ("--make-ids", "COLUMN=PREFIX", "number a sheet without ids: PREFIX000001, PREFIX000002…"),
    ):
        command.add_argument(
            flag, action="append", default=[], metavar=meta, help=text + "; repeat"
        )
    command.add_argument(
        "--fiscal-year-from",
        metavar="COLUMN",
        help="derive fiscal_year from this date column (fiscal_year_start_month in settings)",
    )
    command.add_argument(
        "--lang",
        metavar="LANG",
        help="the language of the report and its messages: en (English) or ur (Urdu); "
        "default: the setting 'language' (English if it is not set)",
    )


def _import(args: argparse.Namespace) -> int:
    from pipeline.intake import command  # reading spreadsheets: loaded only for this command

    if args.lang:  # so that a wrong settings file is told in the language asked for
        args.report_lang = report_language(args.lang, settings_module.DEFAULTS)
    settings_path = args.datasets / SETTINGS_FILE
    config = settings_module.load(settings_path if settings_path.exists() else None)
    args.report_lang = report_language(args.lang, config)
    return command.run(args, config, args.report_lang)


def _check_bundle(args: argparse.Namespace) -> int:
    try:
        bundle.read(args.bundle, args.datasets)
    except bundle.BundleError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _analyse(args: argparse.Namespace) -> int:
    config = settings_module.load(args.datasets / SETTINGS_FILE)
    report = validate([args.datasets], config)
    if not report.valid:
        sys.stdout.write(render.text(report, config["rows_listed"]))
        print("The site bundle was not updated.")
        return EXIT_DATA
    try:
        content = bundle.build(args.datasets, config)
    except HolidaysError as error:
        print(f"{error}\nThe site bundle was not updated.")
        return EXIT_DATA
    try:
        bundle.write(content, args.out, args.datasets)
    except (OfflineError, GitError) as error:
        print(f"{error}\nThe site bundle was not updated.")
        return EXIT_DATA
    print(f"Wrote the site bundle {args.out}.")
    return EXIT_OK


def report_language(asked: str | None, config: dict[str, Any]) -> str:
    """The language of a report a clerk reads: ``--lang`` if given, else the setting
    ``language``; UsageError if Shafaf has no messages in it."""
    lang = asked or config["language"]
    try:
        i18n.clerk_gettext(lang)
    except i18n.UnknownLanguage as error:
        raise UsageError(_("%(option)s: %(error)s", option="--lang", error=str(error))) from error
    return lang


def _settings_of(paths: Sequence[Path]) -> Path | None:
    """The settings of the data being checked: the settings.toml of the datasets folder that
    holds the first path (the folder itself, a dataset's folder or one of its files), or none
    (the defaults). Never the settings of whatever folder the command runs in."""
    first = paths[0]
    folders = [first, first.parent] if first.is_dir() else [first.parent, first.parent.parent]
    return next((f / SETTINGS_FILE for f in folders if (f / SETTINGS_FILE).is_file()), None)


def _validate(args: argparse.Namespace) -> int:
    if args.lang:
        args.report_lang = report_language(args.lang, settings_module.DEFAULTS)
    paths = args.paths or [DEFAULT_DATASETS]
    config = settings_module.load(args.settings or _settings_of(paths))
    lang = args.report_lang = report_language(args.lang, config)
    if args.json and args.format not in (None, "json"):
        raise UsageError(
            _(
                "%(json)s and %(format)s ask for two formats: choose one.",
                json="--json",
                format=f"--format {args.format}",
            )
        )
    report = validate(paths, config)
    fmt = "json" if args.json else args.format or "text"
    if fmt == "json":
        sys.stdout.write(render.as_json(report, lang=lang))
    elif fmt == "github":
        _github(report, config["rows_listed"], lang)
    else:
        sys.stdout.write(render.text(report, config["rows_listed"], lang))
    if args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(render.as_html(report, lang=lang), encoding="utf-8")
    return EXIT_OK if report.valid else EXIT_DATA


class UsageError(i18n.ClerkError):
    """The command was asked something it cannot do (exit code 2)."""


def _github(report: Report, rows_listed: int, lang: str = i18n.SOURCE_LANG) -> None:
    """Annotations and the full text report on stdout; the summary to $GITHUB_STEP_SUMMARY."""
    clerk = i18n.clerk_gettext(lang)
    lines = {file: render.record_lines(Path(file)) for file in {f.file for f in report.findings}}
    out = render.github_annotations(report, lines, lang=lang)
    if report.valid:
        out.append(render.notice(clerk.gettext("Data check"), render.all_good(report, lang)))
    out.append("::group::" + clerk.gettext("The full report"))
    out.append(render.text(report, rows_listed, lang).rstrip("\n"))
    out.append("::endgroup::")
    sys.stdout.write("\n".join(out) + "\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(render.summary_markdown(report, rows_listed, lang=lang) + "\n")
        except OSError as error:
            message = clerk.gettext(
                "Could not write the job summary to %(path)s: %(error)s",
                path=summary,
                error=str(error),
            )
            print(message, file=sys.stderr)


def _lang(args: argparse.Namespace) -> str:
    """The language messages about the command are in: the report's, once it is known."""
    return getattr(args, "report_lang", None) or i18n.SOURCE_LANG


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "analyse":
            return _analyse(args)
        if args.command == "check-bundle":
            return _check_bundle(args)
        if args.command == "import-complaints":
            return int(open311.run(args))
        if args.command == "import":
            return _import(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {error.text(_lang(args))}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigurationError, settings_module.SettingsError) as error:
        clerk = i18n.clerk_gettext(_lang(args))
        why = error.text(_lang(args)) if isinstance(error, i18n.ClerkError) else error
        print(clerk.gettext("Cannot check the data: %(error)s", error=why), file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        if args.debug:
            raise
        clerk = i18n.clerk_gettext(_lang(args))
        print(
            clerk.gettext(
                "Internal error in Shafaf (not a problem with your data). Run again with %(debug)s "
                "and report the output:",
                debug="--debug",
            ),
            file=sys.stderr,
        )
        print(
            "".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip(), file=sys.stderr
        )
        return EXIT_USAGE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE
