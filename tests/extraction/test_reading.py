"""The reader: case table (normalisation, header), encodings, HTML pages, files that are not reports."""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from luoshi.extraction.reading import Document, ReadError, normalise, read_document

HERE = Path(__file__).parent
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load((HERE / "cases" / "reading.yaml").read_text("utf-8"))
FIXTURES = HERE / "fixtures"
# A report body long enough to pass the reader's "is this a report" check.
BODY = (
    "\n\n各位代表:\n\n" + "现在,我代表区人民政府向大会作工作报告,请予审议,并请政协各位委员和其他列席人员提出意见。" * 8
)


@pytest.mark.parametrize("case", CASES["normalise"], ids=lambda c: c["name"])
def test_normalise(case: dict[str, Any]) -> None:
    assert normalise(case["input"]) == case["text"]


@pytest.mark.parametrize("case", CASES["header"], ids=lambda c: c["name"])
def test_header(case: dict[str, Any]) -> None:
    doc = read_document(case["input"] + BODY)
    assert doc.header == case["header"]


def test_seed_is_read(seed_bytes: bytes) -> None:
    doc = read_document(seed_bytes, name="jiangcheng-2021.txt")
    assert (doc.encoding, doc.chars, doc.warnings) == ("utf-8", 13973, ())
    assert doc.header == {
        "index_no": "114417027762037966/2021-00296",
        "issuer": "江城区人民政府办公室",
        "written_date": "2021-11-23",
        "title": "江城区九届人大一次会议政府工作报告",
        "published_date": "2021-11-24",
    }
    assert "\n政府工作报告\n" in doc.text
    assert "阳江市江城区人民政府区长 梁小昌" in doc.text
    assert "\r" not in doc.text and "\u00a0" not in doc.text
    assert not any(unicodedata.category(c) == "Co" for c in doc.text)


def _portable_seed(seed_bytes: bytes) -> str:
    """The seed without the characters GBK lacks (icon glyphs, NBSP), which normalisation drops anyway."""
    text = seed_bytes.decode("utf-8")
    return "".join(" " if c == "\u00a0" else c for c in text if unicodedata.category(c) != "Co")


ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
]


@pytest.mark.parametrize(("codec", "bom", "reported"), ENCODINGS, ids=lambda v: repr(v) if v else "none")
def test_encodings_give_the_same_text(seed_bytes: bytes, codec: str, bom: bytes, reported: str) -> None:
    text = _portable_seed(seed_bytes)
    expected = read_document(seed_bytes).text
    doc = read_document(bom + text.encode(codec))
    assert doc.encoding == reported
    assert doc.text == expected
    assert doc.chars == len(text)


def test_utf16_without_bom_or_nul_bytes() -> None:
    """Pure CJK text in UTF-16 has no NUL byte; it is still recognised (before GB18030 is tried)."""
    text = "政府工作报告各位代表现在我代表区人民政府向大会作工作报告请予审议" * 20
    for codec in ("utf-16-le", "utf-16-be"):
        data = text.encode(codec)
        assert b"\x00" not in data
        doc = read_document(data)
        assert (doc.encoding, doc.text) == (codec, text)


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[:-1], lambda b: b[:20000] + b"\xff" + b[20001:]],
    ids=["truncated-inside-a-character", "one-bad-byte"],
)
def test_damaged_utf8_stays_utf8_with_a_warning(seed_bytes: bytes, damage: Callable[[bytes], bytes]) -> None:
    """A few bad bytes must not send a UTF-8 file to GB18030, which would decode it into nonsense."""
    data = seed_bytes.rstrip() + "。".encode()
    doc = read_document(damage(data))
    assert doc.encoding == "utf-8"
    assert len(doc.warnings) == 1 and "unreadable" in doc.warnings[0]
    assert "阳江市江城区人民政府区长 梁小昌" in doc.text


def test_string_input_is_not_decoded(seed_bytes: bytes) -> None:
    doc = read_document(seed_bytes.decode("utf-8"))
    assert doc.text == read_document(seed_bytes).text
    assert doc.chars == 13973


