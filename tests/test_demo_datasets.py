"""The demo's own datasets in this repository validate cleanly (the engine's tests use fixtures)."""

from __future__ import annotations

import pytest

from pipeline import settings
from pipeline.validate import validate

from conftest import ROOT

DATASETS = ROOT / "datasets"


@pytest.mark.skipif(not DATASETS.is_dir(), reason="no datasets/ folder: an engine checkout only")
def test_committed_datasets_are_clean() -> None:
    report = validate([DATASETS], settings.load(DATASETS / "settings.toml"))
    assert report.valid, [f.summary() for f in report.errors]
    assert not report.warnings
    assert report.rows_checked > 45_000
