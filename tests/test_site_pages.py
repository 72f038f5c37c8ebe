"""The built site (real `mkdocs build --strict`): every page type, honest empty states, the
demo's numbers equal to the computation core, downloads, safety, reproducibility."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from iku_macros.compute.numbers import (
    format_nilai,
    format_persen,
    format_tertulis,
    round_half_up,
)
from iku_macros.data.gitdata import read_riwayat
from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.web.render.indikator import (
    BUKAN_INDIKATOR,
    capaian_singkat,
    indikator_tahun,
    label_singkat,
)

from .conftest import DEMO, ROOT
from .published import missing_in_downloads, missing_links, missing_texts
from .site_build import build_site


def soup_of(site: Path, page: str) -> BeautifulSoup:
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    assert path.exists(), f"halaman {page} tidak ada"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_of(data: Path) -> list[str]:
    """Every indicator id of every document (a folder in the first format has one)."""
    files = [*data.glob("indikator/*.yaml"), *data.glob("dokumen/*/indikator/*.yaml")]
    return sorted({p.stem for p in files})


STATIC_PAGES = [
    "",
    "dokumen",
    "indikator",
    "capaian",
    "ikm",
    "profil",
    "landasan-hukum",
    "metodologi",
    "unduh",
]
ENGINE = ["demo", "unit_lain", "kosong"]


def _card_values(card: BeautifulSoup) -> dict[str, str]:
    return dict(
        zip(
            [dt.get_text(strip=True) for dt in card.select("dt")],
            [dd.get_text(" ", strip=True) for dd in card.select("dd")],
            strict=True,
        )
    )


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_every_page_type_exists(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    for page in STATIC_PAGES:
        soup_of(site, page)
    laporan = build_laporan(load_dataset(data))
    # Each document's page and its chapters (dokumen/<id>/, dokumen/<id>/bab-4/, ...).
    for dokumen in laporan.dataset.dokumen.values():
        soup_of(site, f"dokumen/{dokumen.id}")
        for chapter in (data / dokumen.narasi_folder).glob("*.md"):
            if chapter.stem != "index":
                soup_of(site, f"dokumen/{dokumen.id}/{chapter.stem}")
    for ident in ids_of(data):
        soup_of(site, f"indikator/{ident}")
    for tahun in laporan.tahun_laporan:
        soup_of(site, f"capaian/{tahun}")
    for tahun in laporan.dataset.tahun_ikm():
        soup_of(site, f"ikm/{tahun}")
    for name in ("iku.json", "iku.csv", "skema/indikator.schema.json"):
        assert (site / "unduh" / name).is_file()


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_every_value_of_the_data_is_published(engine_site: tuple[Path, Path]) -> None:
    """The unit-data test of data/ (test_data_unit.py), on the engine's own datasets."""
    data, site = engine_site
    assert missing_texts(data, site) == []
    assert missing_links(data, site) == []
    assert missing_in_downloads(data, site) == []


def test_home_cards_before_any_report_show_targets_and_belum_dilaporkan(
    kosong_site: Path, kosong_data: Path
) -> None:
    laporan = build_laporan(load_dataset(kosong_data))
    soup = soup_of(kosong_site, "")
    text = soup.get_text(" ", strip=True)
    instansi = laporan.dataset.profil.instansi
    assert instansi.nama in text
    assert soup.title is not None and f"IKU {instansi.nama_singkat}" in soup.title.string
    cards = soup.select("section.iku-kartu")
    # No realisasi anywhere: the cards are the IKU of the document in force in the latest year
    # with targets, each showing that year's target.
    latest = max(t for h in laporan.iku() for t, v in h.indikator.target.items() if v is not None)
    iku = indikator_tahun(laporan, latest, "iku")
    assert iku and [c.h3.get_text(strip=True) for c in cards] == [x.indikator.nama for x in iku]
    for card, x in zip(cards, iku, strict=True):
        values = _card_values(card)
        target = x.hasil.indikator.target.get(latest)
        if target is not None:
            # As the document writes it, as on every page (85, not 85,00).
            assert values[f"Target {latest}"] == format_tertulis(target), x.indikator.id
        # Nothing is reported: the page says so once, not in every card.
        assert "Realisasi" not in values, x.indikator.id
    assert "Realisasi belum dilaporkan untuk tahun mana pun" in text


