"""Print: Chromium's print-to-PDF of the printable document and of an indicator page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]
A4_POINTS = (595, 842)


def print_pdf(page: Path, out: Path) -> PdfReader:
    subprocess.run(
        [*CHROMIUM, f"--print-to-pdf={out}", page.as_uri()],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return PdfReader(out)


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_printable_document_has_every_chapter_in_order(real_site: Path, tmp_path: Path) -> None:
    reader = print_pdf(real_site / "dokumen" / "cetak" / "index.html", tmp_path / "dokumen.pdf")
    text = text_of(reader)
    headings = ["KATA PENGANTAR", "BAB I ", "BAB II ", "BAB III ", "BAB IV ", "BAB V "]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    # the target table: IKM Kecamatan 85 / 87 / 88 and Nilai SAKIP 85 / 87 / 89 (2021–2023)
    # (cells wrap in the PDF's text, so any whitespace separates the words)
    assert re.search(r"Indeks\s+Kepuasan\s+Masyarakat\s+Kecamatan\s+-\s+-\s+85\s+87\s+88", text)
    assert re.search(r"Nilai\s+SAKIP\s+Kecamatan\s+A\s+-\s+-\s+85\s+87\s+89", text)
    # no navigation chrome on paper
    assert "Lewati ke isi" not in text and "Cetak halaman ini" not in text
    # each chapter starts a new page: the document spans several A4 pages
    assert len(reader.pages) >= 6
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS


def test_indicator_page_prints_on_a4(demo_site: Path, tmp_path: Path) -> None:
    page = demo_site / "indikator" / "ikm_kecamatan" / "index.html"
    reader = print_pdf(page, tmp_path / "indikator.pdf")
    text = text_of(reader)
    assert "Indeks Kepuasan Masyarakat Kecamatan" in text
    assert "Data contoh." in text  # the demo banner prints too
    assert "70,50" in text  # the 2020 composite value is on paper
    for p in reader.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4_POINTS
