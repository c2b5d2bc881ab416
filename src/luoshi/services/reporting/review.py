"""The review queue (审核) as the supervision office reads it: each submitted report with its task and author."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from luoshi.services.actors import Actor
from luoshi.services.reporting.progress import ProgressPublic, review_queue
from luoshi.storage import people, plans, transaction
from luoshi.storage.models import Task, User


@dataclass(frozen=True)
class ReviewItem:
    """A submitted report waiting for review, with what the reviewer needs to find it."""

    report: ProgressPublic
    task_title: str
    plan_id: int
    lead: str | None
    author: str | None


def review_items(*, sessions: sessionmaker[Session], actor: Actor, plan_id: int | None = None) -> list[ReviewItem]:
    """The review queue (planners only, as `review_queue` enforces), oldest first."""
    queue = review_queue(sessions=sessions, actor=actor, plan_id=plan_id)
    with transaction(sessions) as session:
        names = people.department_names_by_id(session)
        return [_item(session, names, report) for report in queue]


def _item(session: Session, names: dict[int, str], report: ProgressPublic) -> ReviewItem:
    """One queue row."""
    task = session.get_one(Task, report.task_id)
    lead = plans.lead_department_id(session, task.id)
    author = session.get(User, report.author_id) if report.author_id else None
    who = (author.display_name or author.username) if author else None
    return ReviewItem(report, task.title, task.plan_id, names.get(lead) if lead else None, who)
