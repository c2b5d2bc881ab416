"""Security of the workbench: login, throttling, CSRF, roles and ownership, headers, tokens."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from luoshi.storage import make_engine, session_factory, transaction
from luoshi.storage.models import User
from luoshi.web import WebSettings, create_app
from tests.web.conftest import csrf_of, log_in
from tests.web.seed import Seeded


def test_pages_need_a_login(client: TestClient) -> None:
    response = client.get("/plans/1/tasks", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/plans/1/tasks")


def test_the_api_answers_401_in_chinese_without_credentials(client: TestClient) -> None:
    response = client.get("/api/v1/plans")
    assert response.status_code == 401
    assert response.json() == {"error": {"status": 401, "message": "请先登录"}}


def test_a_wrong_token_is_401(client: TestClient) -> None:
    response = client.get("/api/v1/plans", headers={"Authorization": "Bearer lst_forged"})
    assert (response.status_code, response.json()["error"]["message"]) == (401, "API令牌无效或已撤销")


def test_login_sets_a_hardened_cookie_and_logout_clears_it(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": "admin", "password": "correct horse battery", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    page = client.get("/")
    assert "系统管理员" in page.text
    out = client.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_cookie_kept_after_logout_no_longer_signs_in(client: TestClient) -> None:
    token = log_in(client, "admin")
    kept = dict(client.cookies)
    client.post("/logout", data={"csrf_token": token})
    client.cookies.clear()
    client.cookies.update(kept)
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_an_expired_session_signs_nobody_in(settings: WebSettings) -> None:
    expired = dataclasses.replace(settings, session_hours=0)
    with TestClient(create_app(expired)) as client:
        token = csrf_of(client.get("/login").text)
        client.post("/login", data={"username": "admin", "password": "correct horse battery", "csrf_token": token})
        assert client.get("/", follow_redirects=False).status_code == 303


def test_disabling_an_account_ends_its_sessions(client: TestClient, settings: WebSettings) -> None:
    log_in(client, "quzhang")
    engine = make_engine(settings.database_url)
    with transaction(session_factory(engine)) as session:
        session.scalars(select(User).where(User.username == "quzhang")).one().disabled = True
    engine.dispose()
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_cookie_is_secure_behind_an_https_proxy(client: TestClient) -> None:
    response = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "secure" in response.headers["set-cookie"].lower()


def test_a_wrong_password_is_refused_with_a_chinese_message(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "admin", "password": "nope", "csrf_token": token})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text


@pytest.mark.parametrize("token", ["", "forged-token"])
def test_a_login_without_the_right_csrf_token_is_refused(client: TestClient, token: str) -> None:
    client.get("/login")
    response = client.post(
        "/login", data={"username": "admin", "password": "correct horse battery", "csrf_token": token}
    )
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_logout_without_the_csrf_token_is_refused(client: TestClient) -> None:
    log_in(client, "admin")
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200


def test_an_api_write_from_a_page_needs_the_csrf_header(client: TestClient) -> None:
    token = log_in(client, "admin")
    assert client.post("/api/v1/tokens", json={"name": "脚本"}).status_code == 403
    assert client.post("/api/v1/tokens", json={"name": "脚本"}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    created = client.post("/api/v1/tokens", json={"name": "脚本"}, headers={"X-CSRF-Token": token})
    assert created.status_code == 201
    assert created.json()["token"].startswith("lst_")


def test_login_is_throttled_per_account(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for _ in range(3):
        client.post("/login", data={"username": "duchashi", "password": "bad", "csrf_token": token})
    # Even the right password is refused while the account is locked.
    response = client.post(
        "/login", data={"username": "duchashi", "password": "correct horse battery", "csrf_token": token}
    )
    assert response.status_code == 429
    assert "登录失败次数过多，请15分钟后再试" in response.text
    # Another account from the same address is not locked yet.
    other = client.post(
        "/login",
        data={"username": "quzhang", "password": "correct horse battery", "csrf_token": token},
        follow_redirects=False,
    )
    assert other.status_code == 303


def test_login_is_throttled_per_address(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for n in range(6):
        client.post("/login", data={"username": f"guess{n}", "password": "bad", "csrf_token": token})
    response = client.post(
        "/login", data={"username": "admin", "password": "correct horse battery", "csrf_token": token}
    )
    assert response.status_code == 429


def test_a_department_user_gets_403_on_another_departments_task(client: TestClient, ids: Seeded) -> None:
    log_in(client, "dept")
    assert client.get(f"/tasks/{ids.own_task}").status_code == 200
    page = client.get(f"/tasks/{ids.other_task}")
    assert page.status_code == 403
    assert "无权查看其他单位的任务" in page.text
    assert client.get(f"/api/v1/tasks/{ids.other_task}").status_code == 403


def test_a_department_user_lists_only_its_own_tasks(client: TestClient, ids: Seeded) -> None:
    log_in(client, "dept")
    tasks = client.get(f"/api/v1/plans/{ids.plan_id}/tasks").json()
    assert tasks and all(ids.own_department in [d["department_id"] for d in t["departments"]] for t in tasks)
    asked_other = client.get(f"/api/v1/plans/{ids.plan_id}/tasks", params={"department_id": ids.own_department + 1})
    assert asked_other.status_code == 403


@pytest.mark.parametrize("username", ["quzhang", "dept"])
def test_readers_cannot_issue_tokens(client: TestClient, username: str) -> None:
    token = log_in(client, username)
    response = client.post("/api/v1/tokens", json={"name": "x"}, headers={"X-CSRF-Token": token})
    assert (response.status_code, response.json()["error"]["message"]) == (403, "当前角色无权执行此操作")


def test_a_leader_reads_every_task(client: TestClient, ids: Seeded) -> None:
    log_in(client, "quzhang")
    assert client.get(f"/tasks/{ids.other_task}").status_code == 200
    assert len(client.get(f"/api/v1/plans/{ids.plan_id}/tasks").json()) == 25


def test_a_revoked_token_stops_working(client: TestClient, ids: Seeded) -> None:
    auth = {"Authorization": f"Bearer {ids.token}"}
    issued = client.post("/api/v1/tokens", json={"name": "临时"}, headers=auth).json()
    fresh = {"Authorization": f"Bearer {issued['token']}"}
    assert client.get("/api/v1/me", headers=fresh).status_code == 200
    assert client.delete(f"/api/v1/tokens/{issued['id']}", headers=auth).status_code == 204
    assert client.get("/api/v1/me", headers=fresh).status_code == 401


@pytest.mark.parametrize("path", ["/login", "/healthz", "/api/v1/plans", "/no-such-page"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_hsts_only_over_https(client: TestClient) -> None:
    assert "strict-transport-security" not in client.get("/login").headers
    https = client.get("/login", headers={"X-Forwarded-Proto": "https"}).headers
    assert https["strict-transport-security"] == "max-age=31536000"


def test_next_after_login_stays_on_this_site(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": "admin", "password": "correct horse battery", "csrf_token": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_a_session_signed_with_another_key_is_ignored(settings: WebSettings) -> None:
    with TestClient(create_app(settings)) as first:
        log_in(first, "admin")
        cookies = dict(first.cookies)
    other = WebSettings(database_url=settings.database_url, secret_key="another-secret-key-0123456789")
    with TestClient(create_app(other), cookies=cookies) as second:
        assert second.get("/", follow_redirects=False).status_code == 303
