"""Capaian (achievement, %) of an indicator against its target.

Formulas as used in the LKjIP (Laporan Kinerja Instansi Pemerintah) prepared under
PermenPANRB Nomor 53 Tahun 2014:

* polaritas positif (makin tinggi makin baik): realisasi / target × 100
* polaritas negatif (makin rendah makin baik): (2 × target − realisasi) / target × 100

Capaian is never negative, and may optionally be capped (e.g. at 100 or 120).

Whether the target is met is a separate answer: realisasi ≥ target (positif) or ≤ target
(negatif). It is known even where the percentage is not: a target of 0 (nothing may remain, e.g.
no audit finding left open) divides by zero, yet a realisasi of 0 meets it.
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
    tercapai_khusus: bool | None = None
    """Whether the target is met, set only where ``nilai`` cannot tell: a target of 0 (no
    percentage; met by 0 or less for polaritas negatif, 0 or more for positif), or a cap below
    100 that lowered the value. None otherwise."""

    @property
    def tercapai(self) -> bool | None:
        """Whether the realisasi meets the target; None without a target or a realisasi."""
        if self.tercapai_khusus is not None:
            return self.tercapai_khusus
        if self.nilai is None:
            return None
        # capaian ≥ 100 exactly when realisasi ≥ target (positif) or ≤ target (negatif).
        return self.nilai >= SERATUS


class StatusCapaian(StrEnum):
    """How one indicator stands in one year, in the words the site counts it with."""

    MENCAPAI = "mencapai target"
    BELUM_MENCAPAI = "belum mencapai target"
    BELUM_DILAPORKAN = "belum dilaporkan"
    TANPA_TARGET = "tanpa target"


def status_capaian(realisasi_ada: bool, hasil: CapaianResult) -> StatusCapaian:
    """The year's status: no realisasi first (whatever the target), then met or not, then no
    target (the only case left where neither the percentage nor 'met' can be told)."""
    if not realisasi_ada:
        return StatusCapaian.BELUM_DILAPORKAN
    if hasil.tercapai is None:  # with a realisasi, only a missing target leaves it unknown
        return StatusCapaian.TANPA_TARGET
    return StatusCapaian.MENCAPAI if hasil.tercapai else StatusCapaian.BELUM_MENCAPAI


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
        met = r >= 0 if arah is Polaritas.POSITIF else r <= 0
        return CapaianResult(None, ALASAN_TARGET_NOL, tercapai_khusus=met)
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
        # A cap below 100 would hide that the target was met: say it.
        met = hasil.nilai >= SERATUS if cap < SERATUS else None
        return CapaianResult(cap, None, dibatasi=True, tercapai_khusus=met)
    return hasil


def compute_progress(
    target_akhir: Angka | None,
    realisasi: Angka | None,
    polaritas: Polaritas | str,
) -> CapaianResult:
    """Progress towards the end-of-period target (same formula, never capped)."""
    return _ratio(target_akhir, realisasi, polaritas, ALASAN_TANPA_TARGET_AKHIR)
