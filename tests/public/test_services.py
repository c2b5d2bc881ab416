"""The public views and open data as services: what a closed plan shows, how cells are made safe."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from luoshi.services.errors import NotFound
from luoshi.services.portal.open_data import csv_cell
from luoshi.services.portal.publication import disclosure_header, public_plan, published_plans
from luoshi.storage import make_engine, session_factory, transaction
from luoshi.storage.models import Plan
from luoshi.vocabulary import PlanStatus
from luoshi.web import WebSettings
from tests.public.world import World


def test_a_closed_plan_stays_public_and_a_draft_one_does_not(public_settings: WebSettings, world: World) -> None:
    engine = make_engine(public_settings.database_url)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        session.execute(update(Plan).where(Plan.id == world.plan_id).values(status=PlanStatus.CLOSED))
    assert [(p.id, p.state) for p in published_plans(sessions=sessions)] == [(world.plan_id, "已结束")]
    assert public_plan(sessions=sessions, plan_id=world.plan_id).state == "已结束"
    with pytest.raises(NotFound):
        public_plan(sessions=sessions, plan_id=world.hidden_plan_id)
    engine.dispose()


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-", "'-"),
        ("-1+1", "'-1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\t-2.5", "'\t-2.5"),
        ("+3", "+3"),
        ("1e3", "1e3"),
        (-2.5, "-2.5"),
        ("-2.5", "-2.5"),
        (91.7, "91.7"),
        (3.0, "3"),
        ("城镇新增就业", "城镇新增就业"),
        ("", ""),
    ],
)
def test_a_csv_cell_never_runs_as_a_formula(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ({}, ("", "", "", "", "", "", "", "")),
        ({"index_no": "A/1", "keywords": ["政府", "报告"]}, ("A/1", "", "", "", "", "", "", "政府 报告")),
        ({"doc_no": None, "issuer": "区政府办"}, ("", "", "区政府办", "", "", "", "", "")),
    ],
)
def test_the_disclosure_header_keeps_its_order_and_its_blanks(
    header: dict[str, object], expected: tuple[str, ...]
) -> None:
    found = disclosure_header(header)
    assert [label for label, _ in found] == [
        "索引号",
        "分类",
        "发布机构",
        "成文日期",
        "名称",
        "文号",
        "发布日期",
        "主题词",
    ]
    assert tuple(value for _, value in found) == expected
