"""Open data format 2: every row names the IKU document in force and where its target comes
from, the JSON header lists the documents, and format 1 readers still find every column they
knew, with the same values (tests/fixtures/format_v1: the old engine's iku.json for the old
demo). Values hand-checked against data_contoh/."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.opendata import (
    FIELDS,
    FORMAT_CHANGES,
    FORMAT_VERSION,
    publishing_errors,
    records,
    to_csv,
    to_json,
)
from iku_macros.web.plan import download_files

from .conftest import DEMO, ROOT
from .halaman import soup_of, text

FORMAT_V1 = ROOT / "tests" / "fixtures" / "format_v1"
NEW_FIELDS = ["dokumen", "sumber_target", "target_dokumen"]
WHEN = datetime(2025, 3, 4, 5, 6, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads((FORMAT_V1 / "iku-format-v1.json").read_text(encoding="utf-8"))


def test_format_1_columns_come_first_unchanged_and_new_ones_last(golden: dict) -> None:
    v1 = list(golden["data"][0])
    assert [f.nama for f in FIELDS] == [*v1, *NEW_FIELDS]
    assert FORMAT_VERSION == 2 == golden["versi_format"] + 1
    versions = [version for version, _ in FORMAT_CHANGES]
    assert versions == [2]
    changes = " ".join(FORMAT_CHANGES[0][1])
    assert all(name in changes for name in NEW_FIELDS)


def test_the_old_format_publishes_the_same_rows_as_before(golden: dict) -> None:
    laporan = build_laporan(load_dataset(FORMAT_V1 / "data"))
    document = json.loads(to_json(laporan))
    v1 = list(golden["data"][0])
    assert [{k: r[k] for k in v1} for r in document["data"]] == golden["data"]
    for key in ("format", "instansi", "periode", "data_contoh", "skala_predikat", "tahun"):
        assert document[key] == golden[key], key
    assert document["dokumen"] == [
        {
            "id": "2020-2024",
            "judul": "Indikator Kinerja Utama (data contoh)",
            "jenis": "awal",
            "periode": {"awal": 2020, "akhir": 2024},
            "berlaku_mulai": 2020,
            "merevisi": None,
            "keterangan_revisi": None,
            "tahun_berlaku": [2020, 2021, 2022, 2023, 2024],
        }
    ]
    assert {r["dokumen"] for r in document["data"]} == {"2020-2024"}


def test_json_header_lists_the_chain(demo: Laporan) -> None:
    document = json.loads(to_json(demo))
    assert document["versi_format"] == 2
    assert document["periode"] == {"awal": 2020, "akhir": 2029}
    assert [
        (d["id"], d["jenis"], d["periode"], d["berlaku_mulai"], d["merevisi"], d["tahun_berlaku"])
        for d in document["dokumen"]
    ] == [
        ("2020-2024", "awal", {"awal": 2020, "akhir": 2024}, 2020, None, [2020, 2021]),
        (
            "2020-2024-perubahan",
            "perubahan",
            {"awal": 2020, "akhir": 2024},
            2022,
            "2020-2024",
            [2022, 2023, 2024],
        ),
        ("2025-2029", "awal", {"awal": 2025, "akhir": 2029}, 2025, None, list(range(2025, 2030))),
    ]
    assert document["dokumen"][1]["judul"] == "Indikator Kinerja Utama Perubahan (data contoh)"
    # A year's file carries the same list: its rows name the documents.
    assert json.loads(to_json(demo, 2022))["dokumen"] == document["dokumen"]


def _rows(laporan: Laporan) -> dict[tuple[str, int], dict]:
    return {(r["id"], r["tahun"]): r for r in json.loads(to_json(laporan))["data"]}


def test_rows_name_the_document_in_force_and_only_where_it_has_the_indicator(
    demo: Laporan,
) -> None:
    rows = _rows(demo)
    assert len(rows) == 100  # 10 indicators × 2020–2024, 10 × 2025–2029
    years = {ident: sorted(y for i, y in rows if i == ident) for ident, _ in rows}
    assert years["temuan_bpk_belum_ditindaklanjuti"] == [2020, 2021, 2022, 2023, 2024]
    assert years["persentase_layanan_daring"] == [2025, 2026, 2027, 2028, 2029]
    assert years["nilai_sakip"] == list(range(2020, 2030))
    sakip = [
        (rows["nilai_sakip", y]["dokumen"], rows["nilai_sakip", y]["target"])
        for y in years["nilai_sakip"]
    ]
    assert sakip == [
        ("2020-2024", 70.0),
        ("2020-2024", 72.0),
        ("2020-2024-perubahan", 75.0),
        ("2020-2024-perubahan", 80.0),
        ("2020-2024-perubahan", 82.0),
        ("2025-2029", 82.0),
        ("2025-2029", 83.0),
        ("2025-2029", 84.0),
        ("2025-2029", 85.0),
        ("2025-2029", 86.0),
    ]
    # The name the year's own document gives (2025-2029 renamed it).
    pengaduan = "pengaduan_tidak_tepat_waktu"
    assert rows[pengaduan, 2024]["nama"] == "Persentase pengaduan yang tidak selesai tepat waktu"
    assert rows[pengaduan, 2025]["nama"] == (
        "Persentase pengaduan yang tidak selesai dalam batas waktu layanan"
    )


def test_target_source_and_the_document_target_under_a_pk(demo: Laporan) -> None:
    rows = _rows(demo)
    daring = rows["persentase_layanan_daring", 2025]
    # The Perjanjian Kinerja raises 30 to 35: capaian 34 / 35 × 100 = 97.142… → 97.14.
    assert (daring["target"], daring["sumber_target"], daring["target_dokumen"]) == (
        35.0,
        "perjanjian_kinerja",
        30.0,
    )
    assert (daring["realisasi"], daring["capaian"]) == (34.0, 97.14)
    later = rows["persentase_layanan_daring", 2026]
    assert (later["target"], later["sumber_target"], later["target_dokumen"]) == (
        40.0,
        "dokumen",
        None,
    )
    # No target that year: no source either.
    umum = rows["persentase_layanan_pemerintahan_umum", 2020]
    assert (umum["target"], umum["sumber_target"], umum["target_dokumen"]) == (None, None, None)
    assert {r["sumber_target"] for r in rows.values()} == {"dokumen", "perjanjian_kinerja", None}


def test_csv_carries_the_new_columns_at_the_end(demo: Laporan) -> None:
    lines = to_csv(demo, 2025).splitlines()
    assert lines[0].endswith(",bukti,dokumen,sumber_target,target_dokumen")
    rows = list(csv.DictReader(io.StringIO(to_csv(demo, 2025), newline="")))
    daring = next(r for r in rows if r["id"] == "persentase_layanan_daring")
    assert [daring[k] for k in ("target", *NEW_FIELDS)] == [
        "35.00",
        "2025-2029",
        "perjanjian_kinerja",
        "30.00",
    ]
    sakip = next(r for r in rows if r["id"] == "nilai_sakip")
    assert [sakip[k] for k in NEW_FIELDS] == ["2025-2029", "dokumen", ""]


def test_downloads_are_byte_identical_when_rebuilt() -> None:
    first = download_files(build_laporan(load_dataset(DEMO)), WHEN)
    again = download_files(build_laporan(load_dataset(DEMO)), WHEN)
    assert first.keys() == again.keys()
    assert all(first[path] == again[path] for path in first)
    assert "unduh/iku-2029.csv" in first


def _pk_row(demo: Laporan, **changes: Fraction) -> Laporan:
    hasil = demo.indikator["persentase_layanan_daring"]
    tahun = {**hasil.tahun, 2025: replace(hasil.tahun[2025], **changes)}
    return replace(
        demo, indikator={**demo.indikator, "persentase_layanan_daring": replace(hasil, tahun=tahun)}
    )


def test_a_number_that_cannot_be_published_names_its_own_file(demo: Laporan) -> None:
    huge = Fraction(10**400)
    [error] = publishing_errors(_pk_row(demo, target=huge))
    # The PK target is written in the year's realisasi file.
    assert error.berkas == "data_contoh/realisasi/2025.yaml"
    assert error.pesan.startswith("target indikator persentase_layanan_daring tahun 2025")
    [error] = publishing_errors(_pk_row(demo, target_dokumen=huge))
    assert error.berkas == "data_contoh/dokumen/2025-2029/indikator/persentase_layanan_daring.yaml"
    assert error.pesan.startswith("target_dokumen indikator persentase_layanan_daring tahun 2025")


def test_records_of_one_year_are_that_years_rows(demo: Laporan) -> None:
    assert [r["id"] for r in records(demo, 2024)] == [
        r["id"] for r in records(demo) if r["tahun"] == 2024
    ]
    assert "persentase_layanan_daring" not in [r["id"] for r in records(demo, 2024)]


def test_unduh_page_says_what_changed(demo_site: Path) -> None:
    soup = soup_of(demo_site, "unduh")
    headings = [text(h) for h in soup.select("article h2")]
    assert "Perubahan format" in headings
    changes = soup.select_one("dl.iku-perubahan-format")
    assert changes is not None
    assert text(changes.select_one("dt")) == "Versi 2 (dibanding versi 1)"
    listed = [text(li) for li in changes.select("dd li")]
    assert listed == list(FORMAT_CHANGES[0][1])
    captions = [text(c) for c in soup.select("table.iku-kamus caption")]
    assert captions[0] == "Kamus data iku.json dan iku.csv (versi format 2)"
    assert re.match(r"Daftar dokumen di kepala berkas JSON", captions[1])
    kolom = [text(th) for th in soup.select("table.iku-kamus-dokumen tbody th")]
    assert kolom == [
        "id",
        "judul",
        "jenis",
        "periode",
        "berlaku_mulai",
        "merevisi",
        "keterangan_revisi",
        "tahun_berlaku",
    ]
    published = json.loads((demo_site / "unduh" / "iku.json").read_text(encoding="utf-8"))
    assert list(published["data"][0]) == [f.nama for f in FIELDS]


def test_survey_answers_are_downloadable_and_linked(demo_site: Path) -> None:
    for name in ("ikm-2023-responden.csv", "ikm-2024-responden.csv"):
        published = demo_site / "unduh" / "survei" / name
        assert published.read_bytes() == (DEMO / "ikm" / name).read_bytes()
    page = (demo_site / "ikm" / "2023" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../unduh/survei/ikm-2023-responden.csv"' in page
