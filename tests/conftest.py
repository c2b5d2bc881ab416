"""Shared fixtures: where the repository and the read-only ../shared material are; the bundled report;
cheap password hashing; the database fixtures of tests/databases.py, defined once here so that one
set of prepared databases serves every folder. The header and the summary say whether the
PostgreSQL variants run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from luoshi.samples import sample_bytes
from luoshi.services.accounts import passwords
from tests.databases import *  # noqa: F403  (the database fixtures, for every folder)
from tests.databases import POSTGRES, require_postgres
from tests.documents import Converted, make_converted, require_soffice

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# argon2id with the least work it accepts: the tests need a hash, not its cost. Only
# tests/services/test_passwords.py checks the real settings.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Hash and verify passwords cheaply for the whole session, session-built databases included (every
    login of the web tests verifies one: about 0.1 s each at the real cost on this machine)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", CHEAP)
        yield


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip where it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"../shared is not beside this clone ({SHARED}): corpus and gold tests need it")
    return SHARED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The bundled Jiangcheng report, byte for byte."""
    return sample_bytes()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgresql: the test needs PostgreSQL (skipped when it is off)")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip the PostgreSQL variants (a "postgresql" parameter, or the mark) before their fixtures run,
    all under one line of the summary."""
    if POSTGRES.on:
        return
    callspec = getattr(item, "callspec", None)
    if item.get_closest_marker("postgresql") or (callspec and any(v == "postgresql" for v in callspec.params.values())):
        require_postgres()


def pytest_report_header(config: pytest.Config) -> str:
    """Whether the PostgreSQL variants run, and why not when they don't."""
    return POSTGRES.note


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The same line at the end, where `pytest -q` shows it too."""
    terminalreporter.write_line(POSTGRES.note, yellow=not POSTGRES.on)


@pytest.fixture(scope="session")
def converted(seed_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """The bundled report (and three national reports, where ../shared is) as .docx, .pdf and .doc,
    converted by LibreOffice once per session; skips without LibreOffice (fails in CI)."""
    require_soffice()
    national = SHARED / "corpus" / "national"
    return make_converted(seed_bytes, national if national.is_dir() else None, tmp_path_factory.mktemp("converted"))
