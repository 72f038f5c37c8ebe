"""The IKU document pages (Dokumen IKU, Profil, Landasan Hukum) of a real strict build.

Expected values are read from the YAML under ``data/`` and ``data_contoh/``, never retyped, so a
page that drops, reorders or rewrites an item fails. A few literals transcribed from the source
document (``sumber/``) are checked as well, so that a wrong data file fails too.
"""

from __future__ import annotations

import json
import posixpath
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from iku_macros.render.dokumen import format_target

from .conftest import DATA, DEMO
from .site_build import build_site

CHAPTERS = {
    "dokumen": ["Dokumen IKU", "Daftar Isi"],
    "dokumen/kata-pengantar": ["KATA PENGANTAR"],
    "dokumen/bab-1": [
        "BAB I PENDAHULUAN",
        "A. Latar Belakang",
        "B. Maksud dan Tujuan",
        "C. Landasan Hukum Penyusunan",
    ],
    "dokumen/bab-2": [
        "BAB II PENGERTIAN INDIKATOR KINERJA",
        "A. Definisi",
        "B. Syarat dan Kriteria Indikator Kinerja",
    ],
    "dokumen/bab-3": [
        "BAB III GAMBARAN UMUM",
        "A. Tugas Pokok dan Fungsi",
        "1. Gambaran Umum Kecamatan Pilangkenceng",
        "2. Tugas Pokok dan Fungsi Kantor Kecamatan Pilangkenceng",
        "3. Struktur Organisasi Kecamatan Pilangkenceng",
        "B. Tujuan dan Sasaran",
    ],
    "dokumen/bab-4": [
        "BAB IV PENETAPAN INDIKATOR KINERJA UTAMA",
        "Indikator Kinerja Utama Perubahan Kecamatan Pilangkenceng",
        "Target Indikator Kinerja Utama Kecamatan Pilangkenceng",
        "Target Indikator Kinerja Individu Kecamatan Pilangkenceng",
    ],
    "dokumen/bab-5": ["BAB V PENUTUP"],
}


# --- helpers ---------------------------------------------------------------------------------


@cache
def load(root: Path, name: str) -> Any:
    return yaml.safe_load((root / f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def indicators(root: Path) -> dict[str, dict[str, Any]]:
    items = (
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "indikator").glob("*.yaml"))
    )
    return {item["id"]: item for item in items}


def children(root: Path, induk: str, jenis: str) -> list[dict[str, Any]]:
    found = [i for i in indicators(root).values() if i["induk"] == induk and i["jenis"] == jenis]
    return sorted(found, key=lambda i: (i["urutan"], i["id"]))


def iku_in_table_order(root: Path, *, with_targets: bool = False) -> list[dict[str, Any]]:
    """IKU as the document's tables list them: per tujuan its own, then per sasaran."""
    kerangka = load(root, "kerangka")
    result = []
    for tujuan in kerangka["tujuan"]:
        result.extend(children(root, tujuan["id"], "iku"))
        for sasaran in kerangka.get("sasaran", []):
            if sasaran["tujuan"] == tujuan["id"]:
                result.extend(children(root, sasaran["id"], "iku"))
    return [i for i in result if i.get("target") or not with_targets]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    path = site / page / "index.html"
    assert path.exists(), f"halaman {page} tidak ada"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(tag: Tag) -> str:
    return tag.get_text(" ", strip=True).replace("¶", "").strip()


def headings(soup: BeautifulSoup) -> list[str]:
    article = soup.select_one("article")
    assert article is not None
    return [text(h) for h in article.find_all(["h1", "h2", "h3"])]


def items(soup: BeautifulSoup, selector: str) -> list[str]:
    return [text(li) for li in soup.select(f"{selector} > li")]


def cells(row: Tag) -> list[Tag]:
    return row.find_all(["th", "td"], recursive=False)


def list_or_text(cell: Tag) -> list[str]:
    """A cell holding one value, or a numbered list of several."""
    entries = cell.select("ol > li")
    return [text(li) for li in entries] if entries else [text(cell)]


