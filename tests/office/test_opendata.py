"""Open data: every table of the plan as CSV (with a BOM for Excel) and JSON; only approved progress."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from luoshi.office.datafiles import write_open_data
from luoshi.services.exports.opendata import COLUMNS, plan_open_data
from luoshi.storage import transaction
from luoshi.storage.models import ProgressReport
from luoshi.vocabulary import ReportState
from tests.office.builders import Built

BOM = b"\xef\xbb\xbf"


def _written(sessions: sessionmaker[Session], built: Built, folder: Path) -> dict[str, list[dict[str, str]]]:
    """Write the open data and read every CSV back as dicts."""
    write_open_data(plan_open_data(sessions=sessions, plan_id=built.plan_id), folder)
    tables = {}
    for name in COLUMNS:
        with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    return tables


def test_every_table_is_written_as_csv_with_a_bom_and_as_json(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    tables = _written(sessions, built, tmp_path)
    for name, columns in COLUMNS.items():
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(BOM + ",".join(columns).encode())
        records = json.loads((tmp_path / f"{name}.json").read_text("utf-8"))
        assert len(records) == len(tables[name])
    index = json.loads((tmp_path / "index.json").read_text("utf-8"))
    assert [t["name"] for t in index["tables"]] == list(COLUMNS)
    assert len(tables["tasks"]) == len(built.task_ids)
    assert tables["plan"][0]["title"] == "江城区九届人大一次会议政府工作报告重点任务"


def test_only_approved_progress_is_published(sessions: sessionmaker[Session], built: Built, tmp_path: Path) -> None:
    tables = _written(sessions, built, tmp_path)
    with transaction(sessions) as s:
        approved = s.scalar(select(func.count()).where(ProgressReport.state == ReportState.APPROVED))
        drafts = s.scalar(select(func.count()).where(ProgressReport.state == ReportState.DRAFT))
    assert drafts and len(tables["progress"]) == approved
    assert "comment" not in tables["progress"][0] and "author_id" not in tables["progress"][0]


def test_values_keep_their_kind_in_json_and_read_plainly_in_csv(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    tables = _written(sessions, built, tmp_path)
    progress = json.loads((tmp_path / "progress.json").read_text("utf-8"))
    with_values = next(p for p in progress if p["values"])
    assert isinstance(with_values["values"], dict) and with_values["reviewed_at"].endswith("+00:00")
    row = next(r for r in tables["progress"] if r["id"] == str(with_values["id"]))
    assert json.loads(row["values"]) == with_values["values"]
    targets = json.loads((tmp_path / "targets.json").read_text("utf-8"))
    assert {t["per_year"] for t in targets} <= {True, False}
    assert {r["per_year"] for r in tables["targets"]} <= {"true", "false"}
    assert all(r["lead_leader"] == "" for r in tables["tasks"])  # null is an empty cell


def test_a_corrected_period_is_published_once_in_its_latest_revision(
    sessions: sessionmaker[Session], built: Built, tmp_path: Path
) -> None:
    with transaction(sessions) as s:
        first = s.scalars(select(ProgressReport).where(ProgressReport.state == ReportState.APPROVED)).first()
        assert first is not None
        s.add(
            ProgressReport(
                task_id=first.task_id, period_year=first.period_year, period_month=first.period_month, revision=2,
                state=ReportState.APPROVED, percent=99.0, progress_text="更正后的进展",
            )
        )  # fmt: skip
        task_id, month = first.task_id, first.period_month
    rows = _written(sessions, built, tmp_path)["progress"]
    same = [
        r
        for r in rows
        if r["task_id"] == str(task_id) and r["period_month"] == str(month) and r["period_year"] == "2022"
    ]
    assert [(r["revision"], r["progress_text"]) for r in same] == [("2", "更正后的进展")]
