"""Beranda (home page): who the unit is, which IKU document is current, and one card per IKU
of the document in force in the latest year with data."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan
from iku_macros.web.plan import capaian_url, indicator_url
from iku_macros.web.render import Halaman, grafik, render
from iku_macros.web.render.indikator import dokumen_url, indikator_tahun


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
        tahun = card_year(laporan)
        return render(
            "beranda.html",
            laporan=laporan,
            profil=laporan.dataset.profil,
            kini=laporan.dataset.dokumen_kini,
            jumlah_dokumen=len(laporan.dataset.dokumen),
            tahun=tahun,
            kartu=[] if tahun is None else indikator_tahun(laporan, tahun, JenisIndikator.IKU),
            link=halaman.link,
            indicator_url=indicator_url,
            capaian_url=capaian_url,
            dokumen_url=dokumen_url,
            tren=tren,
        )

    return {"beranda": beranda}
