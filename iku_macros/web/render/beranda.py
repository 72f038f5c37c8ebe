"""Beranda (home page): who the unit is and one card per IKU for the latest year with data."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from iku_macros.report import Laporan
from iku_macros.web.plan import capaian_url, indicator_url
from iku_macros.web.render import Halaman, grafik, render


def card_year(laporan: Laporan) -> int | None:
    """The latest year with any IKU realisasi; without any, the latest year with a target."""
    if laporan.tahun_terakhir_berdata is not None:
        return laporan.tahun_terakhir_berdata
    with_target = [
        t for h in laporan.iku() for t, nilai in h.tahun.items() if nilai.target is not None
    ]
    return max(with_target, default=None)


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    grafik_tren = grafik.macros(laporan, halaman)["grafik_tren"]

    def tren(ident: str) -> Markup:
        # Our own SVG, built with every data text escaped: safe to insert as HTML.
        return Markup(grafik_tren(ident))

    def beranda() -> str:
        return render(
            "beranda.html",
            laporan=laporan,
            profil=laporan.dataset.profil,
            dokumen=laporan.dataset.dokumen_kini.meta,
            tahun=card_year(laporan),
            link=halaman.link,
            indicator_url=indicator_url,
            capaian_url=capaian_url,
            tren=tren,
        )

    return {"beranda": beranda}
