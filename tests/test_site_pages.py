"""The built site (real `mkdocs build --strict`): every page type, honest empty states, the
demo's numbers equal to the computation core, downloads, safety, reproducibility."""

from __future__ import annotations

import csv
import filecmp
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from iku_macros.compute.numbers import format_id, round_half_up
from iku_macros.data.loading import load_dataset
from iku_macros.report import build_laporan
from iku_macros.web.render.indikator import BUKAN_INDIKATOR, indikator_tahun, label_singkat

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
            assert values[f"Target {latest}"] == format_id(target), x.indikator.id
        assert values["Realisasi"].startswith("belum"), x.indikator.id
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
                assert row["Target"].startswith(format_id(nilai.target)), (ident, tahun)
                assert ("Perjanjian Kinerja" in row["Target"]) == nilai.target_pk, (ident, tahun)
            if nilai.capaian.nilai is None:
                assert row["Capaian"] == nilai.capaian.alasan, (ident, tahun)
                assert row["Predikat"] == "–"
            else:
                assert row["Capaian"] == format_id(nilai.capaian.nilai) + "%", (ident, tahun)
                assert row["Predikat"] == nilai.predikat.label, (ident, tahun)
            if nilai.realisasi is not None:
                assert row["Realisasi"].startswith(format_id(nilai.realisasi)), (ident, tahun)


def test_demo_spot_values_by_hand(demo_site: Path) -> None:
    # pengaduan 2021: T 15, R 19, negative -> (30 - 19) / 15 = 73,33 % Sedang
    rows = _year_rows(soup_of(demo_site, "indikator/pengaduan_tidak_tepat_waktu"))
    assert rows[2021]["Capaian"] == "73,33%" and rows[2021]["Predikat"] == "Sedang"
    assert rows[2022]["Capaian"] == "0,00%"
    # composite 2020: (84.5 + 45 + 78 + 75 + 70) / 5 = 70,50; 2022 lacks one input
    rows = _year_rows(soup_of(demo_site, "indikator/ikm_kecamatan"))
    assert rows[2020]["Realisasi"] == "70,50"
    assert "masukan belum lengkap" in rows[2022]["Realisasi"]
    assert (
        "Persentase Layanan Pembinaan dan Pengawasan Pemerintahan Desa" in rows[2022]["Realisasi"]
    )
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
