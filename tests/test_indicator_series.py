"""One series per indicator across the chain of IKU documents (data_contoh: 2020-2024 in force
2020-2021, its IKU Perubahan 2022-2024, then 2025-2029): the report's per-year document,
targets and progress, and the pages that show them (real strict build). Every number is
hand-checked against data_contoh/dokumen/*/indikator/*.yaml and realisasi/*.yaml."""

from __future__ import annotations

import posixpath
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from iku_macros.compute.numbers import format_tertulis
from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.render.indikator import (
    BUKAN_INDIKATOR,
    indikator_berakhir,
    indikator_sejak,
    versi_definisi,
)

from .conftest import DEMO, UNIT_LAIN

AWAL, PERUBAHAN, BARU = "2020-2024", "2020-2024-perubahan", "2025-2029"
IKU_2021 = [
    "ikm",
    "nilai_sakip",
    "temuan_bpk_belum_ditindaklanjuti",
    "ikm_kecamatan",
    "pengaduan_tidak_tepat_waktu",
]
IKU_2025 = [
    "ikm",
    "nilai_sakip",
    "ikm_kecamatan",
    "persentase_layanan_daring",
    "pengaduan_tidak_tepat_waktu",
]


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


def version(dokumen: str, ident: str) -> dict[str, object]:
    path = DEMO / "dokumen" / dokumen / "indikator" / f"{ident}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def judul(dokumen: str) -> str:
    meta = yaml.safe_load((DEMO / "dokumen" / dokumen / "dokumen.yaml").read_text("utf-8"))
    return meta["judul"]


# --- the report ----------------------------------------------------------------------------


def test_each_year_uses_the_document_in_force(demo: Laporan) -> None:
    tahun = demo.indikator["nilai_sakip"].tahun
    assert {t: tahun[t].dokumen for t in tahun} == {
        2020: AWAL,
        2021: AWAL,
        2022: PERUBAHAN,
        2023: PERUBAHAN,
        2024: PERUBAHAN,
        **dict.fromkeys(range(2025, 2030), BARU),
    }
    # 2021: 2020-2024's 72; 2022: the revision's 75 (the original said 74); 2025: 82.
    assert (tahun[2021].target, tahun[2022].target, tahun[2025].target) == (72, 75, 82)
    for nilai in tahun.values():
        assert nilai.target == nilai.target_dokumen and not nilai.target_pk


def test_progress_is_against_the_end_of_the_document_in_force(demo: Laporan) -> None:
    tahun = demo.indikator["nilai_sakip"].tahun
    # 2021: 66.7 / 78 (2020-2024's 2024 target) = 6670/78 = 3335/39 = 85.51 %
    assert tahun[2021].progres_akhir.nilai == Fraction(3335, 39)
    # 2022: 78.5 / 82 (the revision's 2024 target) = 7850/82 = 3925/41 = 95.73 %
    assert tahun[2022].progres_akhir.nilai == Fraction(3925, 41)
    # 2025: 83.1 / 86 (2025-2029's 2029 target) = 8310/86 = 4155/43 = 96.63 %
    assert tahun[2025].progres_akhir.nilai == Fraction(4155, 43)
    # Negative polarity, (2 × final − realisasi) / final: 2021 (20 − 19) / 10 = 10 %;
    # 2023 against the revision's 8: (16 − 9.5) / 8 = 81.25 %; 2025 against 5: (10 − 6.5) / 5.
    pengaduan = demo.indikator["pengaduan_tidak_tepat_waktu"].tahun
    assert pengaduan[2021].progres_akhir.nilai == 10
    assert pengaduan[2023].progres_akhir.nilai == Fraction("81.25")
    assert pengaduan[2025].progres_akhir.nilai == 70


