"""The workbench's writing pages, registered together: plan and task editors, 报送, 审核, 设置."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.routes import plan_editor, reporting, review, settings, target_editor, task_editor

WORKBENCH: tuple[APIRouter, ...] = tuple(
    m.router for m in (plan_editor, task_editor, target_editor, reporting, review, settings)
)
