"""WCAG contrast helper used to pick a readable label colour on a predikat badge."""

from __future__ import annotations

import pytest

from iku_macros.compute.colour import contrast_ratio, relative_luminance, text_colour_for


def test_extremes() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    # (1 + 0.05) / (0 + 0.05) = 21, in either order
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)


def test_text_colour() -> None:
    assert text_colour_for("#1b5e20") == "#ffffff"  # dark green
    assert text_colour_for("#ffc107") == "#000000"  # amber


def test_rejects_non_hex() -> None:
    with pytest.raises(ValueError):
        relative_luminance("green")
