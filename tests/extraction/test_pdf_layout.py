"""PDF layout on hand-made pages (no PDF library): lines by position, running heads, wrapped lines, list numbers."""

from __future__ import annotations

import pytest

from luoshi.extraction.docxtext import format_number
from luoshi.extraction.pdflayout import Char, Page, layout_text, page_lines

SIZE = 10.0
LEFT, RIGHT, HEIGHT = 50.0, 250.0, 400.0  # 20 characters to a full line


def line_chars(text: str, baseline: float, x: float = LEFT, size: float = SIZE) -> list[Char]:
    """A line of full-width characters (ASCII ones half as wide), starting at x."""
    chars = []
    for char in text:
        width = size / 2 if char.isascii() else size
        chars.append(Char(char, x, x + width, baseline, size, run=len(chars)))
        x += width
    return chars


def page(*rows: tuple[str, float] | tuple[str, float, float]) -> Page:
    chars = [c for row in rows for c in line_chars(row[0], row[1], *row[2:])]
    return Page(HEIGHT, page_lines(chars))


def test_lines_are_read_by_position_not_drawing_order() -> None:
    chars = line_chars("第二行的文字", 300) + line_chars("第一行的文字", 315)
    assert [line.text for line in page_lines(reversed(chars))] == ["第一行的文字", "第二行的文字"]


def test_a_gap_is_a_space_only_where_it_is_wide() -> None:
    chars = line_chars("发布机构:", 300) + line_chars("某某市人民政府", 300, x=LEFT + 60) + line_chars("GDP", 280)
    chars += line_chars("growth", 280, x=LEFT + 17)
    assert [line.text for line in page_lines(chars)] == ["发布机构: 某某市人民政府", "GDP growth"]


BODY = "过去一年全市经济运行稳中有进地区生产总值增长百分之五点二城镇新增就业八万人以上。" * 2
TITLE = ("某某市政府工作报告", 380.0, 110.0)


def typeset(number: int, text: str) -> Page:
    """One page: a running title, the text in full lines of 20 (the first indented two), a page number."""
    rows: list[tuple[str, float] | tuple[str, float, float]] = [TITLE]
    first, rest = text[:18], text[18:]
    rows.append((first, 320.0, LEFT + 2 * SIZE))
    for i in range(0, len(rest), 20):
        rows.append((rest[i : i + 20], 320.0 - 14 * (i // 20 + 1)))
    rows.append((f"— {number} —", 20.0, 140.0))
    return page(*rows)


def test_running_heads_and_page_numbers_go_and_wrapped_lines_join() -> None:
    texts = [BODY[n:] + BODY[:n] for n in (0, 5, 9)]
    pages = [typeset(n, text) for n, text in enumerate(texts, 1)]
    assert layout_text(pages) == "\n\n".join(texts)


def test_a_paragraph_runs_on_across_a_page_break() -> None:
    end_of_page = page(TITLE, (BODY[:18], 90.0, LEFT + 20), (BODY[18:38], 76.0), ("第1页 共3页", 20.0, 130.0))
    next_page = page(TITLE, (BODY[38:58], 320.0), ("第2页 共3页", 20.0, 130.0))
    third = page(TITLE, ("城镇新增就业八万人以上。", 320.0, LEFT + 20), ("3/3", 20.0, 140.0))
    assert layout_text([end_of_page, next_page, third]) == BODY[:58] + "\n\n城镇新增就业八万人以上。"


def test_a_short_line_or_an_indent_or_a_heading_ends_a_paragraph() -> None:
    rows = [
        ("一、过去一年工作回顾", 340.0),
        (BODY[:20], 326.0),
        ("一二三四五六七八九十一二三四五六七八九", 312.0),  # one character short of full
        ("（一）坚持稳中求进工作总基调不动摇不松劲", 298.0),  # a heading after a full line
        ("持续推进各项改革取得明显成效进一步提升工", 284.0),
        ("作水平。", 270.0),
        ("各位代表：", 256.0),
    ]
    text = layout_text([page(*rows)])
    assert text.split("\n\n") == [
        "一、过去一年工作回顾",
        BODY[:20] + "一二三四五六七八九十一二三四五六七八九",
        "（一）坚持稳中求进工作总基调不动摇不松劲持续推进各项改革取得明显成效进一步提升工作水平。",
        "各位代表：",
    ]


def test_a_glyph_drawn_twice_is_read_once_but_a_ligature_keeps_both_characters() -> None:
    bold = line_chars("工作报告", 300)
    twice = bold + [Char(c.text, c.x0 + 0.3, c.x1 + 0.3, c.baseline, c.size, run=100 + c.run) for c in bold]
    dash = [Char("—", LEFT, LEFT + 20, 280, SIZE, run=7), Char("—", LEFT, LEFT + 20, 280, SIZE, run=7)]
    assert [line.text for line in page_lines(twice + dash)] == ["工作报告", "——"]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (101, "chineseCounting", "一百零一"),
        (110, "chineseCounting", "一百一十"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "ideographTraditional", "乙"),
        (3, "decimalEnclosedCircleChinese", "③"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "decimal", "7"),
        (5, "none", ""),
    ],
)
def test_word_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown
