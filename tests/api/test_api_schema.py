"""Property-based tests from the OpenAPI schema (schemathesis): no 5xx, and every response
matches the schema it documents (status code, content type, headers, body). Bounded: a few
examples per operation, well under a minute in all.

Not run: ``positive_data_acceptance`` (a schema-valid case can still be refused with 422 by the
coder, e.g. a stop time before its start) and ``negative_data_rejection`` (case format v1 ignores
unknown fields on purpose)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from infusion_coder.api import Settings, create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(warm_search=False)))


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ]
    )
