"""Findings: what the validator reports, grouped by problem, file and column."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.i18n import SOURCE_LANG, Clerk, Localized, Phrase, Text, clerk_gettext
from pipeline.validate import codes

#: How many row numbers (and their values) a finding keeps; the count stays exact.
ROWS_KEPT = 1000


def column_letter(index: int | None) -> str | None:
    """Spreadsheet letter of a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    if index is None or index < 0:
        return None
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


#: A value a message template is filled with: data (shown as it is) or words in the reader's
#: language (a hint, the name of a kind of file, a column's title).
Param = str | Phrase | Localized
_PLACE = re.compile(r"%\((\w+)\)s")


def _fill(clerk: Clerk, template: str, params: Mapping[str, Param]) -> str:
    """``template`` in the clerk's language; a place the finding has no value for is empty, and
    a suggestion (a sentence of its own) is followed by a space."""
    values: dict[str, object] = {name: params.get(name, "") for name in _PLACE.findall(template)}
    if values.get("suggestion"):
        values["suggestion"] = Text(clerk.value(values["suggestion"]) + " ")
    return clerk.gettext(template, **values)


@dataclass(frozen=True)
class Occurrence:
    """One place a finding was seen, with its own message and fix."""

    code: str
    severity: str
    file: str
    row: int | None
    column: str | None
    column_letter: str | None
    value: str | None
    message: str
    fix: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "column_letter": self.column_letter,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class Finding:
    """A problem seen once or many times in one column of one file.

    ``rows`` and ``values`` keep at most ``ROWS_KEPT`` entries; ``count`` is exact.
    ``params`` fill the message templates of the code (see ``codes.CODES``); ``value_params``
    give per-value parameters (for example a did-you-mean) keyed by the value. Its words are
    made in the language asked for (``lang``, English by default) when it is shown.
    """

    code: str
    file: str
    column: str | None = None
    column_index: int | None = None
    rows: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    count: int = 1
    params: Mapping[str, Param] = field(default_factory=dict)
    value_params: Mapping[str, Mapping[str, Param]] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return codes.CODES[self.code].severity

    @property
    def column_letter(self) -> str | None:
        return column_letter(self.column_index)

    def _params(self, value: str | None, row: int | None) -> dict[str, Param]:
        letter = self.column_letter or ""
        params: dict[str, Param] = {
            **codes.LITERALS,
            "file": self.file,
            "column": self.column or "",
            "letter": letter,
            "header_cell": f"{letter}1" if letter else "",
            "count": Text(self.count),  # numbers keep their order in any direction
            "row": "" if row is None else Text(row),
            "value": "" if value is None else value,
        }
        params.update(self.params)
        if value is not None and value in self.value_params:
            params.update(self.value_params[value])
        return params

    def occurrences(self, limit: int | None = None, lang: str = SOURCE_LANG) -> list[Occurrence]:
        """Each row of the finding (up to ``limit``) as an occurrence with its own text."""
        clerk = clerk_gettext(lang)
        code = codes.CODES[self.code]
        rows: Sequence[int | None] = self.rows or (None,)
        if limit is not None:
            rows = rows[:limit]
        result = []
        for i, row in enumerate(rows):
            value = self.values[i] if i < len(self.values) else self.params.get("value")
            value = None if value is None else str(value)
            params = self._params(value, row)
            result.append(
                Occurrence(
                    code=self.code,
                    severity=code.severity,
                    file=self.file,
                    row=row,
                    column=self.column,
                    column_letter=self.column_letter,
                    value=value,
                    message=_fill(clerk, code.message, params),
                    fix=_fill(clerk, code.fix, params),
                )
            )
        return result

    def where(self, lang: str = SOURCE_LANG) -> Text:
        """The file, and the column with its letter: where a clerk looks."""
        clerk = clerk_gettext(lang)
        _ = clerk.gettext
        if not self.column:
            return clerk.isolate(self.file)
        if self.column_letter:
            return _(
                "%(file)s, column %(letter)s '%(column)s'",
                file=self.file,
                letter=self.column_letter,
                column=self.column,
            )
        return _("%(file)s, column '%(column)s'", file=self.file, column=self.column)

    def summary(self, rows_shown: int = 8, lang: str = SOURCE_LANG) -> str:
        """One paragraph for a clerk: where, how many, what is wrong, how to fix it."""
        clerk = clerk_gettext(lang)
        _ = clerk.gettext
        code = codes.CODES[self.code]
        first = self.values[0] if self.values else self.params.get("value")
        params = self._params(
            None if first is None else str(first), self.rows[0] if self.rows else None
        )
        where = self.where(lang)
        if len(self.rows) > 1 or self.count > 1:
            shown = ", ".join(str(r) for r in self.rows[:rows_shown])
            more = self.count - min(len(self.rows), rows_shown)
            rows_text = (
                _("rows %(rows)s … and %(more)s more", rows=shown, more=more)
                if more > 0
                else _("rows %(rows)s", rows=shown)
            )
            head = _(
                "%(where)s: %(count)s times (%(rows)s). First:",
                where=where,
                count=self.count,
                rows=rows_text,
            )
        elif self.rows:
            head = _("%(where)s, row %(row)s:", where=where, row=self.rows[0])
        else:
            head = Text(f"{where}:")
        fix = _("How to fix: %(fix)s", fix=Text(_fill(clerk, code.fix, params)))
        return f"{head} {_fill(clerk, code.message, params)}\n  {fix}"


def group(
    code: str,
    file: str,
    column: str | None,
    column_index: int | None,
    rows: Iterable[int],
    values: Iterable[str],
    count: int,
    params: Mapping[str, Param] | None = None,
    value_params: Mapping[str, Mapping[str, Param]] | None = None,
) -> Finding:
    """Build a finding from (possibly many) rows, keeping the first ``ROWS_KEPT``."""
    kept_rows: list[int] = []
    kept_values: list[str] = []
    for row, value in zip(rows, values, strict=False):
        if len(kept_rows) >= ROWS_KEPT:
            break
        kept_rows.append(int(row))
        kept_values.append(value)
    return Finding(
        code=code,
        file=file,
        column=column,
        column_index=column_index,
        rows=tuple(kept_rows),
        values=tuple(kept_values),
        count=count,
        params=dict(params or {}),
        value_params={k: dict(v) for k, v in (value_params or {}).items()},
    )


@dataclass
class Report:
    """Everything the validator found, plus what it checked."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: list[str] = field(default_factory=list)
    rows_checked: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def sorted_findings(self) -> list[Finding]:
        return sorted(
            self.findings,
            key=lambda f: (f.file, f.rows[0] if f.rows else 0, f.column_index or 0, f.code),
        )

    def flatten(
        self, limit_per_finding: int | None = 100, lang: str = SOURCE_LANG
    ) -> list[Occurrence]:
        """Occurrences of every finding in a stable order, capped per finding."""
        out: list[Occurrence] = []
        for finding in self.sorted_findings():
            out.extend(finding.occurrences(limit_per_finding, lang))
        return out
