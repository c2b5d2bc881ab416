"""Password hashes: argon2id, verified, never matching a wrong password or a broken hash."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from luoshi.services.accounts.passwords import hash_password, needs_rehash, verify_password


def test_a_hash_is_argon2id_and_verifies() -> None:
    stored = hash_password("江城区2022")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "江城区2022")
    assert not needs_rehash(stored)


@pytest.mark.parametrize(
    ("stored", "password"),
    [(None, "wrong"), ("not-a-hash", "江城区2022"), ("$argon2id$v=19$m=1,t=1,p=1$broken", "江城区2022")],
)
def test_mismatches_are_false(stored: str | None, password: str) -> None:
    assert not verify_password(stored or hash_password("江城区2022"), password)


def test_an_empty_password_is_refused() -> None:
    with pytest.raises(ValueError, match="密码"):
        hash_password("")


def test_weaker_hashes_need_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x")
    assert needs_rehash(weak)
