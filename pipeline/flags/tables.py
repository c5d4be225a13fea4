"""The tables the indicators read, and loading them from a datasets folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pipeline import load, settings
from pipeline.flags import holidays as holiday_list

if TYPE_CHECKING:
    from pipeline.flags.text import Names

#: Columns each table needs; a package that is absent gives an empty table with these.
COLUMNS: dict[str, dict[str, str]] = {
    "payments": {
        "transaction_id": "string",
        "payment_date": "datetime64[s]",
        "fiscal_year": "string",
        "lg_code": "string",
        "dept_code": "string",
        "budget_line_id": "string",
        "object_code": "string",
        "supplier_id": "string",
        "amount": "Int64",
        "voucher_no": "string",
    },
    "suppliers": {
        "supplier_id": "string",
        "name_en": "string",
        "name_ur": "string",
        "ntn": "string",
        "kind": "string",
    },
    "budget": {
        "line_id": "string",
        "lg_code": "string",
        "fiscal_year": "string",
        "dept_code": "string",
        "object_code": "string",
        "description_en": "string",
        "description_ur": "string",
        "approved": "Int64",
        "revised": "Int64",
        "actual": "Int64",
    },
    "complaints": {
        "service_request_id": "string",
        "fiscal_year": "string",
        "lg_code": "string",
        "status": "string",
        "status_detail": "string",
        "status_notes": "string",
        "agency_responsible": "string",
        "requested_datetime": "datetime64[s, UTC]",
        "updated_datetime": "datetime64[s, UTC]",
        "resolved_datetime": "datetime64[s, UTC]",
        "citizen_feedback": "string",
        "reopened_count": "Int64",
    },
    "departments": {"dept_code": "string", "name_en": "string", "name_ur": "string"},
    "object_codes": {"object_code": "string", "name_en": "string", "name_ur": "string"},
}


def empty(name: str) -> pd.DataFrame:
    """An empty table with the columns ``name`` needs."""
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in COLUMNS[name].items()})


@dataclass(frozen=True, eq=False)
class Tables:
    """Loaded, validated tables (money in integer paisa, as :func:`pipeline.load.table`)."""

    payments: pd.DataFrame = field(default_factory=lambda: empty("payments"))
    suppliers: pd.DataFrame = field(default_factory=lambda: empty("suppliers"))
    budget: pd.DataFrame = field(default_factory=lambda: empty("budget"))
    complaints: pd.DataFrame = field(default_factory=lambda: empty("complaints"))
    departments: pd.DataFrame = field(default_factory=lambda: empty("departments"))
    object_codes: pd.DataFrame = field(default_factory=lambda: empty("object_codes"))
    holidays: pd.DataFrame = field(default_factory=holiday_list.empty)

    @cached_property
    def paid(self) -> pd.DataFrame:
        """The payments with a date and an amount, only the columns the indicators read, the
        amount as plain int64 paisa (made once, when first needed)."""
        frame = self.payments
        frame = frame[[c for c in COLUMNS["payments"] if c in frame.columns]]
        usable = frame[frame["amount"].notna().to_numpy() & frame["payment_date"].notna()]
        return usable.assign(amount=usable["amount"].to_numpy(dtype=np.int64))

    @cached_property
    def names(self) -> Names:
        """Names of departments, suppliers, object codes and lines (made once, when needed)."""
        from pipeline.flags.text import Names

        return Names(self)

    def payments_as_of(self) -> pd.Timestamp | None:
        """The latest payment date: the data's 'today' for payments."""
        latest = self.payments["payment_date"].max()
        return None if pd.isna(latest) else pd.Timestamp(latest)

    def complaints_as_of(self) -> pd.Timestamp | None:
        """The latest time a complaint was made or updated: the data's 'now' for complaints."""
        latest = self.complaints[["requested_datetime", "updated_datetime"]].max().max()
        return None if pd.isna(latest) else pd.Timestamp(latest)


def _table(folder: Path, pattern: str, name: str) -> pd.DataFrame:
    """``pattern`` of the package in ``folder``, or an empty ``name`` table if it is absent."""
    if not (folder / "datapackage.json").is_file():
        return empty(name)
    try:
        return load.table(folder, pattern)
    except KeyError:
        return empty(name)


def load_tables(datasets: Path, config: Mapping[str, Any] | None = None) -> Tables:
    """The tables of the (validated) data packages under ``datasets``, with the holiday list
    named by the ``holidays_file`` setting (relative to ``datasets``; raises HolidaysError)."""
    return Tables(
        payments=_table(datasets / "spending", "payments-*", "payments"),
        suppliers=_table(datasets / "spending", "suppliers", "suppliers"),
        budget=_table(datasets / "budget", "budget-*", "budget"),
        complaints=_table(datasets / "complaints", "complaints-*", "complaints"),
        departments=_table(datasets / "budget", "departments", "departments"),
        object_codes=_table(datasets / "budget", "object-codes", "object_codes"),
        holidays=holiday_table(datasets, config),
    )


def holiday_table(datasets: Path, config: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The public holidays named by the ``holidays_file`` setting, relative to ``datasets``
    (none when the setting is empty; raises HolidaysError when the file cannot be used)."""
    name = str({**settings.DEFAULTS, **(config or {})}["holidays_file"])
    return holiday_list.read(datasets / name) if name else holiday_list.empty()
