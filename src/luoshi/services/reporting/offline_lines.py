"""One filled line of an offline progress template, checked cell by cell like the web form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from luoshi.services.errors import InvalidValue
from luoshi.services.reporting.values import check_percent, check_value
from luoshi.storage.models import Target, Task
from luoshi.vocabulary import TargetKind

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Cell:
    """A cell of the upload: its address (H7) and its value (a number, text or None)."""

    address: str
    value: object = None


@dataclass(frozen=True)
class OfflineLine:
    """One body row of an uploaded template: identifiers and what the department filled in."""

    row: int
    task: Cell
    target: Cell
    value: Cell
    percent: Cell
    progress_text: Cell
    problems: Cell
    next_steps: Cell


@dataclass(frozen=True)
class CellProblem:
    """What is wrong with one cell; nothing is saved while any remains."""

    address: str
    message: str

    def __str__(self) -> str:
        """H6：…, as the user reads it."""
        return f"{self.address}：{self.message}"


@dataclass
class TaskEntry:
    """What the lines of one task add up to: values by target, percent, the three texts and where they were."""

    task: Task
    row: int
    values: dict[int, float] = field(default_factory=dict)
    percent: float | None = None
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def filled(self) -> bool:
        """Whether the department wrote anything for this task."""
        return bool(self.values) or self.percent is not None or any(self.texts.values())


def identifier(cell: Cell) -> int | None:
    """A locked id cell as an integer, None when it is not one."""
    text = str(cell.value).strip() if cell.value is not None else ""
    if isinstance(cell.value, float) and cell.value.is_integer():
        return int(cell.value)
    return int(text) if text.isdigit() else None


def number(cell: Cell, expected: str) -> float | None:
    """A number typed in a cell (12, 12.5, "12.5", "12.5%"), None for an empty cell; else InvalidValue(expected)."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", "").removesuffix("%").strip()
    if _NUMBER.match(text):
        return float(text)
    raise InvalidValue(f"{expected}（填写的是「{value}」）")


def read_target_value(line: OfflineLine, target: Target, entry: TaskEntry, problems: list[CellProblem]) -> None:
    """A target line's value to date, checked against the target's kind and unit."""
    growth = target.kind is TargetKind.GROWTH
    expected = "增长率应为百分数，例如填8.5表示增长8.5%" if growth else "累计完成值应为数字"
    entry.cells[str(target.id)] = line.value.address
    try:
        raw = number(line.value, expected)
        if raw is not None:
            entry.values[target.id] = check_value(target, raw)
    except InvalidValue as error:
        problems.append(CellProblem(line.value.address, str(error)))


def read_task_fields(line: OfflineLine, entry: TaskEntry, problems: list[CellProblem]) -> None:
    """A task line's percent done and its three texts."""
    try:
        entry.percent = check_percent(number(line.percent, "完成百分比应为0至100的数字"))
    except InvalidValue as error:
        problems.append(CellProblem(line.percent.address, str(error)))
    entry.cells["percent"] = line.percent.address
    for name in TEXT_FIELDS:
        cell: Cell = getattr(line, name)
        entry.texts[name] = str(cell.value).strip() if cell.value is not None else ""
        entry.cells[name] = cell.address


TEXT_FIELDS = ("progress_text", "problems", "next_steps")


def targets_by_id(task: Task) -> Mapping[int, Target]:
    """The task's targets by id."""
    return {t.id: t for t in task.targets}
