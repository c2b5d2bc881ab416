"""Data validation of the template's cells (what openpyxl can express): numbers in range, by the target's kind."""

from __future__ import annotations

from typing import Literal

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.office.offline_layout import PERCENT, VALUE
from luoshi.services.reporting.offline_reports import OfflineSheet, OfflineTarget
from luoshi.services.reporting.values import COUNT_UNITS, GROWTH_RANGE
from luoshi.vocabulary import TargetKind


def _rule(kind: Literal["whole", "decimal"], low: float, high: float | None, prompt: str) -> DataValidation:
    """A validation of numbers between low and high (no upper bound when high is None), with Chinese messages."""
    rule = DataValidation(
        type=kind,
        operator="between" if high is not None else "greaterThanOrEqual",
        formula1=f"{low:g}",
        formula2=f"{high:g}" if high is not None else None,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
    )
    rule.errorTitle, rule.error = "填写有误", prompt
    rule.promptTitle, rule.prompt = "请填写", prompt
    return rule


def _rules() -> dict[str, DataValidation]:
    """One validation per kind of cell."""
    low, high = GROWTH_RANGE
    return {
        "growth": _rule("decimal", low, high, f"增长率（%），填百分数，{low:g}至{high:g}，如8.5"),
        "ratio": _rule("decimal", 0, 100, "比率（%），0至100"),
        "count": _rule("whole", 0, None, "累计完成值，不小于0的整数"),
        "level": _rule("decimal", 0, None, "累计完成值，不小于0"),
        "percent": _rule("decimal", 0, 100, "完成百分比，0至100"),
    }


def _kind(target: OfflineTarget) -> str:
    """Which rule a target's value cell gets (services/reporting/values.py's checks)."""
    if target.kind is TargetKind.GROWTH:
        return "growth"
    if target.kind is TargetKind.RATIO and (target.unit or "%") == "%":
        return "ratio"
    return "count" if target.unit in COUNT_UNITS else "level"


def add_validations(sheet: Worksheet, data: OfflineSheet, first_row: int) -> None:
    """Attach a rule to every value and percent cell, walking the lines as the writer laid them out."""
    rules = _rules()
    row = first_row
    for task in data.tasks:
        if task.needs_percent:
            rules["percent"].add(sheet.cell(row=row, column=PERCENT))
        for target in task.targets:
            row += 1
            rules[_kind(target)].add(sheet.cell(row=row, column=VALUE))
        row += 1
    for rule in rules.values():
        if rule.sqref:
            sheet.add_data_validation(rule)
