"""Finding the header row of a sheet and which schema column each of its columns is."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.intake.errors import IntakeError, UsageError
from pipeline.intake.sheets import Cell, Sheet
from pipeline.intake.target import Field, Target
from pipeline.validate.findings import column_letter

SYNONYMS_FILE = Path(__file__).with_name("synonyms.toml")
#: How far down a sheet the header row may be (title rows above it are skipped).
HEADER_SEARCH_ROWS = 30
_URDU_FORMS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ۀ": "ۂ"})
_INVISIBLE = re.compile("[\u0640\u064b-\u065f\u0670\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")


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
        raise UsageError(f"{path} cannot be read as TOML: {error}.") from error
    for key in data:
        if key not in SYNONYM_SECTIONS:
            near = difflib.get_close_matches(key, SYNONYM_SECTIONS, n=1)
            hint = f" Did you mean [{near[0]}]?" if near else ""
            raise UsageError(
                f"{path}: unknown section [{key}].{hint} It may hold [synonyms] (column = "
                '["header", …]) and [row_numbers] (names = ["Sr. No", …]).'
            )
    table = data.get("synonyms", {})
    rows = data.get("row_numbers", {})
    if not isinstance(table, dict) or not isinstance(rows, dict):
        raise UsageError(f"{path}: [synonyms] and [row_numbers] must be tables.")
    out: dict[str, tuple[str, ...]] = {}
    for name, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise UsageError(
                f"{path}: [synonyms] {name} must be a list of header names, like "
                f'{name} = ["Header one", "Header two"].'
            )
        out[name] = tuple(names)
    extra = set(rows) - {"names"}
    serial = rows.get("names", [])
    if extra or not isinstance(serial, list) or not all(isinstance(n, str) for n in serial):
        raise UsageError(f'{path}: [row_numbers] holds only names = ["Sr. No", …].')
    return out, tuple(serial)


@dataclass(frozen=True)
class Names:
    """The header names a table's columns are known by, for one import."""

    exact: dict[str, dict[str, str]]  # normal(label) -> {field: how}
    loose: dict[str, dict[str, str]]  # bare(label) -> {field: how}
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
    exact: dict[str, dict[str, str]] = {}
    loose: dict[str, dict[str, str]] = {}
    known: dict[str, tuple[str, str]] = {}
    engine = synonyms()
    for f in target.fields:
        sources = [(f.name, "same name"), (f.title, "its English title")]
        sources += [(f.title_ur, "its Urdu title")]
        sources += [(s, "a known other name") for s in engine.get(f.name, ())]
        sources += [(s, "the site's synonyms") for s in (site or {}).get(f.name, ())]
        for label, how in sources:
            if label:
                exact.setdefault(normal(label), {}).setdefault(f.name, how)
                loose.setdefault(bare(label), {}).setdefault(f.name, how)
                known.setdefault(normal(label), (f.name, label))
    picked = {normal(label): name for label, name in (chosen or {}).items()}
    return Names(exact, loose, picked, known, tuple(serial_names()) + tuple(serial))


def suggest(label: str, names: Names, target: Target) -> str:
    """' Did you mean 'supplier_name' (Supplier)?' for a header close to a known name."""
    key = normal(label)
    if not key:
        return ""
    near = difflib.get_close_matches(key, list(names.known), n=1, cutoff=0.6)
    if not near:
        near = difflib.get_close_matches(bare(label), list(names.known), n=1, cutoff=0.6)
    if not near:
        return ""
    name, _ = names.known[near[0]]
    f = target.field(name)
    title = f" ({f.title})" if f is not None and f.title and f.title != name else ""
    return f" Did you mean '{name}'{title}?"


@dataclass(frozen=True)
class Match:
    """A spreadsheet column and what it becomes."""

    index: int  # 0-based column of the sheet
    label: str
    field: str | None  # None: dropped
    how: str  # "same name", "its English title", "its Urdu title", "a known other name"…

    @property
    def letter(self) -> str:
        return column_letter(self.index) or "?"


@dataclass(frozen=True)
class Header:
    """Where a sheet's header is and how its columns map to the schema."""

    row: int  # 0-based index of the header row in the sheet
    columns: tuple[Match, ...]
    missing: tuple[Field, ...]  # fields no column maps to


Keys = tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]


