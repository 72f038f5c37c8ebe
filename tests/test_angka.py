"""Numbers that never contradict or mislead: whether a target is met (also a target of 0, where
the percentage cannot be computed), what a change means for the polaritas, how many IKU a year
summary and its mean are over, and the one legend per table. Every value is checked by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from iku_macros.compute.capaian import (
    ALASAN_TARGET_NOL,
    CapaianResult,
    Polaritas,
    StatusCapaian,
    compute_capaian,
    compute_progress,
    status_capaian,
)
from iku_macros.compute.numbers import format_tertulis
from iku_macros.compute.predikat import SKALA_PERMENDAGRI_86_2017
from iku_macros.compute.summary import (
    Arah,
    Baris,
    arah_perubahan,
    kalimat_rata_rata,
    keadaan_tahun,
    summarize_year,
)
from iku_macros.data.loading import load_dataset
from iku_macros.report import Laporan, build_laporan
from iku_macros.web.render import Halaman
from iku_macros.web.render import capaian as capaian_page
from iku_macros.web.render import indikator as indikator_page
from iku_macros.web.render.dokumen import format_target
from iku_macros.web.render.indikator import (
    BELUM_LENGKAP,
    DITULIS_KOSONG,
    TIDAK_TERCANTUM,
    capaian_singkat,
    keterangan,
    realisasi_singkat,
)
from iku_macros.web.survei import survey_files, survey_url

from .conftest import DEMO, UNIT_LAIN

POS, NEG = Polaritas.POSITIF, Polaritas.NEGATIF
SKALA = SKALA_PERMENDAGRI_86_2017


@pytest.fixture(scope="module")
def demo() -> Laporan:
    return build_laporan(load_dataset(DEMO))


# --- a target of 0 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polaritas", "realisasi", "tercapai"),
    [
        # lower is better: nothing left is the target met; anything more is not
        (NEG, "0", True),
        (NEG, "1", False),
        (NEG, "0.01", False),
        (NEG, "-1", True),
        # higher is better: any realisasi of 0 or more reaches a target of 0
        (POS, "0", True),
        (POS, "5", True),
        (POS, "-0.01", False),
    ],
)
def test_target_zero_is_met_or_not_while_the_percentage_is_not_computable(
    polaritas: Polaritas, realisasi: str, tercapai: bool
) -> None:
    hasil = compute_capaian(0, realisasi, polaritas)
    assert hasil.nilai is None and hasil.alasan == ALASAN_TARGET_NOL
    assert hasil.tercapai is tercapai
    assert capaian_singkat(hasil) == ("tercapai" if tercapai else "belum tercapai")
    # Against an end-of-period target of 0 the same holds.
    assert compute_progress(0, realisasi, polaritas).tercapai is tercapai


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "tercapai"),
    [
        (80, 80, POS, True),  # exactly the target: 100 %
        (80, "79.99", POS, False),  # 99.9875 %
        (10, 10, NEG, True),  # (20 - 10) / 10 = 100 %
        (10, "10.01", NEG, False),  # 99.9 %
        (10, 25, NEG, False),  # floored at 0 %
    ],
)
def test_target_met_is_capaian_of_at_least_100(
    target: int, realisasi: int | str, polaritas: Polaritas, tercapai: bool
) -> None:
    assert compute_capaian(target, realisasi, polaritas).tercapai is tercapai


def test_a_cap_below_100_does_not_hide_whether_the_target_was_met() -> None:
    # 95 / 80 = 118.75 % capped at 90: met; 70 / 80 = 87.5 %, under the cap: not met.
    capped = compute_capaian(80, 95, POS, 90)
    assert (capped.nilai, capped.dibatasi, capped.tercapai) == (90, True, True)
    assert compute_capaian(80, 70, POS, 90).tercapai is False
    # A cap of 120 that bites leaves 120 ≥ 100: met, without a special mark.
    assert compute_capaian(50, 75, POS, 120) == CapaianResult(Fraction(120), None, dibatasi=True)
    assert compute_capaian(50, 75, POS, 120).tercapai is True


def test_without_target_or_realisasi_nothing_is_met() -> None:
    assert compute_capaian(None, 5, POS).tercapai is None
    assert compute_capaian(5, None, NEG).tercapai is None


@pytest.mark.parametrize(
    ("ada", "hasil", "status"),
    [
        (False, compute_capaian(80, None, POS), StatusCapaian.BELUM_DILAPORKAN),
        (False, compute_capaian(None, None, POS), StatusCapaian.BELUM_DILAPORKAN),
        (True, compute_capaian(None, 5, POS), StatusCapaian.TANPA_TARGET),
        (True, compute_capaian(80, 88, POS), StatusCapaian.MENCAPAI),
        (True, compute_capaian(80, 70, POS), StatusCapaian.BELUM_MENCAPAI),
        (True, compute_capaian(0, 0, NEG), StatusCapaian.MENCAPAI),
        (True, compute_capaian(0, 1, NEG), StatusCapaian.BELUM_MENCAPAI),
    ],
)
def test_status_of_a_year(ada: bool, hasil: CapaianResult, status: StatusCapaian) -> None:
    assert status_capaian(ada, hasil) is status


def test_demo_target_zero_years(demo: Laporan) -> None:
    temuan = demo.indikator["temuan_bpk_belum_ditindaklanjuti"].tahun
    # data_contoh: target 0 in 2023 and 2024 (negatif); realisasi 1 then 0.
    assert (temuan[2023].target, temuan[2023].realisasi) == (0, 1)
    assert temuan[2023].capaian.nilai is None and temuan[2023].capaian.tercapai is False
    assert (temuan[2024].target, temuan[2024].realisasi) == (0, 0)
    assert temuan[2024].capaian.nilai is None and temuan[2024].capaian.tercapai is True
    assert temuan[2024].predikat is None  # no percentage, no predikat


# --- change against the previous year ------------------------------------------------------


@pytest.mark.parametrize(
    ("selisih", "polaritas", "arah", "simbol"),
    [
        (Fraction("11.8"), POS, Arah.MEMBAIK, "▲"),
        (Fraction(-3), POS, Arah.MEMBURUK, "▼"),
        (Fraction(7), NEG, Arah.MEMBURUK, "▼"),  # +7 late complaints is worse
        (Fraction("-16.5"), NEG, Arah.MEMBAIK, "▲"),
        (Fraction(0), POS, Arah.TETAP, "="),
        (Fraction(0), NEG, Arah.TETAP, "="),
    ],
)
def test_change_means_better_or_worse_by_polaritas(
    selisih: Fraction, polaritas: Polaritas, arah: Arah, simbol: str
) -> None:
    assert arah_perubahan(selisih, polaritas) is arah
    assert arah.simbol == simbol


# --- year summary --------------------------------------------------------------------------


def test_mean_says_over_how_many_indicators() -> None:
    # (102 + 112.14) / 2 = 107.07 over 2 of 5 IKU
    rows = [
        Baris("a", Fraction(102), "Sangat Tinggi"),
        Baris("b", Fraction("112.14"), "Sangat Tinggi"),
        Baris("c", None, None),
        Baris("d", None, None),
        Baris("e", None, None),
    ]
    assert kalimat_rata_rata(summarize_year(rows, SKALA)) == (
        "107,07% (rata-rata 2 dari 5 IKU; capaian 3 IKU lainnya tidak dapat dihitung)"
    )
    assert kalimat_rata_rata(summarize_year(rows[:2], SKALA)) == "107,07% (rata-rata semua 2 IKU)"
    assert kalimat_rata_rata(summarize_year(rows[:1], SKALA)) == "102,00% (rata-rata 1 IKU)"
    assert kalimat_rata_rata(summarize_year(rows[2:], SKALA)) == (
        "belum dapat dihitung: capaian 0 dari 3 IKU dapat dihitung"
    )


def test_year_sentence_counts_each_status() -> None:
    keadaan = keadaan_tahun(
        2024,
        [
            StatusCapaian.MENCAPAI,
            StatusCapaian.BELUM_DILAPORKAN,
            StatusCapaian.MENCAPAI,
            StatusCapaian.MENCAPAI,
            StatusCapaian.BELUM_MENCAPAI,
        ],
    )
    assert keadaan.jumlah == 5 and keadaan.banyak(StatusCapaian.TANPA_TARGET) == 0
    assert keadaan.kalimat == (
        "Tahun 2024: 3 dari 5 IKU mencapai target, 1 belum mencapai target, 1 belum dilaporkan."
    )
    assert keadaan_tahun(2020, []).kalimat == "Tahun 2020: dokumen yang berlaku tidak memuat IKU."


def test_demo_summary_is_over_the_rows_of_the_table(demo: Laporan) -> None:
    # 2023 (IKU Perubahan 2020-2024): ikm 102.06 %, nilai_sakip 107.5 %, temuan target 0 with
    # realisasi 1 (not met, no percentage), ikm_kecamatan 86.5/85 = 101.76 %, pengaduan
    # (20 - 9.5)/10 = 105 %: mean of 4 = (102.0588 + 107.5 + 101.7647 + 105) / 4 = 104.08.
    ringkasan = capaian_page.ringkasan_tahun(demo, 2023)
    assert ringkasan is not None
    assert (ringkasan.jumlah_indikator, ringkasan.jumlah_terukur) == (5, 4)
    assert kalimat_rata_rata(ringkasan) == (
        "104,08% (rata-rata 4 dari 5 IKU; capaian 1 IKU lainnya tidak dapat dihitung)"
    )
    assert capaian_page.keadaan(demo, 2023).kalimat == (
        "Tahun 2023: 4 dari 5 IKU mencapai target, 1 belum mencapai target."
    )
    # 2024: temuan 0 of target 0 met; nilai_sakip left empty; ikm_kecamatan lacks two inputs;
    # ikm 88.52/85 and pengaduan (16 - 7.2)/8 = 110 % met.
    assert capaian_page.keadaan(demo, 2024).kalimat == (
        "Tahun 2024: 3 dari 5 IKU mencapai target, 2 belum dilaporkan."
    )
    assert capaian_page.mencapai_target(demo, 2024) == 3


def test_summary_counts_an_iku_without_target_or_realisasi(copy_data) -> None:
    """“Jumlah IKU yang diukur” is the number of rows of the IKU table under it, also when
    an IKU has neither target nor realisasi in the year (as the real data's IKM)."""
    data = copy_data(DEMO)
    path = data / "dokumen" / "2025-2029" / "indikator" / "ikm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("target:")], encoding="utf-8")
    laporan = build_laporan(load_dataset(data))
    # 2026: no IKM survey, and now no IKM target: still one of the document's five IKU.
    ikm = laporan.indikator["ikm"].tahun[2026]
    assert ikm.target is None and ikm.realisasi is None
    rows = indikator_page.indikator_tahun(laporan, 2026, "iku")
    assert len(rows) == 5
    ringkasan = capaian_page.ringkasan_tahun(laporan, 2026)
    assert ringkasan is not None and ringkasan.jumlah_indikator == 5
    assert capaian_page.keadaan(laporan, 2026).banyak(StatusCapaian.BELUM_DILAPORKAN) == 5
    assert capaian_page.mencapai_target(laporan, 2026) is None  # nothing reported yet


# --- one legend per table ------------------------------------------------------------------


def test_legend_explains_each_mark_once(demo: Laporan) -> None:
    def nama(ident: str) -> str:
        return demo.indikator[ident].indikator.nama

    umum = demo.indikator["persentase_layanan_pemerintahan_umum"].tahun
    # 2020: the document wrote "-"; 2021: a target of 84.
    legend = keterangan([umum[2020], umum[2021]], nama)
    assert [k.tanda for k in legend] == [DITULIS_KOSONG]
    assert legend[0].arti == "dokumen menulis “-”: target tidak ditetapkan"

    daring = demo.indikator["persentase_layanan_daring"].tahun
    legend = keterangan([daring[2024], daring[2025]], nama, kosong_lain=True)
    assert [(k.tanda, k.arti) for k in legend] == [
        (
            TIDAK_TERCANTUM,
            "di kolom target: tidak tercantum di tabel target dokumen; di kolom lain: "
            "tidak ada nilai",
        )
    ]
    # Without the target column, only the other columns' dashes are explained.
    assert keterangan([daring[2024]], nama, kolom_target=False) == []

    # The composite's missing inputs: named once, grouped by the years that lack them.
    kecamatan = demo.indikator["ikm_kecamatan"].tahun
    rows = [kecamatan[t] for t in (2022, 2023, 2024)]
    # 2023: (88 + 86.5 + 85 + 83 + 90) / 5 = 86.5; 2022 and 2024 lack inputs.
    assert rows[1].realisasi == Fraction("86.5")
    assert [realisasi_singkat(v) for v in (rows[0], rows[2])] == [BELUM_LENGKAP, BELUM_LENGKAP]
    (missing,) = keterangan(rows, nama)
    assert missing.tanda == BELUM_LENGKAP
    assert missing.arti.endswith(
        "— 2022: Persentase Layanan Pembinaan dan Pengawasan Pemerintahan Desa · 2024: "
        "Persentase Layanan Pemberdayaan Masyarakat Desa; Persentase Layanan Penyelenggaraan "
        "Urusan Pemerintahan Umum"
    )

    temuan = demo.indikator["temuan_bpk_belum_ditindaklanjuti"].tahun
    (nol,) = keterangan([temuan[2023], temuan[2024]], nama)
    assert nol.tanda == "tercapai / belum tercapai" and "pembagian dengan nol" in nol.arti


# --- survey answer files -------------------------------------------------------------------


@pytest.mark.parametrize("root", [DEMO, UNIT_LAIN], ids=["data_contoh", "unit_lain"])
def test_survey_answer_files_are_published_byte_for_byte(root: Path) -> None:
    dataset = load_dataset(root)
    named = sorted(
        s.survei.berkas_responden for s in dataset.ikm.values() if s.survei.berkas_responden
    )
    assert named  # both datasets have a survey counted from raw answers
    files = survey_files(dataset)
    assert sorted(files) == [f"unduh/survei/{n}" for n in named]
    for nama in named:
        assert files[survey_url(nama)] == (root / "ikm" / nama).read_bytes()


def test_indicator_without_any_number_gets_one_sentence(copy_data) -> None:
    """A program indicator whose document sets no target and that has no realisasi (as the
    real data's seven): no table, one sentence naming the document."""
    data = copy_data(DEMO)
    ident = "persentase_layanan_trantib"
    for path in data.glob(f"dokumen/*/indikator/{ident}.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("target:")], encoding="utf-8")
    for path in data.glob("realisasi/*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if line.startswith(f"  {ident}:")), None)
        if start is not None:
            end = start + 1
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
            path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    laporan = build_laporan(load_dataset(data))
    assert not indikator_page.ada_angka(laporan.indikator[ident])
    html = indikator_page.macros(laporan, Halaman(lambda: f"indikator/{ident}/"))[
        "indikator_tabel_tahunan"
    ](ident)
    assert "<table" not in html
    assert "Belum ada target dan realisasi untuk indikator ini." in html
    assert html.count("tidak memuat target tahunan indikator ini") == 3  # one per document
    assert "Realisasinya belum dilaporkan." in html


def test_years_of_a_period_without_a_capaian_page_are_explained(copy_data) -> None:
    """The real data: the document's period starts in 2018, its target table in 2019. The
    capaian list says why 2018 has no page instead of leaving the reader to wonder."""
    data = copy_data(DEMO)
    for name in ("realisasi/2020.yaml", "ikm/2020.yaml"):
        (data / name).unlink()
    for path in data.glob("dokumen/2020-2024*/indikator/*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if not x.startswith("  2020:")), "utf-8")
    laporan = build_laporan(load_dataset(data))
    assert laporan.dataset.tahun[0] == 2020 and laporan.tahun_laporan[0] == 2021
    assert capaian_page.tahun_tanpa_capaian(laporan) == {"2020-2024": [2020]}
    html = capaian_page.macros(laporan, Halaman(lambda: "capaian/"))["daftar_capaian"]()
    assert "Tahun 2020 termasuk masa berlaku" in html
    assert "sehingga tidak ada halaman capaian 2020." in html


@pytest.mark.parametrize("root", [DEMO, UNIT_LAIN], ids=["data_contoh", "unit_lain"])
def test_a_target_prints_the_same_in_the_document_and_on_every_page(root: Path) -> None:
    """BAB IV's target table (render.dokumen.format_target) and the indicator, capaian and
    history pages (format_tertulis) print every target of the data alike."""
    dataset = load_dataset(root)
    targets = [
        value
        for document in dataset.dokumen.values()
        for indikator in document.indikator.values()
        for value in indikator.target.values()
        if value is not None
    ]
    assert targets
    for value in targets:
        assert format_target(value) == format_tertulis(value), value
    assert format_target(Decimal("-5")) == format_tertulis(Decimal("-5")) == "\u22125"
