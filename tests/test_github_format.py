"""CI mode: `validate --format github` marks each problem on its CSV line and writes a summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.validate import render
from pipeline.validate.findings import Finding, Report, group

from conftest import ROOT, read_rows, set_cell, write_rows

PAY = "datasets/spending/payments-2024-25.csv"


def run_ci(workdir: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """The validator as the workflow runs it, in ``workdir``; its output and the job summary."""
    summary = workdir / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "validate", *args, "--format", "github"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


def break_payments(mini: Path) -> None:
    """Three problems after a cell that spans two lines (so rows and lines differ by one)."""
    pay = mini / "spending/payments-2024-25.csv"
    set_cell(pay, 4, "purpose", "Repairs of the council hall,\nward 3")
    set_cell(pay, 6, "payment_date", "31/12/2024")
    set_cell(pay, 7, "procurement_method", "Open Tender")
    set_cell(pay, 9, "amount", "50%: Rs. 1,20,000")


EXPECTED_ANNOTATIONS = [
    "::error file=datasets/spending/payments-2024-25.csv,line=7,col=2,"
    "title=Not a date (bad-date)::Row 6, column B 'payment_date': '31/12/2024' is not a date "
    "written as YYYY-MM-DD.%0AHow to fix: Write 2024-12-31 instead of '31/12/2024'. Write dates "
    "as year-month-day, for example 2024-11-05. In Excel: Format Cells → Custom → yyyy-mm-dd.",
    "::error file=datasets/spending/payments-2024-25.csv,line=8,col=12,"
    "title=Value not allowed (not-in-list)::Row 7, column L 'procurement_method': 'Open Tender' "
    "is not one of the allowed values for 'procurement_method'.%0AHow to fix: Did you mean "
    "'open_tender'? Values must be written exactly, in lowercase. Use one of: direct_purchase, "
    "quotations, open_tender, limited_tender, emergency, not_applicable.",
    "::error file=datasets/spending/payments-2024-25.csv,line=10,col=10,"
    "title=Not a number (bad-number)::Row 9, column J 'amount': '50%25: Rs. 1,20,000' is not a "
    "number.%0AHow to fix: Write only the number, for example 120000 or 1,20,000, and a refund "
    "or credit note with a minus sign, for example -1500: no 'Rs.', brackets, spaces or words.",
]

EXPECTED_SUMMARY = """\
## ❌ Data check: 3 problems in 1 file

1 file and 672 rows checked. Nothing is published until every error is fixed. *Row* is the \
spreadsheet row (the header is row 1); the column letter is the one Excel shows.

| File | Row | Column | Problem | How to fix |
| --- | --- | --- | --- | --- |
| datasets/spending/payments-2024-25.csv | 6 | B payment\\_date | **Not a date**: '31/12/2024' \
is not a date written as YYYY-MM-DD. | Write 2024-12-31 instead of '31/12/2024'. Write dates as \
year-month-day, for example 2024-11-05. In Excel: Format Cells → Custom → yyyy-mm-dd. |
| datasets/spending/payments-2024-25.csv | 7 | L procurement\\_method | **Value not allowed**: \
'Open Tender' is not one of the allowed values for 'procurement\\_method'. | Did you mean \
'open\\_tender'? Values must be written exactly, in lowercase. Use one of: direct\\_purchase, \
quotations, open\\_tender, limited\\_tender, emergency, not\\_applicable. |
| datasets/spending/payments-2024-25.csv | 9 | J amount | **Not a number**: '50%: Rs. \
1,20,000' is not a number. | Write only the number, for example 120000 or 1,20,000, and a refund \
or credit note with a minus sign, for example -1500: no 'Rs.', brackets, spaces or words. |

