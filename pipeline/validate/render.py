"""Reports for people and machines: plain text, JSON, a self-contained HTML page, and GitHub
Actions annotations with a Markdown job summary."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.i18n import N_, SOURCE_LANG, Clerk, Text, clerk_gettext
from pipeline.validate import codes
from pipeline.validate.findings import Finding, Report


def _files(clerk: Clerk, count: int) -> Text:
    return clerk.ngettext("%(num)s file", "%(num)s files", count, num=clerk.number(count))


def _counted(clerk: Clerk, files: int, rows: int) -> tuple[Text, Text]:
    """'4 files' and '672 rows' in the clerk's words."""
    return _files(clerk, files), clerk.ngettext(
        "%(num)s row", "%(num)s rows", rows, num=clerk.number(rows)
    )


def all_good(report: Report, lang: str = SOURCE_LANG) -> Text:
    """The verdict of a report without errors, in one sentence."""
    clerk = clerk_gettext(lang)
    files, rows = _counted(clerk, len(report.files_checked), report.rows_checked)
    return clerk.gettext(
        "All good: %(files)s and %(rows)s checked, no problems found.", files=files, rows=rows
    )


def _problems(report: Report) -> int:
    return sum(f.count for f in report.errors)


def _label(clerk: Clerk, finding: Finding) -> Text:
    """The title a clerk reads and the code that stays the same: Not a date (bad-date)."""
    title = clerk.gettext(codes.CODES[finding.code].title)
    return Text(f"{title} ({clerk.isolate(finding.code)})")


def text(report: Report, rows_listed: int = 8, lang: str = SOURCE_LANG) -> str:
    """The report as a clerk reads it in a terminal or a CI log."""
    clerk = clerk_gettext(lang)
    _, ngettext = clerk
    lines: list[str] = []
    if report.valid:
        lines.append(all_good(report, lang))
    else:
        problems = _problems(report)
        lines.append(
            ngettext(
                "Found %(num)s problem in %(files)s file(s) (%(rows)s rows checked). Nothing is "
                "published until they are fixed.",
                "Found %(num)s problems in %(files)s file(s) (%(rows)s rows checked). Nothing is "
                "published until they are fixed.",
                problems,
                num=clerk.number(problems),
                files=len({f.file for f in report.errors}),
                rows=clerk.number(report.rows_checked),
            )
        )
    for finding in report.sorted_findings():
        label = _("WARNING") if finding.severity == "warning" else _("ERROR")
        lines.append("")
        lines.append(f"[{label}] {_label(clerk, finding)}")
        lines.append("  " + finding.summary(rows_listed, lang).replace("\n", "\n  "))
    if report.warnings and report.valid:
        lines.append("")
        lines.append(
            ngettext(
                "%(num)s warning: it does not stop publishing.",
                "%(num)s warnings: they do not stop publishing.",
                len(report.warnings),
            )
        )
    return "\n".join(lines) + "\n"


