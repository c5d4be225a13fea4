"""The two commands as a clerk and CI run them: `make site` builds only from valid data."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT, set_cell


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_help_lists_the_targets() -> None:
    result = make("help")
    assert result.returncode == 0
    for target in ("site", "test", "validate", "html", "serve", "publish", "bench"):
        assert f"make {target}" in result.stdout


def test_site_builds_from_valid_data(mini: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    bundle = tmp_path / "bundle.json"
    result = make("site", f"DATASETS={mini}", f"OUTPUT={output}", f"BUNDLE={bundle}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert bundle.exists()
    assert (output / "index.html").exists()
    assert (output / "ur" / "index.html").exists()


def test_invalid_data_builds_nothing(mini: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("the site as last published", encoding="utf-8")
    set_cell(mini / "spending/payments-2024-25.csv", 6, "payment_date", "31/12/2024")
    bundle = tmp_path / "bundle.json"
    result = make("site", f"DATASETS={mini}", f"OUTPUT={output}", f"BUNDLE={bundle}")
    assert result.returncode != 0
    assert "Not a date" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    # The last good site is untouched and no partial build is left behind.
    assert (output / "index.html").read_text(encoding="utf-8") == "the site as last published"
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert not Path(f"{output}.partial").exists()
    assert not bundle.exists()