def test_no_report_never_shows_zero_for_missing_values(
    kosong_site: Path, kosong_data: Path
) -> None:
    laporan = build_laporan(load_dataset(kosong_data))
    pages = [f"capaian/{t}" for t in laporan.tahun_laporan]
    pages += [f"indikator/{ident}" for ident in laporan.indikator]
    for page in pages:
        soup = soup_of(kosong_site, page)
        tables = soup.select("table.iku-pengukuran, table.iku-tahunan")
        for table in tables:
            header = [th.get_text(strip=True) for th in table.select("thead th")]
            col = header.index("Realisasi")
            for row in table.select("tbody tr"):
                if row.select_one("td.iku-bukan-indikator"):  # a year of another document
                    continue
                cell = row.find_all(["td", "th"])[col].get_text(" ", strip=True)
                assert cell.startswith("belum"), (page, cell)
    tahun = laporan.tahun_laporan[0]
    text = soup_of(kosong_site, f"capaian/{tahun}").get_text(" ", strip=True)
    assert f"Realisasi tahun {tahun} belum dilaporkan" in text


def _year_rows(soup: BeautifulSoup) -> dict[int, dict[str, str]]:
    """Per year, column name -> cell text; a cell spanning several columns (a year whose
    document does not adopt the indicator) gives its text to each of them."""
    table = soup.select_one("table.iku-tahunan")
    assert table is not None
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = []
        for cell in tr.find_all(["th", "td"]):
            cells += [cell.get_text(" ", strip=True)] * int(cell.get("colspan", 1))
        rows[int(cells[0])] = dict(zip(header, cells, strict=True))
    return rows


def test_demo_indicator_pages_match_the_computation(demo_site: Path) -> None:
    laporan = build_laporan(load_dataset(DEMO))
    dokumen = laporan.dataset.dokumen
    for ident, hasil in laporan.indikator.items():
        rows = _year_rows(soup_of(demo_site, f"indikator/{ident}"))
        assert sorted(rows) == sorted(hasil.tahun), ident
        for tahun, nilai in hasil.tahun.items():
            row = rows[tahun]
            assert nilai.dokumen is not None, (ident, tahun)  # the demo's chain covers 2020-2029
            assert row["Dokumen"] == label_singkat(laporan.dataset, dokumen[nilai.dokumen])
            if ident not in dokumen[nilai.dokumen].indikator:
                assert row["Target"] == row["Realisasi"] == BUKAN_INDIKATOR, (ident, tahun)
                continue
            if nilai.target is not None:
                assert row["Target"].startswith(format_tertulis(nilai.target)), (ident, tahun)
                assert ("Perjanjian Kinerja" in row["Target"]) == nilai.target_pk, (ident, tahun)
            if nilai.capaian.nilai is None:
                words = capaian_singkat(nilai.capaian)
                if nilai.capaian.tercapai is not None:  # a target of 0: met or not, no %
                    words += " (target 0)"
                assert row["Capaian"] == words, (ident, tahun)
                assert row["Predikat capaian"] == "–"
            else:
                assert row["Capaian"] == format_persen(nilai.capaian.nilai), (ident, tahun)
                assert row["Predikat capaian"] == nilai.predikat.label, (ident, tahun)
            if nilai.realisasi is not None:
                satuan = laporan.dataset.versi(ident, tahun).satuan.value
                shown = format_nilai(nilai.realisasi, satuan)
                assert row["Realisasi"].startswith(shown), (ident, tahun)


