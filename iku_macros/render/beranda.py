"""Beranda (home page) fragments."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Laporan
from . import Halaman, render


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def beranda() -> str:
        return render("beranda.html", laporan=laporan, profil=laporan.dataset.profil)

    return {"beranda": beranda}
