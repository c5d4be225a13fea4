"""Issue codes: a stable code, its severity, and the words a clerk reads for it.

Messages and fixes are templates filled from the finding: ``{file}``, ``{row}``, ``{column}``,
``{letter}`` (spreadsheet column), ``{value}`` and code-specific names. Codes never change
meaning once published; add new ones instead. Every code is documented in docs/issue-codes.md.
"""

from __future__ import annotations

from dataclasses import dataclass

SAVE_AS_CSV = (
    "Open the file in Excel and choose File → Save As → 'CSV UTF-8 (Comma delimited) (*.csv)', "
    "then commit that file."
)


@dataclass(frozen=True)
class Code:
    """What a code means to a clerk."""

    title: str
    message: str
    fix: str
    severity: str = "error"  # "error" blocks publishing; "warning" does not
    group: str = "row"  # "file", "header", "row" or "package"


CODES: dict[str, Code] = {
    # --- the file itself ---------------------------------------------------------------
    "file-missing": Code(
        "File missing",
        "The file {file} is listed in datapackage.json but is not in the folder.",
        "Add the file, or remove its entry ('{resource}') from datapackage.json.",
        group="file",
    ),
    "file-not-listed": Code(
        "File not listed",
        "{file} is in the dataset folder but not listed in datapackage.json, so it is not "
        "checked or published.",
        "Add an entry for it to datapackage.json (copy the entry of the previous year and change "
        "its name and path), or remove the file.",
        severity="warning",
        group="file",
    ),
    "empty-file": Code(
        "Empty file",
        "The file is empty.",
        "Export the sheet again: the file needs a header row with the column names and at least "
        "one row of data.",
        group="file",
    ),
    "no-data-rows": Code(
        "No data rows",
        "The file has the column names but no rows of data, so the site says this table is "
        "not published yet.",
        "Nothing to do if there is nothing to publish yet; otherwise add the rows of data "
        "under the header row.",
        group="file",
        severity="warning",  # a council publishes what it has: an empty table is honest
    ),
    "not-a-csv": Code(
        "Not a CSV file",
        "This is not a CSV text file: it looks like {kind} that was renamed to .csv.",
        SAVE_AS_CSV,
        group="file",
    ),
    "wrong-encoding": Code(
        "Wrong text encoding",
        "The file is saved as {encoding}, not UTF-8, so Urdu and other special characters "
        "would be garbled (first seen in row {row}).",
        SAVE_AS_CSV,
        group="file",
    ),
    "wrong-delimiter": Code(
        "Wrong column separator",
        "Columns are separated by {delimiter_name} ('{delimiter}') instead of commas.",
        SAVE_AS_CSV + " If Excel still writes '{delimiter}', change the list separator in "
        "Windows' region settings to a comma.",
        group="file",
    ),
    "unreadable-file": Code(
        "File cannot be read",
        "The file could not be read as CSV: {detail}",
        SAVE_AS_CSV,
        group="file",
    ),
    # --- the header row ----------------------------------------------------------------
    "missing-column": Code(
        "Column missing",
        "Column '{column}' ({title}) is missing.",
        "Add a column named '{column}' as column {expected_letter} (header cell "
        "{expected_letter}1), and fill it in for every row.",
        group="header",
    ),
    "extra-column": Code(
        "Unexpected column",
        "Column {letter} '{value}' is not one of this dataset's columns.",
        "Delete column {letter}, or rename it if it is a misspelt column name. "
        "The columns are: {expected}.",
        group="header",
    ),
    "renamed-column": Code(
        "Column name wrong",
        "Column {letter} is named '{value}' but should be '{column}'.",
        "Change header cell {letter}1 to exactly '{column}' (lowercase, no spaces).",
        group="header",
    ),
    "duplicate-column": Code(
        "Column repeated",
        "Column name '{column}' appears more than once (columns {letters}).",
        "Keep one column '{column}' and delete or rename the others.",
        group="header",
    ),
    "blank-column-name": Code(
        "Column without a name",
        "Column {letter} has no name in the header row.",
        "Delete column {letter} if it is empty, or give it its correct name.",
        group="header",
    ),
    "column-order": Code(
        "Columns in the wrong order",
        "Column {letter} is '{value}' but should be '{column}': the columns are not in the "
        "agreed order.",
        "Move the columns into this order: {expected}.",
        group="header",
    ),
    # --- rows and cells ----------------------------------------------------------------
    "blank-row": Code(
        "Empty row",
        "Row {row} is empty.",
        "Delete the empty row (right-click the row number in Excel → Delete).",
    ),
    "extra-cells": Code(
        "Too many cells",
        "Row {row} has {actual} cells but the header has {expected}.",
        "Look for a stray comma in this row; text that contains commas must be in double quotes. "
        "Saving from Excel as CSV UTF-8 does this for you.",
    ),
    "missing-cells": Code(
        "Too few cells",
        "Row {row} has {actual} cells but the header has {expected}.",
        "Fill in the missing cells of this row (an empty cell still needs its comma).",
    ),
    "missing-value": Code(
        "Required value missing",
        "'{column}' is empty or not recorded, but every row needs it.",
        "Fill in {title} for this row from the council's records, for example '{example}'.",
    ),
    "bad-date": Code(
        "Not a date",
        "'{value}' is not a date written as YYYY-MM-DD.",
        "{suggestion}Write dates as year-month-day, for example {example}. In Excel: "
        "Format Cells → Custom → yyyy-mm-dd.",
    ),
    "bad-datetime": Code(
        "Not a date and time",
        "'{value}' is not a date and time written as YYYY-MM-DDThh:mm:ss+05:00.",
        "{suggestion}Write it like {example} (date, the letter T, the time, and +05:00 for "
        "Pakistan time).",
    ),
    "bad-number": Code(
        "Not a number",
        "'{value}' is not a number.",
        "{suggestion}Write only the number, for example 120000 or 1,20,000, and a refund or "
        "credit note with a minus sign, for example -1500: no 'Rs.', brackets, spaces or words.",
    ),
    "bad-integer": Code(
        "Not a whole number",
        "'{value}' is not a whole number.",
        "{suggestion}Write a whole number with digits only, for example {example}.",
    ),
    "bad-value": Code(
        "Wrong kind of value",
        "'{value}' is not a valid {type}.",
        "Write it like {example}.",
    ),
    "not-in-list": Code(
        "Value not allowed",
        "'{value}' is not one of the allowed values for '{column}'.",
        "{suggestion}Use one of: {allowed}.",
    ),
    "wrong-format": Code(
        "Value in the wrong form",
        "'{value}' is not in the form '{column}' needs.",
        "{suggestion}Write it like '{example}'.",
    ),
    "below-minimum": Code(
        "Value too small",
        "'{value}' is less than {minimum}, the smallest value allowed for '{column}'.",
        "{suggestion}Check the figure against the source and correct it if it was copied "
        "wrongly: '{column}' cannot be less than {minimum}.",
    ),
    "above-maximum": Code(
        "Value too large",
        "'{value}' is more than {maximum}, the largest value allowed for '{column}'.",
        "Check the value; enter at most {maximum}.",
    ),
    "constraint-failed": Code(
        "Value breaks a rule",
        "'{value}' breaks the rule {constraint} for '{column}'.",
        "Correct the value so that it follows the rule, for example '{example}'.",
    ),
    "duplicate-id": Code(
        "Id used twice",
        "'{value}' is already used in row {first_row}; each '{column}' must be unique.",
        "If this row repeats the other, delete it; otherwise give it a new {column}.",
    ),
    "duplicate-id-across-files": Code(
        "Id used in two files",
        "'{value}' is also used in {other_file} (row {other_row}); each '{column}' must be "
        "unique across the years.",
        "If this row repeats the other, delete one; otherwise give it a new {column}.",
        group="package",
    ),
    "duplicate-value": Code(
        "Value used twice",
        "'{value}' is already used in row {first_row}; each '{column}' must be unique.",
        "Give each row its own {column}.",
    ),
    "unknown-reference": Code(
        "Unknown code",
        "'{value}' in '{column}' does not match any {ref_field} in {ref_file}.",
        "{suggestion}Use a {ref_field} listed in {ref_file}, or add it there first.",
        group="package",
    ),
    # --- Shafaf's own rules ----------------------------------------------------------------
    "date-outside-fiscal-year": Code(
        "Date outside the fiscal year",
        "{value} is outside fiscal year {fiscal_year} (1 July {start} to 30 June {end}).",
        "Correct the date or the fiscal_year: a date up to 30 June {end} belongs to "
        "{fiscal_year}; from 1 July {end} it belongs to the next year.",
    ),
    "bad-fiscal-year": Code(
        "Fiscal year written wrongly",
        "'{value}' is not a fiscal year: write the starting year and the last two digits of the "
        "next, such as 2024-25.",
        "{suggestion}Write the fiscal year like 2024-25 (July 2024 to June 2025).",
    ),
    "wrong-year-file": Code(
        "Row in the wrong year's file",
        "This row is for fiscal year {value} but the file is for {expected}.",
        "Move the row to the file for {value}, or correct its fiscal_year.",
    ),
    "resolved-before-received": Code(
        "Resolved before received",
        "Resolved at {value}, which is before the complaint was received ({received}).",
        "Correct resolved_datetime or requested_datetime.",
    ),
    "closed-without-resolved-time": Code(
        "Closed without a resolved time",
        "The complaint is 'closed' but resolved_datetime is empty.",
        "Enter when the complaint was resolved, or set status back to 'open'.",
    ),
    "open-with-resolved-time": Code(
        "Open but has a resolved time",
        "The complaint is 'open' but resolved_datetime is filled in ({value}).",
        "Set status to 'closed', or empty resolved_datetime if the complaint is not resolved.",
    ),
    "zero-amount": Code(
        "Payment of zero",
        "The amount is {value}: a payment of nothing.",
        "Nothing to change if the source shows 0 (a cancelled or fully reversed voucher, for "
        "example): the row is published as it is. If the amount was lost when the file was "
        "made, copy it from the source.",
        severity="warning",
    ),
    "personal-data": Code(
        "Personal data in public text",
        "'{column}' contains what looks like {kind} ({value}).",
        "Remove names, phone numbers, CNIC numbers and e-mail addresses from text that is "
        "published; write for example 'citizen's number withheld'.",
    ),
}

SEVERITIES = ("error", "warning")
