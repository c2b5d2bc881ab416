"""Report fields: who reports, where and when, from the disclosure header and the text itself."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from luoshi.extraction.model import Report, Section
from luoshi.extraction.statements import Timeline

_CN_NUM = "一二三四五六七八九十"
_MEETING = rf"在(.{{2,40}}?[{_CN_NUM}]+次会议)(?:上|的)"
# The date, then at most a speaker (——2025年1月16日省长 王小川在…会议上的讲话), then the congress.
_DELIVERY = re.compile(rf"(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日[^。]{{0,25}}?{_MEETING}")
_CONGRESS = re.compile(_MEETING)
_TITLE_WORDS = "总理|代理省长|代省长|省长|代理市长|代市长|市长|代区长|区长|代县长|县长|州长|旗长|盟长|主席"
# A name: two to four characters (maybe letter-spaced: 龚 正), or two parts joined by a middle dot.
_NAME = r"(?:[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,10}|[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})"
_TITLE_NAME = re.compile(rf"^([\u4e00-\u9fff]{{0,30}}?(?:{_TITLE_WORDS}))\s*({_NAME})$")
_NAME_TITLE = re.compile(rf"^({_NAME})({_TITLE_WORDS})$")
_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
# What follows the speaker on a date line: 同志作政府工作报告。, 的讲话, 的政府工作报告.
_SPEECH = re.compile(r"(?:同志)?(?:作)?(?:的)?(?:政府工作报告|报告|讲话)$")
_EDGES = "—-―()[]〔〕 。.:"
_CLAUSE = re.compile(r"[,;。]")
# 现在,我代表某某市人民政府,向大会报告工作: the government that reports, when nothing else names it.
_ON_BEHALF = re.compile(
    r"我代表([\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟))人民政府"
)
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|旗|州|盟)")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_FIVE_YEAR = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
_NATION = "中华人民共和国"


def _front(text: str) -> str:
    """The lines before the address to the deputies, joined: title, date, congress, speaker."""
    cut = text.find("各位代表")
    return text[: cut if cut >= 0 else min(len(text), 600)]


def _delivery(front: str) -> tuple[str | None, str | None]:
    """The delivery date and the congress (the congress alone when no date stands before it)."""
    joined = re.sub(r"\s+", "", front)
    m = _DELIVERY.search(joined)
    if not m:
        c = _CONGRESS.search(joined)
        return None, c.group(1) if c else None
    y, mo, d, congress = m.groups()
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", congress


def delivered_plan_year(text: str) -> int | None:
    """The plan year the delivery date tells: that year up to June, else the next one."""
    delivered, _ = _delivery(_front(text))
    if delivered is None:
        return None
    year, month = int(delivered[:4]), int(delivered[5:7])
    return year if month <= 6 else year + 1


def _speaker(front: str) -> tuple[str | None, str | None]:
    """The speaker and their title from the front matter's lines (the date and the congress cut away).

    The speaker stands after the date line (省长 王小川), on it (…会议上某某市市长 张伟,
    …会议上,市长李四作政府工作报告。), before the congress (2025年1月16日省长 王小川在…的讲话),
    with the title after the name (李明市长在…), or split over two lines (国务院总理 / 李 强).
    """
    lines = [ln.strip() for ln in front.split("\n") if ln.strip()]
    clauses = [c for line in lines for c in _CLAUSE.split(line)]
    for clause in clauses:
        found = _speaker_in(clause, allow_bare_name=True)
        if found != (None, None):
            return found
    for line, following in pairwise(lines):
        found = _speaker_in(f"{line} {following}", allow_bare_name=False)
        if found != (None, None):
            return found
    return None, None


def _speaker_in(clause: str, *, allow_bare_name: bool) -> tuple[str | None, str | None]:
    """The speaker of one clause once its date, congress and closing words are cut away.

    `allow_bare_name` is for a clause of one line: there a name alone, or before its title, may
    follow the congress; over two joined lines only a title then a name is read.
    """
    had_meeting = _CONGRESS.search(re.sub(r"\s+", "", clause)) is not None
    rest = re.sub(r"^.*?政府工作报告(?=[—\-(]*\d{4}年)", "", clause)  # the title glued before the date
    rest = _DATE.sub("", rest)
    rest = re.sub(r"在.{2,42}?次会议(?:上|的)?", "", rest)
    rest = _SPEECH.sub("", rest.strip(_EDGES)).strip(_EDGES)
    if not rest or len(rest) > 40:
        return None, None
    m = _TITLE_NAME.search(rest)
    if m:
        return re.sub(r"\s", "", m.group(2)), m.group(1).strip()
    # 李明市长 only on the line of the congress (not 国务院总理 above the name's line).
    m = _NAME_TITLE.match(rest) if allow_bare_name and had_meeting else None
    if m:
        return re.sub(r"\s", "", m.group(1)), m.group(2)
    # ——2026年2月3日在某某省…会议上张伟明: a name alone after the congress.
    if allow_bare_name and had_meeting and re.fullmatch(_NAME, rest) and len(rest.replace(" ", "")) <= 4:
        return rest.replace(" ", ""), None
    return None, None


def _region(congress: str | None, speaker_title: str | None, title: str | None, text: str) -> str | None:
    """The government that reports: the congress's prefix, else the last unit of the speaker's title."""
    if congress:
        if "全国人民代表大会" in congress:
            return _NATION
        m = re.match(rf"(.+?)第[{_CN_NUM}]+届", congress)
        if m:
            return m.group(1)
    if speaker_title:
        if speaker_title.startswith("国务院"):
            return _NATION
        units = _UNIT.findall(speaker_title.split("人民政府")[0])
        if units:
            return str(units[-1])
    if "代表国务院" in text[:2000]:
        return _NATION
    m = _ON_BEHALF.search(text[:3000])
    if m and m.group(1) not in ("自治区", "自治州", "自治县"):
        return m.group(1)
    if title:
        name = _YEAR_PREFIX.sub("", title)
        m = re.match(rf"(.+?(?:省|自治区|市|区|县|旗|州|盟))(?:[{_CN_NUM}]+届|人民政府|政府工作报告)", name)
        if m:
            return m.group(1)
    return None


def _level(region: str | None, text: str) -> str | None:
    """national, province, city or county; a county-level city is told by what it governs."""
    if region is None:
        return None
    if region == _NATION:
        return "national"
    if region.endswith(("省", "自治区")) or region in _MUNICIPALITIES:
        return "province"
    if region.endswith(("区", "县", "旗", "自治县")):
        return "county"
    governs_counties = sum(text.count(w) for w in ("县(市、区)", "县(市,区)", "县区", "区县", "各县", "县(区)"))
    governs_towns = sum(text.count(w) for w in ("镇(街道)", "镇街", "乡镇(街道)", "各镇"))
    return "county" if governs_towns > governs_counties else "city"


def _plan_year(sections: tuple[Section, ...], delivered: str | None, text: str) -> int | None:
    """The year whose work the report arranges."""
    for s in sections:
        if s.kind == "plan":
            m = re.search(r"((?:19|20)\d{2})年", s.title)
            if m:
                return int(m.group(1))
    if delivered:
        year, month = int(delivered[:4]), int(delivered[5:7])
        return year if month <= 6 else year + 1
    # The year after the one the review is about: its heading's year (1999年工作回顾), else
    # the year it names most (首先报告2001年的工作 -> 2002).
    for s in sections:
        m = re.search(r"((?:19|20)\d{2})年", s.title) if s.kind == "review" else None
        if m:
            return int(m.group(1)) + 1
    first_plan = next((s.start for s in sections if s.kind in ("plan", "programme")), len(text))
    reviewed = Counter(int(y) for y in re.findall(r"((?:19|20)\d{2})年", text[:first_plan]))
    if not reviewed:
        return None
    mode = reviewed.most_common(1)[0][0]
    if any("五年" in s.title for s in sections if s.kind == "review"):
        # A five-year review names its base year and its last year most (1997 -> 2002).
        return max(y for y, _ in reviewed.most_common(3) if y <= mode + 5) + 1
    return mode + 1


def _term(sections: tuple[Section, ...], plan_year: int | None, text: str) -> tuple[int, int] | None:
    """The span of a multi-year programme, when the report sets one."""
    programme = [s for s in sections if s.kind == "programme" and s.parent is None]
    for s in programme:
        # The last five-year plan a title names is the one it programmes (“十三五”成就和“十四五”目标).
        named = [(s.title.rfind(name), first) for name, first in _FIVE_YEAR.items() if name in s.title]
        if named:
            first = max(named)[1]
            return first, first + 4
    for s in sections:
        # A plan heading that also sets the programme (“十五五”时期主要目标和2026年重点工作).
        starts = [first for name, first in _FIVE_YEAR.items() if name in s.title and s.parent is None]
        if plan_year and plan_year in starts:
            return plan_year, plan_year + 4
    if plan_year and (programme or "今后五年" in text or "未来五年" in text):
        return plan_year, plan_year + 4
    return None


def read_report(text: str, header: dict[str, str], sections: tuple[Section, ...]) -> tuple[Report, Timeline]:
    """Report fields from the header when present, else from the report's own front matter."""
    front = _front(text)
    delivered, congress = _delivery(front)
    speaker, speaker_title = _speaker(front)
    title = header.get("title") or _title(front)
    region = _region(congress, speaker_title, title, text)
    plan_year = _plan_year(sections, delivered, text)
    term = _term(sections, plan_year, text)
    keywords = tuple(k for k in re.split(r"[\s,;、]+", header.get("keywords", "")) if k)
    report = Report(
        title=title,
        region=region,
        level=_level(region, text),
        issuer=header.get("issuer") or None,
        index_no=header.get("index_no") or None,
        category=header.get("category") or None,
        doc_no=header.get("doc_no") or None,
        keywords=keywords,
        written_date=header.get("written_date") or None,
        published_date=header.get("published_date") or None,
        delivered_date=delivered,
        congress=congress,
        speaker=speaker,
        speaker_title=speaker_title,
        plan_year=plan_year,
        term=term,
    )
    return report, Timeline(plan_year=plan_year, term=term)


def _title(front: str) -> str | None:
    """The first line that names the report (政府工作报告), as printed."""
    for line in front.split("\n"):
        line = line.strip()
        if "政府工作报告" in line and len(line) <= 40 and ":" not in line:
            return line
    return None
