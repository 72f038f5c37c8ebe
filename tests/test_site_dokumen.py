"""The IKU document pages (a document's chapters, Profil, Landasan Hukum) of real strict builds.

Engine tests: they run on the demo and on the second fixture unit (a dinas: no wilayah, another
period, the first data format), and on datasets made here (no chapter, some chapters). The
chapters checked are those of the document that has every chapter (the demo's IKU Perubahan,
the fixture unit's only document), under ``dokumen/<id>/``. Expected values are read from
each folder's YAML, never retyped, so a page that drops, reorders or rewrites an item fails.
The list of documents and the comparison pages are tested in ``test_documents_site.py``.
The first unit's own literals (headings, captions, typos of its official document) are checked
by the seed tests in ``test_seed_site.py``.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from iku_macros.data.loading import load_dataset
from iku_macros.web.plan import CHAPTER_ORDER, chapter_names
from iku_macros.web.render.dokumen import format_target

from .conftest import DEMO
from .halaman import (
    cells,
    children,
    headings,
    iku_in_table_order,
    indicators,
    items,
    list_or_text,
    load,
    soup_of,
    target_text,
    text,
)
from .site_build import build_site

ENGINE = ["demo", "unit_lain"]
FULL_DEMO = "2020-2024-perubahan"
"""The demo's document with every chapter."""


def full_document(data: Path) -> tuple[str, Path]:
    """The id of the document whose narasi folder has every chapter, and the folder of its
    YAML (``dokumen/<id>/``, or the data folder itself in the first format)."""
    dataset = load_dataset(data)
    for document in dataset.dokumen.values():
        if chapter_names(data, document) == list(CHAPTER_ORDER):
            return document.id, data / document.folder
    raise AssertionError(f"{data}: tidak ada dokumen dengan semua bab")


def page_of(data: Path, name: str = "index") -> str:
    ident, _ = full_document(data)
    return f"dokumen/{ident}" if name == "index" else f"dokumen/{ident}/{name}"


def chapter_pages(data: Path) -> list[str]:
    return [page_of(data, name) for name in CHAPTER_ORDER]


def meta(data: Path) -> dict:
    """The document's metadata as written: dokumen.yaml, or profil.yaml → dokumen."""
    _, folder = full_document(data)
    if (folder / "dokumen.yaml").is_file():
        return load(folder, "dokumen")
    return load(data, "profil")["dokumen"]