"""


def test_annotations_and_summary_are_exact(mini: Path) -> None:
    break_payments(mini)
    result, summary = run_ci(mini.parent, PAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("::error")] == EXPECTED_ANNOTATIONS
    # The readable report follows, folded in the log.
    assert lines[len(EXPECTED_ANNOTATIONS)] == "::group::The full report"
    assert lines[-1] == "::endgroup::"
    assert "Found 3 problems in 1 file(s)" in result.stdout
    assert summary == EXPECTED_SUMMARY


def test_the_line_is_the_file_line_and_the_row_the_spreadsheet_row(mini: Path) -> None:
    break_payments(mini)
    text = (mini / "spending/payments-2024-25.csv").read_text(encoding="utf-8")
    assert text.splitlines()[7 - 1].split(",")[1] == "31/12/2024"  # line 7 = spreadsheet row 6
    assert render.record_lines(mini / "spending/payments-2024-25.csv")[:7] == [1, 2, 3, 4, 6, 7, 8]


def test_data_and_properties_are_escaped() -> None:
    finding = Finding(
        "bad-date",
        "datasets/a: b,c%.csv",
        column="payment_date",
        column_index=1,
        rows=(3,),
        values=("1%\r\n2",),
    )
    [line] = render.github_annotations(Report([finding]), {})
    assert line.startswith("::error file=datasets/a%3A b%2Cc%25.csv,line=3,col=2,title=")
    message = line.split("::", 2)[2]
    assert "'1%25%0D%0A2' is not a date" in message
    assert "\n" not in line and "\r" not in line


def test_summary_escapes_markdown_and_html() -> None:
    finding = Finding("bad-date", "a.csv", "payment_date", 1, (2,), ("<b>|*x*|</b>",))
    summary = render.summary_markdown(Report([finding]))
    assert "&lt;b&gt;\\|\\*x\\*\\|&lt;/b&gt;" in summary
    assert "<b>" not in summary


def test_annotations_are_capped_most_useful_first(mini: Path) -> None:
    pay = mini / "spending/payments-2024-25.csv"
    rows = read_rows(pay)
    amount = rows[0].index("amount")
    for row in rows[1:]:
        row[amount] = "Rs. 500"
    rows[0].append("remarks")  # a header problem: it explains more than any one cell
    for row in rows[1:]:
        row.append("")
    write_rows(pay, rows)
    result, summary = run_ci(mini.parent, PAY)
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(errors) == render.ANNOTATIONS_PER_SEVERITY
    assert "title=Unexpected column (extra-column)" in errors[0]
    assert "line=1,col=15" in errors[0]
    assert all("title=Not a number (bad-number)" in line for line in errors[1:])
    assert f"Seen {len(rows) - 1:,} times in this column" in errors[1]
    count = len(rows) - 1
    assert f"| 2, 3, 4, 5, 6, 7, 8, 9 … and {count - 8:,} more | J amount |" in summary
    assert (
        f"so 10 of the {count + 1:,} problems are marked there ({count - 9:,} more are not)"
        in summary
    )


def test_summary_is_capped() -> None:
    findings = [
        group("bad-date", f"f{i:03d}.csv", "payment_date", 1, [2, 3], ["x", "y"], 2)
        for i in range(130)
    ]
    summary = render.summary_markdown(Report(findings), max_findings=100)
    assert summary.count("| f") == 100
    assert "… and 30 more problems not listed here." in summary


def test_valid_data_gives_a_notice_and_a_green_summary(mini: Path) -> None:
    result, summary = run_ci(mini.parent, "datasets/spending")
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("::notice title=Data check::All good: ")
    assert summary.startswith("## ✅ Data check: all good")


def test_without_a_summary_file_only_annotations(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell(mini / "spending/payments-2024-25.csv", 6, "payment_date", "31/12/2024")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(mini.parent)
    assert cli.main(["validate", PAY, "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=" + PAY + ",line=6,col=2,")


def test_json_flag_and_format_json_agree(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_cell(mini / "spending/payments-2024-25.csv", 6, "payment_date", "31/12/2024")
    monkeypatch.chdir(mini.parent)
    assert cli.main(["validate", PAY, "--json"]) == 1
    old = json.loads(capsys.readouterr().out)
    assert cli.main(["validate", PAY, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == old
    assert cli.main(["validate", PAY, "--json", "--format", "github"]) == 2
    assert "choose one" in capsys.readouterr().err
