"""Charts: builders on small hand-made bundle data, rendering to SVG, the index and its cache."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.charts import budget, complaints, index, render, spending

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
URDU = re.compile("[\u0600-\u06ff]")

BUDGET = {
    "departments": [
        {"code": "ENG", "name_en": "Engineering and Works", "name_ur": "انجینئرنگ و تعمیرات",
         "approved": 1_007_000_000_01, "revised": 980_000_000_00, "actual": 862_564_405_50},
        {"code": "SAN", "name_en": "Sanitation", "name_ur": "صفائی",
         "approved": 500_000_000_00, "revised": 510_000_000_00, "actual": None},
        {"code": "PRK", "name_en": "Parks and Horticulture", "name_ur": "پارکس و باغبانی",
         "approved": 12_345_67, "revised": None, "actual": None},
    ],
}  # fmt: skip
SPENDING = {
    "months": [
        {"month": "2024-07", "amount": 89_765_617_00},
        {"month": "2024-08", "amount": 0},
        {"month": "2024-09", "amount": 144_141_256_33},
        *({"month": m, "amount": None} for m in ("2024-10", "2024-11", "2024-12")),
        *({"month": f"2025-{n:02d}", "amount": None} for n in range(1, 7)),
    ],
}
COMPLAINTS = {
    "totals": {"received": 40, "resolved": 38, "resolved_rate": 38 / 40,
               "satisfied_rate": 15 / 40, "reopened_rate": 3 / 40},
    "months": [
        {"month": "2024-07", "received": 25, "resolved": 20},
        {"month": "2024-09", "received": 15, "resolved": 14},
        {"month": "2024-10", "received": 0, "resolved": 4},
    ],
}  # fmt: skip
CONTENT = {
    "budget": {"TST-MC": {"2024-25": BUDGET}},
    "spending": {"TST-MC": {"2024-25": SPENDING}},
    "complaints": {"TST-MC": {"2024-25": COMPLAINTS}},
}
BUILDERS = {
    "budget": lambda lang: budget.chart(BUDGET, lang),
    "spending": lambda lang: spending.chart(SPENDING, lang),
    "complaints-months": lambda lang: complaints.months_chart(COMPLAINTS, lang),
    "complaints-outcomes": lambda lang: complaints.outcomes_chart(COMPLAINTS, lang),
}


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _no_remote(svg: str) -> None:
    root = ET.fromstring(svg)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("href", XLINK) or name.endswith("href"):
                assert not value.lower().startswith(("http:", "https:", "//")), (name, value)
            assert "url(http" not in value.replace(" ", "").lower()
    for style in root.iter(f"{SVG}style"):
        assert "@import" not in (style.text or "")
    assert "@import" not in svg


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_builder_renders_valid_readable_svg(name: str, lang: str) -> None:
    chart = BUILDERS[name](lang)
    chart.to_dict(validate=True)  # a valid Vega-Lite spec
    svg = render.render(chart)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert float(root.attrib["width"]) <= 340
    sizes = [float(s.rstrip("px")) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
    assert sizes and min(sizes) >= 12
    _no_remote(svg)
    texts = _texts(svg)
    if lang == "ur":
        assert any(URDU.search(t) for t in texts)
    else:
        assert not any(URDU.search(t) for t in texts)


def test_labelled_svg_has_title_desc_and_role() -> None:
    fig = spending.figure("spending-months/TST-MC/2024-25", SPENDING, "2024-25")
    assert fig is not None
    svg = render.label(render.render(fig.chart("ur")), fig.title["ur"], fig.description["ur"], "ur")
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.find(f"{SVG}title").text == fig.title["ur"]  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == fig.description["ur"]  # type: ignore[union-attr]


def test_budget_csv_is_exact_rupees_and_description_names_the_top_department() -> None:
    fig = budget.figure("budget-departments/TST-MC/2024-25", BUDGET, "2024-25")
    assert fig is not None
    rows = _csv(fig.csv)
    for row, dept in zip(rows, BUDGET["departments"], strict=True):
        assert row["department_code"] == dept["code"]
        for phase in ("approved", "revised", "actual"):
            cell = row[f"{phase}_rupees"]
            assert (Decimal(cell) * 100 if cell else None) == dept[phase]
    assert rows[0]["approved_rupees"] == "1007000000.01"
    assert fig.description["en"].startswith("Engineering and Works had the largest")
    assert "Rs 100.7 crore" in fig.description["en"]
    assert "انجینئرنگ و تعمیرات" in fig.description["ur"]
    assert fig.table["ur"]["rows"][1][3] == "–"  # not reported: a dash, not zero
    assert fig.title["ur"].count("\u2066") == 1  # the year kept left to right


def test_spending_months_run_july_to_june_and_skip_months_without_data() -> None:
    fig = spending.figure("spending-months/TST-MC/2024-25", SPENDING, "2024-25")
    assert fig is not None
    rows = _csv(fig.csv)
    assert [r["month"] for r in rows] == ["2024-07", "2024-08", "2024-09"]
    given = {m["month"]: m["amount"] for m in SPENDING["months"]}
    assert all(Decimal(r["amount_rupees"]) * 100 == given[r["month"]] for r in rows)
    assert "September 2024" in fig.description["en"]  # the largest month
    assert "3 months up to September 2024" in fig.description["en"]
    svg = render.render(fig.chart("en"))
    labels = [t for t in _texts(svg) if re.fullmatch(r"[A-Z][a-z]+ 2024", t)]
    assert labels == ["Jul 2024", "Aug 2024", "Sept 2024"]


def test_complaints_months_fill_gaps_and_leave_later_resolutions_to_the_text() -> None:
    fig = complaints.months_figure("complaints-months/TST-MC/2024-25", COMPLAINTS, "2024-25")
    assert fig is not None
    rows = _csv(fig.csv)
    assert [(r["month"], r["received"], r["resolved"]) for r in rows] == [
        ("2024-07", "25", "20"),
        ("2024-08", "0", "0"),
        ("2024-09", "15", "14"),
        ("2024-10", "0", "4"),
    ]
    assert "July 2024 (25)" in fig.description["en"]
    assert "جولائی 2024" in fig.description["ur"]


def test_outcomes_show_the_three_rates_of_complaints_received() -> None:
    fig = complaints.outcomes_figure("complaints-outcomes/TST-MC/2024-25", COMPLAINTS, "2024-25")
    assert fig is not None
    rows = _csv(fig.csv)
    assert [(r["measure"], int(r["complaints"]), float(r["rate"])) for r in rows] == [
        ("resolved", 38, 0.95),
        ("satisfied", 15, 0.375),
        ("reopened", 3, 0.075),
    ]
    assert "95.0%" in fig.description["en"] and "37.5%" in fig.description["en"]
    assert "95.0%" in fig.description["ur"]
    svg = render.render(fig.chart("en"))
    assert {"95.0%", "37.5%", "7.5%"} <= set(_texts(svg))


def test_no_chart_without_data() -> None:
    assert budget.figure("k", {"departments": []}, "2024-25") is None
    assert spending.figure("k", {"months": [{"month": "2024-07", "amount": None}]}, "y") is None
    assert complaints.months_figure("k", {"months": [], "totals": {}}, "2024-25") is None
    assert complaints.outcomes_figure("k", {"months": [], "totals": {"received": 0}}, "y") is None


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = render.render_spec

    def counting(spec: Any) -> str:
        calls[0] += 1
        return real(spec)

    monkeypatch.setattr(render, "render_spec", counting)
    return calls


def test_build_all_writes_the_index_and_skips_unchanged_charts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_renders(monkeypatch)
    built = index.build_all(CONTENT, tmp_path)
    assert set(built) == {
        "budget-departments/TST-MC/2024-25",
        "spending-months/TST-MC/2024-25",
        "complaints-months/TST-MC/2024-25",
        "complaints-outcomes/TST-MC/2024-25",
    }
    assert calls[0] == 8  # four charts, two languages
    entry = built["budget-departments/TST-MC/2024-25"]
    assert set(entry) == {"svg", "size", "csv", "title", "description", "table"}
    assert entry["size"]["en"][0] == 340
    assert entry["table"]["en"]["header"] == ["Department", "Approved", "Revised", "Actual"]
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len([f for f in files if f.endswith(".svg")]) == 8
    assert len([f for f in files if f.endswith(".csv")]) == 4
    for name in files:
        if name.endswith(".svg"):
            _no_remote((tmp_path / name).read_text(encoding="utf-8"))
    times = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}

    assert index.build_all(CONTENT, tmp_path) == built
    assert calls[0] == 8  # nothing rendered again
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == times

    changed = {**CONTENT, "spending": {"TST-MC": {"2024-25": {"months": SPENDING["months"][:1]}}}}
    rebuilt = index.build_all(changed, tmp_path)
    assert calls[0] == 10  # only the changed chart, in both languages
    old = built["spending-months/TST-MC/2024-25"]["svg"]["en"]
    assert rebuilt["spending-months/TST-MC/2024-25"]["svg"]["en"] != old
    assert not (tmp_path / old).exists()  # the stale file is removed
