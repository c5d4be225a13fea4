"""Command line: ``python -m publish.feedback serve|export|show|new-key``.

Exit codes: 0 done, 1 not found, 2 usage or configuration errors (the message says what to fix).
"""

from __future__ import annotations

import argparse
import secrets
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from pipeline import settings as pipeline_settings
from publish.feedback import catalogue as catalogue_module
from publish.feedback import config as config_module
from publish.feedback import export as export_module
from publish.feedback.render import update, when
from publish.feedback.store import StoreError, open_store

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file (TOML)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLite file path or postgresql://… URL (overrides the settings)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m publish.feedback",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the Open311 service")
    _common(serve)
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8311)")
    export = commands.add_parser(
        "export", help="write every complaint's public fields to a CSV file for the pipeline"
    )
    _common(export)
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="CSV to write")
    show = commands.add_parser(
        "show", help="staff only, on the server: one complaint with its private contact details"
    )
    _common(show)
    show.add_argument("service_request_id")
    commands.add_parser("new-key", help="print a new random API key for a member of staff")
    return parser


def _offset(config: config_module.Config) -> int:
    values = pipeline_settings.load(config.datasets / "settings.toml")
    return int(values["utc_offset_hours"])


def _serve(config: config_module.Config) -> int:
    import uvicorn

    from publish.feedback.app import create_app

    catalogue = catalogue_module.load(config.datasets, config.jurisdictions)
    offset = _offset(config)
    store = open_store(config.database, config.pool_size)
    kind = "PostgreSQL" if "://" in config.database else f"SQLite {config.database}"
    print(
        f"Open311 service on http://{config.host}:{config.port}/open311/v2/ ({kind}; "
        f"{len(catalogue.jurisdictions)} local government(s), {len(catalogue.services)} "
        f"categories; {len(config.api_keys)} staff key(s)). Stop with Ctrl+C.",
        flush=True,
    )
    try:
        uvicorn.run(
            create_app(config, catalogue, store, offset),
            host=config.host,
            port=config.port,
            access_log=config.access_log,
            proxy_headers=bool(config.forwarded_allow_ips),
            forwarded_allow_ips=config.forwarded_allow_ips or None,
            log_level="info",
        )
    finally:
        store.close()
    return EXIT_OK


def _export(config: config_module.Config, out: Path) -> int:
    offset = _offset(config)
    store = open_store(config.database, config.pool_size)
    try:
        count = export_module.write(store, out, offset)
    finally:
        store.close()
    print(f"Wrote {count} complaint(s), public fields only, to {out}.")
    return EXIT_OK


def _show(config: config_module.Config, key: str) -> int:
    offset = _offset(config)
    store = open_store(config.database, config.pool_size)
    try:
        found = store.get([key])
        if not found:
            print(f"There is no complaint {key}.", file=sys.stderr)
            return EXIT_NOT_FOUND
        record, contact, history = found[0], store.contact(key), store.history(key) or []
    finally:
        store.close()
    for name, value in record.__dict__.items():
        if name.endswith("_at"):
            value = when(value, offset)
        print(f"{name:<20} {value if value is not None else ''}")
    print("-- private: never published --")
    if contact is None:
        print("(no contact details given)")
    else:
        for name, value in contact.__dict__.items():
            if value not in ("", None):
                print(f"{name:<20} {value}")
    print("-- history --")
    for entry in history:
        shown = update(entry, offset)
        print(
            f"{shown['updated_datetime']}  {shown['status']:<6} {shown['status_detail']:<18} "
            f"{shown['agency_responsible']:<5} {shown['status_notes'] or ''}"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "new-key":
        print(secrets.token_urlsafe(32))
        return EXIT_OK
    try:
        config = config_module.load(args.config).with_overrides(
            database=args.database,
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
        )
        config_module.check(config)
        if args.command == "serve":
            return _serve(config)
        if args.command == "export":
            return _export(config, args.out)
        if args.command == "show":
            return _show(config, args.service_request_id)
    except (
        config_module.ConfigError,
        catalogue_module.CatalogueError,
        pipeline_settings.SettingsError,
        StoreError,
    ) as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"Cannot {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:
        if args.debug:
            raise
        print(
            "Internal error in the feedback service. Run again with --debug and report:",
            file=sys.stderr,
        )
        print(
            "".join(traceback.format_exception_only(*sys.exc_info()[:2])).strip(), file=sys.stderr
        )
        return EXIT_USAGE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE
