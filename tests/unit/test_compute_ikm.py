"""IKM per PermenPANRB 14/2017, from per-unsur totals and from raw responses."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from iku_macros.compute.ikm import (
    MUTU_PELAYANAN,
    PENIMBANG,
    UNSUR_IKM,
    RekapUnsur,
    compute_ikm,
    mutu_ikm,
    nrr,
    rekap_from_responses,
)
from iku_macros.data.ikm_csv import MAX_CSV_BYTES, parse_responses
from iku_macros.data.safe_files import read_data_text


def read_responses_csv(path: Path) -> list[RekapUnsur]:
    """The engine's one CSV path (safe reader, then parse), with its messages as one error."""
    text = read_data_text(path, path.parent, max_bytes=MAX_CSV_BYTES)
    rekap, errors = parse_responses(text, path.name)
    if errors:
        raise ValueError(f"{path.name}: " + "; ".join(error.pesan for error in errors))
    assert rekap is not None
    return list(rekap)


# Worked example: four respondents; the fourth left U9 blank.
#        U1 U2 U3 U4 U5 U6 U7 U8 U9
ROWS = [
    [4, 4, 3, 4, 3, 3, 4, 4, 3],
    [3, 3, 3, 4, 3, 4, 4, 3, 4],
    [4, 3, 2, 4, 3, 3, 3, 4, 3],
    [3, 4, 3, 4, 4, 3, 4, 3, None],
]
# Totals per unsur (column sums) and respondents who answered:
#   U1 4+3+4+3=14/4  U2 4+3+3+4=14/4  U3 3+3+2+3=11/4  U4 16/4  U5 3+3+3+4=13/4
#   U6 3+4+3+3=13/4  U7 4+4+3+4=15/4  U8 4+3+4+3=14/4  U9 3+4+3=10/3
WORKED_REKAP = [
    RekapUnsur("U1", 14, 4),
    RekapUnsur("U2", 14, 4),
    RekapUnsur("U3", 11, 4),
    RekapUnsur("U4", 16, 4),
    RekapUnsur("U5", 13, 4),
    RekapUnsur("U6", 13, 4),
    RekapUnsur("U7", 15, 4),
    RekapUnsur("U8", 14, 4),
    RekapUnsur("U9", 10, 3),
]
# Σ NRR = 3.5 + 3.5 + 2.75 + 4 + 3.25 + 3.25 + 3.75 + 3.5 + 10/3 = 27.5 + 10/3
#       = 165/6 + 20/6 = 185/6
# IKM unit = 185/6 × 1/9 = 185/54;  IKM = 185/54 × 25 = 4625/54 = 85.648148… → 85.65 → B
WORKED_NRR = [
    Fraction(7, 2),
    Fraction(7, 2),
    Fraction(11, 4),
    Fraction(4),
    Fraction(13, 4),
    Fraction(13, 4),
    Fraction(15, 4),
    Fraction(7, 2),
    Fraction(10, 3),
]


def _as_rows(rows: list[list[int | None]]) -> list[dict[str, int | None]]:
    return [{f"U{i}": value for i, value in enumerate(row, start=1)} for row in rows]


def _uniform(jumlah_nilai: list[int], responden: int) -> list[RekapUnsur]:
    return [RekapUnsur(f"U{i}", total, responden) for i, total in enumerate(jumlah_nilai, 1)]


def test_unsur_data() -> None:
    assert [(u.kode, u.nama) for u in UNSUR_IKM] == [
        ("U1", "Persyaratan"),
        ("U2", "Sistem, Mekanisme, dan Prosedur"),
        ("U3", "Waktu Penyelesaian"),
        ("U4", "Biaya/Tarif"),
        ("U5", "Produk Spesifikasi Jenis Pelayanan"),
        ("U6", "Kompetensi Pelaksana"),
        ("U7", "Perilaku Pelaksana"),
        ("U8", "Sarana dan Prasarana"),
        ("U9", "Penanganan Pengaduan, Saran dan Masukan"),
    ]
    assert Fraction(1, 9) == PENIMBANG


def test_worked_example_from_totals() -> None:
    hasil = compute_ikm(WORKED_REKAP)
    assert [u.nrr for u in hasil.unsur] == WORKED_NRR
    # NRR tertimbang U9 = 10/3 × 1/9 = 10/27;  U4 = 4 × 1/9 = 4/9
    assert hasil.unsur[8].nrr_tertimbang == Fraction(10, 27)
    assert hasil.unsur[3].nrr_tertimbang == Fraction(4, 9)
    assert hasil.ikm_unit == Fraction(185, 54)
    assert hasil.ikm == Fraction(4625, 54)
    assert hasil.ikm_dibulatkan == Decimal("85.65")
    assert (hasil.mutu.kode, hasil.mutu.keterangan) == ("B", "Baik")
    assert hasil.jumlah_responden == 4
    assert hasil.catatan_responden is not None
    assert "3–4" in hasil.catatan_responden


def test_worked_example_from_raw_rows() -> None:
    assert rekap_from_responses(_as_rows(ROWS)) == WORKED_REKAP


def test_raw_rows_accept_strings_and_blank() -> None:
    rows = [{k: (" " if v is None else str(v)) for k, v in r.items()} for r in _as_rows(ROWS)]
    assert rekap_from_responses(rows) == WORKED_REKAP


def test_worked_example_from_csv(tmp_path: Path) -> None:
    lines = ["No,U1,U2,U3,U4,U5,U6,U7,U8,U9,Catatan"]
    for n, row in enumerate(ROWS, start=1):
        cells = ["" if v is None else str(v) for v in row]
        lines.append(",".join([str(n), *cells, "ok"]))
    path = tmp_path / "ikm-2024-responden.csv"
    # BOM as written by spreadsheets, and a trailing blank line
    path.write_text("\ufeff" + "\n".join(lines) + "\n\n", encoding="utf-8")
    rekap = read_responses_csv(path)
    assert rekap == WORKED_REKAP
    assert compute_ikm(rekap).ikm == Fraction(4625, 54)


