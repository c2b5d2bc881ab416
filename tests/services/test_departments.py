"""The department registry, seeding it, and the lead/cooperating suggestions with their matched words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.registry import (
    DepartmentMatch,
    RegistryError,
    load_registry,
    seed_departments,
    suggest_departments,
    suggest_for_task,
)
from luoshi.services.plans.importing import import_report
from luoshi.storage import transaction
from luoshi.storage.models import AuditEvent, Department, Task
from tests.services.test_import_report import request

REGISTRY = load_registry()
CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases" / "suggestions.yaml").read_text("utf-8"))


def test_the_bundled_registry_is_a_district_government() -> None:
    names = [d.name for d in REGISTRY]
    assert 30 <= len(names) <= 45
    for expected in ["区发展和改革局", "区财政局", "区人力资源和社会保障局", "区教育局", "区生态环境分局"]:
        assert expected in names


def _pair(match: DepartmentMatch | None) -> list[Any] | None:
    """A match as the case table writes it."""
    return None if match is None else [match.name, sorted(match.words)]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_suggestion_case(case: dict[str, Any]) -> None:
    got = suggest_departments(title=case["title"], text=case["text"], departments=REGISTRY)
    expect = case["expect"]
    want_lead = None if expect["lead"] is None else [expect["lead"][0], sorted(expect["lead"][1])]
    assert _pair(got.lead) == want_lead
    assert [_pair(m) for m in got.cooperating] == [[n, sorted(w)] for n, w in expect["cooperating"]]


def test_a_match_gives_its_words_as_the_reason() -> None:
    assert DepartmentMatch("区商务局", ("消费", "外贸"), 3).reason == "匹配关键词：消费、外贸"


def test_cooperating_departments_are_capped() -> None:
    text = "统计 审计 信访 金融 残疾人 妇女 青年 职工"
    got = suggest_departments(title="", text=text, departments=REGISTRY, cooperating=2)
    assert got.lead is not None and len(got.cooperating) == 2


BAD_REGISTRIES = [
    ("[]", "非空列表"),
    ("- keywords: [财政]", "缺少名称"),
    ("- name: 区财政局", "缺少关键词"),
    ("- name: 区财政局\n  keywords: [财]", "过短"),
    ("- name: 区财政局\n  keywords: [财政]\n- name: 区财政局\n  keywords: [预算]", "重名"),
]


@pytest.mark.parametrize(("text", "message"), BAD_REGISTRIES)
def test_a_bad_registry_is_refused(text: str, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        load_registry(text)


def test_seeding_adds_missing_departments_once(sessions: sessionmaker[Session]) -> None:
    assert seed_departments(sessions=sessions, registry=REGISTRY, actor="admin") == len(REGISTRY)
    assert seed_departments(sessions=sessions, registry=REGISTRY, actor="admin") == 0
    with transaction(sessions) as s:
        assert s.scalar(select(func.count()).select_from(Department)) == len(REGISTRY)
        first = s.scalars(select(Department).order_by(Department.position)).first()
        assert first is not None and first.name == REGISTRY[0].name
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == len(REGISTRY)


def test_suggest_for_a_stored_task(sessions: sessionmaker[Session]) -> None:
    seed_departments(sessions=sessions, registry=REGISTRY, actor="admin")
    import_report(sessions=sessions, request=request())
    with transaction(sessions) as s:
        task_id = s.scalars(select(Task.id).where(Task.key == "3.2.1")).one()
    got = suggest_for_task(sessions=sessions, task_id=task_id)
    assert got.lead is not None and got.lead.name == "区人力资源和社会保障局"
    assert got.lead.reason == "匹配关键词：就业、新增就业、失业、技能培训"
