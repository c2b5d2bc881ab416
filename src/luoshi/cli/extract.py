"""`luoshi extract`: a report (or a folder of reports) to the luoshi.extract/1 contract."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rich.console import Console

from luoshi.batch import default_jobs, jsonl_lines, print_summary, report_files, run_batch
from luoshi.cli.common import EXIT_SOME_FAILED, UserError
from luoshi.extraction import ReadError, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes
from luoshi.tables import render_extraction


def register(commands: Any) -> None:
    """Add `extract` to the command line."""
    extract = commands.add_parser(
        "extract",
        help="提取报告 / extract the plan of a report (or of every report in a folder)",
        description="Extract a work report (text or HTML in UTF-8, GB18030/GBK or UTF-16; Word .docx; "
        "PDF with a text layer; the format is told by the content) to the luoshi.extract/1 JSON contract. "
        "With a folder: every *.txt, *.htm, *.html, *.docx, *.pdf (and *.doc, refused) in it, "
        "one JSON line per report.",
    )
    source = extract.add_mutually_exclusive_group(required=True)
    source.add_argument("path", nargs="?", type=Path, help="a report file, or a folder of reports")
    source.add_argument("--sample", action="store_true", help=f"the bundled report ({SAMPLE_NAME})")
    extract.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    extract.add_argument("--out", type=Path, help="write to this file instead of standard output")
    extract.add_argument("--jobs", type=int, default=0, help="processes for a folder (default: all cores)")
    extract.set_defaults(handler=_extract)


def _extract(args: argparse.Namespace) -> int:
    """`luoshi extract`: one file (or the sample) to JSON or a table, or a folder to JSON lines."""
    if args.sample:
        return _extract_one(SAMPLE_NAME, sample_bytes(), args)
    path: Path = args.path
    if path.is_dir():
        return _extract_folder(path, args)
    return _extract_one(path.name, read_file(path), args)


def read_file(path: Path) -> bytes:
    """A file's bytes, or a UserError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError("找不到文件", "no such file", str(path)) from None
    except OSError as error:
        raise UserError("无法读取文件", f"cannot read the file: {error.strerror}", str(path)) from None


def _extract_one(name: str, data: bytes, args: argparse.Namespace) -> int:
    """Extract one report and write it as JSON or as tables."""
    try:
        result = extract_report(data, name=name).to_dict()
    except ReadError as error:
        raise UserError(error.zh, error.en, name) from None
    with output(args.out) as out:
        if args.format == "table":
            render_extraction(result, Console(file=out, width=_table_width(out), soft_wrap=False))
        else:
            out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0


def _extract_folder(folder: Path, args: argparse.Namespace) -> int:
    """Extract every report of a folder to JSON lines; print a summary; exit 1 if any file failed."""
    if args.format == "table":
        raise UserError("文件夹只能输出 JSON 行", "a folder is written as JSON lines (--format json)", str(folder))
    paths = report_files(folder)
    if not paths:
        raise UserError(
            "文件夹中没有报告文件（*.txt、*.htm、*.html、*.docx、*.pdf）", "no report files in the folder", str(folder)
        )
    err = Console(stderr=True, soft_wrap=True)
    batch = run_batch(paths, jobs=args.jobs or default_jobs(), console=err)
    with output(args.out) as out:
        out.writelines(jsonl_lines(batch))
    print_summary(batch, err)
    return EXIT_SOME_FAILED if batch.failures else 0


@contextmanager
def output(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a UTF-8 file open for the duration of a with block."""
    if path is None:
        yield sys.stdout
        return
    try:
        file = path.open("w", encoding="utf-8", newline="\n")
    except OSError as error:
        raise UserError("无法写入输出文件", f"cannot write the output: {error.strerror}", str(path)) from None
    with file:
        yield file


def _table_width(out: IO[str]) -> int | None:
    """Let rich measure a terminal; use a wide page for a file or a pipe."""
    return None if out.isatty() else 140
