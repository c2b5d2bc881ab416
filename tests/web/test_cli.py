"""`luoshi token` and `luoshi serve`: a token that works on the API; serve's options reach uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from luoshi.cli import main
from luoshi.web import WebSettings, create_app


def test_a_token_from_the_command_line_opens_the_api(settings: WebSettings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "quzhang", "--name", "报表", "--database", settings.database_url]) == 0
    secret = capsys.readouterr().out.strip()
    with TestClient(create_app(settings)) as client:
        me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json()
    assert (me["username"], me["role"]) == ("quzhang", "leader")


def test_a_token_for_nobody_is_a_usage_error(settings: WebSettings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "nobody", "--database", settings.database_url]) == 2
    assert "用户不存在或已停用" in capsys.readouterr().err


def test_serve_runs_uvicorn_on_the_app_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.append({"app": app, **options}))
    # Set first, so that monkeypatch restores what `serve` writes into the environment.
    monkeypatch.setenv("LUOSHI_DATABASE_URL", "sqlite:///unused.db")
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "unused")
    monkeypatch.delenv("LUOSHI_SECRET_KEY")
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    assert main(["serve", "--port", "8123", "--workers", "2", "--database", url]) == 0
    assert calls == [
        {
            "app": "luoshi.web.main:app_from_environment",
            "factory": True,
            "host": "127.0.0.1",
            "port": 8123,
            "workers": 2,
            "proxy_headers": True,
        }
    ]
    # Every worker signs cookies with the one key the parent chose.
    assert len(os.environ["LUOSHI_SECRET_KEY"]) >= 32
    assert os.environ["LUOSHI_DATABASE_URL"] == url


def test_serve_refuses_a_bad_database_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--database", "mysql://x"]) == 2
    assert "数据库地址无效" in capsys.readouterr().err