def test_perjanjian_kinerja_target_replaces_the_documents(demo: Laporan) -> None:
    nilai = demo.indikator["persentase_layanan_daring"].tahun[2025]
    assert nilai.dokumen == BARU
    # realisasi/2025.yaml: nilai 34, target_pk 35; the document's 2025 target is 30.
    assert (nilai.target, nilai.target_dokumen, nilai.target_pk) == (35, 30, True)
    assert nilai.capaian.nilai == Fraction(680, 7)  # 34 / 35 × 100 = 97.14 %
    assert nilai.progres_akhir.nilai == Fraction(340, 7)  # 34 / 70 (2029) × 100 = 48.57 %


def test_years_of_a_document_without_the_indicator_have_no_target(demo: Laporan) -> None:
    daring = demo.indikator["persentase_layanan_daring"].tahun[2024]
    assert daring.dokumen == PERUBAHAN and daring.target is None
    assert not daring.target_tercantum and daring.realisasi is None
    temuan = demo.indikator["temuan_bpk_belum_ditindaklanjuti"].tahun[2025]
    assert temuan.dokumen == BARU and temuan.target is None and not temuan.target_tercantum


def test_year_summary_counts_the_documents_iku_only(demo: Laporan) -> None:
    # 2021: the 5 IKU of 2020-2024 (with temuan_bpk); 2025: the 5 of 2025-2029 (with daring),
    # ikm not yet reported: 4 measurable.
    assert demo.ringkasan[2021].jumlah_indikator == 5
    ringkasan = demo.ringkasan[2025]
    assert (ringkasan.jumlah_indikator, ringkasan.jumlah_terukur) == (5, 4)
    # nilai_sakip 83.1/82 = 4155/41; ikm_kecamatan (90 + 87.5 + 92 + 86 + 88)/5 = 88.7,
    # 88.7/86 = 4435/43; daring 680/7; pengaduan (16 − 6.5)/8 = 118.75.
    expected = (Fraction(4155, 41) + Fraction(4435, 43) + Fraction(680, 7) + Fraction("118.75")) / 4
    assert ringkasan.rata_rata_capaian == expected


def test_start_end_and_definition_versions(demo: Laporan) -> None:
    dataset = demo.dataset
    berakhir = indikator_berakhir(dataset, "temuan_bpk_belum_ditindaklanjuti")
    assert berakhir is not None and (berakhir.tahun, berakhir.dokumen.id) == (2025, BARU)
    assert indikator_sejak(dataset, "temuan_bpk_belum_ditindaklanjuti") is None
    sejak = indikator_sejak(dataset, "persentase_layanan_daring")
    assert sejak is not None and (sejak.tahun, sejak.dokumen.id) == (2025, BARU)
    assert indikator_berakhir(dataset, "persentase_layanan_daring") is None
    # pengaduan: one wording for 2020-2024 (both documents), another from 2025.
    versi = versi_definisi(dataset, "pengaduan_tidak_tepat_waktu")
    assert [[d.id for d in v.dokumen] for v in versi] == [[AWAL, PERUBAHAN], [BARU]]
    assert [v.tahun for v in versi] == [tuple(range(2020, 2025)), tuple(range(2025, 2030))]
    assert versi[0].indikator.nama == version(AWAL, "pengaduan_tidak_tepat_waktu")["nama"]
    # nilai_sakip's targets changed, its wording did not: one version.
    assert len(versi_definisi(dataset, "nilai_sakip")) == 1


# --- the built pages -----------------------------------------------------------------------


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(tag: Tag) -> str:
    """The text as read: the page's own spaces, collapsed."""
    return " ".join(tag.get_text().split())


def target_of(url: str, link: Tag) -> str:
    """The site path a relative link on ``url`` points to."""
    return posixpath.normpath(posixpath.join(url, link["href"])) + "/"


