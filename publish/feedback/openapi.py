"""The OpenAPI 3.0 description of the service, built from the same code lists it validates with."""

from __future__ import annotations

from typing import Any

from publish.feedback.catalogue import Catalogue
from publish.feedback.config import Config

ID_PATTERN = "^[A-Z][A-Z0-9]{2,4}-[A-Z]{2,3}-C[0-9]{7}$"
LIST_LIMIT = 1000
WINDOW_DAYS = 90


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/responses/{name}"}


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "nullable": True, **extra}


def _schemas(catalogue: Catalogue, config: Config) -> dict[str, Any]:
    codes = sorted(catalogue.services)
    stamp = _nullable("string", format="date-time")
    return {
        "Errors": {
            "type": "array",
            "description": "Open311 errors: one entry per problem.",
            "items": {
                "type": "object",
                "required": ["code", "description"],
                "properties": {
                    "code": {"type": "integer"},
                    "description": {"type": "string"},
                },
            },
        },
        "Service": {
            "type": "object",
            "required": ["service_code", "service_name", "metadata", "type", "group"],
            "properties": {
                "service_code": {"type": "string", "enum": codes},
                "service_name": {"type": "string"},
                "service_name_ur": {"type": "string", "description": "Extension: Urdu name."},
                "description": {"type": "string"},
                "metadata": {"type": "boolean", "enum": [False]},
                "type": {"type": "string", "enum": ["realtime"]},
                "keywords": {"type": "string"},
                "group": {"type": "string"},
            },
        },
        "Request": {
            "type": "object",
            "description": "The public record of a complaint: contact details and exact "
            "locations are never included (locations are published by ward only).",
            "required": [
                "service_request_id",
                "jurisdiction_id",
                "ward_code",
                "status",
                "status_detail",
                "service_code",
                "description",
                "agency_responsible",
                "requested_datetime",
                "updated_datetime",
            ],
            "additionalProperties": False,
            "properties": {
                "service_request_id": {"type": "string", "pattern": ID_PATTERN},
                "jurisdiction_id": {"type": "string", "enum": sorted(catalogue.jurisdictions)},
                "ward_code": {"type": "string"},
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_detail": {"type": "string", "enum": list(catalogue.status_details)},
                "status_notes": _nullable("string"),
                "service_name": {"type": "string"},
                "service_name_ur": _nullable("string"),
                "service_code": {"type": "string"},
                "description": {"type": "string"},
                "agency_responsible": {"type": "string"},
                "service_notice": _nullable("string"),
                "channel": {"type": "string", "enum": list(catalogue.channels)},
                "requested_datetime": {"type": "string", "format": "date-time"},
                "updated_datetime": {"type": "string", "format": "date-time"},
                "expected_datetime": stamp,
                "resolved_datetime": stamp,
                "citizen_feedback": {"type": "string", "enum": list(catalogue.feedback)},
                "reopened_count": {"type": "integer", "minimum": 0},
            },
        },
        "Update": {
            "type": "object",
            "required": ["updated_datetime", "status", "status_detail", "agency_responsible"],
            "properties": {
                "updated_datetime": {"type": "string", "format": "date-time"},
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_detail": {"type": "string", "enum": list(catalogue.status_details)},
                "status_notes": _nullable("string"),
                "agency_responsible": {"type": "string"},
            },
        },
        "Receipt": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["service_notice", "account_id"],
                "properties": {
                    "service_request_id": {"type": "string", "pattern": ID_PATTERN},
                    "token": {"type": "string"},
                    "service_notice": {"type": "string"},
                    "account_id": _nullable("string"),
                },
            },
        },
        "Submission": _submission(catalogue, config, form=False),
        "SubmissionForm": _submission(catalogue, config, form=True),
        "StatusUpdate": _status(catalogue, form=False),
        "StatusUpdateForm": _status(catalogue, form=True),
    }


def _optional(schema: dict[str, Any], form: bool) -> dict[str, Any]:
    """An optional field: JSON may send null for it (a form simply leaves it out)."""
    if form:
        return schema
    if "enum" in schema:
        return {**schema, "nullable": True, "enum": [*schema["enum"], None]}
    return {**schema, "nullable": True}


