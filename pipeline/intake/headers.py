"""Finding the header row of a sheet and which schema column each of its columns is."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.i18n import Localized, Phrase, Text
from pipeline.i18n import lazy_gettext as _
from pipeline.intake.errors import IntakeError, Joined, Message, UsageError, bullets, sentences
from pipeline.intake.sheets import Cell, Sheet
from pipeline.intake.target import Field, Target
from pipeline.validate.findings import column_letter

SYNONYMS_FILE = Path(__file__).with_name("synonyms.toml")
#: How far down a sheet the header row may be (title rows above it are skipped).
HEADER_SEARCH_ROWS = 30
_URDU_FORMS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ۀ": "ۂ"})
_INVISIBLE = re.compile("[\u0640\u064b-\u065f\u0670\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
#: How a sheet's header was matched to a column, as the report says it.
SAME_NAME = _("same name")
ENGLISH_TITLE = _("its English title")
URDU_TITLE = _("its Urdu title")
KNOWN_NAME = _("a known other name")
SITE_NAME = _("the site's synonyms")
PROFILE_MAP = _("the profile's header map")


def normal(label: str) -> str:
    """'Amount (Rs.)', ' AMOUNT ' and 'amount' compare as 'amount rs', 'amount', 'amount'."""
    text = unicodedata.normalize("NFKC", label).casefold().translate(_URDU_FORMS)
    text = _INVISIBLE.sub("", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def bare(label: str) -> str:
    """The label without the text in brackets: 'Amount (Rs.)' reads as 'amount'."""
    return normal(_BRACKETS.sub(" ", label))


@cache
def synonyms(path: Path = SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """The documented header names of each column (see synonyms.toml)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {name: tuple(names) for name, names in data.get("synonyms", {}).items()}


SYNONYM_SECTIONS = ("synonyms", "row_numbers")


def site_synonyms(path: Path) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """A site's own header names (``imports/synonyms.toml``, the engine file's format): the
    synonyms of each column and the names of serial-number columns; exit 2 if it is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(
            _("%(path)s cannot be read as TOML: %(error)s.", path=str(path), error=str(error))
        ) from error
    sections = {"synonyms": "[synonyms]", "row_numbers": "[row_numbers]"}
    for key in data:
        if key not in SYNONYM_SECTIONS:
            near = difflib.get_close_matches(key, SYNONYM_SECTIONS, n=1)
            raise UsageError(
                sentences(
                    _("%(path)s: unknown section %(section)s.", path=str(path), section=f"[{key}]"),
                    _("Did you mean %(name)s?", name=f"[{near[0]}]") if near else None,
                    _(
                        "It may hold %(synonyms)s (%(synonyms_form)s) and %(row_numbers)s "
                        "(%(row_numbers_form)s).",
                        synonyms_form='column = ["header", …]',
                        row_numbers_form='names = ["Sr. No", …]',
                        **sections,
                    ),
                )
            )
    table = data.get("synonyms", {})
    rows = data.get("row_numbers", {})
    if not isinstance(table, dict) or not isinstance(rows, dict):
        raise UsageError(
            _(
                "%(path)s: %(synonyms)s and %(row_numbers)s must be tables.",
                path=str(path),
                **sections,
            )
        )
    out: dict[str, tuple[str, ...]] = {}
    for name, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise UsageError(
                _(
                    "%(path)s: %(entry)s must be a list of header names, like %(example)s.",
                    path=str(path),
                    entry=f"[synonyms] {name}",
                    example=f'{name} = ["Header one", "Header two"]',
                )
            )
        out[name] = tuple(names)
    extra = set(rows) - {"names"}
    serial = rows.get("names", [])
    if extra or not isinstance(serial, list) or not all(isinstance(n, str) for n in serial):
        raise UsageError(
            _(
                "%(path)s: %(row_numbers)s holds only %(form)s.",
                path=str(path),
                row_numbers="[row_numbers]",
                form='names = ["Sr. No", …]',
            )
        )
    return out, tuple(serial)


@dataclass(frozen=True)
class Names:
    """The header names a table's columns are known by, for one import."""

    exact: dict[str, dict[str, Message]]  # normal(label) -> {field: how}
    loose: dict[str, dict[str, Message]]  # bare(label) -> {field: how}
    chosen: dict[str, str] = field(default_factory=dict)  # normal(label) -> field (profile)
    known: dict[str, tuple[str, str]] = field(default_factory=dict)  # normal -> (field, label)
    serial: tuple[str, ...] = ()


