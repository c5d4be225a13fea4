"""Documentation is tested: every problem code, setting and make target is documented."""

from __future__ import annotations

import re

from pipeline import settings
from pipeline.validate import codes

from conftest import ROOT


def test_every_code_is_documented() -> None:
    text = (ROOT / "docs/issue-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z-]+)`", text, flags=re.M))
    assert documented == set(codes.CODES)
    for code, entry in codes.CODES.items():
        assert entry.title in text, code


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs/settings.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert f"`{setting.name}`" in text


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick_start and "make test" in quick_start
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_every_import_option_is_documented() -> None:
    import argparse

    from pipeline import cli

    sub = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    docs = (ROOT / "docs/intake.md").read_text(encoding="utf-8")
    for action in sub.choices["import"]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert f"`{option}" in docs, option
