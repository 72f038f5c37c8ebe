"""Riwayat data: every change to a published target or realisasi, from git history, with the
IKU document a changed target belongs to."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.data.gitdata import Perubahan, Riwayat
from iku_macros.report import Laporan
from iku_macros.web.plan import indicator_url
from iku_macros.web.render import Halaman, render

KOLOM = {
    "target": "target",
    "target_pk": "target Perjanjian Kinerja",
    "realisasi": "realisasi",
}
"""How each kind of value is named in the table."""


def dokumen_url(ident: str) -> str:
    return f"dokumen/{ident}/"


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
            "link": halaman.link,
            "indicator_url": indicator_url,
            "dokumen_url": dokumen_url,
            "commit_url": commit_url,
        }

    def riwayat_data() -> str:
        return render("riwayat/tabel.html", **context(list(riwayat().perubahan), False))

    def indikator_riwayat(ident: str) -> str:
        return render("riwayat/tabel.html", **context(riwayat().untuk(ident), True))

    return {"riwayat_data": riwayat_data, "indikator_riwayat": indikator_riwayat}