def names_for(
    target: Target,
    site: dict[str, tuple[str, ...]] | None = None,
    chosen: dict[str, str] | None = None,
    serial: tuple[str, ...] = (),
) -> Names:
    """The names of ``target``'s columns: their own, the engine's and the site's synonyms,
    and the header map a profile gives (which wins over all of them)."""
    exact: dict[str, dict[str, Message]] = {}
    loose: dict[str, dict[str, Message]] = {}
    known: dict[str, tuple[str, str]] = {}
    engine = synonyms()
    for f in target.fields:
        sources: list[tuple[str, Message]] = [(f.name, SAME_NAME), (f.title, ENGLISH_TITLE)]
        sources += [(f.title_ur, URDU_TITLE)]
        sources += [(s, KNOWN_NAME) for s in engine.get(f.name, ())]
        sources += [(s, SITE_NAME) for s in (site or {}).get(f.name, ())]
        for label, how in sources:
            if label:
                exact.setdefault(normal(label), {}).setdefault(f.name, how)
                loose.setdefault(bare(label), {}).setdefault(f.name, how)
                known.setdefault(normal(label), (f.name, label))
    picked = {normal(label): name for label, name in (chosen or {}).items()}
    return Names(exact, loose, picked, known, tuple(serial_names()) + tuple(serial))


def suggest(label: str, names: Names, target: Target) -> Phrase | None:
    """'Did you mean 'supplier_name' (Supplier)?' for a header close to a known name (the title
    in the reader's language where the schema gives one)."""
    key = normal(label)
    if not key:
        return None
    near = difflib.get_close_matches(key, list(names.known), n=1, cutoff=0.6)
    if not near:
        near = difflib.get_close_matches(bare(label), list(names.known), n=1, cutoff=0.6)
    if not near:
        return None
    name = names.known[near[0]][0]
    f = target.field(name)
    if f is not None and f.title and f.title != name:
        title = Localized({"en": f.title, "ur": f.title_ur})
        return _("Did you mean '%(option)s' (%(title)s)?", option=name, title=title)
    return _("Did you mean '%(option)s'?", option=name)


@dataclass(frozen=True)
class Match:
    """A spreadsheet column and what it becomes."""

    index: int  # 0-based column of the sheet
    label: str
    field: str | None  # None: dropped
    how: Message  # SAME_NAME, ENGLISH_TITLE, URDU_TITLE, KNOWN_NAME…

    @property
    def letter(self) -> str:
        return column_letter(self.index) or "?"


@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and how its columns map to the schema."""

    row: int  # 0-based index of the header row in the sheet
    columns: tuple[Match, ...]
    missing: tuple[Field, ...]  # fields no column maps to


Keys = tuple[dict[str, dict[str, Message]], dict[str, dict[str, Message]]]


def _keys(fields: tuple[Field, ...]) -> Keys:
    """Label -> {field name: how}, exact forms first, then forms without brackets."""
    names = names_for(Target("", Path(), fields, (), ()))
    return names.exact, names.loose


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def identify(label: str, keys: Keys | Names) -> dict[str, Message]:
    """The fields a header label may mean, with how it matched; several mean it is ambiguous.

    A profile's header map wins; then an exact match (after :func:`normal`) wins over one that
    ignores text in brackets.
    """
    if isinstance(keys, Names):
        if (chosen := keys.chosen.get(normal(label))) is not None:
            return {chosen: PROFILE_MAP}
        exact, loose = keys.exact, keys.loose
    else:
        exact, loose = keys
    for table, key in ((exact, normal(label)), (exact, bare(label)), (loose, normal(label))):
        if key and key in table:
            return table[key]
    return loose.get(bare(label), {}) if bare(label) else {}


def score(row: list[Cell], keys: Keys | Names) -> int:
    """How many different schema columns a row's cells name."""
    found: set[str] = set()
    for cell in row:
        if isinstance(cell, str) and cell.strip():
            fields = identify(cell, keys)
            if len(fields) == 1:
                found.update(fields)
    return len(found)


