"""Indeks Kepuasan Masyarakat (IKM), per PermenPANRB Nomor 14 Tahun 2017.

Nine unsur, each answered on a 1–4 scale.  Per unsur, NRR = total score / respondents who
answered it; the weight of each unsur is 1 / 9 (the regulation prints it rounded as 0,11, which
we do not use: the weight is kept as the exact fraction).  IKM unit = Σ NRR × 1/9 (scale 1–4),
and IKM = IKM unit × 25 (scale 25–100).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from iku_macros.compute.numbers import format_id, round_half_up, to_fraction

DASAR_HUKUM_IKM = "Peraturan Menteri PANRB Nomor 14 Tahun 2017"
NILAI_KONVERSI = Fraction(25)
"""Converts the 1–4 unit index to the 25–100 scale."""
NILAI_MINIMUM = 1
NILAI_MAKSIMUM = 4


@dataclass(frozen=True)
class Unsur:
    kode: str
    nama: str


UNSUR_IKM: tuple[Unsur, ...] = (
    Unsur("U1", "Persyaratan"),
    Unsur("U2", "Sistem, Mekanisme, dan Prosedur"),
    Unsur("U3", "Waktu Penyelesaian"),
    Unsur("U4", "Biaya/Tarif"),
    Unsur("U5", "Produk Spesifikasi Jenis Pelayanan"),
    Unsur("U6", "Kompetensi Pelaksana"),
    Unsur("U7", "Perilaku Pelaksana"),
    Unsur("U8", "Sarana dan Prasarana"),
    Unsur("U9", "Penanganan Pengaduan, Saran dan Masukan"),
)
KODE_UNSUR: tuple[str, ...] = tuple(u.kode for u in UNSUR_IKM)
PENIMBANG = Fraction(1, len(UNSUR_IKM))
"""Weight of each unsur, exactly 1/9."""


@dataclass(frozen=True)
class MutuPelayanan:
    kode: str
    keterangan: str
    """Kinerja unit pelayanan."""
    nilai_persepsi: int
    batas_bawah: Fraction
    """Inclusive, on the IKM value rounded half-up to 2 decimals."""
    batas_atas: Fraction
    """Inclusive, at the same 2-decimal precision (for the methodology table)."""


MUTU_PELAYANAN: tuple[MutuPelayanan, ...] = (
    MutuPelayanan("A", "Sangat Baik", 4, Fraction("88.31"), Fraction(100)),
    MutuPelayanan("B", "Baik", 3, Fraction("76.61"), Fraction("88.30")),
    MutuPelayanan("C", "Kurang Baik", 2, Fraction("65.00"), Fraction("76.60")),
    MutuPelayanan("D", "Tidak Baik", 1, Fraction(25), Fraction("64.99")),
)
"""Highest first; the intervals of the regulation's conversion table (NIK)."""

IKM_MINIMUM = Fraction(25)
IKM_MAKSIMUM = Fraction(100)


@dataclass(frozen=True)
class RekapUnsur:
    kode: str
    jumlah_nilai: int
    jumlah_responden: int


@dataclass(frozen=True)
class NilaiUnsur:
    kode: str
    nama: str
    jumlah_nilai: int
    jumlah_responden: int
    nrr: Fraction
    nrr_tertimbang: Fraction
    """NRR × 1/9."""


@dataclass(frozen=True)
class HasilIKM:
    unsur: tuple[NilaiUnsur, ...]
    """In U1..U9 order."""
    ikm_unit: Fraction
    """Σ NRR tertimbang, scale 1–4."""
    ikm: Fraction
    """ikm_unit × 25, scale 25–100."""
    ikm_dibulatkan: Decimal
    """IKM rounded half-up to 2 decimals: the value the mutu is read from."""
    mutu: MutuPelayanan
    jumlah_responden: int
    """The most respondents any one unsur had."""
    catatan_responden: str | None
    """Indonesian note when unsur had different numbers of respondents; None otherwise."""


def nrr(rekap: RekapUnsur) -> Fraction:
    """Nilai rata-rata per unsur: jumlah nilai / jumlah responden yang menjawab."""
    n = rekap.jumlah_responden
    if n <= 0:
        raise ValueError(f"unsur {rekap.kode}: jumlah responden harus lebih dari 0")
    if not NILAI_MINIMUM * n <= rekap.jumlah_nilai <= NILAI_MAKSIMUM * n:
        raise ValueError(
            f"unsur {rekap.kode}: jumlah nilai {rekap.jumlah_nilai} tidak mungkin untuk "
            f"{n} responden (harus antara {NILAI_MINIMUM * n} dan {NILAI_MAKSIMUM * n})"
        )
    return Fraction(rekap.jumlah_nilai, n)


