"""The ``shafaf`` command: one entry point for everything a council's site repository does.

``shafaf new DIR --council council.toml`` starts a site; inside a site, ``shafaf validate``,
``import``, ``analyse``, ``html``, ``site`` (analyse, then html), ``serve``, ``publish-plan`` and
``publish-data`` do the work, each reading ``datasets/``, ``content/``, ``pelicanconf.py`` and
``imports/`` of the current folder. Exit codes: 0 done, 1 a problem in the data (or the build),
2 the command or a settings file is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import shafaf

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: Commands handed whole to ``python -m pipeline`` (their options are its options).
PIPELINE = {
    "validate": "check the datasets and explain every problem",
    "import": "turn a spreadsheet or CSV export into a dataset's file (--profile NAME)",
    "import-complaints": "merge the intake service's export into the complaints dataset",
    "analyse": "validate, then analyse the datasets into the site bundle",
    "check-bundle": "say whether the site bundle matches the datasets",
}
#: Commands handed to ``python -m publish`` under another name.
PUBLISH = {
    "publish-plan": ("plan", "list what publish-data would change on the CKAN portal"),
    "publish-data": ("push", "push the datasets to the CKAN portal (needs CKAN_API_TOKEN)"),
}
DATASETS = Path("datasets")
BUNDLE = Path("build/bundle/bundle.json")
OUTPUT = Path("output")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shafaf", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"shafaf {shafaf.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="start a council's site repository",
        description="Make a new site repository in DIR for the council described in a council "
        "file (docs/examples/council.toml shows every key); without --council, ask for each "
        "value in turn.",
    )
    new.add_argument("dir", type=Path, help="the folder to create (it must not exist, or be empty)")
    new.add_argument("--council", type=Path, metavar="FILE", help="the council file (TOML)")
    new.add_argument(
        "--engine",
        metavar="REQUIREMENT",
        help="the engine line of the site's requirements.txt (default: this engine, as it was "
        "installed)",
    )
    new.add_argument("--no-git", action="store_true", help="do not run git init")
    for name, text in PIPELINE.items():
        commands.add_parser(name, help=text, add_help=False)
    for name, (_, text) in PUBLISH.items():
        commands.add_parser(name, help=text, add_help=False)
    for name, text in (
        ("html", "build output/ from the site bundle with Pelican (all or nothing)"),
        ("site", "analyse, then build output/: nothing is built if the data has problems"),
    ):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("--datasets", type=Path, default=DATASETS)
        command.add_argument("--bundle", type=Path, default=BUNDLE)
        command.add_argument("--output", type=Path, default=OUTPUT)
        command.add_argument(
            "--settings", type=Path, default=Path("pelicanconf.py"), help="Pelican settings"
        )
        command.add_argument(
            "--publish", action="store_true", help="use publishconf.py (the public address)"
        )
        command.add_argument(
            "-e", "--extra", action="append", default=[], metavar="KEY=JSON",
            help="a Pelican setting to override, as pelican -e takes it",
        )  # fmt: skip
    serve = commands.add_parser("serve", help="serve output/ on http://127.0.0.1:8000")
    serve.add_argument("--output", type=Path, default=OUTPUT)
    serve.add_argument("--port", type=int, default=8000)
    return parser


def _build(args: argparse.Namespace) -> int:
    from shafaf import build

    if args.command == "site":
        from pipeline import cli as pipeline_cli

        code = pipeline_cli.main(["analyse", str(args.datasets), "--out", str(args.bundle)])
        if code != EXIT_OK:
            return code
    settings = Path("publishconf.py") if args.publish else args.settings
    try:
        build.html(
            settings, args.datasets, args.bundle, args.output, build.parse_overrides(args.extra)
        )
    except build.BuildError as error:
        print(error, file=sys.stderr)
        return EXIT_DATA
    print(f"Built the site into {args.output}/.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PIPELINE:
        from pipeline import cli as pipeline_cli

        return pipeline_cli.main(argv)
    if argv and argv[0] in PUBLISH:
        from publish import cli as publish_cli

        return publish_cli.main([PUBLISH[argv[0]][0], *argv[1:]])
    args = _parser().parse_args(argv)
    if args.command == "new":
        from shafaf.scaffold import ScaffoldError, create

        try:
            create(args.dir, args.council, engine=args.engine, git=not args.no_git)
        except ScaffoldError as error:
            print(f"shafaf new: {error}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    if args.command == "serve":
        import subprocess

        command = [sys.executable, "-m", "pelican", "--listen", "-o", str(args.output)]
        return subprocess.call([*command, "-b", "127.0.0.1", "-p", str(args.port)])
    return _build(args)


if __name__ == "__main__":
    sys.exit(main())
