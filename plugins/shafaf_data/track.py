"""The "track a complaint" pages of every council, and the index files their script reads.

Written from the bundle's "tracking" section (pipeline/analyse/tracking.py): per council, a
search page ({lg}/track/), one page per range of a hundred ids ({lg}/track/c00090/) for readers
without JavaScript, and the same ranges as JSON ({lg}/track/c00090.json, with index.json listing
them). The JSON holds only the index's fields: no description, note or contact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.analyse import tracking


def write(generator: Any, writer: Any, output: Path, data: dict[str, Any]) -> None:
    """Write every council's track pages with the ``generator``'s ``_write`` and the index
    files under ``output``."""
    page: Callable[..., None] = generator._write
    languages = generator.settings["SITE_LANGUAGES"]
    index = data.get("tracking", {})
    shown = {lang: _formatted(index, generator.env.filters, lang) for lang in languages}
    latest = max((entry["as_of"] for entry in index.values()), default="")  # the data's date
    categories = {c["code"]: c for c in data["report"]["categories"]}
    for council in data["local_governments"]:
        code = council["code"]
        entry = index.get(code)
        base = f"{code.lower()}/track/"
        wards = data["wards"].get(code, {})
        if entry:
            folder = output / base
            folder.mkdir(parents=True, exist_ok=True)
            _json(folder / "index.json", tracking.listing(code, entry))
            for span in entry["ranges"]:
                _json(folder / f"{span['key']}.json", tracking.shard(code, entry, span["key"]))
        for lang in languages:
            page(
                writer, lang, base, "track",
                council=council, tracking=entry, categories=categories, wards=wards,
                as_of=entry["as_of"] if entry else latest,
            )  # fmt: skip
            spans = entry["ranges"] if entry else []
            for number, span in enumerate(spans):
                page(
                    writer, lang, f"{base}{span['key']}/", "track_range",
                    council=council, span=span, as_of=entry["as_of"],
                    previous=spans[number - 1] if number else None,
                    next=spans[number + 1] if number + 1 < len(spans) else None,
                    categories=categories, wards=wards, shown=shown[lang],
                )  # fmt: skip


def _formatted(index: dict[str, Any], filters: dict[str, Any], lang: str) -> dict[str, str]:
    """Every date and day count of the index as the site's filters show it in ``lang``, each
    formatted once: the range pages repeat the same few hundred dates thousands of times."""
    dates, days = set(), set()
    for entry in index.values():
        for span in entry["ranges"]:
            for row in span["rows"]:
                dates.update(date for date in row[5:8] if date)
                days.add(row[8])
    shown = {date: filters["iso_date"](date, lang) for date in dates}
    shown.update({str(count): filters["number"](count, lang) for count in days})
    return {**shown, "": "–", "None": "–"}


def _json(path: Path, value: Any) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
