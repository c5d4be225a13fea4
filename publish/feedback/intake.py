"""Checking what a citizen submits and what staff change: pure functions, every problem named.

Each function takes the submitted fields (text) and returns either the typed value to store or
the list of problems, each a sentence saying what is wrong and how to put it right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.open311 import personal_data, scrub
from publish.feedback.catalogue import Catalogue
from publish.feedback.config import Config
from publish.feedback.records import Contact, StatusChange, Submission

NAME_MAX = 100
ADDRESS_MAX = 300
NOTES_MAX = 2000
EMAIL_MAX = 254
PHONE_MAX = 30
#: A number as the OpenAPI document allows it for lat and long (no spaces, no 'nan').
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
#: Fields of a submission and of a status update (others are ignored).
SUBMISSION_FIELDS = (
    "jurisdiction_id",
    "service_code",
    "description",
    "ward_code",
    "lat",
    "long",
    "address_string",
    "first_name",
    "last_name",
    "phone",
    "email",
    "channel",
)
STATUS_CODES = ("status", "status_detail", "agency_responsible", "citizen_feedback")
STATUS_FIELDS = (
    "status",
    "status_detail",
    "status_notes",
    "agency_responsible",
    "citizen_feedback",
)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTACT_HINT = (
    "The description is published: put a phone number or e-mail address in the contact fields "
    "(phone, email), which only council staff see, and leave CNIC numbers out."
)


@dataclass(frozen=True)
class Honeypot:
    """The hidden field only bots fill in was filled: answer as if accepted, store nothing."""


def _text_problems(fields: Mapping[str, str]) -> list[str]:
    problems = []
    for name, value in fields.items():
        if _CONTROL.search(value):
            problems.append(f"{name} contains control characters; send plain text.")
        else:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                problems.append(f"{name} is not valid Unicode text.")
    return problems


def _field(fields: Mapping[str, str], *names: str) -> str:
    for name in names:
        value = fields.get(name)
        if value is not None and value.strip():
            return value.strip()
    return ""


def _empty_choices(fields: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    """Fields that take a code and were sent empty: leave them out, or give a code."""
    return [
        f"{name} is empty: leave it out, or give one of the codes."
        for name in names
        if name in fields and not fields[name].strip()
    ]


def _too_long(fields: Mapping[str, str], limits: Mapping[str, int]) -> list[str]:
    """Fields longer than their limit, measured as sent (spaces count)."""
    return [
        f"{name} is {len(fields[name])} characters long; at most {limit} are accepted."
        for name, limit in limits.items()
        if len(fields.get(name, "")) > limit
    ]


def jurisdiction(fields: Mapping[str, str], catalogue: Catalogue) -> tuple[str, list[str]]:
    """The local government a request is for: jurisdiction_id, or the only one served."""
    code = fields.get("jurisdiction_id", "")
    known = ", ".join(sorted(catalogue.jurisdictions))
    if "jurisdiction_id" in fields and not code:
        return "", [f"jurisdiction_id is empty: leave it out, or give one of {known}."]
    if not code:
        if len(catalogue.jurisdictions) == 1:
            return next(iter(catalogue.jurisdictions)), []
        return "", [f"jurisdiction_id is missing: give the local government's code ({known})."]
    if code not in catalogue.jurisdictions:
        return "", [f"jurisdiction_id '{code}' is not a local government served here ({known})."]
    return code, []


def _location(
    fields: Mapping[str, str], config: Config
) -> tuple[float | None, float | None, list[str]]:
    lat_text, long_text = fields.get("lat", ""), fields.get("long", "")
    if not lat_text and not long_text:
        return None, None, []
    if not lat_text or not long_text:
        return None, None, ["lat and long go together: give both, or neither."]
    if not (NUMBER.match(lat_text) and NUMBER.match(long_text)):
        problem = (
            f"lat '{lat_text[:40]}' and long '{long_text[:40]}' must be numbers in decimal "
            "degrees, e.g. lat=31.5204 long=74.3587."
        )
        return None, None, [problem]
    lat, long = float(lat_text), float(long_text)
    south, west, north, east = config.location_bounds
    if not (math.isfinite(lat) and math.isfinite(long)) or not (
        south <= lat <= north and west <= long <= east
    ):
        problem = (
            f"lat {lat_text[:40]}, long {long_text[:40]} is not a place this service covers "
            f"(latitude {south} to {north}, longitude {west} to {east}); check the order: lat "
            "first."
        )
        return None, None, [problem]
    return lat, long, []


def _contact(fields: Mapping[str, str], config: Config) -> tuple[Contact, list[str]]:
    problems: list[str] = []
    first, last = _field(fields, "first_name"), _field(fields, "last_name")
    phone, email = _field(fields, "phone"), _field(fields, "email")
    address = _field(fields, "address_string")
    problems += _too_long(
        fields,
        {
            "first_name": NAME_MAX,
            "last_name": NAME_MAX,
            "address_string": ADDRESS_MAX,
            "phone": PHONE_MAX,
            "email": EMAIL_MAX,
        },
    )
    digits = sum(c.isdigit() for c in phone)
    if phone and (not _PHONE.match(phone) or not 7 <= digits <= 15):
        problems.append(
            f"phone '{phone[:30]}' is not a phone number; write it as 03XX-XXXXXXX or +92 3XX "
            "XXXXXXX."
        )
    if email and not _EMAIL.match(email):
        problems.append(f"email '{email[:60]}' is not an e-mail address (name@example.org).")
    lat, long, where = _location(fields, config)
    problems += where
    return Contact(first, last, phone, email, address, lat, long), problems


def submission(
    fields: Mapping[str, str], catalogue: Catalogue, config: Config
) -> Submission | Honeypot | list[str]:
    """A new complaint from its Open311 fields, Honeypot, or the problems found in it."""
    if _field(fields, config.honeypot_field):
        return Honeypot()
    problems = _text_problems(fields)
    if problems:
        return problems
    lg_code, problems = jurisdiction(fields, catalogue)

    service_code = fields.get("service_code", "")
    service = catalogue.services.get(service_code)
    if not service_code:
        problems.append(
            "service_code is missing: choose a category from /open311/v2/services.json."
        )
    elif service is None:
        problems.append(
            f"service_code '{service_code[:60]}' is not a category here; the categories are "
            "listed at /open311/v2/services.json."
        )

    ward_code = fields.get("ward_code", fields.get("ward", ""))
    if not ward_code:
        problems.append("ward_code is missing: say which ward or union council the problem is in.")
    elif lg_code:
        ward = catalogue.wards.get(ward_code)
        if ward is None or ward.lg_code != lg_code:
            wards = sorted(w.code for w in catalogue.wards_of(lg_code))
            span = f" ({wards[0]} to {wards[-1]})" if wards else ""
            problems.append(f"ward_code '{ward_code[:40]}' is not a ward of {lg_code}{span}.")

    description = _field(fields, "description")
    removed: list[str] = []
    too_long = _too_long(fields, {"description": config.description_max_chars})
    if too_long:
        problems += too_long
    elif not description:
        problems.append("description is missing: say what the problem is and where.")
    elif found := personal_data(description):
        if config.personal_data == "reject":
            kinds = sorted({kind for kind, _, _ in found})
            problems.append(f"description contains {' and '.join(kinds)}. {CONTACT_HINT}")
        else:
            description, removed = scrub(description)

    channel = fields.get("channel") or config.default_channel
    problems += _empty_choices(fields, ("channel",))
    if channel not in catalogue.channels:
        problems.append(f"channel '{channel[:30]}' must be one of {', '.join(catalogue.channels)}.")

    contact, contact_problems = _contact(fields, config)
    problems += contact_problems
    if problems:
        return problems
    assert service is not None
    if removed:
        contact = Contact(**{**contact.__dict__, "removed_details": "; ".join(removed)})
    return Submission(
        lg_code=lg_code,
        ward_code=ward_code,
        service_code=service.code,
        description=description,
        agency_responsible=service.department,
        channel=channel,
        contact=contact,
    )


def status_change(
    fields: Mapping[str, str], catalogue: Catalogue, changed_by: str
) -> StatusChange | list[str]:
    """A staff update (status, status_detail, notes, department, feedback) or its problems."""
    problems = _text_problems(fields) + _empty_choices(fields, STATUS_CODES)
    if problems:
        return problems
    status, detail = fields.get("status", ""), fields.get("status_detail", "")
    if status and status not in ("open", "closed"):
        problems.append(f"status '{status[:30]}' must be open or closed.")
    if detail and detail not in catalogue.status_details:
        problems.append(
            f"status_detail '{detail[:40]}' must be one of {', '.join(catalogue.status_details)}."
        )
    if not status and not detail:
        problems.append("Give a status (open or closed), a status_detail, or both.")
    if problems:
        return problems
    closing = detail in catalogue.closed_details if detail else status == "closed"
    if not status:
        status = "closed" if closing else "open"
    if not detail:
        detail = "closed" if status == "closed" else "open"
    elif closing != (status == "closed"):
        allowed = catalogue.closed_details if status == "closed" else catalogue.open_details
        problems.append(
            f"status_detail '{detail}' does not fit status '{status}': with {status} use one "
            f"of {', '.join(allowed)}."
        )

    notes = fields.get("status_notes")
    if notes is not None:
        too_long = _too_long(fields, {"status_notes": NOTES_MAX})
        notes = notes.strip()
        if too_long:
            problems += too_long
        elif found := personal_data(notes):
            kinds = sorted({kind for kind, _, _ in found})
            problems.append(
                f"status_notes contains {' and '.join(kinds)}; the notes are published, so "
                "leave personal details out."
            )
    agency = fields.get("agency_responsible")
    if agency is not None and agency not in catalogue.departments:
        problems.append(
            f"agency_responsible '{agency[:20]}' must be a department code: "
            f"{', '.join(sorted(catalogue.departments))}."
        )
    feedback = fields.get("citizen_feedback")
    if feedback is not None and feedback not in catalogue.feedback:
        problems.append(f"citizen_feedback must be one of {', '.join(catalogue.feedback)}.")
    if problems:
        return problems
    return StatusChange(status, detail, notes, agency, feedback, changed_by)
