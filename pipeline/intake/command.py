"""``python -m pipeline import``: the options, the profile they add to, the check afterwards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipeline.i18n import SOURCE_LANG, clerk_gettext
from pipeline.i18n import lazy_gettext as _
from pipeline.intake import headers, profile
from pipeline.intake.dates import offset_text
from pipeline.intake.errors import IntakeError, UsageError
from pipeline.intake.profile import Counter, Profile
from pipeline.intake.report import Report, in_sheet, text
from pipeline.intake.run import APPEND, NEW, REPLACE, UPDATE, Request, import_file
from pipeline.intake.target import YEARLY, is_resource_file

SITE_SYNONYMS = "synonyms.toml"


def _pair(value: str, flag: str, form: str, last: bool = False) -> tuple[str, str]:
    left, sep, right = value.rpartition("=") if last else value.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise UsageError(
            _("%(flag)s %(value)s: write it as %(form)s.", flag=flag, value=repr(value), form=form)
        )
    return left.strip(), right.strip()


def given(args: argparse.Namespace) -> dict[str, Any]:
    """What the command line says, in a profile's terms."""
    constants = dict(_pair(v, "--set", "COLUMN=VALUE") for v in args.set)
    headers_map = {}
    for value in args.header:
        label, column = _pair(value, "--header", '"SHEET HEADER=COLUMN"', last=True)
        headers_map[label] = column
    crosswalks: dict[str, dict[str, str]] = {}
    for value in args.map:
        column, sep, rest = value.partition(":")
        if not sep or not column.strip():
            raise UsageError(
                _(
                    "%(flag)s %(value)s: write it as %(form)s.",
                    flag="--map",
                    value=repr(value),
                    form='"COLUMN:SOURCE VALUE=CODE"',
                )
            )
        source, code = _pair(rest, "--map", '"COLUMN:SOURCE VALUE=CODE"', last=True)
        crosswalks.setdefault(column.strip(), {})[source] = code
    keep: dict[str, tuple[str, ...]] = {}
    for value in args.keep:
        label, wanted = _pair(value, "--keep", '"SHEET HEADER=VALUE"')
        keep[label] = (*keep.get(label, ()), wanted)
    counters = {}
    for value in args.make_ids:
        column, prefix = _pair(value, "--make-ids", "COLUMN=PREFIX")
        counters[column] = Counter(prefix)
    mode = None
    if args.append:
        mode = APPEND
    elif args.update:
        mode = UPDATE
    elif args.replace:
        mode = REPLACE
    return {
        "dataset": args.dataset,
        "sheet": args.sheet,
        "dates": args.dates,
        "mode": mode,
        "ignore": tuple(args.drop),
        "headers": headers_map,
        "constants": constants,
        "fiscal_year_from": {"fiscal_year": args.fiscal_year_from} if args.fiscal_year_from else {},
        "counters": counters,
        "crosswalks": crosswalks,
        "keep": keep,
    }


