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
        "currency",
        "PKR",
        "ISO 4217 code of the currency every amount in the datasets is in, e.g. PKR or GBP. The "
        "site labels every amount with it; lakh and crore are used only for PKR.",
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
        "language",
        "en",
        "Language of the reports clerks read: the validator's messages in the terminal, in CI "
        "(annotations and job summary) and on its --html page, and the import's report and "
        "messages. 'en' English, 'ur' Urdu; `--lang` of `validate`, `import` and "
        "`import-complaints` overrides it.",
    ),
    Setting(
        "site_name",
        "Shafaf",
        "The site's name in English, shown in every page's header and title, e.g. 'Open Data: "
        "Municipal Committee Chiniot'.",
    ),
    Setting(
        "site_name_ur",
        "شفاف",
        "The site's name in Urdu.",
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
    # Where citizens report a problem: the site's "Report a problem" pages, docs/feedback.md.
    Setting(
        "feedback_url",
        "",
        "Address of the council's Open311 intake service (python -m publish.feedback serve), e.g. "
        "https://report.example.org. Set: the report page carries a form that submits to it. "
        "Empty: no form, only the channels below.",
    ),
    Setting("helpline", "", "The council's complaints helpline number, e.g. 1334. Empty: none."),
    Setting("sms_number", "", "A number citizens can send a complaint to by SMS. Empty: none."),
    Setting(
        "whatsapp_number",
        "",
        "A WhatsApp number for complaints, in international form (923001234567). Empty: none.",
    ),
    Setting(
        "citizen_portal_url",
        "https://citizenportal.gov.pk/",
        "The Pakistan Citizen Portal, offered on every report page. Empty: not offered.",
    ),
    # Integrity indicators ("red flags"), docs/indicators.md. A flag is a reason to look, never
    # proof; these are the thresholds each indicator states on the methodology page.
    Setting(
        "procurement_threshold",
        500_000,
        "Procurement threshold in rupees: a purchase at or above it needs an open tender. Set it "
        "from the province's PPRA rules (the demo uses Rs 500,000). Used by split_payment.",
    ),
    Setting(
        "split_window_days",
        14,
        "split_payment: days from a department's first payment to a supplier within which its "
        "further payments to that supplier count as parts of one purchase.",
    ),
    Setting(
        "duplicate_window_days",
        3,
        "duplicate_payment: days within which the same amount paid to the same supplier on "
        "another voucher is a possible duplicate.",
    ),
    Setting(
        "min_group_payments",
        20,
        "Fewest payments a group needs before a share or a fence is computed for it "
        "(round_amounts, dominant_supplier, amount_outlier, year_end_rush).",
    ),
    Setting(
        "round_amount_unit",
        1000,
        "round_amounts: an amount in rupees that is a whole multiple of this is 'round'.",
    ),
    Setting(
        "round_share",
        0.5,
        "round_amounts: a supplier is flagged when more than this share of its payments in a "
        "year are round...",
    ),
    Setting(
        "round_share_ratio",
        2.0,
        "round_amounts: ...and that share is at least this many times the council's share of "
        "round amounts that year.",
    ),
    Setting(
        "benford_min_payments",
        1000,
        "benford: fewest payments (of at least benford_min_amount) a department needs in a year "
        "before its first digits are tested.",
    ),
    Setting(
        "benford_min_amount",
        10,
        "benford: payments below this many rupees are left out of the first-digit test.",
    ),
    Setting(
        "benford_mad_limit",
        0.015,
        "benford: mean absolute deviation of the first-digit shares from Benford's above which "
        "a group is flagged (Nigrini's 'nonconformity' for first digits).",
    ),
    Setting(
        "dominant_share",
        0.6,
        "dominant_supplier: share of a department's payments (by amount) in a finished fiscal "
        "year above which one supplier is flagged.",
    ),
    Setting(
        "outlier_iqr_factor",
        3.0,
        "amount_outlier: k of the upper Tukey fence Q3 + k x IQR, per object code and year "
        "(3 marks 'far out' values).",
    ),
    Setting(
        "year_end_share",
        0.3,
        "year_end_rush: share of a department's spending in a finished fiscal year paid in its "
        "last month above which it is flagged (an even spread is 1/12, about 0.083).",
    ),
    Setting(
        "weekend_days",
        ("Sunday",),
        "weekend_holiday_payment: weekly holidays, as English day names (Pakistan: Sunday; add "
        "Saturday where offices close on both).",
    ),
    Setting(
        "holidays_file",
        "holidays.csv",
        "weekend_holiday_payment: the public holidays (date,name_en,name_ur), relative to the "
        "datasets folder. Empty: weekly holidays only.",
    ),
    Setting(
        "weekend_min_payments",
        3,
        "weekend_holiday_payment: fewest payments on days off a department needs in a year to "
        "be flagged.",
    ),
    Setting(
        "complaint_limit_days",
        40,
        "overdue_open: days after which an open complaint is overdue (Pakistan Citizen Portal "
        "practice: escalated on day 41).",
    ),
    Setting(
        "min_group_complaints",
        30,
        "Fewest complaints a department needs in a year before its rates are compared "
        "(closed_not_satisfied, reopened, resolution_satisfaction_gap).",
    ),
    Setting(
        "not_satisfied_share",
        0.5,
        "closed_not_satisfied: share of rated closed complaints the citizen was not satisfied "
        "with above which a department is flagged.",
    ),
    Setting(
        "reopened_share",
        0.1,
        "reopened: share of a department's complaints reopened above which it is flagged.",
    ),
    Setting(
        "quick_close_hours",
        24,
        "closed_without_action: hours within which a closure without action counts as quick.",
    ),
    Setting(
        "quick_close_min_complaints",
        2,
        "closed_without_action: fewest such complaints a department needs in a year to be flagged.",
    ),
    Setting(
        "satisfaction_gap",
        0.5,
        "resolution_satisfaction_gap: resolved rate minus satisfied rate (of rated complaints) "
        "above which a department is flagged.",
    ),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}

