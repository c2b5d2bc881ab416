"""The workbench's writing pages and API writes, registered together: editors, 报送, 审核, 设置."""

from __future__ import annotations

from fastapi import APIRouter

from luoshi.web.routes import (
    api_plans,
    api_reports,
    api_settings,
    plan_editor,
    reporting,
    review,
    settings,
    target_editor,
    task_editor,
)

WORKBENCH: tuple[APIRouter, ...] = tuple(
    m.router
    for m in (
        plan_editor,
        task_editor,
        target_editor,
        reporting,
        review,
        settings,
        api_plans,
        api_reports,
        api_settings,
    )
)
