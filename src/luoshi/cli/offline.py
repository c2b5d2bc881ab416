"""`luoshi offline-template` and `luoshi offline-upload`: a department's progress reports through a spreadsheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, open_database
from luoshi.cli.office import checked_out
from luoshi.cli.uploads import read_upload, refuse_row_errors
from luoshi.office.files import write_atomically
from luoshi.office.offline_reading import read_offline_xlsx
from luoshi.office.offline_xlsx import write_offline_xlsx
from luoshi.services.accounts.users import actor_for
from luoshi.services.reporting.offline_reports import offline_sheet
from luoshi.services.reporting.offline_upload import upload_offline


def register(commands: Any) -> None:
    """Add `offline-template` and `offline-upload` to the command line."""
    template = commands.add_parser(
        "offline-template", help="下载离线报送表 / a department's due progress reports as an .xlsx to fill"
    )
    template.add_argument("--department", required=True, help="部门全称 / the department's registry name")
    template.add_argument("--period", required=True, help="报送期间 / the period, e.g. 2022-06")
    template.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    template.add_argument("--plan", type=int, help="计划编号（默认最新）/ plan id (default: the newest)")
    add_database_option(template)
    template.set_defaults(handler=_template)
    upload = commands.add_parser("offline-upload", help="上传填好的离线报送表 / save a filled template's reports")
    upload.add_argument("path", type=Path, help="填好的报送表 / the filled .xlsx")
    upload.add_argument("--user", required=True, help="本单位的账号 / the department's username")
    upload.add_argument("--submit", action="store_true", help="保存后直接提交审核 / submit for review, not only save")
    add_database_option(upload)
    upload.set_defaults(handler=_upload)


def _template(args: argparse.Namespace) -> int:
    """Write the department's template for the period."""
    out = checked_out(args.out, (".xlsx",))
    with open_database(args) as sessions:
        data = offline_sheet(sessions=sessions, department=args.department, period=args.period, plan_id=args.plan)
    if not data.tasks:
        sent = f"（{data.already_sent}项已提交或已审核）" if data.already_sent else ""
        raise UserError(f"「{args.department}」在{args.period}没有待报送的任务{sent}", "no reports due")
    write_atomically(out, lambda path: write_offline_xlsx(data, path))
    print(f"已导出{len(data.tasks)}项任务的离线报送表 / template written: {out}")
    return 0


def _upload(args: argparse.Namespace) -> int:
    """Check the filled template cell by cell; with no problem, save (and submit) its reports."""
    upload = read_upload(args.path, read_offline_xlsx)
    with open_database(args) as sessions:
        actor = actor_for(sessions=sessions, username=args.user)
        result = upload_offline(sessions=sessions, actor=actor, upload=upload, submit_reports=args.submit)
    refuse_row_errors(result.problems, "报送表")
    done = "提交" if args.submit else "保存草稿"
    blank = f"；{result.blank}项任务未填写，未处理" if result.blank else ""
    print(f"已{done}{result.saved}项任务的进展{blank} / {result.saved} reports saved")
    return 0