def test_csv_with_semicolons_and_reordered_columns(tmp_path: Path) -> None:
    path = tmp_path / "responden.csv"
    header = "U9;U8;U7;U6;U5;U4;U3;U2;U1"
    rows = [";".join("" if v is None else str(v) for v in reversed(row)) for row in ROWS]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert read_responses_csv(path) == WORKED_REKAP


def test_csv_bad_cell_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "salah.csv"
    path.write_text(
        "No,U1,U2,U3,U4,U5,U6,U7,U8,U9\n1,4,4,4,4,4,4,4,4,4\n2,4,4,4,5,4,4,4,4,4\n",
        encoding="utf-8",
    )
    # the header is line 1, so the second respondent is line 3
    with pytest.raises(ValueError, match=r"salah\.csv: baris 3, kolom U4: nilai '5'"):
        read_responses_csv(path)


def test_csv_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "kurang.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8\n4,4,4,4,4,4,4,4\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"kurang\.csv: baris judul .*tidak ada: U9"):
        read_responses_csv(path)


def test_csv_unanswered_unsur(tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"kosong\.csv: tidak ada responden .* U9"):
        read_responses_csv(path)


@pytest.mark.parametrize("bad", [5, 0, "5", "3.5", "tiga", True, 2.0])
def test_raw_row_rejects_bad_answer(bad: object) -> None:
    rows = _as_rows(ROWS)
    rows[1]["U7"] = bad  # type: ignore[assignment]
    with pytest.raises(ValueError, match="baris 2, kolom U7"):
        rekap_from_responses(rows)


def test_nrr() -> None:
    # 31 / 10 = 3.1
    assert nrr(RekapUnsur("U1", 31, 10)) == Fraction(31, 10)


@pytest.mark.parametrize(
    "rekap",
    [
        RekapUnsur("U1", 0, 0),  # no respondents
        RekapUnsur("U1", 2, 3),  # below 1 × 3
        RekapUnsur("U1", 13, 3),  # above 4 × 3
    ],
)
def test_nrr_rejects_impossible_totals(rekap: RekapUnsur) -> None:
    with pytest.raises(ValueError, match="U1"):
        nrr(rekap)


def test_all_answers_four_is_exactly_100() -> None:
    # Σ NRR = 9 × 4 = 36;  36 × 1/9 × 25 = 100 exactly (36 × 0.111 × 25 would be 99.9)
    hasil = compute_ikm(_uniform([40] * 9, 10))
    assert hasil.ikm == Fraction(100)
    assert hasil.ikm_unit == Fraction(4)
    assert hasil.mutu.kode == "A"
    assert hasil.catatan_responden is None


def test_weight_is_exactly_one_ninth() -> None:
    # NRR: 3.0 3.1 3.0 3.1 3.0 3.1 3.1 3.1 3.1 → Σ = 3 × 3.0 + 6 × 3.1 = 27.6
    # exact:  27.6 / 9 × 25 = 690 / 9 = 230/3 = 76.666… → 76.67 → B
    # 0.111:  27.6 × 0.111 × 25 = 76.59 → C   (0.11 as printed: 75.90 → C)
    hasil = compute_ikm(_uniform([30, 31, 30, 31, 30, 31, 31, 31, 31], 10))
    assert hasil.ikm == Fraction(230, 3)
    assert hasil.mutu.kode == "B"


def test_order_of_rekap_does_not_matter() -> None:
    assert compute_ikm(list(reversed(WORKED_REKAP))) == compute_ikm(WORKED_REKAP)


@pytest.mark.parametrize(
    ("rekap", "message"),
    [
        (WORKED_REKAP[:8], "tidak ada: U9"),
        ([*WORKED_REKAP, RekapUnsur("U1", 14, 4)], "berulang: U1"),
        ([*WORKED_REKAP, RekapUnsur("U10", 4, 1)], "tidak dikenal: U10"),
    ],
)
def test_compute_ikm_requires_each_unsur_once(rekap: list[RekapUnsur], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute_ikm(rekap)


@pytest.mark.parametrize(
    ("ikm", "kode", "keterangan"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.305", "A", "Sangat Baik"),  # rounds half-up to 88.31
        ("88.30", "B", "Baik"),
        ("88.3049", "B", "Baik"),  # rounds to 88.30
        ("76.61", "B", "Baik"),
        ("76.605", "B", "Baik"),  # rounds to 76.61
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.995", "C", "Kurang Baik"),  # rounds to 65.00
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_mutu_boundaries(ikm: str, kode: str, keterangan: str) -> None:
    mutu = mutu_ikm(Fraction(ikm))
    assert (mutu.kode, mutu.keterangan) == (kode, keterangan)


@pytest.mark.parametrize("ikm", ["24.99", "100.01"])
def test_mutu_out_of_range(ikm: str) -> None:
    with pytest.raises(ValueError, match="antara 25 dan 100"):
        mutu_ikm(Fraction(ikm))


def test_mutu_thresholds_are_exposed_as_data() -> None:
    assert [(m.kode, m.batas_bawah, m.batas_atas) for m in MUTU_PELAYANAN] == [
        ("A", Fraction("88.31"), Fraction(100)),
        ("B", Fraction("76.61"), Fraction("88.30")),
        ("C", Fraction(65), Fraction("76.60")),
        ("D", Fraction(25), Fraction("64.99")),
    ]
