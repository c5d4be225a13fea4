"""The chart index: every chart for every council, year and language, rendered once as SVG."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline import formats, i18n
from pipeline.charts import budget, complaints, fonts, labels, render, spending, wards
from pipeline.charts.figure import Figure

#: (chart name, bundle section, figure maker) in page order
CHARTS: tuple[tuple[str, str, Callable[..., Figure | None]], ...] = (
    (budget.KEY, "budget", budget.figure),
    (spending.KEY, "spending", spending.figure),
    (complaints.MONTHS_KEY, "complaints", complaints.months_figure),
    (complaints.OUTCOMES_KEY, "complaints", complaints.outcomes_figure),
)
_NAMES = "|".join([*(name for name, _, _ in CHARTS), wards.KEY])
_OURS = re.compile(rf"^(?:{_NAMES})_[^/]+\.(?:(?:en|ur)\.[0-9a-f]{{12}}\.svg|csv)$")
_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')

Job = tuple[Figure, str, str]  # figure, lang, path


#: The sections whose charts draw money, in the bundle's currency.
MONEY = ("budget", "spending")


def figures(content: dict[str, Any]) -> Iterator[Figure]:
    """Every chart the bundle ``content`` has data for, by chart, council and year."""
    currency = content.get("currency", formats.PKR)
    for name, section, make in CHARTS:
        extra = (currency,) if section in MONEY else ()
        for council, years in sorted(content.get(section, {}).items()):
            for year, summary in sorted(years.items()):
                made = make(f"{name}/{council}/{year}", summary, year, *extra)
                if made is not None:
                    yield made
    yield from wards.figures(content)


@cache
def _engine() -> str:
    """What besides a chart's inputs decides its SVG: this package's code, libraries, fonts."""
    code = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        code.update(path.name.encode() + b"\0" + path.read_bytes())
    pinned = ",".join(path.name for path in fonts.files())
    return (
        f"code {code.hexdigest()}; altair {version('altair')}; "
        f"vl-convert {version('vl-convert-python')}; fonts {pinned}; text {i18n.digest()}"
    )


def digest(fig: Figure, lang: str) -> str:
    """12 hex digits naming the SVG of ``fig`` in ``lang``.

    A digest of the chart's inputs and of everything that turns them into a spec and an SVG
    (this package's source, Altair, vl-convert, the fonts) identifies the spec and its data as
    surely as hashing the spec itself, and costs nothing when the SVG is already there: building
    the Altair chart to hash its spec would take ~25 ms a chart, most of a render's cost.
    """
    name = fig.key.split("/", 1)[0]
    text = json.dumps([_engine(), name, lang, fig.inputs], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _write(path: Path, text: str) -> None:
    """Write atomically: the cache never trusts a half-written file."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def _render_file(job: Job) -> str:
    """Build and render one chart to its file; return the SVG's opening (for its size)."""
    fig, lang, path = job
    svg = render.render_spec(render.spec(fig.chart(lang), validate=False))
    svg = render.label(svg, fig.title[lang], fig.description[lang], lang)
    _write(Path(path), svg)
    return svg[:400]


def _size(head: str) -> list[int]:
    match = _SIZE.search(head)
    return [round(float(match.group(1))), round(float(match.group(2)))] if match else [0, 0]


def _render_all(jobs: list[Job], workers: int) -> list[str]:
    """Render ``jobs`` here, or in ``workers`` processes (each warms its own vl-convert)."""
    if workers <= 1 or len(jobs) < 2 * workers:
        return [_render_file(job) for job in jobs]
    context = multiprocessing.get_context("spawn")  # never fork a process running vl-convert
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_render_file, jobs, chunksize=max(1, len(jobs) // (4 * workers))))


def build_all(content: dict[str, Any], out_dir: Path, workers: int = 1) -> dict[str, Any]:
    """Render every chart of the bundle ``content`` into ``out_dir`` and return their index.

    SVG files are named by a digest of what they are drawn from, so an unchanged chart is not
    rendered again; CSV files (one per chart, both languages) are rewritten only when they
    change. Chart files in ``out_dir`` that the index no longer names are deleted.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    index: dict[str, Any] = {}
    jobs: list[Job] = []
    pending: dict[str, tuple[str, str]] = {}  # path -> (chart key, lang)
    for fig in figures(content):
        slug = fig.key.replace("/", "_")
        entry: dict[str, Any] = {
            "svg": {},
            "size": {},
            "csv": f"{slug}.csv",
            "title": dict(fig.title),
            "description": dict(fig.description),
            "table": dict(fig.table),
        }
        for lang in labels.LANGS:
            name = f"{slug}.{lang}.{digest(fig, lang)}.svg"
            entry["svg"][lang] = name
            path = out_dir / name
            if path.exists():
                entry["size"][lang] = _size(path.read_text(encoding="utf-8")[:400])
            else:
                jobs.append((fig, lang, str(path)))
                pending[str(path)] = (fig.key, lang)
        csv_path = out_dir / entry["csv"]
        if not csv_path.exists() or csv_path.read_text(encoding="utf-8") != fig.csv:
            _write(csv_path, fig.csv)
        index[fig.key] = entry
    for job, head in zip(jobs, _render_all(jobs, workers), strict=True):
        key, lang = pending[job[2]]
        index[key]["size"][lang] = _size(head)
    keep = {name for e in index.values() for name in (e["csv"], *e["svg"].values())}
    for path in out_dir.iterdir():
        if path.is_file() and _OURS.match(path.name) and path.name not in keep:
            path.unlink()
    return index
