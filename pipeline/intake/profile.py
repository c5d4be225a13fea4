"""Import profiles: what a site tells the import once, kept in ``imports/NAME.toml``.

A profile names the table, maps the source's headers, sets constants, derives the fiscal year
and (only where the source has none) ids, translates the source's values into the table's
codes, and says which columns and rows to leave out. docs/intake.md describes the format.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.i18n import Phrase
from pipeline.i18n import lazy_gettext as _
from pipeline.intake.dates import DAY_FIRST, MONTH_FIRST
from pipeline.intake.errors import Message, UsageError, bullets, sentences
from pipeline.intake.target import Target

#: Write modes a profile may ask for (the --append, --update and --replace options).
MODES = ("new", "append", "update", "replace")
#: The placeholder of an id prefix that is replaced by the row's fiscal year.
YEAR_PLACEHOLDER = "{fiscal_year}"
TOP_KEYS: tuple[str, ...] = ("dataset", "sheet", "dates", "mode", "utc_offset", "ignore")
TOP_KEYS += ("headers", "constants", "derive", "crosswalk", "keep")
DERIVE_KEYS = ("from", "counter", "digits")
SUFFIX = ".toml"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
OFFSET = re.compile(r"[+-](0\d|1[0-4]):[0-5]\d")


@dataclass(frozen=True)
class Counter:
    """Ids made from a row counter: ``prefix`` then the number, ``digits`` wide."""

    prefix: str  # may hold {fiscal_year}
    digits: int = 6


@dataclass(frozen=True)
class Profile:
    """Everything an import was told, from a profile file and the command line."""

    name: str = ""
    path: Path | None = None
    dataset: str | None = None
    sheet: str | None = None
    dates: str | None = None
    mode: str | None = None
    utc_offset: str | None = None  # the source's times are in this offset ("-08:00")
    ignore: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)  # source header -> column
    constants: dict[str, str] = field(default_factory=dict)  # column -> value
    fiscal_year_from: dict[str, str] = field(default_factory=dict)  # column -> date column
    counters: dict[str, Counter] = field(default_factory=dict)  # column -> how ids are made
    crosswalks: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {src: code}
    keep: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source header -> values

    @property
    def where(self) -> Message:
        return str(self.path) if self.path else COMMAND_LINE

    def derived(self) -> set[str]:
        return set(self.fiscal_year_from) | set(self.counters)


#: Where a profile given only by options comes from.
COMMAND_LINE = _("the command line")


def _close(word: str, choices: list[str] | tuple[str, ...]) -> Phrase | None:
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _("Did you mean '%(option)s'?", option=near[0]) if near else None


def path_of(name: str, folder: Path) -> Path:
    """``imports/NAME.toml`` for the profile NAME (a file name without folders)."""
    if not NAME.fullmatch(name) or name.endswith(SUFFIX):
        raise UsageError(
            _(
                "'%(name)s' is not a profile name: use letters, digits, '-', '_' or '.', without "
                "folders or '%(suffix)s' (the profile is the file %(file)s).",
                name=name,
                suffix=SUFFIX,
                file=f"{folder}/NAME{SUFFIX}",
            )
        )
    return folder / f"{name}{SUFFIX}"


def load(name: str, folder: Path) -> Profile:
    """Read and check the form of the profile ``folder/NAME.toml``; exit 2 if it is wrong."""
    path = path_of(name, folder)
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.stem != "synonyms")
        where = {"name": name, "path": str(path), "folder": str(folder)}
        listing = (
            _("The profiles in %(folder)s are: %(names)s.", names=", ".join(known), **where)
            if known
            else _("There are no profiles in %(folder)s yet.", **where)
        )
        raise UsageError(
            sentences(
                _("There is no profile '%(name)s': %(path)s does not exist.", **where),
                listing,
                _close(name, known),
                _(
                    "A first import can write one with %(option)s.",
                    option=f"--save-profile {name}",
                ),
            )
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(
            _("%(path)s is not a valid TOML file: %(error)s.", path=str(path), error=str(error))
        ) from error
    return parse(data, name, path)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(
            _(
                "%(where)s must be a list of texts, like %(example)s.",
                where=where,
                example='["Remarks", "K"]',
            )
        )
    return tuple(value)


def _table(data: dict[str, Any], key: str, where: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(
            _(
                "%(path)s: '%(key)s' must be a table: a line %(line)s and %(form)s under it.",
                path=str(where),
                key=key,
                line=f"[{key}]",
                form="'name = value'",
            )
        )
    return value


def _text_table(data: dict[str, Any], key: str, where: str) -> dict[str, str]:
    out = {}
    for name, value in data.items():
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise UsageError(
                _(
                    "%(path)s: %(entry)s must be a text in quotes.",
                    path=where,
                    entry=f"{key} {json.dumps(name)}",
                )
            )
        out[str(name)] = str(value)
    return out


def parse(data: dict[str, Any], name: str = "", path: Path | None = None) -> Profile:
    """A profile from the TOML it was read from; its form is checked (not its columns)."""
    where = path or Path(f"{name}{SUFFIX}")
    for key in data:
        if key not in TOP_KEYS:
            raise UsageError(
                sentences(
                    _("%(path)s: unknown setting '%(key)s'.", path=str(where), key=key),
                    _close(key, TOP_KEYS),
                    _("A profile may hold %(keys)s.", keys=", ".join(TOP_KEYS)),
                )
            )
    texts = {}
    for key in ("dataset", "sheet", "dates", "mode", "utc_offset"):
        value = data.get(key)
        if value is not None and not isinstance(value, str | int):
            raise UsageError(
                _("%(path)s: %(entry)s must be a text in quotes.", path=str(where), entry=key)
            )
        texts[key] = None if value is None else str(value)
    if texts["dates"] not in (None, DAY_FIRST, MONTH_FIRST):
        raise UsageError(
            _(
                "%(path)s: %(entry)s is not a date order: write %(day_first)s (%(example)s is 3 "
                "April) or %(month_first)s.",
                path=str(where),
                entry=f'dates = "{texts["dates"]}"',
                day_first=f'"{DAY_FIRST}"',
                example="03/04/2024",
                month_first=f'"{MONTH_FIRST}"',
            )
        )
    if texts["mode"] not in (None, *MODES):
        raise UsageError(
            sentences(
                _(
                    "%(path)s: %(entry)s is not a write mode.",
                    path=str(where),
                    entry=f'mode = "{texts["mode"]}"',
                ),
                _close(texts["mode"] or "", MODES),
                _("It is one of %(modes)s.", modes=", ".join(MODES)),
            )
        )
    if texts["utc_offset"] is not None and not OFFSET.fullmatch(texts["utc_offset"]):
        raise UsageError(
            _(
                "%(path)s: %(entry)s is not an offset from UTC: write it like %(east)s or "
                "%(west)s.",
                path=str(where),
                entry=f'utc_offset = "{texts["utc_offset"]}"',
                east='"+05:00"',
                west='"-08:00"',
            )
        )
    derive = _table(data, "derive", where)
    years: dict[str, str] = {}
    counters: dict[str, Counter] = {}
    for column, how in derive.items():
        entry = f"[derive] {column}"
        if not isinstance(how, dict):
            raise UsageError(
                _(
                    "%(path)s: %(entry)s must say how, e.g. %(from_example)s or "
                    "%(counter_example)s.",
                    path=str(where),
                    entry=entry,
                    from_example=f'{column} = {{ from = "payment_date" }}',
                    counter_example=f'{column} = {{ counter = "LBH-P", digits = 6 }}',
                )
            )
        for key in how:
            if key not in DERIVE_KEYS:
                raise UsageError(
                    sentences(
                        _(
                            "%(path)s: %(entry)s: unknown setting '%(key)s'.",
                            path=str(where),
                            entry=entry,
                            key=key,
                        ),
                        _close(key, DERIVE_KEYS),
                        _(
                            "It is '%(from)s' (the fiscal year of a date column) or "
                            "'%(counter)s' (ids made by counting, after this prefix) with "
                            "'%(digits)s'.",
                            **{key: key for key in DERIVE_KEYS},
                        ),
                    )
                )
        if ("from" in how) == ("counter" in how):
            raise UsageError(
                _(
                    "%(path)s: %(entry)s needs one of '%(from)s' (a date column) or "
                    "'%(counter)s' (an id prefix).",
                    path=str(where),
                    entry=entry,
                    **{"from": "from", "counter": "counter"},
                )
            )
        if "from" in how:
            years[column] = str(how["from"])
            continue
        digits = how.get("digits", 6)
        if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= 12:
            raise UsageError(
                _(
                    "%(path)s: %(entry)s: %(digits)s must be a number from 1 to 12.",
                    path=str(where),
                    entry=entry,
                    digits="digits",
                )
            )
        counters[column] = Counter(str(how["counter"]), digits)
    crosswalks = {}
    for column, table in _table(data, "crosswalk", where).items():
        if not isinstance(table, dict):
            raise UsageError(
                _(
                    "%(path)s: %(entry)s must be a table: a line %(line)s and %(form)s lines "
                    "under it.",
                    path=str(where),
                    entry=f"crosswalk.{column}",
                    line=f"[crosswalk.{column}]",
                    form='"source value" = "code"',
                )
            )
        crosswalks[column] = _text_table(table, f"[crosswalk.{column}]", str(where))
    keep = {
        label: _strings(values, f"{where}: [keep] {json.dumps(label)}")
        for label, values in _table(data, "keep", where).items()
    }
    return Profile(
        name=name,
        path=path,
        dataset=texts["dataset"],
        sheet=texts["sheet"],
        dates=texts["dates"],
        mode=texts["mode"],
        utc_offset=texts["utc_offset"],
        ignore=_strings(data.get("ignore", []), f"{where}: ignore"),
        headers=_text_table(_table(data, "headers", where), "[headers]", str(where)),
        constants=_text_table(_table(data, "constants", where), "[constants]", str(where)),
        fiscal_year_from=years,
        counters=counters,
        crosswalks=crosswalks,
        keep=keep,
    )


def merge(base: Profile, **given: Any) -> Profile:
    """``base`` with what the command line gave: single values replace, tables add up."""
    changes: dict[str, Any] = {}
    for key in ("dataset", "sheet", "dates", "mode"):
        if given.get(key) is not None:
            changes[key] = given[key]
    changes["ignore"] = tuple(dict.fromkeys([*base.ignore, *given.get("ignore", ())]))
    for key in ("headers", "constants", "fiscal_year_from", "counters", "keep"):
        changes[key] = {**getattr(base, key), **given.get(key, {})}
    crosswalks = {column: dict(table) for column, table in base.crosswalks.items()}
    for column, table in given.get("crosswalks", {}).items():
        crosswalks.setdefault(column, {}).update(table)
    changes["crosswalks"] = crosswalks
    return dataclasses.replace(base, **changes)


def check(profile: Profile, target: Target) -> None:
    """Refuse a profile that names columns the table does not have (exit 2)."""
    names = target.names
    problems: list[Message] = []

    def unknown(what: str, column: str) -> None:
        problems.append(
            sentences(
                _(
                    "%(entry)s: '%(column)s' is not a column of %(table)s.",
                    entry=what,
                    column=column,
                    table=target.name,
                ),
                _close(column, names),
            )
        )

    for label, column in profile.headers.items():
        if column not in names:
            unknown(f'[headers] {json.dumps(label)} = "{column}"', column)
    for column in profile.constants:
        if column not in names:
            unknown(f"[constants] {column}", column)
    for column, source in profile.fiscal_year_from.items():
        if column not in names:
            unknown(f"[derive] {column}", column)
        date = target.field(source)
        if date is None:
            unknown(f'[derive] {column} = {{ from = "{source}" }}', source)
        elif date.type not in ("date", "datetime"):
            problems.append(
                # Translators: %(type)s is the column's Table Schema type (string, number…);
                # the English makes it plural with "s".
                _(
                    "%(entry)s: '%(column)s' holds %(type)ss, not dates: the fiscal year is "
                    "derived from a date column.",
                    entry=f'[derive] {column} = {{ from = "{source}" }}',
                    column=source,
                    type=date.type,
                )
            )
    for column, counter in profile.counters.items():
        entry = f"[derive] {column}"
        if column not in names:
            unknown(entry, column)
        elif column not in target.id_columns and target.id_columns:
            problems.append(
                _(
                    "%(entry)s: ids are made only for the table's id column (%(key)s).",
                    entry=entry + " = { counter = ... }",
                    key=", ".join(target.id_columns),
                )
            )
        elif column not in target.id_columns:
            problems.append(
                _(
                    "%(entry)s: ids are made only for the table's id column, and %(table)s has "
                    "none.",
                    entry=entry + " = { counter = ... }",
                    table=target.name,
                )
            )
        if YEAR_PLACEHOLDER in counter.prefix and target.field("fiscal_year") is None:
            problems.append(
                _(
                    "%(entry)s: the prefix uses %(placeholder)s, but %(table)s has no "
                    "%(column)s column.",
                    entry=entry,
                    placeholder=YEAR_PLACEHOLDER,
                    table=target.name,
                    column="fiscal_year",
                )
            )
    for column in profile.crosswalks:
        if column not in names:
            unknown(f"[crosswalk.{column}]", column)
    both = set(profile.constants) & profile.derived()
    for column in sorted(both):
        problems.append(_("'%(column)s' is both a constant and derived: keep one.", column=column))
    if problems:
        raise UsageError(
            bullets(
                _(
                    "The profile in %(where)s does not fit %(table)s:",
                    where=profile.where,
                    table=target.name,
                ),
                problems,
                _(
                    "The columns of %(table)s are: %(columns)s.",
                    table=target.name,
                    columns=", ".join(names),
                ),
            )
        )


# --- writing a profile --------------------------------------------------------------------


def _q(text: str) -> str:
    """A TOML string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def render(profile: Profile, mapped: list[tuple[str, str, str]], source: str) -> str:
    """The profile as a commented TOML file a person can read and edit.

    ``mapped`` are (source header, column, how it matched) of the import that wrote it.
    """
    out = [
        f"# Import profile written by `shafaf import {source} --save-profile {profile.name}`.",
        f"# Next time: shafaf import FILE --profile {profile.name}",
        "# Edit it freely; Shafaf's docs/intake.md describes every setting. Options given on the",
        "# command line still win over what is written here.",
        "",
        "# Where the rows go. A family of yearly tables (spending/payments) sends each row to",
        "# the file of its fiscal year (payments-2026-27), adding that year's table if needed.",
        f"dataset = {_q(profile.dataset or '')}",
    ]
    if profile.sheet is not None:
        out += [
            "# The sheet to read, by name or number (1 = the first).",
            f"sheet = {_q(profile.sheet)}",
        ]
    if profile.dates is not None:
        out += ["# How to read dates like 03/04/2024.", f"dates = {_q(profile.dates)}"]
    if profile.utc_offset is not None:
        out += [
            "# The source's times are local times at this offset from UTC.",
            f"utc_offset = {_q(profile.utc_offset)}",
        ]
    if profile.mode is not None:
        out += [
            "# new (refuse to touch a file that holds other rows), append, update or replace.",
            f"mode = {_q(profile.mode)}",
        ]
    out += [
        "",
        "# Columns of the source to leave out, by header (or letter).",
        "ignore = [" + ", ".join(_q(i) for i in profile.ignore) + "]",
        "",
        "# The source's headers and the column each one is (source header = column).",
        "[headers]",
    ]
    hows = {label: how for label, _, how in mapped}
    for label, column in profile.headers.items():
        note = hows.get(label)
        out.append(f"{_q(label)} = {_q(column)}" + (f"  # matched by {note}" if note else ""))
    out += ["", "# The same value in every row (column = value).", "[constants]"]
    out += [f"{column} = {_q(value)}" for column, value in profile.constants.items()]
    out += [
        "",
        "# Values made from other columns: a fiscal year from a date column, or ids made by",
        "# counting (only for a source that has no ids of its own).",
        "[derive]",
    ]
    for column, source_column in profile.fiscal_year_from.items():
        out.append(f"{column} = {{ from = {_q(source_column)} }}")
    for column, counter in profile.counters.items():
        out.append(f"{column} = {{ counter = {_q(counter.prefix)}, digits = {counter.digits} }}")
    if profile.keep:
        out += ["", "# Only rows whose column holds one of these values are imported.", "[keep]"]
        for label, values in profile.keep.items():
            out.append(f"{_q(label)} = [" + ", ".join(_q(v) for v in values) + "]")
    for column, table in profile.crosswalks.items():
        out += [
            "",
            f"# The source's values of {column} and the code each one becomes.",
            f"[crosswalk.{column}]",
        ]
        out += [f"{_q(value)} = {_q(code)}" for value, code in table.items()]
    return "\n".join(out) + "\n"
