"""The disclosure header of a government information page (索引号, 发布机构, 成文日期 …)."""

from __future__ import annotations

import re

# Canonical key → the labels sites use for it (the first is the usual one).
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "category": ("分类", "主题分类", "信息分类", "组配分类"),
    "issuer": ("发布机构", "发文机关", "发文单位", "发布单位"),
    "written_date": ("成文日期", "发文日期", "生成日期"),
    "title": ("名称", "标题", "文件名称"),
    "doc_no": ("文号", "发文字号"),
    "published_date": ("发布日期", "公开日期"),
    "keywords": ("主题词", "关键词"),
}
DATE_KEYS = frozenset({"written_date", "published_date"})

_KEY_OF = {label: key for key, labels in LABELS.items() for label in labels}
# A label at the start of a line or after a space, followed by a colon or a space (or the line end).
# Pages pad short labels to the width of long ones (名　　称), so spaces may stand inside a label.
_LABEL = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(" ?".join(label) for label in sorted(_KEY_OF, key=len, reverse=True))
    + r")\s*(?:[:：]|\s|$)"
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# The header stands before the report: stop at the first sentence of running text.
_HEADER_MAX_LINES = 60
_BODY_LINE = 80


def parse_header(text: str) -> dict[str, str]:
    """Map canonical keys to the non-blank values of the header block near the top of `text`."""
    found: dict[str, str] = {}
    for line in _header_zone(text):
        if not _LABEL.match(line):
            continue
        for key, value in _fields(line):
            if value and key not in found:
                found[key] = iso_date(value) if key in DATE_KEYS else value
    return found


def _header_zone(text: str) -> list[str]:
    """The lines before the body of the report starts (a long line or a sentence ending with 。)."""
    zone = []
    for line in text.split("\n")[:_HEADER_MAX_LINES]:
        if len(line) >= _BODY_LINE or line.endswith("。"):
            break
        zone.append(line)
    return zone


def _fields(line: str) -> list[tuple[str, str]]:
    """The (key, value) pairs of one header line; several labels may share it."""
    matches = list(_LABEL.finditer(line))
    pairs = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line)
        label = match.group("label").replace(" ", "")
        pairs.append((_KEY_OF[label], line[match.end() : end].strip(" :：")))
    return pairs


def iso_date(value: str) -> str:
    """2021年11月23日, 2021/11/23 or 2021.11.23 → 2021-11-23; other values are kept as written."""
    match = _DATE.search(value)
    if not match:
        return value
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return value
    return f"{year:04d}-{month:02d}-{day:02d}"
