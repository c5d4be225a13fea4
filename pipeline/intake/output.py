"""Writing the resource's CSV file: the exact form the datasets use, atomically."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.i18n import lazy_gettext as _
from pipeline.intake.errors import IntakeError, Joined, Message


def to_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 without BOM, \\n line ends, quotes only where needed: as the datasets are kept."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Merged:
    """The rows to write when adding to a file, and what happened to the new ones."""

    rows: list[list[str]]
    added: int
    already_there: int
    updated: list[str]  # ids of rows replaced by the sheet's version (--update)
    positions: list[int]  # where each new row ended up (0-based, among the data rows)


def read_existing(path: Path, header: list[str]) -> list[list[str]]:
    """The rows of the file already there, which must have exactly the schema's columns."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    if not rows or rows[0] != header:
        raise IntakeError(
            _(
                "%(path)s does not start with the columns %(columns)s, so rows cannot be added "
                "to it. Fix it first (%(command)s says how), or replace it with %(replace)s.",
                path=str(path),
                columns=", ".join(header),
                command="python -m pipeline validate",
                replace="--replace",
            )
        )
    return rows[1:]


def append(
    existing: list[list[str]],
    new: list[list[str]],
    key: list[int],
    path: Path,
    names: list[str],
    update: bool = False,
) -> Merged:
    """Add ``new`` rows after ``existing`` ones. A row already there (same key, same values) is
    not added twice; a key already used by a different row is refused, or with ``update`` that
    row is replaced where it stands."""
    if not key:
        start = len(existing)
        return Merged(existing + new, len(new), 0, [], list(range(start, start + len(new))))
    seen = {tuple(r[i] for i in key): n for n, r in enumerate(existing)}
    rows = list(existing)
    added = same = 0
    updated: list[str] = []
    positions: list[int] = []
    clashes: list[Message] = []
    for row in new:
        k = tuple(row[i] for i in key)
        positions.append(seen.get(k, len(rows)))
        if k not in seen:
            seen[k] = len(rows)
            rows.append(row)
            added += 1
        elif rows[seen[k]] == row:
            same += 1
        elif update and seen[k] < len(existing):
            rows[seen[k]] = row
            updated.append(" + ".join(k))
        elif seen[k] < len(existing):
            clashes.append(
                _(
                    "%(id)s (row %(row)s of %(file)s)",
                    id=" + ".join(k),
                    row=seen[k] + 2,
                    file=path.name,
                )
            )
        else:
            clashes.append(_("%(id)s (twice)", id=" + ".join(k)))
    if clashes:
        shown = Joined(tuple(clashes[:5]), ", ", "، ")
        said = {
            "num": len(clashes),
            "key": " + ".join(names[i] for i in key),
            "update": "--update",
            "append": "--append",
        }
        if len(clashes) > 5:
            raise IntakeError(
                _(
                    "%(num)s row(s) of the sheet use a %(key)s already used by a different row: "
                    "%(clashes)s and %(more)s more. If the sheet corrects rows imported before, "
                    "run the same command with %(update)s instead of %(append)s; if they are "
                    "other rows, give them their own ids.",
                    clashes=shown,
                    more=len(clashes) - 5,
                    **said,
                )
            )
        raise IntakeError(
            _(
                "%(num)s row(s) of the sheet use a %(key)s already used by a different row: "
                "%(clashes)s. If the sheet corrects rows imported before, run the same command "
                "with %(update)s instead of %(append)s; if they are other rows, give them their "
                "own ids.",
                clashes=shown,
                **said,
            )
        )
    return Merged(rows, added, same, updated, positions)
