"""Typed records between the web layer and storage: public request, private contact, changes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    """What a citizen gave privately: kept apart from the public record, never exported."""

    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    address_string: str = ""
    lat: float | None = None
    long: float | None = None
    removed_details: str = ""  # personal data redacted from the description

    def is_empty(self) -> bool:
        return self == Contact()


@dataclass(frozen=True)
class Submission:
    """A validated new complaint, before it has an id."""

    lg_code: str
    ward_code: str
    service_code: str
    description: str
    agency_responsible: str
    channel: str
    contact: Contact


@dataclass(frozen=True)
class Request:
    """The public record of one complaint (times are Unix seconds, UTC)."""

    service_request_id: str
    lg_code: str
    ward_code: str
    service_code: str
    description: str
    status: str
    status_detail: str
    status_notes: str
    agency_responsible: str
    channel: str
    requested_at: int
    updated_at: int
    expected_at: int | None
    resolved_at: int | None
    citizen_feedback: str
    reopened_count: int


#: Column order of the requests table, the same as Request's fields.
REQUEST_COLUMNS = tuple(Request.__dataclass_fields__)


@dataclass(frozen=True)
class StatusChange:
    """A validated status update by staff (None: leave as it is)."""

    status: str
    status_detail: str
    status_notes: str | None
    agency_responsible: str | None
    citizen_feedback: str | None
    changed_by: str


@dataclass(frozen=True)
class Update:
    """One entry of a complaint's public history."""

    changed_at: int
    status: str
    status_detail: str
    status_notes: str
    agency_responsible: str


@dataclass(frozen=True)
class Query:
    """Filters of GET requests.json; empty tuples mean 'any'."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    lg_code: str | None = None
    start: int | None = None
    end: int | None = None
    limit: int = 1000
