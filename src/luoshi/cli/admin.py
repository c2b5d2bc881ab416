"""`luoshi init` (schema and department registry) and `luoshi users add|list|disable|passwd`."""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from rich.console import Console
from rich.table import Table

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, open_database
from luoshi.services.accounts.registry import load_registry, seed_departments
from luoshi.services.accounts.users import UserCreate, add_user, disable_user, list_users, set_password
from luoshi.services.actors import SYSTEM
from luoshi.vocabulary import UserRole


def register(commands: Any) -> None:
    """Add `init` and `users` to the command line."""
    init = commands.add_parser("init", help="初始化数据库 / create or upgrade the database and seed the departments")
    add_database_option(init)
    init.set_defaults(handler=_init)
    users = commands.add_parser("users", help="用户管理 / user accounts")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="添加用户 / add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in UserRole])
    add.add_argument("--department", help="责任单位名称 / the department of a department user")
    add.add_argument("--name", default="", help="显示名称 / display name")
    add.add_argument("--password", help="密码（不填则提示输入）/ password (prompted when absent)")
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="列出用户 / list users")
    listing.set_defaults(handler=_list)
    disable = actions.add_parser("disable", help="停用用户 / disable a user")
    disable.add_argument("username")
    disable.set_defaults(handler=_disable)
    passwd = actions.add_parser("passwd", help="重设密码 / set a user's password")
    passwd.add_argument("username")
    passwd.add_argument("--password", help="新密码（不填则提示输入）/ new password (prompted when absent)")
    passwd.set_defaults(handler=_passwd)
    for parser in (add, listing, disable, passwd):
        add_database_option(parser)


def _init(args: argparse.Namespace) -> int:
    """Create or upgrade the schema, then add the registry's missing departments."""
    with open_database(args, upgrade=True) as sessions:
        added = seed_departments(sessions=sessions, registry=load_registry(), actor=SYSTEM.name)
    print(f"数据库已就绪，新增部门{added}个 / database ready, {added} departments added")
    return 0


def _add(args: argparse.Namespace) -> int:
    """Add an account."""
    password = args.password or _prompt()
    request = UserCreate(args.username, password, UserRole(args.role), args.department, args.name)
    with open_database(args) as sessions:
        made = add_user(sessions=sessions, actor=SYSTEM, request=request)
    print(f"已添加用户 {made.username}（{made.role.label}）/ user added")
    return 0


def _list(args: argparse.Namespace) -> int:
    """Print every account as a table."""
    with open_database(args) as sessions:
        users = list_users(sessions=sessions, actor=SYSTEM)
    table = Table(title=f"用户 / Users ({len(users)})", title_justify="left")
    for column in ("用户名", "角色", "部门", "显示名称", "状态"):
        table.add_column(column, overflow="fold")
    for u in users:
        table.add_row(u.username, u.role.label, u.department or "", u.display_name, "停用" if u.disabled else "正常")
    Console(soft_wrap=False).print(table)
    return 0


def _disable(args: argparse.Namespace) -> int:
    """Disable an account."""
    with open_database(args) as sessions:
        disable_user(sessions=sessions, actor=SYSTEM, username=args.username)
    print(f"已停用用户 {args.username} / user disabled")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    """Set an account's password."""
    password = args.password or _prompt()
    with open_database(args) as sessions:
        set_password(sessions=sessions, actor=SYSTEM, username=args.username, password=password)
    print(f"已重设用户 {args.username} 的密码 / password set")
    return 0


def _prompt() -> str:
    """Ask for a password twice without echoing it."""
    first = getpass.getpass("密码 / password: ")
    if first != getpass.getpass("再次输入 / again: "):
        raise UserError("两次输入的密码不一致", "the passwords differ")
    return first
