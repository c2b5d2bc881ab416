"""What every command shares: the user-error type and exit codes."""

from __future__ import annotations

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
