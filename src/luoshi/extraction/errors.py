"""The one error of the reader: a file that cannot be read as a report."""

from __future__ import annotations


class ReadError(ValueError):
    """A file that cannot be read as a report; carries a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
