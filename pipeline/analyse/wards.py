"""Wards: each ward's complaints by year and category, its rank, and its boundary for the map."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.analyse.complaints import KEYS, grouped, prepare, whole_or_none


def boundaries(path: Path) -> dict[str, dict[str, Any]]:
    """{ward_code: GeoJSON geometry} from a FeatureCollection whose features carry ward_code;
    empty when the council has published no boundaries."""
    if not path.exists():
        return {}
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {
        feature["properties"]["ward_code"]: feature["geometry"]
        for feature in collection.get("features", [])
        if feature.get("geometry") and feature.get("properties", {}).get("ward_code")
    }


def summary(
    complaints: pd.DataFrame | None,
    categories: pd.DataFrame,
    wards: pd.DataFrame,
    as_of: pd.Timestamp | None = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    """{lg_code: {ward_code: {name_en, name_ur, kind, population, years: {fiscal_year:
    {totals, per_1000, rank, of, categories}}}}}.

    ``rank`` is the ward's place among its council's wards by complaints per 1,000 residents
    that year (1 = most), out of ``of`` wards with complaints. With no complaints published
    (``complaints`` None), every ward is listed with no year.
    """
    by_ward: dict[Any, dict[str, Any]] = {}
    by_category: dict[Any, dict[str, Any]] = {}
    if complaints is not None:
        frame = prepare(complaints, as_of)
        by_ward = grouped(frame, [*KEYS, "ward_code"])
        by_category = grouped(frame, [*KEYS, "ward_code", "service_code"])
    names = categories.set_index("service_code")[["service_name_en", "service_name_ur"]]
    names_of = names.rename(columns=lambda c: c.removeprefix("service_")).to_dict("index")
    population_of = {
        code: whole_or_none(value)
        for code, value in zip(wards["ward_code"], wards["population"], strict=True)
    }

    per_1000: dict[tuple[str, str, str], float | None] = {}
    for (lg, year, ward), stats in by_ward.items():
        population = population_of.get(ward)
        per_1000[(lg, year, ward)] = (
            round(stats["received"] / population * 1000, 2) if population else None
        )
    by_council: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for (lg, year, ward), rate in per_1000.items():
        by_council[(lg, year)].append((-(rate or 0.0), ward))
    ranks: dict[tuple[str, str, str], tuple[int, int]] = {}
    for (lg, year), rates in by_council.items():
        for place, (_, ward) in enumerate(sorted(rates), start=1):
            ranks[(lg, year, ward)] = (place, len(rates))

    categories_of: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for (lg, year, ward, code), stats in by_category.items():
        categories_of.setdefault((lg, year, ward), []).append(
            {
                "code": code,
                **names_of[code],
                **stats,
            }
        )

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row in wards.sort_values("ward_code").itertuples():
        out.setdefault(str(row.lg_code), {})[str(row.ward_code)] = {
            "code": row.ward_code,
            "name_en": row.name_en,
            "name_ur": row.name_ur,
            "kind": row.kind,
            "population": whole_or_none(row.population),
            "years": {},
        }
    for (lg, year, ward), stats in sorted(by_ward.items()):
        key = (str(lg), str(year), str(ward))
        rank, of = ranks[key]
        out[key[0]][key[2]]["years"][key[1]] = {
            "totals": stats,
            "per_1000": per_1000[key],
            "rank": rank,
            "of": of,
            "categories": sorted(
                categories_of.get(key, []), key=lambda c: (-c["received"], c["code"])
            ),
        }
    return out
