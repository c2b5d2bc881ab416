"""`luoshi demo`: a database filled with the bundled report, users and a year of progress reports."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from luoshi.cli.database import add_database_option, open_database
from luoshi.services.operations.demo import load_demo


def register(commands: Any) -> None:
    """Add `demo` to the command line."""
    demo = commands.add_parser("demo", help="载入演示数据 / load the demo: report, users, a year of progress")
    add_database_option(demo)
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    """Initialise the database, load the demo and print the accounts and what to try next."""
    console = Console(soft_wrap=False)
    with console.status("正在载入演示数据 / loading the demo …"), open_database(args, upgrade=True) as sessions:
        result = load_demo(sessions=sessions)
    table = Table(title=f"演示账号 / Demo accounts ({len(result.accounts)})", title_justify="left")
    for column in ("用户名", "密码", "角色", "部门"):
        table.add_column(column)
    for a in result.accounts:
        table.add_row(a.username, a.password, a.role.label, a.department or "")
    console.print(table)
    console.print(
        f"已载入计划#{result.plan_id}和{result.reports}份进展报送；未按时报送的单位：{result.late_department}。\n"
        f"查看：luoshi status --as-of {result.as_of.isoformat()}    luoshi plan show"
    )
    return 0
