"""Text normalisation: one canonical form of a report's text, into which every offset points.

The steps run in this order: line ends; invisible characters; NFKC; spaces (letter-spaced
words joined, padding around numbers in sentences dropped); a trailing licence or site footer;
lines broken inside a word, a number or a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from luoshi.extraction.outline import is_bare_heading

_LINE_ENDS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Characters NFKC would spoil: the ellipsis (… → ...) and circled list numbers (① → 1).
_KEEP = re.compile(r"([…\u2460-\u2473])")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of three or more single CJK characters separated by single spaces: 政 府 工 作 报 告.
_LETTER_SPACED = re.compile(rf"(?<!\w)[{_CJK}](?: [{_CJK}]){{2,}}(?!\w)")
_SPACE_RUN = re.compile(r" {2,}")
# Padding that web editors put between Chinese and a number or a Latin word (企业 26 家, 达到 85% 以上).
_PADDING = re.compile(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) (?=[{_CJK}])")

# Phrases that open a licence or site footer at the end of a file (Wikisource, government sites).
FOOTER_STARTS: tuple[str, ...] = (
    "本作品是中华人民共和国的",
    "本作品在全世界都属于公有领域",
    "本作品在中华人民共和国",
    "注:中文维基文库社群认为",
    "Public domain",
    "版权所有",
    "网站标识码",
    "主办单位:",
    "【关闭窗口】",
    "【打印本页】",
    "扫一扫在手机打开当前页",
)
# How far back from the end a footer may start: a footer is short and made of short lines.
_FOOTER_MAX_CHARS = 3000
_FOOTER_MAX_LINE = 200

_OPENERS = "《“‘([【「『〔<"
_CLOSERS = "》”’)]】」』〕>,.、;:!?%"
_TERMINAL = "。!?;:…."
_TRAILING_CLOSERS = "”’)》」』】"
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十百]+、|\([一二三四五六七八九十百]+\)|\d{1,2}[.、](?!\d)|\(\d{1,2}\)"
    r"|第[一二三四五六七八九十百]+[章节部分篇条]|[\u2460-\u2473])"
)
_LABEL = re.compile(rf"[{_CJK}]{{2,6}} ?:")
_SINGLE_CJK = re.compile(rf"[{_CJK}]")
# A line this long is prose: a block holding one is a paragraph whose line breaks may be accidental.
_PROSE_LINE = 40
# Hard-wrapped text: most lines of a block share one display width of at least this many columns.
_WRAP_MIN_WIDTH = 32


@dataclass(frozen=True)
class _Line:
    """A stripped line and whether it was indented (an indented line opens a paragraph)."""

    text: str
    indented: bool


def normalise(raw: str) -> str:
    """Return the canonical text of a report; see the module docstring for the steps."""
    # Invisible characters go before NFKC, which never turns a visible character into one of them
    # (checked over all of Unicode), so one pass suffices.
    text = _nfkc(_visible_text(_LINE_ENDS.sub("\n", raw)))
    lines = [_clean_line(line) for line in text.split("\n")]
    lines = _cut_footer(lines)
    lines = _join_broken(lines)
    return _assemble(line.text for line in lines)


def _visible_text(text: str) -> str:
    """Drop invisible characters, and lines made only of them (they are not blank lines)."""
    table = _invisible_table(text)
    dropped = "".join(chr(code) for code, replacement in table.items() if replacement is None)
    if dropped:
        only_invisible = re.compile(f"^[{re.escape(dropped)}]+(?:\n|$)", re.MULTILINE)
        text = only_invisible.sub("", text)
    return text.translate(table)


def _nfkc(text: str) -> str:
    """NFKC, except for the characters it would spoil (… and circled numbers)."""
    return "".join(p if _KEEP.fullmatch(p) else unicodedata.normalize("NFKC", p) for p in _KEEP.split(text))


_INVISIBLE_CACHE: dict[str, str | None] = {}


def _invisible_table(text: str) -> dict[int, str | None]:
    """A translate table for the characters of `text`: drop invisibles, map tabs and spaces to a space."""
    table: dict[int, str | None] = {}
    for char in set(text):
        if char not in _INVISIBLE_CACHE:
            _INVISIBLE_CACHE[char] = _char_replacement(char)
        replacement = _INVISIBLE_CACHE[char]
        if replacement != char:
            table[ord(char)] = replacement
    return table


def _char_replacement(char: str) -> str | None:
    """What a character becomes: None to drop it (zero-width, private-use icons, controls), or a space."""
    category = unicodedata.category(char)
    if char == "\t" or category == "Zs":
        return " "
    if category in ("Cf", "Co", "Cs", "Cc") and char != "\n":
        return None
    return char


def _clean_line(line: str) -> _Line:
    """Note the indent, strip, collapse spaces, join letter-spaced words, drop padding in sentences."""
    indented = line.startswith("  ")
    line = _SPACE_RUN.sub(" ", line.strip())
    line = _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), line)
    # Only in running text: in a header line (成文日期: 2021-11-23 发布日期: …) a space separates fields.
    if "。" in line or "," in line:
        line = _PADDING.sub("", line)
    return _Line(line, indented)


def _cut_footer(lines: list[_Line]) -> list[_Line]:
    """Drop a trailing licence or site footer: short lines at the end, the first opening a known phrase."""
    cut = None
    seen = 0
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        seen += len(text)
        if len(text) > _FOOTER_MAX_LINE or seen > _FOOTER_MAX_CHARS:
            break
        if text.startswith(FOOTER_STARTS):
            cut = index
    return lines if cut is None else lines[:cut]


def _join_broken(lines: list[_Line]) -> list[_Line]:
    """Join lines broken inside a word, a number or a paragraph, block by block (blank lines separate)."""
    out: list[_Line] = []
    block: list[_Line] = []
    for line in [*lines, _Line("", False)]:
        if line.text:
            block.append(line)
            continue
        out.extend(_join_block(block))
        out.append(line)
        block = []
    return out[:-1]


def _join_block(block: list[_Line]) -> list[_Line]:
    """Join the lines of one block that belong together."""
    if len(block) < 2:
        return block
    prose = _is_prose(block)
    out = [block[0]]
    for line in block[1:]:
        last = out[-1]
        if _should_join(last.text, line, prose, first=len(out) == 1 and last is block[0]):
            out[-1] = _Line(last.text + _separator(last.text, line.text) + line.text, last.indented)
        else:
            out.append(line)
    return out


def _is_prose(block: list[_Line]) -> bool:
    """Whether a block is running text (a long line, sentences cut into pieces, or hard-wrapped lines)."""
    if any(len(line.text) >= _PROSE_LINE for line in block):
        return True
    # A paragraph cut into short pieces (a reprint breaks it around every link): sentences, no long line.
    if sum(len(line.text) for line in block) >= _PROSE_LINE and any("。" in line.text for line in block):
        return True
    if len(block) < 3:
        return False
    widths = [_width(line.text) for line in block]
    common = max(set(widths), key=widths.count)
    near = sum(1 for w in widths if abs(w - common) <= 2)
    return common >= _WRAP_MIN_WIDTH and near * 2 >= len(block)


def _width(text: str) -> int:
    """Display width in columns: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _should_join(a: str, b: _Line, prose: bool, *, first: bool) -> bool:
    """Whether line `b` continues line `a` (the why of each rule is in its comment)."""
    if _forced_join(a, b.text):
        return True
    if b.indented or not prose:
        return False
    if _splits_number(a, b.text):
        return True
    if _ends_sentence(a):
        return False
    # Headings, bullets (——), labels (名称:) and title lines stand on their own lines; a long line
    # opening with a heading number is a paragraph under a run-in heading, and may go on.
    if (_HEADING.match(a) and len(a) < _PROSE_LINE) or _HEADING.match(b.text):
        return False
    # An unnumbered heading line (“十五五”时期主要目标和2026年重点工作) stands on its own too.
    if is_bare_heading(a):
        return False
    if b.text.startswith("—") or _LABEL.match(b.text):
        return False
    return not (first and _is_title(a))