def year_rows(soup: BeautifulSoup) -> dict[int, dict[str, Tag]]:
    tables = soup.select("table.iku-tahunan")
    assert len(tables) == 1
    header = [text(th) for th in tables[0].select("thead th")]
    rows = {}
    for tr in tables[0].select("tbody tr"):
        cells: list[Tag] = []
        for cell in tr.find_all(["th", "td"], recursive=False):
            cells += [cell] * int(cell.get("colspan", 1))
        rows[int(text(cells[0]))] = dict(zip(header, cells, strict=True))
    return rows


def test_nilai_sakip_one_table_one_chart_across_documents(demo_site: Path) -> None:
    url = "indikator/nilai_sakip"
    soup = page(demo_site, url)
    rows = year_rows(soup)
    assert sorted(rows) == list(range(2020, 2030))
    targets = {t: text(r["Target"]) for t, r in rows.items()}
    # As the document writes them (85, not 85,00): the same as in its own target table.
    assert (targets[2021], targets[2022], targets[2025]) == ("72", "75", "82")
    in_force = {t: target_of(url, r["Dokumen"].a) for t, r in rows.items()}
    assert in_force[2021] == f"dokumen/{AWAL}/"
    assert in_force[2022] == in_force[2024] == f"dokumen/{PERUBAHAN}/"
    assert in_force[2025] == in_force[2029] == f"dokumen/{BARU}/"
    for link in set(in_force.values()):
        assert (demo_site / link / "index.html").is_file(), link
    assert text(rows[2022]["Dokumen"]) == "IKU Perubahan 2020–2024"

    charts = soup.select("svg.iku-grafik-svg--garis")
    assert len(charts) == 1
    chart = charts[0]
    marks = {int(m["data-tahun"]): m["data-nilai"] for m in chart.select("[data-seri=target]")}
    assert marks == {
        2020: "70.00",
        2021: "72.00",
        2022: "75.00",
        2023: "80.00",
        2024: "82.00",
        2025: "82.00",
        2026: "83.00",
        2027: "84.00",
        2028: "85.00",
        2029: "86.00",
    }
    # The chart's numbers are the table's.
    for tahun, nilai in marks.items():
        assert Decimal(targets[tahun].replace(",", ".")) == Decimal(nilai), tahun
    batas = chart.select("g.iku-grafik-batas")
    assert [(b["data-tahun"], b["data-dokumen"]) for b in batas] == [
        ("2022", PERUBAHAN),
        ("2025", BARU),
    ]
    assert [text(b.find("text")) for b in batas] == ["2022 Perubahan", "2025 periode baru"]
    # Each boundary line lies between the two years it separates.
    x = {int(m["data-tahun"]): float(m["x"]) + 4.5 for m in chart.select("rect[data-seri]")}
    for b in batas:
        line, tahun = float(b.find("line")["x1"]), int(b["data-tahun"])
        assert x[tahun - 1] < line < x[tahun]
    # The target line breaks where the document changes: 2020-2021, 2022-2024, 2025-2029.
    lines = chart.select("polyline[data-garis=target]")
    assert [len(p["points"].split()) for p in lines] == [2, 3, 5]
    desc = text(chart.find("desc"))
    assert (
        f"2020–2021 {judul(AWAL)} 2020–2024; 2022–2024 {judul(PERUBAHAN)} 2020–2024; "
        f"2025–2029 {judul(BARU)} 2025–2029" in desc
    )
    assert "2022: target 75; realisasi 78,5" in desc
    assert "pergantian dokumen" in text(soup.select_one("figure.iku-grafik figcaption"))

    # The end-of-period target of each document: 78 (2020-2024), 82 (revision), 86 (2029).
    akhir = [text(li) for li in soup.select("ul.iku-target-akhir > li")]
    assert akhir == [
        f"{judul(AWAL)} 2020–2024, berlaku 2020–2021: 78 (target 2024)",
        f"{judul(PERUBAHAN)} 2020–2024, berlaku 2022–2024: 82 (target 2024)",
        f"{judul(BARU)} 2025–2029, berlaku 2025–2029: 86 (target 2029)",
    ]


