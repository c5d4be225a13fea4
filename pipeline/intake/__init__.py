"""Spreadsheet intake: an .xlsx, .ods or messy .csv export turned into a resource's CSV file.

``import_file(Request(...))`` returns a report of what was mapped and changed, or raises
``IntakeError`` (exit code 1, or 2 for ``UsageError``) and writes nothing. See docs/intake.md.
"""

from __future__ import annotations

from pipeline.intake.dates import DAY_FIRST, MONTH_FIRST, offset_text
from pipeline.intake.errors import IntakeError, UsageError
from pipeline.intake.profile import Profile
from pipeline.intake.report import FileResult, Report, in_sheet, text
from pipeline.intake.run import APPEND, NEW, REPLACE, UPDATE, Request, import_file
from pipeline.intake.target import is_resource_file

__all__ = [
    "APPEND",
    "DAY_FIRST",
    "MONTH_FIRST",
    "NEW",
    "REPLACE",
    "UPDATE",
    "FileResult",
    "IntakeError",
    "Profile",
    "Report",
    "Request",
    "UsageError",
    "import_file",
    "in_sheet",
    "is_resource_file",
    "offset_text",
    "text",
]
