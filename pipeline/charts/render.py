"""SVG from a chart, through one warm vl-convert per process with the chart fonts pinned."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape

import altair as alt

from pipeline.charts import fonts

#: Text in both scripts, so the first (slow, ~0.7 s) call loads every font the charts use.
_WARM_UP = {
    "data": {"values": [{"a": "Budget بجٹ 0123"}]},
    "mark": "text",
    "encoding": {"text": {"field": "a"}},
}


@cache
def _converter() -> ModuleType:
    """vl_convert, started once with FONTCONFIG_FILE pointing at the chart fonts only.

    vl-convert reads the font configuration when it first renders, so the variable is set for
    that first render and then restored: other programs this process starts (a browser in the
    tests) still see the system's fonts.
    """
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(fonts.config_file())
    try:
        import vl_convert

        vl_convert.vegalite_to_svg(_WARM_UP)
    finally:
        if previous is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = previous
    return vl_convert


def spec(chart: alt.TopLevelMixin, validate: bool = True) -> dict[str, Any]:
    """The chart's Vega-Lite spec with its data inline (validation costs ~5 ms a chart)."""
    return chart.to_dict(validate=validate)


def render_spec(vega_lite: dict[str, Any] | str) -> str:
    """A Vega-Lite spec (dict or JSON text) as an SVG document."""
    svg: str = _converter().vegalite_to_svg(
        json.loads(vega_lite) if isinstance(vega_lite, str) else vega_lite,
        allowed_base_urls=[],  # data is inline: never fetch anything
    )
    return svg


def render(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document."""
    return render_spec(spec(chart))


def label(svg: str, title: str, description: str, lang: str) -> str:
    """The SVG with role="img", its language, and a <title> and <desc> for assistive technology."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        raise ValueError("not an SVG document")
    opening = match.group(0)
    tag = opening[:-1] + f' role="img" xml:lang="{lang}">'
    inner = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    return svg[: match.start()] + tag + inner + svg[match.end() :]
