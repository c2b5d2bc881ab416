"""Settings of the web app, read from LUOSHI_* variables or given by tests."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from luoshi.config import ConfigError, load_settings
from luoshi.services.accounts.signin import Throttle

SECRET_VARIABLE = "LUOSHI_SECRET_KEY"


@dataclass(frozen=True)
class WebSettings:
    """What the app needs: its database, the key that signs cookies, cookie and throttling rules."""

    database_url: str
    secret_key: str
    # Secure cookies always, or (False) only when the request came over HTTPS (X-Forwarded-Proto included).
    secure_cookies: bool = False
    session_hours: int = 12
    throttle: Throttle = field(default_factory=Throttle)
    # Lamps are judged as of today; tests and demonstrations may fix the date.
    today: Callable[[], date] = date.today
    upgrade_on_start: bool = True


def load_web_settings(environ: Mapping[str, str] | None = None) -> WebSettings:
    """Read the web settings; without LUOSHI_SECRET_KEY a random key is used (sessions end at restart)."""
    env = os.environ if environ is None else environ
    key = env.get(SECRET_VARIABLE) or secrets.token_urlsafe(32)
    if len(key) < 16:
        raise ConfigError(f"{SECRET_VARIABLE} must have at least 16 characters")
    secure = env.get("LUOSHI_SECURE_COOKIES", "").strip().lower() in {"1", "true", "yes", "on"}
    return WebSettings(
        database_url=load_settings(env).database_url,
        secret_key=key,
        secure_cookies=secure,
        today=_fixed_day(env.get("LUOSHI_AS_OF", "").strip()),
    )


def _fixed_day(text: str) -> Callable[[], date]:
    """LUOSHI_AS_OF=YYYY-MM-DD judges lamps on that day (a demonstration of a past year); else today."""
    if not text:
        return date.today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"LUOSHI_AS_OF must be a YYYY-MM-DD date, not {text!r}") from None
    return lambda: day
