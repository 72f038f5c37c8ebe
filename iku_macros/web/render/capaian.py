"""Capaian tahun N pages: the LKjIP measurement table, comparisons and the year summary."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.report import Laporan
from iku_macros.web.plan import capaian_url, indicator_url
from iku_macros.web.render import Halaman, render
from iku_macros.web.render.indikator import parent_of


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def base(tahun: int) -> dict[str, object]:
        return {
            "laporan": laporan,
            "tahun": tahun,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "capaian_url": capaian_url,
            "parent_of": lambda h: parent_of(laporan, h),
            "akhir": laporan.dataset.dokumen_kini.meta.periode.akhir,
            "sebelumnya": tahun - 1 if tahun - 1 in laporan.tahun_laporan else None,
        }

    def capaian_pengantar(tahun: int) -> str:
        dilaporkan = [h for h in laporan.indikator.values() if h.tahun[tahun].realisasi is not None]
        return render("capaian/pengantar.html", dilaporkan=dilaporkan, **base(tahun))

    def capaian_ringkasan(tahun: int) -> str:
        return render(
            "capaian/ringkasan.html", ringkasan=laporan.ringkasan.get(tahun), **base(tahun)
        )

    def capaian_tabel(tahun: int, jenis: str) -> str:
        daftar = laporan.iku() if jenis == "iku" else laporan.program()
        return render("capaian/tabel.html", daftar=daftar, jenis=jenis, **base(tahun))

    def capaian_perbandingan(tahun: int) -> str:
        return render("capaian/perbandingan.html", daftar=laporan.iku(), **base(tahun))

    def daftar_capaian() -> str:
        return render(
            "capaian/daftar.html", laporan=laporan, link=halaman.link, capaian_url=capaian_url
        )

    return {
        "capaian_pengantar": capaian_pengantar,
        "capaian_ringkasan": capaian_ringkasan,
        "capaian_tabel": capaian_tabel,
        "capaian_perbandingan": capaian_perbandingan,
        "daftar_capaian": daftar_capaian,
    }
