"""What an indicator is: a stable code, titles, its rule in words, its settings and its finder."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.flags.finding import Finding
from pipeline.flags.tables import Tables

Config = Mapping[str, Any]
Finder = Callable[[Tables, Config], list[Finding]]
Rule = Callable[[Config], tuple[str, str]]


@dataclass(frozen=True)
class Indicator:
    """One integrity indicator. ``settings`` names every setting ``find`` and ``rule`` read:
    they are given only those, so an undeclared threshold cannot slip in."""

    code: str
    title_en: str
    title_ur: str
    reads: str
    settings: tuple[str, ...]
    rule: Rule
    find: Finder

    def config(self, values: Config) -> dict[str, Any]:
        """The settings this indicator reads, taken from ``values``."""
        return {name: values[name] for name in self.settings}

    def describe(self, values: Config) -> dict[str, Any]:
        """Code, titles and the rule with the thresholds in ``values``, for a methodology page."""
        config = self.config(values)
        rule_en, rule_ur = self.rule(config)
        return {
            "code": self.code,
            "title_en": self.title_en,
            "title_ur": self.title_ur,
            "reads": self.reads,
            "rule_en": rule_en,
            "rule_ur": rule_ur,
            "settings": config,
        }