def _forced_join(a: str, b: str) -> bool:
    """Breaks no text makes on purpose: after an opening bracket, before a closing one, inside a word."""
    if a[-1] in _OPENERS or b[0] in _CLOSERS:
        return True
    # A bare heading number (一、 or (一)) belongs to its title; a lone character to its word (报\n告).
    if _HEADING.fullmatch(a):
        return True
    return len(b) == 1 and bool(_SINGLE_CJK.match(b)) and not _ends_sentence(a)


def _splits_number(a: str, b: str) -> bool:
    """PM\n2.5, 138\n6万, M\n2: a number cut from what it continues (in running text only)."""
    end = a[-1]
    return end.isascii() and (end.isalnum() or end == ".") and b[0].isdigit() and not _HEADING.match(b)


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence or a clause introducing what follows (。 ! ? ; : …)."""
    stripped = text.rstrip(_TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_title(text: str) -> bool:
    """A short first line without punctuation: a title or a name, not a fragment of a paragraph."""
    return 4 <= len(text) <= 30 and not any(unicodedata.category(c).startswith("P") for c in text)


def _separator(a: str, b: str) -> str:
    """A space between two Latin words of a wrapped line, nothing between CJK or inside a number."""
    return " " if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha() else ""


def _assemble(lines: Iterable[str]) -> str:
    """Join lines, with at most one blank line in a row and none at either end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")