def find_header(sheet: Sheet, target: Target, names: Names | None = None) -> tuple[int, int]:
    """The best header row of the sheet (0-based) and how many columns it names."""
    keys = names or names_for(target)
    best, best_score = 0, -1
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        got = score(row, keys)
        if got > best_score:
            best, best_score = index, got
    return best, max(best_score, 0)


def _dropped(label: str, index: int, drop: list[str]) -> str | None:
    """The --drop value that names this column (by its header or its letter), if any."""
    letter = column_letter(index) or ""
    for wanted in drop:
        if wanted.strip().upper() == letter or (label and normal(wanted) == normal(label)):
            return wanted
    return None


def _numbering(label: str, cells: list[Cell], serial: tuple[str, ...] = ()) -> bool:
    """Whether a column is a serial-number column ("Sr. No", "نمبر شمار") counting 1, 2, 3…

    Such a column is left out (and the report says so); any other unknown column is refused.
    """
    if normal(label) not in {normal(n) for n in serial or serial_names()}:
        return False
    numbers = [_text(c).removesuffix(".0") for c in cells if _text(c)]
    return bool(numbers) and numbers == [str(n) for n in range(1, len(numbers) + 1)]


@cache
def serial_names(path: Path = SYNONYMS_FILE) -> tuple[str, ...]:
    """Header names of serial-number columns (synonyms.toml, [row_numbers])."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(data.get("row_numbers", {}).get("names", ()))


@dataclass(frozen=True)
class Leave:
    """Columns of the sheet to leave out, and why: ``--drop`` or the profile's ignore list."""

    drop: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()  # columns used only to choose rows ([keep] of the profile)
    provided: tuple[str, ...] = ()  # fields a profile fills (constants, derived values)

    def why(self, label: str, index: int) -> tuple[str, Message] | None:
        ways: tuple[tuple[tuple[str, ...], Message], ...] = (
            (self.drop, "--drop"),
            (self.ignore, _("ignored by the profile")),
        )
        for values, how in ways:
            if (wanted := _dropped(label, index, list(values))) is not None:
                return wanted, how
        return None


