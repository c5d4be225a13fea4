"""The header row: which column holds which field, and what is missing, extra or misnamed."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

from pipeline.validate.findings import Finding, Param, column_letter


def _normal(label: str) -> str:
    """'Amount (Rs.)', ' AMOUNT ' and 'amount' all read as 'amount'."""
    label = re.sub(r"\(.*?\)|\[.*?\]", " ", label.strip().lower())
    return "_".join(re.sub(r"[^\w]+", " ", label).split())


def match_header(
    header: Sequence[str],
    fields: Sequence[tuple[str, str]],
    file: str,
    shown_titles: Mapping[str, Param] | None = None,
) -> tuple[dict[str, int], list[Finding]]:
    """Map each field name to its column index in ``header``; findings for what does not fit.

    ``fields`` are (name, title) pairs in schema order. Columns are matched by name, so one
    missing column does not make every later column look wrong; a misspelt name is matched
    to the field it most resembles and its cells are still checked. ``shown_titles`` are the
    titles as a report names a missing column (in the reader's language), by field name.
    """
    names = [name for name, _ in fields]
    titles = dict(fields)
    findings: list[Finding] = []
    positions: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    for index, label in enumerate(header):
        seen.setdefault(label, []).append(index)
        if not label.strip():
            findings.append(Finding("blank-column-name", file, column_index=index))
    for label, indexes in seen.items():
        if label.strip() and len(indexes) > 1:
            letters = ", ".join(column_letter(i) or "" for i in indexes)
            findings.append(
                Finding(
                    "duplicate-column",
                    file,
                    column=label,
                    column_index=indexes[1],
                    params={"letters": letters},
                )
            )
    for name in names:
        if name in seen:
            positions[name] = seen[name][0]

    unmatched = [i for i, label in enumerate(header) if label.strip() and label not in names]
    missing = [name for name in names if name not in positions]
    for index in unmatched:
        label = header[index]
        candidates = [n for n in missing if _normal(label) == n]
        if not candidates:
            by_title = [n for n in missing if _normal(label) == _normal(titles[n])]
            candidates = by_title or difflib.get_close_matches(_normal(label), missing, 1, 0.75)
        if candidates:
            name = candidates[0]
            missing.remove(name)
            positions[name] = index
            findings.append(
                Finding(
                    "renamed-column",
                    file,
                    column=name,
                    column_index=index,
                    rows=(1,),
                    values=(label,),
                )
            )
        else:
            findings.append(
                Finding(
                    "extra-column",
                    file,
                    column=label,
                    column_index=index,
                    rows=(1,),
                    values=(label,),
                    params={"expected": ", ".join(names)},
                )
            )
    for name in missing:
        expected = column_letter(names.index(name)) or ""
        findings.append(
            Finding(
                "missing-column",
                file,
                column=name,
                params={
                    "title": (shown_titles or {}).get(name, titles[name]),
                    "expected_letter": expected,
                    "expected_cell": f"{expected}1",
                },
            )
        )

    if not findings:
        for index, (label, name) in enumerate(zip(header, names, strict=False)):
            if label != name:
                findings.append(
                    Finding(
                        "column-order",
                        file,
                        column=name,
                        column_index=index,
                        rows=(1,),
                        values=(label,),
                        params={"expected": ", ".join(names)},
                    )
                )
                break
    return positions, findings
