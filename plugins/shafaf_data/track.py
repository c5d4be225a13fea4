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


def write(
    page: Callable[..., None], writer: Any, output: Path, data: dict[str, Any], languages: list[str]
) -> None:
    """Write every council's track pages with ``page`` (the generator's ``_write``) and the
    index files under ``output``."""
    index = data.get("tracking", {})
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
            )  # fmt: skip
            spans = entry["ranges"] if entry else []
            for number, span in enumerate(spans):
                page(
                    writer, lang, f"{base}{span['key']}/", "track_range",
                    council=council, span=span, as_of=entry["as_of"],
                    previous=spans[number - 1] if number else None,
                    next=spans[number + 1] if number + 1 < len(spans) else None,
                    categories=categories, wards=wards,
                )  # fmt: skip


def _json(path: Path, value: Any) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
