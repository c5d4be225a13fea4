"""schemathesis against the service's own OpenAPI document: no 5xx, answers as documented.

Bounded and reproducible: few examples per operation, derandomised, in-process (ASGI).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks

from publish.feedback import catalogue as catalogue_module
from publish.feedback.app import create_app
from publish.feedback.config import Config
from publish.feedback.store import SqliteStore

from .conftest import HEADERS, NOW
from .server import DATASETS

_catalogue = catalogue_module.load(DATASETS)
_folder = tempfile.TemporaryDirectory(prefix="shafaf-schemathesis-")  # removed at exit
_store = SqliteStore(Path(_folder.name) / "db.sqlite3")
_config = Config(
    datasets=DATASETS,
    api_keys=(("desk", HEADERS["X-Api-Key"]),),
    rate_limit_submissions=1_000_000,
    rate_limit_requests=1_000_000,
)
app = create_app(_config, _catalogue, _store, 5, lambda: NOW)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

#: Everything schemathesis checks except "positive data must be accepted": rules across fields
#: (a ward of that council, no phone number in a description) cannot be said in OpenAPI, so
#: schema-valid data may rightly get a 400.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.negative_data_rejection,
    openapi_checks.ignored_auth,
    openapi_checks.unsupported_method,
    openapi_checks.allow_header_conformance,
    openapi_checks.use_after_free,
    openapi_checks.ensure_resource_availability,
]


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_service_keeps_to_its_openapi_document(case: schemathesis.Case) -> None:
    extra = HEADERS if case.path.endswith("/status.json") else {}
    case.call_and_validate(headers=extra, checks=CHECKS)


class Scenarios(schema.as_state_machine()):  # type: ignore[misc]
    """Report, then read, history and status-update what was reported (the document's links)."""

    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, object]:
        return {"headers": HEADERS} if case.path.endswith("/status.json") else {}

    def validate_response(
        self, response: object, case: schemathesis.Case, **kwargs: object
    ) -> None:
        case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)  # type: ignore[arg-type]


TestScenarios = Scenarios.TestCase
TestScenarios.settings = settings(
    max_examples=10,
    stateful_step_count=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
