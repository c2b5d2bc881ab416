"""Text and HTML are read without the libraries of other formats; a PDF or Word file then says what to install."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
for name in ("pypdfium2", "pypdfium2.raw", "docx", "docx.oxml", "docx.oxml.parser"):
    sys.modules[name] = None  # as if not installed
from luoshi.extraction import ReadError, extract_report
from luoshi.samples import sample_bytes
print(len(extract_report(sample_bytes()).targets) > 0)
for data in (b"%PDF-1.4\\n" + b"0" * 400, ):
    try:
        extract_report(data)
    except ReadError as error:
        print(error.zh)
"""


def test_text_reads_without_pdfium_or_python_docx_and_a_pdf_names_the_package() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0] == "True"
    assert "pypdfium2" in lines[1] and "安装" in lines[1]
