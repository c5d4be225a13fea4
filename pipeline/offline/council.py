"""The local governments an offline download is made for, from the published list of them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pipeline.offline.errors import OfflineError
from pipeline.offline.package import LG_FIELD, descriptor, read_table

COUNCILS = ("local-governments", "local-governments")  # (package, resource) listing the councils


@dataclasses.dataclass(frozen=True)
class Council:
    """A local government an offline download is made for."""

    code: str
    name_en: str
    name_ur: str

    @property
    def slug(self) -> str:
        return self.code.lower()


def councils(downloads: Path) -> list[Council]:
    """The local governments listed in the published local-governments table, by code."""
    package, resource = COUNCILS
    folder = downloads / package
    try:
        meta = descriptor(folder)
        path = next(folder / r["path"] for r in meta["resources"] if r["name"] == resource)
        header, rows = read_table(path)
        found = [dict(zip(header, row, strict=False)) for row in rows]
    except (OSError, StopIteration, KeyError, ValueError) as error:
        raise OfflineError(
            f"Cannot read the list of local governments from {folder}: {error}. The offline "
            "downloads are made from the published copy of that data package; run "
            "`make analyse` again."
        ) from error
    return sorted(
        (Council(row[LG_FIELD], row.get("name_en", ""), row.get("name_ur", "")) for row in found),
        key=lambda council: council.code,
    )
