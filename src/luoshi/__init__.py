"""luoshi (落实): from a government work report to accountable delivery."""

from luoshi.extraction import extract_report

__version__ = "0.1.0"
__all__ = ["__version__", "extract_report"]
