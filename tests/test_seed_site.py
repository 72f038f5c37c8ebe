"""Seed test: the first unit's site shows its official document as published.

The literals here (chapter headings, captions, the signature "CAMAT PILANGKENCENG", 18 desa,
the typos kept verbatim, the targets of its tables) are transcribed from that unit's source
document, ``data/sumber/iku-pilangkenceng-2018-2023-perubahan.md``, so that a wrong data file or
chapter fails even where the generic engine tests (``test_site_dokumen.py``, run on the demo and
the second fixture unit) would pass. With another unit's ``data/`` every test here is reported as
skipped, naming that document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan

from .conftest import DATA, SEED_DOKUMEN, data_unit, seed_only
from .halaman import cells, headings, iku_in_table_order, items, load, soup_of, text
from .test_print import print_pdf, text_of

pytestmark = [seed_only, data_unit]
DOKUMEN = f"dokumen/{SEED_DOKUMEN.name}"
"""The page of the unit's one IKU document; its chapters are under it."""

CHAPTERS = {
    DOKUMEN: ["Dokumen IKU", "Daftar Isi"],
    f"{DOKUMEN}/kata-pengantar": ["KATA PENGANTAR"],
    f"{DOKUMEN}/bab-1": [
        "BAB I PENDAHULUAN",
        "A. Latar Belakang",
        "B. Maksud dan Tujuan",
        "C. Landasan Hukum Penyusunan",
    ],
    f"{DOKUMEN}/bab-2": [
        "BAB II PENGERTIAN INDIKATOR KINERJA",
        "A. Definisi",
        "B. Syarat dan Kriteria Indikator Kinerja",
    ],
    f"{DOKUMEN}/bab-3": [
        "BAB III GAMBARAN UMUM",
        "A. Tugas Pokok dan Fungsi",
        "1. Gambaran Umum Kecamatan Pilangkenceng",
        "2. Tugas Pokok dan Fungsi Kantor Kecamatan Pilangkenceng",
        "3. Struktur Organisasi Kecamatan Pilangkenceng",
        "B. Tujuan dan Sasaran",
    ],
    f"{DOKUMEN}/bab-4": [
        "BAB IV PENETAPAN INDIKATOR KINERJA UTAMA",
        "Indikator Kinerja Utama Perubahan Kecamatan Pilangkenceng",
        "Target Indikator Kinerja Utama Kecamatan Pilangkenceng",
        "Target Indikator Kinerja Individu Kecamatan Pilangkenceng",
    ],
    f"{DOKUMEN}/bab-5": ["BAB V PENUTUP"],
}


def test_chapter_headings_in_order(data_site: Path) -> None:
    for page, expected in CHAPTERS.items():
        assert headings(soup_of(data_site, page)) == expected, page


def test_the_document_list_leads_to_the_one_document(data_site: Path) -> None:
    links = [str(a["href"]) for a in soup_of(data_site, "dokumen").select("article a[href]")]
    assert any(href.rstrip("/").endswith(SEED_DOKUMEN.name) for href in links), links


def test_title_block(data_site: Path) -> None:
    block = text(soup_of(data_site, DOKUMEN).select_one(".iku-judul-dokumen"))
    assert "2018 – 2023" in block
    assert "INDIKATOR KINERJA UTAMA PERUBAHAN" in block and "Perubahan" in block


def test_narrative_is_verbatim_with_its_typos(data_site: Path) -> None:
    bab1 = text(soup_of(data_site, f"{DOKUMEN}/bab-1").select_one("article"))
    assert "harus mampu menerakan sistem yang kondusif" in bab1
    assert bab1.count("Merdasar Permenpan PER/20/MPAN/II/2008") == 1
    maksud = items(soup_of(data_site, f"{DOKUMEN}/bab-1"), "article > ol:not([class])")
    assert len(maksud) == 2 and maksud[0].startswith("Untuk memperoleh informasi kinerja")


