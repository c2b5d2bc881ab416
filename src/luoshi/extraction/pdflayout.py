"""From the characters of PDF pages to paragraphs: lines by position, running heads dropped, wraps joined.

A PDF holds glyphs at positions, not paragraphs, and the order it draws them in need not be the
order they are read in. So characters are grouped into lines by where they sit (top to bottom, left
to right on each line); the running header and footer (a line repeated at the top or bottom of the
pages, digits aside) and bare page numbers (3, — 3 —, 第3页 共8页, 3/8) are dropped; and a line is
joined to the one before it when that one runs to the right margin and this one is not indented,
in the same type size and at the usual line distance (also across a page break). Each paragraph
becomes one line of text, paragraphs separated by blank lines, as the HTML reader does.

Pure geometry on plain records: the PDF library only supplies the characters (see pdftext.py).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from luoshi.extraction.paragraphs import join_paragraphs

# Lines: a character belongs to a line when its baseline is within this many font sizes of the line's
# (superscripts and subscripts stand off it by about a third).
_SAME_LINE = 0.45
# A gap wider than this (in font sizes) between two characters is a space (a space the producer did not
# draw, table cells, spaced titles; justified Chinese text spaces its characters by up to a quarter of
# that); between two Latin letters or digits a smaller one is.
_WIDE_GAP = 0.35
_WORD_GAP = 0.12
# Running heads: searched among this many lines at each edge of a page, within this share of its height,
# repeated on at least this share of the pages (and on two at least).
_EDGE_LINES = 2
_EDGE_ZONE = 0.15
_REPEATED_SHARE = 0.4
# Paragraphs: a line is full (a wrap, not an end) when the next line's first piece would not have fit
# in the room it leaves; within this many font sizes either way it is too close to tell (producers
# round), and a line ending a sentence is taken for a paragraph's end. A line that starts this far
# right of the left margin is indented; a line distance above this many times the usual one, or a type
# size this different, separates paragraphs.
_FIT_SLACK = 0.1
_INDENT = 0.8
# A page with fewer lines than this has no margins of its own.
_FEW_LINES = 5
_PITCH_FACTOR = 1.5
# A document uses first-line indents when at least this share of its lines is indented.
_INDENTED_SHARE = 0.03
_SENTENCE_ENDS = frozenset("。！？；!?;")
_SIZE_CHANGE = 0.2

_DECORATION = "-—–－~_·•. "
_PAGE_NUMBER = re.compile(
    r"\d{1,4}|第\d{1,4}页(?:[,，]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页|\d{1,4}/\d{1,4}"
    r"|page\d{1,4}(?:of\d{1,4})?|[ivxlcdm]{1,7}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# What starts a paragraph of its own even after a full line: an outline number (一、 （一） 1. 第一章)
# or a —— item, as the normaliser keeps them (never joined to the line before).
_OPENS_BLOCK = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]"
    r"|第[一二三四五六七八九十]+[章节部分篇]|——"
)
# The address to the congress standing alone (各位代表：); not any short line ending with a colon, which
# is as often the last line of a paragraph (…重点抓好八 / 方面工作：).
_LABEL_LINE = re.compile(r"(?:各位代表|各位委员|代表们|同志们)[:：]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Char:
    """One character on a page: its left and right edges and its baseline in points, y growing upwards
    (as PDF measures it), and its type size.

    `run` tells the drawing operation it comes from: characters of one glyph (a ligature such as
    a two-em dash read as ——) share it and a box; the same glyph drawn again is another run.
    """

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    run: int = 0


@dataclass(frozen=True)
class Line:
    """A line of text: where its first and last visible characters stand, its baseline and usual type size.

    `head` is the width of the line's first unbreakable piece (a character with the punctuation that
    may not start or end a line around it, or a Latin word or number): had the line before room for
    it, the line would not have been broken there.
    """

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    head: float = 0.0


@dataclass(frozen=True)
class Page:
    """A page's lines from top to bottom, and the page's height."""

    height: float
    lines: tuple[Line, ...]


def page_lines(chars: Iterable[Char]) -> tuple[Line, ...]:
    """Group a page's characters into lines, top to bottom, each read left to right."""
    groups: list[list[Char]] = []
    anchor: Char | None = None
    for char in sorted(chars, key=lambda c: (-c.baseline, c.x0)):
        if anchor is not None and anchor.baseline - char.baseline <= _SAME_LINE * max(anchor.size, char.size):
            groups[-1].append(char)
            if char.size > anchor.size:
                anchor = char
        else:
            groups.append([char])
            anchor = char
    lines = (_line(group) for group in groups)
    return tuple(line for line in lines if line is not None)