def map_columns(
    sheet: Sheet,
    row: int,
    target: Target,
    drop: list[str] | Leave,
    names: Names | None = None,
) -> Header:
    """Map every column of the header row to a schema column; refuse what cannot be mapped."""
    keys = names or names_for(target)
    leave = drop if isinstance(drop, Leave) else Leave(tuple(drop))
    used_drops: set[str] = set()
    header = [_text(c) for c in sheet.rows[row]]
    width = max([len(header)] + [len(r) for r in sheet.rows[row + 1 :]])
    header += [""] * (width - len(header))
    body = [r for r in sheet.rows[row + 1 :] if any(_text(c) for c in r)]
    matches: list[Match] = []
    used: dict[str, Match] = {}
    problems: list[Message] = []
    for index, label in enumerate(header):
        letter = column_letter(index)
        if (left := leave.why(label, index)) is not None:
            used_drops.add(left[0])
            matches.append(Match(index, label, None, left[1]))
            continue
        if not label:
            if any(_text(r[index]) for r in sheet.rows[row + 1 :] if index < len(r)):
                problems.append(
                    _(
                        "Column %(letter)s has no name in the header row (row %(row)s) but holds "
                        "data. Give it the name of the column it is, or leave it out with "
                        "%(drop)s.",
                        letter=letter,
                        row=row + 1,
                        drop=f"--drop {letter}",
                    )
                )
            continue
        fields = identify(label, keys)
        cells = [r[index] if index < len(r) else None for r in body]
        if not fields and _numbering(label, cells, keys.serial):
            matches.append(Match(index, label, None, _("it only numbers the rows 1, 2, 3…")))
            continue
        if not fields and (wanted := _dropped(label, index, list(leave.keep))) is not None:
            used_drops.add(wanted)
            chooses = _("used only to choose the rows (%(keep)s of the profile)", keep="[keep]")
            matches.append(Match(index, label, None, chooses))
            continue
        if len(fields) == 2:
            first, second = sorted(fields)
            problems.append(
                _(
                    "Column %(letter)s '%(label)s' could be '%(first)s' or '%(second)s': rename "
                    "it in the header row to one of these.",
                    letter=letter,
                    label=label,
                    first=first,
                    second=second,
                )
            )
            continue
        if len(fields) > 2:
            problems.append(
                _(
                    "Column %(letter)s '%(label)s' could be any of %(columns)s: rename it in the "
                    "header row to one of these.",
                    letter=letter,
                    label=label,
                    columns=", ".join(sorted(fields)),
                )
            )
            continue
        if not fields:
            problems.append(
                sentences(
                    _(
                        "Column %(letter)s '%(label)s' is not one of the columns of %(table)s.",
                        letter=letter,
                        label=label,
                        table=target.name,
                    ),
                    suggest(label, keys, target),
                    _(
                        "Rename it to the column it is, tell the import with %(header)s, or leave "
                        "it out with %(drop)s (nothing is left out unless you say so).",
                        header=f'--header "{label}=COLUMN"',
                        drop=f'--drop "{label}"',
                    ),
                )
            )
            continue
        [(name, how)] = fields.items()
        if name in used:
            other = used[name]
            problems.append(
                _(
                    "Columns %(other_letter)s '%(other_label)s' and %(letter)s '%(label)s' both "
                    "mean '%(column)s'. Keep one, or leave the other out with %(drop)s.",
                    other_letter=other.letter,
                    other_label=other.label,
                    letter=letter,
                    label=label,
                    column=name,
                    drop=f"--drop {letter}",
                )
            )
            continue
        used[name] = Match(index, label, name, how)
        matches.append(used[name])
    seen = ", ".join(f"'{h}'" for h in header if h)
    ways: tuple[tuple[tuple[str, ...], Message], ...] = (
        (leave.drop, "--drop"),
        (leave.ignore, _("the profile's ignore list")),
    )
    for values, what in ways:
        for wanted in values:
            if wanted not in used_drops:
                raise UsageError(
                    _(
                        "%(what)s names '%(wanted)s', but sheet '%(sheet)s' has no column with "
                        "that name or letter (its header is in row %(row)s: %(seen)s).",
                        what=what,
                        wanted=wanted,
                        sheet=sheet.name,
                        row=row + 1,
                        seen=seen,
                    )
                )
    for wanted in leave.keep:
        if wanted not in used_drops and not any(normal(wanted) == normal(h) for h in header):
            raise UsageError(
                _(
                    "The profile's %(keep)s names the column '%(wanted)s', but sheet '%(sheet)s' "
                    "has none (its header is in row %(row)s: %(seen)s).",
                    keep="[keep]",
                    wanted=wanted,
                    sheet=sheet.name,
                    row=row + 1,
                    seen=seen,
                )
            )
    missing = tuple(f for f in target.fields if f.name not in used)
    needed = [f for f in missing if f.required and f.name not in leave.provided]
    if needed:
        problems.append(
            _(
                "The sheet has no column for %(lacking)s, which every row needs. Add the column to "
                "the sheet (any of the names in %(doc)s is understood), or give one value for "
                "every row with %(set)s, then import again.",
                lacking=Joined(tuple(named(f) for f in needed), ", ", "، "),
                doc="docs/intake.md",
                set="--set COLUMN=VALUE",
            )
        )
        dated = next(
            (f.name for f in target.fields if f.name in used and f.type in ("date", "datetime")),
            None,
        )
        if dated and any(f.name == "fiscal_year" for f in needed):
            problems.append(
                _(
                    "The fiscal year can be worked out from each row's date: add %(option)s.",
                    option=f"--fiscal-year-from {dated}",
                )
            )
    if problems:
        raise IntakeError(
            bullets(
                _(
                    "Cannot import %(table)s from sheet '%(sheet)s', header in row %(row)s:",
                    table=target.name,
                    sheet=sheet.name,
                    row=row + 1,
                ),
                problems,
                columns_are(target),
            )
        )
    return Header(row, tuple(matches), missing)


