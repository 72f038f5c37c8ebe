"""Predikat of a Nilai SAKIP (evaluation score, 0–100).

PermenPANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah:
AA > 90–100, A > 80–90, BB > 70–80, B > 60–70, CC > 50–60, C > 30–50, D 0–30.  The lower
bounds are exclusive ("lebih dari"), so a score of exactly 90 is A and exactly 30 is D.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from iku_macros.compute.numbers import format_id, to_fraction

NILAI_MINIMUM = Fraction(0)
NILAI_MAKSIMUM = Fraction(100)


@dataclass(frozen=True)
class PredikatSakip:
    predikat: str
    keterangan: str
    lebih_dari: Fraction | None
    """Exclusive lower bound (nilai > lebih_dari); None for D, which starts at 0 inclusive."""
    sampai_dengan: Fraction
    """Inclusive upper bound, for the methodology table."""


PREDIKAT_SAKIP: tuple[PredikatSakip, ...] = (
    PredikatSakip("AA", "Sangat Memuaskan", Fraction(90), Fraction(100)),
    PredikatSakip("A", "Memuaskan", Fraction(80), Fraction(90)),
    PredikatSakip("BB", "Sangat Baik", Fraction(70), Fraction(80)),
    PredikatSakip("B", "Baik", Fraction(60), Fraction(70)),
    PredikatSakip("CC", "Cukup (Memadai)", Fraction(50), Fraction(60)),
    PredikatSakip("C", "Kurang", Fraction(30), Fraction(50)),
    PredikatSakip("D", "Sangat Kurang", None, Fraction(30)),
)
"""Highest first."""

DASAR_HUKUM_SAKIP = "Peraturan Menteri PANRB Nomor 88 Tahun 2021"


def predikat_sakip(nilai: Fraction | int | Decimal | str) -> PredikatSakip:
    """The predikat of a Nilai SAKIP, compared exactly with strict ``>``."""
    value = to_fraction(nilai)
    if not NILAI_MINIMUM <= value <= NILAI_MAKSIMUM:
        raise ValueError(f"nilai SAKIP harus antara 0 dan 100, bukan {format_id(value)}")
    for tingkat in PREDIKAT_SAKIP:
        if tingkat.lebih_dari is None or value > tingkat.lebih_dari:
            return tingkat
    raise AssertionError("unreachable: D has no lower bound")  # pragma: no cover
