"""Every report of the shared corpus is read and extracted without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.batch import report_files
from luoshi.extraction import extract_report
from luoshi.extraction.normalising import FOOTER_STARTS

# ../shared/corpus beside the repository root (CI and developers have it; a bare clone may not).
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ABSENT = pytest.mark.skip(reason=f"the shared corpus is absent (looked for {CORPUS})")
FILES = [
    pytest.param(p, id=f"{folder.name}/{p.name}")
    for folder in sorted(CORPUS.glob("*"))
    if folder.is_dir()
    for p in report_files(folder)
] or [pytest.param(None, id="no-corpus", marks=ABSENT)]


@pytest.mark.parametrize("path", FILES)
def test_corpus_file_extracts(path: Path) -> None:
    data = path.read_bytes()
    result = extract_report(data, name=path.name)
    assert result.source.chars == len(data.decode("utf-8-sig"))
    assert len(result.text) > 5000
    tail = result.text[-2000:]
    assert not any(phrase in tail for phrase in FOOTER_STARTS), "a licence footer was left in the text"
    assert "政府工作报告" in result.text or "各位代表" in result.text
