"""A Word document (.docx) to text: each paragraph, heading and table row a line, blank lines between.

The package is opened with zipfile and only the parts the text needs are inflated (the main
document, its numbering and styles), each after its declared size is checked, so that a zip bomb
is refused before it is unpacked. The XML is parsed with python-docx's parser (lxml, entities not
resolved). Automatic list numbers (一、 （一） 1.) are written out as Word shows them, because a
report's headings are often numbered that way; text boxes, content controls and inserted text are
read; deleted text, field codes, hidden text and the Fallback copies of drawings are not.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from luoshi.extraction.errors import ReadError
from luoshi.extraction.formats import DOCX_MAIN_PART, docx_damaged
from luoshi.extraction.libraries import library
from luoshi.extraction.paragraphs import join_paragraphs

# Declared (uncompressed) sizes: one part the text needs, and the whole archive.
MAX_PART_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 2**30
MAX_MEMBERS = 20_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"


def _w(*names: str) -> frozenset[str]:
    return frozenset(_W + name for name in names)


_P, _TBL, _TR, _TC, _T = (_W + n for n in ("p", "tbl", "tr", "tc", "t"))
_R, _TXBX = _W + "r", _W + "txbxContent"
_BREAKS = _w("br", "cr")
_TABS = _w("tab", "ptab")
# Elements whose content is never text of the document as shown.
_SKIPPED = _w(
    "del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "tblPr", "trPr", "tcPr",
    "sectPr", "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
) | {_MC + "Fallback"}  # fmt: skip


class _Element:
    """The little of an lxml element this module uses (python-docx's parser gives lxml elements)."""

    def __init__(self, node: Any) -> None:
        self.node = node

    @property
    def tag(self) -> str:
        return str(self.node.tag)

    def __iter__(self) -> Iterator[_Element]:
        for child in self.node.iterchildren():
            if isinstance(child.tag, str):  # not a comment or a processing instruction
                yield _Element(child)

    def get(self, name: str) -> str | None:
        value = self.node.get(name)
        return None if value is None else str(value)

    def find(self, tag: str) -> _Element | None:
        found = self.node.find(tag)
        return None if found is None else _Element(found)

    def value(self, path: str) -> str | None:
        """The w:val of the first element at `path` (w:-prefixed tags separated by /), if any."""
        found = self.node.find("/".join(_W + step for step in path.split("/")))
        return None if found is None else _attr(found, "val")

    def own_text(self) -> str:
        text = self.node.text
        return "" if text is None else str(text)


def _attr(node: Any, name: str) -> str | None:
    value = node.get(_W + name)
    return None if value is None else str(value)


def docx_text(data: bytes) -> str:
    """The text of a .docx file: blocks (paragraphs, table rows) separated by blank lines."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive)
            main = _main_part(archive)
            body = _parse(archive, main)
            numbering = _Numbering(
                _parse_related(archive, main, "/numbering"), _parse_related(archive, main, "/styles")
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, NotImplementedError):
        raise docx_damaged() from None
    except SyntaxError:  # lxml's XMLSyntaxError: a part is not well-formed XML
        raise docx_damaged() from None
    writer = _Writer(numbering)
    found = body.find(_W + "body")
    if found is None:
        raise docx_damaged()
    writer.blocks_of(found)
    return join_paragraphs(writer.blocks)


def _check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose declared sizes are those of a zip bomb, before anything is inflated."""
    members = archive.infolist()
    total = sum(info.file_size for info in members)
    if len(members) > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
        raise _too_big(total)


def _too_big(size: int) -> ReadError:
    megabytes = size // 2**20
    return ReadError(
        f"Word 文档解压后过大（约 {megabytes} MB），可能是压缩炸弹，已拒绝",
        f"the Word document would unpack to about {megabytes} MB: refused as a possible zip bomb",
    )


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes; never more than MAX_PART_BYTES inflated, whatever its header claims."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise _too_big(info.file_size)
    with archive.open(info) as member:
        data = member.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise _too_big(len(data))
    return data


def _parse(archive: zipfile.ZipFile, name: str) -> _Element:
    parser = library("docx.oxml.parser", package="python-docx", what=" Word 文档")
    return _Element(parser.parse_xml(_read(archive, name)))


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships, else word/document.xml."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        for target in _targets(_parse(archive, "_rels/.rels"), "", _OFFICE_DOCUMENT):
            if target in names:
                return target
    return DOCX_MAIN_PART


def _parse_related(archive: zipfile.ZipFile, source: str, kind: str) -> _Element | None:
    """The part a relationship of the main document points to (numbering, styles), if there is one."""
    folder, base = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    names = set(archive.namelist())
    if rels not in names:
        return None
    for target in _targets(_parse(archive, rels), folder, kind):
        if target in names:
            return _parse(archive, target)
    return None


def _targets(rels: _Element, folder: str, kind: str) -> Iterator[str]:
    """Part names of the relationships whose type ends with `kind`, resolved against `folder`."""
    for rel in rels:
        if rel.tag == _REL + "Relationship" and (rel.get("Type") or "").endswith(kind):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            yield posixpath.normpath(path)


@dataclass
class _Writer:
    """Walks the body and collects its blocks: a paragraph's text, or a table row's cells on one line."""

    numbering: _Numbering
    blocks: list[str] = field(default_factory=list)

    def blocks_of(self, container: _Element) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag not in _SKIPPED:  # content controls, custom XML, inserted blocks: their content counts
                self.blocks_of(child)

    def paragraph(self, p: _Element) -> None:
        pieces: list[str] = []
        boxes: list[_Element] = []
        _inline(p, pieces, boxes)
        text = "".join(pieces)
        label = self.numbering.label(p)
        if label and text.strip():
            text = label + _label_separator(label, self.numbering.suffix(p)) + text.lstrip()
        self.blocks.append(text)
        for box in boxes:  # a text box's paragraphs follow the paragraph it is anchored in
            self.blocks_of(box)

    def table(self, table: _Element) -> None:
        for row in _descendants(table, _TR, stop=_TBL):
            cells = (self.cell(cell) for cell in _descendants(row, _TC, stop=_TR))
            self.blocks.append(" ".join(cell for cell in cells if cell))

    def cell(self, cell: _Element) -> str:
        """A cell's paragraphs (and nested tables) on one line."""
        inner = _Writer(self.numbering)
        inner.blocks_of(cell)
        return " ".join(" ".join(block.split()) for block in inner.blocks if block.strip())


def _descendants(element: _Element, tag: str, *, stop: str) -> Iterator[_Element]:
    """Elements `tag` under `element`, through wrappers (content controls), not into a nested `stop`."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag != stop and child.tag not in _SKIPPED:
            yield from _descendants(child, tag, stop=stop)


def _inline(element: _Element, pieces: list[str], boxes: list[_Element]) -> None:
    """Collect the visible text under a paragraph; text boxes found on the way go to `boxes`."""
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.own_text())
        elif tag in _TABS:
            pieces.append("\t")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag == _W + "noBreakHyphen":
            pieces.append("-")
        elif tag == _TXBX:
            boxes.append(child)
        elif tag in _SKIPPED or (tag == _R and _hidden(child)):
            continue
        else:  # runs, hyperlinks, fields, smart tags, content controls, insertions, drawings
            _inline(child, pieces, boxes)


def _hidden(run: _Element) -> bool:
    """Whether a run is formatted as hidden text (w:vanish)."""
    props = run.find(_W + "rPr")
    if props is None:
        return False
    vanish = props.find(_W + "vanish")
    return vanish is not None and (vanish.get(_W + "val") or "true") not in ("0", "false", "off")


def _label_separator(label: str, suffix: str) -> str:
    """Nothing after a number ending in punctuation (一、 （一） 1.); else a space unless Word puts none."""
    if not label[-1].isalnum() or suffix == "nothing":
        return ""
    return " "


@dataclass(frozen=True)
class _Level:
    """One level of a list: its first number, number format, text template (%1、) and restart rule."""

    start: int = 1
    fmt: str = "decimal"
    template: str = "%1."
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


@dataclass(frozen=True)
class _Instance:
    """A w:num: its abstract list and the start numbers it overrides."""

    abstract: str
    starts: dict[int, int]


class _Numbering:
    """Word's automatic numbering: the number each numbered paragraph shows, counted in document order."""

    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: _Element) -> None:
        for child in root:
            if child.tag == _W + "abstractNum":
                levels = {}
                for lvl in child:
                    if lvl.tag == _W + "lvl":
                        levels[_int(lvl.get(_W + "ilvl"), 0)] = _level(lvl)
                self.abstracts[child.get(_W + "abstractNumId") or ""] = levels
            elif child.tag == _W + "num":
                starts = {}
                for override in child:
                    if override.tag == _W + "lvlOverride":
                        start = override.value("startOverride")
                        if start is not None:
                            starts[_int(override.get(_W + "ilvl"), 0)] = _int(start, 1)
                self.instances[child.get(_W + "numId") or ""] = _Instance(child.value("abstractNumId") or "", starts)

    def _read_styles(self, root: _Element) -> None:
        for style in root:
            if style.tag == _W + "style":
                num = style.value("pPr/numPr/numId")
                ilvl = style.value("pPr/numPr/ilvl")
                self.styles[style.get(_W + "styleId") or ""] = (style.value("basedOn"), num, ilvl)

    def _reference(self, p: _Element) -> tuple[str, int] | None:
        """The (numId, level) of a paragraph: its own numPr, else its style's (through basedOn)."""
        num, ilvl = p.value("pPr/numPr/numId"), p.value("pPr/numPr/ilvl")
        style = p.value("pPr/pStyle")
        seen: set[str] = set()
        while num is None and style is not None and style not in seen:
            seen.add(style)
            based_on, num, style_ilvl = self.styles.get(style, (None, None, None))
            ilvl = ilvl or style_ilvl
            if num is not None and ilvl is None:
                ilvl = self._level_of_style(num, style)
            style = based_on
        if num is None or num == "0" or num not in self.instances:
            return None
        return num, _int(ilvl, 0)

    def _level_of_style(self, num: str, style: str) -> str | None:
        instance = self.instances.get(num)
        levels = self.abstracts.get(instance.abstract, {}) if instance else {}
        return next((str(i) for i, level in levels.items() if level.style == style), None)

    def _levels(self, num: str) -> tuple[str, dict[int, _Level]]:
        instance = self.instances[num]
        return instance.abstract, self.abstracts.get(instance.abstract, {})

    def suffix(self, p: _Element) -> str:
        reference = self._reference(p)
        if reference is None:
            return "tab"
        return self._levels(reference[0])[1].get(reference[1], _Level()).suffix

    def label(self, p: _Element) -> str:
        """The number a paragraph shows ("" when it has none); counts it."""
        reference = self._reference(p)
        if reference is None:
            return ""
        num, ilvl = reference
        abstract, levels = self._levels(num)
        counters = self.counters.setdefault(abstract, {})
        if num not in self.started:  # a list instance restarts the levels it overrides
            self.started.add(num)
            for overridden, start in self.instances[num].starts.items():
                counters[overridden] = start - 1
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return "" if level.fmt == "bullet" else _render(level, ilvl, levels, counters)


