"""Importing an extraction into a draft plan: the tree, the quotes, one report per file, bad input refused."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.plans.contract import ContractError
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.storage import transaction
from luoshi.storage.models import AuditEvent, Plan, Report, Section, Target, Task
from luoshi.vocabulary import PlanStatus

SOURCE = "测试区政府工作报告（测试用源文件）".encode()
TEXT = SOURCE.decode()  # what the test extraction's offsets would point into
EXTRACTION: dict[str, Any] = json.loads((Path(__file__).parent / "cases" / "extraction.json").read_text("utf-8"))
EXTRACTION["source"]["sha256"] = hashlib.sha256(SOURCE).hexdigest()


def request(extraction: dict[str, Any] | None = None, source: bytes = SOURCE) -> ImportReport:
    """An import request by the supervisor 督查室."""
    data = extraction or EXTRACTION
    return ImportReport(source=source, extraction=data, extractor_version="0.1.0", text=TEXT, actor="督查室")


def test_import_makes_a_draft_plan(sessions: sessionmaker[Session]) -> None:
    result = import_report(sessions=sessions, request=request())
    assert (result.created, result.sections, result.tasks, result.targets) == (True, 5, 3, 5)
    with transaction(sessions) as s:
        plan = s.get_one(Plan, result.plan_id)
        assert (plan.status, plan.plan_year, plan.term_start, plan.term_end) == (
            PlanStatus.DRAFT,
            2022,
            2022,
            2026,
        )
        report = s.get_one(Report, result.report_id)
        assert report.source == SOURCE
        assert report.extraction["schema"] == "luoshi.extract/1"
        assert (report.text, report.text_version) == (TEXT, "0.1.0")
        child = s.scalars(select(Section).where(Section.key == "3.2")).one()
        parent = s.get_one(Section, child.parent_id)
        assert parent.key == "3"


# metric → (task key or None, section key): task targets under their task, the rest under their section
PLACES = [
    ("扩园", "3.1.1", "3.1"),
    ("城镇新增就业", "3.2.1", "3.2"),
    ("城镇登记失业率", "3.2.1", "3.2"),
    ("地区生产总值", None, "2"),
    ("地区生产总值", None, "3"),
]


def test_targets_hang_under_their_task_or_section(sessions: sessionmaker[Session]) -> None:
    import_report(sessions=sessions, request=request())
    with transaction(sessions) as s:
        rows = s.execute(
            select(Target, Task.key, Section.key)
            .outerjoin(Task, Target.task_id == Task.id)
            .join(Section, Target.section_id == Section.id)
        ).all()
        places = sorted((t.metric, task_key, section_key) for t, task_key, section_key in rows)
        assert places == sorted(PLACES)
        jobs = s.scalars(select(Target).where(Target.metric == "城镇新增就业")).one()
        assert (jobs.quote, jobs.quote_start, jobs.quote_end, jobs.value) == (
            "城镇新增就业7500人以上",
            80,
            92,
            7500,
        )


def test_the_same_file_twice_is_one_report(sessions: sessionmaker[Session]) -> None:
    first = import_report(sessions=sessions, request=request())
    second = import_report(sessions=sessions, request=request())
    assert second.created is False
    assert (second.report_id, second.plan_id) == (first.report_id, first.plan_id)
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 1
        assert s.scalar(select(func.count()).select_from(Plan)) == 1


def test_the_import_is_audited(sessions: sessionmaker[Session]) -> None:
    result = import_report(sessions=sessions, request=request())
    with transaction(sessions) as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.table_name, e.record_id, e.action, e.actor_name) for e in events] == [
            ("report", result.report_id, "import", "督查室"),
            ("plan", result.plan_id, "import", "督查室"),
        ]
        assert events[1].after is not None and events[1].after["status"] == "draft"
        # The trail names the text's version but does not repeat the text (the report keeps it).
        assert events[0].after is not None and events[0].after["text_version"] == "0.1.0"
        assert "text" not in events[0].after and "source" not in events[0].after


def _broken(path: str, value: Any) -> dict[str, Any]:
    """The extraction with one member replaced; path is dotted, list indexes as numbers."""
    data = copy.deepcopy(EXTRACTION)
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


BAD = [
    ("schema", "other/1", "schema"),
    ("source.sha256", "0" * 64, "sha256"),
    ("sections.3.kind", "chapter", "kind"),
    ("sections.3.parent", "9", "上级"),
    ("targets.2.value", None, "value"),
    ("targets.2.value", "三", "数值"),
    ("targets.2.comparator", "≥", "comparator"),
    ("targets.0.horizon", {"from": 2026, "to": 2022}, "止年早于起年"),
    ("targets.0.start", True, "类型错误"),
    ("tasks.0.targets", [7], "不存在的目标"),
    ("tasks.0.section", "9.9", "章节"),
    ("tasks", {"not": "a list"}, "列表"),
    ("report", None, "report"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[f"{p}={v!r}" for p, v, _ in BAD])
def test_bad_input_is_refused_and_changes_nothing(
    sessions: sessionmaker[Session], path: str, value: Any, message: str
) -> None:
    with pytest.raises(ContractError, match=message):
        import_report(sessions=sessions, request=request(_broken(path, value)))
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 0


def test_a_different_source_than_extracted_is_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(ContractError, match="sha256"):
        import_report(sessions=sessions, request=request(source=b"another file"))
