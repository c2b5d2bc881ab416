"""The status case table (status_cases.yaml), one parametrised test over every row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from luoshi.tracking import judge_target, judge_task
from luoshi.vocabulary import Flag
from tests.tracking import cases

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "status_cases.yaml").read_text("utf-8"))


def test_the_table_is_large_and_ids_are_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_status_case(case: dict[str, Any]) -> None:
    rules = cases.rules(case.get("rules"))
    if "task" in case:
        spec, progress = cases.task(case["task"])
        lamp = judge_task(spec, progress, case["as_of"], rules)
    else:
        spec, reports = cases.target(case["target"]), cases.observations(case["reports"])
        lamp = judge_target(spec, reports, case["as_of"], rules)
    expect = case["expect"]
    got = {"colour": lamp.colour.value, "reason": lamp.reason, "flags": sorted(f.value for f in lamp.flags)}
    want = {"colour": expect["colour"], "reason": expect["reason"], "flags": sorted(expect.get("flags", []))}
    assert got == want
    assert all(isinstance(f, Flag) for f in lamp.flags)
