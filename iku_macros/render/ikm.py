"""IKM tahun N pages: per-unsur NRR, the index, its mutu and the respondents."""

from __future__ import annotations

from collections.abc import Callable

from ..compute.ikm import DASAR_HUKUM_IKM, PENIMBANG
from ..report import Laporan
from ..site_plan import ikm_url, indicator_url
from . import Halaman, render


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def base(tahun: int) -> dict[str, object]:
        survei = laporan.dataset.ikm[tahun]
        return {
            "tahun": tahun,
            "hasil": laporan.ikm[tahun],
            "survei": survei,
            "indikator": laporan.indikator[survei.survei.indikator].indikator,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "dasar_hukum": DASAR_HUKUM_IKM,
            "penimbang": PENIMBANG,
        }

    def ikm_ringkasan(tahun: int) -> str:
        return render("ikm/ringkasan.html", **base(tahun))

    def ikm_tabel_unsur(tahun: int) -> str:
        return render("ikm/unsur.html", **base(tahun))

    def daftar_ikm() -> str:
        return render("ikm/daftar.html", laporan=laporan, link=halaman.link, ikm_url=ikm_url)

    return {
        "ikm_ringkasan": ikm_ringkasan,
        "ikm_tabel_unsur": ikm_tabel_unsur,
        "daftar_ikm": daftar_ikm,
    }
