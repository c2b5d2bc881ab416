"""HTML to text: keep the article and the disclosure header of a government page, drop the chrome."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def _words(text: str) -> frozenset[str]:
    """A set of names written as one space-separated string (easier to read than a long literal)."""
    return frozenset(text.split())


# Elements whose content is never part of a report.
_SKIP_TAGS = _words("head script style noscript template nav footer aside iframe svg select button object canvas map")
# Class or id words that government sites give to menus, footers and tool bars (dh: 导航 in pinyin).
_SKIP_WORDS = _words(
    "nav navbar menu footer foot bottom breadcrumb crumb crumbs share sidebar topbar toolbar search login"
    " copyright friendlink links skip dh daohang"
)
# Elements that end a line of text.
_BLOCK_TAGS = _words(
    "p div br tr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table thead tbody tfoot caption section article main"
    " header blockquote pre hr center form fieldset address figure figcaption body html"
)
# Elements that separate cells on one line.
_CELL_TAGS = _words("td th")
_VOID_TAGS = _words("br hr img meta link input area base col embed source track wbr param")

_HTML_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_BLOCK_MARKUP = re.compile(r"</?(?:p|div|br|table|td|tr|span|li)\b[^>]*>", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-_\s]+")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def looks_like_html(text: str) -> bool:
    """Whether a decoded file is an HTML page rather than plain text."""
    if _HTML_MARKERS.search(text[:4096]):
        return True
    return len(_BLOCK_MARKUP.findall(text[:20000])) >= 5


def html_to_text(html: str) -> str:
    """Extract the readable text of a page: blocks as paragraphs, cells of a row on one line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


def _is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element is page chrome (menu, footer, script …) by its name, class or id."""
    if tag in _SKIP_TAGS:
        return True
    for key, value in attrs:
        if key in ("class", "id") and value:
            words = _WORD_SPLIT.split(value.lower())
            if any(word in _SKIP_WORDS for word in words):
                return True
        if key == "hidden" or (key == "style" and value and "display:none" in value.replace(" ", "")):
            return True
    return False


class _TextParser(HTMLParser):
    """Collect text pieces outside skipped elements, with line breaks at block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._stack: list[str] = []
        # Depth in `_stack` of the outermost skipped element, if inside one.
        self._skip_from: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self._stack.append(tag)
            if self._skip_from is None and _is_chrome(tag, attrs):
                self._skip_from = len(self._stack) - 1
        self._boundary(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._boundary(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            # Close the element and whatever was left unclosed inside it (HTML is often sloppy).
            while self._stack:
                if self._stack.pop() == tag:
                    break
            if self._skip_from is not None and len(self._stack) <= self._skip_from:
                self._skip_from = None
        self._boundary(tag)

    def handle_data(self, data: str) -> None:
        if self._skip_from is None:
            self._pieces.append(_SPACES.sub(" ", data))

    def _boundary(self, tag: str) -> None:
        """Mark the end of a line after a block element, or a gap between table cells."""
        if self._skip_from is not None:
            return
        if tag == "br":
            self._pieces.append("\n")
        elif tag in _BLOCK_TAGS:
            # A blank line: a block boundary is a paragraph boundary, never a broken line to join.
            self._pieces.append("\n\n")
        elif tag in _CELL_TAGS:
            self._pieces.append(" ")

    def text(self) -> str:
        """The collected text; normalisation strips its lines and collapses its blank lines."""
        return "".join(self._pieces)
