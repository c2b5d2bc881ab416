"""Fixtures shared by the tests: the repository, the shared corpus beside it, the bundled report."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.samples import sample_bytes

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The bundled Jiangcheng report, byte for byte."""
    return sample_bytes()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository (corpus, gold), or skip when this checkout has none."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent (looked for {SHARED})")
    return SHARED
