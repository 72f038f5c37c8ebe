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

MINUS = "\u2212"
"""The minus sign (U+2212) of every negative number shown: a hyphen reads as a dash."""

MAKS_DESIMAL_TERTULIS = 10
"""Data files hold numbers with at most this many decimals (see the data model)."""


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
    # floor(|n/d| * 10^places + 1/2) in integers (Fraction arithmetic was a hot spot).
    numerator, denominator = abs(value.numerator), value.denominator
    units = (2 * numerator * 10**places + denominator) // (2 * denominator)
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
    sign = MINUS if rounded < 0 else ""
    return f"{sign}{grouped},{decimals}" if places > 0 else f"{sign}{grouped}"


def _places_needed(value: Fraction, limit: int) -> int | None:
    """The fewest decimals that show ``value`` exactly, if ``limit`` or fewer do; else None."""
    for places in range(limit + 1):
        if (value * 10**places).denominator == 1:
            return places
    return None


def format_ringkas(x: Fraction | Decimal | int | None, places: int = 2) -> str:
    """No padding zeros: exact when ``places`` decimals or fewer show the value (85 → "85",
    82,5 → "82,5"), else rounded half up to ``places`` (31550/441 → "71,54"); None → "–"."""
    if x is None:
        return KOSONG
    value = to_fraction(x)
    needed = _places_needed(value, places)
    return format_id(value, places if needed is None else needed)


def format_tertulis(x: Fraction | Decimal | int | None) -> str:
    """A target as the document writes it: its decimals, none added (85 → "85", 82,5 →
    "82,5"). The one rule wherever a target prints: the document's own tables, the indicator
    and capaian pages."""
    return format_ringkas(x, MAKS_DESIMAL_TERTULIS)


DESIMAL_SATUAN: dict[str, int | None] = {"persen": 2, "indeks": 2, "nilai": None}
"""Decimals a realisasi, and its change, is shown with, per satuan: two for a percentage and an
index (IKM is reported to two decimals); a ``nilai`` (a score or a count) as exactly as it is,
at most two (a count of 3 shows as "3", a SAKIP score of 78,5 as "78,5")."""


def format_nilai(x: Fraction | Decimal | int | None, satuan: str) -> str:
    """A realised value in its satuan's decimals; None → "–"."""
    if x is None:
        return KOSONG
    places = DESIMAL_SATUAN[satuan]
    return format_ringkas(x, 2) if places is None else format_id(to_fraction(x), places)


def format_selisih(x: Fraction | Decimal | int, satuan: str) -> str:
    """A change with its sign, in the satuan's decimals: "+7,50", "−2", "0"."""
    text = format_nilai(x, satuan)
    shown = round_half_up(x, DESIMAL_SATUAN[satuan] or 2)
    return f"+{text}" if shown > 0 else text


def format_persen(x: Fraction | Decimal | int | None) -> str:
    """A capaian (or a mean of capaian) in percent, two decimals: "102,06%"; None → "–"."""
    return KOSONG if x is None else f"{format_id(to_fraction(x))}%"


def format_jumlah(n: int) -> str:
    """A count (of indicators, respondents, surveys): a whole number, never "3,00"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"jumlah harus bilangan bulat, bukan {type(n).__name__}: {n!r}")
    text = f"{abs(n):,}".replace(",", ".")
    return f"{MINUS}{text}" if n < 0 else text


BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def format_tanggal(value: date) -> str:
    """A date as Indonesian readers write it: ``15 Maret 2021``."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
