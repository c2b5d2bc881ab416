"""Work items of the plan: one parametrised test over the tasks case table."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.extraction import extract_report
from tests.extraction.caseutil import case_id, load_cases


@pytest.mark.parametrize("case", load_cases("tasks.yaml"), ids=case_id)
def test_tasks(case: dict[str, Any]) -> None:
    ex = extract_report(case["text"])
    assert [[t.id, t.section, t.title] for t in ex.tasks] == case["tasks"]


def test_a_task_holds_the_targets_stated_in_it() -> None:
    text = (
        "一、2021年工作回顾\n二、2022年工作安排\n(一)稳增长。\n"
        "强力推进园区建设。力争扩园3平方公里。\n办好民生实事。新建幼儿园3所。\n"
    )
    ex = extract_report(text)
    units = [[ex.targets[i].unit for i in task.targets] for task in ex.tasks]
    assert units == [["平方公里"], ["所"]]
    assert all(ex.text[t.start : t.end] == t.text for t in ex.tasks)
