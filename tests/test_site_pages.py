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
from iku_macros.loading import load_dataset
from iku_macros.report import build_laporan

from .conftest import DATA, DEMO, ROOT
from .site_build import build_site


def soup_of(site: Path, page: str) -> BeautifulSoup:
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    assert path.exists(), f"halaman {page} tidak ada"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_of(data: Path) -> list[str]:
    return sorted(p.stem for p in (data / "indikator").glob("*.yaml"))


STATIC_PAGES = [
    "",
    "dokumen",
    "dokumen/kata-pengantar",
    *(f"dokumen/bab-{n}" for n in range(1, 6)),
    "indikator",
    "capaian",
    "ikm",
    "profil",
    "landasan-hukum",
    "metodologi",
    "unduh",
]


@pytest.mark.parametrize("which", ["real", "demo"])
def test_every_page_type_exists(which: str, real_site: Path, demo_site: Path) -> None:
    site, data = (real_site, DATA) if which == "real" else (demo_site, DEMO)
    for page in STATIC_PAGES:
        soup_of(site, page)
    for ident in ids_of(data):
        soup_of(site, f"indikator/{ident}")
    laporan = build_laporan(load_dataset(data))
    for tahun in laporan.tahun_laporan:
        soup_of(site, f"capaian/{tahun}")
    for tahun in laporan.ikm:
        soup_of(site, f"ikm/{tahun}")
    for name in ("iku.json", "iku.csv", "skema/indikator.schema.json"):
        assert (site / "unduh" / name).is_file()


def test_real_home_cards_show_targets_and_belum_dilaporkan(real_site: Path) -> None:
    soup = soup_of(real_site, "")
    text = soup.get_text(" ", strip=True)
    assert "Kantor Kecamatan Pilangkenceng Kabupaten Madiun" in text
    assert soup.title is not None and "IKU Kecamatan Pilangkenceng" in soup.title.string
    cards = soup.select("section.iku-kartu")
    names = [c.h3.get_text(strip=True) for c in cards]
    assert names == [
        "Indeks Kepuasan Masyarakat",
        "Indeks Kepuasan Masyarakat Kecamatan",
        "Nilai SAKIP Kecamatan",
    ]
    # Latest year with a target is 2023 (the document has no realisasi): 88 and 89.
    values = [
        dict(
            zip(
                [dt.get_text(strip=True) for dt in c.select("dt")],
                [dd.get_text(" ", strip=True) for dd in c.select("dd")],
                strict=True,
            )
        )
        for c in cards
    ]
    assert values[1]["Target 2023"] == "88,00" and values[2]["Target 2023"] == "89,00"
    assert all(v["Realisasi"].startswith("belum") for v in values)
    assert "Realisasi belum dilaporkan untuk tahun mana pun" in text


def test_real_data_never_shows_zero_for_missing_values(real_site: Path) -> None:
    for page in ["capaian/2022", "indikator/nilai_sakip_kecamatan", "indikator/ikm_kecamatan"]:
        soup = soup_of(real_site, page)
        for table in soup.select("table.iku-pengukuran, table.iku-tahunan"):
            header = [th.get_text(strip=True) for th in table.select("thead th")]
            col = header.index("Realisasi")
            for row in table.select("tbody tr"):
                cell = row.find_all(["td", "th"])[col].get_text(" ", strip=True)
                assert cell.startswith("belum"), (page, cell)
    text = soup_of(real_site, "capaian/2022").get_text(" ", strip=True)
    assert "Realisasi tahun 2022 belum dilaporkan" in text


def _year_rows(soup: BeautifulSoup) -> dict[int, dict[str, str]]:
    table = soup.select_one("table.iku-tahunan")
    assert table is not None
    header = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        rows[int(cells[0])] = dict(zip(header, cells, strict=True))
    return rows


def test_demo_indicator_pages_match_the_computation(demo_site: Path) -> None:
    laporan = build_laporan(load_dataset(DEMO))
    for ident, hasil in laporan.indikator.items():
        rows = _year_rows(soup_of(demo_site, f"indikator/{ident}"))
        assert sorted(rows) == sorted(hasil.tahun), ident
        for tahun, nilai in hasil.tahun.items():
            row = rows[tahun]
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
    assert len(records) == len(laporan.indikator) * len(laporan.tahun_laporan)
    for ident, hasil in laporan.indikator.items():
        for tahun, nilai in hasil.tahun.items():
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


def test_real_open_data_has_targets_and_null_realisasi(real_site: Path) -> None:
    document = json.loads((real_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    records = {(r["id"], r["tahun"]): r for r in document["data"]}
    assert records[("ikm_kecamatan", 2023)]["target"] == 88
    assert records[("nilai_sakip_kecamatan", 2021)]["target"] == 85
    assert records[("ikm_kecamatan", 2019)]["target"] is None
    assert all(r["realisasi"] is None and r["capaian"] is None for r in records.values())


def test_demo_banner_on_every_demo_page_only(demo_site: Path, real_site: Path) -> None:
    demo_pages = list(demo_site.rglob("*.html"))
    assert len(demo_pages) > 20
    for page in demo_pages:
        if page.name == "404.html":
            continue
        assert "Data contoh." in page.read_text(encoding="utf-8"), page
    for page in real_site.rglob("*.html"):
        assert "Data contoh." not in page.read_text(encoding="utf-8"), page


def test_no_external_resources(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                assert not url.startswith(("http:", "https:", "//")), (page, url)
    assert "fonts.googleapis" not in (real_site / "index.html").read_text(encoding="utf-8")


def test_data_text_is_shown_literally(copy_data, tmp_path: Path) -> None:
    data = copy_data(DEMO)
    path = data / "indikator" / "pengaduan_tidak_tepat_waktu.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    evil = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
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
    assert (
        edit["href"]
        == "https://git.example/contoh/iku/edit/main/data_contoh/indikator/ikm_kecamatan.yaml"
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
    assert "tahun 1999 di luar periode dokumen 2020–2024" in str(failure.value)
    assert not (tmp_path / "site" / "index.html").exists()


def test_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, iku_macros.cli, iku_macros.report, iku_macros.site_plan, iku_macros.render;"
        "import iku_macros.render.indikator, iku_macros.render.capaian, iku_macros.render.unduh;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