# --- every unit with chapters ---------------------------------------------------------------------


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_every_chapter_has_a_page_and_a_title(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    for page in [page_of(data), *chapter_pages(data)]:
        assert headings(soup_of(site, page)), page
    _, folder = full_document(data)
    assert (folder / "narasi" / "index.md").is_file()


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_daftar_isi_links_every_chapter(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    soup = soup_of(site, page_of(data))
    links = {a["href"].split("#")[0] for a in soup.select("article ul a")}
    expected = {"kata-pengantar/", *(f"bab-{n}/" for n in range(1, 6))}
    assert {link.removeprefix("./") for link in links} == expected


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_title_block(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    profil, dokumen = load(data, "profil"), meta(data)
    block = text(soup_of(site, page_of(data)).select_one(".iku-judul-dokumen"))
    assert dokumen["judul"].upper() in block
    assert profil["instansi"]["nama_singkat"].upper() in block
    periode = dokumen["periode"]
    assert f"{periode['awal']} – {periode['akhir']}" in block
    perubahan = "perubahan" in (dokumen.get("jenis") or "").lower()
    assert ("IKU Perubahan" if perubahan else "IKU awal") in block


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_signature(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    dokumen = meta(data)
    block = soup_of(site, page_of(data, "kata-pengantar")).select_one(".iku-tanda-tangan")
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


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
@pytest.mark.parametrize("page", ["bab-1", "landasan-hukum"])
def test_landasan_hukum(engine_site: tuple[Path, Path], page: str) -> None:
    data, site = engine_site
    path = page if page == "landasan-hukum" else page_of(data, page)
    shown = items(soup_of(site, path), "ol.iku-landasan-hukum")
    assert shown == load(data, "landasan_hukum")["dasar_hukum"]


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_syarat_kriteria_and_pertimbangan(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    soup = soup_of(site, page_of(data, "bab-2"))
    pengertian = load(data, "pengertian")
    assert items(soup, "ol.iku-syarat-kriteria") == pengertian["syarat_kriteria"]
    assert items(soup, "ol.iku-pertimbangan") == pengertian["pertimbangan"]


@pytest.mark.parametrize("page", [f"dokumen/{FULL_DEMO}/bab-3", "profil"])
def test_wilayah_and_desa(demo_site: Path, page: str) -> None:
    wilayah = load(DEMO, "wilayah")
    soup = soup_of(demo_site, page)
    assert text(soup.select_one(".iku-gambaran-umum")) == wilayah["gambaran_umum"]
    batas = items(soup, "ul.iku-batas-wilayah")
    assert batas == [
        f"Sebelah {arah} berbatasan dengan {wilayah['batas'][arah.lower()]}"
        for arah in ("Utara", "Timur", "Selatan", "Barat")
    ]
    assert items(soup, "ol.iku-daftar-desa") == [f"Desa {nama}" for nama in wilayah["desa"]]


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
@pytest.mark.parametrize("page", ["bab-3", "profil"])
def test_duties_of_every_unit(engine_site: tuple[Path, Path], page: str) -> None:
    data, site = engine_site
    units = load(data, "organisasi")["unit"]
    path = page if page == "profil" else page_of(data, page)
    sections = soup_of(site, path).select(".iku-tupoksi section.iku-unit")
    assert len(sections) == len(units)
    levels = {}
    for section, unit in zip(sections, units, strict=True):
        heading = section.find(["h3", "h4", "h5", "h6"])
        separator = " " if "." in unit["nomor"] else ". "
        assert text(heading) == f"{unit['nomor']}{separator}{unit['nama']}"
        levels[unit["id"]] = int(heading.name[1])
        if unit.get("induk"):  # a sub-unit sits one level below its parent
            assert levels[unit["id"]] == levels[unit["induk"]] + 1, unit["id"]
        assert items(section, "ol.iku-rincian") == unit["rincian"], unit["id"]
        assert items(section, "ul.iku-kewenangan") == unit.get("kewenangan", [])
        for key, selector in (
            ("tugas", ".iku-tugas"),
            ("pengantar_rincian", ".iku-pengantar-rincian"),
            ("pengantar_kewenangan", ".iku-pengantar-kewenangan"),
        ):
            found = section.select_one(selector)
            assert (text(found) if found else None) == unit.get(key), (unit["id"], key)


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_struktur_organisasi(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    units = load(data, "organisasi")["unit"]
    lists = soup_of(site, page_of(data, "bab-3")).select("ol.iku-struktur-organisasi")
    assert len(lists) == 1
    top_units = [u for u in units if not u.get("induk")]
    top = lists[0].find_all("li", recursive=False)
    assert [li.find(string=True).strip() for li in top] == [u["nama_struktur"] for u in top_units]
    for li, unit in zip(top, top_units, strict=True):
        children_names = [u["nama_struktur"] for u in units if u.get("induk") == unit["id"]]
        sub = li.select_one("ol")
        if children_names:
            assert sub is not None and sub["type"] == "a"
            assert items(li, "ol") == children_names
        else:
            assert sub is None


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_tujuan_sasaran_table(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    kerangka = load(folder, "kerangka")
    table = soup_of(site, page_of(data, "bab-3")).select_one("table.iku-tabel-tujuan-sasaran")
    assert table is not None and table.caption is not None
    assert [text(th) for th in table.select("thead th")] == [
        "URUSAN",
        "TUJUAN OPD",
        "INDIKATOR TUJUAN OPD",
        "SASARAN OPD",
    ]
    shown = text(table.select_one("tbody"))
    for tujuan in kerangka["tujuan"]:
        assert tujuan["nama"] in shown and tujuan["urusan"] in shown
        for item in children(folder, tujuan["id"], "iku"):
            assert item["nama"] in shown
    sasaran = [text(th) for th in table.select("tbody th[scope=row]")]
    assert [s for s in sasaran if s] == [s["nama"] for s in kerangka.get("sasaran", [])]


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
@pytest.mark.parametrize("page", ["bab-4", "profil"])
def test_identity_table_and_fungsi(engine_site: tuple[Path, Path], page: str) -> None:
    data, site = engine_site
    profil = load(data, "profil")
    path = page if page == "profil" else page_of(data, page)
    table = soup_of(site, path).select_one("table.iku-tabel-identitas")
    assert table is not None
    rows = table.select("tbody tr")
    labels = [text(th) for th in table.select("tbody th[scope=row]")]
    assert labels == ["Instansi", "Visi", "Misi", "Tujuan", "Tujuan Pokok", "Fungsi"]
    shown = text(table.select_one("tbody"))
    for key in ("visi", "tujuan", "tujuan_pokok"):
        assert profil[key] in shown
    assert profil["instansi"]["nama"] in shown
    for misi in profil["misi"]:
        assert misi in shown
    fungsi_rows = rows[-len(profil["fungsi"]) :]
    assert [text(cells(r)[-1]) for r in fungsi_rows] == profil["fungsi"]
    assert [text(cells(r)[-2]) for r in fungsi_rows] == [
        str(n) for n in range(1, len(profil["fungsi"]) + 1)
    ]
    assert cells(fungsi_rows[0])[1]["rowspan"] == str(len(profil["fungsi"]))


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_iku_table(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    table = soup_of(site, page_of(data, "bab-4")).select_one("table.iku-tabel-iku")
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
    expected = iku_in_table_order(folder)
    rows = table.select("tbody tr")
    assert len(rows) == len(expected)
    for row, item in zip(rows, expected, strict=True):
        tail = cells(row)[-5:]
        assert [text(c) for c in tail[:3]] == [
            item["nama"],
            item["definisi_operasional"],
            item["rumus_publikasi"],
        ]
        assert list_or_text(tail[3]) == item["sumber_data"]
        assert list_or_text(tail[4]) == item["penanggung_jawab"]
    tujuan_cells = table.select("td.iku-tujuan")
    assert [text(c) for c in tujuan_cells] == [
        t.get("nama_tabel_iku") or t["nama"] for t in load(folder, "kerangka")["tujuan"]
    ]


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_target_table(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    table = soup_of(site, page_of(data, "bab-4")).select_one("table.iku-tabel-target")
    assert table is not None and table.caption is not None
    nama = load(data, "profil")["instansi"]["nama_singkat"]
    assert text(table.caption) == f"TARGET INDIKATOR KINERJA UTAMA {nama.upper()}"
    expected = iku_in_table_order(folder, with_targets=True)
    years = sorted({year for i in expected for year in i["target"]})
    header = [text(th) for th in table.select("thead tr")[1].find_all("th")]
    assert header == [str(y) for y in years]
    rows = table.select("tbody tr")
    assert len(rows) == len(expected)
    for row, item in zip(rows, expected, strict=True):
        shown = [text(c) for c in cells(row)[-len(years) :]]
        assert shown == [target_text(item["target"].get(y)) for y in years]
        name = text(row.find("th"))
        predikat = item.get("predikat_target")
        assert name == (f"{item['nama']} {predikat}" if predikat else item["nama"])


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_iki_table(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    table = soup_of(site, page_of(data, "bab-4")).select_one("table.iku-tabel-iki")
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
    programs = load(folder, "kerangka")["program"]
    expected = [(p, children(folder, p["id"], "program")) for p in programs]
    expected = [(p, found) for p, found in expected if found]
    rows = table.select("tbody tr")
    assert len(rows) == sum(len(found) for _, found in expected)
    program_cells = table.select("tbody td.iku-program")
    assert [text(c) for c in program_cells] == [p["nama"] for p, _ in expected]
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


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_indicator_links_point_to_indicator_pages(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    page = page_of(data, "bab-4")
    soup = soup_of(site, page)
    links = soup.select("a.iku-tautan-indikator")
    hrefs = {a["href"] for a in links}
    ids = set(indicators(folder))
    assert hrefs == {f"../../../indikator/{ident}/" for ident in ids}
    for table, kind in (("iku", "iku"), ("target", "iku"), ("iki", "program")):
        for a in soup.select(f"table.iku-tabel-{table} a.iku-tautan-indikator"):
            ident = a["href"].rstrip("/").rsplit("/", 1)[-1]
            assert indicators(folder)[ident]["jenis"] == kind
            assert text(a) == indicators(folder)[ident]["nama"]
            target = posixpath.normpath(posixpath.join(f"{page}/", a["href"]))
            assert (site / target / "index.html").exists(), target


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_profil_instansi(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    profil = load(data, "profil")
    table = soup_of(site, "profil").select_one("table.iku-tabel-profil")
    assert table is not None
    values = {text(r.th): text(r.td) for r in table.select("tbody tr")}
    assert values["Instansi"] == profil["instansi"]["nama"]
    assert values["Nama"] == profil["kepala"]["nama"]
    assert values["Pangkat"] == profil["kepala"]["pangkat"]
    assert values["NIP"] == profil["kepala"]["nip"]


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_each_unit_uses_its_own_narrative(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    _, folder = full_document(data)
    for name in ["index", *CHAPTER_ORDER]:
        page = page_of(data, name)
        source = folder / "narasi" / f"{name}.md"
        first = next(line for line in source.read_text("utf-8").splitlines() if line.strip())
        assert headings(soup_of(site, page))[0] == first.lstrip("# ").strip(), page


# --- documents without (some) chapters ------------------------------------------------------------


@pytest.fixture(scope="module")
def sebagian(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo with no chapter in 2020-2024 and 2025-2029, and 2020-2024-perubahan without
    its index and its BAB V: the engine writes the pages those documents lack."""
    data = tmp_path_factory.mktemp("sebagian") / "data"
    shutil.copytree(DEMO, data)
    for ident in ("2020-2024", "2025-2029"):
        shutil.rmtree(data / "dokumen" / ident / "narasi")
    (data / "dokumen" / FULL_DEMO / "narasi" / "index.md").unlink()
    (data / "dokumen" / FULL_DEMO / "narasi" / "bab-5.md").unlink()
    site = data.parent / "site"
    assert "WARNING" not in build_site(data, site)
    return data, site


@pytest.mark.parametrize(
    ("ident", "heading", "comparison"),
    [
        ("2025-2029", "Dokumen IKU 2025–2029", True),
        ("2020-2024", "Dokumen IKU 2020–2024", False),
    ],
)
def test_without_chapters_the_document_page_shows_the_data(
    sebagian: tuple[Path, Path], ident: str, heading: str, comparison: bool
) -> None:
    data, site = sebagian
    soup = soup_of(site, f"dokumen/{ident}")
    assert headings(soup)[0] == heading
    assert "belum dimuat" in text(soup.select_one("article"))
    for selector in (
        ".iku-judul-dokumen",
        "ol.iku-landasan-hukum",
        "ol.iku-syarat-kriteria",
        "ol.iku-pertimbangan",
        "table.iku-tabel-tujuan-sasaran",
        "table.iku-tabel-iku",
        "table.iku-tabel-target",
        "table.iku-tabel-iki",
    ):
        assert soup.select_one(selector) is not None, selector
    assert items(soup, "ol.iku-landasan-hukum") == load(data, "landasan_hukum")["dasar_hukum"]
    # the tables are the document's own: its IKU, in its order
    folder = data / "dokumen" / ident
    shown = [text(a) for a in soup.select("table.iku-tabel-iku a.iku-tautan-indikator")]
    assert shown == [item["nama"] for item in iku_in_table_order(folder)]
    links = [a["href"] for a in soup.select("article ul a")]
    assert links == (["perbandingan/"] if comparison else [])
    assert not (site / "dokumen" / ident / "cetak").exists()
    page = f"dokumen/{ident}/"
    nav = {
        posixpath.normpath(posixpath.join(page, a["href"]))
        for a in soup.select("nav.md-nav--primary a[href]")
    }
    own = {p for p in nav if p.split("/")[:2] == ["dokumen", ident]}
    assert own == {f"dokumen/{ident}", *([f"dokumen/{ident}/perbandingan"] if comparison else [])}


def test_the_engine_lists_the_chapters_a_document_has(sebagian: tuple[Path, Path]) -> None:
    _, site = sebagian
    soup = soup_of(site, f"dokumen/{FULL_DEMO}")
    assert headings(soup)[0] == "Dokumen IKU Perubahan 2020–2024"
    links = [(text(a), a["href"]) for a in soup.select("article ul a")]
    assert links == [
        ("Kata Pengantar", "kata-pengantar/"),
        ("BAB I", "bab-1/"),
        ("BAB II", "bab-2/"),
        ("BAB III", "bab-3/"),
        ("BAB IV", "bab-4/"),
        ("Versi cetak seluruh dokumen", "cetak/"),
        ("Perbandingan dengan dokumen sebelumnya", "perbandingan/"),
    ]
    assert not (site / "dokumen" / FULL_DEMO / "bab-5").exists()
    printed = [text(h) for h in soup_of(site, f"dokumen/{FULL_DEMO}/cetak").select("article h1")]
    assert [h.split(" ", 2)[:2] for h in printed[1:]] == [
        ["BAB", "I"],
        ["BAB", "II"],
        ["BAB", "III"],
        ["BAB", "IV"],
    ]


# --- safety and formatting ------------------------------------------------------------------------


def test_data_text_in_document_is_literal(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    evil = "<script>alert(1)</script> *tebal* {{ 7*7 }} & _miring_"
    wilayah = load(DEMO, "wilayah")["desa"][0]
    rincian = load(DEMO, "organisasi")["unit"][0]["rincian"][0]
    for name, old in (("wilayah", wilayah), ("organisasi", rincian)):
        path = data / f"{name}.yaml"
        source = path.read_text(encoding="utf-8")
        line = next(line for line in source.splitlines() if line.strip() == f"- {old}")
        indent = line[: len(line) - len(line.lstrip())]
        source = source.replace(line + "\n", f"{indent}- {json.dumps(evil)}\n", 1)
        path.write_text(source, encoding="utf-8")
    site = tmp_path / "site"
    build_site(data, site)
    for page in (f"dokumen/{FULL_DEMO}/bab-3", "profil"):
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
