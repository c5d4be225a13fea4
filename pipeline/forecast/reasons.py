"""Why a series has no published forecast: stable codes and plain-English explanations."""

from __future__ import annotations

#: code -> explanation template (``str.format`` fields in braces).
REASONS = {
    "too-short": "Only {months} full months of complaints; a forecast needs at least {needed}.",
    "too-sparse": (
        "Too few complaints to forecast: {mean:.1f} a month on average over the last {window} "
        "months, fewer than {needed:g}."
    ),
    "baseline-better": (
        "Not published: in the backtest the model's forecasts were no better than repeating "
        "the count of 12 months earlier (average error {model_mae:.2f} against "
        "{naive_mae:.2f} complaints a month)."
    ),
    "fit-failed": "The model could not be fitted to this series ({detail}).",
}


def explain(code: str, **values: object) -> str:
    """The explanation of ``code`` with its figures filled in."""
    return REASONS[code].format(**values)
