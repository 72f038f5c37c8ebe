"""Print: Chromium's print-to-PDF of a document's printable version and of an indicator page
(engine tests, on the demo; the first unit's printed targets are a seed test,
``test_seed_site.py``)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from .conftest import DEMO
from .halaman import iku_in_table_order, target_text

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


FULL = "2020-2024-perubahan"
"""The demo's document with every chapter."""


def test_printable_document_has_every_chapter_in_order(demo_site: Path, tmp_path: Path) -> None:
    page = demo_site / "dokumen" / FULL / "cetak" / "index.html"
    reader = print_pdf(page, tmp_path / "dokumen.pdf")
    text = text_of(reader)
    headings = ["KATA PENGANTAR", "BAB I ", "BAB II ", "BAB III ", "BAB IV ", "BAB V "]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    # the target table: every IKU with the document's own targets, in its order (cells wrap in
    # the PDF's text, so any whitespace separates the words)
    for item in iku_in_table_order(DEMO / "dokumen" / FULL, with_targets=True):
        years = sorted(item["target"])
        cells = [re.escape(target_text(item["target"][y])) for y in years]
        label = f"{item['nama']} {item.get('predikat_target') or ''}"
        words = [re.escape(word) for word in label.split()]
        assert re.search(r"\s+".join(words + cells), text), item["id"]
    # no navigation chrome on paper
    assert "Lewati ke isi" not in text and "Cetak halaman ini" not in text
    # each chapter starts a new page: the document spans several A4 pages
    assert len(reader.pages) >= 6
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS


def test_each_printable_document_prints_its_own_targets(demo_site: Path, tmp_path: Path) -> None:
    page = demo_site / "dokumen" / "2020-2024" / "cetak" / "index.html"
    text = text_of(print_pdf(page, tmp_path / "awal.pdf"))
    assert re.search(r"Nilai\s+SAKIP\s+Kecamatan\s+A\s+70\s+72\s+74\s+76\s+78", text)
    assert "050/12/404.401/2020" in text  # its own title block


def test_indicator_page_prints_on_a4(demo_site: Path, tmp_path: Path) -> None:
    page = demo_site / "indikator" / "ikm_kecamatan" / "index.html"
    reader = print_pdf(page, tmp_path / "indikator.pdf")
    text = text_of(reader)
    assert "Indeks Kepuasan Masyarakat Kecamatan" in text
    assert "Data contoh." in text  # the demo banner prints too
    assert "70,50" in text  # the 2020 composite value is on paper
    for p in reader.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4_POINTS
