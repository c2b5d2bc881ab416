"""What every command shares: the user-error type, exit codes and the date option's type."""

from __future__ import annotations

import argparse
from datetime import date

EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix (missing file, bad option); printed as one line, exit code 2."""

    def __init__(self, zh: str, en: str, subject: str = "") -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en, self.subject = zh, en, subject

    def line(self) -> str:
        """The one-line message: luoshi: 错误：… / error: … (file)."""
        suffix = f" ({self.subject})" if self.subject else ""
        return f"luoshi: 错误：{self.zh} / error: {self.en}{suffix}"


def iso_date(text: str) -> date:
    """A date option written YYYY-MM-DD (--as-of)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD / a date is YYYY-MM-DD, not {text!r}") from None