def target_text(value: int | float | None) -> str:
    return "-" if value is None else str(value)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("dokumen") / "site"
    log = build_site(DATA, site)
    assert "WARNING" not in log
    return site


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("dokumen_contoh") / "site"
    log = build_site(DEMO, site)
    assert "WARNING" not in log
    return site


# --- the real document -----------------------------------------------------------------------


@pytest.mark.parametrize("page", list(CHAPTERS))
def test_chapter_headings_in_order(real_site: Path, page: str) -> None:
    assert headings(soup_of(real_site, page)) == CHAPTERS[page]


def test_daftar_isi_links_every_chapter(real_site: Path) -> None:
    soup = soup_of(real_site, "dokumen")
    links = {a["href"].split("#")[0] for a in soup.select("article ul a")}
    expected = {"kata-pengantar/", *(f"bab-{n}/" for n in range(1, 6))}
    assert {link.removeprefix("./") for link in links} == expected


def test_title_block(real_site: Path) -> None:
    profil = load(DATA, "profil")
    block = text(soup_of(real_site, "dokumen").select_one(".iku-judul-dokumen"))
    assert profil["dokumen"]["judul"].upper() in block
    assert profil["instansi"]["nama_singkat"].upper() in block
    assert "2018 – 2023" in block
    assert "Perubahan" in block


def test_narrative_is_verbatim_with_its_typos(real_site: Path) -> None:
    bab1 = text(soup_of(real_site, "dokumen/bab-1").select_one("article"))
    assert "harus mampu menerakan sistem yang kondusif" in bab1
    assert bab1.count("Merdasar Permenpan PER/20/MPAN/II/2008") == 1
    maksud = items(soup_of(real_site, "dokumen/bab-1"), "article > ol:not([class])")
    assert len(maksud) == 2 and maksud[0].startswith("Untuk memperoleh informasi kinerja")


def test_signature(real_site: Path) -> None:
    dokumen = load(DATA, "profil")["dokumen"]
    block = soup_of(real_site, "dokumen/kata-pengantar").select_one(".iku-tanda-tangan")
    assert block is not None
    lines = [line.strip() for line in block.get_text("\n").splitlines() if line.strip()]
    penandatangan = dokumen["penandatangan"]
    assert lines == [
        dokumen["salam_penutup"],
        penandatangan["jabatan"].upper(),
        penandatangan["nama"],
        penandatangan["pangkat"],
        f"NIP. {penandatangan['nip']}",
    ]
    assert lines[1] == "CAMAT PILANGKENCENG"  # as printed in the source


@pytest.mark.parametrize("page", ["dokumen/bab-1", "landasan-hukum"])
def test_landasan_hukum(real_site: Path, page: str) -> None:
    expected = load(DATA, "landasan_hukum")["dasar_hukum"]
    shown = items(soup_of(real_site, page), "ol.iku-landasan-hukum")
    assert shown == expected
    assert len(shown) == 18
    assert shown[0].startswith("Peraturan Pemerintah Nomor 20 Tahun 2004")


def test_syarat_kriteria_and_pertimbangan(real_site: Path) -> None:
    soup = soup_of(real_site, "dokumen/bab-2")
    pengertian = load(DATA, "pengertian")
    assert items(soup, "ol.iku-syarat-kriteria") == pengertian["syarat_kriteria"]
    assert items(soup, "ol.iku-pertimbangan") == pengertian["pertimbangan"]


@pytest.mark.parametrize("page", ["dokumen/bab-3", "profil"])
def test_wilayah_and_desa(real_site: Path, page: str) -> None:
    wilayah = load(DATA, "wilayah")
    soup = soup_of(real_site, page)
    assert text(soup.select_one(".iku-gambaran-umum")) == wilayah["gambaran_umum"]
    batas = items(soup, "ul.iku-batas-wilayah")
    assert batas == [
        f"Sebelah {arah} berbatasan dengan {wilayah['batas'][arah.lower()]}"
        for arah in ("Utara", "Timur", "Selatan", "Barat")
    ]
    desa = items(soup, "ol.iku-daftar-desa")
    assert desa == [f"Desa {nama}" for nama in wilayah["desa"]]
    assert len(desa) == 18 and desa[17] == "Desa Wonoayu"


