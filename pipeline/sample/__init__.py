"""Seeded generator of the fictional Sabzabad demo data sets (``python -m pipeline.sample``)."""

from pipeline.sample.config import SampleConfig
from pipeline.sample.generator import Summary, generate

__all__ = ["SampleConfig", "Summary", "generate"]
