"""The Open311 API through Starlette's test client: answers, filters, staff updates, errors."""

from __future__ import annotations

from collections.abc import Callable

import httpx2 as httpx
import pytest

from publish.feedback.records import Contact

from .conftest import HEADERS, Api, good

REQUESTS = "/open311/v2/requests.json"
DAY = 86400


def one(api: Api, key: str) -> dict[str, object]:
    response = api.client.get(f"/open311/v2/requests/{key}.json")
    assert response.status_code == 200, response.text
    [record] = response.json()
    return dict(record)


def errors(response: httpx.Response) -> list[str]:
    body = response.json()
    assert all(e["code"] == response.status_code for e in body)
    return [e["description"] for e in body]


# -- services -----------------------------------------------------------------------------------
def test_services_list_every_category_in_both_languages(api: Api) -> None:
    response = api.client.get("/open311/v2/services.json")
    assert response.status_code == 200
    services = {s["service_code"]: s for s in response.json()}
    assert len(services) == 19
    pothole = services["pothole"]
    assert pothole["service_name"] == "Pothole or broken road"
    assert pothole["service_name_ur"] == "سڑک میں گڑھا"
    assert pothole["metadata"] is False and pothole["type"] == "realtime"
    assert pothole["group"] == "roads" and "ENG" in pothole["keywords"]


def test_services_refuse_an_unknown_jurisdiction(api: Api) -> None:
    response = api.client.get("/open311/v2/services.json", params={"jurisdiction_id": "XYZ-MC"})
    assert response.status_code == 400
    assert "XYZ-MC" in errors(response)[0]


# -- submitting ---------------------------------------------------------------------------------
def test_a_form_submission_is_numbered_per_local_government(api: Api) -> None:
    response = api.client.post(REQUESTS, data=good())
    assert response.status_code == 200
    [receipt] = response.json()
    assert receipt["service_request_id"] == "SBZ-MC-C9000001"
    assert receipt["account_id"] is None
    assert "2026-12-17" in receipt["service_notice"]  # 20 days after 2026-11-27
    assert api.submit() == "SBZ-MC-C9000002"
    assert api.submit(jurisdiction_id="CHP-MC", ward_code="CHP-MC-W03") == "CHP-MC-C9000001"


def test_a_json_submission_with_numbers_is_accepted(api: Api) -> None:
    body = {**good(), "lat": 31.52, "long": 74.35, "channel": "app", "phone": None}
    response = api.client.post(REQUESTS, json=body)
    assert response.status_code == 200, response.text
    record = one(api, response.json()[0]["service_request_id"])
    assert record["channel"] == "app"
    assert "lat" not in record and "long" not in record


