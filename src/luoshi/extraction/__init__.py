"""The report extractor: PURE, bytes or text in, frozen dataclasses out.

Nothing here imports the database, the web app or the command line; rules are data files
under `rules/`, loaded and validated once.
"""

from luoshi.extraction.model import Extraction
from luoshi.extraction.pipeline import EXTRACTOR_VERSION, extract_report
from luoshi.extraction.reading import ReadError

__all__ = ["EXTRACTOR_VERSION", "Extraction", "ReadError", "extract_report"]
