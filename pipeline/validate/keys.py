"""Primary keys, unique columns and foreign keys, checked column-wise with pyarrow."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.validate import hints
from pipeline.validate.findings import Finding, Param, group

HINT_CANDIDATES = 5000  # offer a did-you-mean only when the reference list is this short
SEPARATOR = " + "  # between the parts of a key of several columns, as shown to a clerk
#: One file's share of a key space: (file, key column, present mask, rows, column index).
Part = tuple[str, pa.ChunkedArray, np.ndarray, np.ndarray, int | None]


def joined(columns: Sequence[pa.ChunkedArray | pa.Array]) -> pa.ChunkedArray | pa.Array:
    """One text key per row from one or more columns."""
    if len(columns) == 1:
        return columns[0]
    return pc.binary_join_element_wise(*columns, SEPARATOR)


def _present(present: Sequence[np.ndarray]) -> np.ndarray:
    return np.logical_and.reduce([np.asarray(p, dtype=bool) for p in present])


def first_positions(key: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the position of the first row with the same key; and the key codes."""
    encoded = pc.dictionary_encode(key)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    first = np.full(len(encoded.dictionary), len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    return first[codes], codes


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
    keep = np.flatnonzero(_present(present))
    key = joined([c.take(pa.array(keep)) for c in columns])
    if pc.count_distinct(key).as_py() == len(key):
        return []
    first, _ = first_positions(key)
    repeat = np.flatnonzero(first != np.arange(len(first)))
    if not len(repeat):
        return []
    labels = key.take(pa.array(repeat[:1000])).to_pylist()
    value_params = {
        label: {"first_row": str(rows[keep[first[pos]]])}
        for label, pos in zip(labels, repeat[:1000], strict=False)
    }
    return [
        group(
            code,
            file,
            SEPARATOR.join(names),
            column_index,
            rows[keep[repeat]],
            labels,
            len(repeat),
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
    reference: pa.Array,
    ref_file: str,
    ref_fields: Sequence[str],
) -> list[Finding]:
    """Rows whose key is not among the ``reference`` keys (rows with an empty key are skipped)."""
    key = joined(columns)
    known = np.asarray(pc.is_in(key, value_set=reference).to_numpy(zero_copy_only=False))
    unknown = np.flatnonzero(_present(present) & ~known)
    if not len(unknown):
        return []
    labels = key.take(pa.array(unknown[:1000])).to_pylist()
    candidates = reference.to_pylist() if len(reference) <= HINT_CANDIDATES else []
    value_params: dict[str, dict[str, Param]] = {}
    for label in dict.fromkeys(labels):
        if len(value_params) >= 50:
            break
        hint = hints.code_hint(label, candidates) if candidates else None
        value_params[label] = {"suggestion": hint} if hint else {}
    params = {"ref_file": ref_file, "ref_field": SEPARATOR.join(ref_fields)}
    return [
        group(
            "unknown-reference",
            file,
            SEPARATOR.join(names),
            column_index,
            rows[unknown],
            labels,
            len(unknown),
            params,
            value_params,
        )
    ]


def key_space(name: str, parts: Sequence[Part]) -> list[Finding]:
    """Repeated keys within each file and across the files sharing one key space.

    One pass proves the usual case (every key distinct); only then are repeats located.
    """
    if all(np.all(present) for _, _, present, _, _ in parts):
        chunks = [chunk for _, column, _, _, _ in parts for chunk in column.chunks]
        all_keys = pa.chunked_array(chunks, type=pa.string())
        if pc.count_distinct(all_keys).as_py() == len(all_keys):
            return []
    findings: list[Finding] = []
    for file, column, present, rows, index in parts:
        findings += duplicates("duplicate-id", [column], [present], rows, file, [name], index)
    return findings + across_files("duplicate-id-across-files", name, parts)


def across_files(code: str, name: str, parts: Sequence[Part]) -> list[Finding]:
    """Keys that already appear in an earlier file of the same series (e.g. one file a year)."""
    if len(parts) < 2:
        return []
    keys, owner, rows = [], [], []
    for order, (_file, column, present, part_rows, _index) in enumerate(parts):
        keep = np.flatnonzero(np.asarray(present, dtype=bool))
        keys.append(column.take(pa.array(keep)))
        owner.append(np.full(len(keep), order, dtype=np.int64))
        rows.append(part_rows[keep])
    key = pa.chunked_array([chunk for k in keys for chunk in k.chunks], type=pa.string())
    if pc.count_distinct(key).as_py() == len(key):
        return []
    part_of, row_of = np.concatenate(owner), np.concatenate(rows)
    first, _ = first_positions(key)
    clash = np.flatnonzero(part_of != part_of[first])
    findings = []
    for part in np.unique(part_of[clash]):
        mine = clash[part_of[clash] == part]
        file, _, _, _, index = parts[int(part)]
        labels = key.take(pa.array(mine)).to_pylist()
        value_params = {
            label: {
                "other_file": parts[int(part_of[first[pos]])][0],
                "other_row": str(row_of[first[pos]]),
            }
            for label, pos in zip(labels[:1000], mine[:1000], strict=False)
        }
        findings.append(
            group(
                code, file, name, index, row_of[mine], labels, len(mine), value_params=value_params
            )
        )
    return findings
