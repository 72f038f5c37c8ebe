"""Computation settings from ``data/pengaturan.yaml``, with the regulation defaults."""

from __future__ import annotations

from fractions import Fraction

from iku_macros.compute.numbers import to_fraction
from iku_macros.compute.predikat import SKALA_PERMENDAGRI_86_2017, SkalaPredikat, TingkatPredikat
from iku_macros.data.model import Pengaturan


def scale_from_settings(settings: Pengaturan) -> SkalaPredikat:
    """The predikat scale in force: the configured one, else Permendagri 86/2017."""
    data = settings.skala_predikat
    if data is None:
        return SKALA_PERMENDAGRI_86_2017
    return SkalaPredikat(
        nama=data.nama,
        dasar_hukum=data.dasar_hukum,
        tingkat=tuple(
            TingkatPredikat(
                label=t.label,
                batas_bawah=None if t.batas_bawah is None else to_fraction(t.batas_bawah),
                warna=t.warna,
            )
            for t in data.tingkat
        ),
    )


def cap_from_settings(settings: Pengaturan) -> Fraction | None:
    """Optional upper bound on capaian (none by default)."""
    cap = settings.batas_atas_capaian
    return None if cap is None else to_fraction(cap)
