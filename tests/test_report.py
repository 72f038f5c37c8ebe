"""Numbers the site publishes for the demo data, each checked by hand against data_contoh/."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from iku_macros.compute.numbers import round_half_up
from iku_macros.data.loading import load_dataset
from iku_macros.report import BELUM_DIISI, BELUM_DILAPORKAN, Laporan, build_laporan

from .conftest import DEMO


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


def test_composite_is_the_mean_of_its_five_inputs(demo: Laporan) -> None:
    nilai = demo.indikator["ikm_kecamatan"].tahun[2020]
    # (84.5 + 45.0 + 78.0 + 75.0 + 70.0) / 5 = 352.5 / 5 = 70.5; target 80 -> 70.5/80 = 88.125 %
    assert nilai.realisasi == Fraction("70.5")
    assert nilai.capaian.nilai == Fraction("88.125")
    assert nilai.predikat is not None and nilai.predikat.label == "Tinggi"


def test_composite_with_a_missing_input_names_it(demo: Laporan) -> None:
    nilai = demo.indikator["ikm_kecamatan"].tahun[2022]
    assert nilai.realisasi is None
    assert nilai.input_hilang == ("persentase_layanan_pembinaan_desa",)
    assert nilai.status_realisasi == "belum dapat dihitung: masukan belum lengkap"
    assert nilai.capaian.nilai is None


def test_ikm_from_per_unsur_totals(demo: Laporan) -> None:
    # NRR U1..U9 = 148/50, 141/50, 139/50, 152/50, 137/50, 150/50, 140/50, 135/49, 143/50;
    # the eight /50 sum to 23.00, so sum = 23 + 135/49 = 1262/49;
    # IKM = (1262/49) / 9 * 25 = 31550/441 = 71.5419... -> 71.54, mutu C (65.00 <= x < 76.61)
    nilai = demo.indikator["ikm"].tahun[2020]
    assert nilai.realisasi == Fraction(31550, 441)
    assert round_half_up(nilai.realisasi) == Decimal("71.54")
    assert nilai.predikat_nilai == "C – Kurang Baik"
    # capaian = (31550/441) / 75 * 100 = 126200/1323 = 95.389...
    assert nilai.capaian.nilai == Fraction(126200, 1323)


def test_negative_polarity_and_floor(demo: Laporan) -> None:
    hasil = demo.indikator["pengaduan_tidak_tepat_waktu"]
    # 2021: T 15, R 19 -> (2*15 - 19) / 15 * 100 = 11/15*100 = 220/3 = 73.33 %
    assert hasil.tahun[2021].capaian.nilai == Fraction(220, 3)
    assert hasil.tahun[2021].predikat.label == "Sedang"
    # 2022: T 12, R 26 -> 2*12 - 26 = -2 < 0 -> floored at 0
    assert hasil.tahun[2022].capaian.nilai == 0
    assert hasil.tahun[2022].predikat.label == "Sangat Rendah"


def test_target_zero_and_missing_target_are_not_computable(demo: Laporan) -> None:
    zero = demo.indikator["temuan_bpk_belum_ditindaklanjuti"].tahun[2023]
    assert zero.target == 0 and zero.realisasi is not None
    assert zero.capaian.nilai is None and "target bernilai 0" in zero.capaian.alasan
    unset = demo.indikator["persentase_layanan_pemerintahan_umum"].tahun[2020]
    assert unset.target_tercantum and unset.target is None
    assert unset.capaian.alasan == "target tidak ditetapkan"


def test_empty_value_is_belum_diisi(demo: Laporan) -> None:
    nilai = demo.indikator["nilai_sakip"].tahun[2024]
    assert nilai.realisasi is None and nilai.status_realisasi == BELUM_DIISI


def test_sakip_rating_of_the_value(demo: Laporan) -> None:
    # 2023: 86.0 > 80 -> A; 2022: 78.5 -> BB (> 70, not > 80)
    assert demo.indikator["nilai_sakip"].tahun[2023].predikat_nilai == "A – Memuaskan"
    assert demo.indikator["nilai_sakip"].tahun[2022].predikat_nilai == "BB – Sangat Baik"


def test_change_and_progress_against_final_target(demo: Laporan) -> None:
    hasil = demo.indikator["persentase_layanan_pelayanan_publik"]
    # realisasi 2020 84.5 -> 2021 70.0: change -14.5
    assert hasil.tahun[2021].perubahan_realisasi == Fraction("-14.5")
    # The current document (2025-2029) ends with the 2029 target 92.
    assert hasil.target_akhir == 92
    # Progress is measured against the end of the document in force that year: 2020 against
    # 2020-2024's 2024 target 88: 84.5 / 88 * 100 = 4225/44 = 96.02 %; 2025 against 2029's 92:
    # 90 / 92 * 100 = 2250/23 = 97.83 %.
    assert hasil.tahun[2020].progres_akhir.nilai == Fraction(4225, 44)
    assert hasil.tahun[2025].progres_akhir.nilai == Fraction(2250, 23)


def test_year_summary_over_iku(demo: Laporan) -> None:
    ringkasan = demo.ringkasan[2020]
    # capaian 2020: ikm 95.39 (Sangat Tinggi), ikm_kecamatan 88.125 (Tinggi),
    # nilai_sakip 58.4/70 = 83.43 (Tinggi), pengaduan (40-18)/20 = 110 (Sangat Tinggi),
    # temuan (10-3)/5 = 140 (Sangat Tinggi)
    assert dict(ringkasan.per_predikat) == {
        "Sangat Tinggi": 3,
        "Tinggi": 2,
        "Sedang": 0,
        "Rendah": 0,
        "Sangat Rendah": 0,
    }
    # mean = (95.3893 + 88.125 + 83.4286 + 110 + 140) / 5 = 516.9428 / 5 = 103.39
    assert round_half_up(ringkasan.rata_rata_capaian) == Decimal("103.39")


def test_before_any_report_there_are_targets_and_no_realisasi(kosong_data: Path) -> None:
    """A unit as its document leaves it (the demo without realisasi and surveys)."""
    laporan = build_laporan(load_dataset(kosong_data))
    for h in laporan.indikator.values():
        for tahun, nilai in h.tahun.items():
            target = h.indikator.target.get(tahun)
            assert nilai.target == (None if target is None else Fraction(target))
            assert nilai.target_tercantum == (tahun in h.indikator.target)
            assert nilai.realisasi is None
            assert nilai.status_realisasi.startswith(BELUM_DILAPORKAN) or nilai.input_hilang
    assert laporan.tahun_terakhir_berdata is None
