"""Pipeline policy: every setting declared once, with its default and what it does.

Settings are read from ``datasets/settings.toml`` (next to the data). Unknown keys are refused
with a did-you-mean, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """The settings file cannot be used; the message says why and how to fix it."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "fiscal_year_start_month",
        7,
        "Month (1-12) the fiscal year starts in. Pakistan's runs 1 July to 30 June.",
    ),
    Setting(
        "utc_offset_hours",
        5,
        "Hours ahead of UTC of the local time used to date complaints (Pakistan: +05:00).",
    ),
    Setting(
        "check_personal_data",
        True,
        "Refuse CNIC numbers, phone numbers and e-mail addresses in published text fields.",
    ),
    Setting(
        "rows_listed",
        8,
        "How many row numbers the validator lists for a repeated problem before '… and N more'.",
    ),
    Setting(
        "site_url",
        "",
        "Address of the published site, e.g. https://sabzabad.example.org; each CKAN dataset "
        "links back to its page there ({site_url}/data/{package}/). Empty: no link.",
    ),
    Setting(
        "ckan_url",
        "",
        "Address of the CKAN portal the datasets are published to, e.g. https://data.example.org. "
        "The environment variable CKAN_URL overrides it; the API token comes only from "
        "CKAN_API_TOKEN.",
    ),
    Setting(
        "ckan_organization",
        "",
        "Name (URL slug) of the CKAN organisation that owns the datasets. The environment "
        "variable CKAN_ORGANIZATION overrides it.",
    ),
    Setting(
        "ckan_dataset_prefix",
        "",
        "Start of every CKAN dataset name: {prefix}-{package}, e.g. sabzabad-budget. Empty: the "
        "district named in local-governments.csv (or, failing that, the organisation).",
    ),
    Setting(
        "ckan_removed_resources",
        "delete",
        "What publishing does with a CKAN resource whose file left the data package: 'delete' "
        "it, or 'keep' it and mark it as removed.",
    ),
    Setting(
        "ckan_retries",
        4,
        "How many times a CKAN call is retried after a connection error, timeout or server "
        "error (5xx), waiting 1, 2, 4… seconds (at most 30) in between.",
    ),
    Setting(
        "ckan_timeout_seconds",
        120,
        "Seconds to wait for the CKAN portal to answer one call (uploads included).",
    ),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


def load(path: Path | None) -> dict[str, Any]:
    """Defaults overlaid with the file at ``path`` (if it exists), checked name by name."""
    values = dict(DEFAULTS)
    if path is None or not path.exists():
        return values
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from error
    for key, value in data.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, 1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise SettingsError(f"{path}: unknown setting '{key}'.{hint}")
        expected = type(DEFAULTS[key])
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise SettingsError(
                f"{path}: setting '{key}' must be a {expected.__name__}, not {value!r}."
            )
        values[key] = value
    if not 1 <= values["fiscal_year_start_month"] <= 12:
        raise SettingsError(f"{path}: fiscal_year_start_month must be between 1 and 12.")
    if values["ckan_removed_resources"] not in ("delete", "keep"):
        raise SettingsError(f"{path}: ckan_removed_resources must be 'delete' or 'keep'.")
    if values["ckan_retries"] < 0 or values["ckan_timeout_seconds"] < 1:
        raise SettingsError(
            f"{path}: ckan_retries must be 0 or more and ckan_timeout_seconds 1 or more."
        )
    return values
