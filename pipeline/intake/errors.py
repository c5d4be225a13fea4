"""Why an import stopped: a problem with the spreadsheet (exit 1) or with the command (exit 2)."""

from __future__ import annotations


class IntakeError(Exception):
    """The import cannot go on; the message tells the clerk what to do. Nothing was written."""

    exit_code = 1


class UsageError(IntakeError):
    """The command asks for something that does not exist or cannot be done."""

    exit_code = 2
