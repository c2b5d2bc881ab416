"""Work items of the plan: paragraphs that open with a short title sentence under plan headings.

An item may also be stated inline (今年再办好十件民生实事:一是…;二是…), open with an ordinal
(一要打好…攻坚战。), or stand as a short title sentence in mid-paragraph (…。积极扩大有效投资。…)
where the section's paragraphs open with no titles.
"""

from __future__ import annotations

import re
from itertools import pairwise

from luoshi.extraction.model import Section, Target, Task, YearSpan
from luoshi.extraction.projects import find_projects
from luoshi.extraction.rules import TaskRules, rules
from luoshi.extraction.segment import Span, paragraphs

MAX_TITLE_CHARS = 30
_TITLE = re.compile(rf"^([^。!?;:]{{2,{MAX_TITLE_CHARS}}})。")
_CN_NUMERALS = "一二三四五六七八九十"

Item = tuple[str, int, int]  # title, start, end


def _task_sections(sections: tuple[Section, ...]) -> list[tuple[Section, int, bool]]:
    """Plan sections that hold work items, each with where its own text ends (its first child) and
    whether it has sub-headings.

    A top heading with sub-headings only introduces them; a sub-heading's own paragraphs, and a
    top heading without sub-headings, hold work items.
    """
    out = []
    for s in sections:
        children = [c for c in sections if c.parent == s.id]
        if s.kind == "plan" and (s.parent is not None or not children):
            out.append((s, children[0].start if children else s.end, bool(children)))
    return out


def _title(par: Span, *, commas: bool) -> str | None:
    """The short title sentence a work item opens with (强力推进园区建设。)."""
    m = _TITLE.match(par.text)
    return m.group(1) if m and (commas or "," not in m.group(1)) else None


def _not_task(par: Span, tr: TaskRules) -> bool:
    """A paragraph of general requirements or main targets (今年政府工作的总体要求是:…)."""
    first = re.split(r"[,;:。]", par.text, maxsplit=1)[0]
    return any(w in first for w in tr.not_task_words)


def _body(text: str, section: Section, end: int) -> list[Span | None]:
    """The paragraphs under a section's heading, up to a closing address to the deputies.

    None stands for a paragraph that is no work item (总体要求是:…): it ends the item above it.
    """
    r = rules()
    body: list[Span | None] = []
    for p in paragraphs(text):
        if section.start < p.start < end:
            if p.text.startswith(r.lexicon.address_openers):
                break
            body.append(None if _not_task(p, r.tasks) else p)
    return body


def _tasks_of(text: str, section: Section, own_end: int, *, has_children: bool) -> list[Item]:
    """(title, start, end) of each work item of one section."""
    body = _body(text, section, own_end)
    # Titles are usually one phrase (强力推进园区建设。); a section whose titles all carry a comma
    # (聚焦产业升级,构建现代化产业体系。) is read again allowing one.
    items = _titled_items(body, commas=False) or _titled_items(body, commas=True)
    if not items and (has_children or any(w in section.title for w in rules().tasks.not_task_words)):
        # Untitled paragraphs before sub-headings introduce them; under 二、2025年工作总体要求和
        # 主要目标 they state requirements: no work items either way.
        return []
    if not items:
        # No titled paragraphs: the heading paragraph, when it goes on after its title (as in
        # (一)着力扩大国内需求。把恢复和扩大消费摆在优先位置。…), then each other paragraph,
        # split at short title sentences in mid-paragraph.
        line_end = text.find("\n", section.start)
        line_end = line_end if line_end >= 0 else section.end
        inline = text[section.start : line_end].partition(section.title)[2].strip("。 ")
        if inline or (not any(body) and own_end == section.end):
            items += _mid_titled(text, section.title, section.start, line_end, heading=True)
        for p in body:
            if p is not None:
                items += _mid_titled(text, _first_clause(p.text), p.start, p.end, heading=False)
    out: list[Item] = []
    for title, start, end in items:
        out += _inline_items(text, title, start, end)
    return [(_without_ordinal(title), start, end) for title, start, end in out]


def _titled_items(body: list[Span | None], *, commas: bool) -> list[Item]:
    """Work items that open with a title sentence; an untitled paragraph continues the one above."""
    items: list[Item] = []
    after_break = False
    for par in body:
        if par is None:
            after_break = True
            continue
        title = _title(par, commas=commas)
        if title is not None:
            items.append((title, par.start, par.end))
            after_break = False
        elif items and not after_break:
            items[-1] = (items[-1][0], items[-1][1], par.end)
    return items


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of text[start:end], each with its 。."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^。!?]+[。!?]?", text[start:end])]


