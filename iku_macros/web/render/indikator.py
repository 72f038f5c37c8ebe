"""Indicator pages: definition, how the site computes it, the year table, composite inputs."""

from __future__ import annotations

from collections.abc import Callable

from iku_macros.data.model import JenisIndikator, Polaritas
from iku_macros.report import HasilIndikator, Laporan
from iku_macros.web.plan import ikm_url, indicator_url
from iku_macros.web.render import Halaman, render

JENIS_LABEL = {
    JenisIndikator.IKU: "Indikator Kinerja Utama (IKU)",
    JenisIndikator.PROGRAM: "Indikator program",
}
POLARITAS_LABEL = {
    Polaritas.POSITIF: "positif — makin tinggi makin baik",
    Polaritas.NEGATIF: "negatif — makin rendah makin baik",
}


def parent_of(laporan: Laporan, hasil: HasilIndikator) -> tuple[str, str]:
    """(kind label, name) of the indicator's tujuan, sasaran or program."""
    kerangka = laporan.dataset.kerangka
    induk = hasil.indikator.induk
    for label, items in (
        ("Tujuan", kerangka.tujuan),
        ("Sasaran", kerangka.sasaran),
        ("Program", kerangka.program),
    ):
        for item in items:
            if item.id == induk:
                return label, item.nama
    raise KeyError(induk)  # validation guarantees every parent exists


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    def context(ident: str) -> dict[str, object]:
        hasil = laporan.indikator[ident]
        return {
            "hasil": hasil,
            "i": hasil.indikator,
            "laporan": laporan,
            "induk": parent_of(laporan, hasil),
            "jenis_label": JENIS_LABEL[hasil.indikator.jenis],
            "polaritas_label": POLARITAS_LABEL[hasil.indikator.polaritas],
            "link": halaman.link,
            "indicator_url": indicator_url,
            "ikm_url": ikm_url,
            "tahun": sorted(hasil.tahun),
            # Years with a survey of this indicator (a year may have surveys of others only).
            "tahun_survei": [t for t, survei in laporan.ikm if survei == ident],
            "nama": lambda other: laporan.indikator[other].indikator.nama,
        }

    def indikator_ringkas(ident: str) -> str:
        return render("indikator/ringkas.html", **context(ident))

    def indikator_definisi(ident: str) -> str:
        return render("indikator/definisi.html", **context(ident))

    def indikator_tabel_tahunan(ident: str) -> str:
        return render("indikator/tabel_tahunan.html", **context(ident))

    def indikator_masukan(ident: str) -> str:
        return render("indikator/masukan.html", **context(ident))

    def indikator_dipakai_oleh(ident: str) -> str:
        users = [h for h in laporan.indikator.values() if ident in h.masukan]
        return render("indikator/dipakai_oleh.html", users=users, **context(ident))

    def daftar_indikator() -> str:
        return render(
            "indikator/daftar.html",
            laporan=laporan,
            link=halaman.link,
            indicator_url=indicator_url,
            parent_of=lambda h: parent_of(laporan, h),
        )

    return {
        "indikator_ringkas": indikator_ringkas,
        "indikator_definisi": indikator_definisi,
        "indikator_tabel_tahunan": indikator_tabel_tahunan,
        "indikator_masukan": indikator_masukan,
        "indikator_dipakai_oleh": indikator_dipakai_oleh,
        "daftar_indikator": daftar_indikator,
    }