def test_demo_spot_values_by_hand(demo_site: Path) -> None:
    # pengaduan 2021: T 15, R 19, negative -> (30 - 19) / 15 = 73,33 % Sedang
    rows = _year_rows(soup_of(demo_site, "indikator/pengaduan_tidak_tepat_waktu"))
    assert rows[2021]["Capaian"] == "73,33%" and rows[2021]["Predikat capaian"] == "Sedang"
    assert rows[2022]["Capaian"] == "0,00%"
    # composite 2020: (84.5 + 45 + 78 + 75 + 70) / 5 = 70,50; 2022 lacks one input
    rows = _year_rows(soup_of(demo_site, "indikator/ikm_kecamatan"))
    assert rows[2020]["Realisasi"] == "70,50"
    assert rows[2022]["Realisasi"] == "belum lengkap"
    # The missing input is named once, in the legend under the table, not in the row.
    soup = soup_of(demo_site, "indikator/ikm_kecamatan")
    legend = (
        soup.select_one("table.iku-tahunan")
        .find_parent("div", class_="md-typeset__scrollwrap")
        .find_next_sibling("div")
    )
    text = legend.get_text(" ", strip=True)
    assert "2022: Persentase Layanan Pembinaan dan Pengawasan Pemerintahan Desa" in text
    assert text.count("Persentase Layanan Pembinaan dan Pengawasan Pemerintahan Desa") == 2
    # IKM 2020 = 31550/441 = 71,54, mutu C
    text = soup_of(demo_site, "ikm/2020").get_text(" ", strip=True)
    assert "71,54" in text and "C – Kurang Baik" in text


def test_composite_inputs_are_linked(demo_site: Path) -> None:
    soup = soup_of(demo_site, "indikator/ikm_kecamatan")
    links = {a["href"] for a in soup.select("table.iku-masukan a")}
    assert "../persentase_layanan_pembinaan_desa/" in links
    assert len(links) == 5