def _line(chars: list[Char]) -> Line | None:
    """One line from its characters: left to right, duplicates (fake bold) dropped, spaces at gaps."""
    chars.sort(key=lambda c: c.x0)
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return None
    pieces: list[str] = []
    kept: list[Char] = []
    for char in chars:
        previous = kept[-1] if kept else None
        if previous is not None and _duplicate(previous, char):
            continue
        if previous is not None and not char.text.isspace() and not previous.text.isspace():
            pieces.append(_gap(previous, char))
        pieces.append(char.text)
        kept.append(char)
    sizes = Counter(round(c.size, 1) for c in visible)
    return Line(
        text="".join(pieces).strip(),
        x0=visible[0].x0,
        x1=max(c.x1 for c in visible),
        baseline=statistics.median_low(c.baseline for c in visible),
        size=sizes.most_common(1)[0][0],
        head=_head_width([c for c in kept if not c.text.isspace()]),
    )


# Punctuation that may not end a line (openers) and that may not start one (closers).
_OPENERS = frozenset("“‘(（《〈【「『〔[")
_CLOSERS = frozenset("，。、；：？！”’）》〉」』】〕,.;:?!)]%…")


def _head_width(chars: list[Char]) -> float:
    """The width of the first unbreakable piece of a line (see Line.head).

    Openers, then a character or a Latin word or number, then closers; a number glued on after
    closing punctuation (”50.9, 2.89) goes on the piece.
    """
    index = 0
    while index < len(chars) - 1 and chars[index].text in _OPENERS:
        index += 1
    while True:
        if _latin(chars[index]):
            while index + 1 < len(chars) and _latin(chars[index + 1]):
                index += 1
        while index + 1 < len(chars) and chars[index + 1].text in _CLOSERS:
            index += 1
        if index + 1 < len(chars) and _latin(chars[index + 1]) and chars[index].text in _CLOSERS:
            index += 1
            continue
        return chars[index].x1 - chars[0].x0


def _latin(char: Char) -> bool:
    return char.text.isascii() and char.text.isalnum()


def _duplicate(a: Char, b: Char) -> bool:
    """The same glyph drawn again almost on top of itself (how some producers fake bold type)."""
    return a.text == b.text and a.run != b.run and abs(a.x0 - b.x0) < 0.3 * max(a.x1 - a.x0, 0.1 * a.size)


def _gap(a: Char, b: Char) -> str:
    """A space between two characters when the gap between them is one."""
    gap = b.x0 - a.x1
    size = max(a.size, b.size)
    if gap > _WIDE_GAP * size:
        return " "
    latin = a.text.isascii() and a.text.isalnum() and b.text.isascii() and b.text.isalnum()
    return " " if latin and gap > _WORD_GAP * size else ""


def drop_running_lines(pages: Sequence[Page]) -> list[Page]:
    """The pages without their running header and footer lines and bare page numbers."""
    edges = [_edge_lines(page) for page in pages]
    counts = Counter(key for page_edges in edges for key in {_running_key(line.text) for line in page_edges})
    needed = max(2, math.ceil(_REPEATED_SHARE * sum(1 for page in pages if page.lines)))
    out = []
    for page, page_edges in zip(pages, edges, strict=True):
        dropped = {
            id(line) for line in page_edges if _is_page_number(line.text) or counts[_running_key(line.text)] >= needed
        }
        out.append(Page(page.height, tuple(line for line in page.lines if id(line) not in dropped)))
    return out


def _edge_lines(page: Page) -> list[Line]:
    """The first and last lines of a page that lie in its top or bottom margin zone."""
    zone = _EDGE_ZONE * page.height
    top = [line for line in page.lines[:_EDGE_LINES] if line.baseline >= page.height - zone]
    bottom = [line for line in page.lines[-_EDGE_LINES:] if line.baseline <= zone]
    return top + [line for line in bottom if line not in top]


def _running_key(text: str) -> str:
    """A line as it repeats from page to page: without spaces, any number standing for the page's."""
    return _DIGITS.sub("#", _SPACES.sub("", text))


def _is_page_number(text: str) -> bool:
    core = _SPACES.sub("", text).strip(_DECORATION)
    return bool(core) and _PAGE_NUMBER.fullmatch(core) is not None


@dataclass(frozen=True)
class _Margins:
    left: float
    right: float


