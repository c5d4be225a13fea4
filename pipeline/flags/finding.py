"""A finding: one indicator's reason to look at some rows, explained in English and Urdu."""

from __future__ import annotations

from dataclasses import dataclass

#: What a finding is about (``subject_kind``).
SUBJECT_KINDS = ("department", "supplier", "budget_line", "object_code", "ntn")

Fact = tuple[str, int | float | str]


@dataclass(frozen=True)
class Finding:
    """One flag. A reason to look, never proof.

    ``rows`` are the transaction ids, budget line ids or complaint ids it rests on, always
    sorted. ``amount`` is in paisa (None when no money is involved). ``value`` is what was
    measured and ``threshold`` the limit it was compared with, both in ``unit`` (share,
    rupees, days, payments, complaints, suppliers or mad). ``facts`` are further published
    figures, such as the Tukey fences of an outlier. Suppliers that are individuals appear only
    by their redacted id, never by name.
    """

    code: str
    lg_code: str
    fiscal_year: str | None
    subject_kind: str
    subject: str
    dept_code: str | None
    rows: tuple[str, ...]
    amount: int | None
    value: float
    threshold: float
    unit: str
    explanation_en: str
    explanation_ur: str
    facts: tuple[Fact, ...] = ()

    def __post_init__(self) -> None:
        if self.subject_kind not in SUBJECT_KINDS:
            raise ValueError(f"unknown subject kind {self.subject_kind!r}")
        object.__setattr__(self, "rows", tuple(sorted(str(row) for row in self.rows)))
        object.__setattr__(self, "value", _round(self.value))
        object.__setattr__(self, "threshold", _round(self.threshold))

    def sort_key(self) -> tuple[str, str, str, str, tuple[str, ...]]:
        """Order within one indicator: council, year, department, subject, rows."""
        return (self.lg_code, self.fiscal_year or "", self.dept_code or "", self.subject, self.rows)

    def fact(self, name: str) -> int | float | str:
        """The fact called ``name`` (KeyError if there is none)."""
        for key, value in self.facts:
            if key == name:
                return value
        raise KeyError(name)


def _round(value: float) -> float:
    """Six decimals: enough for shares and rupees, and the same whatever the row order."""
    return round(float(value), 6)
