"""Property-based tests of the API from its own /openapi.json: no input gives a server error,
and every response matches what the schema promises (status codes, content types, bodies).

Bounded (a few dozen examples an operation) so the run stays under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nextseason.config import Settings
from nextseason.web import create_app
from tests.web.conftest import Site, copy_of_bundled, make_site

EXAMPLES = 25


@pytest.fixture(scope="module")
def fuzzed_site(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = make_site(copy_of_bundled(bundled_db, tmp_path_factory.mktemp("fuzz")))
    yield made
    made.catalog.close()


# The schema comes from an app that never opens its catalog (building the schema needs none);
# the requests go to the fixture's app, over a fresh copy of the bundled catalog.
schema = schemathesis.openapi.from_dict(create_app(Settings(db_url="sqlite://")).openapi())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_makes_the_api_fail(case: Any, fuzzed_site: Site) -> None:
    case.call_and_validate(checks=CHECKS, app=fuzzed_site.app)


@schema.exclude(path_regex=r"/refresh$").parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_makes_the_api_fail_with_a_valid_token(case: Any, fuzzed_site: Site) -> None:
    # Refresh asks live sources (offline here: a documented 502), so it is left out.
    case.call_and_validate(headers=fuzzed_site.auth, checks=CHECKS, app=fuzzed_site.app)
