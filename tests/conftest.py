"""Shared fixtures: where the repository and the read-only ../shared material are; the bundled report."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.samples import sample_bytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