def test_desa_count_in_sentence(real_site: Path) -> None:
    article = text(soup_of(real_site, "dokumen/bab-3").select_one("article"))
    assert "terbagi menjadi 18 Desa sebagai berikut" in article


@pytest.mark.parametrize("page", ["dokumen/bab-3", "profil"])
def test_duties_of_every_unit(real_site: Path, page: str) -> None:
    units = load(DATA, "organisasi")["unit"]
    sections = soup_of(real_site, page).select(".iku-tupoksi section.iku-unit")
    assert len(sections) == len(units)
    for section, unit in zip(sections, units, strict=True):
        title = text(section.find(["h3", "h4", "h5", "h6"]))
        separator = " " if "." in unit["nomor"] else ". "
        assert title == f"{unit['nomor']}{separator}{unit['nama']}"
        rincian = items(section, "ol.iku-rincian")
        assert len(rincian) == len(unit["rincian"]), unit["id"]
        assert rincian[0] == unit["rincian"][0] and rincian[-1] == unit["rincian"][-1]
        assert rincian == unit["rincian"]
        assert items(section, "ul.iku-kewenangan") == unit.get("kewenangan", [])
        for key, selector in (
            ("tugas", ".iku-tugas"),
            ("pengantar_rincian", ".iku-pengantar-rincian"),
            ("pengantar_kewenangan", ".iku-pengantar-kewenangan"),
        ):
            found = section.select_one(selector)
            assert (text(found) if found else None) == unit.get(key), (unit["id"], key)
    titles = [text(s.find(["h4", "h5"])) for s in sections]
    assert titles[0] == "1. C A M A T" and titles[2] == "2.1 Sub Bagian Umum Kepegawaian"
    sub = sections[2].find(["h4", "h5"])
    assert sub is not None and sub.name == "h5"  # a sub-unit sits one level below its parent


def test_struktur_organisasi(real_site: Path) -> None:
    units = load(DATA, "organisasi")["unit"]
    lists = soup_of(real_site, "dokumen/bab-3").select("ol.iku-struktur-organisasi")
    assert len(lists) == 1
    top = lists[0].find_all("li", recursive=False)
    assert [li.find(string=True).strip() for li in top] == [
        u["nama_struktur"] for u in units if not u.get("induk")
    ]
    sekretaris = top[1]
    sub = sekretaris.select_one("ol")
    assert sub is not None and sub["type"] == "a"
    assert items(sekretaris, "ol") == [
        u["nama_struktur"] for u in units if u.get("induk") == "sekretaris"
    ]


def test_tujuan_sasaran_table(real_site: Path) -> None:
    kerangka = load(DATA, "kerangka")
    table = soup_of(real_site, "dokumen/bab-3").select_one("table.iku-tabel-tujuan-sasaran")
    assert table is not None and table.caption is not None
    assert [text(th) for th in table.select("thead th")] == [
        "URUSAN",
        "TUJUAN OPD",
        "INDIKATOR TUJUAN OPD",
        "SASARAN OPD",
    ]
    rows = table.select("tbody tr")
    assert len(rows) == len(kerangka["sasaran"]) == 1
    tujuan = kerangka["tujuan"][0]
    own = children(DATA, tujuan["id"], "iku")
    assert [text(c) for c in cells(rows[0])] == [
        tujuan["urusan"],
        tujuan["nama"],
        own[0]["nama"],
        kerangka["sasaran"][0]["nama"],
    ]
    assert text(cells(rows[0])[2]) == "Indeks Kepuasan Masyarakat"


