"""Word and PDF reports for the reader's tests, made from the plain-text reports at test time.

LibreOffice (headless) converts the bundled report and a few national reports to .docx, .pdf and
the old .doc, once per session; python-docx dresses a copy as a typeset report (justified, first
lines indented, a running title and — N — page numbers) before it is converted; pypdf redraws a PDF
in scrambled order and encrypts one; PDFium renders pages to images for a scan. Without LibreOffice
the tests that need it skip, and fail in CI (CI=true), as the office tests do.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfWriter
from pypdf.generic import ContentStream, FloatObject

CONVERT_TIMEOUT_S = 240
INSTALL_HINT = "scripts/ensure-system-packages.sh installs LibreOffice (libreoffice-core, libreoffice-writer)"
# National reports whose text converts cleanly (no Wikisource line-break artefacts), read with the seed.
NATIONAL = ("2010", "2016", "2024")
RUNNING_TITLE = "江城区人民政府工作报告"


def require_soffice() -> None:
    """Skip without LibreOffice; in CI (CI=true) that is a failure, not a skip."""
    if shutil.which("soffice"):
        return
    reason = f"missing soffice: {INSTALL_HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def convert(files: list[Path], target: str, folder: Path, profile: Path, *, text: bool = False) -> list[Path]:
    """Convert files in one LibreOffice run (its own profile, so parallel runs do not clash)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            *(["--infilter=Text (encoded):UTF8"] if text else []),
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
    )
    out = [folder / f"{f.stem}.{target}" for f in files]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out


@dataclass(frozen=True)
class Converted:
    """The converted reports: name → its .txt, .docx and .pdf; the seed also as a typeset PDF and as .doc."""

    texts: dict[str, Path]
    docx: dict[str, Path]
    pdf: dict[str, Path]
    typeset_pdf: Path
    doc: Path


def make_converted(seed: bytes, national: Path | None, root: Path) -> Converted:
    """Write the texts under `root` and convert them (about twenty seconds)."""
    texts = root / "texts"
    texts.mkdir(parents=True)
    (texts / "jiangcheng-2021.txt").write_bytes(seed)
    if national is not None:
        for year in NATIONAL:
            shutil.copy(national / f"{year}.txt", texts / f"national-{year}.txt")
    sources = sorted(texts.glob("*.txt"))
    profile = root / "profile"
    docx = convert(sources, "docx", root / "docx", profile, text=True)
    pdf = convert(sources, "pdf", root / "pdf", profile, text=True)
    typeset = root / "typeset" / "jiangcheng-2021.docx"
    typeset.parent.mkdir()
    dress_as_report(root / "docx" / "jiangcheng-2021.docx", typeset, RUNNING_TITLE)
    (typeset_pdf,) = convert([typeset], "pdf", root / "typeset", profile)
    (doc,) = convert([texts / "jiangcheng-2021.txt"], "doc", root / "doc", profile, text=True)
    return Converted(
        texts={p.stem: p for p in sources},
        docx={p.stem: p for p in docx},
        pdf={p.stem: p for p in pdf},
        typeset_pdf=typeset_pdf,
        doc=doc,
    )


def dress_as_report(source: Path, target: Path, title: str) -> None:
    """A .docx typeset like a printed report: justified, first lines indented two characters,
    the title at the head of every page and — N — at its foot."""
    document = Document(str(source))
    for paragraph in document.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Pt(20)
        for run in paragraph.runs:  # the text's own indent (two spaces) is now the paragraph's
            run.text = run.text.lstrip(" ")
            if run.text:
                break
    section = document.sections[0]
    section.header.paragraphs[0].text = title
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = footer.add_run()._r
    for kind, instruction in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        field.append(element)
    footer.add_run(" —")
    document.save(str(target))


def scrambled(pdf: bytes, seed: int = 7) -> bytes:
    """The same pages drawn in another order: each line's runs shuffled, and the lines shuffled.

    LibreOffice draws each line as `q … BT … ET Q` with runs placed by `Tm`; the page looks the
    same whatever order they come in, but text taken in drawing order would be scrambled.
    """
    rng = random.Random(seed)
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page in writer.pages:
        stream = ContentStream(page.get_contents(), writer)
        head: list[tuple[list[object], bytes]] = []
        groups: list[list[tuple[list[object], bytes]]] = []
        tail: list[tuple[list[object], bytes]] = []
        depth, group = 0, []
        for operands, operator in stream.operations:
            if operator == b"q":
                depth += 1
            if depth >= 2:
                group.append((operands, operator))
            elif groups or group:
                tail.append((operands, operator))
            else:
                head.append((operands, operator))
            if operator == b"Q":
                depth -= 1
                if depth == 1 and group:
                    groups.append(_shuffled_runs(group, rng))
                    group = []
        rng.shuffle(groups)
        stream.operations = head + [op for g in groups for op in g] + tail
        page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _shuffled_runs(group: list[tuple[list[object], bytes]], rng: random.Random) -> list[tuple[list[object], bytes]]:
    """A line's text runs (each placed by an absolute Tm, with its font) in random order."""
    operators = [op for _, op in group]
    if b"BT" not in operators or b"ET" not in operators:
        return group
    begin, end = operators.index(b"BT"), len(operators) - 1 - operators[::-1].index(b"ET")
    runs: list[list[tuple[list[object], bytes]]] = []
    font = None
    placed = False
    marked = 0  # inside BDC … EMC (ActualText of a span): a run is not split there
    for operands, operator in group[begin + 1 : end]:
        if operator == b"Td" and not placed:  # the first run is placed relative to the origin: make it absolute
            x, y = operands
            operands, operator = [FloatObject(1), FloatObject(0), FloatObject(0), FloatObject(1), x, y], b"Tm"
        if operator == b"Tm":
            placed = True
        if (operator == b"Tm" and marked == 0) or not runs:
            runs.append([])
            if font is not None:
                runs[-1].append(font)
        if operator == b"Tf":
            font = (operands, operator)
        marked += {b"BDC": 1, b"BMC": 1, b"EMC": -1}.get(operator, 0)
        runs[-1].append((operands, operator))
    rng.shuffle(runs)
    return group[: begin + 1] + [op for run in runs for op in run] + group[end:]


def encrypted(pdf: bytes, *, user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned(pdf: bytes, pages: int = 2) -> bytes:
    """The first pages of a PDF as a scan would give them: images only, no text layer."""
    document = pdfium.PdfDocument(pdf)
    images = [document[i].render(scale=100 / 72).to_pil().convert("L") for i in range(pages)]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=100.0)
    return out.getvalue()


def with_scanned_page(pdf: bytes, scan: bytes) -> bytes:
    """A text PDF with the first page of a scan appended."""
    document = pdfium.PdfDocument(pdf)
    document.import_pages(pdfium.PdfDocument(scan), [0])
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="numbering.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>'
    '<Relationship Id="rId2" Target="styles.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
    "</Relationships>"
)


def docx_package(body: str, *, numbering: str = "", styles: str = "") -> bytes:
    """A minimal .docx: `body` is the WordprocessingML inside <w:body> (w: and mc: prefixes declared)."""
    namespaces = (
        f'xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {namespaces}><w:body>{body}'
            "</w:body></w:document>",
        )
        if numbering:
            archive.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if styles:
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return out.getvalue()


def paragraph(text: str, properties: str = "") -> str:
    return f'<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