def as_json(report: Report, limit_per_finding: int | None = 100, lang: str = SOURCE_LANG) -> str:
    """A list of problem objects: code, file, row, column, value, message, fix (and more).

    The codes and the data stay as they are in every language; ``title``, ``message`` and
    ``fix`` are in ``lang``.
    """
    clerk = clerk_gettext(lang)
    items = []
    for finding in report.sorted_findings():
        for occurrence in finding.occurrences(limit_per_finding, lang):
            item = occurrence.as_dict()
            item["title"] = clerk.gettext(codes.CODES[finding.code].title)
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
main{overflow-wrap:anywhere}h2 bdi{white-space:nowrap}
@media (max-width:40rem){
thead{position:absolute;clip-path:inset(50%);width:1px;height:1px;overflow:hidden}
table,tbody,tr,td{display:block}tr{border:1px solid #767676;margin-block:.5rem}
td{border:0}td::before{content:attr(data-label);display:block;font-weight:bold}
td:empty{display:none}
}
"""


def as_html(report: Report, limit_per_finding: int = 100, lang: str = SOURCE_LANG) -> str:
    """A report page (no JavaScript, no remote assets) listing every problem found, in
    ``lang``; file names, columns and values are marked as data, in their own direction."""
    clerk = clerk_gettext(lang)
    _, ngettext = clerk
    esc = html.escape
    direction = "rtl" if clerk.right_to_left else "ltr"
    if report.valid:
        verdict = f'<p class="ok">{esc(all_good(report, lang))}</p>'
    else:
        problems = _problems(report)
        found = ngettext(
            "%(num)s problem found. Nothing is published until it is fixed.",
            "%(num)s problems found. Nothing is published until they are fixed.",
            problems,
            num=clerk.number(problems),
        )
        verdict = f'<p class="bad">{esc(found)}</p>'
    labels = [
        esc(_(name))
        for name in (N_("Row"), N_("Column"), N_("Value"), N_("What is wrong"), N_("How to fix it"))
    ]
    head = "".join(f"<th>{label}</th>" for label in labels)
    # On a phone each row stands as a block, each cell under its column's name.
    cell = [f'<td data-label="{label}">' for label in labels]
    sections = []
    for finding in report.sorted_findings():
        rows = []
        for occ in finding.occurrences(limit_per_finding, lang):
            column = f"{occ.column_letter or ''} {occ.column or ''}".strip()
            rows.append(
                "<tr>"
                f"{cell[0]}{'' if occ.row is None else occ.row}</td>"
                + (
                    f'{cell[1]}<bdi dir="ltr">{esc(column)}</bdi></td>'
                    if column
                    else cell[1] + "</td>"
                )
                + (
                    f'{cell[2]}<code dir="auto">{esc(occ.value)}</code></td>'
                    if occ.value
                    else cell[2] + "</td>"
                )
                + f"{cell[3]}{esc(occ.message)}</td>{cell[4]}{esc(occ.fix)}</td></tr>"
            )
        more = finding.count - min(finding.count, limit_per_finding, max(len(finding.rows), 1))
        more_text = ""
        if more > 0:
            more_text = "<p>" + esc(_("… and %(num)s more.", num=clerk.number(more))) + "</p>"
        times = ngettext(
            "%(num)s time", "%(num)s times", finding.count, num=clerk.number(finding.count)
        )
        title = clerk.gettext(codes.CODES[finding.code].title)
        sections.append(
            f'<section class="{finding.severity}"><h2>{esc(title)} '
            f'<small>(<bdi dir="ltr">{esc(finding.code)}</bdi>)</small></h2>'
            f'<p><strong><bdi dir="ltr">{esc(finding.file)}</bdi></strong> — {esc(times)}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{more_text}</section>"
        )
    page_title, heading = _("Shafaf data check"), _("Data check")
    return (
        f'<!DOCTYPE html><html lang="{esc(lang)}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(page_title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{esc(heading)}</h1>{verdict}{''.join(sections)}</main></body></html>\n"
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
    lang: str = SOURCE_LANG,
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
            out.append(_annotation(finding, index, lines, lang))
    return out


def _place(clerk: Clerk, finding: Finding, row: int | None) -> Text | None:
    """Where an annotation's problem is (Row 6, column B 'payment_date'), if its message does
    not say so itself."""
    _ = clerk.gettext
    if row is not None and "%(row)s" in codes.CODES[finding.code].message:
        row = None  # "Row 5 is empty."
    column, letter = finding.column, finding.column_letter
    if row is not None and column and letter:
        return _(
            "Row %(row)s, column %(letter)s '%(column)s'", row=row, letter=letter, column=column
        )
    if row is not None and column:
        return _("Row %(row)s, column '%(column)s'", row=row, column=column)
    if row is not None:
        return _("Row %(row)s", row=row)
    if column and letter:
        return _("Column %(letter)s '%(column)s'", letter=letter, column=column)
    if column:
        return _("Column '%(column)s'", column=column)
    return None


def _annotation(finding: Finding, index: int, lines: Mapping[str, Sequence[int]], lang: str) -> str:
    clerk = clerk_gettext(lang)
    _, ngettext = clerk
    occurrence = finding.occurrences(index + 1, lang)[index]
    kind = "warning" if finding.severity == "warning" else "error"
    props = [f"file={_escape_property(finding.file)}"]
    line = _line(finding, occurrence.row, lines)
    if line is not None:
        props.append(f"line={line}")
    if finding.column_index is not None:
        props.append(f"col={finding.column_index + 1}")
    props.append(f"title={_escape_property(_label(clerk, finding))}")
    place = _place(clerk, finding, occurrence.row)
    text = f"{place}: {occurrence.message}" if place else occurrence.message
    text += "\n" + _("How to fix: %(fix)s", fix=Text(occurrence.fix))
    if finding.count > 1:
        text += "\n" + ngettext(
            "Seen %(num)s time in this column: see the job summary for the rows.",
            "Seen %(num)s times in this column: see the job summary for the rows.",
            finding.count,
            num=clerk.number(finding.count),
        )
    return f"::{kind} {','.join(props)}::{_escape_data(text)}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no table breaks, no stray markup."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|~":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _rows_text(clerk: Clerk, finding: Finding, rows_listed: int) -> str:
    if not finding.rows:
        return ""
    shown = ", ".join(str(r) for r in finding.rows[:rows_listed])
    more = finding.count - min(len(finding.rows), rows_listed)
    if more > 0:
        return clerk.gettext("%(rows)s … and %(more)s more", rows=shown, more=clerk.number(more))
    return clerk.isolate(shown)


def summary_markdown(
    report: Report,
    rows_listed: int = 8,
    max_findings: int = SUMMARY_FINDINGS,
    lang: str = SOURCE_LANG,
) -> str:
    """The job summary: a verdict, then one table row per problem (grouped, capped)."""
    clerk = clerk_gettext(lang)
    _, ngettext = clerk
    files, rows = _counted(clerk, len(report.files_checked), report.rows_checked)
    if report.valid:
        head = (
            "## ✅ "
            + _("Data check: all good")
            + "\n\n"
            + _("%(files)s and %(rows)s checked, no problems found.", files=files, rows=rows)
        )
    else:
        problems = _problems(report)
        bad_files = _files(clerk, len({f.file for f in report.errors}))
        verdict = ngettext(
            "Data check: %(num)s problem in %(files)s",
            "Data check: %(num)s problems in %(files)s",
            problems,
            num=clerk.number(problems),
            files=bad_files,
        )
        head = f"## ❌ {verdict}\n\n" + _(
            "%(files)s and %(rows)s checked. Nothing is published until every error is fixed. "
            "*Row* is the spreadsheet row (the header is row 1); the column letter is the one "
            "Excel shows.",
            files=files,
            rows=rows,
        )
    if report.warnings:
        head += " " + ngettext(
            "%(num)s warning does not stop publishing.",
            "%(num)s warnings do not stop publishing.",
            len(report.warnings),
        )
    if not report.findings:
        return head + "\n"
    findings = sorted(report.sorted_findings(), key=lambda f: codes.SEVERITIES.index(f.severity))
    names = (N_("File"), N_("Row"), N_("Column"), N_("Problem"), N_("How to fix"))
    table = [
        "| " + " | ".join(_cell(_(name)) for name in names) + " |",
        "| --- | --- | --- | --- | --- |",
    ]
    for finding in findings[:max_findings]:
        occurrence = finding.occurrences(1, lang)[0]
        title = clerk.gettext(codes.CODES[finding.code].title)
        label = "⚠️ " if finding.severity == "warning" else ""
        times = ""
        if finding.count > 1:
            times = " " + _("(%(num)s times)", num=clerk.number(finding.count))
        letter = f"{finding.column_letter} " if finding.column_letter else ""
        column = f"{letter}{finding.column}" if finding.column else ""
        problem = f"{label}**{_cell(title)}**{_cell(times)}: {_cell(occurrence.message)}"
        table.append(
            f"| {_cell(clerk.isolate(finding.file))} "
            f"| {_cell(_rows_text(clerk, finding, rows_listed))} "
            f"| {_cell(clerk.isolate(column))} | {problem} | {_cell(occurrence.fix)} |"
        )
    rest = len(findings) - max_findings
    marked = len(github_annotations(report))
    occurrences = sum(f.count for f in report.findings)
    tail = ""
    if occurrences > marked:
        tail += "\n\n" + _(
            "GitHub marks at most %(most)s errors and %(most)s warnings on the lines of the "
            "files, so %(marked)s of the %(all)s problems are marked there (%(rest)s more are "
            "not); the table above groups them all.",
            most=ANNOTATIONS_PER_SEVERITY,
            marked=marked,
            all=clerk.number(occurrences),
            rest=clerk.number(occurrences - marked),
        )
    if rest > 0:
        tail += "\n\n" + _(
            "… and %(num)s more problems not listed here. Run %(command)s on your computer, or "
            "download the report from this run's artifacts, to see them all.",
            num=clerk.number(rest),
            command=Text(f"`{clerk.isolate('python -m pipeline validate')}`"),
        )
    return head + "\n\n" + "\n".join(table) + tail + "\n"
