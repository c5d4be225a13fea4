"""Every word the charts show or say, translated through the site's gettext catalogue."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date

from pipeline.i18n import N_, gettext

LANGS = ("en", "ur")
_BABEL = {"en": Locale.parse("en_PK"), "ur": Locale.parse("ur_PK")}  # parsed once
#: Unicode isolates: LRI … PDI keeps a fiscal year such as 2024-25 in order inside Urdu text
#: (the plain-text twin of the templates' <bdi dir="ltr">).
LRI, PDI = "\u2066", "\u2069"
#: Right-to-left marks: SVG text is laid out left to right, so Urdu labels are fenced with RLM to
#: keep a leading number or a trailing bracket on the reading side.
RLM = "\u200f"

#: What the charts say, by the key pipeline/charts/* ask for. The English is the message id;
#: the Urdu is in theme/translations/ur/LC_MESSAGES/messages.po (see its README).
TEXT: dict[str, str] = {
    "map_title": N_("Complaints per 1,000 residents by ward, %(year)s"),
    "map_legend": N_("Per 1,000"),
    "map_ward": N_("Ward"),
    "map_rate": N_("Complaints per 1,000 residents"),
    "map_received": N_("Complaints received"),
    "map_population": N_("Population"),
    "map_description": N_(
        "A map of the council's %(count)s wards, darker where more complaints were received per"
        " 1,000 residents. Most: %(top)s (%(top_rate)s); fewest: %(low)s (%(low_rate)s)."
    ),
    "map_missing": N_("No boundary is published for: %(names)s."),
    "approved": N_("Approved"),
    "revised": N_("Revised"),
    "actual": N_("Actual"),
    "department": N_("Department"),
    "month": N_("Month"),
    "paid": N_("Paid"),
    "received": N_("Received"),
    "resolved": N_("Resolved"),
    "measure": N_("Measure"),
    "share_of_received": N_("Share of complaints received"),
    "complaints": N_("Complaints"),
    "outcome_resolved": N_("Resolved, says the council"),
    "outcome_satisfied": N_("Citizen satisfied"),
    "outcome_reopened": N_("Reopened"),
    "unit_rupees": N_("Rupees"),
    "unit_lakh": N_("Rs lakh"),
    "unit_crore": N_("Rs crore"),
    # Translators: an axis of amounts in a currency other than rupees; %(currency)s is its
    # symbol in English (£) and its name in Urdu.
    "unit_money": N_("Amount (%(currency)s)"),
    "unit_thousand": N_("%(currency)s thousand"),
    "unit_million": N_("%(currency)s million"),
    "percent_axis": N_("Per cent"),
    "count_axis": N_("Complaints"),
    "title_budget": N_("Budget by department, %(year)s: approved, revised and actual"),
    "title_spending": N_("Paid each month, %(year)s"),
    "title_complaints": N_("Complaints received and resolved each month, %(year)s"),
    "title_outcomes": N_("Resolved, citizen satisfied and reopened, %(year)s"),
    "budget_spent": N_(
        "%(top)s had the largest approved budget, %(amount)s; across all %(count)s departments,"
        " actual spending was %(share)s of the revised budget."
    ),
    "budget_spent_one": N_(
        "%(top)s had the largest approved budget, %(amount)s; actual spending was %(share)s of "
        "the revised budget."
    ),
    "budget_spent_partial": N_(
        "%(top)s had the largest approved budget, %(amount)s; on the %(count)s of %(lines)s "
        "budget lines that report both, actual spending was %(share)s of the revised budget."
    ),
    "budget_unreported": N_(
        "%(top)s had the largest approved budget, %(amount)s; actual spending has not been "
        "reported yet."
    ),
    "spending_year": N_(
        "Payments came to %(total)s over the year; the most was paid in %(month)s, %(amount)s."
    ),
    "spending_partial": N_(
        "Payments came to %(total)s in the %(count)s months up to %(last)s; the most was paid "
        "in %(month)s, %(amount)s."
    ),
    "complaints_months": N_(
        "%(received)s complaints were received and %(resolved)s resolved; the most arrived in "
        "%(month)s (%(count)s)."
    ),
    "complaints_months_later": N_(
        "%(received)s complaints were received and %(resolved)s resolved within the year "
        "(%(later)s more later); the most arrived in %(month)s (%(count)s)."
    ),
    "outcome_resolved_text": N_("The council marked %(rate)s of %(base)s complaints resolved."),
    "outcome_satisfied_text": N_(
        "Of the %(base)s complaints whose outcome the citizen rated, %(rate)s were rated "
        "satisfied (%(unrated)s complaints were not rated)."
    ),
    "outcome_satisfied_missing": N_(
        "No citizen's rating of the outcome was recorded, so satisfaction is not shown."
    ),
    "outcome_reopened_text": N_(
        "Of the %(base)s complaints whose reopenings were recorded, %(rate)s were reopened."
    ),
    "outcome_reopened_missing": N_(
        "Whether complaints were reopened was not recorded, so reopening is not shown."
    ),
    "base": N_("Out of"),
    "share": N_("Share"),
    "not_recorded": N_("Not recorded"),
}


def text(lang: str, key: str, **values: str) -> str:
    """The chart string ``key`` in ``lang``, with ``values`` put in its ``%(name)s`` places."""
    return gettext(lang, TEXT[key], **values)


def year(value: str, lang: str) -> str:
    """A fiscal year such as 2024-25, isolated left to right inside Urdu text."""
    return f"{LRI}{value}{PDI}" if lang == "ur" else value


def month(value: str, lang: str, short: bool = False) -> str:
    """'2024-07' as 'July 2024' / 'Jul 2024' / 'جولائی 2024' (Urdu has no short month names)."""
    first = date(int(value[:4]), int(value[5:7]), 1)
    pattern = "MMM y" if short and lang == "en" else "MMMM y"
    return format_date(first, pattern, locale=_BABEL[lang])


def in_svg(value: str, lang: str) -> str:
    """A label as drawn inside an SVG: Urdu fenced with right-to-left marks."""
    return f"{RLM}{value}{RLM}" if lang == "ur" else value
