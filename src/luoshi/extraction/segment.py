"""Paragraphs, sentences and clauses of normalised text, each with its offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SENTENCE_END = re.compile(r"[。!?;]+|$")
CLAUSE_END = re.compile(r"[,;:。!?]")


@dataclass(frozen=True)
class Span:
    """A piece of the text and where it stands."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines: the reader leaves one paragraph per line."""
    return list(_paragraphs(text))


# Every stage of one extraction walks the same text's paragraphs and sentences (a dozen times per
# report): they are cut once and kept for the few texts in hand.
@lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[Span, ...]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line), line))
        pos += len(line) + 1
    return tuple(out)


def sentences(par: Span) -> list[Span]:
    """Sentences of a paragraph, cut after 。!?; (the mark stays with its sentence)."""
    return list(_sentences(par))


@lru_cache(maxsize=4096)
def _sentences(par: Span) -> tuple[Span, ...]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(par.text):
        end = m.end()
        if end > start and par.text[start:end].strip():
            out.append(Span(par.start + start, par.start + end, par.text[start:end]))
        start = end
        if end >= len(par.text):
            break
    return tuple(out)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause of `text` around `pos` (between , ; : 。 and the like)."""
    start = pos
    while start > 0 and not CLAUSE_END.match(text[start - 1]) and text[start - 1] != "\n":
        start -= 1
    end = pos
    while end < len(text) and not CLAUSE_END.match(text[end]) and text[end] != "\n":
        end += 1
    return start, end