def paragraphs(pages: Sequence[Page]) -> list[str]:
    """The text of the pages as paragraphs: wrapped lines joined, within a page and across pages."""
    margins = _margins(pages)
    pitch = _usual_pitch(pages)
    indents = _uses_indents(pages, margins)
    out: list[list[Line]] = []
    previous: tuple[Line, _Margins] | None = None
    for page in pages:
        page_margins = margins.get(id(page))
        if page_margins is None:
            continue
        for index, line in enumerate(page.lines):
            first = index == 0
            if previous is not None and _continues(previous, (line, page_margins), pitch, first=first, indents=indents):
                out[-1].append(line)
            else:
                out.append([line])
            previous = (line, page_margins)
    return [_join(lines) for lines in out]


def _continues(
    previous: tuple[Line, _Margins], current: tuple[Line, _Margins], pitch: float, *, first: bool, indents: bool
) -> bool:
    """Whether a line goes on with the paragraph of the line before it.

    At a page break there is no line distance to go by: where paragraphs are not indented, a full line
    ending a sentence at the foot of a page ends its paragraph (a sentence split off is harmless; two
    paragraphs run together are not).
    """
    (a, a_margins), (b, b_margins) = previous, current
    if abs(a.size - b.size) > _SIZE_CHANGE * max(a.size, b.size):
        return False
    room = a_margins.right - a.x1
    if room > b.head + _FIT_SLACK * a.size:  # room was left: the paragraph ended there
        return False
    if room >= b.head - _FIT_SLACK * a.size and a.text[-1] in _SENTENCE_ENDS:  # too close to tell
        return False
    if b.x0 > b_margins.left + _INDENT * b.size:  # this line is indented: a paragraph's start
        return False
    if _OPENS_BLOCK.match(b.text) or _LABEL_LINE.fullmatch(b.text):  # a heading, a —— item, the address
        return False
    if first:  # the first line of a page after the last of the page before: no distance to compare
        return indents or a.text[-1] not in _SENTENCE_ENDS
    distance = a.baseline - b.baseline
    return 0 < distance <= _PITCH_FACTOR * (pitch or 1.4 * a.size)


def _margins(pages: Sequence[Page]) -> dict[int, _Margins]:
    """Each page's text margins: where lines start (the leftmost but outliers), where full lines end.

    A page with few lines (the last page of a report) takes the margins of all the pages together.
    """
    found: dict[int, _Margins] = {}
    every: list[Line] = []
    for page in pages:
        lines = [line for line in page.lines if len(line.text) >= 5] or list(page.lines)
        every.extend(lines)
        if len(lines) >= _FEW_LINES:
            found[id(page)] = _measure(lines)
    if every:
        pooled = _measure(every)
        for page in pages:
            if page.lines and id(page) not in found:
                found[id(page)] = pooled
    return found


def _measure(lines: list[Line]) -> _Margins:
    """The left margin (the leftmost start but outliers) and the right one: where most lines end (a line
    may overhang it with punctuation), or, with no such majority, where nine lines in ten end before."""
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    common, count = Counter(round(x) for x in rights).most_common(1)[0]
    right = float(common) if count >= max(3, len(rights) // 4) else rights[(len(rights) * 9) // 10]
    return _Margins(left=lefts[len(lefts) // 10], right=right)


def _uses_indents(pages: Sequence[Page], margins: dict[int, _Margins]) -> bool:
    """Whether the paragraphs of the document start with an indent (most Chinese documents do)."""
    lines = indented = 0
    for page in pages:
        page_margins = margins.get(id(page))
        if page_margins is None:
            continue
        for line in page.lines:
            lines += 1
            indented += line.x0 > page_margins.left + _INDENT * line.size
    return indented >= max(2, _INDENTED_SHARE * lines)


def _usual_pitch(pages: Sequence[Page]) -> float:
    """The usual distance between the baselines of two lines of a paragraph (0 when unknown)."""
    pitches = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            distance = a.baseline - b.baseline
            if abs(a.size - b.size) <= _SIZE_CHANGE * a.size and 0.8 * a.size <= distance <= 3 * a.size:
                pitches.append(distance)
    return statistics.median(pitches) if pitches else 0.0


def _join(lines: list[Line]) -> str:
    """One paragraph from its lines: nothing between CJK or inside a number, a space between Latin words."""
    text = lines[0].text
    for line in lines[1:]:
        latin = text[-1:].isascii() and text[-1:].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha()
        text += (" " if latin else "") + line.text
    return text


def layout_text(pages: Sequence[Page]) -> str:
    """The pages' text: running heads dropped, paragraphs one to a line, blank lines between."""
    return join_paragraphs(paragraphs(drop_running_lines(pages)))
