"""Exact conversion, half-up rounding and Indonesian number display."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from iku_macros.compute.numbers import format_id, round_half_up, to_fraction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Fraction(3)),
        (Decimal("86.7"), Fraction(867, 10)),
        ("0.1", Fraction(1, 10)),  # never via float (0.1000000000000000055…)
        (" 85.5 ", Fraction(171, 2)),  # surrounding spaces allowed
        ("3/4", Fraction(3, 4)),
        (Fraction(1, 3), Fraction(1, 3)),
        (Decimal("1E+2"), Fraction(100)),
    ],
)
def test_to_fraction_is_exact(value: int | Decimal | Fraction | str, expected: Fraction) -> None:
    assert to_fraction(value) == expected


@pytest.mark.parametrize("value", [0.1, True, False, None, [1]])
def test_to_fraction_rejects_float_bool_and_others(value: object) -> None:
    with pytest.raises(TypeError):
        to_fraction(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), "abc", "", "1/0"])
def test_to_fraction_rejects_non_numbers(value: Decimal | str) -> None:
    with pytest.raises(ValueError):
        to_fraction(value)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction("2.345"), 2, "2.35"),  # exactly half: up
        (Fraction("2.344999"), 2, "2.34"),
        (Fraction("-1.005"), 2, "-1.01"),  # half away from zero
        (Fraction("-1.004"), 2, "-1.00"),
        (Fraction(1, 3), 2, "0.33"),  # 0.333…
        (Fraction(2, 3), 2, "0.67"),  # 0.666…
        (Fraction("0.125"), 2, "0.13"),
        (Fraction("2.5"), 0, "3"),
        (Fraction("-2.5"), 0, "-3"),
        (Fraction("1.0005"), 3, "1.001"),
        (Fraction(7), 2, "7.00"),
        (Fraction("-0.004"), 2, "0.00"),  # no negative zero
        (Fraction(4625, 54), 2, "85.65"),  # 85.648148…
    ],
)
def test_round_half_up(value: Fraction, places: int, expected: str) -> None:
    result = round_half_up(value, places)
    assert isinstance(result, Decimal)
    assert str(result) == expected


def test_round_half_up_beyond_decimal_context_precision() -> None:
    # 10**40 + 0.5 has 41 significant digits, more than the default context's 28.
    assert str(round_half_up(Fraction(10**40) + Fraction(1, 2), 0)) == "1" + "0" * 39 + "1"


def test_round_half_up_rejects_negative_places() -> None:
    with pytest.raises(ValueError):
        round_half_up(Fraction(1), -1)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction("85.5"), 2, "85,50"),
        (Fraction("1234.567"), 2, "1.234,57"),
        (Fraction("1234567.891"), 2, "1.234.567,89"),
        (Fraction("999.995"), 2, "1.000,00"),
        (Fraction(0), 2, "0,00"),
        (Fraction("-1234.5"), 2, "-1.234,50"),
        (Fraction("1234.5"), 0, "1.235"),
        (Fraction(1, 3), 1, "0,3"),
        (Decimal("102"), 2, "102,00"),
        (Fraction(230, 3), 2, "76,67"),  # 76.666…
        (None, 2, "–"),
    ],
)
def test_format_id(value: Fraction | Decimal | None, places: int, expected: str) -> None:
    assert format_id(value, places) == expected
