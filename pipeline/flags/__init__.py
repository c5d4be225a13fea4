"""Integrity indicators ("red flags") on payments, budget lines and complaints.

A flag is a reason to look, never proof. Each indicator lives in its own module with a stable
code; :func:`run` runs them all, :data:`REGISTRY` describes them, :func:`to_frame` publishes the
findings. See docs/indicators.md.
"""

from __future__ import annotations

from pipeline.flags.finding import Finding
from pipeline.flags.frame import to_frame
from pipeline.flags.holidays import HolidaysError
from pipeline.flags.indicator import Indicator
from pipeline.flags.registry import CODES, NOT_PROOF, REGISTRY, indicator, methodology
from pipeline.flags.runner import run
from pipeline.flags.tables import Tables, holiday_table, load_tables

__all__ = [
    "CODES",
    "NOT_PROOF",
    "REGISTRY",
    "Finding",
    "HolidaysError",
    "Indicator",
    "Tables",
    "holiday_table",
    "indicator",
    "load_tables",
    "methodology",
    "run",
    "to_frame",
]
