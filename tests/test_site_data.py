"""The data pages: built by the plugin from the site bundle, refused from a stale one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from pipeline import bundle, cli, formats, load

from conftest import ROOT, set_cell


def build_site(datasets: Path, bundle_path: Path, output: Path) -> None:
    override = {
        "OUTPUT_PATH": str(output),
        "SHAFAF_BUNDLE": str(bundle_path),
        "SHAFAF_DATASETS": str(datasets),
    }
    Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).run()


@pytest.fixture
def built(mini: Path, tmp_path: Path) -> Path:
    path = tmp_path / "bundle.json"
    assert cli.main(["analyse", str(mini), "--out", str(path)]) == 0
    build_site(mini, path, tmp_path / "site")
    return tmp_path / "site"


def test_budget_page_per_council_in_both_languages(mini: Path, built: Path) -> None:
    lines = load.table(mini / "budget", "budget-*")
    for code in lines["lg_code"].unique():
        english = (built / code.lower() / "budget/index.html").read_text(encoding="utf-8")
        urdu = (built / "ur" / code.lower() / "budget/index.html").read_text(encoding="utf-8")
        assert '<html lang="en" dir="ltr">' in english
        assert '<html lang="ur" dir="rtl">' in urdu
        # The totals shown are the sums of the budget lines, formatted for each language.
        year = lines[(lines.lg_code == code) & (lines.fiscal_year == "2024-25")]
        approved = int(year["approved"].sum())
        assert formats.rupees(approved, "en") in english
        assert formats.rupees(approved, "ur") in urdu
        assert formats.rupees_exact(approved, "en") in english
        # The language switch leads to the same page in the other language.
        assert f'href="../../ur/{code.lower()}/budget/"' in english
        assert f'href="../../../{code.lower()}/budget/"' in urdu
    councils = (built / "councils/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="\.\./[a-z0-9-]+/budget/"', councils)) == lines.lg_code.nunique()


def test_analyse_refuses_invalid_data(mini: Path, tmp_path: Path, capsys) -> None:
    set_cell(mini / "budget/budget-2024-25.csv", 3, "approved", "Rs. 5,000")
    path = tmp_path / "bundle.json"
    assert cli.main(["analyse", str(mini), "--out", str(path)]) == 1
    assert "The site bundle was not updated." in capsys.readouterr().out
    assert not path.exists()


def test_stale_or_missing_bundle_is_refused(mini: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "bundle.json"
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 1
    assert "does not exist: run `make analyse` first" in capsys.readouterr().err
    assert cli.main(["analyse", str(mini), "--out", str(path)]) == 0
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 0
    set_cell(mini / "budget/budget-2024-25.csv", 3, "approved", "5000")
    assert cli.main(["check-bundle", str(mini), "--bundle", str(path)]) == 1
    assert "older than the data" in capsys.readouterr().err
    with pytest.raises(bundle.BundleError):
        bundle.read(path, mini)


@pytest.mark.parametrize(
    ("paisa", "lang", "text"),
    [
        (458_346_100_000, "en", "Rs 458.3 crore"),
        (458_346_100_000, "ur", "4.6\xa0ارب روپے"),
        (12_500_000, "en", "Rs 1.2 lakh"),
        (12_500_000_00, "ur", "1.2\xa0کروڑ روپے"),
        (5_000, "en", "Rs 50"),
        (None, "en", "–"),
    ],
)
def test_rupees_read_as_pakistani_readers_expect(paisa, lang, text) -> None:
    assert formats.rupees(paisa, lang) == text


def test_money_is_exact_paisa() -> None:
    import pandas as pd

    values = load.money(pd.Series(["1,20,000", "1200.5", "-5.25", None]))
    assert values.tolist()[:3] == [12_000_000, 120_050, -525]
    assert values.isna().tolist() == [False, False, False, True]
