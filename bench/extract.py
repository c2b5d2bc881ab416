"""Extraction speed against a baseline measured in the same run on the same texts.

The baseline is the least any reader must do: decode, NFKC-normalise and find the numbers
once (a single pass of the regex \\d+(?:\\.\\d+)?). The ratio says how many baselines one
extraction costs. Run: `make bench` or `python bench/extract.py --jobs 2 --repeat 5`.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from luoshi.extraction import EXTRACTOR_VERSION, extract_report
from luoshi.samples import SAMPLE_NAME, sample_bytes

NUMBER = re.compile(r"\d+(?:\.\d+)?")
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "national"


def baseline(data: bytes) -> int:
    """Decode, NFKC, one pass of a number regex: the floor of any reader's work."""
    text = unicodedata.normalize("NFKC", data.decode("utf-8-sig"))
    return len(NUMBER.findall(text))


def luoshi(data: bytes) -> int:
    """The whole extraction of one report."""
    return len(extract_report(data).targets)


@dataclass(frozen=True)
class Timing:
    """Median seconds per report (one process) or per batch (a pool), and characters per second."""

    seconds: float
    chars_per_second: float


def time_each(func: Callable[[bytes], int], texts: Sequence[bytes], chars: int, repeat: int) -> Timing:
    """One process: each report `repeat` times; the median per report, throughput from the medians."""
    medians = []
    for data in texts:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            func(data)
            runs.append(time.perf_counter() - start)
        medians.append(statistics.median(runs))
    return Timing(statistics.median(medians), chars / sum(medians))


def time_pool(
    pool: ProcessPoolExecutor, func: Callable[[bytes], int], texts: Sequence[bytes], chars: int, repeat: int
) -> Timing:
    """A pool: the median wall time of the whole batch over `repeat` runs, per report and as throughput."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        list(pool.map(func, texts))
        runs.append(time.perf_counter() - start)
    wall = statistics.median(runs)
    return Timing(wall / len(texts), chars / wall)


def corpus(path: Path) -> list[bytes]:
    """The national reports (MANIFEST skipped), or none when ../shared is absent."""
    return [p.read_bytes() for p in sorted(path.glob("*.txt"))] if path.is_dir() else []


def char_count(texts: Sequence[bytes]) -> int:
    return sum(len(t.decode("utf-8-sig")) for t in texts)


def rows_for(name: str, texts: list[bytes], jobs: int, repeat: int, pool: ProcessPoolExecutor) -> list[str]:
    """Markdown rows: one process and `jobs` processes, luoshi next to the baseline."""
    rows = []
    chars = char_count(texts)
    single = (time_each(luoshi, texts, chars, repeat), time_each(baseline, texts, chars, repeat))
    rows.append(_row(name, "1 process", len(texts), chars, *single))
    # Enough copies that every worker gets several reports (the seed alone is one report).
    batch = texts * math.ceil(4 * jobs / len(texts))
    batch_chars = chars * (len(batch) // len(texts))
    pooled = (
        time_pool(pool, luoshi, batch, batch_chars, repeat),
        time_pool(pool, baseline, batch, batch_chars, repeat),
    )
    rows.append(_row(name, f"--jobs {jobs}", len(batch), batch_chars, *pooled))
    return rows


def _row(name: str, mode: str, reports: int, chars: int, ours: Timing, base: Timing) -> str:
    return (
        f"| {name} | {mode} | {reports} | {chars:,}"
        f" | {ours.seconds * 1000:.2f} | {ours.chars_per_second:,.0f}"
        f" | {base.seconds * 1000:.3f} | {base.chars_per_second:,.0f}"
        f" | {ours.seconds / base.seconds:.1f}× |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the pooled runs")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (the median is kept)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of national reports")
    args = parser.parse_args(argv)

    luoshi(sample_bytes())  # load the rule tables in this process too
    sets = [(f"seed ({SAMPLE_NAME})", [sample_bytes()])]
    national = corpus(args.corpus)
    if national:
        sets.append((f"national ({len(national)} reports)", national))
    else:
        print(f"(no corpus at {args.corpus}: the national rows are left out)", file=sys.stderr)

    print(f"luoshi bench/extract.py — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, extractor {EXTRACTOR_VERSION},")
    cores = os.cpu_count()
    print(f"Python {platform.python_version()}, {cores} cores, --jobs {args.jobs}, --repeat {args.repeat}")
    print()
    print(
        "| texts | mode | reports | chars | luoshi ms/report | luoshi chars/s | baseline ms/report"
        " | baseline chars/s | ratio |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        # Start the workers and let each load the rule tables before timing.
        list(pool.map(luoshi, [sample_bytes()] * args.jobs * 2))
        for name, texts in sets:
            for row in rows_for(name, texts, args.jobs, args.repeat, pool):
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
