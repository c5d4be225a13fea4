"""The ward map: complaints per 1,000 residents in each ward, drawn from the council's boundaries.

No map tiles: only the wards' own outlines, shaded by rate, as a static SVG. Wards the boundary
file lacks are named in the description, so nothing is dropped silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from typing import Any

import altair as alt

from pipeline import formats
from pipeline.charts import labels, style
from pipeline.charts.figure import Figure, Table, both, csv_text

KEY = "wards-map"
NO_DATA = "#f0f0f0"  # wards without complaints that year
OUTLINE = "#4a4a4a"
SCHEME = ["#e5f0ea", "#0b4f3a"]  # light to the site's dark green: darker = more complaints
DARK_FROM = 0.55  # from this far up the scale, a ward's label is drawn in white


def _text(lang: str, key: str, **values: str) -> str:
    return labels.text(lang, "map_" + key, **values)


def _rows(wards: dict[str, Any], year: str) -> list[dict[str, Any]]:
    """Each ward's figures for ``year``, most complaints per 1,000 first."""
    rows = []
    for code, ward in wards.items():
        figures = ward["years"].get(year)
        rows.append(
            {
                "code": code,
                "name_en": ward["name_en"],
                "name_ur": ward["name_ur"],
                "population": ward["population"],
                "received": figures["totals"]["received"] if figures else 0,
                "per_1000": figures["per_1000"] if figures else None,
            }
        )
    return sorted(rows, key=lambda r: (-(r["per_1000"] or 0), r["code"]))


def _ring_clockwise(ring: list[list[float]], exterior: bool) -> list[list[float]]:
    """``ring`` wound as d3-geo wants it: exterior rings clockwise, holes counter-clockwise.

    GeoJSON (RFC 7946) winds the other way; d3 would read such a ward as the whole globe
    except the ward.
    """
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))
    clockwise = area < 0
    return ring if clockwise == exterior else ring[::-1]


def rewind(geometry: dict[str, Any]) -> dict[str, Any]:
    """A Polygon or MultiPolygon with its rings wound for d3-geo (see ``_ring_clockwise``)."""

    def polygon(rings: list[Any]) -> list[Any]:
        return [_ring_clockwise(ring, i == 0) for i, ring in enumerate(rings)]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        parts = [polygon(p) for p in geometry["coordinates"]]
        return {"type": "MultiPolygon", "coordinates": parts}
    return geometry


def number(code: str) -> str:
    """The short label of a ward on the map and in its table: 'SBZ-MC-W07' -> 'W07'."""
    return code.rsplit("-", 1)[-1]


def _points(geometry: dict[str, Any]) -> list[list[float]]:
    """Every vertex of a Polygon's or MultiPolygon's outer rings."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else []
    if geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    return [point for polygon in polygons for point in polygon[0]]


def _centre(geometry: dict[str, Any]) -> dict[str, float]:
    """Where a ward's label goes: the middle of its outline's vertices (good for compact wards)."""
    points = _points(geometry)
    return {
        "lon": sum(p[0] for p in points) / len(points),
        "lat": sum(p[1] for p in points) / len(points),
    }


def _height(shapes: dict[str, Any]) -> int:
    """Plot height keeping the wards' proportions at the chart's width (Mercator, roughly)."""
    points = [p for geometry in shapes.values() for p in _points(geometry)]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    middle = math.radians((max(lats) + min(lats)) / 2)
    wide = (max(lons) - min(lons)) * math.cos(middle) or 1.0
    ratio = (max(lats) - min(lats)) / wide
    return max(120, min(style.WIDTH, round(style.WIDTH * ratio)))


def chart(rows: list[dict[str, Any]], shapes: dict[str, Any], lang: str) -> alt.LayerChart:
    """The wards' outlines shaded by complaints per 1,000 residents, each labelled W01, W02…"""
    mapped = [r for r in rows if r["code"] in shapes]
    features = [
        {
            "type": "Feature",
            "geometry": rewind(shapes[r["code"]]),
            "properties": {"rate": r["per_1000"]},
        }
        for r in mapped
    ]
    data = alt.Data(values=features)
    size = style.FONT_SIZE[lang]
    outline = alt.Chart(data).mark_geoshape(stroke=OUTLINE, strokeWidth=0.6, fill=NO_DATA)
    shaded = (
        alt.Chart(data)
        .mark_geoshape(stroke=OUTLINE, strokeWidth=0.6)
        .encode(
            color=alt.Color(
                "properties.rate:Q",
                scale=alt.Scale(range=SCHEME, zero=False, nice=False),
                legend=alt.Legend(
                    title=labels.in_svg(_text(lang, "legend"), lang),
                    orient="top",
                    direction="horizontal",
                    gradientLength=160,
                    titleFontSize=size,
                    labelFontSize=size,
                ),
            )
        )
        .transform_filter("datum.properties.rate != null")
    )
    rates = [r["per_1000"] for r in mapped if r["per_1000"] is not None]
    low, high = min(rates), max(rates)
    points = [
        {
            **_centre(shapes[r["code"]]),
            "label": number(r["code"]),
            # white on the darker half of the scale, dark text on the lighter half
            "dark": r["per_1000"] is not None
            and high > low
            and (r["per_1000"] - low) / (high - low) > DARK_FROM,
        }
        for r in mapped
    ]
    names = (
        alt.Chart(alt.Data(values=points))
        .mark_text(fontSize=10)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            text="label:N",
            color=alt.condition("datum.dark", alt.value("white"), alt.value(style.TEXT)),
        )
    )
    layered = alt.LayerChart(
        layer=[outline, shaded, names], projection=alt.Projection(type="mercator")
    )
    layered.width = style.WIDTH
    layered.height = _height({r["code"]: shapes[r["code"]] for r in mapped})
    layered.config = {**style.config(lang), "autosize": {"type": "pad"}}
    return layered


