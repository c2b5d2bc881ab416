"""The workbench on each database backend (PostgreSQL too when LUOSHI_TEST_DATABASE_URL is set)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.signin import Throttle
from luoshi.web import WebSettings, create_app
from tests.web.conftest import AS_OF, SECRET, log_in
from tests.web.seed import seed


def test_sign_in_pages_api_and_throttling_on_the_backend(database_url: str, sessions: sessionmaker[Session]) -> None:
    ids = seed(sessions)
    settings = WebSettings(
        database_url=database_url,
        secret_key=SECRET,
        today=lambda: AS_OF,
        throttle=Throttle(per_account=2, per_address=50),
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        log_in(client, "dept")
        assert client.get(f"/tasks/{ids.own_task}").status_code == 200
        assert client.get(f"/tasks/{ids.other_task}").status_code == 403
        tasks = client.get(f"/api/v1/plans/{ids.plan_id}/tasks", params={"q": "园区"}).json()
        assert tasks and all("园区" in t["title"] + t["text"] for t in tasks)
        client.cookies.clear()
        token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        for _ in range(2):
            client.post("/login", data={"username": "admin", "password": "x", "csrf_token": token})
        assert (
            client.post("/login", data={"username": "admin", "password": "x", "csrf_token": token}).status_code == 429
        )
