"""Who the site speaks for: its name in each language, and whether its data is demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import packages


def is_demo(datasets: Path) -> bool:
    """Whether any data package under ``datasets`` says it holds demo data (``x_shafaf.demo``).

    Only the data says so: a council's own data never carries the demo notice, and demo data
    never loses it."""
    for path in sorted(datasets.glob(f"*/{packages.DESCRIPTOR}")):
        try:
            raw = packages.read_raw(path.parent)
        except packages.DescriptorError:
            continue  # validation reports it; the notice is not the place
        if (raw.get("x_shafaf") or {}).get("demo") is True:
            return True
    return False


def site(datasets: Path, config: dict[str, Any]) -> dict[str, Any]:
    """The site's identity for the bundle: names per language and the demo flag."""
    return {
        "names": {"en": config["site_name"], "ur": config["site_name_ur"]},
        "demo": is_demo(datasets),
    }