#: Lowest and highest value of the numeric settings that have limits.
RANGES: dict[str, tuple[float, float]] = {
    "fiscal_year_start_month": (1, 12),
    "procurement_threshold": (1, float("inf")),
    "split_window_days": (0, 366),
    "duplicate_window_days": (0, 366),
    "min_group_payments": (1, float("inf")),
    "round_amount_unit": (1, float("inf")),
    "round_share": (0, 1),
    "round_share_ratio": (1, float("inf")),
    "benford_min_payments": (1, float("inf")),
    "benford_min_amount": (1, float("inf")),
    "benford_mad_limit": (0, 1),
    "dominant_share": (0, 1),
    "outlier_iqr_factor": (0, float("inf")),
    "year_end_share": (0, 1),
    "weekend_min_payments": (1, float("inf")),
    "complaint_limit_days": (0, float("inf")),
    "min_group_complaints": (1, float("inf")),
    "not_satisfied_share": (0, 1),
    "reopened_share": (0, 1),
    "quick_close_hours": (0, float("inf")),
    "quick_close_min_complaints": (1, float("inf")),
    "satisfaction_gap": (0, 1),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _typed(path: Path, key: str, value: Any) -> Any:
    """``value`` as the type of the setting's default (a whole number may stand for a
    fraction, a TOML list for a tuple), or a SettingsError."""
    expected = type(DEFAULTS[key])
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if expected is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
        kind = "list of names" if expected is tuple else expected.__name__
        raise SettingsError(f"{path}: setting '{key}' must be a {kind}, not {value!r}.")
    return value


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
        values[key] = _typed(path, key, value)
    for key, (low, high) in RANGES.items():
        if not low <= values[key] <= high:
            limits = f"between {low} and {high}" if high < float("inf") else f"{low} or more"
            raise SettingsError(f"{path}: {key} must be {limits}, not {values[key]!r}.")
    days = [day for day in values["weekend_days"] if day.title() not in WEEKDAYS]
    if days:
        raise SettingsError(
            f"{path}: weekend_days lists {days[0]!r}; use English day names "
            f"({', '.join(WEEKDAYS)})."
        )
    if not (len(values["currency"]) == 3 and values["currency"].isascii()
            and values["currency"].isupper()):  # fmt: skip
        raise SettingsError(
            f"{path}: currency must be a three-letter ISO 4217 code such as PKR or GBP, not "
            f"{values['currency']!r}."
        )
    if values["language"] != "en":
        from pipeline.i18n import languages  # only then: it reads the catalogues' folder

        if values["language"] not in languages():
            known = ", ".join(languages())
            raise SettingsError(
                f"{path}: language must be one of {known}, not {values['language']!r}."
            )
    if values["ckan_removed_resources"] not in ("delete", "keep"):
        raise SettingsError(f"{path}: ckan_removed_resources must be 'delete' or 'keep'.")
    if values["ckan_retries"] < 0 or values["ckan_timeout_seconds"] < 1:
        raise SettingsError(
            f"{path}: ckan_retries must be 0 or more and ckan_timeout_seconds 1 or more."
        )
    return values
