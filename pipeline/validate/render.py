"""Reports for people and machines: plain text, JSON, and a self-contained HTML page."""

from __future__ import annotations

import html
import json

from pipeline.validate import codes
from pipeline.validate.findings import Report


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