def test_the_public_record_has_the_dataset_fields(api: Api) -> None:
    key = api.submit()
    record = one(api, key)
    assert record == {
        "service_request_id": key,
        "jurisdiction_id": "SBZ-MC",
        "ward_code": "SBZ-MC-W07",
        "status": "open",
        "status_detail": "open",
        "status_notes": None,
        "service_name": "Pothole or broken road",
        "service_name_ur": "سڑک میں گڑھا",
        "service_code": "pothole",
        "description": "Large pothole on the main road near the bus stop",
        "agency_responsible": "ENG",
        "service_notice": None,
        "channel": "portal",
        "requested_datetime": "2026-11-27T10:00:00+05:00",
        "updated_datetime": "2026-11-27T10:00:00+05:00",
        "expected_datetime": "2026-12-17T10:00:00+05:00",
        "resolved_datetime": None,
        "citizen_feedback": "none",
        "reopened_count": 0,
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"service_code": "rocket_launch"}, "service_code 'rocket_launch' is not a category"),
        ({"service_code": None}, "service_code is missing"),
        ({"description": None}, "description is missing"),
        ({"description": "   "}, "description is missing"),
        ({"description": "x" * 2001}, "description is 2001 characters long; at most 2000"),
        ({"lat": "north", "long": "74.3"}, "must be numbers in decimal degrees"),
        ({"lat": "31.5"}, "lat and long go together"),
        ({"lat": "74.3", "long": "31.5"}, "not a place this service covers"),
        ({"lat": "nan", "long": "74.3"}, "must be numbers in decimal degrees"),
        ({"lat": "90", "long": "0"}, "not a place this service covers"),
        ({"jurisdiction_id": ""}, "jurisdiction_id is empty"),
        ({"channel": ""}, "channel is empty"),
        ({"ward_code": "CHP-MC-W01"}, "ward_code 'CHP-MC-W01' is not a ward of SBZ-MC"),
        ({"ward_code": None}, "ward_code is missing"),
        ({"jurisdiction_id": None}, "jurisdiction_id is missing"),
        ({"jurisdiction_id": "LHR-MC"}, "jurisdiction_id 'LHR-MC' is not a local government"),
        ({"phone": "call me"}, "phone 'call me' is not a phone number"),
        ({"email": "ali at example"}, "is not an e-mail address"),
        ({"first_name": "A" * 101}, "first_name is 101 characters long"),
        ({"channel": "pigeon"}, "channel 'pigeon' must be one of"),
        ({"description": "bad\x00byte"}, "description contains control characters"),
    ],
)
def test_bad_submissions_are_refused_with_a_clear_400(
    api: Api, changes: dict[str, str | None], expected: str
) -> None:
    data = {k: v for k, v in good(**changes).items()}  # type: ignore[arg-type]
    response = api.client.post(REQUESTS, data=data)
    assert response.status_code == 400
    assert any(expected in text for text in errors(response)), errors(response)
    assert list(api.store.export()) == []


def test_every_problem_is_listed_at_once(api: Api) -> None:
    response = api.client.post(REQUESTS, data={"jurisdiction_id": "SBZ-MC"})
    assert len(errors(response)) == 3  # service_code, ward_code, description


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        (b"{not json", "application/json", "not valid JSON"),
        (b"[1, 2]", "application/json", "must be an object"),
        (b'{"description": {"a": 1}}', "application/json", "description must be text"),
        (b'{"service_code": 7}', "application/json", "service_code must be text"),
        (b'{"lat": "31.5", "long": 74}', "application/json", "lat must be a number"),
        (b"description=%FF%FE", "application/x-www-form-urlencoded", "could not be read"),
    ],
)
def test_unreadable_bodies_are_400(api: Api, body: bytes, kind: str, expected: str) -> None:
    response = api.client.post(REQUESTS, content=body, headers={"Content-Type": kind})
    assert response.status_code == 400
    assert expected in errors(response)[0]


def test_other_body_types_are_415(api: Api) -> None:
    response = api.client.post(REQUESTS, content=b"hello", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert "application/x-www-form-urlencoded" in errors(response)[0]


def test_a_body_over_the_cap_is_413(make_api: Callable[..., Api]) -> None:
    api = make_api(max_body_bytes=1000)
    response = api.client.post(REQUESTS, data=good(description="y" * 1500))
    assert response.status_code == 413
    assert "larger than 1000 bytes" in errors(response)[0]
    assert list(api.store.export()) == []


# -- personal data and the honeypot ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call me on 0300-1234567 about the drain", "a mobile phone number"),
        ("Phone +92 321 7654321", "a mobile phone number"),
        ("My CNIC is 35202-1234567-1", "a CNIC number"),
        ("شناختی کارڈ ۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "a CNIC number"),
        ("write to ali.khan@example.org", "an e-mail address"),
        ("office 042-35761234", "a landline phone number"),
    ],
)
def test_personal_data_in_a_description_is_refused(api: Api, text: str, kind: str) -> None:
    response = api.client.post(REQUESTS, data=good(description=text))
    assert response.status_code == 400
    [message] = errors(response)
    assert f"description contains {kind}" in message
    assert "put a phone number or e-mail address in the contact fields" in message