@pytest.mark.parametrize("page", ["dokumen/bab-4", "profil"])
def test_identity_table_and_fungsi(real_site: Path, page: str) -> None:
    profil = load(DATA, "profil")
    table = soup_of(real_site, page).select_one("table.iku-tabel-identitas")
    assert table is not None
    rows = table.select("tbody tr")
    labels = [text(th) for th in table.select("tbody th[scope=row]")]
    assert labels == ["Instansi", "Visi", "Misi", "Tujuan", "Tujuan Pokok", "Fungsi"]
    values = {text(cells(r)[1]): text(cells(r)[-1]) for r in rows[:5]}
    assert values == {
        "Instansi": profil["instansi"]["nama"],
        "Visi": profil["visi"],
        "Misi": profil["misi"][0],
        "Tujuan": profil["tujuan"],
        "Tujuan Pokok": profil["tujuan_pokok"],
    }
    fungsi_rows = rows[5:]
    assert [text(cells(r)[-1]) for r in fungsi_rows] == profil["fungsi"]
    assert [text(cells(r)[-2]) for r in fungsi_rows] == [str(n) for n in range(1, 11)]
    assert cells(fungsi_rows[0])[1]["rowspan"] == "10"


def test_identity_table_caption(real_site: Path) -> None:
    table = soup_of(real_site, "dokumen/bab-4").select_one("table.iku-tabel-identitas")
    assert table is not None and table.caption is not None
    assert text(table.caption) == "INDIKATOR KINERJA UTAMA PERUBAHAN KECAMATAN PILANGKENCENG"


def test_iku_table(real_site: Path) -> None:
    table = soup_of(real_site, "dokumen/bab-4").select_one("table.iku-tabel-iku")
    assert table is not None and table.caption is not None
    assert [text(th) for th in table.select("thead th")] == [
        "TUJUAN",
        "KINERJA UTAMA/SASARAN STRATEGI/OUTCOME",
        "INDIKATOR KINERJA UTAMA (IKU)",
        "DEFINISI OPERASIONAL",
        "PENJELASAN FORMULASI PENGHITUNGAN (X 100%)",
        "SUMBER DATA",
        "PENANGGUNG JAWAB",
    ]
    expected = iku_in_table_order(DATA)
    assert [i["id"] for i in expected] == ["ikm", "ikm_kecamatan", "nilai_sakip_kecamatan"]
    rows = table.select("tbody tr")
    assert len(rows) == 3
    tujuan = load(DATA, "kerangka")["tujuan"][0]
    sasaran = load(DATA, "kerangka")["sasaran"][0]
    first = cells(rows[0])
    assert text(first[0]) == tujuan["nama_tabel_iku"] and first[0]["rowspan"] == "3"
    assert text(first[1]) == ""  # the tujuan's own IKU has no sasaran, as in the document
    second = cells(rows[1])
    assert text(second[0]) == sasaran["nama"] and second[0]["rowspan"] == "2"
    for row, item in zip(rows, expected, strict=True):
        tail = cells(row)[-5:]
        assert [text(c) for c in tail[:3]] == [
            item["nama"],
            item["definisi_operasional"],
            item["rumus_publikasi"],
        ]
        assert list_or_text(tail[3]) == item["sumber_data"]
        assert list_or_text(tail[4]) == item["penanggung_jawab"]
    assert text(cells(rows[2])[-1]) == "Kasubbag Keuangan dan Prolap"


def test_target_table(real_site: Path) -> None:
    table = soup_of(real_site, "dokumen/bab-4").select_one("table.iku-tabel-target")
    assert table is not None and table.caption is not None
    assert text(table.caption) == "TARGET INDIKATOR KINERJA UTAMA KECAMATAN PILANGKENCENG"
    expected = iku_in_table_order(DATA, with_targets=True)
    years = sorted({year for i in expected for year in i["target"]})
    header = [text(th) for th in table.select("thead tr")[1].find_all("th")]
    assert header == [str(y) for y in years] == [str(y) for y in range(2019, 2024)]
    rows = table.select("tbody tr")
    assert len(rows) == len(expected) == 2
    assert [text(c) for c in cells(rows[0])[:2]] == [
        "1",
        load(DATA, "kerangka")["sasaran"][0]["nama"],
    ]
    for row, item in zip(rows, expected, strict=True):
        shown = [text(c) for c in cells(row)[-len(years) :]]
        assert shown == [target_text(item["target"].get(y)) for y in years]
        name = text(row.find("th"))
        predikat = item.get("predikat_target")
        assert name == (f"{item['nama']} {predikat}" if predikat else item["nama"])
    # Spot checks against the source document itself.
    sakip = [text(c) for c in cells(rows[1])]
    assert sakip[0] == "Nilai SAKIP Kecamatan A"
    assert sakip[-5:] == ["-", "-", "85", "87", "89"]


