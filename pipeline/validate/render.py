"""Reports for people and machines: plain text, JSON, a self-contained HTML page, and GitHub
Actions annotations with a Markdown job summary."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.validate import codes
from pipeline.validate.findings import Finding, Report


def text(report: Report, rows_listed: int = 8) -> str:
    """The report as a clerk reads it in a terminal or a CI log."""
    lines = []
    files = len(report.files_checked)
    if report.valid:
        lines.append(
            f"All good: {files} files and {report.rows_checked:,} rows checked, no problems found."
        )
    else:
        problems = sum(f.count for f in report.errors)
        lines.append(
            f"Found {problems:,} problem{'s' if problems != 1 else ''} in "
            f"{len({f.file for f in report.errors})} file(s) ({report.rows_checked:,} rows "
            "checked). Nothing is published until they are fixed."
        )
    for finding in report.sorted_findings():
        label = "WARNING" if finding.severity == "warning" else "ERROR"
        title = codes.CODES[finding.code].title
        lines.append("")
        lines.append(f"[{label}] {title} ({finding.code})")
        lines.append("  " + finding.summary(rows_listed).replace("\n", "\n  "))
    if report.warnings and report.valid:
        lines.append("")
        lines.append(f"{len(report.warnings)} warning(s): they do not stop publishing.")
    return "\n".join(lines) + "\n"


def as_json(report: Report, limit_per_finding: int | None = 100) -> str:
    """A list of problem objects: code, file, row, column, value, message, fix (and more)."""
    items = []
    for finding in report.sorted_findings():
        for occurrence in finding.occurrences(limit_per_finding):
            item = occurrence.as_dict()
            item["title"] = codes.CODES[finding.code].title
            item["group_count"] = finding.count
            items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}
h1{font-size:1.5rem}.ok{color:#0b6b2e}.bad{color:#a4000f}
table{border-collapse:collapse;width:100%;margin-block:1rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#eee}code{background:#f3f3f3;padding:0 .2rem;overflow-wrap:break-word}
.warning{background:#fff8e1}
"""


def as_html(report: Report, limit_per_finding: int = 100) -> str:
    """A report page (no JavaScript, no remote assets) listing every problem found."""
    esc = html.escape
    if report.valid:
        verdict = (
            f'<p class="ok">All good: {len(report.files_checked)} files and '
            f"{report.rows_checked:,} rows checked, no problems found.</p>"
        )
    else:
        problems = sum(f.count for f in report.errors)
        verdict = (
            f'<p class="bad">{problems:,} problems found. Nothing is published until they are '
            "fixed.</p>"
        )
    sections = []
    for finding in report.sorted_findings():
        code = codes.CODES[finding.code]
        rows = []
        for occ in finding.occurrences(limit_per_finding):
            rows.append(
                "<tr>"
                f"<td>{'' if occ.row is None else occ.row}</td>"
                f"<td>{esc(occ.column_letter or '')} {esc(occ.column or '')}</td>"
                f"<td><code>{esc(occ.value or '')}</code></td>"
                f"<td>{esc(occ.message)}</td><td>{esc(occ.fix)}</td></tr>"
            )
        more = finding.count - min(finding.count, limit_per_finding, max(len(finding.rows), 1))
        more_text = f"<p>… and {more:,} more.</p>" if more > 0 else ""
        sections.append(
            f'<section class="{finding.severity}"><h2>{esc(code.title)} '
            f"<small>({esc(finding.code)})</small></h2>"
            f"<p><strong>{esc(finding.file)}</strong> — {finding.count:,} "
            f"time{'s' if finding.count != 1 else ''}</p>"
            "<table><thead><tr><th>Row</th><th>Column</th><th>Value</th><th>What is wrong</th>"
            f"<th>How to fix it</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{more_text}</section>"
        )
    return (
        '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Shafaf data check</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>Data check</h1>{verdict}{''.join(sections)}</main></body></html>\n"
    )


# --- GitHub Actions -------------------------------------------------------------------------

#: GitHub shows at most 10 error and 10 warning annotations of one step; more are dropped.
ANNOTATIONS_PER_SEVERITY = 10
#: Findings (table rows) listed in the job summary; the rest are counted.
SUMMARY_FINDINGS = 100
_GROUP_RANK = {"file": 0, "header": 1, "row": 2, "package": 3}


def record_lines(path: Path) -> list[int]:
    """The physical line (1-based) each spreadsheet row of a CSV file starts on; header = 1.

    They differ once a quoted cell holds a line break: the spreadsheet row the validator
    reports stays the same, but the annotation must point at the file's line.
    """
    starts: list[int] = []
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            line = 1
            try:
                for _ in reader:
                    starts.append(line)
                    line = reader.line_num + 1
            except csv.Error:
                pass  # an unreadable rest of the file: rows past it keep their own number
    except OSError:
        return []
    return starts


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def notice(title: str, message: str) -> str:
    """A GitHub notice annotation (not tied to a file)."""
    return f"::notice title={_escape_property(title)}::{_escape_data(message)}"


def _line(finding: Finding, row: int | None, lines: Mapping[str, Sequence[int]]) -> int | None:
    """The file line of a spreadsheet row (header-level problems point at the header)."""
    group = codes.CODES[finding.code].group
    if row is None:
        return 1 if group == "header" else None
    if group == "file":  # e.g. wrong-encoding: already the line of the file
        return row
    starts = lines.get(finding.file, ())
    return starts[row - 1] if 0 < row <= len(starts) else row


def _useful_first(findings: list[Finding]) -> list[Finding]:
    """File and header problems first (they explain the rest), then the most repeated."""
    return sorted(
        findings,
        key=lambda f: (_GROUP_RANK.get(codes.CODES[f.code].group, 9), -f.count, f.file),
    )