@pytest.mark.parametrize(
    ("data", "english"),
    [
        (b"", "empty"),
        (b"  \r\n\t \n", "empty"),
        ("   \n".encode("utf-16-le"), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "not a text"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\x01\x02word/document.xml" * 50, "damaged"),
        (bytes(range(1, 9)) * 100 + "政府工作报告".encode() * 10, "not a text"),
        (bytes(range(0x80, 0x100)) * 8, "encoding"),
        (
            b"The government work report is a speech delivered every year to the congress. " * 50,
            "not a work report",
        ),
        (("政府工作报告。" * 20).encode(), "not a work report"),
    ],
    ids=[
        "empty",
        "whitespace",
        "utf16-whitespace",
        "png",
        "zip",
        "controls",
        "undecodable",
        "english",
        "short",
    ],
)
def test_what_is_not_a_report(data: bytes, english: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(data)
    assert english in caught.value.en
    assert caught.value.zh and any("\u4e00" <= c <= "\u9fff" for c in caught.value.zh)


def test_random_bytes_are_refused() -> None:
    for _ in range(20):
        with pytest.raises(ReadError):
            read_document(os.urandom(4096))


@pytest.fixture(scope="module")
def page() -> Document:
    """A hand-made page modelled on a county government's 政府信息公开 page."""
    return read_document((FIXTURES / "gov-page.html").read_bytes(), name="gov-page.html")


class TestHtmlPage:
    """The page's header is kept, its chrome dropped, its paragraphs turned into lines."""

    def test_header(self, page: Document) -> None:
        assert page.header == {
            "index_no": "11130534000123456R/2023-00012",
            "category": "政府工作报告",
            "issuer": "清河县人民政府办公室",
            "written_date": "2023-01-12",
            "title": "清河县2023年政府工作报告",
            "published_date": "2023-01-16",
            "keywords": "政府工作报告 年度计划",
        }

    def test_article_paragraphs_are_lines(self, page: Document) -> None:
        lines = page.text.split("\n")
        assert "政府工作报告" in lines
        assert "一、2022年工作回顾" in lines
        assert "各位代表:" in lines
        assert any(line.startswith("(一)强力推进园区建设。加快经济开发区扩区调规") for line in lines)
        assert "全县地区生产总值达到215.6亿元,增长4.2%" in page.text

    def test_chrome_is_dropped(self, page: Document) -> None:
        for chrome in (
            "首页",
            "办事服务",
            "当前位置",
            "分享到",
            "ICP备",
            "网站标识码",
            "版权所有",
            "脚本写入",
            "_hmt",
            "font-family",
            "2099",
            "关闭窗口",
        ):
            assert chrome not in page.text, chrome

    def test_entities_are_decoded(self, page: Document) -> None:
        assert "&nbsp;" not in page.text and "&emsp;" not in page.text and "&gt;" not in page.text
        assert "<" not in page.text

    def test_br_breaks_a_line(self, page: Document) -> None:
        assert "高新技术企业达到58家;\n完成造林绿化1.2万亩" in page.text

    def test_gbk_page_reads_the_same(self, page: Document) -> None:
        html = (FIXTURES / "gov-page.html").read_text("utf-8").replace('charset="utf-8"', 'charset="gbk"')
        html = html.replace("&#xe6a1;", "")
        doc = read_document(html.encode("gbk"))
        assert doc.encoding == "gb18030"
        assert (doc.text, doc.header) == (page.text, page.header)

    def test_fragment_without_html_element(self) -> None:
        fragment = "".join(f"<p>{line}</p>\n" for line in ["政府工作报告", *BODY.split("\n")] if line)
        doc = read_document(fragment)
        assert doc.text.startswith("政府工作报告\n\n各位代表:\n\n现在,")


def test_a_string_needs_only_some_chinese() -> None:
    """Text a caller already holds (a test's paragraph) is not held to a whole report's length."""
    assert read_document("城镇新增就业7500人。").text == "城镇新增就业7500人。"
    with pytest.raises(ReadError):
        read_document("GDP grew by 5% in 2024.")


def test_old_table_layout_page_in_gbk() -> None:
    """An older site: layout tables, labels padded with spaces (标　　题), GBK, class names in pinyin."""
    html = (FIXTURES / "old-table-page.html").read_text("utf-8")
    doc = read_document(html.encode("gbk"), name="old-table-page.html")
    assert doc.encoding == "gb18030"
    assert doc.header == {
        "index_no": "000014348/2024-00031",
        "category": "国民经济管理、国有资产监管",
        "issuer": "某某市人民政府",
        "written_date": "2024-02-01",
        "title": "某某市人民政府2024年政府工作报告",
        "doc_no": "某政〔2024〕3号",
        "published_date": "2024-02-05",
    }
    assert "网站首页" not in doc.text and "ICP备" not in doc.text and "主办" not in doc.text
    assert "\n市长 张 伟\n" in doc.text
    assert "城镇新增就业4万人以上,城镇调查失业率5.5%以内" in doc.text