def _keys(fields: tuple[Field, ...]) -> Keys:
    """Label -> {field name: how}, exact forms first, then forms without brackets."""
    names = names_for(Target("", Path(), fields, (), ()))
    return names.exact, names.loose


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def identify(label: str, keys: Keys | Names) -> dict[str, str]:
    """The fields a header label may mean, with how it matched; several mean it is ambiguous.

    A profile's header map wins; then an exact match (after :func:`normal`) wins over one that
    ignores text in brackets.
    """
    if isinstance(keys, Names):
        if (chosen := keys.chosen.get(normal(label))) is not None:
            return {chosen: "the profile's header map"}
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

    def why(self, label: str, index: int) -> tuple[str, str] | None:
        for values, how in ((self.drop, "--drop"), (self.ignore, "ignored by the profile")):
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
    problems: list[str] = []
    for index, label in enumerate(header):
        letter = column_letter(index)
        if (left := leave.why(label, index)) is not None:
            used_drops.add(left[0])
            matches.append(Match(index, label, None, left[1]))
            continue
        if not label:
            if any(_text(r[index]) for r in sheet.rows[row + 1 :] if index < len(r)):
                problems.append(
                    f"Column {letter} has no name in the header row (row {row + 1}) but holds "
                    f"data. Give it the name of the column it is, or leave it out with "
                    f"--drop {letter}."
                )
            continue
        fields = identify(label, keys)
        cells = [r[index] if index < len(r) else None for r in body]
        if not fields and _numbering(label, cells, keys.serial):
            matches.append(Match(index, label, None, "it only numbers the rows 1, 2, 3…"))
            continue
        if not fields and (wanted := _dropped(label, index, list(leave.keep))) is not None:
            used_drops.add(wanted)
            how = "used only to choose the rows ([keep] of the profile)"
            matches.append(Match(index, label, None, how))
            continue
        if len(fields) > 1:
            could = " or ".join(f"'{n}'" for n in sorted(fields))
            problems.append(
                f"Column {letter} '{label}' could be {could}: rename it in the header row to "
                "one of these."
            )
            continue
        if not fields:
            problems.append(
                f"Column {letter} '{label}' is not one of the columns of {target.name}."
                f"{suggest(label, keys, target)} Rename it to the column it is, tell the import "
                f'with --header "{label}=COLUMN", or leave it out with --drop "{label}" '
                "(nothing is left out unless you say so)."
            )
            continue
        [(name, how)] = fields.items()
        if name in used:
            other = used[name]
            problems.append(
                f"Columns {other.letter} '{other.label}' and {letter} '{label}' both mean "
                f"'{name}'. Keep one, or leave the other out with --drop {letter}."
            )
            continue
        used[name] = Match(index, label, name, how)
        matches.append(used[name])
    for values, what in ((leave.drop, "--drop"), (leave.ignore, "the profile's ignore list")):
        for wanted in values:
            if wanted not in used_drops:
                seen = ", ".join(f"'{h}'" for h in header if h)
                raise UsageError(
                    f"{what} names '{wanted}', but sheet '{sheet.name}' has no column with that "
                    f"name or letter (its header is in row {row + 1}: {seen})."
                )
    for wanted in leave.keep:
        if wanted not in used_drops and not any(normal(wanted) == normal(h) for h in header):
            seen = ", ".join(f"'{h}'" for h in header if h)
            raise UsageError(
                f"The profile's [keep] names the column '{wanted}', but sheet '{sheet.name}' has "
                f"none (its header is in row {row + 1}: {seen})."
            )
    missing = tuple(f for f in target.fields if f.name not in used)
    needed = [f for f in missing if f.required and f.name not in leave.provided]
    if needed:
        lacking = ", ".join(f"'{f.name}' ({f.title})" for f in needed)
        problems.append(
            f"The sheet has no column for {lacking}, which every row needs. Add the column to the "
            "sheet (any of the names in docs/intake.md is understood), or give one value for "
            "every row with --set COLUMN=VALUE, then import again."
        )
    if problems:
        where = f"sheet '{sheet.name}', header in row {row + 1}"
        raise IntakeError(
            f"Cannot import {target.name} from {where}:\n- "
            + "\n- ".join(problems)
            + f"\nThe columns of {target.name} are: {', '.join(target.names)}."
        )
    return Header(row, tuple(matches), missing)


#: How many of a sheet's first non-empty rows a "no header row found" message shows.
ROWS_SEEN = 5
CELLS_SEEN = 10


def seen(sheet: Sheet) -> str:
    """The first non-empty rows of a sheet, as a message shows them."""
    lines = []
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        cells = [f"'{_text(c)}'" for c in row if _text(c)]
        if cells:
            more = f" … and {len(cells) - CELLS_SEEN} more" if len(cells) > CELLS_SEEN else ""
            lines.append(f"  row {number}: {', '.join(cells[:CELLS_SEEN])}{more}")
        if len(lines) == ROWS_SEEN:
            break
    return "\n".join(lines) if lines else "  (nothing: the sheet is empty)"


def choose_sheet(
    sheets: list[Sheet], target: Target, wanted: str | None, names: Names | None = None
) -> tuple[Sheet, int]:
    """The sheet to import and its header row: the one asked for, or the one that fits best."""
    needed = min(2, len(target.fields))
    if wanted is not None:
        named = [s for s in sheets if s.name == wanted or s.name.strip() == wanted.strip()]
        if not named and wanted.isdigit() and 0 < int(wanted) <= len(sheets):
            named = [sheets[int(wanted) - 1]]
        if not named:
            listing = ", ".join(f"'{s.name}'" for s in sheets)
            raise UsageError(f"There is no sheet '{wanted}'. The sheets are: {listing}.")
        row, got = find_header(named[0], target, names)
        if got < needed:
            raise IntakeError(_no_header([named[0]], target))
        return named[0], row
    scored = [(s, *find_header(s, target, names)) for s in sheets]
    fitting = [(s, row, got) for s, row, got in scored if got >= needed]
    if not fitting:
        raise IntakeError(_no_header(sheets, target))
    top = max(got for _, _, got in fitting)
    best = [(s, row) for s, row, got in fitting if got == top]
    if len(best) > 1:
        listing = ", ".join(f"'{s.name}'" for s, _ in best)
        raise IntakeError(
            f"Several sheets look like {target.name}: {listing}. Say which one to import, "
            f'for example --sheet "{best[0][0].name}".'
        )
    return best[0]


def _no_header(sheets: list[Sheet], target: Target) -> str:
    shown = "\n".join(f"Sheet '{s.name}' begins:\n{seen(s)}" for s in sheets[:3])
    return (
        f"No sheet has a header row with the columns of {target.name} "
        f"({', '.join(target.names)}). Check that you chose the right dataset, and that the "
        "column names are in one row near the top of the sheet. If the sheet names its columns "
        'differently, say which is which with --header "SHEET HEADER=COLUMN" (or in a '
        f"profile's [headers]).\n{shown}"
    )
