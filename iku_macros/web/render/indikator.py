"""Indicator pages: definition (and its earlier versions), how the site computes it, the year
table across the chain of documents, composite inputs; and the helpers other pages share to know
which document, and which version of an indicator, a year belongs to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from iku_macros.compute.numbers import to_fraction
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.loading import Dataset
from iku_macros.data.model import Indikator, JenisDokumen, JenisIndikator, Kerangka, Polaritas
from iku_macros.report import HasilIndikator, Laporan, NilaiTahun
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
BUKAN_INDIKATOR = "bukan indikator dokumen yang berlaku"
TANPA_DOKUMEN = "tidak ada dokumen IKU yang berlaku"


def dokumen_url(ident: str) -> str:
    return f"dokumen/{ident}/"


def rentang_tahun(years: Iterable[int]) -> str:
    """Years as ranges for text: ``2020–2021``, ``2025``, ``2018–2020, 2022``."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def label_singkat(dataset: Dataset, dokumen: DokumenTerbaca) -> str:
    """A short name for tables and charts: ``IKU 2020–2024``, ``IKU Perubahan 2020–2024``; a
    period with several revisions adds the year each starts (``mulai 2023``)."""
    periode = dokumen.meta.periode
    if dokumen.meta.jenis is not JenisDokumen.PERUBAHAN:
        return f"IKU {periode.awal}–{periode.akhir}"
    label = f"IKU Perubahan {periode.awal}–{periode.akhir}"
    revisions = [
        d
        for d in dataset.dokumen.values()
        if d.meta.jenis is JenisDokumen.PERUBAHAN and d.meta.periode == periode
    ]
    return f"{label} (mulai {dokumen.meta.tahun_mulai})" if len(revisions) > 1 else label


def dokumen_tahun(dataset: Dataset, tahun: int) -> DokumenTerbaca | None:
    """The document whose targets the view uses in ``tahun`` (as the report does): in a
    document view that document within its period, else the one in force."""
    if dataset.fokus is not None:
        document = dataset.dokumen[dataset.fokus]
        return document if tahun in document.periode else None
    return dataset.dokumen_berlaku(tahun)


def tahun_diadopsi(dataset: Dataset, ident: str) -> list[int]:
    """The view's years in force under a document that adopts the indicator."""
    return [
        year
        for year in dataset.tahun
        if (document := dokumen_tahun(dataset, year)) is not None and ident in document.indikator
    ]


def target_akhir_dokumen(dokumen: DokumenTerbaca, ident: str) -> Fraction | None:
    """The indicator's target for the last year of the document's period (what progress in a
    year of that document is measured against)."""
    version = dokumen.indikator.get(ident)
    raw = version.target.get(dokumen.meta.periode.akhir) if version else None
    return None if raw is None else to_fraction(raw)


@dataclass(frozen=True)
class Peralihan:
    """A year the indicator joins or leaves the chain, and the document in force from then."""

    tahun: int
    dokumen: DokumenTerbaca | None


def indikator_sejak(dataset: Dataset, ident: str) -> Peralihan | None:
    """When a later document first adopts the indicator (None: it is there from the first
    year of the view, or never in force)."""
    adopted = tahun_diadopsi(dataset, ident)
    if not adopted or adopted[0] == dataset.tahun[0]:
        return None
    return Peralihan(adopted[0], dokumen_tahun(dataset, adopted[0]))


def indikator_berakhir(dataset: Dataset, ident: str) -> Peralihan | None:
    """The first year after its last year in force, when the view goes on without it."""
    adopted = tahun_diadopsi(dataset, ident)
    if not adopted or adopted[-1] == dataset.tahun[-1]:
        return None
    year = adopted[-1] + 1
    return Peralihan(year, dokumen_tahun(dataset, year))


@dataclass(frozen=True)
class VersiDefinisi:
    """One wording of an indicator, with the documents and years it applied to."""

    indikator: Indikator
    dokumen: tuple[DokumenTerbaca, ...]
    tahun: tuple[int, ...]


