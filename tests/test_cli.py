"""The command line: JSON and table output, a folder to JSON lines, one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from luoshi import __version__
from luoshi.cli import main

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(200)
ENGLISH = b"The government work report is a speech delivered every year to the people's congress.\n" * 40


@pytest.fixture
def seed_file(tmp_path: Path, seed_bytes: bytes) -> Path:
    path = tmp_path / "jiangcheng-2021.txt"
    path.write_bytes(seed_bytes)
    return path


def test_json_to_stdout(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(seed_file)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["schema"] == "luoshi.extract/1"
    assert data["source"]["name"] == "jiangcheng-2021.txt"
    assert (data["source"]["encoding"], data["source"]["chars"]) == ("utf-8", 13973)
    assert set(data) >= {"report", "sections", "facts", "targets", "tasks", "warnings"}
    assert "\\u" not in out and out.startswith('{\n  "schema"')


def test_json_to_file(seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "jc.json"
    out.parent.mkdir()
    assert main(["extract", str(seed_file), "--format", "json", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text("utf-8"))["source"]["chars"] == 13973


def test_table_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--sample", "--format", "table"]) == 0
    out = capsys.readouterr().out
    for heading in ("报告 / Report", "章节 / Sections", "目标 / Targets", "成绩 / Facts", "任务 / Tasks"):
        assert heading in out
    assert "jiangcheng-2021.txt" in out


def test_folder_to_jsonl(tmp_path: Path, seed_bytes: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_bytes)
    (folder / "b.htm").write_bytes(seed_bytes.decode("utf-8").encode("gb18030"))
    (folder / "c.txt").write_bytes(b"")
    (folder / "MANIFEST.tsv").write_text("file\tyear\n", "utf-8")
    (folder / ".hidden.txt").write_bytes(seed_bytes)
    (folder / "notes.md").write_text("# notes", "utf-8")
    out = tmp_path / "results.jsonl"
    code = main(["extract", str(folder), "--out", str(out), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 1  # some file failed
    lines = out.read_text("utf-8").splitlines()
    assert [json.loads(line)["source"]["name"] for line in lines] == ["a.txt", "b.htm"]
    assert [json.loads(line)["source"]["encoding"] for line in lines] == ["utf-8", "gb18030"]
    assert "读取报告 2 份，失败 1 份" in captured.err
    assert "2 reports read, 1 failed" in captured.err
    assert "c.txt: 文件为空 / the file is empty" in captured.err


def test_folder_without_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path)]) == 2
    assert "no report files" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "luoshi: 错误：文件为空 / error: the file is empty (empty.txt)"),
        (
            "image.txt",
            PNG,
            "luoshi: 错误：无法识别的文件：不是文本、网页、Word（.docx）或 PDF / "
            "error: not a text, HTML, Word (.docx) or PDF file (image.txt)",
        ),
        ("prose.txt", ENGLISH, "luoshi: 错误：不是政府工作报告：文中几乎没有中文 / error: not a work report"),
    ],
)
def test_bad_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "luoshi: 错误：找不到文件 / error: no such file" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"luoshi {__version__}")


def test_python_m_luoshi_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "x.txt"
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "luoshi", "extract", str(empty)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr == "luoshi: 错误：文件为空 / error: the file is empty (x.txt)\n"
    sample = subprocess.run([sys.executable, "-m", "luoshi", "extract", "--sample"], capture_output=True, check=True)
    assert json.loads(sample.stdout.decode("utf-8"))["source"]["chars"] == 13973
