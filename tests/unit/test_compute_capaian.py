"""Capaian (LKjIP) for both polarities, the missing-data reasons and the optional cap."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

import pytest

from iku_macros.compute.capaian import (
    CapaianResult,
    Polaritas,
    compute_capaian,
    compute_progress,
)

POS = Polaritas.POSITIF
NEG = Polaritas.NEGATIF


def test_positive_exact() -> None:
    # 86.7 / 85 × 100 = 8670 / 85 = 102 (85 × 102 = 8670)
    assert compute_capaian(Fraction(85), Fraction("86.7"), POS) == CapaianResult(
        Fraction(102), None
    )


def test_positive_keeps_repeating_decimals_exact() -> None:
    # 1 / 3 × 100 = 100/3 = 33.333…
    assert compute_capaian(Fraction(3), Fraction(1), POS).nilai == Fraction(100, 3)


def test_accepts_decimal_str_and_int() -> None:
    # 60 / 80 × 100 = 75
    assert compute_capaian(Decimal("80"), "60", POS).nilai == Fraction(75)
    assert compute_capaian(80, 60, "positif").nilai == Fraction(75)


def test_negative_polarity() -> None:
    # (2 × 10 − 12) / 10 × 100 = 8 / 10 × 100 = 80
    assert compute_capaian(Fraction(10), Fraction(12), NEG) == CapaianResult(Fraction(80), None)


def test_negative_polarity_better_than_target() -> None:
    # (2 × 10 − 5) / 10 × 100 = 150
    assert compute_capaian(Fraction(10), Fraction(5), NEG).nilai == Fraction(150)


def test_negative_polarity_is_floored_at_zero() -> None:
    # (2 × 10 − 25) / 10 × 100 = −50 → 0
    assert compute_capaian(Fraction(10), Fraction(25), NEG) == CapaianResult(Fraction(0), None)


def test_positive_polarity_is_floored_at_zero() -> None:
    # −5 / 10 × 100 = −50 → 0
    assert compute_capaian(Fraction(10), Fraction(-5), POS).nilai == Fraction(0)


def test_other_str_enum_with_same_values_is_accepted() -> None:
    class ModelPolaritas(StrEnum):
        POSITIF = "positif"
        NEGATIF = "negatif"

    # (2 × 10 − 12) / 10 × 100 = 80
    assert compute_capaian(10, 12, ModelPolaritas.NEGATIF).nilai == Fraction(80)


@pytest.mark.parametrize(("polaritas", "met"), [(POS, True), (NEG, False)])
def test_target_zero(polaritas: Polaritas, met: bool) -> None:
    # No percentage (division by zero); realisasi 5 meets a target of 0 only when higher is better.
    assert compute_capaian(Fraction(0), Fraction(5), polaritas) == CapaianResult(
        None,
        "target bernilai 0, capaian tidak dapat dihitung (pembagian dengan nol)",
        tercapai_khusus=met,
    )


def test_target_none() -> None:
    assert compute_capaian(None, Fraction(5), POS) == CapaianResult(None, "target tidak ditetapkan")


def test_target_none_is_reported_before_missing_realisasi() -> None:
    assert compute_capaian(None, None, POS).alasan == "target tidak ditetapkan"


def test_realisasi_none() -> None:
    assert compute_capaian(Fraction(85), None, NEG) == CapaianResult(
        None, "realisasi belum dilaporkan"
    )


def test_cap_100_bites() -> None:
    # 86.7 / 85 × 100 = 102 > 100 → 100
    assert compute_capaian(85, Decimal("86.7"), POS, Fraction(100)) == CapaianResult(
        Fraction(100), None, dibatasi=True
    )


def test_cap_100_does_not_bite() -> None:
    # 60 / 80 × 100 = 75 ≤ 100
    assert compute_capaian(80, 60, POS, Fraction(100)) == CapaianResult(Fraction(75), None)


def test_cap_exactly_reached_is_not_flagged() -> None:
    # 100 / 100 × 100 = 100, not above the cap
    assert compute_capaian(100, 100, POS, Fraction(100)) == CapaianResult(Fraction(100), None)


def test_cap_120_does_not_bite() -> None:
    # 102 ≤ 120
    assert compute_capaian(85, Decimal("86.7"), POS, Fraction(120)) == CapaianResult(
        Fraction(102), None
    )


def test_cap_120_bites() -> None:
    # 75 / 50 × 100 = 150 > 120 → 120;  negative: (2 × 50 − 20) / 50 × 100 = 160 → 120
    assert compute_capaian(50, 75, POS, Fraction(120)) == CapaianResult(
        Fraction(120), None, dibatasi=True
    )
    assert compute_capaian(50, 20, NEG, 120) == CapaianResult(Fraction(120), None, dibatasi=True)


def test_cap_is_ignored_when_not_computable() -> None:
    assert compute_capaian(None, 5, POS, 100) == CapaianResult(None, "target tidak ditetapkan")


def test_progress_against_final_target() -> None:
    # 45 / 90 × 100 = 50
    assert compute_progress(Fraction(90), Fraction(45), POS) == CapaianResult(Fraction(50), None)


def test_progress_is_never_capped() -> None:
    # 75 / 50 × 100 = 150;  negative: (2 × 8 − 6) / 8 × 100 = 10 / 8 × 100 = 125
    assert compute_progress(50, 75, POS).nilai == Fraction(150)
    assert compute_progress(8, 6, NEG).nilai == Fraction(125)


def test_progress_reasons() -> None:
    assert compute_progress(None, 5, POS) == CapaianResult(
        None, "target akhir periode tidak ditetapkan"
    )
    assert compute_progress(90, None, POS).alasan == "realisasi belum dilaporkan"
    assert compute_progress(0, 5, NEG).alasan == (
        "target bernilai 0, capaian tidak dapat dihitung (pembagian dengan nol)"
    )