def _definition(indikator: Indikator) -> tuple[object, ...]:
    # What a reader would call "the definition": a change in any of these is a new version.
    return (
        indikator.nama,
        indikator.definisi_operasional,
        indikator.rumus_publikasi,
        indikator.perhitungan,
        indikator.satuan,
        indikator.polaritas,
    )


def versi_definisi(dataset: Dataset, ident: str) -> list[VersiDefinisi]:
    """The indicator's wordings in the order they applied, consecutive documents with the same
    wording as one version; the last one is the current."""
    versions: list[VersiDefinisi] = []
    for year in tahun_diadopsi(dataset, ident):
        document = dokumen_tahun(dataset, year)
        assert document is not None  # tahun_diadopsi keeps only years with a document
        indikator = document.indikator[ident]
        last = versions[-1] if versions else None
        continues = last is not None and last.tahun[-1] == year - 1
        if last and continues and _definition(last.indikator) == _definition(indikator):
            known = any(d.id == document.id for d in last.dokumen)
            dokumen = last.dokumen if known else (*last.dokumen, document)
            versions[-1] = VersiDefinisi(last.indikator, dokumen, (*last.tahun, year))
            continue
        versions.append(VersiDefinisi(indikator, (document,), (year,)))
    return versions


@dataclass(frozen=True)
class BarisTahun:
    """One year of an indicator's series: its numbers and the document in force."""

    tahun: int
    nilai: NilaiTahun
    dokumen: DokumenTerbaca | None
    diadopsi: bool
    """The document in force adopts the indicator (else the year has no target of its own)."""


def baris_tahun(dataset: Dataset, hasil: HasilIndikator) -> list[BarisTahun]:
    rows = []
    for year, nilai in sorted(hasil.tahun.items()):
        document = dataset.dokumen.get(nilai.dokumen) if nilai.dokumen else None
        adopted = document is not None and hasil.indikator.id in document.indikator
        rows.append(BarisTahun(year, nilai, document, adopted))
    return rows


@dataclass(frozen=True)
class TargetAkhir:
    dokumen: DokumenTerbaca
    tahun: tuple[int, ...]
    """Years the document was in force (with the indicator)."""
    target: Fraction | None


def target_akhir(dataset: Dataset, ident: str) -> list[TargetAkhir]:
    """Per document in force that adopts the indicator, its final-year target."""
    years: dict[str, list[int]] = {}
    for year in tahun_diadopsi(dataset, ident):
        document = dokumen_tahun(dataset, year)
        assert document is not None
        years.setdefault(document.id, []).append(year)
    return [
        TargetAkhir(dataset.dokumen[d], tuple(y), target_akhir_dokumen(dataset.dokumen[d], ident))
        for d, y in years.items()
    ]


@dataclass(frozen=True)
class IndikatorTahun:
    """An indicator as one year's document states it: its computed series and that version."""

    hasil: HasilIndikator
    indikator: Indikator

    @property
    def nilai(self) -> dict[int, NilaiTahun]:
        return self.hasil.tahun


def indikator_tahun(
    laporan: Laporan, tahun: int, jenis: str | JenisIndikator
) -> list[IndikatorTahun]:
    """The indicators of ``jenis`` in the document in force in ``tahun``, in that document's
    order and as it words them (a year outside every document has none)."""
    kind = JenisIndikator(jenis)
    document = dokumen_tahun(laporan.dataset, tahun)
    if document is None:
        return []
    return [
        IndikatorTahun(laporan.indikator[ident], version)
        for ident, version in document.indikator.items()
        if version.jenis is kind and ident in laporan.indikator
    ]