def test_with_redact_personal_data_is_removed_and_kept_privately(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(personal_data="redact")
    key = api.submit(description="Drain blocked, call 0300-1234567 or ali@example.org")
    assert one(api, key)["description"] == "Drain blocked, call [removed] or [removed]"
    contact = api.store.contact(key)
    assert contact is not None
    assert contact.removed_details == "0300-1234567; ali@example.org"


def test_numbers_that_are_not_personal_data_pass(api: Api) -> None:
    key = api.submit(description="House 12, street 7, 3 days without water since 25-11-2026")
    assert "House 12" in str(one(api, key)["description"])


def test_a_filled_honeypot_is_answered_as_accepted_and_stored_nowhere(api: Api) -> None:
    response = api.client.post(REQUESTS, data=good(website="http://spam.example"))
    assert response.status_code == 200
    [receipt] = response.json()
    assert "token" in receipt and "service_request_id" not in receipt
    assert list(api.store.export()) == []
    assert api.submit() == "SBZ-MC-C9000001"  # no number was used up


# -- reading ------------------------------------------------------------------------------------
def test_unknown_ids_are_404(api: Api) -> None:
    for path in (
        "/open311/v2/requests/SBZ-MC-C0000000.json",
        "/open311/v2/requests/x/updates.json",
    ):
        response = api.client.get(path)
        assert response.status_code == 404
        assert "There is no complaint" in errors(response)[0]


def test_search_filters(api: Api) -> None:
    pothole = api.submit()
    api.clock.advance(60)
    garbage = api.submit(service_code="garbage_not_collected")
    api.clock.advance(60)
    other = api.submit(jurisdiction_id="NHR-TC", ward_code="NHR-TC-W02", service_code="other")
    api.client.post(
        f"/open311/v2/requests/{garbage}/status.json", data={"status": "closed"}, headers=HEADERS
    )

    def ids(**params: str) -> list[str]:
        response = api.client.get(REQUESTS, params=params)
        assert response.status_code == 200, response.text
        return [r["service_request_id"] for r in response.json()]

    assert ids() == [other, garbage, pothole]  # newest first
    assert ids(service_code="pothole,garbage_not_collected") == [garbage, pothole]
    assert ids(status="closed") == [garbage]
    assert ids(status="open", jurisdiction_id="SBZ-MC") == [pothole]
    assert ids(service_request_id=f"{pothole},{other},SBZ-MC-C0000404") == [other, pothole]


def test_the_default_window_is_the_last_90_days(api: Api) -> None:
    key = api.submit()
    api.clock.advance(91 * DAY)
    assert api.client.get(REQUESTS).json() == []
    found = api.client.get(REQUESTS, params={"start_date": "2026-11-27T00:00:00+05:00"}).json()
    assert [r["service_request_id"] for r in found] == [key]
    found = api.client.get(REQUESTS, params={"end_date": "2026-11-28"}).json()
    assert [r["service_request_id"] for r in found] == [key]
    assert api.client.get(REQUESTS, params={"service_request_id": key}).json()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start_date": "2026-01-01", "end_date": "2026-06-01"}, "at most 90 days apart"),
        ({"start_date": "2026-06-01", "end_date": "2026-05-01"}, "end_date is before start_date"),
        ({"start_date": "yesterday"}, "start_date 'yesterday' is not a date and time"),
        ({"status": "pending"}, "status must be open, closed"),
        ({"service_code": "nope"}, "service_code nope is not a category"),
        ({"jurisdiction_id": "NOPE"}, "jurisdiction_id 'NOPE' is not served here"),
        ({"service_request_id": ",".join(f"A{i}" for i in range(1001))}, "at most 1000"),
        ({"status": ""}, "status is empty: leave it out"),
        ({"status": "open, closed"}, "status must be open, closed"),
    ],
)
def test_bad_searches_are_400(api: Api, params: dict[str, str], expected: str) -> None:
    response = api.client.get(REQUESTS, params=params)
    assert response.status_code == 400
    assert any(expected in text for text in errors(response)), errors(response)


