"""The password tests hash at the real cost; every other test hashes cheaply (tests/conftest.py)."""

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from luoshi.services.accounts import passwords
from tests.conftest import CHEAP

__all__ = ["CHEAP"]  # tests import it from here


@pytest.fixture(autouse=True)
def real_hashing_where_it_is_tested(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The hasher luoshi uses (argon2-cffi's defaults) in the password tests."""
    if request.module.__name__.endswith("test_passwords"):
        monkeypatch.setattr(passwords, "_HASHER", PasswordHasher())
    yield