def run(args: argparse.Namespace, config: dict[str, Any], lang: str = SOURCE_LANG) -> int:
    """The import command; its exit code. ``config`` are the site's settings; what it says is
    in ``lang``."""
    from pipeline.validate import codes, render, validate

    clerk = clerk_gettext(lang)

    imports = args.imports if args.imports is not None else args.datasets.parent / "imports"
    try:
        base = profile.load(args.profile, imports) if args.profile else Profile()
        flags = given(args)
        # --drop is reported as --drop, the profile's ignore list as the profile's.
        drop = flags.pop("ignore")
        merged = profile.merge(base, **flags)
        if merged.dataset is None:
            raise UsageError(
                _(
                    "Say where the rows go: %(dataset)s (e.g. %(example)s), or %(profile)s for a "
                    "profile that names it.",
                    dataset="--dataset PACKAGE/TABLE",
                    example="spending/payments",
                    profile="--profile NAME",
                )
            )
        site: dict[str, tuple[str, ...]] = {}
        serial: tuple[str, ...] = ()
        if (imports / SITE_SYNONYMS).is_file():
            site, serial = headers.site_synonyms(imports / SITE_SYNONYMS)
        save_path = _save_path(args, imports)
        request = Request(
            source=args.file,
            dataset=merged.dataset,
            root=args.datasets,
            sheet=merged.sheet,
            out=args.out,
            drop=drop,
            dates=merged.dates,
            mode=merged.mode or NEW,
            offset=offset_text(config["utc_offset_hours"]),
            profile=merged,
            fiscal_year_start_month=config["fiscal_year_start_month"],
            synonyms=site,
            serial_names=serial,
        )
        report = import_file(request)
    except IntakeError as error:
        print(clerk.gettext("Nothing was imported. %(why)s", why=error.text(lang)), file=sys.stderr)
        return error.exit_code
    sys.stdout.write(text(report, lang))
    if save_path is not None:
        _save(save_path, args, request, report, lang)
    written = [r.out for r in report.files]
    in_dataset = args.out is None or is_resource_file(args.out, args.datasets)
    if args.no_check or not in_dataset or not written:
        command = "python -m pipeline validate " + " ".join(map(str, written))
        print(clerk.gettext("Next, check it: %(command)s", command=command))
        return 0
    checked = validate(written, config)
    shown = ", ".join(map(str, written))
    if checked.valid:
        print(
            clerk.gettext(
                "Checked %(files)s: no problems found. Next: send it (%(guide)s, step 3).",
                files=shown,
                guide="docs/clerk-guide.md",
            )
        )
        return 0
    print()
    print(
        clerk.gettext(
            "Checked %(files)s: there are problems to fix before it can be published.",
            files=shown,
        )
    )
    print()
    sys.stdout.write(render.text(checked, config["rows_listed"], lang))
    files = {p.resolve() for p in written}
    problems = [
        (codes.CODES[f.code].title, Path(f.file), row, f.column)
        for f in checked.errors
        if Path(f.file).resolve() in files
        for row in f.rows
    ]
    if where := in_sheet(report, problems, lang):
        sys.stdout.write("\n" + where)
    return 1


def _save_path(args: argparse.Namespace, imports: Path) -> Path | None:
    if not args.save_profile:
        return None
    path = profile.path_of(args.save_profile, imports)
    if path.exists() and args.save_profile != args.profile:
        raise UsageError(
            _(
                "%(path)s already exists: choose another name for %(option)s, or to rewrite it "
                "with what this command adds, give %(profile)s too.",
                path=str(path),
                option="--save-profile",
                profile=f"--profile {args.save_profile}",
            )
        )
    return path


def _saved_dataset(request: Request, report: Report) -> str:
    """A yearly table is saved as its family, so next year's rows find their own file."""
    package, _slash, table = request.dataset.strip().strip("/").partition("/")
    yearly = YEARLY.fullmatch(table)
    years = {"fiscal_year"} & ({c.field for c in report.columns if c.field})
    if yearly and years and len(report.files) == 1:
        return f"{package}/{yearly.group(1)}"
    return request.dataset


def _save(
    path: Path, args: argparse.Namespace, request: Request, report: Report, lang: str
) -> None:
    mapped = [(c.label, c.field, str(c.how)) for c in report.columns if c.letter and c.field]
    chosen = {label: name for label, name, _how in mapped}
    mode = UPDATE if request.mode == UPDATE else APPEND
    saved = profile.merge(
        request.profile,
        dataset=_saved_dataset(request, report),
        mode=mode,
        headers=chosen,
        ignore=request.drop,
    )
    saved = profile.Profile(**{**saved.__dict__, "name": args.save_profile, "path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profile.render(saved, mapped, args.file.name), encoding="utf-8")
    said = clerk_gettext(lang).gettext(
        "Saved the profile %(path)s: next time, import with %(option)s.",
        path=str(path),
        option=f"--profile {args.save_profile}",
    )
    print(said)


__all__ = ["given", "run"]
