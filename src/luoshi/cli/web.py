"""`luoshi serve` (the web workbench under uvicorn) and `luoshi token` (API tokens for machine clients)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from typing import Any

from luoshi.cli.common import UserError
from luoshi.cli.database import add_database_option, database_url, open_database
from luoshi.services.accounts.tokens import issue_token_for
from luoshi.services.errors import NotFound
from luoshi.web.settings import SECRET_VARIABLE


def register(commands: Any) -> None:
    """Add `serve` and `token` to the command line."""
    serve = commands.add_parser("serve", help="启动网页工作台 / serve the web workbench and the API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    add_database_option(serve)
    serve.set_defaults(handler=_serve)
    token = commands.add_parser("token", help="创建API令牌 / issue an API token for a user")
    token.add_argument("username", help="the user the token acts as")
    token.add_argument("--name", default="API", help="what the token is for")
    add_database_option(token)
    token.set_defaults(handler=_token)


def _serve(args: argparse.Namespace) -> int:
    """Run uvicorn on the app factory; workers share one signing key so a cookie is valid in each."""
    import uvicorn

    os.environ["LUOSHI_DATABASE_URL"] = database_url(args)
    if not os.environ.get(SECRET_VARIABLE):
        print(
            f"luoshi: 提示：未设置 {SECRET_VARIABLE}，重启后需重新登录 / "
            f"note: {SECRET_VARIABLE} is not set; users sign in again after a restart",
            file=sys.stderr,
        )
        os.environ[SECRET_VARIABLE] = secrets.token_urlsafe(32)
    uvicorn.run(
        "luoshi.web.main:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
    )
    return 0


def _token(args: argparse.Namespace) -> int:
    """Issue a token and print it once (the schema is brought up to date first, as the app does)."""
    with open_database(args, upgrade=True) as sessions:
        try:
            issued = issue_token_for(sessions=sessions, username=args.username, name=args.name, actor="cli")
        except NotFound:
            raise UserError("用户不存在或已停用", "no such active user", args.username) from None
    print(issued.secret)
    return 0
