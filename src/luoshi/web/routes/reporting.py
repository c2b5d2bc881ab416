"""报送 pages: a department's inbox, and the report form (values, percent, narrative, attachments; draft or submit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from luoshi.services.reporting import attachments
from luoshi.services.reporting.filing import ReportFiling, Upload, file_report
from luoshi.services.reporting.form import report_form
from luoshi.services.reporting.inbox import department_inbox
from luoshi.web.actors import actor_of
from luoshi.web.deps import AsOf, RecordId, Sessions, User
from luoshi.web.forms import Refusal, Reporter, attempt, done, newest_plan, notice, whole
from luoshi.web.templating import render

router = APIRouter(include_in_schema=False)
Period = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$")]
TEXTS = ("progress_text", "problems", "next_steps")
MAX_TEXT = 5000


@router.get("/inbox")
def inbox(request: Request, user: User, sessions: Sessions, today: AsOf) -> Response:
    """报送: what is due this period and what came back; supervisors are sent to their review queue."""
    if user.role != "department":
        return RedirectResponse("/review", status_code=303)
    box = department_inbox(sessions=sessions, actor=actor_of(user), as_of=today)
    return render(request, "workbench/inbox.html", {"box": box, "page": "inbox", "plan": newest_plan(sessions)})


@router.get("/tasks/{task_id}/report")
def report_page(
    task_id: RecordId,
    request: Request,
    user: Reporter,
    sessions: Sessions,
    today: AsOf,
    period: Period = None,
    ok: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The report form of a period (default: the one open now)."""
    return form_page(request, user, sessions, today, task_id, period, notice=notice(ok))


@dataclass
class Sent:
    """What the user typed, shown again when the form is refused."""

    values: dict[int, str] = field(default_factory=dict)
    percent: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def form_page(
    request: Request,
    user: Reporter,
    sessions: Sessions,
    today: AsOf,
    task_id: int,
    period: str | None,
    *,
    notice: str | None = None,
    refusal: Refusal | None = None,
    sent: Sent | None = None,
) -> Response:
    """The form as stored now; after a refusal other than a conflict, with what the user typed."""
    form = report_form(sessions=sessions, actor=actor_of(user), task_id=task_id, as_of=today, period=period)
    keep = sent if sent and not (refusal and refusal.conflict) else None
    errors = sent.errors if sent else {}
    fields = {f"value-{t.id}" for t in form.targets} | {"files"} | ({"percent"} if form.needs_percent else set())
    context = {
        "form": form,
        "sent": keep,
        "errors": errors,
        # A refused field the form does not show (a target no longer the task's): named above the form.
        "stray": [message for key, message in errors.items() if key not in fields],
        "notice": notice,
        "refusal": refusal,
        "limit_mb": attachments.MAX_BYTES // (1024 * 1024),
        "types": "、".join(sorted(attachments.TYPES)),
        "page": "inbox",
        "plan": newest_plan(sessions),
    }
    status = refusal.status if refusal else (422 if sent and sent.errors else 200)
    return render(request, "workbench/report_form.html", context, status_code=status)


@router.post("/tasks/{task_id}/report")
async def save_report(task_id: RecordId, request: Request, user: Reporter, sessions: Sessions, today: AsOf) -> Response:
    """File the report (draft, attachments, submission when asked) at once; every refusal re-shows the form."""
    data = await request.form()
    period = str(data.get("period", ""))[:7]
    sent = _sent(data)
    files = [Upload(f.filename or "", await f.read(attachments.MAX_BYTES + 1)) for f in _uploads(data)]
    filing = ReportFiling(
        task_id,
        period,
        sent.values,
        sent.percent,
        progress_text=sent.texts["progress_text"],
        problems=sent.texts["problems"],
        next_steps=sent.texts["next_steps"],
        files=tuple(files),
        submit=data.get("action") == "submit",
        report_id=whole(str(data.get("report_id", ""))),
        version=whole(str(data.get("version", ""))),
    )
    filed = await run_in_threadpool(
        attempt, partial(file_report, sessions=sessions, actor=actor_of(user), filing=filing)
    )
    if isinstance(filed, Refusal):
        return form_page(request, user, sessions, today, task_id, period or None, refusal=filed, sent=sent)
    if filed.errors:
        sent.errors = dict(filed.errors)
        return form_page(request, user, sessions, today, task_id, period or None, sent=sent)
    return done(f"/tasks/{task_id}/report", "submitted" if filed.submitted else "draft", query={"period": period})


def _sent(data: FormData) -> Sent:
    """The typed fields of the form, bounded in length."""
    values = {}
    for key, raw in data.multi_items():
        target_id = whole(key.removeprefix("value-")) if key.startswith("value-") else None
        if target_id is not None and isinstance(raw, str):
            values[target_id] = raw[:30]
    texts = {k: str(data.get(k, ""))[:MAX_TEXT] for k in TEXTS}
    return Sent(values, str(data.get("percent", ""))[:10], texts)


def _uploads(data: FormData) -> list[UploadFile]:
    """The files chosen in the form (a browser sends an empty part when none was chosen)."""
    return [f for f in data.getlist("files") if isinstance(f, UploadFile) and f.filename]


@router.get("/attachments/{attachment_id}")
def download(attachment_id: RecordId, user: User, sessions: Sessions) -> Response:
    """An attachment as a download, never shown inline (it is the uploader's file, not ours)."""
    found, content = attachments.attachment_content(
        sessions=sessions, actor=actor_of(user), attachment_id=attachment_id
    )
    disposition = f"attachment; filename*=UTF-8''{_quoted(found.filename)}"
    return Response(content, media_type=found.content_type, headers={"Content-Disposition": disposition})


def _quoted(name: str) -> str:
    """A file name for the Content-Disposition header (RFC 5987)."""
    return quote(name, safe="")
