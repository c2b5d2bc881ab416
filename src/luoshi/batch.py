"""Extract every report of a folder on all cores, with a progress bar and a summary."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from luoshi.extraction import ReadError, extract_report

# Old .doc files are listed too, so that the summary tells their owner to save them as .docx.
REPORT_SUFFIXES = frozenset({".txt", ".htm", ".html", ".docx", ".pdf", ".doc"})


@dataclass
class BatchResult:
    """The extractions of a folder in file order, and the files that failed with their reasons."""

    results: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def targets(self) -> int:
        """How many targets the extractions found in all."""
        return sum(len(r["targets"]) for r in self.results)


def report_files(folder: Path) -> list[Path]:
    """The report files of a folder (*.txt, *.htm, *.html, *.docx, *.pdf, *.doc), sorted; hidden files,
    Word's lock files (~$name.docx) and MANIFEST skipped."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in REPORT_SUFFIXES
        and not p.name.startswith((".", "~$"))
        and not p.name.upper().startswith("MANIFEST")
    )


def extract_file(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """Extract one file: its contract object, or None and the reason it failed (in Chinese and English)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, f"无法读取文件 / cannot read the file: {error.strerror or error}"
    try:
        return extract_report(data, name=path.name).to_dict(), None
    except ReadError as error:
        return None, f"{error.zh} / {error.en}"
    except Exception as error:  # a bug on one report must not lose the other reports of a batch
        return None, f"内部错误 / internal error: {type(error).__name__}: {error}"


def run_batch(paths: list[Path], *, jobs: int, console: Console) -> BatchResult:
    """Extract the files on `jobs` processes, showing progress on `console`; results keep file order."""
    outcomes: list[tuple[dict[str, Any] | None, str | None]] = []
    with _progress(console) as progress:
        task = progress.add_task("提取 / extracting", total=len(paths))
        for outcome in _outcomes(paths, jobs):
            outcomes.append(outcome)
            progress.advance(task)
    batch = BatchResult()
    for path, (result, reason) in zip(paths, outcomes, strict=True):
        if result is not None:
            batch.results.append(result)
        else:
            batch.failures.append((path.name, reason or ""))
    return batch


def _outcomes(paths: list[Path], jobs: int) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Each file's outcome in order; in this process for one job, else in a pool of processes."""
    if jobs <= 1 or len(paths) <= 1:
        yield from map(extract_file, paths)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        # map keeps the order; chunks of one keep both cores busy on reports of unequal length.
        yield from pool.map(extract_file, paths)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jsonl_lines(batch: BatchResult) -> Iterator[str]:
    """One JSON object per line, UTF-8 characters unescaped."""
    for result in batch.results:
        yield json.dumps(result, ensure_ascii=False) + "\n"


def print_summary(batch: BatchResult, console: Console) -> None:
    """Reports read, failures with their reasons, and targets found."""
    read, failed = len(batch.results), len(batch.failures)
    console.print(
        f"读取报告 {read} 份，失败 {failed} 份，找到目标 {batch.targets} 个"
        f" / {read} reports read, {failed} failed, {batch.targets} targets found"
    )
    for name, reason in batch.failures:
        console.print(f"  失败 / failed: {name}: {reason}", markup=False, highlight=False)