def test_unknown_addresses_and_methods_answer_in_open311_form(api: Api) -> None:
    assert errors(api.client.get("/open311/v2/nothing.json")) == [
        "There is nothing at this address."
    ]
    response = api.client.delete(REQUESTS)
    assert response.status_code == 405
    assert errors(response) == ["This method is not allowed here."]


# -- staff status updates -----------------------------------------------------------------------
def status(
    api: Api, key: str, headers: dict[str, str] | None = HEADERS, **fields: str
) -> httpx.Response:
    return api.client.post(f"/open311/v2/requests/{key}/status.json", data=fields, headers=headers)


def test_status_needs_a_valid_api_key(api: Api) -> None:
    key = api.submit()
    missing = status(api, key, headers=None, status="closed")
    assert missing.status_code == 401
    assert "X-Api-Key" in errors(missing)[0]
    wrong = status(api, key, headers={"X-Api-Key": "not-the-key-at-all-000"}, status="closed")
    assert wrong.status_code == 403
    assert errors(wrong) == ["The API key is not valid."]
    assert one(api, key)["status"] == "open"


def test_without_configured_keys_status_updates_are_off(make_api: Callable[..., Api]) -> None:
    api = make_api(api_keys=())
    response = status(api, api.submit(), status="closed")
    assert response.status_code == 403
    assert "switched off" in errors(response)[0]


def test_staff_close_and_reopen_with_history(api: Api) -> None:
    key = api.submit()
    api.clock.advance(DAY)
    response = status(
        api, key, status_detail="in_progress", status_notes="Team sent", agency_responsible="WSS"
    )
    assert response.status_code == 200, response.text
    api.clock.advance(2 * DAY)
    status(api, key, status="closed", status_detail="fixed", status_notes="Patched")
    record = one(api, key)
    assert (record["status"], record["status_detail"], record["status_notes"]) == (
        "closed",
        "fixed",
        "Patched",
    )
    assert record["agency_responsible"] == "WSS"
    assert record["resolved_datetime"] == "2026-11-30T10:00:00+05:00"
    api.clock.advance(DAY)
    status(api, key, status="open", citizen_feedback="not_satisfied")
    record = one(api, key)
    assert record["reopened_count"] == 1 and record["resolved_datetime"] is None
    assert record["citizen_feedback"] == "not_satisfied"
    assert record["updated_datetime"] == "2026-12-01T10:00:00+05:00"

    history = api.client.get(f"/open311/v2/requests/{key}/updates.json").json()
    assert [(h["status"], h["status_detail"], h["updated_datetime"][:10]) for h in history] == [
        ("open", "open", "2026-11-27"),
        ("open", "in_progress", "2026-11-28"),
        ("closed", "fixed", "2026-11-30"),
        ("open", "open", "2026-12-01"),
    ]
    assert all("changed_by" not in h for h in history)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "Give a status (open or closed), a status_detail, or both."),
        ({"status": "done"}, "status 'done' must be open or closed"),
        ({"status_detail": "teleported"}, "status_detail 'teleported' must be one of"),
        ({"status": "open", "status_detail": "fixed"}, "does not fit status 'open'"),
        ({"status": "closed", "status_notes": "Ring 0300-1234567"}, "status_notes contains"),
        ({"status": "closed", "agency_responsible": "XYZ"}, "must be a department code"),
        ({"status": "closed", "citizen_feedback": "meh"}, "citizen_feedback must be one of"),
    ],
)
def test_bad_status_updates_are_400(api: Api, fields: dict[str, str], expected: str) -> None:
    key = api.submit()
    response = api.client.post(
        f"/open311/v2/requests/{key}/status.json", data=fields, headers=HEADERS
    )
    assert response.status_code == 400
    assert any(expected in text for text in errors(response)), errors(response)
    assert one(api, key)["status"] == "open"


