"""The demo's own datasets in this repository validate cleanly (the engine's tests use fixtures)."""

from __future__ import annotations

import pytest

from pipeline import identity, settings
from pipeline.validate import validate

from conftest import ROOT

DATASETS = ROOT / "datasets"


#: The demo's own tests run only on the demo: a site's datasets/ is its own business.
DEMO = pytest.mark.skipif(
    not DATASETS.is_dir() or not identity.is_demo(DATASETS),
    reason="datasets/ is not the Sabzabad demo (an engine checkout, or a council's data)",
)


@DEMO
def test_committed_datasets_are_clean() -> None:
    report = validate([DATASETS], settings.load(DATASETS / "settings.toml"))
    assert report.valid, [f.summary() for f in report.errors]
    assert not report.warnings
    assert report.rows_checked > 45_000
