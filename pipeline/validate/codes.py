"""Issue codes: a stable code, its severity, and the words a clerk reads for it.

Titles, messages and fixes are gettext messages (the English is the message id; the Urdu is in
theme/translations/ur/LC_MESSAGES/messages.po), filled from the finding: ``%(file)s``,
``%(row)s``, ``%(column)s``, ``%(letter)s`` (spreadsheet column), ``%(header_cell)s`` (its cell
in the header row), ``%(value)s``, the ``LITERALS`` and code-specific names. Codes never change
meaning once published; add new ones instead. Every code is documented in docs/issue-codes.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.i18n import N_

#: Excel's menus and written forms, in every message as they are (left to right in Urdu text).
LITERALS = {
    "save_as": "File → Save As → 'CSV UTF-8 (Comma delimited) (*.csv)'",
    "date_cells": "Format Cells → Custom → yyyy-mm-dd",
    "delete": "Delete",
    "date_form": "YYYY-MM-DD",
    "datetime_form": "YYYY-MM-DDThh:mm:ss+05:00",
    "offset": "+05:00",
    "extension": ".csv",
    "rs": "'Rs.'",
}
# The messages that tell a clerk to save the file as CSV again.
_SAVE_AS_CSV = N_("Open the file in Excel and choose %(save_as)s, then commit that file.")
_SAVE_AS_CSV_COMMA = N_(
    "Open the file in Excel and choose %(save_as)s, then commit that file. If Excel still "
    "writes '%(delimiter)s', change the list separator in Windows' region settings to a comma."
)


@dataclass(frozen=True)
class Code:
    """What a code means to a clerk: gettext messages with ``%(name)s`` places."""

    title: str
    message: str
    fix: str
    severity: str = "error"  # "error" blocks publishing; "warning" does not
    group: str = "row"  # "file", "header", "row" or "package"


CODES: dict[str, Code] = {
    # --- the file itself ---------------------------------------------------------------
    "file-missing": Code(
        N_("File missing"),
        N_("The file %(file)s is listed in datapackage.json but is not in the folder."),
        N_("Add the file, or remove its entry ('%(resource)s') from datapackage.json."),
        group="file",
    ),
    "file-not-listed": Code(
        N_("File not listed"),
        N_(
            "%(file)s is in the dataset folder but not listed in datapackage.json, so it is not "
            "checked or published."
        ),
        N_(
            "Add an entry for it to datapackage.json (copy the entry of the previous year and "
            "change its name and path), or remove the file."
        ),
        severity="warning",
        group="file",
    ),
    "empty-file": Code(
        N_("Empty file"),
        N_("The file is empty."),
        N_(
            "Export the sheet again: the file needs a header row with the column names and at "
            "least one row of data."
        ),
        group="file",
    ),
    "no-data-rows": Code(
        N_("No data rows"),
        N_(
            "The file has the column names but no rows of data, so the site says this table is "
            "not published yet."
        ),
        N_(
            "Nothing to do if there is nothing to publish yet; otherwise add the rows of data "
            "under the header row."
        ),
        group="file",
        severity="warning",  # a council publishes what it has: an empty table is honest
    ),
    "not-a-csv": Code(
        N_("Not a CSV file"),
        N_(
            "This is not a CSV text file: it looks like %(kind)s that was renamed to %(extension)s."
        ),
        _SAVE_AS_CSV,
        group="file",
    ),
    "wrong-encoding": Code(
        N_("Wrong text encoding"),
        N_(
            "The file is saved as %(encoding)s, not UTF-8, so Urdu and other special characters "
            "would be garbled (first seen in row %(row)s)."
        ),
        _SAVE_AS_CSV,
        group="file",
    ),
    "wrong-delimiter": Code(
        N_("Wrong column separator"),
        N_("Columns are separated by %(delimiter_name)s ('%(delimiter)s') instead of commas."),
        _SAVE_AS_CSV_COMMA,
        group="file",
    ),
    "unreadable-file": Code(
        N_("File cannot be read"),
        N_("The file could not be read as CSV: %(detail)s"),
        _SAVE_AS_CSV,
        group="file",
    ),
    # --- the header row ----------------------------------------------------------------
    "missing-column": Code(
        N_("Column missing"),
        N_("Column '%(column)s' (%(title)s) is missing."),
        N_(
            "Add a column named '%(column)s' as column %(expected_letter)s (header cell "
            "%(expected_cell)s), and fill it in for every row."
        ),
        group="header",
    ),
    "extra-column": Code(
        N_("Unexpected column"),
        N_("Column %(letter)s '%(value)s' is not one of this dataset's columns."),
        N_(
            "Delete column %(letter)s, or rename it if it is a misspelt column name. "
            "The columns are: %(expected)s."
        ),
        group="header",
    ),
    "renamed-column": Code(
        N_("Column name wrong"),
        N_("Column %(letter)s is named '%(value)s' but should be '%(column)s'."),
        N_("Change header cell %(header_cell)s to exactly '%(column)s' (lowercase, no spaces)."),
        group="header",
    ),
    "duplicate-column": Code(
        N_("Column repeated"),
        N_("Column name '%(column)s' appears more than once (columns %(letters)s)."),
        N_("Keep one column '%(column)s' and delete or rename the others."),
        group="header",
    ),
    "blank-column-name": Code(
        N_("Column without a name"),
        N_("Column %(letter)s has no name in the header row."),
        N_("Delete column %(letter)s if it is empty, or give it its correct name."),
        group="header",
    ),
    "column-order": Code(
        N_("Columns in the wrong order"),
        N_(
            "Column %(letter)s is '%(value)s' but should be '%(column)s': the columns are not in "
            "the agreed order."
        ),
        N_("Move the columns into this order: %(expected)s."),
        group="header",
    ),
    # --- rows and cells ----------------------------------------------------------------
    "blank-row": Code(
        N_("Empty row"),
        N_("Row %(row)s is empty."),
        N_("Delete the empty row (right-click the row number in Excel → %(delete)s)."),
    ),
    "extra-cells": Code(
        N_("Too many cells"),
        N_("Row %(row)s has %(actual)s cells but the header has %(expected)s."),
        N_(
            "Look for a stray comma in this row; text that contains commas must be in double "
            "quotes. Saving from Excel as CSV UTF-8 does this for you."
        ),
    ),
    "missing-cells": Code(
        N_("Too few cells"),
        N_("Row %(row)s has %(actual)s cells but the header has %(expected)s."),
        N_("Fill in the missing cells of this row (an empty cell still needs its comma)."),
    ),
    "missing-value": Code(
        N_("Required value missing"),
        N_("'%(column)s' is empty or not recorded, but every row needs it."),
        N_("Fill in %(title)s for this row from the council's records, for example '%(example)s'."),
    ),
    "bad-date": Code(
        N_("Not a date"),
        N_("'%(value)s' is not a date written as %(date_form)s."),
        N_(
            "%(suggestion)sWrite dates as year-month-day, for example %(example)s. In Excel: "
            "%(date_cells)s."
        ),
    ),
    "bad-datetime": Code(
        N_("Not a date and time"),
        N_("'%(value)s' is not a date and time written as %(datetime_form)s."),
        N_(
            "%(suggestion)sWrite it like %(example)s (date, the letter T, the time, and "
            "%(offset)s for Pakistan time)."
        ),
    ),
    "bad-number": Code(
        N_("Not a number"),
        N_("'%(value)s' is not a number."),
        N_(
            "%(suggestion)sWrite only the number, for example 120000 or 1,20,000, and a refund or "
            "credit note with a minus sign, for example -1500: no %(rs)s, brackets, spaces or "
            "words."
        ),
    ),
    "bad-integer": Code(
        N_("Not a whole number"),
        N_("'%(value)s' is not a whole number."),
        N_("%(suggestion)sWrite a whole number with digits only, for example %(example)s."),
    ),
    "bad-value": Code(
        N_("Wrong kind of value"),
        N_("'%(value)s' is not a valid %(type)s."),
        N_("Write it like %(example)s."),
    ),
    "not-in-list": Code(
        N_("Value not allowed"),
        N_("'%(value)s' is not one of the allowed values for '%(column)s'."),
        N_("%(suggestion)sUse one of: %(allowed)s."),
    ),
    "wrong-format": Code(
        N_("Value in the wrong form"),
        N_("'%(value)s' is not in the form '%(column)s' needs."),
        N_("%(suggestion)sWrite it like '%(example)s'."),
    ),
    "below-minimum": Code(
        N_("Value too small"),
        N_("'%(value)s' is less than %(minimum)s, the smallest value allowed for '%(column)s'."),
        N_(
            "%(suggestion)sCheck the figure against the source and correct it if it was copied "
            "wrongly: '%(column)s' cannot be less than %(minimum)s."
        ),
    ),
    "above-maximum": Code(
        N_("Value too large"),
        N_("'%(value)s' is more than %(maximum)s, the largest value allowed for '%(column)s'."),
        N_("Check the value; enter at most %(maximum)s."),
    ),
    "constraint-failed": Code(
        N_("Value breaks a rule"),
        N_("'%(value)s' breaks the rule %(constraint)s for '%(column)s'."),
        N_("Correct the value so that it follows the rule, for example '%(example)s'."),
    ),
    "duplicate-id": Code(
        N_("Id used twice"),
        N_("'%(value)s' is already used in row %(first_row)s; each '%(column)s' must be unique."),
        N_("If this row repeats the other, delete it; otherwise give it a new %(column)s."),
    ),
    "duplicate-id-across-files": Code(
        N_("Id used in two files"),
        N_(
            "'%(value)s' is also used in %(other_file)s (row %(other_row)s); each '%(column)s' "
            "must be unique across the years."
        ),
        N_("If this row repeats the other, delete one; otherwise give it a new %(column)s."),
        group="package",
    ),
    "duplicate-value": Code(
        N_("Value used twice"),
        N_("'%(value)s' is already used in row %(first_row)s; each '%(column)s' must be unique."),
        N_("Give each row its own %(column)s."),
    ),
    "unknown-reference": Code(
        N_("Unknown code"),
        N_("'%(value)s' in '%(column)s' does not match any %(ref_field)s in %(ref_file)s."),
        N_("%(suggestion)sUse a %(ref_field)s listed in %(ref_file)s, or add it there first."),
        group="package",
    ),
    # --- Shafaf's own rules ----------------------------------------------------------------
    "date-outside-fiscal-year": Code(
        N_("Date outside the fiscal year"),
        N_(
            "%(value)s is outside fiscal year %(fiscal_year)s (1 July %(start)s to 30 June "
            "%(end)s)."
        ),
        N_(
            "Correct the date or the fiscal_year: a date up to 30 June %(end)s belongs to "
            "%(fiscal_year)s; from 1 July %(end)s it belongs to the next year."
        ),
    ),
    "bad-fiscal-year": Code(
        N_("Fiscal year written wrongly"),
        N_(
            "'%(value)s' is not a fiscal year: write the starting year and the last two digits "
            "of the next, such as 2024-25."
        ),
        N_("%(suggestion)sWrite the fiscal year like 2024-25 (July 2024 to June 2025)."),
    ),
    "wrong-year-file": Code(
        N_("Row in the wrong year's file"),
        N_("This row is for fiscal year %(value)s but the file is for %(expected)s."),
        N_("Move the row to the file for %(value)s, or correct its fiscal_year."),
    ),
    "resolved-before-received": Code(
        N_("Resolved before received"),
        N_("Resolved at %(value)s, which is before the complaint was received (%(received)s)."),
        N_("Correct resolved_datetime or requested_datetime."),
    ),
    "closed-without-resolved-time": Code(
        N_("Closed without a resolved time"),
        N_(
            "The complaint is 'closed' but resolved_datetime is empty, so it is left out of "
            "the time-to-resolve figures."
        ),
        N_(
            "Enter when the complaint was resolved, if the complaint system recorded it; "
            "otherwise leave it empty (its status stays as the system says)."
        ),
        severity="warning",  # real systems close complaints without a time: not a reason to lie
    ),
    "open-with-resolved-time": Code(
        N_("Open but has a resolved time"),
        N_("The complaint is 'open' but resolved_datetime is filled in (%(value)s)."),
        N_("Set status to 'closed', or empty resolved_datetime if the complaint is not resolved."),
    ),
    "zero-amount": Code(
        N_("Payment of zero"),
        N_("The amount is %(value)s: a payment of nothing."),
        N_(
            "Nothing to change if the source shows 0 (a cancelled or fully reversed voucher, for "
            "example): the row is published as it is. If the amount was lost when the file was "
            "made, copy it from the source."
        ),
        severity="warning",
    ),
    "personal-data": Code(
        N_("Personal data in public text"),
        N_("'%(column)s' contains what looks like %(kind)s (%(value)s)."),
        N_(
            "Remove names, phone numbers, CNIC numbers and e-mail addresses from text that is "
            "published; write for example 'citizen's number withheld'."
        ),
    ),
}

SEVERITIES = ("error", "warning")