def _check_codes(rekap: Sequence[RekapUnsur]) -> None:
    codes = [r.kode for r in rekap]
    problems = []
    missing = [k for k in KODE_UNSUR if k not in codes]
    repeated = [k for k in KODE_UNSUR if codes.count(k) > 1]
    unknown = sorted({k for k in codes if k not in KODE_UNSUR})
    if missing:
        problems.append("tidak ada: " + ", ".join(missing))
    if repeated:
        problems.append("berulang: " + ", ".join(repeated))
    if unknown:
        problems.append("tidak dikenal: " + ", ".join(unknown))
    if problems:
        raise ValueError(
            "rekap IKM harus memuat unsur U1–U9 masing-masing tepat satu kali ("
            + "; ".join(problems)
            + ")"
        )


def mutu_ikm(ikm: Fraction | int | Decimal | str) -> MutuPelayanan:
    """Mutu pelayanan of an IKM (25–100).

    The regulation's intervals are written at 2-decimal precision (…–88,30 then 88,31–…), so the
    value is first rounded half-up to 2 decimals: 88,305 counts as 88,31 (A), not as a gap.
    """
    value = to_fraction(ikm)
    if not IKM_MINIMUM <= value <= IKM_MAKSIMUM:
        raise ValueError(f"nilai IKM harus antara 25 dan 100, bukan {format_id(value)}")
    rounded = Fraction(round_half_up(value, 2))
    for mutu in MUTU_PELAYANAN:
        if rounded >= mutu.batas_bawah:
            return mutu
    raise AssertionError("unreachable: D starts at the minimum IKM")  # pragma: no cover


def compute_ikm(rekap: Sequence[RekapUnsur]) -> HasilIKM:
    """IKM from per-unsur totals; exactly U1..U9, each once, in any order."""
    _check_codes(rekap)
    by_code = {r.kode: r for r in rekap}
    unsur = []
    for u in UNSUR_IKM:
        r = by_code[u.kode]
        value = nrr(r)
        unsur.append(
            NilaiUnsur(u.kode, u.nama, r.jumlah_nilai, r.jumlah_responden, value, value * PENIMBANG)
        )
    ikm_unit = sum((u.nrr_tertimbang for u in unsur), Fraction(0))
    ikm = ikm_unit * NILAI_KONVERSI
    counts = {u.jumlah_responden for u in unsur}
    note = None
    if len(counts) > 1:
        # Respondents may leave an unsur blank; each NRR uses only those who answered it.
        note = (
            f"Jumlah responden per unsur berbeda ({min(counts)}–{max(counts)}) karena sebagian "
            "responden tidak menjawab semua unsur; NRR tiap unsur dihitung dari responden yang "
            "menjawab unsur tersebut, dan jumlah responden yang dicantumkan adalah yang terbanyak."
        )
    return HasilIKM(
        unsur=tuple(unsur),
        ikm_unit=ikm_unit,
        ikm=ikm,
        ikm_dibulatkan=round_half_up(ikm, 2),
        mutu=mutu_ikm(ikm),
        jumlah_responden=max(counts),
        catatan_responden=note,
    )


def _answer(value: object) -> int | None:
    """One cell: 1–4, or None when left blank."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text in {"1", "2", "3", "4"}:
            return int(text)
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and NILAI_MINIMUM <= value <= NILAI_MAKSIMUM
    ):
        return value
    raise ValueError(f"nilai {value!r} tidak sah; jawaban harus bilangan bulat 1–4 atau kosong")


@dataclass(frozen=True)
class MasalahJawaban:
    """One problem in raw responses: line/row number and column (1-based, when known)."""

    baris: int | None
    kolom: int | None
    pesan: str


class JawabanError(ValueError):
    """Every problem found in a set of raw responses, not only the first."""

    def __init__(self, masalah: Sequence[MasalahJawaban], source: str = "") -> None:
        self.masalah = tuple(masalah)
        super().__init__("; ".join(f"{source}{m.pesan}" for m in self.masalah))


def _tally(rows: Iterable[tuple[int, Mapping[str, object]]]) -> list[RekapUnsur]:
    """Totals per unsur from (row number, row) pairs."""
    totals = dict.fromkeys(KODE_UNSUR, 0)
    counts = dict.fromkeys(KODE_UNSUR, 0)
    masalah: list[MasalahJawaban] = []
    for number, row in rows:
        for kode in KODE_UNSUR:
            try:
                answer = _answer(row.get(kode))
            except ValueError as exc:
                masalah.append(MasalahJawaban(number, None, f"baris {number}, kolom {kode}: {exc}"))
                continue
            if answer is not None:
                totals[kode] += answer
                counts[kode] += 1
    unanswered = [k for k in KODE_UNSUR if counts[k] == 0]
    if unanswered and not masalah:
        masalah.append(
            MasalahJawaban(
                None, None, "tidak ada responden yang menjawab unsur " + ", ".join(unanswered)
            )
        )
    if masalah:
        raise JawabanError(masalah)
    return [RekapUnsur(k, totals[k], counts[k]) for k in KODE_UNSUR]


def rekap_from_responses(rows: Iterable[Mapping[str, str | int | None]]) -> list[RekapUnsur]:
    """Totals from raw answers, one row per respondent (keys U1..U9; blank = skipped unsur)."""
    return _tally(enumerate(rows, start=1))
