"""Exact conversion, half-up rounding and Indonesian number display: one rule per kind of
number (a target as written, a realisasi by satuan, capaian in percent, a count as a whole
number), the minus sign U+2212, dates in Indonesian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from iku_macros.compute.numbers import (
    KOSONG,
    MINUS,
    format_id,
    format_jumlah,
    format_nilai,
    format_persen,
    format_ringkas,
    format_selisih,
    format_tanggal,
    format_tertulis,
    round_half_up,
    to_fraction,
)


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
        (Fraction("-1234.5"), 2, "\u22121.234,50"),  # the minus sign, never a hyphen
        (Fraction("-0.004"), 2, "0,00"),  # rounds to zero: no sign
        (Fraction("1234.5"), 0, "1.235"),
        (Fraction(1, 3), 1, "0,3"),
        (Decimal("102"), 2, "102,00"),
        (Fraction(230, 3), 2, "76,67"),  # 76.666…
        (None, 2, "–"),
    ],
)
def test_format_id(value: Fraction | Decimal | None, places: int, expected: str) -> None:
    assert format_id(value, places) == expected


def test_minus_is_the_minus_sign() -> None:
    assert MINUS == "\u2212" and format_id(Fraction(-7)).startswith(MINUS)
    assert "-" not in format_id(Fraction("-16.5"))


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(85), 2, "85"),  # no padding zeros
        (Fraction("82.5"), 2, "82,5"),
        (Decimal("86.0"), 2, "86"),  # 86.0 is the number 86
        (Fraction("70.25"), 2, "70,25"),
        (Fraction(31550, 441), 2, "71,54"),  # 71.5419… needs more: rounded to two
        (Fraction("2.345"), 2, "2,35"),  # three decimals: rounded half up
        (Fraction(1, 3), 2, "0,33"),
        (Fraction(-2), 2, "\u22122"),
        (Fraction(1500), 2, "1.500"),
        (None, 2, KOSONG),
    ],
)
def test_format_ringkas(value: Fraction | Decimal | None, places: int, expected: str) -> None:
    assert format_ringkas(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # As the document's own tables print a target (render.dokumen.format_target).
        (Decimal("85"), "85"),
        (Decimal("82.5"), "82,5"),
        (Decimal("82.125"), "82,125"),  # every written decimal, never rounded
        (Decimal("0"), "0"),
        (Fraction(1500), "1.500"),
        (Decimal("-5"), "\u22125"),
    ],
)
def test_format_tertulis_prints_a_target_as_written(
    value: Fraction | Decimal, expected: str
) -> None:
    assert format_tertulis(value) == expected


@pytest.mark.parametrize(
    ("value", "satuan", "expected"),
    [
        (Fraction(86), "persen", "86,00"),  # percentages and indices: two decimals
        (Fraction("84.5"), "persen", "84,50"),
        (Fraction(31550, 441), "indeks", "71,54"),
        (Fraction(3), "nilai", "3"),  # a count, never "3,00"
        (Fraction(0), "nilai", "0"),
        (Fraction("78.5"), "nilai", "78,5"),  # a score as it is
        (Fraction(2, 3), "nilai", "0,67"),
        (None, "persen", KOSONG),
    ],
)
def test_format_nilai_by_satuan(value: Fraction | None, satuan: str, expected: str) -> None:
    assert format_nilai(value, satuan) == expected


@pytest.mark.parametrize(
    ("value", "satuan", "expected"),
    [
        (Fraction("7.5"), "persen", "+7,50"),
        (Fraction("-16.5"), "persen", "\u221216,50"),
        (Fraction(-2), "nilai", "\u22122"),
        (Fraction(0), "persen", "0,00"),  # no sign for no change
        (Fraction(1, 1000), "persen", "0,00"),  # rounds to zero: no "+"
        (Fraction(1, 1000), "nilai", "0,00"),
    ],
)
def test_format_selisih_has_its_sign(value: Fraction, satuan: str, expected: str) -> None:
    assert format_selisih(value, satuan) == expected


def test_format_persen() -> None:
    # 1262/49 / 9 * 25 / 75 * 100 = 126200/1323 = 95.389… -> 95,39 %
    assert format_persen(Fraction(126200, 1323)) == "95,39%"
    assert format_persen(Fraction(100)) == "100,00%"
    assert format_persen(None) == KOSONG


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0"), (3, "3"), (1234, "1.234"), (-2, "\u22122")]
)
def test_format_jumlah_is_a_whole_number(value: int, expected: str) -> None:
    assert format_jumlah(value) == expected


@pytest.mark.parametrize("value", [3.0, Fraction(3), Decimal("3"), True])
def test_format_jumlah_refuses_what_is_not_a_count(value: object) -> None:
    with pytest.raises(TypeError):
        format_jumlah(value)  # type: ignore[arg-type]


def test_format_tanggal_in_indonesian() -> None:
    assert format_tanggal(date(2022, 2, 10)) == "10 Februari 2022"
    assert format_tanggal(date(2024, 12, 1)) == "1 Desember 2024"
