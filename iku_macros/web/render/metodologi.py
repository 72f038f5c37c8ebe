"""Metodologi: every formula and threshold, rendered from the objects the computation uses."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from iku_macros.compute.ikm import DASAR_HUKUM_IKM, MUTU_PELAYANAN, UNSUR_IKM
from iku_macros.compute.numbers import format_id
from iku_macros.compute.sakip import DASAR_HUKUM_SAKIP, PREDIKAT_SAKIP
from iku_macros.data.model import BATAS_SATUAN, RentangNilai
from iku_macros.report import HasilIndikator, Laporan
from iku_macros.web.plan import indicator_url
from iku_macros.web.render import Halaman, render


def _bound(value: Decimal) -> str:
    """A range bound in Indonesian display, with as many decimals as it has (0,5; 100)."""
    exponent = value.normalize().as_tuple().exponent
    return format_id(value, max(0, -exponent) if isinstance(exponent, int) else 0)


def _range(rentang: RentangNilai | tuple[Decimal, Decimal]) -> str:
    low, high = (rentang.min, rentang.max) if isinstance(rentang, RentangNilai) else rentang
    return f"{_bound(low)} sampai {_bound(high)}"


def _declared_ranges(laporan: Laporan) -> list[tuple[HasilIndikator, str]]:
    """Indicators whose own ``batas`` replaces their satuan's default range."""
    return [
        (h, _range(h.indikator.rentang()))
        for h in laporan.indikator.values()
        if h.indikator.batas is not None
    ]


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
            # The same ranges the data check enforces (model.BATAS_SATUAN, Indikator.rentang).
            "rentang_satuan": [
                (satuan.value, _range(bounds)) for satuan, bounds in BATAS_SATUAN.items()
            ],
            "rentang_khusus": _declared_ranges(laporan),
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
