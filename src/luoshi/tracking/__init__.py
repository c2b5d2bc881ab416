"""The status rules (红黄绿灯): PURE, frozen dataclasses in and out; no storage, web or I/O import.

Choices the product spec leaves open, made here:
- Expected progress counts whole reporting periods ended by the date (June 30 of a one-year plan
  is 50%, June 29 is 41.7%); quarters end in March, June, September and December, and a horizon's
  last month always ends a period.
- Values are judged at the precision a reason shows: completion, expected progress and growth at
  one decimal, so the words never contradict the colour.
- `~` (左右): a level target is judged like `=` (completion against pace); a ratio target is
  green while within `approx_tolerance_points` of the target and red outside; a growth target is
  judged like `>=` (the one-point yellow band already absorbs a small shortfall).
- `<=` on a growth target (涨幅3%以内) is a ceiling like any other `<=`.
- Without an approved value, a ceiling, growth or 左右-ratio target is not_started (暂无报送数据)
  until its horizon ends; a level target counts as 0% done.
- 未报送 (late) flags the last period whose report is due (its end plus `report_grace_days`) when
  neither it nor a later period has an approved report; a done lamp carries no late flag.
- After the horizon's last day a lamp is done or red with 逾期, before its first day not_started.
"""

from luoshi.tracking.model import Kind, Lamp, Milestone, Observation, TargetSpec
from luoshi.tracking.periods import Horizon, Period, elapsed_periods, expected_progress
from luoshi.tracking.settings import PLAN_SETTINGS, PlanSetting, SettingError, StatusRules, rules_from
from luoshi.tracking.summary import Submission, Summary, Timeliness, summarise, timeliness
from luoshi.tracking.targets import judge_target
from luoshi.tracking.tasks import TaskProgress, TaskSpec, judge_milestone, judge_task, worst

__all__ = [
    "PLAN_SETTINGS",
    "Horizon",
    "Kind",
    "Lamp",
    "Milestone",
    "Observation",
    "Period",
    "PlanSetting",
    "SettingError",
    "StatusRules",
    "Submission",
    "Summary",
    "TargetSpec",
    "TaskProgress",
    "TaskSpec",
    "Timeliness",
    "elapsed_periods",
    "expected_progress",
    "judge_milestone",
    "judge_target",
    "judge_task",
    "rules_from",
    "summarise",
    "timeliness",
    "worst",
]
