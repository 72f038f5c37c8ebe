"""Readable text colour for a coloured badge, by the WCAG 2.1 contrast ratio (SC 1.4.3).

Predikat colours are decorative: the label is always printed, so colour is never the only cue.
This module only makes sure that printed label stays legible on its background.
"""

from __future__ import annotations

import re

HITAM = "#000000"
PUTIH = "#ffffff"
KONTRAS_MINIMUM = 4.5
"""WCAG 2.1 AA minimum for normal-size text."""

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex_colour(text: str) -> bool:
    """True for a CSS colour written as ``#rrggbb``."""
    return _HEX.fullmatch(text) is not None


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (0 black … 1 white); floats suffice for colour."""
    if not is_hex_colour(colour):
        raise ValueError(f"warna harus berbentuk #rrggbb: {colour!r}")
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_for(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``."""
    return max((HITAM, PUTIH), key=lambda text: contrast_ratio(text, background))
