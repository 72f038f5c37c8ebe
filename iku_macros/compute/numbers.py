"""Exact numbers and their Indonesian display.

Every published figure is computed with :class:`fractions.Fraction` and rounded only when shown,
so that a value exactly on a regulatory threshold (LKjIP predikat, SAKIP, IKM mutu) is never
pushed across it by binary floating point.  Display follows Indonesian usage (PUEBI): decimal
comma and a dot as thousands separator.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

KOSONG = "–"
"""Shown in place of a missing number."""


def to_fraction(x: int | Decimal | Fraction | str) -> Fraction:
    """Convert exactly; floats are refused because they have already lost the written value."""
    # bool is an int subclass: True silently becoming 1 would hide a data mistake.
    if isinstance(x, bool | float):
        raise TypeError(f"{type(x).__name__} tidak diterima sebagai angka eksak: {x!r}")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"angka tidak terhingga atau bukan angka: {x}")
        return Fraction(x)  # exact: Decimal is a finite base-10 fraction
    if isinstance(x, str):
        try:
            return Fraction(x.strip())  # parses the decimal text itself, never via float
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"teks bukan angka: {x!r}") from exc
    raise TypeError(f"{type(x).__name__} tidak diterima sebagai angka: {x!r}")


def round_half_up(x: Fraction | int | Decimal | str, places: int = 2) -> Decimal:
    """Round half away from zero to ``places`` decimals, exactly (2,345 → 2,35; −1,005 → −1,01)."""
    if places < 0:
        raise ValueError("jumlah desimal tidak boleh negatif")
    value = to_fraction(x)
    scaled = abs(value) * 10**places
    units = int(scaled + Fraction(1, 2))  # int() floors a non-negative Fraction
    sign = 1 if value < 0 and units != 0 else 0  # no "-0,00"
    digits = tuple(int(d) for d in str(units))
    # Built from a tuple, not by division, so the context precision can never round it again.
    return Decimal((sign, digits, -places))


def format_id(x: Fraction | Decimal | None, places: int = 2) -> str:
    """Indonesian display with exactly ``places`` decimals: 1234,567 → "1.234,57"; None → "–"."""
    if x is None:
        return KOSONG
    rounded = round_half_up(x, places)
    text = f"{abs(rounded):f}"
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{grouped},{decimals}" if places > 0 else f"{sign}{grouped}"


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def format_tanggal(value: date) -> str:
    """A date as Indonesian readers write it: ``15 Maret 2021``."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
