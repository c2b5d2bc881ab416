"""One row of an uploaded breakdown table against the task it names: its problems, else its changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from luoshi.services.exports.breakdown import BreakdownRow
from luoshi.services.exports.cell_values import CellError, cell_text, closest_names, parse_date, same_text, split_names
from luoshi.services.exports.common import chinese_date


@dataclass(frozen=True)
class SheetLine:
    """One body row of an uploaded table as read from the file: its row number and its six cells."""

    row: int
    number: str
    text: str
    leader: str
    lead: str
    cooperating: str
    deadline: object  # text, or a date when the program stored one


@dataclass(frozen=True)
class FieldChange:
    """One field of a task: the column's name, the value now and the value in the file."""

    column: str
    old: str
    new: str


@dataclass(frozen=True)
class TaskChange:
    """What the file changes on one task, seen at `version`; None leaves a part as it is."""

    row: int
    number: str
    task_id: int
    version: int
    text: str
    fields: tuple[FieldChange, ...]
    departments: tuple[str, tuple[str, ...]] | None = None
    leader: str | None = None
    deadline: date | None = None


@dataclass(frozen=True)
class RowContext:
    """The plan as it is now: the table's rows by 序号, task versions and deadlines, active department names."""

    rows: Mapping[str, BreakdownRow]
    versions: Mapping[int, int]
    deadlines: Mapping[int, date | None]
    departments: frozenset[str]
    plan_year: int


def read_line(line: SheetLine, context: RowContext) -> tuple[TaskChange | None, list[str]]:
    """The change a row asks for (None when it asks for none) and its problems."""
    row = context.rows.get(line.number)
    if row is None:
        return None, [f"序号「{line.number}」在当前计划中不存在，分解表可能已过期，请重新导出"]
    if not same_text(line.text, row.text):
        return None, [_mismatch(line, row, context)]
    if row.indicator or row.task_id is None:
        return None, _indicator_untouched(line, row)
    problems: list[str] = []
    departments, department_fields = _departments(line, row, context, problems)
    leader = cell_text(line.leader)
    deadline = _deadline(line, row, context, problems)
    fields = list(department_fields)
    if leader != row.leader:
        fields.insert(0, FieldChange("牵头领导", row.leader, leader))
    if deadline is not None:
        fields.append(FieldChange("完成时限", row.deadline, chinese_date(deadline)))
    if problems or not fields:
        return None, problems
    change = TaskChange(
        row=line.row,
        number=line.number,
        task_id=row.task_id,
        version=context.versions[row.task_id],
        text=row.text,
        fields=tuple(fields),
        departments=departments,
        leader=leader if leader != row.leader else None,
        deadline=deadline,
    )
    return change, []


def _mismatch(line: SheetLine, row: BreakdownRow, context: RowContext) -> str:
    """Why a row no longer matches its task, naming where its text went when it moved."""
    moved = next((r.number for r in context.rows.values() if same_text(line.text, r.text)), None)
    where = f"该内容现为序号{moved}" if moved else f"系统中序号{line.number}为「{_short(row.text)}」"
    return f"序号{line.number}的目标任务与系统不符（{where}），分解表可能已过期，请重新导出后再修改"


def _indicator_untouched(line: SheetLine, row: BreakdownRow) -> list[str]:
    """Main indicators are not assigned in this table: their cells must stay as exported."""
    filled = [cell_text(line.leader), cell_text(line.lead), cell_text(line.cooperating)]
    if any(filled) or not same_text(cell_text(line.deadline), row.deadline):
        return [f"主要预期目标（{row.number}）的牵头领导、单位和完成时限不在分解表中修改，请恢复原样"]
    return []


def _departments(
    line: SheetLine, row: BreakdownRow, context: RowContext, problems: list[str]
) -> tuple[tuple[str, tuple[str, ...]] | None, list[FieldChange]]:
    """The lead and cooperating departments the row asks for, when they differ from the task's."""
    leads, helpers = split_names(cell_text(line.lead)), split_names(cell_text(line.cooperating))
    old_helpers = split_names(row.cooperating)
    if leads == ([row.lead] if row.lead else []) and set(helpers) == set(old_helpers):
        return None, []
    known = context.departments
    for column, names in (("牵头单位", leads), ("配合单位", helpers)):
        problems.extend(_unknown(column, name, known) for name in names if name not in known)
    if len(leads) > 1:
        problems.append(f"牵头单位只能填写一个（填写了{len(leads)}个：{'、'.join(leads)}）")
    if not leads:
        problems.append("牵头单位不能为空" if row.lead else "填写了配合单位，但没有牵头单位")
    elif leads[0] in helpers:
        problems.append(f"「{leads[0]}」不能既是牵头单位又是配合单位")
    fields = [
        FieldChange(column, old, "、".join(new))
        for column, old, new in (("牵头单位", row.lead, leads), ("配合单位", row.cooperating, helpers))
        if "、".join(new) != old
    ]
    return (leads[0] if leads else "", tuple(helpers)), fields


def _unknown(column: str, name: str, known: frozenset[str]) -> str:
    """An unknown department, with the registry names it probably meant."""
    close = closest_names(name, sorted(known))
    hint = f"，是否为：{'、'.join(close)}？" if close else "，请使用部门名录中的全称"
    return f"{column}「{name}」不在部门名录中{hint}"


def _deadline(line: SheetLine, row: BreakdownRow, context: RowContext, problems: list[str]) -> date | None:
    """The new deadline when the row changes it; None when it stays (or is wrong, with the problem noted)."""
    text = cell_text(line.deadline)
    if same_text(text, row.deadline):
        return None
    if not text:
        problems.append("完成时限不能为空")
        return None
    try:
        day = parse_date(line.deadline)
    except CellError as error:
        problems.append(f"完成时限：{error}")
        return None
    if row.task_id is not None and day == context.deadlines.get(row.task_id):
        return None
    if day.year < context.plan_year:
        problems.append(f"完成时限{chinese_date(day)}早于计划年度{context.plan_year}年")
        return None
    return day


def _short(text: str, limit: int = 30) -> str:
    """The start of a long text, for a message."""
    return text if len(text) <= limit else text[:limit] + "…"
