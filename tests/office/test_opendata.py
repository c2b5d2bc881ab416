"""`luoshi export data`: the portal's open data sets of a published plan, the same bytes, nothing internal."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from luoshi.cli import main
from luoshi.office.datafiles import write_open_data
from luoshi.services.errors import InvalidState
from luoshi.services.portal.open_data import COLUMNS, as_csv, as_json, dataset, plan_open_data
from luoshi.storage import transaction
from luoshi.storage.models import Plan, ProgressReport
from luoshi.vocabulary import PlanStatus, ReportState
from tests.office.builders import Built

BOM = b"\xef\xbb\xbf"
AS_OF = date(2022, 7, 10)
FILES = ["index.json", "progress.csv", "progress.json", "tasks.csv", "tasks.json"]


def _publish(sessions: sessionmaker[Session], built: Built) -> None:
    """Mark the built plan published (its last task is unassigned on purpose, so publish_plan would refuse)."""
    with transaction(sessions) as s:
        s.execute(update(Plan).where(Plan.id == built.plan_id).values(status=PlanStatus.PUBLISHED))


def _export(database_url: str, built: Built, out: Path) -> int:
    """Run `luoshi export data` on the built plan."""
    argv = ["export", "data", "--out", str(out), "--database", database_url, "--as-of", AS_OF.isoformat()]
    return main([*argv, "--plan", str(built.plan_id)])


def _rows(path: Path) -> list[dict[str, str]]:
    """A CSV file read back as dicts keyed by its Chinese column names."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_files_are_the_portals_data_sets_byte_for_byte(
    sessions: sessionmaker[Session], database_url: str, built: Built, tmp_path: Path
) -> None:
    _publish(sessions, built)
    out = tmp_path / "data"
    assert _export(database_url, built, out) == 0
    assert sorted(p.name for p in out.iterdir()) == FILES
    for name, columns in COLUMNS.items():
        served = dataset(sessions=sessions, plan_id=built.plan_id, name=name, as_of=AS_OF)
        assert (out / f"{name}.csv").read_bytes() == as_csv(served)
        assert (out / f"{name}.json").read_bytes() == as_json(served)
        assert (out / f"{name}.csv").read_bytes().startswith(BOM + ",".join(label for _, label in columns).encode())
    index = json.loads((out / "index.json").read_text("utf-8"))
    assert index["plan"]["id"] == built.plan_id and index["as_of"] == AS_OF.isoformat()
    assert [(d["name"], d["files"]) for d in index["datasets"]] == [
        ("tasks", ["tasks.csv", "tasks.json"]),
        ("progress", ["progress.csv", "progress.json"]),
    ]
    assert index["datasets"][0]["rows"] == len(built.task_ids) == len(_rows(out / "tasks.csv"))


def test_a_draft_plan_is_refused_with_a_clear_message_and_nothing_is_written(
    sessions: sessionmaker[Session], database_url: str, built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(InvalidState, match=f"计划#{built.plan_id}「.+」尚未发布（草稿）"):
        plan_open_data(sessions=sessions, plan_id=None, as_of=AS_OF)
    out = tmp_path / "data"
    assert _export(database_url, built, out) == 2
    assert "尚未发布（草稿），只能导出已发布或已结束计划的开放数据" in capsys.readouterr().err
    assert not out.exists()


def test_only_approved_progress_and_no_internal_column_is_written(
    sessions: sessionmaker[Session], database_url: str, built: Built, tmp_path: Path
) -> None:
    _publish(sessions, built)
    with transaction(sessions) as s:
        for report in s.scalars(select(ProgressReport)):
            report.problems, report.next_steps, report.comment = "问题ZX-内部", "计划ZX-内部", "意见ZX-内部"
            if report.state is ReportState.DRAFT:
                report.progress_text = "草稿ZX-内部"
        approved = s.scalar(select(func.count()).where(ProgressReport.state == ReportState.APPROVED))
    out = tmp_path / "data"
    assert _export(database_url, built, out) == 0
    records = json.loads((out / "progress.json").read_text("utf-8"))["records"]
    # One record per reported value, one for a report without values: every approved report is there.
    assert len({(r["task_id"], r["period"]) for r in records}) == approved
    everything = "".join(p.read_text("utf-8-sig") for p in out.iterdir())
    for internal in ("ZX-内部", "存在问题", "下步计划", "problems", "next_steps", "comment"):
        assert internal not in everything, internal


def test_a_corrected_period_is_published_once_in_its_latest_revision(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    _publish(sessions, built)
    with transaction(sessions) as s:
        first = s.scalars(select(ProgressReport).where(ProgressReport.state == ReportState.APPROVED)).first()
        assert first is not None
        s.add(
            ProgressReport(
                task_id=first.task_id, period_year=first.period_year, period_month=first.period_month, revision=2,
                state=ReportState.APPROVED, percent=99.0, progress_text="更正后的进展",
            )
        )  # fmt: skip
        task_id, period = first.task_id, f"{first.period_year}-{first.period_month:02d}"
    write_open_data(plan_open_data(sessions=sessions, plan_id=built.plan_id, as_of=AS_OF), tmp_path)
    same = [r for r in _rows(tmp_path / "progress.csv") if r["任务编号"] == str(task_id) and r["报送期"] == period]
    assert {r["进展情况"] for r in same} == {"更正后的进展"}


def test_a_cell_that_would_run_as_a_formula_is_escaped_in_the_file(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    _publish(sessions, built)
    planted = {'=HYPERLINK("http://x")': 0, "\t=1+1": 1, "\r=1+1": 2, "@SUM(A1)": 3, "-1+1": 4, "+1+1": 5}
    with transaction(sessions) as s:
        reports = s.scalars(select(ProgressReport).where(ProgressReport.state == ReportState.APPROVED)).all()
        for text, index in planted.items():
            reports[index * 7].progress_text = text
    write_open_data(plan_open_data(sessions=sessions, plan_id=built.plan_id, as_of=AS_OF), tmp_path)
    cells = {r["进展情况"] for r in _rows(tmp_path / "progress.csv")}
    assert {"'" + text for text in planted} <= cells
    assert not set(planted) & cells
    json_texts = {r["narrative"] for r in json.loads((tmp_path / "progress.json").read_text("utf-8"))["records"]}
    assert set(planted) <= json_texts  # JSON is not a spreadsheet: the text stays as written
