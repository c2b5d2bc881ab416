"""Project names of ten provincial reports against a hand-annotated sample (cases/projects.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.extraction import extract_report
from luoshi.extraction.projects import find_projects
from tests.extraction.caseutil import load_cases

CASES = load_cases("projects.yaml")


# The precision of each sample when it was annotated: it may rise, not fall.
BARS = {"tuned": 0.80, "held_out": 0.63}


@pytest.mark.parametrize("sample", sorted(BARS))
def test_annotated_project_names(sample: str, shared_dir: Path) -> None:
    right = wrong = 0
    lost = []
    for case in (c for c in CASES if c["sample"] == sample):
        path = shared_dir / "corpus" / "provinces" / f"{case['report']}.txt"
        ex = extract_report(path.read_bytes(), name=path.name)
        found = {p for task in ex.tasks for p in task.projects}
        lost += [p for p in case["yes"] if p not in found]
        right += len(case["yes"]) - len([p for p in case["yes"] if p not in found])
        wrong += len([p for p in case["no"] if p in found])
    assert lost == [], "names of projects no longer found"
    assert right / (right + wrong) >= BARS[sample]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("开工建设沪乍杭铁路、杭淳开高速公路,建成温州机场三期。", ["沪乍杭铁路", "杭淳开高速公路", "温州机场三期"]),
        ("推进2000个省级重点项目,实施五大工程,争创国家医学中心。", []),
        ("支持上海交通大学、浙江大学建设,布局概念验证中心。", ["上海交通大学", "浙江大学"]),
        ("推进郑州国家中心城市建设,增加优质普通高中学位。", []),
    ],
)
def test_project_names_in_a_text(text: str, names: list[str]) -> None:
    assert list(find_projects(text)) == names
