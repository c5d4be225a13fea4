"""Horizontal bars, the one chart shape the site uses: long names and Urdu read well at 360 px."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
from altair.utils.schemapi import debug_mode

from pipeline.charts import style

#: px above a group of bars for its name (Naskh needs more height than Latin text)
NAME_GAP = {"en": 26, "ur": 30}
SIDE_GAP = 8  # px between groups when the names are on the axis instead
PLOT = style.WIDTH - 2 * style.PADDING  # px of the value axis when the names are above the bars


def _text_px(text: str, lang: str) -> float:
    """A generous estimate of a label's width (digits are 0.57 em in Noto Sans)."""
    return len(text) * style.FONT_SIZE[lang] * 0.6 + 6


def _inside(rows: Sequence[dict[str, Any]], end: float, plot_px: float, lang: str) -> list[bool]:
    """Per row: draw its label inside the bar's end (no room past it) rather than beyond it."""
    out = []
    for row in rows:
        bar_px = row["value"] / end * plot_px if end else 0
        out.append(bar_px + _text_px(row["text"], lang) > plot_px and bar_px > 0)
    return out


def horizontal(
    rows: Sequence[dict[str, Any]],
    lang: str,
    *,
    groups: Sequence[str],
    series: Sequence[tuple[str, str]],
    axis_title: str,
    axis_format: str | None = None,
    names_above: bool = True,
    value_labels: bool = True,
    colour_by_group: bool = False,
    top: float | None = None,
) -> alt.LayerChart:
    """Bars for ``rows`` ({group, series, value, text}), grouped by ``groups`` in that order.

    ``series`` is [(label, colour)] in reading order; with more than one, each group has one bar
    per series and a legend; with ``colour_by_group`` there is one bar per group, coloured by
    ``series`` taken as one (label, colour) per group. Group names sit above their bars
    (``names_above``), or beside them on the axis when they are short, such as months. Value
    labels go past the bar's end, or inside it in white when there is no room.
    """
    with debug_mode(False):  # Altair re-validates every part as it is made: 3x slower
        return _horizontal(
            rows,
            lang,
            groups=groups,
            series=series,
            axis_title=axis_title,
            axis_format=axis_format,
            names_above=names_above,
            value_labels=value_labels,
            colour_by_group=colour_by_group,
            top=top,
        )


def _horizontal(
    rows: Sequence[dict[str, Any]],
    lang: str,
    *,
    groups: Sequence[str],
    series: Sequence[tuple[str, str]],
    axis_title: str,
    axis_format: str | None,
    names_above: bool,
    value_labels: bool,
    colour_by_group: bool,
    top: float | None,
) -> alt.LayerChart:
    grouped = len(series) > 1 and not colour_by_group
    labels = [label for label, _ in series]
    bar = style.GROUP_BAR if grouped else style.BAR
    gap = NAME_GAP[lang] if names_above else SIDE_GAP
    step = bar * (len(series) if grouped else 1) + gap
    padding = gap / step
    largest = max((r["value"] for r in rows), default=0.0)
    end = top if top is not None else (largest * 1.02 or 1.0)
    # names on the axis take about a third of the width: keep labels estimates on the safe side
    plot_px = PLOT if names_above else PLOT * 0.7
    y_scale = alt.Scale(domain=list(groups), paddingInner=padding, paddingOuter=padding / 2)
    y_axis = None if names_above else style.y_axis(lang)
    y = alt.Y("group:N", sort=list(groups), scale=y_scale, axis=y_axis)
    x = alt.X(
        "value:Q",
        scale=style.x_scale(lang, end),
        axis=alt.Axis(
            title=axis_title, tickCount=4, grid=True, format=axis_format or alt.Undefined
        ),
    )
    encoding: dict[str, Any] = {"y": y, "x": x}
    if grouped:
        encoding["yOffset"] = alt.YOffset(
            "series:N", sort=labels, scale=alt.Scale(domain=labels, paddingInner=0.08)
        )
    legend = list(series[::-1] if style.rtl(lang) else series)  # read from the reading side
    colour = alt.Color(
        "series:N",
        sort=[label for label, _ in legend],
        scale=alt.Scale(domain=[label for label, _ in legend], range=[c for _, c in legend]),
        legend=alt.Legend() if grouped else None,
    )
    inside = _inside(rows, end, plot_px, lang) if value_labels else [False] * len(rows)
    # Data by name, attached once at the end: Altair deep-copies inline data at every step.
    data = alt.NamedData(name="bars")
    datasets = {
        "bars": [{**r, "inside": i} for r, i in zip(rows, inside, strict=True)],
        "names": [{"group": g} for g in groups],
    }
    layers: list[alt.Chart] = [alt.Chart(data).mark_bar().encode(color=colour, **encoding)]
    if value_labels:
        outward = style.label_side(lang)
        inward = {"align": "left" if outward["align"] == "right" else "right", "dx": -outward["dx"]}
        for flag, side, fill in ((False, outward, style.TEXT), (True, inward, "white")):
            layers.append(
                alt.Chart(data)
                .transform_filter(f"datum.inside == {str(flag).lower()}")
                .mark_text(baseline="middle", color=fill, **side)
                .encode(text="text:N", **encoding)
            )
    if names_above:
        layers.append(
            alt.Chart(alt.NamedData(name="names"))
            .mark_text(baseline="bottom", dy=-4, align="right" if style.rtl(lang) else "left")
            .encode(
                y=alt.Y("group:N", sort=list(groups), scale=y_scale, axis=None, bandPosition=0),
                x=alt.XDatum(0),
                text="group:N",
            )
        )
    height = round(step * len(groups))  # the band scale gives each group exactly one step
    chart = style.finish(alt.LayerChart(layer=layers), lang, height)
    chart.datasets = datasets
    return chart