def _is_mid_title(sentence: str, tr: TaskRules) -> bool:
    """A short title sentence (积极扩大有效投资。): no punctuation but quotes, at most a few words."""
    body = sentence.strip().rstrip("。")
    short = 4 <= len(body) <= tr.mid_title_max_chars and sentence.endswith("。")
    return short and not re.search(r"[,、;:()\d]", body)  # 完成防沙治沙1500万亩。 states, titles none


def _mid_titled(text: str, title: str, start: int, end: int, *, heading: bool) -> list[Item]:
    """A paragraph as work items: one, or one per short title sentence in mid-paragraph.

    What stands before the first such title is an item of its own, titled by the paragraph's first
    clause; after a heading's title, one sentence of introduction opens the first item instead.
    """
    tr = rules().tasks
    if len(_inline_items(text, title, start, end)) > 1:
        return [(title, start, end)]  # items stated inline (一要…。…二要…。) are read as those
    sents = _sentences(text, start, end)
    skip = 1 if heading else 0  # the heading's own title sentence is no mid-paragraph title
    candidates = [i for i, (a, b) in enumerate(sents) if i > skip and _is_mid_title(text[a:b], tr)]
    # A title opens a body of its own (a few sentences); a short sentence followed by little
    # before the next one is a terse sentence of the body above (实施中医药振兴发展重大工程。).
    cuts = []
    for i, j in zip(candidates, [*candidates[1:], len(sents)], strict=False):
        body_chars = sents[j - 1][1] - sents[i][1] if j > i + 1 else 0
        if body_chars >= tr.mid_title_min_body:
            cuts.append(i)
    if end - start < tr.mid_title_min_paragraph or len(cuts) < 2:
        return [(title, start, end)]
    bounds = [*cuts, len(sents)]
    items = [
        (text[sents[i][0] : sents[i][1]].strip().rstrip("。"), sents[i][0], sents[j - 1][1])
        for i, j in pairwise(bounds)
    ]
    # A paragraph's own opening sentence is an item (全面实施改革攻坚行动,推动…。深化国资国企改革。…);
    # after a heading's title one sentence introduces the items.
    return _with_lead(title, start, items, lead_sentences=cuts[0] - skip + (0 if heading else 1))


def _with_lead(title: str, start: int, items: list[Item], *, lead_sentences: int) -> list[Item]:
    """Items after a lead: the lead opens the first item when short, else is an item itself."""
    if lead_sentences <= 1:
        first_title, _, first_end = items[0]
        return [(first_title, start, first_end), *items[1:]]
    return [(title, start, items[0][1]), *items]


def _inline_items(text: str, title: str, start: int, end: int) -> list[Item]:
    """An item that states its own items inline (…:一是A;二是B;三是C。) as those items."""
    tr = rules().tasks
    span = text[start:end]
    marks: list[tuple[int, int]] = []  # (position, numeral) of ordinals after a clause break
    for pattern in tr.item_ordinals:
        for m in pattern.finditer(span):
            if m.start() == 0 or span[m.start() - 1] in "。;:!?\n":
                marks.append((m.start(), _CN_NUMERALS.find(m.group("n")[-1]) + 1))
    marks.sort()
    run: list[int] = []
    for pos, n in marks:  # the ordinals in sequence from 一
        if n == len(run) + 1:
            run.append(pos)
    if len(run) < 2:
        return [(title, start, end)]
    bounds = [*run, len(span)]
    items = [(_item_title(span[a:b]), start + a, start + b) for a, b in pairwise(bounds)]
    lead = span[: run[0]]
    lead_sentences = len([s for s in re.split(r"[。!?]", lead) if s.strip()]) - (1 if _TITLE.match(lead) else 0)
    return _with_lead(title, start, items, lead_sentences=lead_sentences)


def _item_title(item: str) -> str:
    """The title of an inline item: its first sentence when short, else its first clause."""
    sentence = re.split(r"[;:。!?]", item, maxsplit=1)[0]
    return sentence if len(_without_ordinal(sentence)) <= MAX_TITLE_CHARS else _first_clause(item)


def _without_ordinal(title: str) -> str:
    """一是突出扩大内需 -> 突出扩大内需."""
    for pattern in rules().tasks.item_ordinals:
        m = pattern.match(title)
        if m and len(title) > m.end():
            return title[m.end() :]
    return title


def _first_clause(par: str) -> str:
    return re.split(r"[,;。!?:]", _without_ordinal(par), maxsplit=1)[0][:MAX_TITLE_CHARS]


def extract_tasks(
    text: str, sections: tuple[Section, ...], targets: tuple[Target, ...], plan_year: int | None
) -> tuple[Task, ...]:
    """Every work item of the plan with its text, the targets stated in it and its projects."""
    out: list[Task] = []
    horizon = YearSpan(plan_year, plan_year) if plan_year else None
    for section, own_end, has_children in _task_sections(sections):
        for n, (title, start, end) in enumerate(_tasks_of(text, section, own_end, has_children=has_children), 1):
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
