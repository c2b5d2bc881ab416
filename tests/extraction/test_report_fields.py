"""Report fields from the front matter and the disclosure header."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.extraction import extract_report
from tests.extraction.caseutil import case_id, load_cases


@pytest.mark.parametrize("case", load_cases("reports.yaml"), ids=case_id)
def test_report_fields(case: dict[str, Any]) -> None:
    report = extract_report(case["text"]).report
    for field, want in case["report"].items():
        got = getattr(report, field)
        got = list(got) if isinstance(got, tuple) else got
        assert got == want, f"{field}: {got!r} != {want!r}"
