"""Work items of the plan: paragraphs that open with a short title sentence under plan headings."""

from __future__ import annotations

import re

from luoshi.extraction.model import Section, Target, Task, YearSpan
from luoshi.extraction.projects import find_projects
from luoshi.extraction.rules import rules
from luoshi.extraction.segment import Span, paragraphs

MAX_TITLE_CHARS = 30
_TITLE = re.compile(rf"^([^。!?;:]{{2,{MAX_TITLE_CHARS}}})。")


def _task_sections(sections: tuple[Section, ...]) -> list[tuple[Section, int]]:
    """Plan sections that hold work items, each with where its own text ends (its first child).

    A top heading with sub-headings only introduces them; a sub-heading's own paragraphs,
    and a top heading without sub-headings, hold work items.
    """
    out = []
    for s in sections:
        children = [c for c in sections if c.parent == s.id]
        if s.kind == "plan" and (s.parent is not None or not children):
            out.append((s, children[0].start if children else s.end))
    return out


def _title(par: Span, *, commas: bool) -> str | None:
    """The short title sentence a work item opens with (强力推进园区建设。)."""
    m = _TITLE.match(par.text)
    return m.group(1) if m and (commas or "," not in m.group(1)) else None


def _body(text: str, section: Section, end: int) -> list[Span]:
    """The paragraphs under a section's heading, up to `end` or a closing address to the deputies."""
    body = []
    for p in paragraphs(text):
        if section.start < p.start < end:
            if p.text.startswith(rules().lexicon.address_openers):
                break
            body.append(p)
    return body


def _tasks_of(text: str, section: Section, own_end: int) -> list[tuple[str, int, int]]:
    """(title, start, end) of each work item of one section."""
    body = _body(text, section, own_end)
    # Titles are usually one phrase (强力推进园区建设。); a section whose titles all carry a comma
    # (聚焦产业升级,构建现代化产业体系。) is read again allowing one.
    items = _titled_items(body, commas=False) or _titled_items(body, commas=True)
    if not items:
        # No titled items: the heading paragraph, when it goes on after its title (as in
        # (一)着力扩大国内需求。把恢复和扩大消费摆在优先位置。…), then each other paragraph.
        line_end = text.find("\n", section.start)
        line_end = line_end if line_end >= 0 else section.end
        inline = text[section.start : line_end].partition(section.title)[2].strip("。 ")
        if inline or (not body and own_end == section.end):
            items.append((section.title, section.start, line_end))
        items += [(_first_clause(p.text), p.start, p.end) for p in body]
    return items


def _titled_items(body: list[Span], *, commas: bool) -> list[tuple[str, int, int]]:
    """Work items that open with a title sentence; an untitled paragraph continues the one above."""
    items: list[tuple[str, int, int]] = []
    for par in body:
        title = _title(par, commas=commas)
        if title is not None:
            items.append((title, par.start, par.end))
        elif items:
            items[-1] = (items[-1][0], items[-1][1], par.end)
    return items


def _first_clause(par: str) -> str:
    return re.split(r"[,;。!?:]", par, maxsplit=1)[0][:MAX_TITLE_CHARS]


def extract_tasks(
    text: str, sections: tuple[Section, ...], targets: tuple[Target, ...], plan_year: int | None
) -> tuple[Task, ...]:
    """Every work item of the plan with its text, the targets stated in it and its projects."""
    out: list[Task] = []
    horizon = YearSpan(plan_year, plan_year) if plan_year else None
    for section, own_end in _task_sections(sections):
        for n, (title, start, end) in enumerate(_tasks_of(text, section, own_end), 1):
            body = text[start:end]
            inside = tuple(i for i, t in enumerate(targets) if start <= t.start < end)
            out.append(
                Task(
                    id=f"{section.id}.{n}",
                    section=section.id,
                    title=title,
                    text=body,
                    start=start,
                    end=end,
                    horizon=horizon,
                    targets=inside,
                    projects=find_projects(body),
                )
            )
    return tuple(out)
