"""Shared fixtures: where the repository and the read-only ../shared material are; the bundled report."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.samples import sample_bytes
from tests.documents import Converted, make_converted, require_soffice

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


@pytest.fixture(scope="session")
def converted(seed_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """The bundled report (and three national reports, where ../shared is) as .docx, .pdf and .doc,
    converted by LibreOffice once per session; skips without LibreOffice (fails in CI)."""
    require_soffice()
    national = SHARED / "corpus" / "national"
    return make_converted(seed_bytes, national if national.is_dir() else None, tmp_path_factory.mktemp("converted"))
