"""Column-wise helpers the indicators share: group ids, day numbers, fiscal years, row ids."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

PAISA = 100


def group_ids(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of ``columns`` (missing values form their own)."""
    key = np.zeros(len(frame), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        key = key * (len(uniques) + 1) + codes
    return pd.factorize(key)[0]


def day_numbers(values: pd.Series) -> np.ndarray:
    """Dates as whole days since 1970-01-01."""
    return values.to_numpy(dtype="datetime64[D]").astype(np.int64)


def fiscal_year_end(label: str, start_month: int) -> pd.Timestamp | None:
    """Last day of the fiscal year labelled ``label`` ('2024-25' ends 2025-06-30 when years
    start in July); None for a label that does not start with a year."""
    if len(label) < 4 or not label[:4].isdigit():
        return None
    start = pd.Timestamp(year=int(label[:4]), month=start_month, day=1)
    return start + pd.DateOffset(years=1) - pd.Timedelta(days=1)


def finished(labels: pd.Series, as_of: pd.Timestamp | None, start_month: int) -> np.ndarray:
    """Which rows' fiscal years had ended by ``as_of`` (the data's latest date)."""
    if as_of is None or labels.empty:
        return np.zeros(len(labels), dtype=bool)
    codes, uniques = pd.factorize(labels)
    ends = [fiscal_year_end(str(label), start_month) for label in uniques]
    done = np.array([end is not None and end <= as_of.tz_localize(None) for end in ends] + [False])
    return done[codes]


def ids_by_group(frame: pd.DataFrame, keys: list[str], ids: str) -> dict[Any, tuple[str, ...]]:
    """{group key: the sorted tuple of ``ids`` in it} for the groups of ``keys`` (a key is a
    tuple when there are several ``keys``)."""
    if frame.empty:
        return {}
    ordered = frame.sort_values(ids, kind="stable")
    values = ordered[ids].astype("object").to_numpy()
    gid = group_ids(ordered, keys)
    order = np.argsort(gid, kind="stable")
    bounds = np.flatnonzero(np.diff(gid[order])) + 1
    firsts = order[np.concatenate([[0], bounds])]
    labels = ordered[keys].iloc[firsts].itertuples(index=False, name=None)
    chunks = np.split(values[order], bounds)
    out: dict[Any, tuple[str, ...]] = {}
    for label, chunk in zip(labels, chunks, strict=True):
        out[label if len(keys) > 1 else label[0]] = tuple(chunk.tolist())
    return out


def rows(frame: pd.DataFrame) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(index key, row as a plain dict) of each row of a summary, without a Series per row."""
    return zip(frame.index.tolist(), frame.to_dict("records"), strict=True)


def last_month(start_month: int) -> int:
    """The calendar month a fiscal year ends in (6 for years starting in July)."""
    return (start_month - 2) % 12 + 1


def over_share(
    groups: pd.DataFrame, part: str, whole: str, least: int, limit: float
) -> pd.DataFrame:
    """The ``groups`` with at least ``least`` in ``whole`` whose ``part / whole`` is above
    ``limit``, with that ratio as a ``share`` column."""
    groups = groups[(groups[whole] >= least) & (groups[whole] > 0)]
    share = groups[part].to_numpy() / groups[whole].to_numpy()
    return groups.assign(share=share)[share > limit]


def ids_in(
    groups: pd.DataFrame, rows: pd.DataFrame, keys: list[str], ids: str
) -> dict[Any, tuple[str, ...]]:
    """:func:`ids_by_group` of the ``rows`` that fall in ``groups`` (indexed by ``keys``)."""
    return ids_by_group(rows.merge(groups[[]], left_on=keys, right_index=True), keys, ids)
