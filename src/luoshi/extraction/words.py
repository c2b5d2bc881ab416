"""Word lists matched against text without cutting a word in two.

A listed word (能, 及, 应, 再, 计, 全市, 增加 …) is a word of its own only where it does not stand
inside one of the lexicon's longer `word_parts` (智能, 普及, 应用, 再生, 累计, 全市性, 增加值 …):
`节能降碳改造` has no 能 to stop at, `普及率` no 及, `全市性` no subject 全市.
"""

from __future__ import annotations

import re
from functools import cache

from luoshi.extraction.rules import rules

_PATTERNS: dict[int, tuple[object, re.Pattern[str]]] = {}
_ENDINGS: dict[int, tuple[object, re.Pattern[str]]] = {}


def _alternation(words: tuple[str, ...] | dict[str, str], anchor: str = "") -> re.Pattern[str]:
    """One regular expression for a word list, longest word first; kept per list object (lists are
    the rule tables' own, scanned for every amount, so hashing their contents each time would cost)."""
    table = _ENDINGS if anchor else _PATTERNS
    entry = table.get(id(words))
    if entry is None or entry[0] is not words:
        body = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        entry = (words, re.compile(f"(?:{body})$" if anchor else f"(?:{body})"))
        table[id(words)] = entry
    return entry[1]


@cache
def _parts() -> re.Pattern[str]:
    return _alternation(rules().lexicon.word_parts)


@cache
def _longest_part() -> int:
    return max((len(w) for w in rules().lexicon.word_parts), default=1)


def inside_word(text: str, pos: int, length: int = 1) -> bool:
    """Whether `text[pos:pos+length]` lies inside a longer word of `word_parts` (智能 for the 能 of 智能)."""
    reach = _longest_part() - 1
    for m in _parts().finditer(text, max(0, pos - reach), min(len(text), pos + length + reach)):
        if m.start() <= pos and pos + length <= m.end() and m.end() - m.start() > length:
            return True
    return False


def word_at(text: str, pos: int, words: tuple[str, ...] | dict[str, str]) -> str | None:
    """The longest word of `words` written at `pos`, unless it stands inside a longer word part."""
    m = _alternation(words).match(text, pos)
    if m is None or inside_word(text, pos, m.end() - pos):
        return None
    return m.group(0)


def has_word(text: str, words: tuple[str, ...] | dict[str, str]) -> bool:
    """Whether any word of `words` stands in `text` as a word (分 of 分两期, not of 充分)."""
    return any(not inside_word(text, m.start(), m.end() - m.start()) for m in _alternation(words).finditer(text))


def ending_word(text: str, words: tuple[str, ...] | dict[str, str]) -> str | None:
    """The longest word of `words` that `text` ends with, unless it is the end of a longer word (累计)."""
    m = _alternation(words, "$").search(text)
    if m is None or inside_word(text, m.start(), m.end() - m.start()):
        return None
    return m.group(0)


def starting_word(text: str, words: tuple[str, ...] | dict[str, str]) -> str | None:
    """The longest word of `words` that `text` starts with, unless it is the start of a longer word (再生)."""
    return word_at(text, 0, words)