def test_perjanjian_kinerja_target_is_shown_and_explained(demo_site: Path) -> None:
    soup = page(demo_site, "indikator/persentase_layanan_daring")
    rows = year_rows(soup)
    assert text(rows[2025]["Target"]) == "35 (Perjanjian Kinerja; target dokumen 30)"
    assert text(rows[2025]["Capaian"]) == "97,14%"
    note = soup.select_one("p.iku-catatan-pk")
    assert note is not None and "2025" in text(note) and "Perjanjian Kinerja" in text(note)
    # Before its document, the years say why they have nothing.
    for tahun in range(2020, 2025):
        assert text(rows[tahun]["Target"]) == BUKAN_INDIKATOR, tahun
    assert "Indikator sejak 2025" in text(soup.select_one(".iku-ringkas"))
    desc = text(soup.select_one("svg.iku-grafik-svg--garis desc"))
    assert "2025: target 35 (Perjanjian Kinerja; target dokumen 30); realisasi 34,00" in desc


def test_ended_indicator_says_since_when(demo_site: Path) -> None:
    url = "indikator/temuan_bpk_belum_ditindaklanjuti"
    soup = page(demo_site, url)
    top = soup.select_one(".iku-ringkas .iku-peralihan--berakhir")
    assert top is not None
    assert text(top).startswith("Tidak lagi menjadi indikator sejak 2025 (dokumen ")
    assert f"{judul(BARU)} 2025–2029" in text(top)
    assert target_of(url, top.a) == f"dokumen/{BARU}/"
    rows = year_rows(soup)
    assert text(rows[2024]["Target"]) == "0"
    for tahun in range(2025, 2030):
        assert text(rows[tahun]["Target"]) == BUKAN_INDIKATOR, tahun

    listing = page(demo_site, "indikator")
    iku = listing.select_one("h2#iku + div table")
    assert iku is not None
    names = [text(a) for a in iku.select("tbody a")]
    assert version(BARU, "persentase_layanan_daring")["nama"] in names
    assert version(PERUBAHAN, "temuan_bpk_belum_ditindaklanjuti")["nama"] not in names
    assert text(listing.select_one("h2#dokumen-lain")) == "Indikator dokumen sebelumnya"
    earlier = listing.select_one("table.iku-daftar-indikator--lain")
    assert [text(td) for td in earlier.select("tbody tr")[0].find_all("td")][1:] == [
        version(PERUBAHAN, "temuan_bpk_belum_ditindaklanjuti")["nama"],
        "IKU",
        "Tidak lagi menjadi indikator sejak 2025 (IKU 2025–2029)",
    ]


def test_both_definitions_are_shown(demo_site: Path) -> None:
    soup = page(demo_site, "indikator/pengaduan_tidak_tepat_waktu")
    lama, baru = (
        version(PERUBAHAN, "pengaduan_tidak_tepat_waktu"),
        version(BARU, "pengaduan_tidak_tepat_waktu"),
    )
    assert lama["definisi_operasional"] != baru["definisi_operasional"]
    current = soup.select("table.iku-definisi:not(.iku-definisi--lama)")
    assert len(current) == 1
    assert baru["definisi_operasional"] in text(current[0])
    assert baru["rumus_publikasi"] in text(current[0])
    assert f"{judul(BARU)} 2025–2029 (berlaku 2025–2029)" in text(
        soup.select_one("p.iku-versi-kini")
    )
    older = soup.select("table.iku-definisi--lama")
    assert len(older) == 1
    cells = {text(tr.th): text(tr.td) for tr in older[0].select("tr")}
    assert cells["Nama indikator"] == lama["nama"]
    assert cells["Definisi operasional"] == lama["definisi_operasional"]
    assert cells["Rumus (seperti tertulis di dokumen)"] == lama["rumus_publikasi"]
    assert cells["Berlaku"] == f"2020–2024 ({judul(AWAL)} 2020–2024; {judul(PERUBAHAN)} 2020–2024)"


