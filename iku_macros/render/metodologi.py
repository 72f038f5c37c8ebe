"""Metodologi: every formula and threshold, rendered from the objects the computation uses."""

from __future__ import annotations

from collections.abc import Callable

from ..compute.ikm import DASAR_HUKUM_IKM, MUTU_PELAYANAN, UNSUR_IKM
from ..compute.sakip import DASAR_HUKUM_SAKIP, PREDIKAT_SAKIP
from ..report import Laporan
from ..site_plan import indicator_url
from . import Halaman, render


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def context() -> dict[str, object]:
        return {
            "laporan": laporan,
            "skala": laporan.skala,
            "sakip": PREDIKAT_SAKIP,
            "dasar_sakip": DASAR_HUKUM_SAKIP,
            "mutu": MUTU_PELAYANAN,
            "unsur": UNSUR_IKM,
            "dasar_ikm": DASAR_HUKUM_IKM,
            "komposit": [h for h in laporan.indikator.values() if h.masukan],
            "link": halaman.link,
            "indicator_url": indicator_url,
        }

    def metodologi_capaian() -> str:
        return render("metodologi/capaian.html", **context())

    def metodologi_predikat() -> str:
        return render("metodologi/predikat.html", **context())

    def metodologi_sakip() -> str:
        return render("metodologi/sakip.html", **context())

    def metodologi_ikm() -> str:
        return render("metodologi/ikm.html", **context())

    def metodologi_komposit() -> str:
        return render("metodologi/komposit.html", **context())

    return {
        "metodologi_capaian": metodologi_capaian,
        "metodologi_predikat": metodologi_predikat,
        "metodologi_sakip": metodologi_sakip,
        "metodologi_ikm": metodologi_ikm,
        "metodologi_komposit": metodologi_komposit,
    }
