"""Fixtures shared by the tests."""

from __future__ import annotations

import pytest

from luoshi.samples import sample_bytes


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The bundled Jiangcheng report, byte for byte."""
    return sample_bytes()
