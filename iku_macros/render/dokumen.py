"""Fragments of the IKU document (Kata Pengantar, BAB I–V), Profil and Landasan hukum."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Laporan
from . import Halaman


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    return {}
