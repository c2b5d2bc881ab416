"""Whatever it is fed, extract_report returns a serialisable Extraction or raises ReadError."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.extraction import Extraction, ReadError, extract_report
from luoshi.extraction.reading import normalise
from luoshi.samples import sample_bytes

SEED = sample_bytes().decode("utf-8")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _extract_or_refuse(data: bytes | str) -> None:
    """The property itself: an Extraction whose dict is JSON, or a ReadError; nothing else."""
    try:
        result = extract_report(data, name="fuzz.txt")
    except ReadError as error:
        assert error.zh and error.en
        return
    assert isinstance(result, Extraction)
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    _extract_or_refuse(text)


@SETTINGS
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    _extract_or_refuse(data)


@SETTINGS
@given(st.integers(0, len(SEED)), st.integers(0, 400), st.text())
def test_report_with_a_damaged_stretch(start: int, length: int, insert: str) -> None:
    """A real report with a stretch replaced by arbitrary text: still read (it has Chinese enough)."""
    _extract_or_refuse(SEED[:start] + insert + SEED[start + length :])


@SETTINGS
@given(st.integers(0, len(SEED)), st.binary(max_size=64), st.sampled_from(["utf-8", "gb18030", "utf-16-le"]))
def test_encoded_report_with_garbage_bytes(start: int, garbage: bytes, codec: str) -> None:
    data = SEED.encode(codec, errors="ignore")
    _extract_or_refuse(data[:start] + garbage + data[start:])


# Arbitrary characters, salted with the ones normalisation must handle (line ends, odd spaces, icons).
TRICKY = st.sampled_from(list("\r\n \t\u3000\u00a0\u200b\ue705\ufeff政府工作报告。（１"))


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8") | TRICKY))
def test_normalised_text_is_canonical(text: str) -> None:
    """LF only, stripped lines, single spaces, at most one blank line, no invisible or odd spaces."""
    out = normalise(text)
    assert "\r" not in out and "\n\n\n" not in out and "  " not in out
    assert all(line == line.strip() for line in out.split("\n"))
    assert not any(unicodedata.category(c) in ("Co", "Cf", "Cs", "Cc", "Zs") for c in out if c not in " \n")
