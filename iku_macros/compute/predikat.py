"""Predikat (rating) of a capaian on a configurable scale.

The default scale is the five-level interval of Permendagri Nomor 86 Tahun 2017 as used in
LKjIP: ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah, otherwise Sangat Rendah.
Thresholds are compared with ``>=`` on the exact capaian, never on a rounded one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from iku_macros.compute.colour import is_hex_colour
from iku_macros.compute.numbers import to_fraction


@dataclass(frozen=True)
class TingkatPredikat:
    label: str
    batas_bawah: Fraction | None
    """Minimum capaian (inclusive); None marks the catch-all lowest level."""
    warna: str
    """CSS ``#rrggbb``; always shown together with the label, never alone."""

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise ValueError("label predikat tidak boleh kosong")
        if not is_hex_colour(self.warna):
            raise ValueError(f"warna predikat {self.label!r} harus berbentuk #rrggbb")
        if self.batas_bawah is not None and not isinstance(self.batas_bawah, Fraction):
            # Lets a scale be written with int/Decimal thresholds while staying exact.
            object.__setattr__(self, "batas_bawah", to_fraction(self.batas_bawah))


@dataclass(frozen=True)
class SkalaPredikat:
    nama: str
    dasar_hukum: str
    tingkat: tuple[TingkatPredikat, ...]
    """Highest level first; the last one has ``batas_bawah`` None."""

    def __post_init__(self) -> None:
        tingkat = tuple(self.tingkat)
        object.__setattr__(self, "tingkat", tingkat)
        if len(tingkat) < 2:
            raise ValueError("skala predikat harus memiliki paling sedikit dua tingkat")
        labels = [t.label for t in tingkat]
        duplicates = sorted({label for label in labels if labels.count(label) > 1})
        if duplicates:
            raise ValueError("label predikat tidak boleh berulang: " + ", ".join(duplicates))
        if tingkat[-1].batas_bawah is not None:
            raise ValueError("tingkat terakhir (terendah) harus tanpa batas bawah")
        without = [t.label for t in tingkat[:-1] if t.batas_bawah is None]
        if without:
            raise ValueError(
                "hanya tingkat terakhir yang boleh tanpa batas bawah: " + ", ".join(without)
            )
        bounds = [t.batas_bawah for t in tingkat[:-1] if t.batas_bawah is not None]
        for higher, lower in pairwise(bounds):
            if not higher > lower:
                raise ValueError(
                    "batas bawah harus menurun tegas dari tingkat tertinggi ke terendah "
                    f"({higher} lalu {lower})"
                )


SKALA_PERMENDAGRI_86_2017 = SkalaPredikat(
    nama="Skala nilai peringkat kinerja",
    dasar_hukum="Permendagri Nomor 86 Tahun 2017 (sebagaimana digunakan dalam LKjIP)",
    tingkat=(
        # Each colour reaches WCAG AA (4.5:1) with black or white text; see colour.py.
        TingkatPredikat("Sangat Tinggi", Fraction(91), "#1b5e20"),  # dark green
        TingkatPredikat("Tinggi", Fraction(76), "#43a047"),  # green
        TingkatPredikat("Sedang", Fraction(66), "#ffc107"),  # amber
        TingkatPredikat("Rendah", Fraction(51), "#f57c00"),  # orange
        TingkatPredikat("Sangat Rendah", None, "#c62828"),  # red
    ),
)


def predikat_capaian(
    capaian: Fraction | int | Decimal | str,
    skala: SkalaPredikat = SKALA_PERMENDAGRI_86_2017,
) -> TingkatPredikat:
    """The highest level whose ``batas_bawah`` the exact capaian reaches (``>=``)."""
    nilai = to_fraction(capaian)
    for tingkat in skala.tingkat:
        if tingkat.batas_bawah is None or nilai >= tingkat.batas_bawah:
            return tingkat
    raise AssertionError("unreachable: the last level has no lower bound")  # pragma: no cover
