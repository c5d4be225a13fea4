"""Running the indicators: every finding, in an order that never depends on the input's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pipeline import settings
from pipeline.flags.finding import Finding
from pipeline.flags.registry import REGISTRY, indicator
from pipeline.flags.tables import Tables


def run(
    tables: Tables, config: Mapping[str, Any] | None = None, codes: Iterable[str] | None = None
) -> list[Finding]:
    """The findings of every indicator (or of ``codes``) on ``tables`` with the pipeline
    settings ``config`` (missing settings take their defaults), in registry order and within
    an indicator by council, year, department, subject and rows."""
    values = {**settings.DEFAULTS, **(config or {})}
    chosen = REGISTRY if codes is None else tuple(indicator(code) for code in codes)
    findings: list[Finding] = []
    for item in chosen:
        findings.extend(sorted(item.find(tables, item.config(values)), key=Finding.sort_key))
    return findings
