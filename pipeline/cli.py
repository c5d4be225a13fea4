"""Command line: ``python -m pipeline validate [PATH…] [--json] [--html FILE]`` and ``analyse``.

Exit codes: 0 clean, 1 data problems to fix, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from pipeline import bundle
from pipeline import settings as settings_module
from pipeline.validate import ConfigurationError, render, validate

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
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
    check.add_argument("--json", action="store_true", help="print the problems as JSON")
    check.add_argument("--html", type=Path, metavar="FILE", help="also write a report page")
    check.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help=f"settings file (default: datasets/{SETTINGS_FILE})",
    )
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
    bundle.write(bundle.build(args.datasets), args.out, args.datasets)
    print(f"Wrote the site bundle {args.out}.")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_DATASETS]
    settings_path = args.settings or DEFAULT_DATASETS / SETTINGS_FILE
    config = settings_module.load(settings_path)
    report = validate(paths, config)
    if args.json:
        sys.stdout.write(render.as_json(report))
    else:
        sys.stdout.write(render.text(report, config["rows_listed"]))
    if args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(render.as_html(report), encoding="utf-8")
    return EXIT_OK if report.valid else EXIT_DATA


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
    except (ConfigurationError, settings_module.SettingsError) as error:
        print(f"Cannot check the data: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        if args.debug:
            raise
        print(
            "Internal error in Shafaf (not a problem with your data). Run again with --debug and "
            "report the output:",
            file=sys.stderr,
        )
        print(
            "".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip(), file=sys.stderr
        )
        return EXIT_USAGE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE
