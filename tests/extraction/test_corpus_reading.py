"""The reader on every report of the shared corpus: decoded, counted, footer cut, no broken number left.

(That every corpus report goes through the whole extraction is tested in test_gold.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luoshi.batch import report_files
from luoshi.extraction.normalising import FOOTER_STARTS
from luoshi.extraction.reading import read_document

# ../shared/corpus beside the repository root (CI and developers have it; a bare clone may not).
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ABSENT = pytest.mark.skip(reason=f"the shared corpus is absent (looked for {CORPUS})")
FILES = [
    pytest.param(p, id=f"{folder.name}/{p.name}")
    for folder in sorted(CORPUS.glob("*"))
    if folder.is_dir()
    for p in report_files(folder)
] or [pytest.param(None, id="no-corpus", marks=ABSENT)]
# A line holding only a number, or a line ending in a letter before a line of digits: PM\n2.5.
BROKEN_NUMBER = re.compile(r"^[\d.]+$|[A-Za-z]\n\d", re.MULTILINE)


@pytest.mark.parametrize("path", FILES)
def test_corpus_file_reads(path: Path) -> None:
    data = path.read_bytes()
    doc = read_document(data, name=path.name)
    assert (doc.encoding, doc.chars, doc.warnings) == ("utf-8", len(data.decode("utf-8")), ())
    assert len(doc.text) > 5000
    assert not any(phrase in doc.text[-2000:] for phrase in FOOTER_STARTS), "a licence footer was left"
    assert not BROKEN_NUMBER.search(doc.text), BROKEN_NUMBER.search(doc.text)
    assert "\n\n\n" not in doc.text and "\r" not in doc.text
