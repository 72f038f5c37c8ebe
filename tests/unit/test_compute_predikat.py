"""Predikat capaian on the Permendagri 86/2017 scale and on configured scales."""

from __future__ import annotations

from fractions import Fraction

import pytest

from iku_macros.compute.colour import KONTRAS_MINIMUM, contrast_ratio, text_colour_for
from iku_macros.compute.predikat import (
    SKALA_PERMENDAGRI_86_2017,
    SkalaPredikat,
    TingkatPredikat,
    predikat_capaian,
)


@pytest.mark.parametrize(
    ("capaian", "label"),
    [
        ("150", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),
        ("76", "Tinggi"),
        ("75.99", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
    ],
)
def test_permendagri_scale_boundaries(capaian: str, label: str) -> None:
    assert predikat_capaian(Fraction(capaian)).label == label


def test_exact_value_is_compared_not_a_rounded_one() -> None:
    # 90.999… would display as "91,00" but is below 91
    assert predikat_capaian(Fraction(91) - Fraction(1, 10**9)).label == "Tinggi"


def test_default_scale_data() -> None:
    skala = SKALA_PERMENDAGRI_86_2017
    assert skala.dasar_hukum == (
        "Permendagri Nomor 86 Tahun 2017 (sebagaimana digunakan dalam LKjIP)"
    )
    assert [(t.label, t.batas_bawah) for t in skala.tingkat] == [
        ("Sangat Tinggi", Fraction(91)),
        ("Tinggi", Fraction(76)),
        ("Sedang", Fraction(66)),
        ("Rendah", Fraction(51)),
        ("Sangat Rendah", None),
    ]
    colours = [t.warna for t in skala.tingkat]
    assert len(set(colours)) == len(colours)


def test_default_colours_keep_their_label_readable() -> None:
    for tingkat in SKALA_PERMENDAGRI_86_2017.tingkat:
        ratio = contrast_ratio(tingkat.warna, text_colour_for(tingkat.warna))
        assert ratio >= KONTRAS_MINIMUM, tingkat.label


CUSTOM = SkalaPredikat(
    nama="Skala internal",
    dasar_hukum="Keputusan Kepala Dinas",
    tingkat=(
        TingkatPredikat("Baik", Fraction(100), "#1b5e20"),
        TingkatPredikat("Cukup", Fraction("80.5"), "#ffc107"),
        TingkatPredikat("Kurang", None, "#c62828"),
    ),
)


@pytest.mark.parametrize(
    ("capaian", "label"),
    [("120", "Baik"), ("100", "Baik"), ("99.99", "Cukup"), ("80.5", "Cukup"), ("80.49", "Kurang")],
)
def test_custom_scale(capaian: str, label: str) -> None:
    assert predikat_capaian(Fraction(capaian), CUSTOM).label == label


def test_int_threshold_is_stored_as_fraction() -> None:
    tingkat = TingkatPredikat("Baik", 100, "#1b5e20")  # type: ignore[arg-type]
    assert isinstance(tingkat.batas_bawah, Fraction)
    assert tingkat.batas_bawah == Fraction(100)


def _skala(*tingkat: TingkatPredikat) -> SkalaPredikat:
    return SkalaPredikat("Uji", "Uji", tingkat)


@pytest.mark.parametrize(
    ("tingkat", "message"),
    [
        (
            (
                TingkatPredikat("A", Fraction(50), "#000000"),
                TingkatPredikat("B", Fraction(80), "#111111"),
                TingkatPredikat("C", None, "#222222"),
            ),
            "menurun tegas",
        ),
        (
            (
                TingkatPredikat("A", Fraction(80), "#000000"),
                TingkatPredikat("B", Fraction(80), "#111111"),
                TingkatPredikat("C", None, "#222222"),
            ),
            "menurun tegas",
        ),
        (
            (
                TingkatPredikat("A", Fraction(80), "#000000"),
                TingkatPredikat("B", Fraction(50), "#111111"),
            ),
            "tingkat terakhir",
        ),
        (
            (
                TingkatPredikat("A", Fraction(80), "#000000"),
                TingkatPredikat("B", None, "#111111"),
                TingkatPredikat("C", None, "#222222"),
            ),
            "hanya tingkat terakhir",
        ),
        (
            (
                TingkatPredikat("A", Fraction(80), "#000000"),
                TingkatPredikat("A", None, "#111111"),
            ),
            "berulang",
        ),
        ((TingkatPredikat("A", None, "#000000"),), "paling sedikit dua"),
    ],
)
def test_invalid_scale(tingkat: tuple[TingkatPredikat, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _skala(*tingkat)


@pytest.mark.parametrize("warna", ["red", "#fff", "#12345g", ""])
def test_invalid_colour(warna: str) -> None:
    with pytest.raises(ValueError, match="warna"):
        TingkatPredikat("A", None, warna)