def test_iki_table(real_site: Path) -> None:
    table = soup_of(real_site, "dokumen/bab-4").select_one("table.iku-tabel-iki")
    assert table is not None and table.caption is not None
    assert text(table.caption).startswith("TARGET INDIKATOR KINERJA INDIVIDU")
    assert [text(th) for th in table.select("thead th")] == [
        "Program",
        "Indikator",
        "Definisi Operasional",
        "Rumus Hitung",
        "Sumber Data",
        "Penanggung Jawab Data",
    ]
    programs = load(DATA, "kerangka")["program"]
    expected = [(p, children(DATA, p["id"], "program")) for p in programs]
    rows = table.select("tbody tr")
    assert len(rows) == sum(len(found) for _, found in expected) == 7
    program_cells = table.select("tbody td.iku-program")
    assert [text(c) for c in program_cells] == [p["nama"] for p, _ in expected]
    assert len(program_cells) == 6
    assert [int(c.get("rowspan", 1)) for c in program_cells] == [len(f) for _, f in expected]
    flat = [item for _, found in expected for item in found]
    for row, item in zip(rows, flat, strict=True):
        tail = cells(row)[-5:]
        assert [text(c) for c in tail[:3]] == [
            item["nama"],
            item["definisi_operasional"],
            item["rumus_publikasi"],
        ]
        assert list_or_text(tail[3]) == item["sumber_data"]
        assert list_or_text(tail[4]) == item["penanggung_jawab"]
    # The source prints "1. Kasi PMP 2. Kasi Kesos" as a numbered list.
    pmp = next(r for r in rows if "Pemberdayaan" in text(r.find("th")))
    assert [text(li) for li in cells(pmp)[-2].select("ol li")] == ["Kasi PMP", "Kasi Kesos"]


def test_indicator_links_point_to_indicator_pages(real_site: Path) -> None:
    soup = soup_of(real_site, "dokumen/bab-4")
    links = soup.select("a.iku-tautan-indikator")
    hrefs = {a["href"] for a in links}
    ids = set(indicators(DATA))
    assert hrefs == {f"../../indikator/{ident}/" for ident in ids}
    for table, kind in (("iku", "iku"), ("target", "iku"), ("iki", "program")):
        for a in soup.select(f"table.iku-tabel-{table} a.iku-tautan-indikator"):
            ident = a["href"].rstrip("/").rsplit("/", 1)[-1]
            assert indicators(DATA)[ident]["jenis"] == kind
            assert text(a) == indicators(DATA)[ident]["nama"]
            target = posixpath.normpath(posixpath.join("dokumen/bab-4/", a["href"]))
            assert (real_site / target / "index.html").exists(), target


def test_profil_instansi(real_site: Path) -> None:
    profil = load(DATA, "profil")
    table = soup_of(real_site, "profil").select_one("table.iku-tabel-profil")
    assert table is not None
    values = {text(r.th): text(r.td) for r in table.select("tbody tr")}
    assert values["Instansi"] == profil["instansi"]["nama"]
    assert values["Nama"] == profil["kepala"]["nama"]
    assert values["Pangkat"] == profil["kepala"]["pangkat"]
    assert values["NIP"] == profil["kepala"]["nip"] == "196608011987011001"


# --- the demo dataset --------------------------------------------------------------------------


def test_demo_uses_its_own_narrative(demo_site: Path) -> None:
    for page in CHAPTERS:
        article = text(soup_of(demo_site, page).select_one("article"))
        assert "data contoh" in article.lower(), page
        assert "Pilangkenceng" not in article, page


