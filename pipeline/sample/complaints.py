"""Complaints: Open311 service requests with seasons, resolution times and citizen feedback."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from pipeline.sample.codes import CATEGORIES, DEPARTMENTS
from pipeline.sample.config import COMPLAINT_TARGET_DAYS
from pipeline.sample.dates import fy_days, month_index, weekday
from pipeline.sample.places import LocalGovernment

#: Columns of a complaints file, in the descriptor's order.
COMPLAINT_COLUMNS = [
    "service_request_id",
    "fiscal_year",
    "lg_code",
    "ward_code",
    "service_code",
    "description",
    "status",
    "status_detail",
    "status_notes",
    "agency_responsible",
    "channel",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "resolved_datetime",
    "citizen_feedback",
    "reopened_count",
]

# Monthly multipliers, July to June.
_SEASONS = {
    "flat": [1.0] * 12,
    "monsoon": [2.6, 2.8, 2.0, 0.9, 0.6, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9, 1.4],
    "dengue": [0.4, 0.7, 2.4, 3.2, 2.6, 0.8, 0.3, 0.3, 0.4, 0.5, 0.6, 0.5],
    "summer": [1.5, 1.4, 1.1, 0.8, 0.6, 0.5, 0.5, 0.6, 0.8, 1.1, 1.5, 1.7],
}
_HOURS = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 6, 7, 7, 6, 5, 5, 5, 5, 5, 5, 6, 6, 5, 3, 2], dtype=float
)
_CHANNELS = np.array(["app", "portal", "phone", "walk_in", "whatsapp", "sms", "social_media"])
_CHANNEL_P = np.array([0.30, 0.25, 0.24, 0.10, 0.06, 0.03, 0.02])

#: Median days to resolve, by department.
_MEDIAN_DAYS = {
    "SAN": 2.5,
    "WSS": 4.0,
    "STL": 5.0,
    "ENG": 9.0,
    "HLT": 3.0,
    "REG": 8.0,
    "PRK": 6.0,
    "ADM": 5.0,
    "FIN": 5.0,
}

_CLOSED_DETAILS = np.array(
    [
        "fixed",
        "relief_granted",
        "closed",
        "duplicate",
        "not_responsible",
        "no_further_action",
        "internal_referral",
    ]
)
_CLOSED_P = np.array([0.56, 0.13, 0.07, 0.05, 0.05, 0.06, 0.08])
_OPEN_DETAILS = np.array(["investigating", "in_progress", "action_scheduled"])

_PLACES = (
    "",
    "",
    " near the mosque",
    " in the main bazaar",
    " behind the government school",
    " on the main road",
    " in the street near the park",
    " near the tube well",
    " near the bus stop",
    " in the lane off the main road",
    " near the graveyard",
)

_DESCRIPTIONS = {
    "garbage_not_collected": (
        "Garbage has not been collected for three days",
        "Heap of garbage lying",
        "کوڑا کئی دن سے نہیں اٹھایا گیا",
    ),
    "street_sweeping": ("Street has not been swept this week", "گلی میں صفائی نہیں ہوئی"),
    "dead_animal": ("Dead animal lying on the road", "مردہ جانور سڑک پر پڑا ہے"),
    "drain_blocked": (
        "Drain is blocked and water is overflowing",
        "Open drain choked with silt",
        "نالی بند ہے",
    ),
    "sewerage_overflow": (
        "Sewer water standing in the street",
        "Manhole overflowing",
        "گلی میں سیوریج کا پانی کھڑا ہے",
    ),
    "manhole_cover_missing": (
        "Manhole cover missing, danger for children",
        "مین ہول کا ڈھکن نہیں ہے",
    ),
    "rainwater_standing": ("Rainwater standing since yesterday's rain", "بارش کا پانی جمع ہے"),
    "water_supply_none": (
        "No water supply since morning",
        "Very low water pressure",
        "پانی نہیں آ رہا",
    ),
    "water_contaminated": (
        "Dirty water coming from the tap",
        "Smell in drinking water",
        "گندا پانی آ رہا ہے",
    ),
    "water_pipe_leak": ("Water pipe leaking on the road", "پانی کی پائپ لائن لیک ہے"),
    "street_light_out": (
        "Street lights not working at night",
        "Street light pole damaged",
        "اسٹریٹ لائٹ بند ہے",
    ),
    "pothole": ("Large pothole on the road", "Road broken after rain", "سڑک میں بڑا گڑھا ہے"),
    "broken_street": ("Street pavement broken", "گلی کا فرش ٹوٹا ہوا ہے"),
    "stray_dogs": ("Stray dogs in the area", "آوارہ کتوں کی بھرمار"),
    "dengue_larvae": (
        "Stagnant water with larvae",
        "Need fogging for dengue",
        "کھڑے پانی میں لاروا",
    ),
    "encroachment": (
        "Shops have encroached on the footpath",
        "Carts blocking the road",
        "فٹ پاتھ پر تجاوزات",
    ),
    "illegal_construction": ("Construction without approved map", "غیر قانونی تعمیر جاری ہے"),
    "park_maintenance": ("Park grass not cut and lights broken", "پارک کی حالت خراب ہے"),
    "other": ("Request for municipal service", "بلدیاتی خدمت کی درخواست"),
}

_GROUP_NOTES = {
    "sanitation": ("Garbage lifted and area cleaned.", "Sanitary staff deputed; area swept."),
    "drainage": ("Drain cleared and water disposed of.", "Sewer line desilted; flow restored."),
    "water": ("Supply restored after repair of the line.", "Leak repaired; supply checked."),
    "street_lights": ("Light repaired and tested.", "Bulb replaced; pole fixed."),
    "roads": ("Patchwork done at site.", "Repair done; included in maintenance plan."),
    "health": ("Spray and larvicide done at site.", "Team visited and took action."),
    "regulation": ("Encroachment removed by enforcement staff.", "Notice issued to the owner."),
    "parks": ("Maintenance done by horticulture staff.", "Repair of park done."),
    "other": ("Request processed.", "Service provided."),
}

_DETAIL_NOTES = {
    "closed": ("Closed after site inspection; problem not found at site.",),
    "duplicate": ("Duplicate of an earlier complaint about the same place.",),
    "not_responsible": ("Matter relates to another agency; complaint forwarded to it.",),
    "no_further_action": ("Site inspected; no further action required at present.",),
    "internal_referral": ("Referred to the concerned branch for action.",),
    "investigating": ("Assigned to field staff for inspection.", ""),
    "in_progress": ("Work in progress.", ""),
    "action_scheduled": ("Work scheduled.", "Included in next week's plan."),
    "open": ("",),
}


def _iso(values: np.ndarray) -> np.ndarray:
    """ISO 8601 with the +05:00 offset; blank where missing."""
    text = np.datetime_as_string(values.astype("datetime64[s]"), unit="s").astype(object)
    return np.where(np.isnat(values), "", text + "+05:00")


def _choose(rng: np.random.Generator, options: tuple[str, ...], keys: np.ndarray) -> np.ndarray:
    """One option per key at random (vectorised over the distinct options)."""
    choices = np.array(options, dtype=object)
    return choices[(rng.random(keys.size) * len(options)).astype(np.int64)]


def year_complaints(
    lg: LocalGovernment,
    fiscal_year: str,
    count: int,
    wards: pd.DataFrame,
    rng: np.random.Generator,
    as_of: date,
) -> pd.DataFrame:
    """Complaints received by one local government in one fiscal year (up to ``as_of``)."""
    days = fy_days(fiscal_year, as_of)
    codes = np.array([c[0] for c in CATEGORIES], dtype=object)
    groups = np.array([c[3] for c in CATEGORIES], dtype=object)
    depts = np.array([c[4] for c in CATEGORIES], dtype=object)
    season = np.array([_SEASONS[c[6]] for c in CATEGORIES])
    rural = lg.tier == "district_council"
    base = np.array([c[5] for c in CATEGORIES])
    if rural:
        base = base * np.where(np.isin(groups, ["street_lights", "parks", "regulation"]), 0.4, 1.0)
    month = month_index(days)
    day_w = season[:, month] * np.where(weekday(days) == 6, 0.8, 1.0)[None, :]
    totals = base * day_w.sum(axis=1)
    cat = np.repeat(np.arange(len(codes)), rng.multinomial(count, totals / totals.sum()))
    cdf = np.cumsum(day_w, axis=1)
    cdf = cdf / cdf[:, -1:]
    flat = (cdf + np.arange(len(codes))[:, None]).ravel()
    pos = np.searchsorted(flat, rng.random(cat.size) + cat, side="right")
    day = days[np.minimum(pos - cat * days.size, days.size - 1)]
    hour = rng.choice(24, cat.size, p=_HOURS / _HOURS.sum())
    minute = rng.integers(0, 60, cat.size)
    requested = day.astype("datetime64[m]") + (hour * 60 + minute).astype("timedelta64[m]")
    order = np.argsort(requested, kind="stable")
    cat, requested = cat[order], requested[order]
    n = cat.size

    pops = wards["population"].to_numpy(dtype=float)
    ward = wards["ward_code"].to_numpy(dtype=object)[rng.choice(pops.size, n, p=pops / pops.sum())]
    dept = depts[cat]
    group = groups[cat]

    detail = _CLOSED_DETAILS[rng.choice(_CLOSED_DETAILS.size, n, p=_CLOSED_P)]
    median = np.array([_MEDIAN_DAYS[d] for d in dept]) * 24.0
    monsoon = np.isin(month_index(requested.astype("datetime64[D]")), [0, 1, 2])
    median = median * np.where(monsoon & (group == "drainage"), 1.4, 1.0)
    median = median * np.where(np.isin(detail, ["duplicate", "not_responsible"]), 0.5, 1.0)
    hours = np.maximum(1.0, rng.lognormal(np.log(median), 0.95))
    late = hours / 24 > COMPLAINT_TARGET_DAYS
    p_satisfied = np.select(
        [
            detail == "fixed",
            detail == "relief_granted",
            np.isin(detail, ["duplicate", "internal_referral"]),
        ],
        [0.56, 0.45, 0.3],
        0.14,
    ) * np.where(late, 0.6, 1.0)
    u = rng.random(n)
    feedback = np.where(
        u < p_satisfied, "satisfied", np.where(u < p_satisfied + 0.33, "not_satisfied", "none")
    ).astype(object)
    curt = np.isin(detail, ["closed", "no_further_action", "relief_granted"]) & (
        feedback == "not_satisfied"
    )
    hours = np.where(curt & (hours < 72), 72 + rng.uniform(0, 72, n), hours)
    resolved = requested + np.round(hours * 60).astype("timedelta64[m]")
    end = np.datetime64(as_of + timedelta(days=1), "m") - np.timedelta64(1, "m")
    age_days = (end - requested).astype(np.int64) / 1440
    stuck = (rng.random(n) < 0.006) & (age_days > 30)
    is_open = (resolved > end) | stuck
    open_detail = np.where(age_days < 2, "open", _OPEN_DETAILS[rng.integers(0, 3, n)])
    detail = np.where(is_open, open_detail, detail).astype(object)
    feedback = np.where(is_open, "none", feedback).astype(object)
    nat = np.datetime64("NaT", "m")
    resolved = np.where(is_open, nat, resolved)
    later = (
        np.where(feedback == "none", rng.exponential(6 * 60, n), rng.uniform(2 * 60, 72 * 60, n))
        .astype(np.int64)
        .astype("timedelta64[m]")
    )
    updated = np.where(
        is_open,
        requested + ((end - requested) * rng.uniform(0.1, 0.9, n)).astype("timedelta64[m]"),
        resolved + later,
    )
    updated = np.where(updated > end, np.maximum(end, resolved), updated)
    updated = np.where(np.isnat(updated), end, updated)
    reopen = np.where(feedback == "not_satisfied", 0.16, np.where(is_open, 0.05, 0.02))
    reopened = (rng.random(n) < reopen).astype(np.int64) + (rng.random(n) < reopen * 0.15)

    notes = np.full(n, "", dtype=object)
    for g, group_notes in _GROUP_NOTES.items():
        mask = np.isin(detail, ["fixed", "relief_granted"]) & (group == g)
        notes[mask] = _choose(rng, group_notes, np.flatnonzero(mask))
    for d, detail_notes in _DETAIL_NOTES.items():
        mask = detail == d
        notes[mask] = _choose(rng, detail_notes, np.flatnonzero(mask))
    dept_names = {d[0]: d[1] for d in DEPARTMENTS}
    referral = detail == "internal_referral"
    notes[referral] = (
        "Referred to "
        + pd.Series(dept[referral]).map(dept_names).to_numpy(dtype=object)
        + " for action."
    )
    notes = np.where((detail == "fixed") & (rng.random(n) < 0.08), "", notes)

    descriptions = [_DESCRIPTIONS[code] for code in codes]
    flat = np.array([t for ts in descriptions for t in ts], dtype=object)
    offsets = np.concatenate([[0], np.cumsum([len(ts) for ts in descriptions])[:-1]])
    sizes = np.array([len(ts) for ts in descriptions])
    pick = offsets[cat] + (rng.random(n) * sizes[cat]).astype(np.int64)
    text = flat[pick]
    urdu = np.array([t[0] >= "\u0600" for t in flat])[pick]
    place = _choose(rng, _PLACES, np.arange(n))
    text = np.where(urdu, text, text + place + ".")

    return pd.DataFrame(
        {
            "fiscal_year": fiscal_year,
            "lg_code": lg.lg_code,
            "ward_code": ward,
            "service_code": codes[cat],
            "description": np.where(rng.random(n) < 0.04, "", text),
            "status": np.where(is_open, "open", "closed"),
            "status_detail": detail,
            "status_notes": notes,
            "agency_responsible": dept,
            "channel": _CHANNELS[rng.choice(_CHANNELS.size, n, p=_CHANNEL_P)],
            "_requested": requested,
            "_updated": updated,
            "_resolved": resolved,
            "citizen_feedback": feedback,
            "reopened_count": reopened,
        }
    )


def finalise(complaints: pd.DataFrame, lg: LocalGovernment) -> pd.DataFrame:
    """Number the complaints in order received and write the timestamps out."""
    complaints = complaints.sort_values("_requested", kind="stable").reset_index(drop=True)
    seq = np.arange(1, len(complaints) + 1).astype(str)
    complaints["service_request_id"] = lg.lg_code + "-C" + np.char.zfill(seq, 7).astype(object)
    requested = complaints["_requested"].to_numpy(dtype="datetime64[m]")
    complaints["requested_datetime"] = _iso(requested)
    complaints["updated_datetime"] = _iso(complaints["_updated"].to_numpy(dtype="datetime64[m]"))
    complaints["expected_datetime"] = _iso(requested + np.timedelta64(COMPLAINT_TARGET_DAYS, "D"))
    complaints["resolved_datetime"] = _iso(complaints["_resolved"].to_numpy(dtype="datetime64[m]"))
    return complaints
