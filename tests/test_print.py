"""Print: Chromium's print-to-PDF of a document's printable version and of an indicator page
(engine tests, on the demo; the first unit's printed targets are a seed test,
``test_seed_site.py``)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from iku_macros.compute.numbers import format_tanggal
from iku_macros.data.gitdata import read_asal
from iku_macros.data.loading import load_dataset

from .browser.conftest import CHROMIUM as CHROMIUM_PATH
from .browser.conftest import LAUNCH_ARGS, serve_directory
from .conftest import DEMO
from .halaman import iku_in_table_order, target_text
from .site_build import build_site

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


# --- every printed page: number, unit, data, address; page breaks; light colours -------------


def squashed(text: str) -> str:
    """Text without whitespace, ligatures or case, so that words wrapped or upper-cased by the
    layout still match (pypdf returns "ﬁ" for the ligature Chromium draws)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("¶", "").casefold()


def printed_unit(data: Path) -> str:
    """The unit as the footer names it (hooks/iku.py: ``config.copyright``)."""
    instansi = load_dataset(data).profil.instansi
    return f"{instansi.nama} · {instansi.kabupaten}, {instansi.provinsi}"


def test_every_printed_page_has_its_number_the_unit_and_the_data_revision(
    demo_site: Path, tmp_path: Path
) -> None:
    reader = print_pdf(demo_site / "dokumen" / FULL / "cetak" / "index.html", tmp_path / "d.pdf")
    asal = read_asal(DEMO)
    # data_contoh/ is inside this repository: its data has a revision and a date
    assert asal.pendek is not None and asal.tanggal is not None
    data = f"Data per {format_tanggal(asal.tanggal.date())} · revisi data {asal.pendek}"
    unit = printed_unit(DEMO)
    total = len(reader.pages)
    assert total >= 6
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Halaman {number} dari {total}" in text, (number, text[:300])
        assert unit in text, number
        assert data in text, number


def test_printed_document_keeps_headings_and_table_headers_with_what_follows(
    demo_site: Path, tmp_path: Path
) -> None:
    page = demo_site / "dokumen" / FULL / "cetak" / "index.html"
    pages = [squashed(p.extract_text()) for p in print_pdf(page, tmp_path / "d.pdf").pages]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    document = soup.select_one(".iku-dokumen-cetak")
    assert document is not None
    # the cover alone on the first page; Kata Pengantar starts the second
    cover = document.select_one(".iku-judul-dokumen")
    assert cover is not None and squashed(cover.get_text()) in pages[0]
    assert squashed("KATA PENGANTAR") not in pages[0]
    assert pages[1].find(squashed("KATA PENGANTAR")) >= 0
    # a heading is on the same page as the start of what follows it
    alone = []
    headings = document.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert len(headings) >= 10
    for heading in headings:
        following = heading.find_next_sibling()
        assert following is not None, heading
        key = squashed(heading.get_text()) + squashed(following.get_text())[:20]
        if not any(key in p for p in pages):
            alone.append(heading.get_text(" ", strip=True))
    assert alone == []
    # where a table starts, its header is followed by its first row on the same page (the
    # header repeats on later pages, so the first occurrence after the previous table counts)
    tables = [t for t in document.select("table") if t.thead and t.select_one("tbody tr")]
    assert len(tables) >= 4
    cursor = (0, 0)
    for table in tables:
        head = squashed(table.thead.get_text())
        row = squashed(table.select_one("tbody tr").get_text())[:20]
        found = next(
            (i, p.find(head, cursor[1] if i == cursor[0] else 0))
            for i, p in enumerate(pages)
            if i >= cursor[0] and p.find(head, cursor[1] if i == cursor[0] else 0) >= 0
        )
        index, offset = found
        assert pages[index][offset:].startswith(head + row), table.get("class")
        cursor = (index, offset + len(head))


def test_printed_page_names_its_address(demo_site: Path, tmp_path: Path) -> None:
    """Without a site_url the address is the one the page was opened at (assets/iku.js)."""
    with serve_directory(demo_site) as url:
        address = url + "indikator/ikm_kecamatan/"
        subprocess.run(
            [*CHROMIUM, f"--print-to-pdf={tmp_path / 'i.pdf'}", address],
            capture_output=True,
            check=True,
            timeout=120,
        )
    reader = PdfReader(tmp_path / "i.pdf")
    for page in reader.pages:
        assert address in re.sub(r"\s+", "", page.extract_text())


HOSTILE_NAME = "Kantor \"Kecamatan\" </style><b>Contoh</b> \\ 'A' {{ 7*7 }}"