def test_demo_tables_show_demo_values(demo_site: Path) -> None:
    soup = soup_of(demo_site, "dokumen/bab-4")
    expected = iku_in_table_order(DEMO, with_targets=True)
    years = sorted({year for i in expected for year in i["target"]})
    assert years == list(range(2020, 2025))
    table = soup.select_one("table.iku-tabel-target")
    assert table is not None
    header = [text(th) for th in table.select("thead tr")[1].find_all("th")]
    assert header == [str(y) for y in years]
    rows = table.select("tbody tr")
    assert len(rows) == len(expected)
    for row, item in zip(rows, expected, strict=True):
        assert [text(c) for c in cells(row)[-len(years) :]] == [
            target_text(item["target"].get(y)) for y in years
        ]
        assert text(row.find("a")) == item["nama"]

    iku = soup.select("table.iku-tabel-iku tbody tr")
    assert [text(r.find("th")) for r in iku] == [i["nama"] for i in iku_in_table_order(DEMO)]
    tujuan_cells = soup.select("table.iku-tabel-iku td.iku-tujuan")
    assert [text(c) for c in tujuan_cells] == [
        t.get("nama_tabel_iku") or t["nama"] for t in load(DEMO, "kerangka")["tujuan"]
    ]

    programs = load(DEMO, "kerangka")["program"]
    flat = [i for p in programs for i in children(DEMO, p["id"], "program")]
    iki = soup.select("table.iku-tabel-iki tbody tr")
    assert [text(r.find("th")) for r in iki] == [i["nama"] for i in flat]

    fungsi = soup.select("table.iku-tabel-identitas tbody tr")
    profil = load(DEMO, "profil")
    shown = [text(cells(r)[-1]) for r in fungsi]
    assert shown[-len(profil["fungsi"]) :] == profil["fungsi"]
    assert all(m in shown for m in profil["misi"])


def test_demo_lists(demo_site: Path) -> None:
    bab3 = soup_of(demo_site, "dokumen/bab-3")
    assert items(bab3, "ol.iku-daftar-desa") == [f"Desa {d}" for d in load(DEMO, "wilayah")["desa"]]
    units = load(DEMO, "organisasi")["unit"]
    assert len(bab3.select("section.iku-unit")) == len(units)
    bab1 = soup_of(demo_site, "dokumen/bab-1")
    assert items(bab1, "ol.iku-landasan-hukum") == load(DEMO, "landasan_hukum")["dasar_hukum"]
    tanda = text(soup_of(demo_site, "dokumen/kata-pengantar").select_one(".iku-tanda-tangan"))
    assert load(DEMO, "profil")["dokumen"]["penandatangan"]["nama"] in tanda


# --- safety and formatting ---------------------------------------------------------------------


def test_data_text_in_document_is_literal(copy_data, tmp_path: Path) -> None:
    data = copy_data(DATA)
    evil = "<script>alert(1)</script> *tebal* {{ 7*7 }} & _miring_"
    for name, old in (("wilayah", "  - Bulu\n"), ("organisasi", "      - Pengelolaan aset;\n")):
        path = data / f"{name}.yaml"
        source = path.read_text(encoding="utf-8")
        assert old in source
        indent = old[: len(old) - len(old.lstrip())]
        path.write_text(source.replace(old, f"{indent}- {json.dumps(evil)}\n"), encoding="utf-8")
    site = tmp_path / "site"
    build_site(data, site)
    for page in ("dokumen/bab-3", "profil"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        soup = BeautifulSoup(html, "html.parser")
        assert items(soup, "ol.iku-daftar-desa")[0] == f"Desa {evil}"
        assert evil in [text(li) for li in soup.select("ol.iku-rincian > li")]
        assert not soup.select(".iku-tupoksi em, .iku-tupoksi strong, .iku-daftar-desa em")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "-"),
        (Decimal("85"), "85"),
        (Decimal("85.0"), "85"),
        (Decimal("82.5"), "82,5"),
        (Decimal("82.50"), "82,50"),
        (Decimal("1500"), "1.500"),
        (Decimal("0"), "0"),
    ],
)
def test_format_target(value: Decimal | None, shown: str) -> None:
    assert format_target(value) == shown
