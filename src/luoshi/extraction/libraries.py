"""Libraries that one input format needs, loaded the first time a file of that format is read.

Plain text and HTML need none of them, so a reader of text files works (and starts fast) where
PDFium or python-docx is not installed; a PDF or Word file then gets a clear ReadError.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from luoshi.extraction.errors import ReadError


@cache
def library(module: str, *, package: str, what: str) -> ModuleType:
    """The module, imported once; ReadError naming the package to install when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ReadError(
            f"读取{what}需要安装 {package}（pip install {package}）",
            f"reading this file needs the {package} package (pip install {package})",
        ) from None
