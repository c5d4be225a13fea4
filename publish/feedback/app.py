"""The web layer: Starlette routes for Open311 GeoReport v2, limits, keys and error answers.

Handlers stay thin: parse, call :mod:`intake` to check, call the store in a worker thread (its
commit is durable before the answer is sent), render with :mod:`render`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request as HttpRequest
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from publish.feedback import intake, openapi, pages, render
from publish.feedback.catalogue import Catalogue
from publish.feedback.config import Config
from publish.feedback.ratelimit import SlidingWindow, retry_after
from publish.feedback.records import Query
from publish.feedback.store import Store, StoreError

log = logging.getLogger("shafaf.feedback")
BASE = "/open311/v2"
FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 64
MAX_IDS = openapi.LIST_LIMIT
SEARCH_PARAMS = (
    "service_request_id",
    "service_code",
    "status",
    "start_date",
    "end_date",
    "jurisdiction_id",
)


class Problem(Exception):
    """An answer other than success: HTTP status, Open311 error descriptions, headers."""

    def __init__(
        self, status: int, descriptions: list[str], headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions
        self.headers = dict(headers or {})


def error_response(
    status: int, descriptions: list[str], headers: Mapping[str, str] | None = None
) -> Response:
    return JSONResponse(render.errors(status, descriptions), status_code=status, headers=headers)


def client_of(scope: Scope) -> str:
    """The client's address (uvicorn has applied trusted X-Forwarded-For already)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimit:
    """ASGI middleware: every request counts against its client's sliding window (429 past it)."""

    def __init__(self, app: ASGIApp, limiter: SlidingWindow) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            wait = self.limiter.check(client_of(scope))
            if wait:
                response = error_response(
                    429,
                    ["Too many requests from your address; wait and try again."],
                    {"Retry-After": retry_after(wait)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


@dataclass
class Service:
    """What the handlers share: settings, code lists, storage, clock and limits."""

    config: Config
    catalogue: Catalogue
    store: Store
    offset_hours: int
    clock: Callable[[], float]
    submissions: SlidingWindow
    document: dict[str, Any]

    def now(self) -> int:
        return int(self.clock())

    # -- input --------------------------------------------------------------------------------
    async def body(self, request: HttpRequest) -> bytes:
        cap = self.config.max_body_bytes
        too_large = Problem(413, [f"The request body is larger than {cap} bytes."])
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise too_large
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > cap:
                raise too_large
        return bytes(data)

    async def fields(
        self, request: HttpRequest, known: tuple[str, ...], numbers: tuple[str, ...] = ()
    ) -> tuple[dict[str, str], bool]:
        """The submitted fields as text, and whether they came as a form."""
        kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        body = await self.body(request)
        if kind in ("", FORM):
            try:
                pairs = parse_qsl(
                    body.decode("utf-8"),
                    keep_blank_values=True,
                    errors="strict",
                    max_num_fields=MAX_FIELDS,
                )
            except (UnicodeDecodeError, ValueError) as error:
                raise Problem(400, [f"The form could not be read: {error}"]) from error
            fields: dict[str, str] = {}
            for key, value in pairs:
                fields.setdefault(key, value)
            return fields, True
        if kind == "application/json" or kind.endswith("+json"):
            return _json_fields(body, known, numbers), False
        raise Problem(415, [f"Send {FORM} or application/json, not {kind[:60]}."])

    def staff(self, request: HttpRequest) -> str:
        """The name of the staff key the request carries; 401 without one, 403 if wrong."""
        if not self.config.api_keys:
            raise Problem(
                403,
                ["Status updates are switched off: no API keys are configured "
                 "(SHAFAF_FEEDBACK_API_KEYS or api_keys_file)."],
            )  # fmt: skip
        given = request.headers.get("x-api-key", "")
        if not given:
            raise Problem(401, ["Send your API key in the X-Api-Key header."])
        digest = hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
        found = ""
        for name, key in self.config.api_keys:  # every key compared, in constant time
            if hmac.compare_digest(digest, hashlib.sha256(key.encode()).digest()):
                found = name
        if not found:
            raise Problem(403, ["The API key is not valid."])
        return found

    # -- answers ------------------------------------------------------------------------------
    def json(self, content: Any, status: int = 200) -> Response:
        return JSONResponse(content, status_code=status)


def _json_fields(body: bytes, known: tuple[str, ...], numbers: tuple[str, ...]) -> dict[str, str]:
    """The known fields of a JSON object as text; null means left out."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise Problem(400, [f"The body is not valid JSON: {str(error)[:100]}"]) from error
    if not isinstance(data, dict):
        raise Problem(400, ["The JSON body must be an object of fields."])
    fields: dict[str, str] = {}
    problems = []
    for key, value in data.items():
        if key not in known or value is None:
            continue
        if key in numbers:
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{key} must be a number, e.g. 31.5204.")
            else:
                fields[key] = repr(value)
        elif not isinstance(value, str):
            problems.append(f"{key} must be text (a JSON string).")
        else:
            fields[key] = value
    if problems:
        raise Problem(400, problems)
    return fields


def parse_when(text: str, offset_hours: int) -> int:
    """An ISO 8601 date or datetime as Unix seconds; without an offset it is local time."""
    value = datetime.fromisoformat(text.strip().upper())
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone(timedelta(hours=offset_hours)))
    return int(value.timestamp())


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in (text or "").split(",") if p.strip()))


def _empty(params: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [f"{n} is empty: leave it out, or give a value." for n in names if params.get(n) == ""]


def query_of(params: Mapping[str, str], service: Service) -> Query:
    """GET requests.json's filters, checked; the date window defaults to the last 90 days."""
    catalogue = service.catalogue
    problems = _empty(params, SEARCH_PARAMS)
    if problems:
        raise Problem(400, problems)
    ids = _codes(params.get("service_request_id"))
    if len(ids) > MAX_IDS:
        problems.append(f"Ask for at most {MAX_IDS} service_request_id values at once.")
    codes = _codes(params.get("service_code"))
    unknown = [c for c in codes if c not in catalogue.services]
    if unknown:
        problems.append(
            f"service_code {', '.join(unknown)[:80]} is not a category here "
            "(see /open311/v2/services.json)."
        )
    statuses = tuple(params["status"].split(",")) if "status" in params else ()
    if any(s not in ("open", "closed") for s in statuses):
        problems.append("status must be open, closed, or open,closed.")
    lg_code = params.get("jurisdiction_id")
    if lg_code is not None and lg_code not in catalogue.jurisdictions:
        problems.append(
            f"jurisdiction_id '{lg_code[:30]}' is not served here "
            f"({', '.join(sorted(catalogue.jurisdictions))})."
        )
    bounds: dict[str, int | None] = {}
    for name in ("start_date", "end_date"):
        text = (params.get(name) or "").strip()
        bounds[name] = None
        if text:
            try:
                bounds[name] = parse_when(text, service.offset_hours)
            except (ValueError, OverflowError, OSError):
                problems.append(
                    f"{name} '{text[:40]}' is not a date and time, e.g. 2026-11-27T10:00:00+05:00."
                )
    span = openapi.WINDOW_DAYS * 86400
    start, end = bounds["start_date"], bounds["end_date"]
    if start is None and end is None:
        end = service.now()
    if start is None and end is not None:
        start = end - span
    if end is None and start is not None:
        end = start + span
    if start is not None and end is not None and not problems:
        if end < start:
            problems.append("end_date is before start_date.")
        elif end - start > span:
            problems.append(
                f"start_date and end_date may be at most {openapi.WINDOW_DAYS} days apart."
            )
    if problems:
        raise Problem(400, problems)
    return Query(ids, codes, statuses, lg_code, start, end, openapi.LIST_LIMIT)


# -- handlers ---------------------------------------------------------------------------------
def _service(request: HttpRequest) -> Service:
    return request.app.state.service


async def services_list(request: HttpRequest) -> Response:
    service = _service(request)
    code = request.query_params.get("jurisdiction_id")
    if code is not None and code not in service.catalogue.jurisdictions:
        raise Problem(400, [f"jurisdiction_id '{code[:30]}' is not served here."])
    return service.json(render.services(service.catalogue))


async def requests_list(request: HttpRequest) -> Response:
    service = _service(request)
    query = query_of(request.query_params, service)
    found = await run_in_threadpool(service.store.search, query)
    return service.json([render.request(r, service.catalogue, service.offset_hours) for r in found])


async def requests_collection(request: HttpRequest) -> Response:
    """One route for both methods, so a 405 lists both in Allow."""
    if request.method == "POST":
        return await request_create(request)
    return await requests_list(request)


async def request_one(request: HttpRequest) -> Response:
    service = _service(request)
    key = request.path_params["service_request_id"]
    found = await run_in_threadpool(service.store.get, [key])
    if not found:
        raise Problem(404, [f"There is no complaint {key[:40]}."])
    return service.json([render.request(found[0], service.catalogue, service.offset_hours)])


async def request_updates(request: HttpRequest) -> Response:
    service = _service(request)
    key = request.path_params["service_request_id"]
    history = await run_in_threadpool(service.store.history, key)
    if history is None:
        raise Problem(404, [f"There is no complaint {key[:40]}."])
    return service.json([render.update(u, service.offset_hours) for u in history])


async def request_create(request: HttpRequest) -> Response:
    service = _service(request)
    wait = service.submissions.check(client_of(request.scope))
    if wait:
        raise Problem(
            429,
            ["You have sent many complaints in a short time; wait a little and try again."],
            {"Retry-After": retry_after(wait)},
        )
    known = (*intake.SUBMISSION_FIELDS, "ward", service.config.honeypot_field)
    fields, is_form = await service.fields(request, known, ("lat", "long"))
    html = is_form and pages.wants_html(request.headers.get("accept", ""))
    checked = intake.submission(fields, service.catalogue, service.config)
    if isinstance(checked, intake.Honeypot):
        log.info("honeypot field filled: submission dropped")
        notice = "Complaint received. The council aims to resolve it soon."
        if html:
            return HTMLResponse(pages.received("—", "—", service.config))
        return service.json(
            [{"token": secrets.token_hex(8), "service_notice": notice, "account_id": None}]
        )
    if isinstance(checked, list):
        if html:
            return HTMLResponse(pages.refused(checked, service.config), status_code=400)
        raise Problem(400, checked)
    now = service.now()
    due = now + service.config.target_days * 86400
    stored = await run_in_threadpool(
        service.store.create, checked, now, due, service.config.first_number
    )
    notice = render.notice(stored, service.offset_hours, service.config.target_days)
    if html:
        when = (render.when(stored.expected_at, service.offset_hours) or "")[:10]
        return HTMLResponse(pages.received(stored.service_request_id, when, service.config))
    return service.json(
        [
            {
                "service_request_id": stored.service_request_id,
                "service_notice": notice,
                "account_id": None,
            }
        ]
    )


async def request_status(request: HttpRequest) -> Response:
    service = _service(request)
    who = service.staff(request)
    key = request.path_params["service_request_id"]
    fields, _ = await service.fields(request, intake.STATUS_FIELDS)
    checked = intake.status_change(fields, service.catalogue, who)
    if isinstance(checked, list):
        raise Problem(400, checked)
    updated = await run_in_threadpool(service.store.update_status, key, checked, service.now())
    if updated is None:
        raise Problem(404, [f"There is no complaint {key[:40]}."])
    return service.json([render.request(updated, service.catalogue, service.offset_hours)])


async def openapi_document(request: HttpRequest) -> Response:
    return _service(request).json(_service(request).document)


# -- errors -----------------------------------------------------------------------------------
async def _problem(request: HttpRequest, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return error_response(exc.status, exc.descriptions, exc.headers)


async def _http(request: HttpRequest, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    text = {404: "There is nothing at this address.", 405: "This method is not allowed here."}
    return error_response(
        exc.status_code, [text.get(exc.status_code, str(exc.detail))], exc.headers
    )


async def _store_failed(request: HttpRequest, exc: Exception) -> Response:
    log.error("storage failed: %s", exc)
    return error_response(503, ["The complaint could not be stored just now; please try again."])


async def _internal(request: HttpRequest, exc: Exception) -> Response:
    log.exception("internal error")
    return error_response(500, ["Internal error; nothing was changed. Please try again later."])


def create_app(
    config: Config,
    catalogue: Catalogue,
    store: Store,
    offset_hours: int = 5,
    clock: Callable[[], float] = time.time,
    monotonic: Callable[[], float] = time.monotonic,
) -> Starlette:
    """The ASGI application; the caller owns (and closes) ``store``."""
    window = config.rate_limit_window_seconds
    service = Service(
        config=config,
        catalogue=catalogue,
        store=store,
        offset_hours=offset_hours,
        clock=clock,
        submissions=SlidingWindow(config.rate_limit_submissions, window, monotonic),
        document=openapi.document(catalogue, config),
    )
    middleware = [
        Middleware(RateLimit, limiter=SlidingWindow(config.rate_limit_requests, window, monotonic))
    ]
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "X-Api-Key"],
            )
        )
    id_path = BASE + "/requests/{service_request_id}"
    app = Starlette(
        routes=[
            Route(BASE + "/services.json", services_list, methods=["GET"]),
            Route(BASE + "/requests.json", requests_collection, methods=["GET", "POST"]),
            Route(id_path + ".json", request_one, methods=["GET"]),
            Route(id_path + "/updates.json", request_updates, methods=["GET"]),
            Route(id_path + "/status.json", request_status, methods=["POST"]),
            Route("/openapi.json", openapi_document, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers={
            Problem: _problem,
            HTTPException: _http,
            StoreError: _store_failed,
            Exception: _internal,
        },
    )
    app.state.service = service
    return app