def test_printed_margins_hold_data_text_literally_and_the_site_address(
    copy_data: Callable[[Path], Path], tmp_path: Path
) -> None:
    """A unit name with quotes, a backslash and tags prints exactly as written (each character
    reaches CSS as a hex escape); with a site_url, every page prints its canonical address."""
    data = copy_data(DEMO)
    profil = data / "profil.yaml"
    document = yaml.safe_load(profil.read_text(encoding="utf-8"))
    document["instansi"]["nama"] = HOSTILE_NAME
    profil.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    log = build_site(data, site, extra_env={"IKU_SITE_URL": "https://contoh.example/iku/"})
    assert "WARNING" not in log, log
    html = (site / "profil" / "index.html").read_text(encoding="utf-8")
    opening = '<style media="print">'
    style = html[html.index(opening) + len(opening) :].split("</style>")[0]
    assert re.fullmatch(r'[^<>]*--iku-cetak-unit: "(\\[0-9a-f]{6} )+";[^<>]*', style, re.S)
    reader = print_pdf(site / "profil" / "index.html", tmp_path / "p.pdf")
    assert len(reader.pages) >= 1
    for page in reader.pages:
        text = re.sub(r"\s+", " ", page.extract_text())
        assert HOSTILE_NAME in text and printed_unit(data) in text
        assert "https://contoh.example/iku/profil/" in text.replace(" ", "")


# Computed colours of every element printed (shown in print), which must not depend on the
# screen's scheme; and the headings' colours.
PRINTED_COLOURS = """
() => {
  const props = ['color', 'background-color', 'border-top-color', 'border-bottom-color',
    'border-left-color', 'fill', 'stroke'];
  const printed = Array.from(document.querySelectorAll('body, body *'))
    .filter((el) => el.getClientRects().length > 0);
  return {
    scheme: document.body.dataset.mdColorScheme,
    marks: document.querySelectorAll('article svg *').length,
    colours: printed.map((el) => {
      const style = getComputedStyle(el);
      return el.tagName + ' ' + props.map((p) => style.getPropertyValue(p)).join(' ');
    }),
    headings: Array.from(document.querySelectorAll('article h1, article h2, article h3'),
      (el) => getComputedStyle(el).color),
  };
}
"""


def contrast_on_white(css_colour: str) -> float:
    """WCAG contrast ratio of an ``rgb()``/``rgba()`` text colour, blended onto white paper."""
    numbers = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    alpha = numbers[3] if len(numbers) > 3 else 1.0
    channels = [(alpha * c + (1 - alpha) * 255) / 255 for c in numbers[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_contrast_on_white_by_hand() -> None:
    assert contrast_on_white("rgb(0, 0, 0)") == pytest.approx(21)
    assert contrast_on_white("rgb(255, 255, 255)") == pytest.approx(1)
    # Material's pale h1, rgba(0, 0, 0, 0.54) on white, is #757575: 4.6:1
    assert contrast_on_white("rgba(0, 0, 0, 0.54)") == pytest.approx(4.6, abs=0.05)


CETAK = f"dokumen/{FULL}/cetak/"


@pytest.mark.parametrize(
    "page", [CETAK, "indikator/ikm_kecamatan/", "capaian/2025/", "metodologi/", ""]
)
def test_printed_in_dark_scheme_the_colours_are_the_light_ones(demo_site: Path, page: str) -> None:
    from playwright.sync_api import sync_playwright

    printed = {}
    with serve_directory(demo_site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=LAUNCH_ARGS
        )
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            tab = context.new_page()
            tab.goto(url + page, wait_until="load")
            tab.emulate_media(media="print", color_scheme=scheme)
            printed[scheme] = tab.evaluate(PRINTED_COLOURS)
            context.close()
        browser.close()
    # the dark scheme was really on (Material follows the reader's preference) ...
    assert printed["light"]["scheme"] == "default" and printed["dark"]["scheme"] == "slate"
    # ... and yet paper gets the light scheme's colours, element by element (links, code,
    # borders, chart marks), at once
    assert printed["dark"]["colours"] == printed["light"]["colours"]
    if page in ("indikator/ikm_kecamatan/", "capaian/2025/", ""):
        assert printed["dark"]["marks"] > 0  # charts are among the compared elements
    # dark headings: black or nearly (at least 15:1 on white; Material's pale h1 is 4.6:1)
    assert printed["dark"]["headings"]
    assert [c for c in printed["dark"]["headings"] if contrast_on_white(c) < 15] == []
