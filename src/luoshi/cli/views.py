"""Terminal views of the tracking data (rich tables): the breakdown table, lamps, summaries, a diff."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from luoshi import tracking
from luoshi.services.plans.reimport import ExtractionDiff
from luoshi.services.status.lamps import PlanOverview
from luoshi.services.views.planview import PlanTable
from luoshi.vocabulary import Colour

STYLES = {"done": "blue", "not_started": "dim", "green": "green", "yellow": "yellow", "red": "bold red"}


def lamp(colour: str) -> Text:
    """A coloured dot and the lamp's Chinese word."""
    return Text(f"● {Colour(colour).label}", style=STYLES[colour])


def _table(title: str, *columns: str) -> Table:
    """A left-titled table whose columns fold long text."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def render_plan(plan: PlanTable, console: Console) -> None:
    """The task breakdown table (任务分解表): main indicators first, then the tasks numbered continuously."""
    console.print(
        f"[bold]{plan.title}[/bold]  计划#{plan.plan_id}  {plan.plan_year}年  {plan.status}  {plan.cycle}报送"
    )
    indicators = _table(f"主要预期目标 / Main targets ({len(plan.indicators)})", "序号", "章节", "目标")
    for i, indicator in enumerate(plan.indicators, start=1):
        indicators.add_row(str(i), indicator.section, indicator.text)
    console.print(indicators)
    tasks = _table(
        f"任务分解表 / Tasks ({len(plan.tasks)})", "序号", "目标任务", "牵头领导", "牵头单位", "配合单位", "完成时限"
    )
    for row in plan.tasks:
        text = row.title + ("：" + "；".join(row.targets) if row.targets else "")
        deadline = row.deadline.strftime("%Y年%m月底") if row.deadline else ""
        tasks.add_row(
            str(row.number), text, row.lead_leader or "", row.lead or "未分配", "、".join(row.cooperating), deadline
        )
    console.print(tasks)


def render_status(
    plan: PlanTable,
    overview: PlanOverview,
    timeliness: dict[str, tracking.Timeliness],
    as_of: date,
    console: Console,
) -> None:
    """Every task's lamp with its reason, then the counts by section and by department with timeliness."""
    console.print(f"[bold]{plan.title}[/bold]  截至{as_of.year}年{as_of.month}月{as_of.day}日")
    rows = {r.task_id: r for r in plan.tasks}
    tasks = _table(f"任务状态 / Task lamps ({len(overview.tasks)})", "序号", "任务", "牵头单位", "状态", "原因", "标记")
    for status in overview.tasks:
        row = rows[status.task_id]
        flags = Text("、".join(status.flags), style="bold red" if status.flags else "")
        tasks.add_row(str(row.number), row.title, row.lead or "未分配", lamp(status.colour), status.reason, flags)
    console.print(tasks)
    sections = _table("按章节 / By section", "章节", "汇总")
    for name, summary in overview.by_section.items():
        sections.add_row(name, summary.reason)
    console.print(sections)
    departments = _table("按牵头单位 / By lead department", "牵头单位", "汇总", "报送及时率")
    for name, summary in sorted(overview.by_department.items(), key=lambda kv: (-kv[1].red, -kv[1].late, kv[0])):
        on_time = timeliness.get(name)
        departments.add_row(name, summary.reason, on_time.reason if on_time else "")
    console.print(departments)


def render_diff(diff: ExtractionDiff, console: Console) -> None:
    """What a newer extraction would change, and what it keeps although no longer extracted."""
    console.print(
        f"报告#{diff.report_id}（计划#{diff.plan_id}）已导入；提取器 {diff.extractor_before} → {diff.extractor_after}"
    )
    if not diff.changes:
        console.print("提取结果无变化 / no changes")
    else:
        table = _table(f"变更 / Changes ({len(diff.changes)})", "变更", "对象", "原值", "新值")
        for c in diff.changes:
            table.add_row(c.what, c.subject, c.before, c.after)
        console.print(table)
    for kept in diff.kept:
        console.print(f"[yellow]保留 / kept:[/yellow] {kept}（新提取结果中已无此任务，不删除）")
