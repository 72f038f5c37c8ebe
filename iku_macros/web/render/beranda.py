"""Beranda (home page): the answer first — for the latest year with data, one sentence saying how
many IKU met their target — then one card per IKU of the document in force that year, a short
explanation of the words the site uses, and which document and years the site covers.

Before any realisasi is reported the page says so once and shows the targets instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from iku_macros.compute.capaian import StatusCapaian
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.model import JenisIndikator
from iku_macros.report import Laporan, NilaiTahun
from iku_macros.web.plan import capaian_url, indicator_url
from iku_macros.web.render import Halaman, grafik, render
from iku_macros.web.render.indikator import (
    IndikatorTahun,
    dokumen_url,
    indikator_tahun,
    label_nilai_sendiri,
    rentang_tahun,
)

Status = StatusCapaian
"""How one IKU stands in one year: the same rule and words as the tables (compute.capaian)."""


def status_tahun(nilai: NilaiTahun) -> Status:
    """The IKU met its target when capaian is at least 100 %; a target of 0 (no capaian) is
    met by a realisasi that reaches it in the indicator's direction (see compute.capaian)."""
    return nilai.status


@dataclass(frozen=True)
class Jawaban:
    """The home page's answer for one year: every IKU of the document in force and its status."""

    tahun: int
    status: tuple[tuple[IndikatorTahun, Status], ...]

    def jumlah(self, status: Status) -> int:
        return sum(1 for _, s in self.status if s is status)

    def nama(self, status: Status) -> list[str]:
        return [x.indikator.nama for x, s in self.status if s is status]

    @property
    def kalimat(self) -> str:
        """``Tahun 2025: 3 dari 5 IKU mencapai target, 1 belum mencapai target, 1 belum
        dilaporkan.`` — the other groups only when not empty."""
        if not self.status:
            return f"Tahun {self.tahun}: dokumen yang berlaku tidak memuat IKU."
        parts = [f"{self.jumlah(Status.MENCAPAI)} dari {len(self.status)} IKU mencapai target"]
        parts += [
            f"{self.jumlah(s)} {s.value}"
            for s in (Status.BELUM_MENCAPAI, Status.BELUM_DILAPORKAN, Status.TANPA_TARGET)
            if self.jumlah(s)
        ]
        return f"Tahun {self.tahun}: " + ", ".join(parts) + "."


def jawaban(laporan: Laporan) -> Jawaban | None:
    """The answer for the latest year in which any IKU has a realisasi (None before any)."""
    tahun = laporan.tahun_terakhir_berdata
    if tahun is None:
        return None
    items = indikator_tahun(laporan, tahun, JenisIndikator.IKU)
    return Jawaban(tahun, tuple((x, status_tahun(x.nilai[tahun])) for x in items))


def card_year(laporan: Laporan) -> int | None:
    """The latest year with any IKU realisasi; without any, the latest year with a target."""
    if laporan.tahun_terakhir_berdata is not None:
        return laporan.tahun_terakhir_berdata
    with_target = [
        t for h in laporan.iku() for t, nilai in h.tahun.items() if nilai.target is not None
    ]
    return max(with_target, default=None)


def target_years(dokumen: DokumenTerbaca) -> list[int]:
    """The years the document's target tables have a column for."""
    return sorted({year for i in dokumen.indikator.values() for year in i.target})


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    grafik_tren = grafik.macros(laporan, halaman)["grafik_tren"]

    def tren(ident: str) -> Markup:
        # Our own SVG, built with every data text escaped: safe to insert as HTML.
        return Markup(grafik_tren(ident))

    def beranda() -> str:
        tahun = card_year(laporan)
        kini = laporan.dataset.dokumen_kini
        tahun_target = target_years(kini)
        answer = jawaban(laporan)
        kartu = [] if tahun is None else indikator_tahun(laporan, tahun, JenisIndikator.IKU)
        return render(
            "beranda.html",
            laporan=laporan,
            profil=laporan.dataset.profil,
            kini=kini,
            jumlah_dokumen=len(laporan.dataset.dokumen),
            tahun_target=(
                rentang_tahun(tahun_target)
                if tahun_target and tahun_target != list(kini.tahun_berlaku)
                else None
            ),
            tahun=tahun,
            tahun_capaian=laporan.tahun_laporan,
            jawaban=answer,
            kartu=kartu,
            status={x.indikator.id: s for x, s in answer.status} if answer else {},
            Status=Status,
            skala=[t.label for t in laporan.skala.tingkat],
            link=halaman.link,
            indicator_url=indicator_url,
            capaian_url=capaian_url,
            dokumen_url=dokumen_url,
            tren=tren,
            sendiri=label_nilai_sendiri,
        )

    return {"beranda": beranda}