def test_open_data_holds_the_computed_numbers(demo_site: Path) -> None:
    laporan = build_laporan(load_dataset(DEMO))
    document = json.loads((demo_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    records = {(r["id"], r["tahun"]): r for r in document["data"]}
    assert document["data_contoh"] is True
    # A row per year whose document in force has the indicator: 9 indicators in every year
    # 2020-2029, temuan_bpk_belum_ditindaklanjuti 2020-2024, persentase_layanan_daring 2025-2029.
    assert len(laporan.indikator) == 11 and laporan.tahun_laporan == list(range(2020, 2030))
    assert len(records) == 9 * 10 + 5 + 5
    assert {t for i, t in records if i == "temuan_bpk_belum_ditindaklanjuti"} == set(
        range(2020, 2025)
    )
    assert {t for i, t in records if i == "persentase_layanan_daring"} == set(range(2025, 2030))
    for ident, hasil in laporan.indikator.items():
        for tahun, nilai in hasil.tahun.items():
            if (ident, tahun) not in records:
                continue
            r = records[(ident, tahun)]
            expected = (
                None if nilai.capaian.nilai is None else float(round_half_up(nilai.capaian.nilai))
            )
            assert r["capaian"] == expected, (ident, tahun)
            assert r["predikat"] == (nilai.predikat.label if nilai.predikat else None)
            for key in ("target", "realisasi", "capaian"):
                assert r[key] is None or isinstance(r[key], int | float)
    # hand-checked: pengaduan 2021 capaian 73.33, composite 2020 realisasi 70.5
    assert records[("pengaduan_tidak_tepat_waktu", 2021)]["capaian"] == 73.33
    assert records[("ikm_kecamatan", 2020)]["realisasi"] == 70.5
    rows = list(csv.DictReader(io.StringIO((demo_site / "unduh" / "iku.csv").read_text("utf-8"))))
    assert len(rows) == len(records)
    row = next(r for r in rows if r["id"] == "pengaduan_tidak_tepat_waktu" and r["tahun"] == "2021")
    assert Decimal(row["capaian"]) == Decimal("73.33")
    missing = next(r for r in rows if r["id"] == "nilai_sakip" and r["tahun"] == "2024")
    assert missing["realisasi"] == "" and missing["status"] == "belum diisi"


def test_open_data_before_any_report_has_targets_and_null_realisasi(
    kosong_site: Path, kosong_data: Path
) -> None:
    document = json.loads((kosong_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    records = {(r["id"], r["tahun"]): r for r in document["data"]}
    assert document["data_contoh"] is False
    for indikator in load_dataset(kosong_data).indikator.values():
        for tahun, target in indikator.target.items():
            expected = None if target is None else float(target)
            assert records[(indikator.id, tahun)]["target"] == expected, (indikator.id, tahun)
    assert all(r["realisasi"] is None and r["capaian"] is None for r in records.values())


def test_demo_banner_on_every_demo_page_only(
    demo_site: Path, unit_lain_site: Path, kosong_site: Path
) -> None:
    for site in (demo_site, unit_lain_site):  # both are fictional: data_contoh: true
        pages = list(site.rglob("*.html"))
        assert len(pages) > 20
        for page in pages:
            if page.name == "404.html":
                continue
            assert "Data contoh." in page.read_text(encoding="utf-8"), page
    for page in kosong_site.rglob("*.html"):
        assert "Data contoh." not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_no_external_resources(engine_site: tuple[Path, Path]) -> None:
    _, site = engine_site
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                assert not url.startswith(("http:", "https:", "//")), (page, url)
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_data_text_is_shown_literally(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    evil = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
    # Every document's version: the capaian pages name an indicator as that year's document.
    paths = sorted(data.glob("dokumen/*/indikator/pengaduan_tidak_tepat_waktu.yaml"))
    assert len(paths) == 3
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8").replace(
            f"nama: {document['nama']}", f"nama: {json.dumps(evil)}"
        )
        path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build_site(data, site)
    for page in ("indikator/pengaduan_tidak_tepat_waktu", "", "indikator", "capaian/2021"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
        soup = BeautifulSoup(html, "html.parser")
        assert "<script>alert(1)</script> {{ 7*7 }} {% raw %}" in soup.get_text(), page
    title = soup_of(site, "indikator/pengaduan_tidak_tepat_waktu").title.get_text()
    assert title.startswith("<script>alert(1)</script> {{ 7*7 }}")


def test_edit_link_of_generated_page_opens_its_yaml(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(DEMO, site, extra_env={"IKU_REPO_URL": "https://git.example/contoh/iku"})
    soup = soup_of(site, "indikator/ikm_kecamatan")
    edit = soup.select_one("a.md-content__button[href*='edit']")
    assert edit is not None
    # The newest version of the indicator (the definition the page shows first).
    assert edit["href"] == (
        "https://git.example/contoh/iku/edit/main/"
        "data_contoh/dokumen/2025-2029/indikator/ikm_kecamatan.yaml"
    )
    soup = soup_of(site, "capaian/2021")
    assert soup.select_one("a.md-content__button")["href"].endswith(
        "data_contoh/realisasi/2021.yaml"
    )
    # the plain edit link does not fetch repository facts from another host
    assert 'data-md-component="source"' not in (site / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(DEMO, first, extra_env=env)
    build_site(DEMO, second, extra_env=env)
    compared = filecmp.dircmp(first, second)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        diff = [*cmp.left_only, *cmp.right_only, *cmp.diff_files]
        for sub in cmp.subdirs.values():
            diff += differences(sub)
        return diff

    # dircmp compares shallowly; confirm byte equality of every file
    assert differences(compared) == []
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path
            # Every macro's HTML came back in place of its placeholder (iku_macros.web.sisip).
            assert b"iku-sisip" not in path.read_bytes(), path


def test_build_refuses_invalid_data(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    path = data / "realisasi" / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tahun: 2021", "tahun: 1999"))
    with pytest.raises(AssertionError) as failure:
        build_site(data, tmp_path / "site")
    assert "tidak ada dokumen IKU yang berlaku untuk tahun 1999" in str(failure.value)
    assert "tahun yang dicakup dokumen: 2020–2029" in str(failure.value)
    assert not (tmp_path / "site" / "index.html").exists()


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, iku_macros.workflow.cli, iku_macros.report, iku_macros.web.plan;"
        "import iku_macros.web.render, iku_macros.web.render.indikator;"
        "import iku_macros.web.render.capaian, iku_macros.web.render.unduh;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- numbers that never contradict or mislead ----------------------------------------------


def _article_text(site: Path, page: str) -> str:
    article = soup_of(site, page).select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_jumlah_iku_is_the_rows_of_the_table_under_it(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    laporan = build_laporan(load_dataset(data))
    for tahun in laporan.tahun_laporan:
        soup = soup_of(site, f"capaian/{tahun}")
        summary = soup.select_one("table.iku-ringkasan")
        rows = {
            th.get_text(" ", strip=True): td.get_text(strip=True)
            for th, td in ((tr.th, tr.td) for tr in summary.select("tr"))
        }
        table = soup.select_one("table.iku-pengukuran")
        shown = len(table.select("tbody tr")) if table else 0
        assert rows["Jumlah IKU yang diukur"] == str(shown), tahun
        # Every status row is a whole number, and together they are every row.
        statuses = ["Mencapai target", "Belum mencapai target", "Belum dilaporkan", "Tanpa target"]
        assert sum(int(rows[s]) for s in statuses) == shown, tahun
        assert not any("," in value for key, value in rows.items() if key != "Rata-rata capaian")


def test_demo_capaian_2023_summary_by_hand(demo_site: Path) -> None:
    soup = soup_of(demo_site, "capaian/2023")
    # 4 of 5 IKU met (see test_angka): temuan BPK 1 against a target of 0 did not.
    assert (
        soup.select_one("p.iku-keadaan")
        .get_text(" ", strip=True)
        .startswith("Tahun 2023: 4 dari 5 IKU mencapai target, 1 belum mencapai target.")
    )
    rows = {
        tr.th.get_text(" ", strip=True): tr.td.get_text(" ", strip=True)
        for tr in soup.select("table.iku-ringkasan tr")
    }
    assert rows["Rata-rata capaian"] == (
        "104,08% (rata-rata 4 dari 5 IKU; capaian 1 IKU lainnya tidak dapat dihitung)"
    )
    table = soup.select_one("table.iku-pengukuran")
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    assert header[-1] == "Predikat capaian"
    temuan = next(r for r in table.select("tbody tr") if "temuan BPK" in r.th.get_text())
    cells = [td.get_text(" ", strip=True) for td in temuan.find_all("td")]
    # target 0, realisasi 1: a count, printed as a whole number; not met; no percentage.
    assert cells[-4:] == ["0", "1", "belum tercapai (target 0)", "–"]
    # The value's own grade is named and kept apart from the capaian's predikat.
    sakip = next(r for r in table.select("tbody tr") if "SAKIP" in r.th.get_text())
    grade = sakip.select_one(".iku-nilai-sendiri")
    assert grade is not None and grade.get_text(strip=True) == "Predikat SAKIP: A – Memuaskan"
    assert sakip.select_one(".iku-predikat").get_text(strip=True) == "Sangat Tinggi"
    assert "(A – Memuaskan)" not in table.get_text()
    legend = table.find_parent("div", class_="md-typeset__scrollwrap").find_next_sibling("div")
    assert "pembagian dengan nol" in legend.get_text()


def test_target_zero_met_reads_tercapai(demo_site: Path) -> None:
    rows = _year_rows(soup_of(demo_site, "indikator/temuan_bpk_belum_ditindaklanjuti"))
    # 2024: target 0, realisasi 0 (polaritas negatif): met, while no percentage exists.
    assert (rows[2024]["Target"], rows[2024]["Realisasi"]) == ("0", "0")
    assert rows[2024]["Capaian"] == "tercapai (target 0)"
    assert rows[2023]["Capaian"] == "belum tercapai (target 0)"
    text = _article_text(demo_site, "capaian/2024")
    assert "Tahun 2024: 3 dari 5 IKU mencapai target, 2 belum dilaporkan." in text


def test_change_says_better_or_worse_with_the_minus_sign(demo_site: Path) -> None:
    soup = soup_of(demo_site, "capaian/2023")
    table = soup.select_one("table.iku-perbandingan")
    change = {
        tr.th.get_text(" ", strip=True): tr.find_all("td")[2].get_text(" ", strip=True)
        for tr in table.select("tbody tr")
    }
    # realisasi 2022 -> 2023: SAKIP 78.5 -> 86 (positif); temuan 3 -> 1 and pengaduan
    # 26 -> 9.5 (negatif: fewer is better).
    assert change["Nilai SAKIP Kecamatan"] == "+7,5 (membaik) ▲"
    assert change["Jumlah temuan BPK yang belum ditindaklanjuti"] == "\u22122 (membaik) ▲"
    assert change["Persentase pengaduan yang tidak selesai tepat waktu"] == (
        "\u221216,50 (membaik) ▲"
    )
    # 2021 -> 2022 pengaduan 19 -> 26: a rise, and worse.
    table = soup_of(demo_site, "capaian/2022").select_one("table.iku-perbandingan")
    row = next(tr for tr in table.select("tbody tr") if "pengaduan" in tr.th.get_text())
    assert row.find_all("td")[2].get_text(" ", strip=True) == "+7,00 (memburuk) ▼"


@pytest.mark.parametrize("engine_site", ENGINE, indirect=True)
def test_no_hyphen_as_minus_and_no_count_with_decimals(engine_site: tuple[Path, Path]) -> None:
    data, site = engine_site
    laporan = build_laporan(load_dataset(data))
    pages = [f"capaian/{t}" for t in laporan.tahun_laporan]
    pages += [f"indikator/{ident}" for ident in laporan.indikator]
    for page in pages:
        for table in soup_of(site, page).select("article table"):
            text = table.get_text(" ", strip=True)
            # A hyphen before a digit would be a minus written as a dash ("-" alone is the
            # document's "not set").
            assert not re.search(r"(?<![\w–-])-\d", text), (page, text)


def test_dash_legend_is_text_under_the_table(demo_site: Path) -> None:
    # persentase_layanan_pemerintahan_umum: 2020 target "-" in the document.
    soup = soup_of(demo_site, "indikator/persentase_layanan_pemerintahan_umum")
    legend = soup.select_one("div.iku-keterangan")
    assert legend is not None
    marks = {
        li.select_one(".iku-tanda").get_text(strip=True): li.select_one(".iku-arti").get_text()
        for li in legend.select("li")
    }
    assert marks["-"] == "dokumen menulis “-”: target tidak ditetapkan"
    # capaian/2024: nilai_sakip left empty, so its predikat is "–": explained once.
    soup = soup_of(demo_site, "capaian/2024")
    table = soup.select_one("table.iku-pengukuran")
    legend = table.find_parent("div", class_="md-typeset__scrollwrap").find_next_sibling("div")
    assert legend is not None and "iku-keterangan" in legend["class"]
    marks = {
        li.select_one(".iku-tanda").get_text(strip=True): li.select_one(".iku-arti").get_text()
        for li in legend.select("li")
    }
    assert marks["–"] == "tidak ada nilai"
    assert "tidak ada nilai" not in table.get_text()  # said once, under the table


def test_transcribers_note_is_on_the_indicator_page(demo_site: Path) -> None:
    path = DEMO / "dokumen" / "2025-2029" / "indikator" / "nilai_sakip.yaml"
    note = yaml.safe_load(path.read_text(encoding="utf-8"))["catatan_transkripsi"]
    soup = soup_of(demo_site, "indikator/nilai_sakip")
    row = soup.select_one("table.iku-definisi tr.iku-catatan-transkripsi")
    assert row is not None
    assert row.th.get_text(strip=True) == "Catatan penyalin data"
    assert row.td.get_text(strip=True) == note
    assert "(data contoh)" in note


def test_survey_answers_are_linked_from_the_ikm_page(demo_site: Path) -> None:
    soup = soup_of(demo_site, "ikm/2023")
    link = soup.select_one('article a[href$=".csv"]')
    assert link is not None
    assert link["href"] == "../../unduh/survei/ikm-2023-responden.csv"
    assert link.get_text(strip=True) == "jawaban mentah per responden (ikm-2023-responden.csv)"
    assert link.has_attr("download")
    assert "berkas CSV yang dapat diunduh" in link.parent.get_text()
    # A survey given as totals per unsur has no file to download.
    assert soup_of(demo_site, "ikm/2020").select_one('article a[href$=".csv"]') is None


def test_history_is_in_indonesian_without_commit_subjects(demo_site: Path) -> None:
    riwayat = read_riwayat(DEMO)
    if not riwayat.lengkap:
        pytest.skip("riwayat git tidak lengkap (klon dangkal): tidak ada yang dibandingkan")
    assert riwayat.perubahan
    soup = soup_of(demo_site, "riwayat")
    table = soup.select_one("table.iku-riwayat")
    text = table.get_text(" ", strip=True)
    for subject in {p.subjek for p in riwayat.perubahan}:
        assert subject not in text
    first = table.select("tbody tr")[0].find_all("td")
    assert re.fullmatch(
        r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|"
        r"September|Oktober|November|Desember) \d{4}",
        first[0].get_text(strip=True),
    )
    reasons = {tr.find_all("td")[6].get_text(strip=True) for tr in table.select("tbody tr")}
    expected = {p.alasan or "tanpa keterangan" for p in riwayat.perubahan}
    assert reasons == expected
