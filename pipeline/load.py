"""Loading validated data packages into typed pandas tables (money as integer paisa)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline import packages

PAISA_PER_RUPEE = 100


def descriptor(folder: Path) -> dict:
    """``folder``'s datapackage.json, shared schemas inlined."""
    return packages.read_descriptor(folder)


def money(column: pd.Series, group_char: str = ",") -> pd.Series:
    """Rupee amounts as written (1,20,000 or 1200.50) to exact integer paisa; blanks stay NA."""
    text = column.astype("string").str.replace(group_char, "", regex=False).str.strip()
    parts = text.str.split(".", n=1, expand=True).reindex(columns=[0, 1])
    rupees = pd.to_numeric(parts[0], errors="raise").astype("Int64")
    fraction = parts[1].astype("string").fillna("").str.ljust(2, "0").str.slice(0, 2)
    paisa = pd.to_numeric(fraction.where(fraction != "", "0"), errors="raise").astype("Int64")
    sign = text.str.startswith("-").map({True: -1, False: 1}).astype("Int64")
    return rupees * PAISA_PER_RUPEE + sign * paisa


def table(folder: Path, pattern: str) -> pd.DataFrame:
    """All resources of the package in ``folder`` whose name matches ``pattern``, as one table.

    The data must have passed validation: types are taken from the Table Schema, strings stay
    strings, numbers marked as money (``columnType: value``) become integer paisa, dates become
    datetimes.
    """
    import fnmatch

    meta = descriptor(folder)
    frames = []
    for resource in meta["resources"]:
        if not fnmatch.fnmatchcase(resource["name"], pattern) or "schema" not in resource:
            continue
        schema = resource["schema"]
        missing = schema.get("missingValues", [""])
        frame = pd.read_csv(
            folder / resource["path"],
            dtype="string",
            keep_default_na=False,
            na_values=missing,
            encoding="utf-8-sig",
        )
        frame = frame.dropna(how="all")
        for field in schema["fields"]:
            name, kind = field["name"], field["type"]
            if name not in frame:
                continue
            if kind == "number" and field.get("columnType") == "value":
                frame[name] = money(frame[name], field.get("groupChar", ","))
            elif kind == "integer":
                frame[name] = pd.to_numeric(frame[name]).astype("Int64")
            elif kind == "number":
                frame[name] = pd.to_numeric(frame[name].str.replace(",", ""))
            elif kind == "date":
                frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
            elif kind == "datetime":
                frame[name] = pd.to_datetime(frame[name], format="ISO8601", utc=True)
        frames.append(frame)
    if not frames:
        raise KeyError(f"no resource matching {pattern!r} in {folder}")
    return pd.concat(frames, ignore_index=True)


def resource_path(folder: Path, name: str) -> Path | None:
    """Where the package in ``folder`` keeps resource ``name``, or None if it has none."""
    for resource in descriptor(folder)["resources"]:
        if resource["name"] == name and isinstance(resource.get("path"), str):
            return folder / resource["path"]
    return None