def parent_of(kerangka: Kerangka, indikator: Indikator) -> tuple[str, str]:
    """(kind label, name) of the indicator's tujuan, sasaran or program."""
    induk = indikator.induk
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
    dataset = laporan.dataset

    def context(ident: str) -> dict[str, object]:
        hasil = laporan.indikator[ident]
        return {
            "hasil": hasil,
            "i": hasil.indikator,
            "laporan": laporan,
            "induk": parent_of(dataset.kerangka, hasil.indikator),
            "jenis_label": JENIS_LABEL[hasil.indikator.jenis],
            "polaritas_label": POLARITAS_LABEL[hasil.indikator.polaritas],
            "POLARITAS_LABEL": POLARITAS_LABEL,
            "link": halaman.link,
            "indicator_url": indicator_url,
            "dokumen_url": dokumen_url,
            "ikm_url": ikm_url,
            "tahun": sorted(hasil.tahun),
            # Years with a survey of this indicator (a year may have surveys of others only).
            "tahun_survei": [t for t, survei in laporan.ikm if survei == ident],
            "nama": lambda other: laporan.indikator[other].indikator.nama,
            "singkat": lambda document: label_singkat(dataset, document),
            "rentang": rentang_tahun,
            "BUKAN_INDIKATOR": BUKAN_INDIKATOR,
            "TANPA_DOKUMEN": TANPA_DOKUMEN,
        }

    def indikator_ringkas(ident: str) -> str:
        return render(
            "indikator/ringkas.html",
            sejak=indikator_sejak(dataset, ident),
            berakhir=indikator_berakhir(dataset, ident),
            **context(ident),
        )

    def indikator_definisi(ident: str) -> str:
        return render(
            "indikator/definisi.html", versi=versi_definisi(dataset, ident), **context(ident)
        )

    def indikator_tabel_tahunan(ident: str) -> str:
        return render(
            "indikator/tabel_tahunan.html",
            baris=baris_tahun(dataset, laporan.indikator[ident]),
            target_akhir=target_akhir(dataset, ident),
            **context(ident),
        )

    def indikator_masukan(ident: str) -> str:
        return render("indikator/masukan.html", **context(ident))

    def indikator_dipakai_oleh(ident: str) -> str:
        users = [h for h in laporan.indikator.values() if ident in h.masukan]
        return render("indikator/dipakai_oleh.html", users=users, **context(ident))

    def daftar_indikator() -> str:
        kini = dataset.dokumen_kini
        lain = [h for ident, h in laporan.indikator.items() if ident not in kini.indikator]
        return render(
            "indikator/daftar.html",
            laporan=laporan,
            kini=kini,
            iku=indikator_kini(JenisIndikator.IKU),
            program=indikator_kini(JenisIndikator.PROGRAM),
            lain=lain,
            # Only ended ones (the usual case) are "earlier"; a snapshot also sees later ones.
            judul_lain=(
                "Indikator dokumen sebelumnya"
                if all(indikator_berakhir(dataset, h.indikator.id) for h in lain)
                else "Indikator dokumen lain"
            ),
            berakhir=lambda h: indikator_berakhir(dataset, h.indikator.id),
            sejak=lambda h: indikator_sejak(dataset, h.indikator.id),
            link=halaman.link,
            indicator_url=indicator_url,
            dokumen_url=dokumen_url,
            singkat=lambda document: label_singkat(dataset, document),
            parent_of=lambda h: parent_of(dataset.kerangka, h.indikator),
        )

    def indikator_kini(kind: JenisIndikator) -> list[HasilIndikator]:
        """The current document's indicators of ``kind``, in its order."""
        return [
            laporan.indikator[ident]
            for ident, version in dataset.dokumen_kini.indikator.items()
            if version.jenis is kind and ident in laporan.indikator
        ]

    return {
        "indikator_ringkas": indikator_ringkas,
        "indikator_definisi": indikator_definisi,
        "indikator_tabel_tahunan": indikator_tabel_tahunan,
        "indikator_masukan": indikator_masukan,
        "indikator_dipakai_oleh": indikator_dipakai_oleh,
        "daftar_indikator": daftar_indikator,
    }
