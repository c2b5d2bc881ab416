"""Typed settings read once from LUOSHI_* environment variables, failing fast on a bad value."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

DEFAULT_DATABASE_URL = "sqlite:///luoshi.db"
_SCHEMES = ("sqlite", "postgresql+psycopg")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting has a value luoshi cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything luoshi reads from its environment."""

    database_url: str = DEFAULT_DATABASE_URL
    echo_sql: bool = False


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and check the LUOSHI_* variables (the process environment unless given)."""
    env = os.environ if environ is None else environ
    return Settings(
        database_url=_database_url(env.get("LUOSHI_DATABASE_URL", DEFAULT_DATABASE_URL)),
        echo_sql=_flag("LUOSHI_ECHO_SQL", env.get("LUOSHI_ECHO_SQL", "")),
    )


@cache
def settings() -> Settings:
    """The settings of this process, read on first use."""
    return load_settings()


def _database_url(url: str) -> str:
    """Accept SQLite files and PostgreSQL through psycopg 3 only, so both drivers are the tested ones."""
    scheme = url.partition("://")[0]
    if scheme not in _SCHEMES or "://" not in url:
        raise ConfigError(f"LUOSHI_DATABASE_URL must start with sqlite:/// or postgresql+psycopg://, got {url!r}")
    return url


def _flag(name: str, raw: str) -> bool:
    """A yes/no setting: 1/true/yes/on or 0/false/no/off."""
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of 1/true/yes/on or 0/false/no/off, got {raw!r}")