def _submission(catalogue: Catalogue, config: Config, form: bool) -> dict[str, Any]:
    """A new complaint's fields; in a form lat and long are text and may be left empty."""
    required = ["service_code", "description", "ward_code"]
    if len(catalogue.jurisdictions) != 1:
        required.append("jurisdiction_id")
    number = (
        {"type": "string", "pattern": "^(-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?)?$"}
        if form
        else {"type": "number"}
    )
    fields: dict[str, Any] = {
        "jurisdiction_id": {
            "type": "string",
            "enum": sorted(catalogue.jurisdictions),
            "description": "Code of the local government (lg_code).",
        },
        "service_code": {"type": "string", "enum": sorted(catalogue.services)},
        "description": {
            "type": "string",
            "minLength": 1,
            "maxLength": config.description_max_chars,
            "pattern": "[^\\s]",
            "description": "What the problem is and where. Published: no phone numbers, "
            f"e-mail addresses or CNIC numbers ({config.personal_data}ed if present).",
        },
        "ward_code": {
            "type": "string",
            "enum": sorted(catalogue.wards),
            "description": "Extension: ward or union council, of that local government.",
        },
        "lat": {**number, "description": "Latitude, decimal degrees (private)."},
        "long": {**number, "description": "Longitude, decimal degrees (private)."},
        "address_string": {"type": "string", "maxLength": 300},
        "first_name": {"type": "string", "maxLength": 100},
        "last_name": {"type": "string", "maxLength": 100},
        "phone": {"type": "string", "maxLength": 30},
        "email": {"type": "string", "maxLength": 254},
        "channel": {"type": "string", "enum": list(catalogue.channels)},
    }
    variants = []
    for code in sorted(catalogue.jurisdictions):
        wards = sorted(w.code for w in catalogue.wards_of(code))
        if not wards:
            continue
        own = {
            **fields,
            "jurisdiction_id": {**fields["jurisdiction_id"], "enum": [code]},
            "ward_code": {**fields["ward_code"], "enum": wards},
        }
        variants.append(
            {
                "type": "object",
                "required": required,
                "properties": {
                    name: schema if name in required else _optional(schema, form)
                    for name, schema in own.items()
                },
            }
        )
    if len(variants) == 1:
        return variants[0]
    return {
        "description": "One variant per local government: its code and its wards.",
        "oneOf": variants,
    }


def _status(catalogue: Catalogue, form: bool) -> dict[str, Any]:
    """A staff update: a status with a detail that fits it, or a detail alone."""
    common: dict[str, Any] = {
        "status_notes": {"type": "string", "maxLength": 2000},
        "agency_responsible": {"type": "string", "enum": sorted(catalogue.departments)},
        "citizen_feedback": {"type": "string", "enum": list(catalogue.feedback)},
    }
    optional = {name: _optional(schema, form) for name, schema in common.items()}

    def variant(status: str | None, details: tuple[str, ...]) -> dict[str, Any]:
        detail = {"type": "string", "enum": list(details)}
        if status is None:
            return {
                "type": "object",
                "required": ["status_detail"],
                "not": {"required": ["status"]},
                "properties": {**optional, "status_detail": detail},
            }
        return {
            "type": "object",
            "required": ["status"],
            "properties": {
                **optional,
                "status": {"type": "string", "enum": [status]},
                "status_detail": _optional(detail, form),
            },
        }

    return {
        "description": "status_detail must fit status: open details keep a complaint open, "
        "the others close it.",
        "oneOf": [
            variant("open", catalogue.open_details),
            variant("closed", catalogue.closed_details),
            variant(None, catalogue.status_details),
        ],
    }


def _error(text: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": text,
        "content": {"application/json": {"schema": _ref("Errors")}},
    }
    if headers:
        answer["headers"] = headers
    return answer


def _responses() -> dict[str, Any]:
    return {
        "BadRequest": _error("The request was refused; each entry says what to fix."),
        "NotFound": _error("No such complaint (or address)."),
        "Unauthorized": _error("No API key: send one in the X-Api-Key header."),
        "Forbidden": _error("The API key is not valid (or no keys are configured)."),
        "TooLarge": _error("The request body is larger than the service accepts."),
        "Unsupported": _error("Send application/x-www-form-urlencoded or application/json."),
        "TooMany": _error(
            "Too many requests from this client; wait as Retry-After says.",
            {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
        ),
    }


def _id_param() -> dict[str, Any]:
    return {
        "name": "service_request_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": ID_PATTERN},
    }


def _query(name: str, text: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": text,
        "schema": {"type": "string", "minLength": 1, **schema},
    }


