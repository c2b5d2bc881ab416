"""A cheap password hasher for the service tests, outside the password tests (databases: tests/conftest.py)."""

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from luoshi.services import passwords

# argon2id with the least work it accepts: the tests of accounts need a hash, not its cost.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hash passwords cheaply, except where the hashing itself is tested."""
    if not request.module.__name__.endswith("test_passwords"):
        monkeypatch.setattr(passwords, "_HASHER", CHEAP)
    yield
