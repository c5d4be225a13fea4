"""Every word the charts show or say, in English and Urdu, kept in one place for gettext."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

LANGS = ("en", "ur")
_BABEL = {"en": "en_PK", "ur": "ur_PK"}
#: Unicode isolates: LRI … PDI keeps a fiscal year such as 2024-25 in order inside Urdu text
#: (the plain-text twin of the templates' <bdi dir="ltr">).
LRI, PDI = "\u2066", "\u2069"
#: Right-to-left marks: SVG text is laid out left to right, so Urdu labels are fenced with RLM to
#: keep a leading number or a trailing bracket on the reading side.
RLM = "\u200f"

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "approved": "Approved",
        "revised": "Revised",
        "actual": "Actual",
        "department": "Department",
        "month": "Month",
        "paid": "Paid",
        "received": "Received",
        "resolved": "Resolved",
        "measure": "Measure",
        "share_of_received": "Share of complaints received",
        "complaints": "Complaints",
        "outcome_resolved": "Resolved, says the council",
        "outcome_satisfied": "Citizen satisfied",
        "outcome_reopened": "Reopened",
        "unit_rupees": "Rupees",
        "unit_lakh": "Rs lakh",
        "unit_crore": "Rs crore",
        "percent_axis": "Per cent of complaints received",
        "count_axis": "Complaints",
        "title_budget": "Budget by department, {year}: approved, revised and actual",
        "title_spending": "Paid each month, {year}",
        "title_complaints": "Complaints received and resolved each month, {year}",
        "title_outcomes": "Resolved, citizen satisfied and reopened, {year}",
        "budget_spent": (
            "{top} had the largest approved budget, {amount}; across all {count} departments, "
            "actual spending was {share} of the revised budget."
        ),
        "budget_spent_one": (
            "{top} had the largest approved budget, {amount}; actual spending was {share} of "
            "the revised budget."
        ),
        "budget_unreported": (
            "{top} had the largest approved budget, {amount}; actual spending has not been "
            "reported yet."
        ),
        "spending_year": (
            "Payments came to {total} over the year; the most was paid in {month}, {amount}."
        ),
        "spending_partial": (
            "Payments came to {total} in the {count} months up to {last}; the most was paid in "
            "{month}, {amount}."
        ),
        "complaints_months": (
            "{received} complaints were received and {resolved} resolved; the most arrived in "
            "{month} ({count})."
        ),
        "complaints_months_later": (
            "{received} complaints were received and {resolved} resolved within the year "
            "({later} more later); the most arrived in {month} ({count})."
        ),
        "outcomes": (
            "The council marked {resolved} of complaints resolved; {satisfied} of complainants "
            "said they were satisfied, and {reopened} of complaints were reopened."
        ),
    },
    "ur": {
        "approved": "منظور شدہ",
        "revised": "نظرثانی شدہ",
        "actual": "اصل خرچ",
        "department": "محکمہ",
        "month": "مہینہ",
        "paid": "ادا شدہ",
        "received": "موصول",
        "resolved": "حل شدہ",
        "measure": "پیمانہ",
        "share_of_received": "موصول شکایات میں حصہ",
        "complaints": "شکایات",
        "outcome_resolved": "حل شدہ، کونسل کے مطابق",
        "outcome_satisfied": "شہری مطمئن",
        "outcome_reopened": "دوبارہ کھولی گئیں",
        "unit_rupees": "روپے",
        "unit_lakh": "لاکھ روپے",
        "unit_crore": "کروڑ روپے",
        "percent_axis": "موصول شکایات کا فیصد",
        "count_axis": "شکایات",
        "title_budget": "محکمہ وار بجٹ {year}: منظور شدہ، نظرثانی شدہ اور اصل خرچ",
        "title_spending": "ہر مہینے کی ادائیگیاں، مالی سال {year}",
        "title_complaints": "ہر مہینے موصول اور حل شدہ شکایات، مالی سال {year}",
        "title_outcomes": "حل شدہ، شہری مطمئن اور دوبارہ کھولی گئیں، مالی سال {year}",
        "budget_spent": (
            "سب سے بڑا منظور شدہ بجٹ {top} کا تھا، {amount}؛ تمام {count} محکموں میں اصل خرچ "
            "نظرثانی شدہ بجٹ کا {share} رہا۔"
        ),
        "budget_spent_one": (
            "سب سے بڑا منظور شدہ بجٹ {top} کا تھا، {amount}؛ اصل خرچ نظرثانی شدہ بجٹ کا "
            "{share} رہا۔"
        ),
        "budget_unreported": (
            "سب سے بڑا منظور شدہ بجٹ {top} کا تھا، {amount}؛ اصل خرچ ابھی رپورٹ نہیں ہوا۔"
        ),
        "spending_year": (
            "سال بھر میں کل {total} کی ادائیگیاں ہوئیں؛ سب سے زیادہ ادائیگی {month} میں ہوئی، "
            "{amount}۔"
        ),
        "spending_partial": (
            "{last} تک {count} مہینوں میں کل {total} کی ادائیگیاں ہوئیں؛ سب سے زیادہ ادائیگی "
            "{month} میں ہوئی، {amount}۔"
        ),
        "complaints_months": (
            "{received} شکایات موصول ہوئیں اور {resolved} حل ہوئیں؛ سب سے زیادہ شکایات {month} "
            "میں آئیں ({count})۔"
        ),
        "complaints_months_later": (
            "{received} شکایات موصول ہوئیں اور سال کے اندر {resolved} حل ہوئیں (بعد میں مزید "
            "{later})؛ سب سے زیادہ شکایات {month} میں آئیں ({count})۔"
        ),
        "outcomes": (
            "کونسل کے مطابق {resolved} شکایات حل ہوئیں؛ {satisfied} شکایت کنندگان نے اطمینان "
            "ظاہر کیا، اور {reopened} شکایات دوبارہ کھولی گئیں۔"
        ),
    },
}


def text(lang: str, key: str, **values: str) -> str:
    """The interface string ``key`` in ``lang``, with ``values`` filled in."""
    return TEXT[lang][key].format(**values)


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
