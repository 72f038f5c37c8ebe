"""Riwayat data: every change to a published target or realisasi, from git history, in
Indonesian: when it was recorded, what changed, and why (the commit message's body, not its
subject line, which may be in any language); the commit only as a link, named "kode
perubahan". A target is dated by
its document (penetapan date, else its period), not by the repository."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from iku_macros.compute.numbers import (
    format_nilai,
    format_ringkas,
    format_tanggal,
    format_tertulis,
)
from iku_macros.data.gitdata import Perubahan, Riwayat
from iku_macros.data.loading import Dataset
from iku_macros.report import Laporan
from iku_macros.web.plan import RIWAYAT_PER_HALAMAN, indicator_url, riwayat_pages, riwayat_url
from iku_macros.web.render import Halaman, render

KOLOM = {
    "target": "target",
    "target_pk": "target Perjanjian Kinerja",
    "realisasi": "realisasi",
}
"""How each kind of value is named in the table."""

TANPA_KETERANGAN = "tanpa keterangan"
"""The reason shown when the commit message has no body."""


def dokumen_url(ident: str) -> str:
    return f"dokumen/{ident}/"


def tanggal_dokumen(dataset: Dataset, ident: str) -> str | None:
    """What dates a document's targets: ``ditetapkan 10 Februari 2022``, else its period
    (``periode 2018–2023``); None for a document no longer in the data."""
    document = dataset.dokumen.get(ident)
    if document is None:
        return None
    penetapan = document.meta.penetapan
    if penetapan is not None and penetapan.tanggal is not None:
        return f"ditetapkan {format_tanggal(penetapan.tanggal)}"
    periode = document.meta.periode
    return f"periode {periode.awal}–{periode.akhir}"


def angka_riwayat(laporan: Laporan, perubahan: Perubahan, value: Fraction) -> str:
    """A value of the history as the site prints it elsewhere: a target as written, a
    realisasi in its indicator's satuan (at most two decimals for an indicator since removed)."""
    if perubahan.kolom != "realisasi":
        return format_tertulis(value)
    hasil = laporan.indikator.get(perubahan.indikator)
    if hasil is None:
        return format_ringkas(value, 2)
    return format_nilai(value, hasil.indikator.satuan.value)


def macros(
    laporan: Laporan,
    halaman: Halaman,
    riwayat: Callable[[], Riwayat],
    commit_url: Callable[[str], str | None],
) -> dict[str, Callable[..., str]]:
    def context(perubahan: list[Perubahan], ringkas: bool) -> dict[str, object]:
        return {
            "riwayat": riwayat(),
            "perubahan": perubahan,
            "ringkas": ringkas,
            "laporan": laporan,
            "dokumen": laporan.dataset.dokumen,
            "KOLOM": KOLOM,
            "TANPA_KETERANGAN": TANPA_KETERANGAN,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "dokumen_url": dokumen_url,
            "commit_url": commit_url,
            "tanggal_dokumen": lambda ident: tanggal_dokumen(laporan.dataset, ident),
            "angka": lambda p, value: angka_riwayat(laporan, p, value),
        }

    def riwayat_data(halaman: int = 1) -> str:
        """One page of the site-wide history, newest first, with links to the other pages."""
        semua = riwayat().perubahan
        jumlah = riwayat_pages(len(semua))
        awal = (halaman - 1) * RIWAYAT_PER_HALAMAN
        return render(
            "riwayat/tabel.html",
            **context(list(semua[awal : awal + RIWAYAT_PER_HALAMAN]), False),
            halaman=halaman,
            jumlah_halaman=jumlah,
            jumlah_perubahan=len(semua),
            dari=awal + 1,
            riwayat_url=riwayat_url,
        )

    def indikator_riwayat(ident: str) -> str:
        return render("riwayat/tabel.html", **context(riwayat().untuk(ident), True))

    return {"riwayat_data": riwayat_data, "indikator_riwayat": indikator_riwayat}
