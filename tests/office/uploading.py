"""Helpers of the upload tests: a workbook edited cell by cell, re-saved by LibreOffice, and the database's state."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine

from luoshi.storage.snapshot import read_transaction, rows_of, tables

CONVERT_TIMEOUT_S = 240


@dataclass(frozen=True)
class Copy:
    """A cell's value taken from another cell of the sheet (a row copied by hand)."""

    address: str


def edited(source: Path, target: Path, cells: Mapping[str, object]) -> Path:
    """A copy of the workbook with cells of its first sheet set (as an office would in Excel)."""
    book = load_workbook(source)
    sheet = book.worksheets[0]
    for address, value in cells.items():
        sheet[address] = sheet[value.address].value if isinstance(value, Copy) else value
    book.save(target)
    return target


def resaved_by_libreoffice(source: Path, folder: Path) -> Path:
    """The workbook opened and saved again as .xlsx by LibreOffice, as WPS and LibreOffice users send it back."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing: scripts/ensure-system-packages.sh installs it")
        pytest.skip("soffice is missing: scripts/ensure-system-packages.sh installs it")
    out = folder / "libreoffice"
    out.mkdir(exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
    )  # fmt: skip
    return out / source.name


def database_state(engine: Engine) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, to show that a refused upload changed nothing."""
    with read_transaction(engine) as connection:
        return {t.name: list(rows_of(connection, t)) for t in tables()}


BROKEN_FILES: dict[str, bytes] = {
    "truncated zip": b"PK\x03\x04" + b"\x00" * 40,
    "text": "序号,目标任务\n1,测试\n".encode(),
    "empty": b"",
}


def other_spreadsheet(path: Path) -> bytes:
    """A workbook that is not a breakdown table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "电话"])
    sheet.append(["张三", "123"])
    book.save(path)
    return path.read_bytes()