def _description(rows: list[dict[str, Any]], shapes: dict[str, Any], lang: str) -> str:
    rated = [r for r in rows if r["per_1000"] is not None]
    name = f"name_{lang}"
    text = _text(
        lang,
        "description",
        count=formats.number(len(rows), lang),
        top=rated[0][name],
        top_rate=formats.days(rated[0]["per_1000"], lang),
        low=rated[-1][name],
        low_rate=formats.days(rated[-1]["per_1000"], lang),
    )
    missing = [r[name] for r in rows if r["code"] not in shapes]
    if missing:
        separator = "، " if lang == "ur" else ", "
        text += " " + _text(lang, "missing", names=separator.join(missing))
    return text


def _table(rows: list[dict[str, Any]], lang: str) -> Table:
    return {
        "header": [_text(lang, k) for k in ("ward", "rate", "received", "population")],
        "rows": [
            [
                f"{number(r['code'])} {r[f'name_{lang}']}",
                formats.days(r["per_1000"], lang),
                formats.number(r["received"], lang),
                formats.number(r["population"], lang),
            ]
            for r in rows
        ],
    }


def _csv_row(r: dict[str, Any]) -> list[Any]:
    rate = "" if r["per_1000"] is None else r["per_1000"]
    return [r["code"], r["name_en"], rate, r["received"], r["population"]]


def figure(key: str, wards: dict[str, Any], shapes: dict[str, Any], year: str) -> Figure | None:
    """The ward map of one council and year; None without boundaries or complaints."""
    rows = _rows(wards, year)
    if not any(r["code"] in shapes for r in rows) or not any(r["per_1000"] for r in rows):
        return None
    mapped = {r["code"]: shapes[r["code"]] for r in rows if r["code"] in shapes}
    return Figure(
        key=key,
        inputs={"rows": rows, "shapes": mapped},
        chart=partial(chart, rows, mapped),
        title=both(lambda lang: _text(lang, "title", year=labels.year(year, lang))),
        description=both(lambda lang: _description(rows, mapped, lang)),
        table=both(lambda lang: _table(rows, lang)),
        csv=csv_text(
            ["ward_code", "ward_name", "complaints_per_1000", "complaints_received", "population"],
            [_csv_row(r) for r in rows],
        ),
    )


def figures(content: dict[str, Any]) -> Iterator[Figure]:
    """A ward map for every council and every year it has complaints in."""
    shapes = content.get("ward_boundaries", {})
    for council, wards in sorted(content.get("wards", {}).items()):
        years = sorted({year for ward in wards.values() for year in ward["years"]})
        for year in years:
            made = figure(f"{KEY}/{council}/{year}", wards, shapes, year)
            if made is not None:
                yield made
