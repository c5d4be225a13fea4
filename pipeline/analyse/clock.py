"""The build's clock: what "now" and "this fiscal year" are, the same for every part of a build.

"Now" is ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds, and tests), else the machine's
time, read in the council's local time (the ``utc_offset_hours`` setting).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone

from pipeline.settings import SettingsError


class ClockError(SettingsError):
    """SOURCE_DATE_EPOCH is set to something that is not a number of seconds (a configuration
    error: exit code 2)."""


def now(offset_hours: int = 5, environ: Mapping[str, str] = os.environ) -> datetime:
    """The current time in the council's local time (UTC + ``offset_hours``)."""
    zone = timezone(timedelta(hours=offset_hours))
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC).astimezone(zone)
    if not epoch.isdigit():
        raise ClockError(
            f"SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 UTC, not {epoch!r}."
        )
    return datetime.fromtimestamp(int(epoch), UTC).astimezone(zone)


def fiscal_year(when: datetime, start_month: int = 7) -> str:
    """The fiscal year (e.g. '2026-27') that the date of ``when`` falls in."""
    first = when.year if when.month >= start_month else when.year - 1
    return f"{first}-{(first + 1) % 100:02d}"
