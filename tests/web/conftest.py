"""Web fixtures: one seeded SQLite database per test session, copied for each test; an app and clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from luoshi.services.accounts.signin import Throttle
from luoshi.web import WebSettings, create_app
from tests.databases import Prepared
from tests.sqlite_files import copy_url
from tests.web.seed import PASSWORD, Seeded, seed

AS_OF = date(2022, 7, 31)
SECRET = "test-secret-key-for-signing-cookies"


@pytest.fixture(scope="session")
def seeded_file(prepared: Prepared) -> tuple[Path, Seeded]:
    """A migrated, seeded SQLite file, built once (tests/databases.py)."""
    path, ids = prepared.sqlite_file(seed)
    return path, ids


@pytest.fixture
def ids(seeded_file: tuple[Path, Seeded]) -> Seeded:
    """The seeded ids."""
    return seeded_file[1]


@pytest.fixture
def settings(seeded_file: tuple[Path, Seeded], tmp_path: Path) -> WebSettings:
    """Settings on this test's own copy of the seeded database, lamps judged on AS_OF."""
    return WebSettings(
        database_url=copy_url(seeded_file[0], tmp_path / "luoshi.db"),
        secret_key=SECRET,
        throttle=Throttle(per_account=3, per_address=6),
        today=lambda: AS_OF,
    )


@pytest.fixture
def client(settings: WebSettings) -> Iterator[TestClient]:
    """A client of a new app (lifespan run, so the schema is upgraded)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    """The CSRF token a page's form carries."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; return the new session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)
