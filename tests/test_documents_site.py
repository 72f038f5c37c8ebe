"""The Dokumen IKU section of real strict builds: the list of documents, each document's pages
seen through that document, and the comparison of a document with its predecessor.

Engine tests on the demo's chain (``2020-2024``, its revision ``2020-2024-perubahan`` from 2022,
and the next period ``2025-2029``; the differences are those its YAML files set, listed in
``data_contoh/dokumen/*/dokumen.yaml``) and on the second fixture unit (first data format: one
document). The unit-data test reads ``data/``; the seed test is tied to its first unit.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from iku_macros.data.loading import load_dataset
from iku_macros.web.plan import COMPARISON_HEADINGS, document_url, narrative_document

from .conftest import DATA, DEMO, data_unit, seed_only
from .halaman import cells, headings, iku_in_table_order, soup_of, text
from .site_build import build_site

DEMO_ORDER = ["2025-2029", "2020-2024-perubahan", "2020-2024"]
"""The current document (in force in the last year) first, then from the newest."""


def cards(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("article section.iku-dokumen")


def definitions(card: Tag) -> dict[str, Tag]:
    return {text(dt): dt.find_next_sibling("dd") for dt in card.select("dl > dt")}


def resolve(page: str, href: str) -> str:
    """A relative link of ``page`` (a site-root directory URL) as a site-root path."""
    return posixpath.normpath(posixpath.join(page, href))


def assert_links_resolve(site: Path, page: str, soup: BeautifulSoup) -> None:
    for a in soup.select("article a[href]"):
        href = a["href"].split("#")[0]
        if not href or "//" in href:
            continue
        target = resolve(page, href)
        assert (site / target / "index.html").is_file(), (page, a["href"])


def document_yaml(data: Path, ident: str) -> dict:
    return yaml.safe_load((data / "dokumen" / ident / "dokumen.yaml").read_text("utf-8"))


# --- the list of documents ------------------------------------------------------------------------


def test_demo_list_page_lists_every_document_current_first(demo_site: Path) -> None:
    soup = soup_of(demo_site, "dokumen")
    assert headings(soup)[0] == "Dokumen IKU"
    found = cards(soup)
    assert [card["id"] for card in found] == [f"dokumen-{ident}" for ident in DEMO_ORDER]
    assert [text(card.find("h2")) for card in found] == [
        "Indikator Kinerja Utama (data contoh) 2025–2029",
        "Indikator Kinerja Utama Perubahan (data contoh) 2020–2024",
        "Indikator Kinerja Utama (data contoh) 2020–2024",
    ]
    rows = [{k: text(v) for k, v in definitions(card).items()} for card in found]
    assert [row["Berlaku untuk tahun"] for row in rows] == ["2025–2029", "2022–2024", "2020–2021"]
    assert [row["Jenis"] for row in rows] == ["IKU awal", "IKU Perubahan", "IKU awal"]
    assert [row["Periode"] for row in rows] == ["2025–2029", "2020–2024", "2020–2024"]
    assert [row["Penetapan"] for row in rows] == [
        "Nomor 050/31/404.401/2025 (data contoh), tanggal 3 Maret 2025",
        "Nomor 050/87/404.401/2022 (data contoh), tanggal 10 Februari 2022",
        "Nomor 050/12/404.401/2020 (data contoh), tanggal 15 Januari 2020",
    ]
    assert [bool(card.select(".iku-berlaku-kini")) for card in found] == [True, False, False]
    # what a revision revises, as a link to that document's page
    assert "Merevisi" not in rows[0] and "Merevisi" not in rows[2]
    revises = definitions(found[1])["Merevisi"].find("a")
    assert text(revises) == "Indikator Kinerja Utama (data contoh) 2020–2024"
    assert resolve("dokumen/", revises["href"]) == "dokumen/2020-2024"
    assert_links_resolve(demo_site, "dokumen/", soup)


def test_demo_list_page_links_each_document_s_pages(demo_site: Path) -> None:
    found = cards(soup_of(demo_site, "dokumen"))
    links = [
        [(text(a), resolve("dokumen/", a["href"])) for a in card.select("ul.iku-tautan-dokumen a")]
        for card in found
    ]
    assert links[0] == [
        ("Halaman dokumen", "dokumen/2025-2029"),
        ("Kata Pengantar", "dokumen/2025-2029/kata-pengantar"),
        ("BAB IV", "dokumen/2025-2029/bab-4"),
        ("Versi cetak", "dokumen/2025-2029/cetak"),
        (
            "Perbandingan dengan Indikator Kinerja Utama Perubahan (data contoh) 2020–2024",
            "dokumen/2025-2029/perbandingan",
        ),
    ]
    assert [label for label, _ in links[1]] == [
        "Halaman dokumen",
        "Kata Pengantar",
        "BAB I",
        "BAB II",
        "BAB III",
        "BAB IV",
        "BAB V",
        "Versi cetak",
        "Perbandingan dengan Indikator Kinerja Utama (data contoh) 2020–2024",
    ]
    assert links[2][-1] == ("Versi cetak", "dokumen/2020-2024/cetak")  # the first: no comparison
    assert not (demo_site / "dokumen" / "2020-2024" / "perbandingan").exists()


def test_navigation_has_one_section_per_document(demo_site: Path) -> None:
    nav = soup_of(demo_site, "dokumen/2020-2024/bab-4").select_one("nav.md-nav--primary")
    labels = [text(a) for a in nav.select("a.md-nav__link, label.md-nav__link")]
    titles = [
        "Indikator Kinerja Utama (data contoh) 2025–2029",
        "Indikator Kinerja Utama Perubahan (data contoh) 2020–2024",
        "Indikator Kinerja Utama (data contoh) 2020–2024",
    ]
    positions = [labels.index(title) for title in titles]
    assert positions == sorted(positions)
    assert labels.index("Dokumen IKU") < positions[0]


# --- each document's pages are its own ------------------------------------------------------------


def target_table(site: Path, ident: str) -> dict[str, dict[int, str]]:
    table = soup_of(site, f"dokumen/{ident}/bab-4").select_one("table.iku-tabel-target")
    assert table is not None
    years = [int(text(th)) for th in table.select("thead tr")[1].find_all("th")]
    result = {}
    for row in table.select("tbody tr"):
        ident_of_row = row.find("a")["href"].rstrip("/").rsplit("/", 1)[-1]
        result[ident_of_row] = dict(
            zip(years, [text(c) for c in cells(row)[-len(years) :]], strict=True)
        )
    return result


def test_each_document_prints_its_own_targets(demo_site: Path) -> None:
    awal = target_table(demo_site, "2020-2024")
    perubahan = target_table(demo_site, "2020-2024-perubahan")
    assert awal["nilai_sakip"][2022] == "74"
    assert perubahan["nilai_sakip"][2022] == "75"
    assert awal["nilai_sakip"][2021] == perubahan["nilai_sakip"][2021] == "72"
    baru = target_table(demo_site, "2025-2029")
    assert baru["persentase_layanan_daring"] == {
        2025: "30",
        2026: "40",
        2027: "50",
        2028: "60",
        2029: "70",
    }
    assert "temuan_bpk_belum_ditindaklanjuti" not in baru
    assert "persentase_layanan_daring" not in perubahan
    # the rows are each document's IKU with targets, in its own order
    for ident, table in (("2020-2024", awal), ("2025-2029", baru)):
        folder = DEMO / "dokumen" / ident
        assert list(table) == [i["id"] for i in iku_in_table_order(folder, with_targets=True)]


def test_each_document_has_its_own_names_title_block_and_signature(demo_site: Path) -> None:
    table = soup_of(demo_site, "dokumen/2025-2029/bab-4").select_one("table.iku-tabel-iku")
    assert "Persentase pengaduan yang tidak selesai dalam batas waktu layanan" in text(table)
    table = soup_of(demo_site, "dokumen/2020-2024/bab-4").select_one("table.iku-tabel-iku")
    assert "Persentase pengaduan yang tidak selesai tepat waktu" in text(table)
    for ident in DEMO_ORDER:
        meta = document_yaml(DEMO, ident)
        block = text(soup_of(demo_site, f"dokumen/{ident}").select_one(".iku-judul-dokumen"))
        assert meta["judul"].upper() in block and meta["penetapan"]["nomor"] in block
        signature = soup_of(demo_site, f"dokumen/{ident}/kata-pengantar")
        assert text(signature.select_one(".iku-nama")) == meta["penandatangan"]["nama"]
    printed = soup_of(demo_site, "dokumen/2025-2029/cetak").select_one(".iku-judul-dokumen")
    assert "050/31/404.401/2025" in text(printed)


def test_narrative_pages_are_recognised_by_their_address() -> None:
    assert narrative_document("dokumen/2020-2024/bab-4.md") == "2020-2024"
    assert narrative_document("dokumen/2020-2024/index.md") == "2020-2024"
    assert narrative_document("dokumen/2020-2024/cetak.md") == "2020-2024"
    for other in ("dokumen/index.md", "dokumen/2020-2024/perbandingan.md", "indikator/x.md"):
        assert narrative_document(other) is None
    assert document_url("2020-2024") == "dokumen/2020-2024/"
    assert document_url("2020-2024", "bab-4") == "dokumen/2020-2024/bab-4/"
    with pytest.raises(ValueError, match="id dokumen tidak sah"):
        document_url('x"}}')


def test_edit_links_open_the_chapter_in_the_data_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(DEMO, site, extra_env={"IKU_REPO_URL": "https://example.org/pemilik/iku"})
    edit = "https://example.org/pemilik/iku/edit/main/data_contoh/dokumen"
    for page, source in (
        ("dokumen/2020-2024/bab-4", "2020-2024/narasi/bab-4.md"),
        ("dokumen/2025-2029", "2025-2029/narasi/index.md"),
        ("dokumen/2020-2024-perubahan/perbandingan", "2020-2024-perubahan/dokumen.yaml"),
    ):
        button = soup_of(site, page).select_one("a.md-content__button[href*='/edit/']")
        assert button is not None and button["href"] == f"{edit}/{source}", page
    assert soup_of(site, "dokumen").select_one("a.md-content__button[href*='/edit/']") is None


# --- comparisons ----------------------------------------------------------------------------------


def comparison_headings(soup: BeautifulSoup) -> list[str]:
    return headings(soup)[1:]


def test_revision_comparison_lists_the_nine_changed_targets(demo_site: Path) -> None:
    page = "dokumen/2020-2024-perubahan/perbandingan"
    soup = soup_of(demo_site, page)
    assert (
        headings(soup)[0] == "Perbandingan dengan Indikator Kinerja Utama (data contoh) 2020–2024"
    )
    assert text(soup.select_one(".iku-ringkasan")) == (
        "9 target berubah pada 3 indikator; tidak ada indikator ditambah atau dihapus."
    )
    assert comparison_headings(soup) == [COMPARISON_HEADINGS["target"]]
    table = soup.select_one("table.iku-perbandingan-target")
    shown = []
    indicator = None
    for row in table.select("tbody tr"):
        link = row.find("a")
        if link is not None:
            indicator = resolve(f"{page}/", link["href"]).rsplit("/", 1)[-1]
        tahun, lama, baru = (text(c) for c in row.find_all("td"))
        shown.append((indicator, int(tahun), lama, baru))
    assert shown == [
        ("nilai_sakip", 2022, "74", "75"),
        ("nilai_sakip", 2023, "76", "80"),
        ("nilai_sakip", 2024, "78", "82"),
        ("pengaduan_tidak_tepat_waktu", 2022, "14", "12"),
        ("pengaduan_tidak_tepat_waktu", 2023, "12", "10"),
        ("pengaduan_tidak_tepat_waktu", 2024, "10", "8"),
        ("persentase_layanan_trantib", 2022, "86", "87"),
        ("persentase_layanan_trantib", 2023, "87", "88"),
        ("persentase_layanan_trantib", 2024, "88", "90"),
    ]
    assert not soup.select(".iku-perbandingan-ditambah, .iku-perbandingan-dihapus")
    assert_links_resolve(demo_site, f"{page}/", soup)


def test_new_period_comparison(demo_site: Path) -> None:
    page = "dokumen/2025-2029/perbandingan"
    soup = soup_of(demo_site, page)
    assert headings(soup)[0] == (
        "Perbandingan dengan Indikator Kinerja Utama Perubahan (data contoh) 2020–2024"
    )
    assert text(soup.select_one(".iku-ringkasan")) == (
        "1 indikator ditambah dan 1 dihapus; 1 indikator berganti nama; definisi operasional 1 "
        "indikator berubah; rumus 1 indikator berubah."
    )
    assert comparison_headings(soup) == [
        COMPARISON_HEADINGS[key]
        for key in ("ditambah", "dihapus", "nama", "definisi", "rumus", "sambungan")
    ]

    def linked(selector: str) -> list[str]:
        return [
            resolve(f"{page}/", a["href"]).rsplit("/", 1)[-1] for a in soup.select(f"{selector} a")
        ]

    assert linked("ul.iku-perbandingan-ditambah") == ["persentase_layanan_daring"]
    assert linked("ul.iku-perbandingan-dihapus") == ["temuan_bpk_belum_ditindaklanjuti"]
    old = yaml.safe_load(
        (DEMO / "dokumen/2020-2024-perubahan/indikator/pengaduan_tidak_tepat_waktu.yaml").read_text(
            "utf-8"
        )
    )
    new = yaml.safe_load(
        (DEMO / "dokumen/2025-2029/indikator/pengaduan_tidak_tepat_waktu.yaml").read_text("utf-8")
    )
    (row,) = soup.select("table.iku-perbandingan-nama tbody tr")
    assert [text(c) for c in row.find_all("td")] == [old["nama"], new["nama"]]
    definisi = soup.select_one(".iku-perbandingan-definisi")
    assert text(definisi.select_one(".iku-lama")) == old["definisi_operasional"]
    assert text(definisi.select_one(".iku-baru")) == new["definisi_operasional"]
    rumus = soup.select_one(".iku-perbandingan-rumus")
    assert text(rumus.select_one("dd.iku-lama")) == old["rumus_publikasi"]
    assert text(rumus.select_one("dd.iku-baru")) == new["rumus_publikasi"]
    assert linked(".iku-perbandingan-rumus") == ["pengaduan_tidak_tepat_waktu"]
    # a new period: no target "changes", the two periods' targets side by side instead
    assert not soup.select("table.iku-perbandingan-target")
    sambungan = {
        resolve(f"{page}/", r.find("a")["href"]).rsplit("/", 1)[-1]: [
            text(c) for c in r.find_all("td")
        ]
        for r in soup.select("table.iku-perbandingan-sambungan tbody tr")
    }
    assert sambungan["nilai_sakip"] == ["82 (2024)", "82 (2025)"]
    assert sambungan["pengaduan_tidak_tepat_waktu"] == ["8 (2024)", "8 (2025)"]
    assert "persentase_layanan_daring" not in sambungan
    assert "temuan_bpk_belum_ditindaklanjuti" not in sambungan
    assert len(sambungan) == 9
    assert_links_resolve(demo_site, f"{page}/", soup)


# --- the first data format and data/ --------------------------------------------------------------


def test_old_format_unit_has_its_one_document_under_its_id(unit_lain_site: Path) -> None:
    ident = "2021-2026"  # <awal>-<akhir> of profil.yaml's dokumen (no 'Perubahan' in jenis)
    soup = soup_of(unit_lain_site, "dokumen")
    (card,) = cards(soup)
    assert card["id"] == f"dokumen-{ident}"
    values = {k: text(v) for k, v in definitions(card).items()}
    assert values["Berlaku untuk tahun"] == "2021–2026"
    assert values["Jenis"] == "IKU awal"
    assert values["Penetapan"] == "tidak tercatat"
    assert card.select(".iku-berlaku-kini")
    for name in ("", "kata-pengantar", *(f"bab-{n}" for n in range(1, 6)), "cetak"):
        assert (unit_lain_site / "dokumen" / ident / name / "index.html").is_file(), name
    assert not (unit_lain_site / "dokumen" / ident / "perbandingan").exists()
    assert not (unit_lain_site / "dokumen" / "bab-4").exists()
    assert_links_resolve(unit_lain_site, "dokumen/", soup)


@data_unit
def test_unit_documents_show_their_revision_note(data_site: Path) -> None:
    """Unit-data test: every document of data/ is listed with its keterangan_revisi."""
    dataset = load_dataset(DATA)
    soup = soup_of(data_site, "dokumen")
    shown = {card["id"].removeprefix("dokumen-"): card for card in cards(soup)}
    assert set(shown) == set(dataset.dokumen)
    for ident, document in dataset.dokumen.items():
        note = document.meta.keterangan_revisi
        found = shown[ident].select_one(".iku-keterangan-revisi")
        assert (text(found) if found else None) == note
        if note:
            block = soup_of(data_site, f"dokumen/{ident}").select_one(".iku-judul-dokumen")
            assert note in text(block)


@data_unit
@seed_only
def test_seed_document_explains_why_it_has_no_comparison(data_site: Path) -> None:
    ident = "2018-2023-perubahan"
    note = document_yaml(DATA, ident)["keterangan_revisi"]
    assert "tidak tersedia" in note
    (card,) = cards(soup_of(data_site, "dokumen"))
    assert text(card.select_one(".iku-keterangan-revisi")) == note
    assert card.select_one(".iku-merevisi") is None
    assert not (data_site / "dokumen" / ident / "perbandingan").exists()
    assert "Perbandingan" not in text(card)


# --- data text stays text -------------------------------------------------------------------------

EVIL = "<script>alert(1)</script> *tebal* {{ 7*7 }} & _miring_"


def test_document_text_is_literal_in_the_list_and_the_comparison(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    for path, old in (
        (data / "dokumen/2020-2024/dokumen.yaml", "judul: Indikator Kinerja Utama (data contoh)"),
        (
            data / "dokumen/2020-2024-perubahan/indikator/nilai_sakip.yaml",
            "nama: Nilai SAKIP Kecamatan",
        ),
    ):
        source = path.read_text(encoding="utf-8")
        assert f"\n{old}\n" in source
        key = old.split(":")[0]
        path.write_text(source.replace(f"\n{old}\n", f"\n{key}: {json.dumps(EVIL)}\n"), "utf-8")
    site = tmp_path / "site"
    build_site(data, site)
    label = f"{EVIL} 2020–2024"
    for page in ("dokumen", "dokumen/2020-2024-perubahan/perbandingan"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.select("article em, article strong em")
    listing = soup_of(site, "dokumen")
    assert text(cards(listing)[2].find("h2")) == label
    assert text(definitions(cards(listing)[1])["Merevisi"]) == label
    comparison = soup_of(site, "dokumen/2020-2024-perubahan/perbandingan")
    assert headings(comparison)[0] == f"Perbandingan dengan {label}"
    assert text(comparison.select_one("table.iku-perbandingan-target tbody th")) == EVIL
    nav = [text(a) for a in listing.select("nav.md-nav--primary .md-nav__link")]
    assert label in nav