def github_annotations(
    report: Report,
    lines: Mapping[str, Sequence[int]] | None = None,
    per_severity: int = ANNOTATIONS_PER_SEVERITY,
) -> list[str]:
    """GitHub workflow commands (``::error file=…,line=…::…``), the most useful first.

    One annotation per finding comes first; spare places go to further rows of the same
    findings. ``lines`` maps a file to :func:`record_lines` of it; without it, the spreadsheet
    row is used as the line.
    """
    lines = lines or {}
    out: list[str] = []
    for severity in codes.SEVERITIES:
        findings = _useful_first([f for f in report.sorted_findings() if f.severity == severity])
        chosen: list[tuple[Finding, int]] = [(f, 0) for f in findings[:per_severity]]
        depth = 1
        while len(chosen) < per_severity and any(len(f.rows) > depth for f in findings):
            for finding in findings:
                if len(finding.rows) > depth and len(chosen) < per_severity:
                    chosen.append((finding, depth))
            depth += 1
        for finding, index in chosen:
            out.append(_annotation(finding, index, lines))
    return out


def _annotation(finding: Finding, index: int, lines: Mapping[str, Sequence[int]]) -> str:
    occurrence = finding.occurrences(index + 1)[index]
    code = codes.CODES[finding.code]
    kind = "warning" if finding.severity == "warning" else "error"
    props = [f"file={_escape_property(finding.file)}"]
    line = _line(finding, occurrence.row, lines)
    if line is not None:
        props.append(f"line={line}")
    if finding.column_index is not None:
        props.append(f"col={finding.column_index + 1}")
    props.append(f"title={_escape_property(f'{code.title} ({finding.code})')}")
    where = []
    if occurrence.row is not None and f"ow {occurrence.row} " not in occurrence.message:
        where.append(f"row {occurrence.row}")
    if finding.column:
        letter = f"{finding.column_letter} " if finding.column_letter else ""
        where.append(f"column {letter}'{finding.column}'")
    prefix = ", ".join(where)
    text = (prefix[:1].upper() + prefix[1:] + ": " if where else "") + occurrence.message
    text += f"\nHow to fix: {occurrence.fix}"
    if finding.count > 1:
        text += f"\nSeen {finding.count:,} times in this column: see the job summary for the rows."
    return f"::{kind} {','.join(props)}::{_escape_data(text)}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no table breaks, no stray markup."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|~":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _rows_text(finding: Finding, rows_listed: int) -> str:
    if not finding.rows:
        return ""
    shown = ", ".join(str(r) for r in finding.rows[:rows_listed])
    more = finding.count - min(len(finding.rows), rows_listed)
    return shown + (f" … and {more:,} more" if more > 0 else "")


def _files(count: int) -> str:
    return f"{count:,} file{'s' if count != 1 else ''}"


def summary_markdown(
    report: Report, rows_listed: int = 8, max_findings: int = SUMMARY_FINDINGS
) -> str:
    """The job summary: a verdict, then one table row per problem (grouped, capped)."""
    files = len(report.files_checked)
    if report.valid:
        head = (
            f"## ✅ Data check: all good\n\n{_files(files)} and {report.rows_checked:,} rows "
            "checked, no problems found."
        )
    else:
        problems = sum(f.count for f in report.errors)
        bad_files = len({f.file for f in report.errors})
        head = (
            f"## ❌ Data check: {problems:,} problem{'s' if problems != 1 else ''} in "
            f"{_files(bad_files)}\n\n"
            f"{_files(files)} and {report.rows_checked:,} rows checked. Nothing is published "
            "until every error is fixed. *Row* is the spreadsheet row (the header is row 1); "
            "the column letter is the one Excel shows."
        )
    if report.warnings:
        head += f" {len(report.warnings)} warning(s) do not stop publishing."
    if not report.findings:
        return head + "\n"
    findings = sorted(report.sorted_findings(), key=lambda f: codes.SEVERITIES.index(f.severity))
    table = [
        "| File | Row | Column | Problem | How to fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for finding in findings[:max_findings]:
        occurrence = finding.occurrences(1)[0]
        code = codes.CODES[finding.code]
        label = "⚠️ " if finding.severity == "warning" else ""
        times = f" ({finding.count:,} times)" if finding.count > 1 else ""
        letter = f"{finding.column_letter} " if finding.column_letter else ""
        column = f"{letter}{_cell(finding.column)}" if finding.column else ""
        problem = f"{label}**{_cell(code.title)}**{times}: {_cell(occurrence.message)}"
        table.append(
            f"| {_cell(finding.file)} | {_rows_text(finding, rows_listed)} | {column} "
            f"| {problem} | {_cell(occurrence.fix)} |"
        )
    rest = len(findings) - max_findings
    marked = len(github_annotations(report))
    occurrences = sum(f.count for f in report.findings)
    tail = ""
    if occurrences > marked:
        tail += (
            f"\n\nGitHub marks at most {ANNOTATIONS_PER_SEVERITY} errors and "
            f"{ANNOTATIONS_PER_SEVERITY} warnings on the lines of the files, so {marked} of the "
            f"{occurrences:,} problems are marked there ({occurrences - marked:,} more are not); "
            "the table above groups them all."
        )
    if rest > 0:
        tail += (
            f"\n\n… and {rest:,} more problems not listed here. Run `python -m pipeline "
            "validate` on your computer, or download the report from this run's artifacts, "
            "to see them all."
        )
    return head + "\n\n" + "\n".join(table) + tail + "\n"
