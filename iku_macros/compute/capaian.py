"""Capaian (achievement, %) of an indicator against its target.

Formulas as used in the LKjIP (Laporan Kinerja Instansi Pemerintah) prepared under
PermenPANRB Nomor 53 Tahun 2014:

* polaritas positif (makin tinggi makin baik): realisasi / target × 100
* polaritas negatif (makin rendah makin baik): (2 × target − realisasi) / target × 100

Capaian is never negative, and may optionally be capped (e.g. at 100 or 120).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from iku_macros.compute.numbers import to_fraction

Angka = int | Decimal | Fraction | str

ALASAN_TANPA_TARGET = "target tidak ditetapkan"
ALASAN_TANPA_TARGET_AKHIR = "target akhir periode tidak ditetapkan"
ALASAN_TANPA_REALISASI = "realisasi belum dilaporkan"
ALASAN_TARGET_NOL = "target bernilai 0, capaian tidak dapat dihitung (pembagian dengan nol)"

SERATUS = Fraction(100)


class Polaritas(StrEnum):
    POSITIF = "positif"
    NEGATIF = "negatif"


@dataclass(frozen=True)
class CapaianResult:
    nilai: Fraction | None
    alasan: str | None
    """Why ``nilai`` is None, in Indonesian for the reader; None when computed."""
    dibatasi: bool = False
    """True when ``batas_atas`` lowered the value."""


def _ratio(
    target: Angka | None,
    realisasi: Angka | None,
    polaritas: Polaritas | str,
    alasan_tanpa_target: str,
) -> CapaianResult:
    # Accepts another StrEnum with the same values (e.g. the data model's own Polaritas).
    arah = Polaritas(polaritas)
    if target is None:
        return CapaianResult(None, alasan_tanpa_target)
    if realisasi is None:
        return CapaianResult(None, ALASAN_TANPA_REALISASI)
    t = to_fraction(target)
    r = to_fraction(realisasi)
    if t == 0:
        return CapaianResult(None, ALASAN_TARGET_NOL)
    nilai = r / t * SERATUS if arah is Polaritas.POSITIF else (2 * t - r) / t * SERATUS
    # A realisasi far past a negative target would give a negative percentage: report 0.
    return CapaianResult(max(nilai, Fraction(0)), None)


def compute_capaian(
    target: Angka | None,
    realisasi: Angka | None,
    polaritas: Polaritas | str,
    batas_atas: Angka | None = None,
) -> CapaianResult:
    """Capaian of one year's realisasi against that year's target, optionally capped."""
    hasil = _ratio(target, realisasi, polaritas, ALASAN_TANPA_TARGET)
    if hasil.nilai is None or batas_atas is None:
        return hasil
    cap = to_fraction(batas_atas)
    if hasil.nilai > cap:
        return CapaianResult(cap, None, dibatasi=True)
    return hasil


def compute_progress(
    target_akhir: Angka | None,
    realisasi: Angka | None,
    polaritas: Polaritas | str,
) -> CapaianResult:
    """Progress towards the end-of-period target (same formula, never capped)."""
    return _ratio(target_akhir, realisasi, polaritas, ALASAN_TANPA_TARGET_AKHIR)
