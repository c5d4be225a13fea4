"""A council's own site: `shafaf new` from the example council file, built with the same two
commands an adopter runs, and the engine upgraded by changing one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shafaf import scaffold

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "council.toml"
ENGINE_BIN = Path(sys.executable).parent


def shafaf(*args: str, cwd: Path, **kwargs: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ENGINE_BIN / "shafaf"), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def new_site(tmp_path: Path, council: Path = EXAMPLE) -> Path:
    site = tmp_path / "site"
    result = shafaf("new", str(site), "--council", str(council), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return site


def make(
    site: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=site, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, check=False,
    )  # fmt: skip


def test_a_new_site_holds_only_the_councils_files(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if ".git/" not in
                   p.as_posix() and p.is_file())  # fmt: skip
    assert "requirements.txt" in files and "Makefile" in files and "README.md" in files
    assert ".github/workflows/check.yml" in files and ".github/workflows/publish.yml" in files
    assert "datasets/spending/payments.schema.json" in files
    assert not any(f.startswith(("pipeline/", "publish/", "theme/", "plugins/")) for f in files)
    assert (site / ".git").is_dir()
    history = subprocess.run(["git", "log"], cwd=site, capture_output=True, check=False)
    assert history.returncode != 0, "a new site starts with no release history at all"
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    assert "Municipal Committee Khairpur Tamewali" in readme
    lgs = (site / "datasets/local-governments/local-governments.csv").read_text(encoding="utf-8")
    assert lgs.splitlines()[1].startswith("KHR-MC,Municipal Committee Khairpur Tamewali,")
    wards = (site / "datasets/local-governments/wards.csv").read_text(encoding="utf-8")
    assert wards.count("KHR-MC-W0") == 3
    assert wards.splitlines()[-1] == "KHR-MC-W03,KHR-MC,Ward 3,وارڈ 3,ward,"  # not recorded
    settings = (site / "datasets/settings.toml").read_text(encoding="utf-8")
    assert 'site_name = "Khairpur Tamewali Open Data"' in settings
    requirement = (site / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert requirement.startswith("shafaf")


def test_the_new_sites_workflows_are_the_engines_own(tmp_path: Path) -> None:
    """One source for both: the engine's workflows are the scaffold's, for its pyproject.toml."""
    site = new_site(tmp_path)
    for name in ("check.yml", "publish.yml"):
        ours = (ROOT / ".github/workflows" / name).read_text(encoding="utf-8")
        theirs = (site / ".github/workflows" / name).read_text(encoding="utf-8")
        assert theirs == ours.replace(
            "cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt"
        )


@pytest.mark.slow
def test_make_test_of_a_new_site_builds_it_in_both_languages(tmp_path: Path) -> None:
    """The site's own health check (validate, then build), with this engine's environment."""
    site = new_site(tmp_path)
    result = make(site, "test", f"VENV={ENGINE_BIN.parent}", "READY=")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The data is valid and the site builds." in result.stdout
    output = site / "build/test/output"
    pages = list(output.rglob("*.html"))
    assert (output / "index.html").exists() and (output / "ur/index.html").exists()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Sabzabad" not in text and "سبزآباد" not in text, page
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Khairpur Tamewali Open Data" in home
    assert "خیرپور ٹامیوالی کھلا ڈیٹا" in (output / "ur/index.html").read_text(encoding="utf-8")
    assert "demonstration data" not in home


def test_bad_council_files_are_refused_with_one_sentence(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    cases = {
        "tier": (text.replace('"municipal_committee"', '"municpal_committee"', 1),
                 "Did you mean 'municipal_committee'?"),
        "key": (text.replace("district_en =", "distrct_en =", 1), "Did you mean 'district_en'?"),
        "ward": (text.replace('code = "KHR-MC-W02"', 'code = "ABC-MC-W02"'),
                 "must start with the council's code"),
        "year": (text.replace('"2025-26"', '"2025-27"'), "write a fiscal year as 2024-25"),
        "twice": (text.replace('"KHR-MC-W02"', '"KHR-MC-W01"'), "KHR-MC-W01 is given twice"),
        "toml": (text + "\n[council\n", "is not valid TOML"),
        "code": (text.replace('code = "KHR-MC"', 'code = "khr"'), "'code' is 'khr'"),
        "currency": (text.replace('currency = "PKR"', 'currency = "rupees"'),
                     "currency must be a three-letter ISO 4217 code"),
        "language": (text.replace('language = "ur"', 'language = "fr"'),
                     "language must be one of"),
    }  # fmt: skip
    for name, (broken, expected) in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(broken, encoding="utf-8")
        result = shafaf("new", str(tmp_path / name), "--council", str(path), cwd=tmp_path)
        assert result.returncode == 2, name
        assert expected in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert not (tmp_path / name).exists(), "nothing is made from a bad council file"
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine", encoding="utf-8")
    result = shafaf("new", str(occupied), "--council", str(EXAMPLE), cwd=tmp_path)
    assert result.returncode == 2 and "already exists and is not empty" in result.stderr
    assert sorted(p.name for p in occupied.iterdir()) == ["notes.txt"]


def test_the_interactive_form_asks_again_what_was_wrong(tmp_path: Path) -> None:
    answers = iter([
        "KHR-MC", "Municipal Committee Khairpur Tamewali", "میونسپل کمیٹی خیرپور ٹامیوالی",
        "municipal_committee", "Bahawalpur", "بہاولپور", "panjab", "47500", "",
        "Khairpur Open Data", "خیرپور کھلا ڈیٹا", "", "2025-26", "", "", "",
        "", "",
        "KHR-MC-W01", "Ward 1", "وارڈ 1", "ward", "4100", "",
        "punjab",  # asked again: 'panjab' is not a province
    ])  # fmt: skip
    said: list[str] = []
    site = scaffold.create(
        tmp_path / "asked", None, engine="shafaf==0", git=False,
        prompt=lambda question: next(answers), say=said.append,
    )  # fmt: skip
    assert any("Did you mean 'punjab'?" in line for line in said)
    assert "punjab" in (site / "datasets/local-governments/local-governments.csv").read_text(
        "utf-8"
    )


def _engine_wheel(version: str, out: Path, tmp_path: Path) -> None:
    """A wheel of this engine, as release ``version``."""
    source = tmp_path / f"engine-{version}"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("pipeline", "publish", "shafaf", "theme", "plugins"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    shutil.copy(ROOT / "README.md", source / "README.md")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    current = next(line for line in project.splitlines() if line.startswith("version = "))
    (source / "pyproject.toml").write_text(
        project.replace(current, f'version = "{version}"', 1), encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(source)], check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.slow
def test_upgrading_the_engine_is_one_changed_line(tmp_path: Path) -> None:
    """A real site venv installs the engine's wheel; changing the pin installs the next release,
    and the site is rebuilt with it. The engine's wheel is also checked to hold everything a
    site build needs (theme, plugins, standard packages, translations)."""
    wheels = tmp_path / "wheels"
    _engine_wheel("0.1.0", wheels, tmp_path)
    _engine_wheel("0.1.1", wheels, tmp_path)
    site = new_site(tmp_path)
    requirements = site / "requirements.txt"
    lines = requirements.read_text(encoding="utf-8").splitlines()
    requirements.write_text("\n".join([*lines[:-1], "shafaf==0.1.0"]) + "\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    env = {"PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    first = make(site, "site", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    generator = '<meta name="generator" content="Shafaf 0.1.0">'
    assert generator in (site / "output/index.html").read_text(encoding="utf-8")

    requirements.write_text(
        requirements.read_text(encoding="utf-8").replace("shafaf==0.1.0", "shafaf==0.1.1"),
        encoding="utf-8",
    )
    changed = subprocess.run(
        ["git", "diff", "--numstat"], cwd=site, capture_output=True, text=True, check=True
    ).stdout.split()
    assert changed == ["1", "1", "requirements.txt"], "the upgrade is one changed line"
    second = make(site, "site", env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    version = subprocess.run([str(site / ".venv/bin/shafaf"), "--version"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert version.strip() == "shafaf 0.1.1"
    home = (site / "output/index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="Shafaf 0.1.1">' in home
