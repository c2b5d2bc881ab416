"""Schemathesis over the OpenAPI document: no server errors, and every answer matches the schema.

The schema is loaded when the module is imported (the plugin needs it then), from an app whose
database file is filled from the seeded one before the first test; its engine connects lazily.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from luoshi.services.accounts.tokens import issue_token
from luoshi.storage import make_engine, session_factory
from luoshi.web import WebSettings, create_app
from tests.web.conftest import AS_OF, SECRET
from tests.web.seed import Seeded

EXAMPLES_PER_OPERATION = 25
DATABASE = Path(tempfile.gettempdir()) / f"luoshi-schemathesis-{uuid.uuid4().hex[:8]}.db"
APP = create_app(
    WebSettings(database_url=f"sqlite:///{DATABASE}", secret_key=SECRET, today=lambda: AS_OF, upgrade_on_start=False)
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module")
def new_token(seeded_file: tuple[Path, Seeded]) -> Iterator[Any]:
    """Fill the app's database; issue a fresh admin token per call, so a generated DELETE cannot lock out the next."""
    shutil.copyfile(seeded_file[0], DATABASE)
    engine = make_engine(f"sqlite:///{DATABASE}")

    def issue() -> str:
        return issue_token(sessions=session_factory(engine), user_id=1, name="schemathesis", actor="test").secret

    yield issue
    engine.dispose()
    for leftover in DATABASE.parent.glob(f"{DATABASE.name}*"):
        leftover.unlink()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_its_schema(case: Any, new_token: Any) -> None:
    # Writes run against this throwaway copy; the services refuse well-formed but meaningless
    # values (a department named "0", lead and helper the same) with 422, so for them
    # "schema-valid data must be accepted" does not hold, and that one check is left out.
    writes = "write" in (case.operation.tags or [])
    skipped = [positive_data_acceptance] if writes else []
    case.call_and_validate(headers={"Authorization": f"Bearer {new_token()}"}, excluded_checks=skipped)
