"""`luoshi import-breakdown`: a task breakdown table edited in Excel or WPS, previewed, applied with --apply."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, open_database
from luoshi.office.breakdown_reading import read_breakdown_xlsx
from luoshi.office.uploads import UploadError, too_large
from luoshi.services.accounts.users import actor_for
from luoshi.services.actors import SYSTEM, Actor
from luoshi.services.exports.breakdown_upload import (
    BreakdownPreview,
    apply_breakdown_import,
    preview_breakdown_import,
)

T = TypeVar("T")


def register(commands: Any) -> None:
    """Add `import-breakdown` to the command line."""
    parser = commands.add_parser(
        "import-breakdown", help="导入修改后的分解表 / preview (and apply) an edited task breakdown table"
    )
    parser.add_argument("path", type=Path, help="分解表 / the .xlsx table exported by luoshi and edited")
    parser.add_argument("--apply", action="store_true", help="应用变更 / apply the changes (default: preview only)")
    parser.add_argument("--plan", type=int, help="计划编号（默认最新）/ plan id (default: the newest)")
    parser.add_argument("--user", help="以该督查室用户的名义修改 / act as this supervisor (default: the system)")
    add_database_option(parser)
    parser.set_defaults(handler=_import_breakdown)


def read_upload(path: Path, parse: Callable[[bytes], T]) -> T:
    """Parse an uploaded file; a missing, oversized, broken or foreign file becomes a user error."""
    if not path.is_file():
        raise UserError("文件不存在", "no such file", str(path))
    try:
        if (refusal := too_large(path.stat().st_size)) is not None:
            raise refusal
        return parse(path.read_bytes())
    except UploadError as error:
        raise UserError(error.zh, error.en, str(path)) from None


def refuse_row_errors(errors: Sequence[object], what: str) -> None:
    """List each problem on standard error, then refuse: nothing is applied while any remains."""
    if not errors:
        return
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    raise UserError(f"{what}有{len(errors)}处错误，未作任何修改", f"{len(errors)} errors, nothing was changed")


def _import_breakdown(args: argparse.Namespace) -> int:
    """Show what the edited table changes, task by task; apply it in one transaction with --apply."""
    lines = read_upload(args.path, read_breakdown_xlsx)
    with open_database(args) as sessions:
        actor: Actor = actor_for(sessions=sessions, username=args.user) if args.user else SYSTEM
        preview = preview_breakdown_import(sessions=sessions, lines=lines, plan_id=args.plan)
        _print_preview(preview)
        refuse_row_errors(preview.errors, "分解表")
        if not preview.changes:
            print("分解表与系统一致，没有需要修改的内容 / nothing to change")
        elif args.apply:
            count = apply_breakdown_import(sessions=sessions, actor=actor, preview=preview)
            print(f"已修改{count}项任务 / {count} tasks changed")
        else:
            print("以上为预览，未作修改；加 --apply 应用 / preview only: run again with --apply")
    return 0


def _print_preview(preview: BreakdownPreview) -> None:
    """Each changed task with its fields, old → new."""
    print(f"读取{preview.rows}行，{len(preview.changes)}项任务有变更 / {preview.rows} rows read")
    for change in preview.changes:
        title = change.text if len(change.text) <= 40 else change.text[:40] + "…"
        print(f"第{change.row}行 序号{change.number}：{title}")
        for field in change.fields:
            print(f"    {field.column}：{field.old or '（空）'} → {field.new or '（空）'}")