def test_capaian_pages_name_the_document_in_force(demo_site: Path) -> None:
    for tahun, dokumen, iku, pengaduan in (
        (2021, AWAL, IKU_2021, version(AWAL, "pengaduan_tidak_tepat_waktu")["nama"]),
        (2025, BARU, IKU_2025, version(BARU, "pengaduan_tidak_tepat_waktu")["nama"]),
    ):
        url = f"capaian/{tahun}"
        soup = page(demo_site, url)
        berlaku = soup.select_one("p.iku-dokumen-berlaku")
        assert text(berlaku).startswith(f"Dokumen yang berlaku tahun {tahun}: {judul(dokumen)}")
        assert target_of(url, berlaku.a) == f"dokumen/{dokumen}/"
        table = soup.select_one("table.iku-pengukuran")
        links = [target_of(url, a) for a in table.select("tbody th a")]
        assert links == [f"indikator/{ident}/" for ident in iku], tahun
        # Each indicator is named as that year's document names it.
        names = [text(a) for a in table.select("tbody th a")]
        assert pengaduan in names
        chart = soup.select("svg.iku-grafik-svg--batang")[0]
        assert [g["data-indikator"] for g in chart.select("g.iku-grafik-baris")] == iku
        ringkasan = soup.select_one("table.iku-ringkasan")
        assert text(ringkasan.select("tr")[0].td) == "5"
    soup = page(demo_site, "capaian/2025")
    pk = soup.select_one("p.iku-catatan-pk")
    assert pk is not None
    assert version(BARU, "persentase_layanan_daring")["nama"] in text(pk)
    assert "35 (Perjanjian Kinerja; target dokumen 30)" in text(pk)
    assert page(demo_site, "capaian/2021").select_one("p.iku-catatan-pk") is None


def test_home_page_names_the_current_document(demo_site: Path) -> None:
    soup = page(demo_site, "")
    kini = soup.select_one("p.iku-dokumen-kini")
    assert kini is not None
    assert f"{judul(BARU)}, periode 2025–2029" in text(kini)
    hrefs = [target_of("", a) for a in kini.select("a")]
    assert hrefs == [f"dokumen/{BARU}/", "dokumen/"]
    # Cards: the IKU of 2025-2029 in 2025, the latest year with realisasi.
    cards = soup.select("section.iku-kartu")
    assert [c["aria-labelledby"] for c in cards] == [f"kartu-{i}" for i in IKU_2025]
    daring = soup.select_one("section[aria-labelledby=kartu-persentase_layanan_daring] dd")
    assert text(daring) == "35 (Perjanjian Kinerja; target dokumen 30)"


def test_a_single_document_needs_no_boundary(unit_lain_site: Path) -> None:
    """The first-format fixture (one document): one document all years, no marker, the
    end-of-period target as one sentence."""
    laporan = build_laporan(load_dataset(UNIT_LAIN))
    (dokumen,) = laporan.dataset.dokumen.values()
    ident = next(iter(laporan.indikator))
    soup = page(unit_lain_site, f"indikator/{ident}")
    rows = year_rows(soup)
    assert {target_of(f"indikator/{ident}", r["Dokumen"].a) for r in rows.values()} == {
        f"dokumen/{dokumen.id}/"
    }
    assert not soup.select("g.iku-grafik-batas")
    assert "Dokumen IKU yang berlaku" not in text(soup.select_one("svg.iku-grafik-svg--garis desc"))
    assert soup.select_one(".iku-peralihan") is None
    assert not soup.select("ul.iku-target-akhir")
    akhir = laporan.indikator[ident].target_akhir
    if akhir is not None:
        sentence = f"Target akhir periode ({dokumen.meta.periode.akhir}): {format_tertulis(akhir)}."
        assert sentence in text(soup.select_one("article"))
