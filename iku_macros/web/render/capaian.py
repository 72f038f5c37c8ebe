"""Capaian tahun N pages: the LKjIP measurement table of the document in force that year,
comparisons and the year summary, whose counts are the table's rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from iku_macros.compute.capaian import StatusCapaian
from iku_macros.compute.summary import (
    Baris,
    KeadaanTahun,
    RingkasanTahun,
    kalimat_rata_rata,
    keadaan_tahun,
    summarize_year,
)
from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan
from iku_macros.web.plan import capaian_url, indicator_url, program_url
from iku_macros.web.render import Halaman, render
from iku_macros.web.render.indikator import (
    IndikatorTahun,
    dokumen_tahun,
    dokumen_url,
    indikator_tahun,
    keterangan,
    label_nilai_sendiri,
    parent_of,
    rentang_tahun,
    target_akhir_dokumen,
)


def ringkasan_tahun(laporan: Laporan, tahun: int) -> RingkasanTahun | None:
    """The summary of the year's IKU table: over exactly its rows, the IKU of the document in
    force (None when no document is in force, or it has no IKU)."""
    daftar = indikator_tahun(laporan, tahun, JenisIndikator.IKU)
    if not daftar:
        return None
    rows = [
        Baris(
            x.indikator.id,
            x.nilai[tahun].capaian.nilai,
            p.label if (p := x.nilai[tahun].predikat) else None,
        )
        for x in daftar
    ]
    return summarize_year(rows, laporan.skala)


def keadaan(laporan: Laporan, tahun: int) -> KeadaanTahun:
    """How many of the year's IKU met their target, and why the others did not (the same
    rows as :func:`ringkasan_tahun`)."""
    return keadaan_tahun(
        tahun,
        (x.nilai[tahun].status for x in indikator_tahun(laporan, tahun, JenisIndikator.IKU)),
    )


def mencapai_target(laporan: Laporan, tahun: int) -> int | None:
    """How many of the year's IKU met their target; None while none has a realisasi."""
    k = keadaan(laporan, tahun)
    if k.banyak(StatusCapaian.BELUM_DILAPORKAN) == k.jumlah:
        return None
    return k.banyak(StatusCapaian.MENCAPAI)


def ada_angka_tahun(daftar: list[IndikatorTahun], tahun: int) -> bool:
    """Some indicator of the table has a target or a realisasi in the year."""
    return any(
        x.nilai[tahun].target is not None or x.nilai[tahun].realisasi is not None for x in daftar
    )


def tahun_tanpa_capaian(laporan: Laporan) -> dict[str, list[int]]:
    """Per document, the years of its period in force that have no capaian page: its target
    tables have no column for them and nothing was reported (so the period and the pages
    differ, and the list page says why)."""
    dataset = laporan.dataset
    years: dict[str, list[int]] = {}
    for year in dataset.tahun:
        document = dokumen_tahun(dataset, year)
        if document is not None and year not in laporan.tahun_laporan:
            years.setdefault(document.id, []).append(year)
    return years


@dataclass(frozen=True)
class RingkasanProgram:
    """One program's indicators in one year, as a capaian page summarises them."""

    id: str
    nama: str
    jumlah: int
    status: dict[StatusCapaian, int]
    rata_rata: Fraction | None
    """Mean capaian over the indicators that have one (``terukur`` of them)."""
    terukur: int


