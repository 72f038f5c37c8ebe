"""Predikat Nilai SAKIP per PermenPANRB 88/2021: strict lower bounds."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from iku_macros.compute.sakip import PREDIKAT_SAKIP, predikat_sakip


@pytest.mark.parametrize(
    ("nilai", "predikat", "keterangan"),
    [
        ("100", "AA", "Sangat Memuaskan"),
        ("90.01", "AA", "Sangat Memuaskan"),
        ("90", "A", "Memuaskan"),
        ("80.01", "A", "Memuaskan"),
        ("80", "BB", "Sangat Baik"),
        ("70.01", "BB", "Sangat Baik"),
        ("70", "B", "Baik"),
        ("60.01", "B", "Baik"),
        ("60", "CC", "Cukup (Memadai)"),
        ("50.01", "CC", "Cukup (Memadai)"),
        ("50", "C", "Kurang"),
        ("30.01", "C", "Kurang"),
        ("30", "D", "Sangat Kurang"),
        ("0", "D", "Sangat Kurang"),
    ],
)
def test_boundaries(nilai: str, predikat: str, keterangan: str) -> None:
    hasil = predikat_sakip(Fraction(nilai))
    assert (hasil.predikat, hasil.keterangan) == (predikat, keterangan)


def test_accepts_decimal_and_int() -> None:
    assert predikat_sakip(Decimal("90.00")).predikat == "A"
    assert predikat_sakip(91).predikat == "AA"


@pytest.mark.parametrize("nilai", ["-0.01", "100.01", "-30"])
def test_out_of_range(nilai: str) -> None:
    with pytest.raises(ValueError, match="antara 0 dan 100"):
        predikat_sakip(Fraction(nilai))


def test_thresholds_are_exposed_as_data() -> None:
    assert [(p.predikat, p.lebih_dari, p.sampai_dengan) for p in PREDIKAT_SAKIP] == [
        ("AA", Fraction(90), Fraction(100)),
        ("A", Fraction(80), Fraction(90)),
        ("BB", Fraction(70), Fraction(80)),
        ("B", Fraction(60), Fraction(70)),
        ("CC", Fraction(50), Fraction(60)),
        ("C", Fraction(30), Fraction(50)),
        ("D", None, Fraction(30)),
    ]