def named(f: Field) -> Joined:
    """'fiscal_year' (Fiscal year): a column by its name and its title in the reader's words."""
    title = Localized({"en": f.title, "ur": f.title_ur})
    return Joined((Text("'"), f.name, Text("' ("), title, Text(")")), "")


def columns_are(target: Target) -> Phrase:
    """The sentence listing a table's columns, which ends most refusals."""
    return _(
        "The columns of %(table)s are: %(columns)s.",
        table=target.name,
        columns=", ".join(target.names),
    )


#: How many of a sheet's first non-empty rows a "no header row found" message shows.
ROWS_SEEN = 5
CELLS_SEEN = 10


def seen(sheet: Sheet) -> Joined:
    """The first non-empty rows of a sheet, as a message shows them."""
    shown: list[Message] = []
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        cells = [f"'{_text(c)}'" for c in row if _text(c)]
        if cells:
            listed: Message = ", ".join(cells[:CELLS_SEEN])
            if len(cells) > CELLS_SEEN:
                listed = _(
                    "%(rows)s … and %(more)s more", rows=listed, more=len(cells) - CELLS_SEEN
                )
            said = _("row %(row)s: %(cells)s", row=number, cells=listed)
            shown.append(Joined((Text("  "), said), ""))
        if len(shown) == ROWS_SEEN:
            break
    if not shown:
        shown = [Joined((Text("  "), _("(nothing: the sheet is empty)")), "")]
    return Joined(tuple(shown), "\n")


def choose_sheet(
    sheets: list[Sheet], target: Target, wanted: str | None, names: Names | None = None
) -> tuple[Sheet, int]:
    """The sheet to import and its header row: the one asked for, or the one that fits best."""
    needed = min(2, len(target.fields))
    if wanted is not None:
        asked = [s for s in sheets if s.name == wanted or s.name.strip() == wanted.strip()]
        if not asked and wanted.isdigit() and 0 < int(wanted) <= len(sheets):
            asked = [sheets[int(wanted) - 1]]
        if not asked:
            listing = ", ".join(f"'{s.name}'" for s in sheets)
            raise UsageError(
                _(
                    "There is no sheet '%(sheet)s'. The sheets are: %(sheets)s.",
                    sheet=wanted,
                    sheets=listing,
                )
            )
        row, got = find_header(asked[0], target, names)
        if got < needed:
            raise IntakeError(_no_header([asked[0]], target))
        return asked[0], row
    scored = [(s, *find_header(s, target, names)) for s in sheets]
    fitting = [(s, row, got) for s, row, got in scored if got >= needed]
    if not fitting:
        raise IntakeError(_no_header(sheets, target))
    top = max(got for _, _, got in fitting)
    best = [(s, row) for s, row, got in fitting if got == top]
    if len(best) > 1:
        listing = ", ".join(f"'{s.name}'" for s, _row in best)
        raise IntakeError(
            _(
                "Several sheets look like %(table)s: %(sheets)s. Say which one to import, for "
                "example %(option)s.",
                table=target.name,
                sheets=listing,
                option=f'--sheet "{best[0][0].name}"',
            )
        )
    return best[0]


def _no_header(sheets: list[Sheet], target: Target) -> Joined:
    said: list[Message] = [
        _(
            "No sheet has a header row with the columns of %(table)s (%(columns)s). Check that "
            "you chose the right dataset, and that the column names are in one row near the top "
            "of the sheet. If the sheet names its columns differently, say which is which with "
            "%(header)s (or in a profile's %(headers)s).",
            table=target.name,
            columns=", ".join(target.names),
            header='--header "SHEET HEADER=COLUMN"',
            headers="[headers]",
        )
    ]
    for s in sheets[:3]:
        said += [_("Sheet '%(sheet)s' begins:", sheet=s.name), seen(s)]
    return Joined(tuple(said), "\n")