def test_signature(data_site: Path) -> None:
    block = soup_of(data_site, f"{DOKUMEN}/kata-pengantar").select_one(".iku-tanda-tangan")
    assert block is not None
    lines = [line.strip() for line in block.get_text("\n").splitlines() if line.strip()]
    assert lines[:2] == ["Mengetahui,", "CAMAT PILANGKENCENG"]  # as printed in the source


def test_landasan_hukum(data_site: Path) -> None:
    for page in (f"{DOKUMEN}/bab-1", "landasan-hukum"):
        shown = items(soup_of(data_site, page), "ol.iku-landasan-hukum")
        assert len(shown) == 18
        assert shown[0].startswith("Peraturan Pemerintah Nomor 20 Tahun 2004")


def test_eighteen_desa(data_site: Path) -> None:
    for page in (f"{DOKUMEN}/bab-3", "profil"):
        desa = items(soup_of(data_site, page), "ol.iku-daftar-desa")
        assert len(desa) == 18 and desa[0] == "Desa Bulu" and desa[17] == "Desa Wonoayu"
    article = text(soup_of(data_site, f"{DOKUMEN}/bab-3").select_one("article"))
    assert "terbagi menjadi 18 Desa sebagai berikut" in article


def test_duties_as_printed(data_site: Path) -> None:
    for page in (f"{DOKUMEN}/bab-3", "profil"):
        sections = soup_of(data_site, page).select(".iku-tupoksi section.iku-unit")
        titles = [text(s.find(["h4", "h5"])) for s in sections]
        assert titles[0] == "1. C A M A T" and titles[2] == "2.1 Sub Bagian Umum Kepegawaian"
        sub = sections[2].find(["h4", "h5"])
        assert sub is not None and sub.name == "h5"
    camat = soup_of(data_site, f"{DOKUMEN}/bab-3").select(".iku-tupoksi section.iku-unit")[0]
    assert len(items(camat, "ul.iku-kewenangan")) == len(
        load(DATA, "organisasi")["unit"][0]["kewenangan"]
    )


def test_struktur_organisasi(data_site: Path) -> None:
    top = soup_of(data_site, f"{DOKUMEN}/bab-3").select_one("ol.iku-struktur-organisasi")
    sekretaris = top.find_all("li", recursive=False)[1]
    assert sekretaris.find(string=True).strip() == "Sekretaris Kecamatan"
    assert sekretaris.select_one("ol")["type"] == "a"


def test_tujuan_sasaran_table(data_site: Path) -> None:
    table = soup_of(data_site, f"{DOKUMEN}/bab-3").select_one("table.iku-tabel-tujuan-sasaran")
    rows = table.select("tbody tr")
    assert len(rows) == 1
    assert text(cells(rows[0])[2]) == "Indeks Kepuasan Masyarakat"


def test_identity_table(data_site: Path) -> None:
    table = soup_of(data_site, f"{DOKUMEN}/bab-4").select_one("table.iku-tabel-identitas")
    assert text(table.caption) == "INDIKATOR KINERJA UTAMA PERUBAHAN KECAMATAN PILANGKENCENG"
    fungsi_rows = table.select("tbody tr")[5:]
    assert len(fungsi_rows) == 10 and cells(fungsi_rows[0])[1]["rowspan"] == "10"


def test_iku_table(data_site: Path) -> None:
    table = soup_of(data_site, f"{DOKUMEN}/bab-4").select_one("table.iku-tabel-iku")
    expected = iku_in_table_order(SEED_DOKUMEN)
    assert [i["id"] for i in expected] == ["ikm", "ikm_kecamatan", "nilai_sakip_kecamatan"]
    rows = table.select("tbody tr")
    first, second = cells(rows[0]), cells(rows[1])
    assert first[0]["rowspan"] == "3"
    assert text(first[1]) == ""  # the tujuan's own IKU has no sasaran, as in the document
    assert text(second[0]) == "Meningkatkan Kinerja Pelayanan Kecamatan"
    assert second[0]["rowspan"] == "2"
    assert text(cells(rows[2])[-1]) == "Kasubbag Keuangan dan Prolap"


