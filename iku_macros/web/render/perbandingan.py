"""The comparison page of a document with its predecessor (``dokumen/<id>/perbandingan/``).

:mod:`iku_macros.compare` works out what changed; this module only shows it, one part of the
page per macro call, every value through an autoescaping template. Targets are printed as the
documents print them (:func:`~iku_macros.web.render.dokumen.format_target`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from iku_macros.compare import (
    BAGIAN_KERANGKA,
    Perbandingan,
    UnsurKerangka,
    compare,
    pendahulu,
    ringkasan,
)
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import (
    BatasNilai,
    JenisIndikator,
    PenilaianNilai,
    Perhitungan,
    PerhitunganKomposit,
    Polaritas,
    Satuan,
)
from iku_macros.report import Laporan
from iku_macros.web.plan import COMPARISON_HEADINGS, document_url, indicator_url
from iku_macros.web.render import SATUAN_LABEL, Halaman, render
from iku_macros.web.render.dokumen import JENIS_DOKUMEN, format_target

ATRIBUT_LABEL = {
    "jenis": "Jenis indikator",
    "induk": "Tujuan, sasaran, atau program induk",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "penilaian_nilai": "Predikat atas nilai",
    "predikat_target": "Predikat yang ditargetkan",
    "batas": "Rentang nilai",
    "sumber_data": "Sumber data",
    "penanggung_jawab": "Penanggung jawab",
}
JENIS_INDIKATOR = {JenisIndikator.IKU: "IKU", JenisIndikator.PROGRAM: "indikator program"}
POLARITAS = {
    Polaritas.POSITIF: "positif (makin tinggi makin baik)",
    Polaritas.NEGATIF: "negatif (makin rendah makin baik)",
}
PENILAIAN = {PenilaianNilai.SAKIP: "predikat SAKIP", PenilaianNilai.IKM: "mutu pelayanan IKM"}
BAGIAN_LABEL = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program"}
TIDAK_ADA = "tidak ada"


def framework_name(document: DokumenTerbaca, ident: str) -> str:
    """The name a document gives a tujuan, sasaran or program (its id if it has none)."""
    for bagian in BAGIAN_KERANGKA:
        for item in getattr(document.kerangka, bagian):
            if item.id == ident:
                return item.nama
    return ident


def format_perhitungan(perhitungan: Perhitungan) -> str:
    """How the site computes realisasi, in words."""
    if isinstance(perhitungan, PerhitunganKomposit):
        return f"dihitung dari rumus {perhitungan.rumus}"
    if perhitungan.jenis == "ikm":
        return "dihitung dari survei kepuasan masyarakat (IKM)"
    return "diisi di berkas realisasi tahunan"


def format_attribute(name: str, value: Any, document: DokumenTerbaca) -> str:
    """One value of :data:`iku_macros.compare.ATRIBUT` as text (``document`` names the
    parent)."""
    if value is None:
        return "bawaan satuan (0–100)" if name == "batas" else TIDAK_ADA
    if name == "induk":
        return framework_name(document, value)
    if isinstance(value, JenisIndikator):
        return JENIS_INDIKATOR[value]
    if isinstance(value, Satuan):
        return SATUAN_LABEL[value.value]
    if isinstance(value, Polaritas):
        return POLARITAS[value]
    if isinstance(value, PenilaianNilai):
        return PENILAIAN[value]
    if isinstance(value, BatasNilai):
        return f"{format_target(value.min)}–{format_target(value.max)}"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def format_year_target(tahun: int | None, nilai: Decimal | None) -> str:
    """``82 (2024)``; a table without any year says so."""
    return f"{format_target(nilai)} ({tahun})" if tahun is not None else "tidak ada target"


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    dataset = laporan.dataset

    @cache
    def hasil(ident: str) -> Perbandingan:
        if ident not in dataset.dokumen:
            raise ValueError(f"dokumen `{ident}` tidak ada")
        lama = pendahulu(dataset.dokumen, dataset.berlaku, ident)
        if lama is None:
            raise ValueError(f"dokumen `{ident}` tidak punya dokumen pendahulu")
        return compare(dataset.dokumen[lama], dataset.dokumen[ident])

    def perbandingan(ident: str, bagian: str) -> str:
        """One part of a document's comparison: ``ringkasan`` or a key of
        :data:`iku_macros.web.plan.COMPARISON_HEADINGS`."""
        if bagian != "ringkasan" and bagian not in COMPARISON_HEADINGS:
            raise ValueError(f"bagian perbandingan tidak dikenal: {bagian}")
        p = hasil(ident)
        return render(
            f"perbandingan/{bagian}.html",
            p=p,
            ringkasan=ringkasan(p),
            link=halaman.link,
            indicator_url=indicator_url,
            document_url=document_url,
            jenis_dokumen=JENIS_DOKUMEN,
            jenis_indikator=JENIS_INDIKATOR,
            target=format_target,
            target_tahun=format_year_target,
            atribut=format_attribute,
            atribut_label=ATRIBUT_LABEL,
            perhitungan=format_perhitungan,
            bagian_label=BAGIAN_LABEL,
            induk=framework_name,
            unsur=_unsur_text,
        )

    return {"perbandingan": perbandingan}


def _unsur_text(item: UnsurKerangka) -> str:
    return f"{BAGIAN_LABEL[item.bagian]}: {item.nama}"
