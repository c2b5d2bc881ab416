"""Word (.docx) and PDF reports: the same targets as the text they were made from, and clear refusals.

The documents are made at test time (tests/documents.py): LibreOffice converts the bundled report and
three national reports; the error cases (a scan, an encrypted, truncated or damaged file, an old .doc,
a zip bomb) are made from them or by hand.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from collections import Counter
from typing import Any

import pytest

from luoshi import extract_report
from luoshi.extraction.reading import ReadError, read_document
from tests.documents import (
    NATIONAL,
    RUNNING_TITLE,
    Converted,
    docx_package,
    encrypted,
    paragraph,
    scanned,
    scrambled,
    with_scanned_page,
)

Target = tuple[Any, Any, Any, Any]


def targets(data: bytes, name: str) -> Counter[Target]:
    """The targets of a report as (metric, value, unit, comparator), each quote checked against the text."""
    extraction = extract_report(data, name=name)
    found: Counter[Target] = Counter()
    for target in extraction.to_dict()["targets"]:
        assert extraction.text[target["start"] : target["end"]] == target["quote"]
        found[(target["metric"], target["value"], target["unit"], target["comparator"])] += 1
    return found


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def refused(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(data)
    error = caught.value
    assert "\n" not in str(error) and re.search(r"[\u4e00-\u9fff]", error.zh) and error.en.isascii()
    return error


class TestSameTargetsAsText:
    """A report converted to .docx or PDF extracts what its text does."""

    @pytest.mark.parametrize("kind", ["docx", "pdf", "typeset-pdf"])
    def test_the_bundled_report(self, converted: Converted, seed_bytes: bytes, kind: str) -> None:
        path = converted.typeset_pdf if kind == "typeset-pdf" else getattr(converted, kind)["jiangcheng-2021"]
        expected = targets(seed_bytes, "jiangcheng-2021.txt")
        assert sum(expected.values()) >= 30
        assert targets(path.read_bytes(), path.name) == expected

    @pytest.mark.parametrize("kind", ["docx", "pdf"])
    @pytest.mark.parametrize("year", NATIONAL)
    def test_national_reports(self, converted: Converted, year: str, kind: str) -> None:
        name = f"national-{year}"
        if name not in converted.texts:
            pytest.skip("../shared/corpus/national is not beside this clone")
        path = getattr(converted, kind)[name]
        expected = targets(converted.texts[name].read_bytes(), f"{name}.txt")
        assert expected
        assert targets(path.read_bytes(), path.name) == expected

    @pytest.mark.parametrize("kind", ["docx", "pdf", "typeset-pdf"])
    def test_the_text_is_the_texts_paragraphs(self, converted: Converted, seed_bytes: bytes, kind: str) -> None:
        """Paragraphs one to a line: wrapped lines joined, nothing added (no page numbers, no running title)."""
        path = converted.typeset_pdf if kind == "typeset-pdf" else getattr(converted, kind)["jiangcheng-2021"]
        doc = read_document(path.read_bytes())
        assert doc.encoding == ("docx" if kind == "docx" else "pdf")
        assert lines(doc.text) == lines(read_document(seed_bytes).text)
        assert doc.header == read_document(seed_bytes).header
        assert doc.warnings == ()

    def test_scrambled_drawing_order_reads_the_same(self, converted: Converted) -> None:
        """Text is read in the order it stands on the page, not the order the PDF draws it in."""
        pdf = converted.typeset_pdf.read_bytes()
        assert read_document(scrambled(pdf)).text == read_document(pdf).text

    def test_the_typeset_pdf_has_running_heads_to_drop(self, converted: Converted) -> None:
        """The typeset PDF does print the running title and — N — numbers (else the test above proves nothing)."""
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(converted.typeset_pdf.read_bytes())
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        assert len(pages) >= 5
        assert all(RUNNING_TITLE in page for page in pages)
        assert all(re.search(rf"—\s*{i}\s*—", page) for i, page in enumerate(pages, 1))
        text = read_document(converted.typeset_pdf.read_bytes()).text
        assert RUNNING_TITLE not in text and not re.search(r"—\s*\d+\s*—", text)

    def test_format_is_told_by_content_not_name(self, converted: Converted) -> None:
        pdf = converted.pdf["jiangcheng-2021"].read_bytes()
        assert extract_report(pdf, name="report.txt").source.encoding == "pdf"
        docx = converted.docx["jiangcheng-2021"].read_bytes()
        assert extract_report(docx, name="report.pdf").source.encoding == "docx"


class TestRefused:
    """Each file that cannot be read gets one line saying why, in Chinese and English."""

    def test_a_scanned_pdf(self, converted: Converted) -> None:
        scan = scanned(converted.pdf["jiangcheng-2021"].read_bytes())
        assert "no text layer" in refused(scan).en

    def test_a_scanned_page_among_text_pages_is_a_warning(self, converted: Converted) -> None:
        pdf = converted.pdf["jiangcheng-2021"].read_bytes()
        mixed = with_scanned_page(pdf, scanned(pdf, pages=1))
        doc = read_document(mixed)
        assert doc.text == read_document(pdf).text
        (warning,) = doc.warnings
        assert "scanned" in warning and "第 9 页" in warning

    @pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
    def test_a_pdf_that_needs_a_password(self, converted: Converted, algorithm: str) -> None:
        pdf = encrypted(converted.pdf["jiangcheng-2021"].read_bytes(), user_password="secret", algorithm=algorithm)
        assert "encrypted" in refused(pdf).en

    def test_a_pdf_with_only_an_owner_password_is_read(self, converted: Converted) -> None:
        """Restrictions on printing or copying do not stop reading (as every viewer opens such a file)."""
        pdf = converted.pdf["jiangcheng-2021"].read_bytes()
        locked = encrypted(pdf, user_password="", algorithm="AES-128")
        assert read_document(locked).text == read_document(pdf).text

    def test_a_truncated_pdf(self, converted: Converted) -> None:
        pdf = converted.pdf["jiangcheng-2021"].read_bytes()
        assert "incomplete" in refused(pdf[: len(pdf) // 2]).en

    def test_a_damaged_pdf(self) -> None:
        assert "damaged" in refused(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n").en

    def test_a_truncated_docx(self, converted: Converted) -> None:
        docx = converted.docx["jiangcheng-2021"].read_bytes()
        assert "damaged" in refused(docx[: len(docx) * 2 // 3]).en

    def test_an_old_doc(self, converted: Converted) -> None:
        error = refused(converted.doc.read_bytes())
        assert ".docx" in error.en and ".doc" in error.en and "另存为 .docx" in error.zh


def test_an_ole_header_is_an_old_doc() -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(24) + b"\x3e\x00\x03\x00\xfe\xff" + bytes(470)
    assert "old binary Word document (.doc)" in refused(header + "WordDocument\0".encode("utf-16-le")).en
    assert "old binary Word document (.doc)" in refused(header).en
    assert "password" in refused(header + "EncryptedPackage\0".encode("utf-16-le")).en
    assert "not a Word document" in refused(header + "Workbook\0".encode("utf-16-le")).en


def _bomb(declared: int | None = None, real: int = 0) -> bytes:
    """A .docx whose document.xml declares `declared` bytes (the central directory patched), or holds `real`."""
    body = paragraph("现在，我代表区人民政府向大会作工作报告。" * 20)
    data = docx_package(body + (f"<!--{' ' * real}-->" if real else ""))
    if declared is None:
        return data
    entry = data.rindex(b"PK\x01\x02", 0, data.index(b"word/document.xml", data.index(b"PK\x01\x02")) + 1)
    return data[: entry + 24] + struct.pack("<I", declared) + data[entry + 28 :]


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    assert read_document(_bomb()).encoding == "docx"  # the package itself is fine
    started = time.perf_counter()
    assert "zip bomb" in refused(_bomb(declared=2**32 - 2)).en
    assert "zip bomb" in refused(_bomb(real=80 * 2**20)).en
    assert time.perf_counter() - started < 10


def test_an_archive_without_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in refused(out.getvalue()).en


def test_rtf_and_odt_are_to_be_saved_as_docx() -> None:
    assert ".docx" in refused(b"{\\rtf1\\ansi\\deff0 {\\fonttbl}" + b"\\'d5\\'fe" * 300 + b"}").en
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert ".odt" in refused(out.getvalue()).en


def test_a_docx_without_text() -> None:
    assert "no text" in refused(docx_package("<w:p/>")).en


BODY = "现在，我代表市人民政府向大会作工作报告，请予审议，并请政协各位委员和其他列席人员提出意见。" * 5

NUMBERING = """
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
"""
STYLES = """
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Normal"/>
"""


def _numbered(level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'


def test_word_list_numbers_are_written_out() -> None:
    """Headings numbered by Word (through their style or their own list) read as typed headings."""
    body = "".join(
        [
            paragraph("政府工作报告"),
            paragraph(BODY),
            paragraph("过去一年工作回顾", '<w:pStyle w:val="Heading1"/>'),
            paragraph("稳增长取得新成效。" + BODY, _numbered(1)),
            paragraph("工业", _numbered(2)),
            paragraph("服务业", _numbered(2)),
            paragraph("促改革迈出新步伐。", _numbered(1)),
            paragraph("工业", _numbered(2)),
            paragraph("2024年主要工作", '<w:pStyle w:val="Heading1"/>'),
            paragraph("一项要点", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'),
            paragraph("没有编号", '<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
        ]
    )
    text = read_document(docx_package(body, numbering=NUMBERING, styles=STYLES)).text
    assert lines(text)[2:] == [
        "一、过去一年工作回顾",
        "(一)稳增长取得新成效。" + BODY.replace("，", ","),
        "1.工业",
        "2.服务业",
        "(二)促改革迈出新步伐。",
        "1.工业",
        "二、2024年主要工作",
        "一项要点",
        "没有编号",
    ]


def test_word_structures_are_read_as_shown() -> None:
    """Tables row by row, text boxes once, insertions and content controls kept; deletions, field codes and
    hidden text left out; a line break stays a line break."""
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + paragraph("文本框中的话")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        + "<w:txbxContent>"
        + paragraph("文本框中的话")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = "".join(
        [
            paragraph(BODY),
            "<w:p>" + run("城镇新增就业") + "<w:del><w:r><w:delText>3000</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>3500</w:t></w:r></w:ins>" + run("人以上。") + "</w:p>",
            "<w:p>" + run("第") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("3") + '<w:r><w:fldChar w:fldCharType="end"/>'
            "</w:r>" + run("页") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的字</w:t></w:r></w:p>",
            "<w:tbl><w:tr><w:tc>" + paragraph("指标") + "</w:tc><w:tc>" + paragraph("目标") + "</w:tc></w:tr>"
            "<w:tr><w:tc>"
            + paragraph("地区生产总值增长")
            + "</w:tc><w:tc>"
            + paragraph("5%左右")
            + paragraph("(预期)")
            + "</w:tc></w:tr></w:tbl>",
            "<w:sdt><w:sdtContent>" + paragraph("内容控件中的段落") + "</w:sdtContent></w:sdt>",
            "<w:p>" + run("锚定文本框的段落") + box + "</w:p>",
            "<w:p>" + run("第一行") + "<w:r><w:br/></w:r>" + run("第二行") + "</w:p>",
        ]
    )
    text = read_document(docx_package(body)).text
    assert lines(text)[1:] == [
        "城镇新增就业3500人以上。",
        "第3页",
        "指标 目标",
        "地区生产总值增长 5%左右 (预期)",
        "内容控件中的段落",
        "锚定文本框的段落",
        "文本框中的话",
        "第一行",
        "第二行",
    ]


def test_the_docx_reader_needs_no_libreoffice(seed_bytes: bytes) -> None:
    """A report written paragraph by paragraph into a .docx reads like its text (no LibreOffice needed)."""
    text = read_document(seed_bytes).text
    body = "".join(paragraph(line.replace("&", "&amp;").replace("<", "&lt;")) for line in lines(text))
    doc = read_document(docx_package(body))
    assert (doc.encoding, doc.text) == ("docx", "\n\n".join(lines(text)))
    assert extract_report(docx_package(body)).to_dict()["targets"]
