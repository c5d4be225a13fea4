"""Open311 GeoReport v2 JSON shapes: services, requests, history, errors (public fields only)."""

from __future__ import annotations

import time
from typing import Any

from publish.feedback.catalogue import Catalogue
from publish.feedback.records import Request, Update


def when(seconds: int | None, offset_hours: int) -> str | None:
    """Unix seconds as ISO 8601 local time with its offset (2026-11-27T10:32:00+05:00).

    The same text as pipeline.open311.local_text, about ten times faster (lists of 1000).
    """
    if seconds is None:
        return None
    t = time.gmtime(seconds + offset_hours * 3600)
    sign = "+" if offset_hours >= 0 else "-"
    return (
        f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:"
        f"{t.tm_sec:02d}{sign}{abs(offset_hours):02d}:00"
    )


def services(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The services list: one per complaint category, Urdu name as an extension field."""
    return [
        {
            "service_code": s.code,
            "service_name": s.name_en,
            "service_name_ur": s.name_ur,
            "description": f"{s.name_en} ({s.name_ur}). Handled by {s.department_name}.",
            "metadata": False,
            "type": "realtime",
            "keywords": ", ".join([s.group.replace("_", " "), s.department, s.code]),
            "group": s.group,
        }
        for s in catalogue.services.values()
    ]


def request(r: Request, catalogue: Catalogue, offset_hours: int) -> dict[str, Any]:
    """A request as GET answers it: no contact details and no exact location, ever."""
    service = catalogue.services.get(r.service_code)
    return {
        "service_request_id": r.service_request_id,
        "jurisdiction_id": r.lg_code,
        "ward_code": r.ward_code,
        "status": r.status,
        "status_detail": r.status_detail,
        "status_notes": r.status_notes or None,
        "service_name": service.name_en if service else r.service_code,
        "service_name_ur": service.name_ur if service else None,
        "service_code": r.service_code,
        "description": r.description,
        "agency_responsible": r.agency_responsible,
        "service_notice": None,
        "channel": r.channel,
        "requested_datetime": when(r.requested_at, offset_hours),
        "updated_datetime": when(r.updated_at, offset_hours),
        "expected_datetime": when(r.expected_at, offset_hours),
        "resolved_datetime": when(r.resolved_at, offset_hours),
        "citizen_feedback": r.citizen_feedback,
        "reopened_count": r.reopened_count,
    }


def update(u: Update, offset_hours: int) -> dict[str, Any]:
    """One entry of the public history (who changed it stays private)."""
    return {
        "updated_datetime": when(u.changed_at, offset_hours),
        "status": u.status,
        "status_detail": u.status_detail,
        "status_notes": u.status_notes or None,
        "agency_responsible": u.agency_responsible,
    }


def notice(r: Request, offset_hours: int, target_days: int) -> str:
    """What a citizen is told on submitting: the id and the due date."""
    due = (when(r.expected_at, offset_hours) or "")[:10]
    return (
        f"Complaint {r.service_request_id} received. The council aims to resolve it within "
        f"{target_days} days (by {due})."
    )


def errors(code: int, descriptions: list[str]) -> list[dict[str, Any]]:
    """Open311's error list: one entry per problem."""
    return [{"code": code, "description": d} for d in descriptions]
