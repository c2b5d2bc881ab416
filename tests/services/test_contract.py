"""The import reads what the extractor writes, and any malformed input fails with ContractError only."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from luoshi.extraction.model import Extraction, Report, Section, Source, Target, Task, YearSpan
from luoshi.services.plans.contract import ContractError, read_extraction
from luoshi.services.plans.importing import ImportReport, import_report
from tests.services.test_import_report import EXTRACTION

SOURCE = "三、2022年工作安排（一）推动产业发展。扩园3平方公里。".encode()


def _extraction() -> Extraction:
    """An extraction built with the extractor's own dataclasses, offsets included."""
    span = YearSpan(2022, 2022)
    return Extraction(
        source=Source("mini.txt", hashlib.sha256(SOURCE).hexdigest(), "utf-8", 30),
        report=Report(title="迷你报告", region="测试区", plan_year=2022, term=(2022, 2026)),
        sections=(
            Section("1", None, "三", "2022年工作安排", "plan", 0, 30),
            Section("1.1", "1", "（一）", "推动产业发展", "plan", 10, 30),
        ),
        targets=(Target("扩园", "level", 3.0, "平方公里", "扩园3平方公里", 19, 27, "1.1", "=", span, False, None),),
        tasks=(Task("1.1.1", "1.1", "推动产业发展", "推动产业发展。扩园3平方公里。", 13, 28, span, (0,), ()),),
    )


def test_the_extractors_own_output_imports(sessions: sessionmaker[Session]) -> None:
    data = _extraction().to_dict()
    request = ImportReport(source=SOURCE, extraction=data, extractor_version="t", text=SOURCE.decode(), actor="督查室")
    result = import_report(sessions=sessions, request=request)
    assert (result.created, result.sections, result.tasks, result.targets) == (True, 2, 1, 1)


def test_a_missing_plan_year_can_be_given() -> None:
    parts = read_extraction(_extraction().to_dict())
    assert parts.plan_year == 2022
    data = _extraction().to_dict()
    data["report"]["plan_year"] = None
    assert read_extraction(data).plan_year is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
PATHS = [
    ("schema",),
    ("source",),
    ("report",),
    ("report", "term"),
    ("sections",),
    ("sections", 3),
    ("sections", 3, "parent"),
    ("targets", 2),
    ("targets", 2, "value"),
    ("targets", 2, "horizon"),
    ("tasks", 0, "targets"),
    ("tasks", 1),
]


@settings(max_examples=300)
@given(st.sampled_from(PATHS), json_values)
def test_malformed_input_fails_with_a_contract_error_only(path: tuple[Any, ...], value: Any) -> None:
    data: Any = copy.deepcopy(EXTRACTION)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    try:
        read_extraction(data)
    except ContractError as exc:
        assert str(exc)