def test_target_table(data_site: Path) -> None:
    table = soup_of(data_site, f"{DOKUMEN}/bab-4").select_one("table.iku-tabel-target")
    assert text(table.caption) == "TARGET INDIKATOR KINERJA UTAMA KECAMATAN PILANGKENCENG"
    header = [text(th) for th in table.select("thead tr")[1].find_all("th")]
    assert header == [str(y) for y in range(2019, 2024)]
    rows = table.select("tbody tr")
    assert len(rows) == 2
    assert [text(c) for c in cells(rows[0])][-5:] == ["-", "-", "85", "87", "88"]
    sakip = [text(c) for c in cells(rows[1])]
    assert sakip[0] == "Nilai SAKIP Kecamatan A"
    assert sakip[-5:] == ["-", "-", "85", "87", "89"]


def test_iki_table(data_site: Path) -> None:
    table = soup_of(data_site, f"{DOKUMEN}/bab-4").select_one("table.iku-tabel-iki")
    assert len(table.select("tbody tr")) == 7
    assert len(table.select("tbody td.iku-program")) == 6
    # The source prints "1. Kasi PMP 2. Kasi Kesos" as a numbered list.
    pmp = next(r for r in table.select("tbody tr") if "Pemberdayaan" in text(r.find("th")))
    assert [text(li) for li in cells(pmp)[-2].select("ol li")] == ["Kasi PMP", "Kasi Kesos"]


def test_profil_and_home(data_site: Path) -> None:
    table = soup_of(data_site, "profil").select_one("table.iku-tabel-profil")
    values = {text(r.th): text(r.td) for r in table.select("tbody tr")}
    assert values["NIP"] == "196608011987011001"
    home = soup_of(data_site, "")
    assert "Kantor Kecamatan Pilangkenceng Kabupaten Madiun" in home.get_text(" ", strip=True)
    assert home.title is not None and "IKU Kecamatan Pilangkenceng" in home.title.string
    names = [c.h3.get_text(strip=True) for c in home.select("section.iku-kartu")]
    assert names == [
        "Indeks Kepuasan Masyarakat",
        "Indeks Kepuasan Masyarakat Kecamatan",
        "Nilai SAKIP Kecamatan",
    ]


def test_printed_document_has_the_target_rows(data_site: Path, tmp_path: Path) -> None:
    reader = print_pdf(data_site / DOKUMEN / "cetak" / "index.html", tmp_path / "dokumen.pdf")
    printed = text_of(reader)
    # IKM Kecamatan 85 / 87 / 88 and Nilai SAKIP 85 / 87 / 89 (2021–2023); cells wrap in the
    # PDF's text, so any whitespace separates the words.
    assert re.search(r"Indeks\s+Kepuasan\s+Masyarakat\s+Kecamatan\s+-\s+-\s+85\s+87\s+88", printed)
    assert re.search(r"Nilai\s+SAKIP\s+Kecamatan\s+A\s+-\s+-\s+85\s+87\s+89", printed)
    assert len(reader.pages) >= 6


def test_targets_in_the_report_and_the_open_data(data_site: Path) -> None:
    laporan = build_laporan(load_dataset(DATA))
    hasil = laporan.indikator["ikm_kecamatan"]
    assert [hasil.tahun[y].target for y in (2021, 2022, 2023)] == [85, 87, 88]
    assert hasil.tahun[2019].target_tercantum and hasil.tahun[2019].target is None
    document = json.loads((data_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    records = {(r["id"], r["tahun"]): r for r in document["data"]}
    assert records[("ikm_kecamatan", 2023)]["target"] == 88
    assert records[("nilai_sakip_kecamatan", 2021)]["target"] == 85
    assert records[("ikm_kecamatan", 2019)]["target"] is None
