"""How every chart looks: 340 px wide, large text, accessible colours, mirrored for Urdu."""

from __future__ import annotations

from typing import Any

import altair as alt

from pipeline.charts import fonts

WIDTH = 340  # the whole SVG, axes and labels included: fits a 360 px phone with margins
PADDING = 4  # px around the chart
BAR = 22  # px per row of a simple bar chart
GROUP_BAR = 11  # px per bar inside a group of bars
FONT_SIZE = {"en": 13, "ur": 14}  # Arabic script reads smaller at the same size
TEXT = "#1b1b1b"  # the site's text colour
MUTED = "#4a4a4a"  # 8.9:1 on white
GRID = "#dcdcdc"
#: Series colours, each at least 3:1 against white (WCAG 1.4.11), told apart by hue and lightness.
COLOURS = {
    "approved": "#767676",
    "revised": "#0072b2",
    "actual": "#0b4f3a",
    "paid": "#0b4f3a",
    "received": "#767676",
    "resolved": "#0b4f3a",
    "outcome_resolved": "#0b4f3a",
    "outcome_satisfied": "#0072b2",
    "outcome_reopened": "#c4510a",
}


def rtl(lang: str) -> bool:
    """Urdu charts are mirrored: labels on the right, bars growing to the left."""
    return lang == "ur"


def config(lang: str) -> dict[str, Any]:
    """The Vega-Lite config every chart in ``lang`` shares."""
    size = FONT_SIZE[lang]
    return {
        "font": fonts.family(lang),
        "background": "white",
        "padding": PADDING,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": size,
            "titleFontSize": size,
            "titleFontWeight": "normal",
            "labelColor": TEXT,
            "titleColor": MUTED,
            "domainColor": MUTED,
            "tickColor": MUTED,
            "gridColor": GRID,
            "labelLimit": 150,
        },
        "legend": {
            "labelFontSize": size,
            "titleFontSize": size,
            "labelColor": TEXT,
            "orient": "top",
            "direction": "horizontal",
            "symbolType": "square",
            "symbolSize": 160,
            "columnPadding": 14,
            "title": None,
        },
        "text": {"fontSize": size, "color": TEXT},
    }


def finish(chart: alt.LayerChart, lang: str, height: int) -> alt.LayerChart:
    """Fix the size (the plot ``height`` px) and apply the shared look, in place.

    Attributes are set directly: ``properties()`` and ``configure()`` deep-copy the whole chart.
    """
    chart.width = WIDTH
    chart.height = height
    chart.config = config(lang)
    return chart


def x_scale(lang: str, top: float) -> alt.Scale:
    """A value axis from zero, with room for the labels beside the longest bar; mirrored in Urdu."""
    return alt.Scale(domain=[0, top], reverse=rtl(lang), nice=False)


def label_side(lang: str) -> dict[str, Any]:
    """mark_text settings that put a value label just past the end of its bar."""
    return {"align": "right" if rtl(lang) else "left", "dx": -4 if rtl(lang) else 4}


def y_axis(lang: str) -> alt.Axis:
    """The category axis: names on the reading side, no title (the table has the header)."""
    return alt.Axis(
        title=None,
        orient="right" if rtl(lang) else "left",
        ticks=False,
        domain=False,
        labelPadding=6,
    )