def _level(lvl: _Element) -> _Level:
    restart = lvl.value("lvlRestart")
    return _Level(
        start=_int(lvl.value("start"), 1),
        fmt=lvl.value("numFmt") or "decimal",
        template=lvl.value("lvlText") or "",
        restart=None if restart is None else _int(restart, 0),
        legal=lvl.find(_W + "isLgl") is not None,
        suffix=lvl.value("suff") or "tab",
        style=lvl.value("pStyle"),
    )


def _render(level: _Level, ilvl: int, levels: dict[int, _Level], counters: dict[int, int]) -> str:
    """Fill a level's template (%1、 （%2） %1.%2) with the counters of the levels it names."""
    out = level.template
    for k in range(9, 0, -1):
        placeholder = f"%{k}"
        if placeholder in out:
            named = levels.get(k - 1, _Level())
            value = counters.get(k - 1, named.start)
            fmt = "decimal" if level.legal and k - 1 < ilvl else named.fmt
            out = out.replace(placeholder, format_number(value, fmt))
    return out


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN_SMALL = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's number formats (those Chinese documents use, and the common ones)."""
    if fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n, _DIGITS, "十百千")
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return _chinese(n, _LEGAL_DIGITS, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand") and n >= 0:
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return cycle[(n - 1) % len(cycle)] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


def _chinese(n: int, digits: str, units: str) -> str:
    """一 … 十 十一 … 二十 … 九十九 一百 … 九千九百九十九 (Chinese counting, as Word writes it)."""
    if not 0 <= n <= 9999:
        return str(n)
    if n < 10:
        return digits[n]
    out: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if zero and out:
                out.append("零")
            out.append(("" if power == 10 and n < 20 else digits[digit]) + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out)


def _roman(n: int) -> str:
    out = []
    for value, letters in (*_ROMAN, *_ROMAN_SMALL):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
