"""The command line on Word and PDF reports: a file, a folder with some that cannot be read, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from luoshi.cli import main
from tests.documents import Converted, encrypted, scanned


def test_a_docx_and_a_pdf(converted: Converted, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(converted.texts["jiangcheng-2021"])]) == 0
    expected = json.loads(capsys.readouterr().out)["targets"]
    for path, encoding in ((converted.docx["jiangcheng-2021"], "docx"), (converted.typeset_pdf, "pdf")):
        assert main(["extract", str(path)]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["source"]["name"], data["source"]["encoding"]) == (path.name, encoding)
        assert [t["quote"] for t in data["targets"]] == [t["quote"] for t in expected]


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (lambda c: scanned(c.pdf["jiangcheng-2021"].read_bytes()), "the PDF has no text layer (a scan)"),
        (
            lambda c: encrypted(c.pdf["jiangcheng-2021"].read_bytes(), user_password="x", algorithm="AES-256"),
            "the PDF is encrypted and needs a password",
        ),
        (lambda c: c.doc.read_bytes(), "an old binary Word document (.doc): save it as .docx"),
        (lambda c: c.docx["jiangcheng-2021"].read_bytes()[:5000], "the Word document is damaged or incomplete"),
    ],
    ids=["scanned", "encrypted", "doc", "truncated-docx"],
)
def test_what_cannot_be_read_exits_2_with_one_line(
    converted: Converted, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, english: str
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make(converted))  # type: ignore[operator]
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("luoshi: 错误：")
    assert f"error: {english}" in err and err.rstrip().endswith("(report.pdf)")


def test_a_folder_of_word_and_pdf_reports(
    converted: Converted, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(converted.docx["jiangcheng-2021"], folder / "a.docx")
    shutil.copy(converted.pdf["jiangcheng-2021"], folder / "b.pdf")
    shutil.copy(converted.doc, folder / "c.doc")
    (folder / "d.pdf").write_bytes(scanned(converted.pdf["jiangcheng-2021"].read_bytes(), pages=1))
    (folder / "~$a.docx").write_bytes(b"lock file of Word")
    out = tmp_path / "results.jsonl"
    assert main(["extract", str(folder), "--out", str(out), "--jobs", "2"]) == 1
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["source"]["name"], r["source"]["encoding"]) for r in lines] == [("a.docx", "docx"), ("b.pdf", "pdf")]
    assert lines[0]["targets"] == lines[1]["targets"] or len(lines[0]["targets"]) == len(lines[1]["targets"])
    err = capsys.readouterr().err
    assert "读取报告 2 份，失败 2 份" in err
    assert "c.doc: 旧版 Word 文档（.doc）无法读取" in err
    assert "d.pdf: PDF 没有文字层（扫描件）" in err
