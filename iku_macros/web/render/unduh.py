"""Unduh data page: the downloadable files, the data dictionary and its changes, the JSON
Schemas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache

from iku_macros.data.model import FILE_MODELS
from iku_macros.report import Laporan
from iku_macros.web.opendata import (
    CSV_TEXT_PREFIX,
    DOKUMEN_FIELDS,
    FIELDS,
    FORMAT_CHANGES,
    FORMAT_VERSION,
    FORMULA_TRIGGERS,
    NUMBER_FIELDS,
)
from iku_macros.web.render import Halaman, render


def macros(
    laporan: Laporan,
    halaman: Halaman,
    when: datetime,
    downloads: Callable[[], dict[str, bytes]],
) -> dict[str, Callable[..., str]]:
    """``when`` is the date the data stand at (the data commit's date); ``downloads`` gives
    the files the site publishes, so the sizes listed are those of the very same bytes."""

    @cache
    def sizes() -> dict[str, int]:
        return {path: len(content) for path, content in downloads().items()}

    def unduh_berkas() -> str:
        rows = [("Semua tahun", "unduh/iku.json", "unduh/iku.csv")]
        rows += [
            (str(t), f"unduh/iku-{t}.json", f"unduh/iku-{t}.csv") for t in laporan.tahun_laporan
        ]
        return render(
            "unduh/berkas.html",
            rows=rows,
            sizes=sizes(),
            link=halaman.link,
            tanggal=when.date(),
            xlsx="unduh/iku.xlsx",
        )

    def unduh_kamus() -> str:
        return render(
            "unduh/kamus.html",
            fields=FIELDS,
            dokumen_fields=DOKUMEN_FIELDS,
            versi=FORMAT_VERSION,
            pemicu=FORMULA_TRIGGERS,
            awalan=CSV_TEXT_PREFIX,
            angka=("tahun", *NUMBER_FIELDS),
        )

    def unduh_perubahan() -> str:
        return render("unduh/perubahan.html", changes=FORMAT_CHANGES, versi=FORMAT_VERSION)

    def unduh_skema() -> str:
        return render("unduh/skema.html", kinds=list(FILE_MODELS), sizes=sizes(), link=halaman.link)

    return {
        "unduh_berkas": unduh_berkas,
        "unduh_kamus": unduh_kamus,
        "unduh_perubahan": unduh_perubahan,
        "unduh_skema": unduh_skema,
    }
