"""Turning office files into PDF (LibreOffice headless) and pages into PNG (pdftoppm), for tests and for eyes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CONVERT_TIMEOUT_S = 240
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")
INSTALL_HINT = "scripts/ensure-system-packages.sh installs libreoffice-core/-writer/-calc and poppler-utils"


def require_tools() -> None:
    """Skip when LibreOffice or poppler is missing; in CI (CI=true) that is a failure, not a skip."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"missing {', '.join(missing)}: {INSTALL_HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def to_pdf(files: list[Path], folder: Path, profile: Path) -> list[Path]:
    """Convert the files to PDF in one LibreOffice run with a profile of its own (parallel runs do not clash)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
    )
    return [folder / f"{f.stem}.pdf" for f in files]


def first_page_png(pdf: Path) -> Path:
    """The PDF's first page as PNG beside it (name-1.png)."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True, timeout=60
    )
    return next(pdf.parent.glob(f"{prefix.name}-*1.png"))


def page_text(pdf: Path, page: int) -> str:
    """The text of one page, as pdftotext reads it."""
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields (Pages, Page size …)."""
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def a4_orientation(pdf: Path) -> str:
    """'landscape' or 'portrait' for an A4 PDF, else the page size pdfinfo gives."""
    size = pdf_info(pdf)["Page size"]  # e.g. 841.89 x 595.304 pts (A4)
    if "(A4)" not in size:
        return size
    width, _, height = size.partition(" pts")[0].partition(" x ")
    return "landscape" if float(width) > float(height) else "portrait"
