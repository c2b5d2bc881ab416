"""Form posts of the workbench: try a service call, then redirect with a notice or re-show the page with why not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import Depends
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.accounts.signin import Principal
from luoshi.services.actors import PLANNERS
from luoshi.services.errors import ConflictError, NotFound, ServiceError
from luoshi.services.views.plans import PlanView, list_plans
from luoshi.web.deps import require_roles
from luoshi.web.errors import service_status

T = TypeVar("T")

Planner = Annotated[Principal, Depends(require_roles(*PLANNERS))]
Admin = Annotated[Principal, Depends(require_roles("admin"))]
Reporter = Annotated[Principal, Depends(require_roles("department", *PLANNERS))]

# Notices are named by a code in the redirect's query, so a link cannot put words in the page's mouth.
NOTICES = {
    "saved": "已保存。",
    "added": "已添加。",
    "dropped": "已删除。",
    "assigned": "已分配责任单位。",
    "scheduled": "已保存牵头领导和完成时限。",
    "split": "已拆分任务。",
    "merged": "已合并任务。",
    "published": "计划已发布，责任单位可以开始报送。",
    "settings": "计划设置已保存。",
    "suggested": "已按建议为未分配的任务分配牵头单位。",
    "draft": "草稿已保存，尚未提交。",
    "submitted": "已提交，等待督查室审核。",
    "approved": "已审核通过。",
    "returned": "已退回，并附退回意见。",
    "attached": "附件已上传。",
    "disabled": "账号已停用。",
}
CONFLICT_HINT = "下面显示的是最新内容（您的修改未保存），请核对后重新提交。"


@dataclass(frozen=True)
class Refusal:
    """Why a service refused a form: the HTTP status and the message to show next to the form."""

    status: int
    message: str

    @property
    def conflict(self) -> bool:
        """True for a stale edit: the page shows the newer data."""
        return self.status == 409


def attempt(action: Callable[[], T]) -> T | Refusal:
    """Run a service call; a refusal (bad value, state, role, missing record, stale version) becomes a Refusal."""
    try:
        return action()
    except (ServiceError, ConflictError, NotFound) as error:
        message = str(error)
        if isinstance(error, ConflictError):
            message = f"{message.removesuffix('，请刷新后重试')}。{CONFLICT_HINT}"
        return Refusal(service_status(error), message)


def done(path: str, notice: str, anchor: str = "", query: dict[str, str] | None = None) -> RedirectResponse:
    """303 to the page the form belongs to, with a notice code (post → redirect → get)."""
    return RedirectResponse(f"{path}?{urlencode({**(query or {}), 'ok': notice})}{anchor}", status_code=303)


def notice(code: str | None) -> str | None:
    """The words of a notice code, or None for none or an unknown code."""
    return NOTICES.get(code or "")


def whole(text: str | None) -> int | None:
    """A whole number typed in a form, or None."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def newest_plan(sessions: sessionmaker[Session]) -> PlanView | None:
    """The newest plan, so pages outside a plan still link to its report and tasks."""
    found = list_plans(sessions=sessions)
    return found[0] if found else None