def test_status_of_an_unknown_complaint_is_404(api: Api) -> None:
    assert status(api, "SBZ-MC-C0000404", status="closed").status_code == 404


# -- limits -------------------------------------------------------------------------------------
def test_submissions_per_client_are_rate_limited(make_api: Callable[..., Api]) -> None:
    api = make_api(rate_limit_submissions=3, rate_limit_window_seconds=60)
    for _ in range(3):
        api.submit()
    api.clock.advance(20)
    refused = api.client.post(REQUESTS, data=good())
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "40"
    assert "wait a little" in errors(refused)[0]
    assert len(list(api.store.export())) == 3
    assert api.client.get(REQUESTS).status_code == 200  # reading is still allowed
    api.clock.advance(41)
    assert api.submit() == "SBZ-MC-C9000004"


def test_all_requests_per_client_are_rate_limited(make_api: Callable[..., Api]) -> None:
    api = make_api(rate_limit_requests=5, rate_limit_window_seconds=10)
    answers = [api.client.get("/open311/v2/services.json").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    api.clock.advance(10)
    assert api.client.get("/open311/v2/services.json").status_code == 200


# -- privacy ------------------------------------------------------------------------------------
def test_contact_details_never_appear_in_any_answer(api: Api) -> None:
    contact = {
        "first_name": "Zarmeena",
        "last_name": "Qureshi",
        "phone": "0345-9876543",
        "email": "zarmeena.q@example.org",
        "address_string": "House 99, Gali Shisham",
        "lat": "31.5432",
        "long": "74.3321",
    }
    key = api.submit(**contact)
    status(api, key, status="closed", status_detail="fixed")
    answers = [
        api.client.get(REQUESTS).text,
        api.client.get(REQUESTS, params={"service_request_id": key}).text,
        api.client.get(f"/open311/v2/requests/{key}.json").text,
        api.client.get(f"/open311/v2/requests/{key}/updates.json").text,
        status(api, key, status="closed").text,
        api.client.get("/openapi.json").text,
    ]
    for value in contact.values():
        assert not any(value in text for text in answers), value
    assert api.store.contact(key) == Contact(
        "Zarmeena", "Qureshi", "0345-9876543", "zarmeena.q@example.org",
        "House 99, Gali Shisham", 31.5432, 74.3321,
    )  # fmt: skip


# -- browsers posting the plain form ------------------------------------------------------------
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_browser_gets_a_page_with_the_complaint_number(make_api: Callable[..., Api]) -> None:
    api = make_api(track_url="https://site.example.org/track/?id={id}")
    response = api.client.post(REQUESTS, data=good(), headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "SBZ-MC-C9000001" in response.text and 'lang="ur"' in response.text
    assert 'href="https://site.example.org/track/?id=SBZ-MC-C9000001"' in response.text


def test_a_browser_gets_the_problems_as_a_page(api: Api) -> None:
    response = api.client.post(
        REQUESTS, data=good(description="<script>x</script>", ward_code="X"), headers=BROWSER
    )
    assert response.status_code == 400
    assert "ward_code &#x27;X&#x27; is not a ward" in response.text
    assert "<script>" not in response.text


def test_the_openapi_document_is_served(api: Api) -> None:
    document = api.client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.0")
    assert "/open311/v2/requests/{service_request_id}/status.json" in document["paths"]
    variants = document["components"]["schemas"]["Submission"]["oneOf"]
    sbz = next(v for v in variants if v["properties"]["jurisdiction_id"]["enum"] == ["SBZ-MC"])
    assert "pothole" in sbz["properties"]["service_code"]["enum"]
    assert "CHP-MC-W01" not in sbz["properties"]["ward_code"]["enum"]