def ringkasan_program(
    ident: str, nama: str, daftar: list[IndikatorTahun], tahun: int
) -> RingkasanProgram:
    values = [x.nilai[tahun] for x in daftar]
    status = Counter(v.status for v in values)
    measured = [v.capaian.nilai for v in values if v.capaian.nilai is not None]
    mean = sum(measured, Fraction(0)) / len(measured) if measured else None
    return RingkasanProgram(
        ident, nama, len(values), {s: status.get(s, 0) for s in StatusCapaian}, mean, len(measured)
    )


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    dataset = laporan.dataset

    def nama(ident: str) -> str:
        return laporan.indikator[ident].indikator.nama

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
            "sendiri": lambda x: label_nilai_sendiri(x.indikator),
            "satuan": lambda ident, t: dataset.versi(ident, t).satuan.value,
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
        ringkasan = ringkasan_tahun(laporan, tahun)
        daftar = indikator_tahun(laporan, tahun, JenisIndikator.IKU)
        return render(
            "capaian/ringkasan.html",
            ringkasan=ringkasan,
            rata_rata=kalimat_rata_rata(ringkasan) if ringkasan else None,
            keadaan=keadaan(laporan, tahun),
            dilaporkan=any(x.nilai[tahun].realisasi is not None for x in daftar),
            **base(tahun),
        )

    @cache
    def daftar_tahun(tahun: int, jenis: JenisIndikator) -> tuple[IndikatorTahun, ...]:
        # Once per year and kind: a kabupaten has a table per program and year.
        return tuple(indikator_tahun(laporan, tahun, jenis))

    def capaian_tabel(tahun: int, jenis: str, program: str | None = None) -> str:
        """The year's measurement table of ``jenis``; with ``program``, of its indicators only
        (a program's page)."""
        daftar = list(daftar_tahun(tahun, JenisIndikator(jenis)))
        if program is not None:
            daftar = [x for x in daftar if x.indikator.induk == program]
        rows = [x.nilai[tahun] for x in daftar]
        return render(
            "capaian/tabel.html",
            daftar=daftar,
            jenis=jenis,
            ada_angka=ada_angka_tahun(daftar, tahun),
            keterangan=keterangan(
                rows,
                nama,
                kosong_lain=any(v.predikat is None for v in rows),
                batas_atas=laporan.batas_atas,
            ),
            **base(tahun),
        )

    def capaian_perbandingan(tahun: int) -> str:
        daftar = indikator_tahun(laporan, tahun, JenisIndikator.IKU)
        rows = [v for x in daftar for t in (tahun - 1, tahun) if (v := x.nilai.get(t))]
        return render(
            "capaian/perbandingan.html",
            daftar=daftar,
            keterangan=keterangan(
                rows, nama, kolom_target=False, progres=True, batas_atas=laporan.batas_atas
            ),
            **base(tahun),
        )

    def daftar_capaian() -> str:
        return render(
            "capaian/daftar.html",
            laporan=laporan,
            link=halaman.link,
            capaian_url=capaian_url,
            dokumen_url=dokumen_url,
            dokumen_tahun=lambda tahun: dokumen_tahun(dataset, tahun),
            ringkasan=lambda tahun: ringkasan_tahun(laporan, tahun),
            mencapai=lambda tahun: mencapai_target(laporan, tahun),
            tanpa_capaian=tahun_tanpa_capaian(laporan),
            rentang=rentang_tahun,
        )

    def capaian_program_ringkas(tahun: int) -> str:
        """One row per program of the year's document: its indicators counted by status, and
        the mean capaian of those that have one, linking to the program's page."""
        dokumen = dokumen_tahun(dataset, tahun)
        daftar = indikator_tahun(laporan, tahun, JenisIndikator.PROGRAM)
        by_program: dict[str, list[IndikatorTahun]] = {}
        for x in daftar:
            by_program.setdefault(x.indikator.induk, []).append(x)
        rows = []
        for item in dokumen.kerangka.program if dokumen else ():
            mine = by_program.get(item.id)
            if mine:
                rows.append(ringkasan_program(item.id, item.nama, mine, tahun))
        return render(
            "capaian/program_ringkas.html",
            rows=rows,
            Status=StatusCapaian,
            program_url=program_url,
            **base(tahun),
        )

    def program_pengantar(ident: str) -> str:
        program = next(p for p in dataset.kerangka.program if p.id == ident)
        return render(
            "capaian/program_pengantar.html",
            program=program,
            sasaran=next((s for s in dataset.kerangka.sasaran if s.id == program.sasaran), None),
            laporan=laporan,
            link=halaman.link,
            capaian_url=capaian_url,
        )

    return {
        "capaian_program_ringkas": capaian_program_ringkas,
        "program_pengantar": program_pengantar,
        "capaian_pengantar": capaian_pengantar,
        "capaian_ringkasan": capaian_ringkasan,
        "capaian_tabel": capaian_tabel,
        "capaian_perbandingan": capaian_perbandingan,
        "daftar_capaian": daftar_capaian,
    }
