"""Primary keys, unique columns and foreign keys, checked column-wise with pandas."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from pipeline.validate import hints
from pipeline.validate.findings import Finding, group

HINT_CANDIDATES = 5000  # offer a did-you-mean only when the reference list is this short
#: One file's share of a key space: (file, key column, present mask, rows, column index).
Part = tuple[str, pa.ChunkedArray, np.ndarray, np.ndarray, int | None]


def _frame(columns: Sequence[pa.ChunkedArray], present: Sequence[np.ndarray]) -> pd.DataFrame:
    frame = pd.DataFrame({f"k{i}": c.to_pandas() for i, c in enumerate(columns)})
    keep = np.logical_and.reduce([np.asarray(p) for p in present])
    frame["_pos"] = np.arange(len(frame))
    return frame[keep]


def _label(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    if len(keys) == 1:
        return frame[keys[0]].astype(str)
    return frame[keys].astype(str).agg(" + ".join, axis=1)


def duplicates(
    code: str,
    columns: Sequence[pa.ChunkedArray],
    present: Sequence[np.ndarray],
    rows: np.ndarray,
    file: str,
    names: Sequence[str],
    column_index: int | None,
) -> list[Finding]:
    """Rows that repeat an earlier row's key (the first occurrence is not reported)."""
    frame = _frame(columns, present)
    keys = [c for c in frame.columns if c != "_pos"]
    repeated = frame.duplicated(keys, keep="first")
    if not repeated.any():
        return []
    first = frame.drop_duplicates(keys, keep="first")
    first_rows = dict(zip(_label(first, keys), rows[first["_pos"].to_numpy()], strict=True))
    dup = frame[repeated]
    labels = _label(dup, keys).tolist()
    positions = dup["_pos"].to_numpy()
    value_params = {
        label: {"first_row": str(first_rows[label])} for label in dict.fromkeys(labels[:1000])
    }
    return [
        group(
            code,
            file,
            " + ".join(names),
            column_index,
            rows[positions],
            labels,
            len(labels),
            value_params=value_params,
        )
    ]


def unknown_references(
    columns: Sequence[pa.ChunkedArray],
    present: Sequence[np.ndarray],
    rows: np.ndarray,
    file: str,
    names: Sequence[str],
    column_index: int | None,
    reference: pd.DataFrame,
    ref_file: str,
    ref_fields: Sequence[str],
) -> list[Finding]:
    """Rows whose key is not among the ``reference`` keys (rows with an empty key are skipped)."""
    frame = _frame(columns, present)
    keys = [c for c in frame.columns if c != "_pos"]
    if len(keys) == 1:
        known = frame[keys[0]].isin(reference.iloc[:, 0])
    else:
        known = pd.MultiIndex.from_frame(frame[keys]).isin(pd.MultiIndex.from_frame(reference))
    unknown = frame[~np.asarray(known)]
    if unknown.empty:
        return []
    labels = _label(unknown, keys).tolist()
    candidates: list[str] = []
    if len(keys) == 1 and len(reference) <= HINT_CANDIDATES:
        candidates = reference.iloc[:, 0].astype(str).tolist()
    value_params: dict[str, dict[str, str]] = {}
    for label in dict.fromkeys(labels[:1000]):
        if len(value_params) >= 50:
            break
        hint = hints.code_hint(label, candidates) if candidates else ""
        value_params[label] = {"suggestion": hint} if hint else {}
    params = {"ref_file": ref_file, "ref_field": " + ".join(ref_fields)}
    return [
        group(
            "unknown-reference",
            file,
            " + ".join(names),
            column_index,
            rows[unknown["_pos"].to_numpy()],
            labels,
            len(labels),
            params,
            value_params,
        )
    ]


def across_files(
    code: str,
    name: str,
    parts: Sequence[Part],
) -> list[Finding]:
    """Keys that already appear in an earlier file of the same series (e.g. one file a year)."""
    frames = []
    for order, (_file, column, present, rows, _index) in enumerate(parts):
        keep = np.asarray(present)
        frames.append(
            pd.DataFrame(
                {"key": column.to_pandas()[keep].to_numpy(), "part": order, "row": rows[keep]}
            )
        )
    if len(frames) < 2:
        return []
    frame = pd.concat(frames, ignore_index=True)
    first = frame.drop_duplicates("key", keep="first")
    frame = frame.merge(first, on="key", how="left", suffixes=("", "_first"))
    clash = frame[frame["part"] != frame["part_first"]]
    findings = []
    for part, rows in clash.groupby("part", sort=True):
        file, _, _, _, index = parts[int(part)]
        values = rows["key"].astype(str).tolist()
        value_params = {
            key: {"other_file": parts[int(p)][0], "other_row": str(r)}
            for key, p, r in zip(
                values[:1000], rows["part_first"][:1000], rows["row_first"][:1000], strict=True
            )
        }
        findings.append(
            group(
                code,
                file,
                name,
                index,
                rows["row"].to_numpy(),
                values,
                len(values),
                value_params=value_params,
            )
        )
    return findings
