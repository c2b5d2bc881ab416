"""`luoshi import FILE`, `luoshi plan show` and `luoshi status [--as-of DATE]`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, open_database
from luoshi.cli.extract import read_file
from luoshi.cli.views import render_diff, render_plan, render_status
from luoshi.extraction import EXTRACTOR_VERSION, ReadError, extract_report
from luoshi.services.actors import SYSTEM
from luoshi.services.plans.importing import ImportReport, import_report
from luoshi.services.plans.reimport import apply_import, compare_import
from luoshi.services.status.lamps import plan_status
from luoshi.services.status.timeliness import department_timeliness
from luoshi.services.views.planview import latest_plan_id, plan_table

WIDE = 160


def register(commands: Any) -> None:
    """Add `import`, `plan` and `status` to the command line."""
    imp = commands.add_parser("import", help="导入报告 / import a report into a draft plan")
    imp.add_argument("path", type=Path, help="报告文件 / a report file (TXT or HTML)")
    imp.add_argument("--apply", action="store_true", help="应用新提取结果的变更 / apply a newer extraction's changes")
    imp.add_argument("--plan-year", type=int, help="计划年度（报告未写明时）/ the plan year when the report has none")
    imp.set_defaults(handler=_import)
    plan = commands.add_parser("plan", help="计划 / plans")
    actions = plan.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("show", help="显示任务分解表 / show the task breakdown table")
    show.add_argument("--plan", type=int, help="计划编号（默认最新）/ plan id (default: the newest)")
    show.set_defaults(handler=_show)
    status = commands.add_parser("status", help="红黄绿灯 / task lamps with reasons and summaries")
    status.add_argument("--as-of", type=_date, help="截至日期 / the date to judge on (default: today)")
    status.add_argument("--plan", type=int, help="计划编号（默认最新）/ plan id (default: the newest)")
    status.set_defaults(handler=_status)
    for parser in (imp, show, status):
        add_database_option(parser)


def _import(args: argparse.Namespace) -> int:
    """Import a report; the same file again shows what a newer extraction changed, applied with --apply."""
    data = read_file(args.path)
    try:
        extraction = extract_report(data, name=args.path.name)
    except ReadError as error:
        raise UserError(error.zh, error.en, str(args.path)) from None
    request = ImportReport(
        source=data,
        extraction=extraction.to_dict(),
        extractor_version=EXTRACTOR_VERSION,
        text=extraction.text,
        actor=SYSTEM.name,
        plan_year=args.plan_year,
    )
    console = Console(width=WIDE, soft_wrap=False)
    with open_database(args) as sessions:
        diff = compare_import(sessions=sessions, request=request)
        if diff is None:
            made = import_report(sessions=sessions, request=request)
            console.print(
                f"已导入报告#{made.report_id}，生成草稿计划#{made.plan_id}：章节{made.sections}个，"
                f"任务{made.tasks}项，目标{made.targets}个 / imported"
            )
            return 0
        render_diff(diff, console)
        if diff.changes and args.apply:
            apply_import(sessions=sessions, actor=SYSTEM, request=request)
            console.print(f"已应用{len(diff.changes)}项变更 / changes applied")
        elif diff.changes:
            console.print("使用 --apply 应用以上变更（只新增和修改，不删除）/ run again with --apply to apply")
    return 0


def _show(args: argparse.Namespace) -> int:
    """Print the task breakdown table of a plan."""
    with open_database(args) as sessions:
        plan = plan_table(sessions=sessions, plan_id=args.plan or latest_plan_id(sessions=sessions))
    render_plan(plan, Console(width=WIDE, soft_wrap=False))
    return 0


def _status(args: argparse.Namespace) -> int:
    """Print every task's lamp with its reason and the summaries by section and department."""
    as_of = args.as_of or date.today()
    with open_database(args) as sessions:
        plan_id = args.plan or latest_plan_id(sessions=sessions)
        plan = plan_table(sessions=sessions, plan_id=plan_id)
        overview = plan_status(sessions=sessions, plan_id=plan_id, as_of=as_of)
        timeliness = department_timeliness(sessions=sessions, plan_id=plan_id, as_of=as_of)
    render_status(plan, overview, timeliness, as_of, Console(width=WIDE, soft_wrap=False))
    return 0


def _date(text: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD / a date is YYYY-MM-DD, not {text!r}") from None
