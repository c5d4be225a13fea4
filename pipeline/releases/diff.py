"""What changed in one table between two releases: rows added, removed and changed, and totals.

Pure functions over rows as read from CSV (every cell the text as written), so a change is reported
exactly as a clerk made it, whatever the schema of either release was.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

Row = dict[str, str]
Key = tuple[str, ...]


@dataclass(frozen=True)
class CellChange:
    """One cell whose text changed."""

    column: str
    old: str
    new: str


@dataclass(frozen=True)
class TableDiff:
    """The difference between two versions of one table.

    With a key (the Table Schema's primary key, present in both versions) rows are matched by it and
    a row whose key stayed but whose cells changed is "changed". Without one, rows are compared
    whole, as a multiset: an edited row is one removed and one added.
    """

    key: tuple[str, ...]
    added: tuple[Key, ...]
    removed: tuple[Key, ...]
    changed: tuple[tuple[Key, tuple[CellChange, ...]], ...]
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.added or self.removed or self.changed or self.columns_added or self.columns_removed
        )


@dataclass(frozen=True)
class Table:
    """A CSV table: its header and rows (dicts of cell text)."""

    header: tuple[str, ...]
    rows: tuple[Row, ...] = field(default=())

    @classmethod
    def parse(cls, data: bytes) -> Table:
        """Read CSV bytes as published (UTF-8, optional BOM); blank lines are skipped."""
        text = data.decode("utf-8-sig", errors="replace")
        records = [r for r in csv.reader(io.StringIO(text, newline="")) if any(r)]
        if not records:
            return cls(())
        header = tuple(records[0])
        rows = tuple(
            {name: (r[i] if i < len(r) else "") for i, name in enumerate(header)}
            for r in records[1:]
        )
        return cls(header, rows)


def _whole(row: Row, columns: Sequence[str]) -> Key:
    return tuple(row.get(c, "") for c in columns)


def diff_tables(old: Table, new: Table, key: Sequence[str] = ()) -> TableDiff:
    """What changed from ``old`` to ``new``, matching rows by ``key`` when both have its columns.

    Rows with the same key more than once (invalid data in an old release) are matched in order.
    Cells of columns that exist in only one version are not compared: the column itself is
    reported as added or removed.
    """
    old_columns, new_columns = set(old.header), set(new.header)
    columns_added = tuple(c for c in new.header if c not in old_columns)
    columns_removed = tuple(c for c in old.header if c not in new_columns)
    shared = [c for c in new.header if c in old_columns]
    usable = bool(key) and all(c in old_columns and c in new_columns for c in key)
    if not usable:
        old_rows = Counter(_whole(r, shared) for r in old.rows)
        new_rows = Counter(_whole(r, shared) for r in new.rows)
        return TableDiff(
            key=(),
            added=tuple(sorted((new_rows - old_rows).elements())),
            removed=tuple(sorted((old_rows - new_rows).elements())),
            changed=(),
            columns_added=columns_added,
            columns_removed=columns_removed,
        )
    key = tuple(key)
    previous: dict[Key, list[Row]] = {}
    for row in old.rows:
        previous.setdefault(_whole(row, key), []).append(row)
    added: list[Key] = []
    changed: list[tuple[Key, tuple[CellChange, ...]]] = []
    for row in new.rows:
        ident = _whole(row, key)
        matches = previous.get(ident)
        if not matches:
            added.append(ident)
            continue
        before = matches.pop(0)
        cells = tuple(
            CellChange(c, before.get(c, ""), row.get(c, ""))
            for c in shared
            if before.get(c, "") != row.get(c, "")
        )
        if cells:
            changed.append((ident, cells))
    removed = [ident for ident, rows in previous.items() for _ in rows]
    return TableDiff(
        key=key,
        added=tuple(added),
        removed=tuple(sorted(removed)),
        changed=tuple(changed),
        columns_added=columns_added,
        columns_removed=columns_removed,
    )


def amount(text: str, group_char: str = ",") -> Decimal | None:
    """A number as written (1,20,000 or 1200.50), exactly; None when blank or not a number."""
    cleaned = text.replace(group_char, "").strip() if group_char else text.strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass(frozen=True)
class Total:
    """A total of one table, for one local government (or "" for the whole table)."""

    group: str
    measure: str  # "rows" or the name of a money column
    old: Decimal
    new: Decimal

    @property
    def change(self) -> Decimal:
        return self.new - self.old


def totals(
    table: Table, measures: dict[str, str], group_by: str | None
) -> dict[tuple[str, str], Decimal]:
    """Row count and the sum of each money column (``measures``: name → group character), per
    ``group_by`` value (e.g. lg_code) when the table has that column."""
    sums: dict[tuple[str, str], Decimal] = {}
    grouping = group_by if group_by and group_by in table.header else None
    for row in table.rows:
        group = row.get(grouping, "") if grouping else ""
        sums[(group, "rows")] = sums.get((group, "rows"), Decimal(0)) + 1
        for name, group_char in measures.items():
            value = amount(row.get(name, ""), group_char)
            if value is not None:
                sums[(group, name)] = sums.get((group, name), Decimal(0)) + value
    return sums


def moved_totals(
    old: Table, new: Table, measures: dict[str, str], group_by: str | None = "lg_code"
) -> list[Total]:
    """Totals that differ between the two versions, by group then measure ("rows" first)."""
    before = totals(old, measures, group_by)
    after = totals(new, measures, group_by)
    order = ["rows", *measures]
    zero = Decimal(0)
    moved = [
        Total(group, measure, before.get((group, measure), zero), after.get((group, measure), zero))
        for group, measure in set(before) | set(after)
    ]
    return sorted(
        (t for t in moved if t.change != 0),
        key=lambda t: (t.group, order.index(t.measure) if t.measure in order else len(order)),
    )
