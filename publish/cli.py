"""Command line: ``python -m publish plan|push [PATH…]``: publish the datasets to CKAN.

Exit codes: 0 done (or nothing to do), 1 the data is invalid or publishing failed,
2 usage or configuration errors. The API token is read only from CKAN_API_TOKEN.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from pipeline import settings as settings_module
from pipeline.validate import ConfigurationError, render
from publish import publisher
from publish.ckan import PortalError
from publish.config import ConfigError, from_settings
from publish.mapping import MappingError
from publish.plan import Action
from publish.push import FAILED, NOT_RUN, Outcome, OutcomeLog, log_path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DATASETS = Path("datasets")
SETTINGS_FILE = "settings.toml"
DEFAULT_LOG_DIR = Path("build") / "publish"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m publish",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("plan", "list what a push would do, per dataset and file, and why (changes nothing)"),
        (
            "push",
            "validate the datasets, then create, update or remove on the portal only what changed",
        ),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help="dataset folders to publish (default: every one in datasets/)",
        )
        command.add_argument(
            "--settings",
            type=Path,
            metavar="FILE",
            help=f"settings file (default: datasets/{SETTINGS_FILE})",
        )
        if name == "push":
            command.add_argument(
                "--log-dir",
                type=Path,
                default=DEFAULT_LOG_DIR,
                metavar="DIR",
                help=f"where the outcome log goes (default: {DEFAULT_LOG_DIR})",
            )
    return parser


def _label(action: Action) -> str:
    return action.resource or action.dataset


def _line(action: Action, result: str = "") -> str:
    indent = "  " if action.resource else ""
    label = f"{indent}{_label(action)}"
    status = f"{action.kind}{' → ' + result if result else ''}"
    return f"{label:<34} {status:<22} {action.reason}"


def _summary(actions: list[Action]) -> str:
    counts = Counter(a.kind for a in actions if a.resource is not None)
    datasets = Counter(a.kind for a in actions if a.resource is None)
    parts = [f"{n} {kind}" for kind, n in sorted(counts.items())]
    sets = [f"{n} {kind}" for kind, n in sorted(datasets.items())]
    return f"datasets: {', '.join(sets) or 'none'}; files: {', '.join(parts) or 'none'}"


def run(args: argparse.Namespace, env: Mapping[str, str], out: TextIO, err: TextIO) -> int:
    paths = args.paths or [DEFAULT_DATASETS]
    settings = settings_module.load(args.settings or DEFAULT_DATASETS / SETTINGS_FILE)
    config = from_settings(settings, env)
    write = args.command == "push"
    if write and not config.token:
        raise ConfigError(
            "Set the environment variable CKAN_API_TOKEN to an API token of a user who may "
            "publish to the organisation (create one on the portal: your user page, 'API Tokens')."
        )
    report = publisher.check(paths, settings)
    if not report.valid:
        out.write(render.text(report, settings["rows_listed"]))
        print("Nothing was published: fix the problems above and run again.", file=err)
        return EXIT_FAILED
    client = publisher.client_for(config)
    print(f"Portal {config.url}, organisation '{config.organization}'", file=out)
    started = time.perf_counter()
    try:
        job = publisher.prepare(paths, config, client, write=write)
    except PortalError as error:
        print(str(error), file=err)
        return EXIT_FAILED
    if not write:
        for action in job.actions:
            print(_line(action), file=out)
        print(f"Plan: {_summary(job.actions)}.", file=out)
        if not config.token:
            print("(No CKAN_API_TOKEN: read as an anonymous visitor.)", file=out)
        return EXIT_OK
    args.log_dir.mkdir(parents=True, exist_ok=True)
    path = log_path(args.log_dir)
    with path.open("w", encoding="utf-8") as handle:
        publisher.push(job, OutcomeLog(handle))
    failed: list[Outcome] = []
    for outcome in job.outcomes:
        print(_line(outcome.action, outcome.result), file=out)
        if outcome.result == FAILED:
            failed.append(outcome)
    seconds = time.perf_counter() - started
    print(
        f"Pushed: {_summary(job.actions)}. {client.total} API calls ({client.writes} writes) "
        f"in {seconds:.1f} s. Log: {path}",
        file=out,
    )
    for outcome in failed:
        print(f"Failed: {_label(outcome.action)}: {outcome.message}", file=err)
    if any(o.result == NOT_RUN for o in job.outcomes):
        print(
            "The push stopped early; run it again once the problem is fixed: it carries on "
            "where it stopped.",
            file=err,
        )
    return EXIT_FAILED if failed else EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    out, err = out or sys.stdout, err or sys.stderr
    try:
        return run(args, os.environ if env is None else env, out, err)
    except (ConfigError, MappingError, ConfigurationError, settings_module.SettingsError) as error:
        print(f"Cannot publish: {error}", file=err)
        return EXIT_USAGE
    except Exception:
        if args.debug:
            raise
        print(
            "Internal error in Shafaf (not a problem with your data). Run again with --debug "
            "and report the output:",
            file=err,
        )
        print("".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip(), file=err)
        return EXIT_USAGE