def _json(schema: dict[str, Any], text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": schema}}}


def document(catalogue: Catalogue, config: Config) -> dict[str, Any]:
    """The OpenAPI document the service serves at /openapi.json."""
    body = {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": _ref("SubmissionForm")},
            "application/json": {"schema": _ref("Submission")},
        },
    }
    status_body = {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {"schema": _ref("StatusUpdateForm")},
            "application/json": {"schema": _ref("StatusUpdate")},
        },
    }
    jurisdiction = _query(
        "jurisdiction_id", "Code of the local government.", enum=sorted(catalogue.jurisdictions)
    )
    limited = {"429": _answer("TooMany")}
    html = {"text/html": {"schema": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Shafaf complaints intake (Open311 GeoReport v2)",
            "version": "1.0.0",
            "description": "Citizens report problems to their local government; staff update "
            "their status. Follows Open311 GeoReport v2 (JSON only). Extensions: ward_code, "
            "status_detail and the other fields of the complaints dataset; the status history "
            "(GET …/updates.json) and staff status updates (POST …/status.json, API key). A "
            "browser posting the plain HTML form (Accept: text/html) gets an HTML page.",
        },
        "components": {
            "schemas": _schemas(catalogue, config),
            "responses": _responses(),
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
        },
        "paths": {
            "/open311/v2/services.json": {
                "get": {
                    "operationId": "getServices",
                    "summary": "The complaint categories (Open311 services)",
                    "parameters": [jurisdiction],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Service")}, "Services."),
                        "400": _answer("BadRequest"),
                        **limited,
                    },
                }
            },
            "/open311/v2/requests.json": {
                "get": {
                    "operationId": "getRequests",
                    "summary": "Search complaints (public fields only)",
                    "description": f"At most {LIST_LIMIT} complaints, newest first, received "
                    f"within a window of at most {WINDOW_DAYS} days (default: the last "
                    f"{WINDOW_DAYS}). With service_request_id, the other filters are ignored.",
                    "parameters": [
                        _query("service_request_id", "Complaint ids, comma-separated."),
                        _query("service_code", "Category codes, comma-separated."),
                        _query(
                            "status",
                            "open, closed, or both comma-separated.",
                            pattern="^(open|closed)(,(open|closed))*$",
                        ),
                        _query(
                            "start_date",
                            "Received at or after: an ISO 8601 date or date and time "
                            "(without an offset: Pakistan time).",
                        ),
                        _query("end_date", "Received at or before (as start_date)."),
                        jurisdiction,
                    ],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Request")}, "Complaints."),
                        "400": _answer("BadRequest"),
                        **limited,
                    },
                },
                "post": {
                    "operationId": "postRequest",
                    "summary": "Report a problem",
                    "description": "Form-encoded (as Open311 says) or JSON. Contact fields "
                    "(first_name, last_name, phone, email, address_string, lat/long) are "
                    "stored apart from the public record and never returned or exported.",
                    "requestBody": body,
                    "responses": {
                        "200": {
                            "description": "Stored (and on disk) before this answer.",
                            "content": {
                                "application/json": {"schema": _ref("Receipt")},
                                **html,
                            },
                            "links": {
                                name: {
                                    "operationId": operation,
                                    "parameters": {
                                        "service_request_id": "$response.body#/0/service_request_id"
                                    },
                                }
                                for name, operation in (
                                    ("GetRequest", "getRequest"),
                                    ("GetUpdates", "getUpdates"),
                                    ("PostStatus", "postStatus"),
                                )
                            },
                        },
                        "400": {
                            "description": "Refused; each entry says what to fix.",
                            "content": {
                                "application/json": {"schema": _ref("Errors")},
                                **html,
                            },
                        },
                        "413": _answer("TooLarge"),
                        "415": _answer("Unsupported"),
                        **limited,
                    },
                },
            },
            "/open311/v2/requests/{service_request_id}.json": {
                "get": {
                    "operationId": "getRequest",
                    "summary": "One complaint",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": _json(
                            {"type": "array", "items": _ref("Request"), "maxItems": 1},
                            "The complaint (a list of one, as Open311 answers).",
                        ),
                        "404": _answer("NotFound"),
                        **limited,
                    },
                }
            },
            "/open311/v2/requests/{service_request_id}/updates.json": {
                "get": {
                    "operationId": "getUpdates",
                    "summary": "Extension: the complaint's status history, oldest first",
                    "parameters": [_id_param()],
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Update")}, "History."),
                        "404": _answer("NotFound"),
                        **limited,
                    },
                }
            },
            "/open311/v2/requests/{service_request_id}/status.json": {
                "post": {
                    "operationId": "postStatus",
                    "summary": "Extension: staff update a complaint's status",
                    "description": "Reopening a closed complaint counts in reopened_count; "
                    "closing sets resolved_datetime.",
                    "security": [{"apiKey": []}],
                    "parameters": [_id_param()],
                    "requestBody": status_body,
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Request")}, "Updated."),
                        "400": _answer("BadRequest"),
                        "401": _answer("Unauthorized"),
                        "403": _answer("Forbidden"),
                        "404": _answer("NotFound"),
                        "413": _answer("TooLarge"),
                        "415": _answer("Unsupported"),
                        **limited,
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This description",
                    "responses": {"200": _json({"type": "object"}, "OpenAPI 3.0 document.")},
                }
            },
        },
    }
