"""Reading the case tables that sit beside the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of one YAML table."""
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name}: a case table is a list"
    return data


def case_id(case: dict[str, Any]) -> str:
    """A short readable id for a case."""
    return str(case.get("name") or case.get("text", ""))[:30]
