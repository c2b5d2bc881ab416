"""The layout the offline progress template is written in and read back by: columns, rows, the hidden metadata sheet."""

from __future__ import annotations

COLUMNS = (
    "任务编号",
    "目标编号",
    "序号",
    "工作任务",
    "目标",
    "单位",
    "类型",
    "累计完成值",
    "完成百分比(%)",
    "进展情况",
    "存在问题",
    "下步计划",
)
WIDTHS = (9.0, 9.0, 6.0, 34.0, 30.0, 7.0, 7.0, 12.0, 12.0, 36.0, 24.0, 24.0)
# 1-based column numbers of the cells a department fills in and of the identifiers read back.
TASK_ID, TARGET_ID, VALUE, PERCENT, PROGRESS, PROBLEMS, NEXT_STEPS = 1, 2, 8, 9, 10, 11, 12
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
SHEET_TITLE = "进展报送"
# The template says what it is on a hidden sheet: a key in column A, its value in column B.
META_SHEET = "luoshi"
META_KEYS = ("format", "plan_id", "department", "period")

INSTRUCTIONS = (
    "填写说明：灰色列为系统标识，请勿修改；只在白色单元格填写。"
    "目标行填写累计完成值（增长率填百分数，如8.5表示增长8.5%；比率填0至100）；"
    "没有数值目标的任务在任务行填写完成百分比（0至100）。"
    "进展情况、存在问题、下步计划填在任务行。"
    "填好后以本单位账号上传：luoshi offline-upload 本文件 --user 用户名（加 --submit 直接提交审核）。"
)
