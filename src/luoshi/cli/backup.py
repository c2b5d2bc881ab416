"""`luoshi backup PATH` and `luoshi restore PATH`: the whole database as a portable archive and back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, database_engine, database_errors, database_url, sqlite_file
from luoshi.services.operations.archive import BackupError
from luoshi.services.operations.backup import back_up
from luoshi.services.operations.restore import restore


def register(commands: Any) -> None:
    """Add `backup` and `restore` to the command line."""
    backup = commands.add_parser("backup", help="备份 / back up the whole database into a zip archive")
    backup.add_argument("path", type=Path, help="the archive to write (e.g. luoshi-2022-06-30.zip)")
    add_database_option(backup)
    backup.set_defaults(handler=_backup)
    again = commands.add_parser("restore", help="恢复 / restore an archive into an empty database")
    again.add_argument("path", type=Path, help="an archive written by `luoshi backup`")
    add_database_option(again)
    again.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    """`luoshi backup`: one consistent read of every table into the archive."""
    with database_engine(args) as engine:
        try:
            summary = back_up(engine=engine, path=args.path)
        except BackupError as error:
            raise UserError(str(error), "the backup cannot be made", str(args.path)) from None
    print(f"已备份 {summary.total_rows} 行、{summary.files} 个文件 / backup written: {args.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """`luoshi restore`: into an empty database; a SQLite file made here is removed again on failure."""
    url = database_url(args)
    path = sqlite_file(url)
    created = path is not None and not path.exists()
    try:
        with database_errors():
            summary = restore(url=url, path=args.path)
    except BaseException as error:
        if created and path is not None:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        if isinstance(error, BackupError):
            raise UserError(str(error), "the archive cannot be restored", str(args.path)) from None
        raise
    print(f"已恢复 {summary.total_rows} 行、{summary.files} 个文件 / restored into {url}")
    return 0
