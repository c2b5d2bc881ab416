"""Folder extraction: which files count as reports, and a failure that does not stop the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from luoshi import batch


def test_report_files(tmp_path: Path) -> None:
    names = ("b.TXT", "a.html", "c.htm", "MANIFEST.tsv", "manifest.txt", ".x.txt", "d.md", "e.json")
    for name in (*names, "f.docx", "g.PDF", "h.doc", "~$f.docx", "i.xlsx"):
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in batch.report_files(tmp_path)] == ["a.html", "b.TXT", "c.htm", "f.docx", "g.PDF", "h.doc"]


def test_an_engine_bug_fails_one_file_only(tmp_path: Path, seed_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes(seed_bytes)
    bad.write_bytes(seed_bytes + b"\n")
    real = batch.extract_report

    def flaky(data: bytes, *, name: str = "") -> object:
        if name == "bad.txt":
            raise RuntimeError("boom")
        return real(data, name=name)

    monkeypatch.setattr(batch, "extract_report", flaky)
    result = batch.run_batch([bad, good], jobs=1, console=Console(quiet=True))
    assert [r["source"]["name"] for r in result.results] == ["good.txt"]
    assert result.failures == [("bad.txt", "内部错误 / internal error: RuntimeError: boom")]
