"""Settings from LUOSHI_* variables: good values read, bad ones refused with the variable named."""

from __future__ import annotations

import pytest

from luoshi.config import DEFAULT_DATABASE_URL, ConfigError, Settings, load_settings

GOOD = [
    ({}, Settings(DEFAULT_DATABASE_URL, False)),
    ({"LUOSHI_DATABASE_URL": "sqlite:////var/lib/luoshi/luoshi.db"}, Settings("sqlite:////var/lib/luoshi/luoshi.db")),
    (
        {"LUOSHI_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/luoshi"},
        Settings("postgresql+psycopg://postgres@127.0.0.1:5432/luoshi"),
    ),
    ({"LUOSHI_ECHO_SQL": "yes"}, Settings(echo_sql=True)),
    ({"LUOSHI_ECHO_SQL": "0"}, Settings(echo_sql=False)),
    ({"OTHER": "ignored"}, Settings()),
]

BAD = [
    ({"LUOSHI_DATABASE_URL": "postgresql://postgres@localhost/luoshi"}, "LUOSHI_DATABASE_URL"),
    ({"LUOSHI_DATABASE_URL": "mysql://root@localhost/luoshi"}, "LUOSHI_DATABASE_URL"),
    ({"LUOSHI_DATABASE_URL": "luoshi.db"}, "LUOSHI_DATABASE_URL"),
    ({"LUOSHI_ECHO_SQL": "maybe"}, "LUOSHI_ECHO_SQL"),
]


@pytest.mark.parametrize(("env", "expected"), GOOD)
def test_good_settings(env: dict[str, str], expected: Settings) -> None:
    assert load_settings(env) == expected


@pytest.mark.parametrize(("env", "variable"), BAD)
def test_bad_settings_fail_fast(env: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        load_settings(env)
