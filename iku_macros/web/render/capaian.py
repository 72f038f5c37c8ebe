"""Capaian tahun N pages: the LKjIP measurement table of the document in force that year,
comparisons and the year summary."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan
from iku_macros.web.plan import capaian_url, indicator_url
from iku_macros.web.render import Halaman, render
from iku_macros.web.render.indikator import (
    IndikatorTahun,
    dokumen_tahun,
    dokumen_url,
    indikator_tahun,
    parent_of,
    target_akhir_dokumen,
)


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    dataset = laporan.dataset

    def base(tahun: int) -> dict[str, object]:
        dokumen = dokumen_tahun(dataset, tahun)
        return {
            "laporan": laporan,
            "tahun": tahun,
            "dokumen": dokumen,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "capaian_url": capaian_url,
            "dokumen_url": dokumen_url,
            # The framework of the year's own document names each indicator's parent.
            "parent_of": lambda x: parent_of(
                dokumen.kerangka if dokumen else dataset.kerangka, x.indikator
            ),
            "akhir": dokumen.meta.periode.akhir if dokumen else None,
            "target_akhir": lambda x: (
                target_akhir_dokumen(dokumen, x.indikator.id) if dokumen else None
            ),
            "sebelumnya": tahun - 1 if tahun - 1 in laporan.tahun_laporan else None,
        }

    def semua(tahun: int) -> list[IndikatorTahun]:
        return [
            *indikator_tahun(laporan, tahun, JenisIndikator.IKU),
            *indikator_tahun(laporan, tahun, JenisIndikator.PROGRAM),
        ]

    def capaian_pengantar(tahun: int) -> str:
        daftar = semua(tahun)
        return render(
            "capaian/pengantar.html",
            dilaporkan=[x for x in daftar if x.nilai[tahun].realisasi is not None],
            pk=[x for x in daftar if x.nilai[tahun].target_pk],
            **base(tahun),
        )

    def capaian_ringkasan(tahun: int) -> str:
        return render(
            "capaian/ringkasan.html", ringkasan=laporan.ringkasan.get(tahun), **base(tahun)
        )

    def capaian_tabel(tahun: int, jenis: str) -> str:
        daftar = indikator_tahun(laporan, tahun, jenis)
        return render("capaian/tabel.html", daftar=daftar, jenis=jenis, **base(tahun))

    def capaian_perbandingan(tahun: int) -> str:
        daftar = indikator_tahun(laporan, tahun, JenisIndikator.IKU)
        return render("capaian/perbandingan.html", daftar=daftar, **base(tahun))

    def daftar_capaian() -> str:
        return render(
            "capaian/daftar.html",
            laporan=laporan,
            link=halaman.link,
            capaian_url=capaian_url,
            dokumen_url=dokumen_url,
            dokumen_tahun=lambda tahun: dokumen_tahun(dataset, tahun),
        )

    return {
        "capaian_pengantar": capaian_pengantar,
        "capaian_ringkasan": capaian_ringkasan,
        "capaian_tabel": capaian_tabel,
        "capaian_perbandingan": capaian_perbandingan,
        "daftar_capaian": daftar_capaian,
    }
