"""Riwayat data: every change to a published target or realisasi, from git history."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.data.gitdata import Riwayat
from iku_macros.report import Laporan
from iku_macros.web.plan import indicator_url
from iku_macros.web.render import Halaman, render


def macros(
    laporan: Laporan,
    halaman: Halaman,
    riwayat: Callable[[], Riwayat],
    commit_url: Callable[[str], str | None],
) -> dict[str, Callable[..., str]]:
    def context(perubahan: list, ringkas: bool) -> dict[str, object]:
        return {
            "riwayat": riwayat(),
            "perubahan": perubahan,
            "ringkas": ringkas,
            "laporan": laporan,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "commit_url": commit_url,
        }

    def riwayat_data() -> str:
        return render("riwayat.html", **context(list(riwayat().perubahan), False))

    def indikator_riwayat(ident: str) -> str:
        return render("riwayat.html", **context(riwayat().untuk(ident), True))

    return {"riwayat_data": riwayat_data, "indikator_riwayat": indikator_riwayat}
