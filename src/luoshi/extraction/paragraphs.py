"""Paragraphs of a document (Word, PDF) as text: one to a line, a blank line between.

A blank line keeps the normaliser from joining two paragraphs. A paragraph that was plainly cut
(it ends on an opening bracket or quote, or the next starts with a closing one or with a comma)
is followed by a single line break instead, which the normaliser joins as it does in plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

_OPENERS = frozenset("《“‘(（[【「『〔<〈")
_CLOSERS = frozenset("》”’)）]】」』〕>〉,，、;；:：!！?？%")


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """The paragraphs one to a line, blank lines between, a single break where one was plainly cut."""
    out: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        if out:
            out.append("\n" if out[-1][-1] in _OPENERS or text[0] in _CLOSERS else "\n\n")
        out.append(text)
    return "".join(out)
