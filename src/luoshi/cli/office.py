"""`luoshi export breakdown|bulletin|data`: the plan as office files and open data."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from luoshi.cli.common import UserError, iso_date
from luoshi.cli.database import add_database_option, open_database
from luoshi.office.breakdown import write_breakdown_xlsx
from luoshi.office.bulletin_docx import write_bulletin_docx
from luoshi.office.bulletin_xlsx import write_bulletin_xlsx
from luoshi.office.datafiles import write_open_data
from luoshi.office.files import write_atomically, write_folder_atomically
from luoshi.services.exports.breakdown import plan_breakdown
from luoshi.services.exports.bulletin import plan_bulletin
from luoshi.services.portal.open_data import plan_open_data


def register(commands: Any) -> None:
    """Add `export` and its kinds to the command line."""
    export = commands.add_parser("export", help="导出 / export the plan as office files or open data")
    kinds = export.add_subparsers(dest="kind", required=True, metavar="KIND")
    breakdown = kinds.add_parser("breakdown", help="重点任务分解表 / the task breakdown table (.xlsx)")
    breakdown.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    add_database_options(breakdown)
    breakdown.set_defaults(handler=_breakdown)
    bulletin = kinds.add_parser("bulletin", help="督查通报 / the progress bulletin of a period (.docx or .xlsx)")
    bulletin.add_argument("--period", required=True, help="the reporting period, e.g. 2022-06")
    bulletin.add_argument("--out", type=Path, required=True, help="the .docx or .xlsx file to write")
    add_database_options(bulletin)
    bulletin.set_defaults(handler=_bulletin)
    data = kinds.add_parser(
        "data", help="开放数据 / a published plan's open data as CSV and JSON, as the portal serves it"
    )
    data.add_argument("--out", type=Path, required=True, help="a new or empty folder to write into")
    data.add_argument("--as-of", type=iso_date, help="判断灯色的日期 / the date lamps are judged on (default: today)")
    add_database_options(data)
    data.set_defaults(handler=_data)


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """--plan and --database, shared by the export commands."""
    parser.add_argument("--plan", type=int, help="the plan id (default: the newest plan)")
    add_database_option(parser)


def checked_out(path: Path, suffixes: tuple[str, ...]) -> Path:
    """The output path, refused before any work when its type or folder is wrong."""
    if path.suffix.lower() not in suffixes:
        kinds = " 或 ".join(suffixes)
        raise UserError(f"输出文件应为 {kinds} 格式", f"the output must end in {'/'.join(suffixes)}", str(path))
    if not path.parent.is_dir():
        raise UserError("输出目录不存在", "the output folder does not exist", str(path.parent))
    return path


def _breakdown(args: argparse.Namespace) -> int:
    """`luoshi export breakdown`: the plan's task breakdown table as .xlsx."""
    out = checked_out(args.out, (".xlsx",))
    with open_database(args) as sessions:
        breakdown = plan_breakdown(sessions=sessions, plan_id=args.plan)
    write_atomically(out, lambda path: write_breakdown_xlsx(breakdown, path))
    print(f"已导出重点任务分解表 / breakdown table written: {out}")
    return 0


def _bulletin(args: argparse.Namespace) -> int:
    """`luoshi export bulletin`: the period's bulletin as .docx or .xlsx, by the file's suffix."""
    out = checked_out(args.out, (".docx", ".xlsx"))
    write = write_bulletin_docx if out.suffix.lower() == ".docx" else write_bulletin_xlsx
    with open_database(args) as sessions:
        bulletin = plan_bulletin(sessions=sessions, period=args.period, plan_id=args.plan)
    write_atomically(out, lambda path: write(bulletin, path))
    print(f"已导出督查通报 / bulletin written: {out}")
    return 0


def _data(args: argparse.Namespace) -> int:
    """`luoshi export data`: the open data sets of a published plan as CSV and JSON in a new or empty folder."""
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserError("输出目录已存在且不为空", "the output folder exists and is not empty", str(out))
    if not out.parent.is_dir():
        raise UserError("输出目录的上级目录不存在", "the parent of the output folder does not exist", str(out.parent))
    with open_database(args) as sessions:
        as_of = args.as_of or date.today()
        datasets = plan_open_data(sessions=sessions, plan_id=args.plan, as_of=as_of)
    write_folder_atomically(out, lambda folder: write_open_data(datasets, folder))
    rows = sum(len(d.rows) for d in datasets)
    print(f"已导出开放数据 {len(datasets)} 张表、{rows} 行 / open data written: {out}")
    return 0
