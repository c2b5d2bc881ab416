"""The command line: thin commands over the services (argparse, messages in Chinese and English).

Each module of this package owns a group of commands and adds them with `register(commands)`;
a command's handler takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import sys

from luoshi import __version__
from luoshi.cli import admin, backup, demo, extract, office, offline, plans, uploads, web
from luoshi.cli.common import EXIT_USAGE, UserError
from luoshi.extraction import EXTRACTOR_VERSION

GROUPS = (extract, admin, plans, demo, office, uploads, offline, backup, web)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `luoshi`."""
    parser = argparse.ArgumentParser(
        prog="luoshi", description="落实 luoshi: from a government work report to an accountable plan."
    )
    parser.add_argument("--version", action="version", version=f"luoshi {__version__} (extractor {EXTRACTOR_VERSION})")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except UserError as error:
        print(error.line(), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("luoshi: 已中断 / interrupted", file=sys.stderr)
        return 130
