"""Indicator pages: definition (and its earlier versions), how the site computes it, the year
table across the chain of documents, composite inputs; and the helpers other pages share to know
which document, and which version of an indicator, a year belongs to, and how its numbers and
missing values read.

Numbers, one rule each wherever they print (the filters below, also used by the capaian, IKM
and history pages): a target as the document writes it (``85``, ``82,5``), as in the document's
own tables; a realisasi in its satuan's decimals (two for persen and indeks; a ``nilai`` as it
is, so a count reads ``3``); capaian in percent with two decimals; counts as whole numbers; the
minus sign U+2212. Missing values are words or a dash in the cell, explained once per table by
its legend (:func:`keterangan`), never by the same sentence in every row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from iku_macros.compute.capaian import (
    ALASAN_TANPA_REALISASI,
    ALASAN_TANPA_TARGET,
    ALASAN_TANPA_TARGET_AKHIR,
    CapaianResult,
)
from iku_macros.compute.numbers import (
    format_jumlah,
    format_nilai,
    format_persen,
    format_selisih,
    format_tanggal,
    format_tertulis,
    to_fraction,
)
from iku_macros.compute.summary import arah_perubahan
from iku_macros.data.documents import DokumenTerbaca
from iku_macros.data.loading import Dataset
from iku_macros.data.model import (
    Indikator,
    JenisDokumen,
    JenisIndikator,
    Kerangka,
    PenilaianNilai,
    Polaritas,
)
from iku_macros.report import HasilIndikator, Laporan, NilaiTahun
from iku_macros.web.plan import (
    documents_in_order,
    iki_per_program,
    iki_program_url,
    iki_terpisah,
    ikm_url,
    indicator_url,
)
from iku_macros.web.render import Halaman, environment, render

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

TIDAK_TERCANTUM = "–"
"""A target the document's target table does not list (the en dash, as for any value that is
not there)."""
DITULIS_KOSONG = "-"
"""A target the document lists as '-' (not set): the hyphen it prints."""

LABEL_NILAI_SENDIRI = {
    PenilaianNilai.SAKIP: "Predikat SAKIP",
    PenilaianNilai.IKM: "Mutu pelayanan IKM",
}
"""The regulatory grade of a realised value, named so it is never read as the capaian's
predikat (a SAKIP letter or an IKM mutu grades the value; predikat capaian grades realisasi
against target)."""

CAPAIAN_SINGKAT = {
    ALASAN_TANPA_TARGET: "tanpa target",
    ALASAN_TANPA_TARGET_AKHIR: "tanpa target akhir",
    ALASAN_TANPA_REALISASI: "belum ada realisasi",
}
"""Why a capaian cell has no percentage, in the few words a cell holds."""

BELUM_LENGKAP = "belum lengkap"
"""A composite's realisasi while an input is missing; the legend names the inputs once."""


def capaian_singkat(hasil: CapaianResult) -> str:
    """A capaian cell without a percentage, in a few words: whether a target of 0 is met
    (``tercapai``), else why there is none (``tanpa target``, ``belum ada realisasi``)."""
    if hasil.nilai is None and hasil.tercapai_khusus is not None:
        return "tercapai" if hasil.tercapai_khusus else "belum tercapai"
    alasan = hasil.alasan or ""
    return CAPAIAN_SINGKAT.get(alasan, alasan)


def realisasi_singkat(nilai: NilaiTahun) -> str:
    """A realisasi cell without a value: its status, ``belum lengkap`` for a composite whose
    inputs are missing (named once, in the legend)."""
    return BELUM_LENGKAP if nilai.input_hilang else nilai.status_realisasi


def label_nilai_sendiri(indikator: Indikator) -> str | None:
    """What the grade of the realised value is called, if the indicator has one."""
    if indikator.penilaian_nilai is None:
        return None
    return LABEL_NILAI_SENDIRI[indikator.penilaian_nilai]


def ada_angka(hasil: HasilIndikator) -> bool:
    """Some year has a target or a realisasi: only then has the indicator a series to chart
    and tabulate (else one sentence says there is none yet)."""
    return any(n.target is not None or n.realisasi is not None for n in hasil.tahun.values())


@dataclass(frozen=True)
class Keterangan:
    """One line of a table's legend: a mark or word the table shows, and what it means."""

    tanda: str
    arti: str


def keterangan(
    nilai: Iterable[NilaiTahun],
    nama: Callable[[str], str],
    *,
    kosong_lain: bool = False,
    batas_atas: Fraction | None = None,
    kolom_target: bool = True,
    progres: bool = False,
) -> list[Keterangan]:
    """The legend of a table showing ``nilai`` (its rows): only the marks that occur in it,
    each explained once. ``kosong_lain``: a dash also stands in another column for a value
    that is not there (a predikat without capaian, a missing note); ``kolom_target``: the
    table shows the year's target; ``progres``: it shows capaian against the end-of-period
    target too."""
    rows = list(nilai)
    items: list[Keterangan] = []
    dash: list[str] = []
    if kolom_target and any(not v.target_tercantum for v in rows):
        dash.append("tidak tercantum di tabel target dokumen")
    if kosong_lain:
        dash.append("tidak ada nilai")
    if dash:
        where = ["di kolom target: ", "di kolom lain: "] if len(dash) == 2 else [""]
        text = "; ".join(w + d for w, d in zip(where, dash, strict=True))
        items.append(Keterangan(TIDAK_TERCANTUM, text))
    if kolom_target and any(v.target_tercantum and v.target is None for v in rows):
        items.append(Keterangan(DITULIS_KOSONG, "dokumen menulis “-”: target tidak ditetapkan"))
    missing: dict[tuple[str, ...], list[int]] = {}
    for v in rows:
        if v.input_hilang:
            missing.setdefault(v.input_hilang, []).append(v.tahun)
    if missing:
        groups = [
            f"{rentang_tahun(years)}: {'; '.join(nama(i) for i in inputs)}"
            for inputs, years in missing.items()
        ]
        items.append(
            Keterangan(
                BELUM_LENGKAP,
                "realisasi dihitung dengan rumus dari indikator lain, dan masukan ini belum "
                "ada — " + " · ".join(groups),
            )
        )
    results = [v.capaian for v in rows]
    if progres:
        results += [v.progres_akhir for v in rows if v.progres_akhir is not None]
    if any(c.nilai is None and c.tercapai_khusus is not None for c in results):
        items.append(
            Keterangan(
                "tercapai / belum tercapai",
                "target bernilai 0, sehingga persentase capaian tidak dapat dihitung "
                "(pembagian dengan nol); yang ditampilkan hanya apakah realisasi mencapai "
                "target",
            )
        )
    if batas_atas is not None and any(c.dibatasi for c in results):
        batas = format_persen(batas_atas)
        items.append(
            Keterangan("(dibatasi)", f"capaian di atas {batas} dicatat {batas} (batas atas)")
        )
    return items


FILTERS: dict[str, Callable[..., object]] = {
    "tertulis": format_tertulis,
    "nilai": format_nilai,
    "selisih": format_selisih,
    "persen": format_persen,
    "jumlah": format_jumlah,
    "tanggal": format_tanggal,
    "arah": arah_perubahan,
    "capaian_singkat": capaian_singkat,
    "realisasi_singkat": realisasi_singkat,
}
"""Number formats and cell words for templates (see the module docstring)."""

# The shared template environment gets this module's number formats: every page module imports
# this one (for its helpers) before it renders anything.
environment().filters.update(FILTERS)


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


def terakhir_dilaporkan(dataset: Dataset, hasil: HasilIndikator) -> NilaiTahun | None:
    """The latest year the indicator has a realisasi in, among the years it is an indicator:
    the answer an indicator page gives first."""
    reported = [
        b.nilai for b in baris_tahun(dataset, hasil) if b.diadopsi and b.nilai.realisasi is not None
    ]
    return reported[-1] if reported else None


@dataclass(frozen=True)
class TanpaAngka:
    """Why an indicator has neither a target nor a realisasi in any year, per document that
    adopts it."""

    dokumen: DokumenTerbaca
    tahun: tuple[int, ...]
    """Years the document is in force with the indicator."""
    ditulis_kosong: tuple[int, ...]
    """Years its target table lists with '-' (the rest it does not list)."""


def tanpa_angka(dataset: Dataset, hasil: HasilIndikator) -> list[TanpaAngka]:
    """For the sentence that replaces an empty table: each adopting document, its years, and
    the years it wrote '-' for."""
    ident = hasil.indikator.id
    years: dict[str, list[int]] = {}
    for year in tahun_diadopsi(dataset, ident):
        document = dokumen_tahun(dataset, year)
        assert document is not None  # tahun_diadopsi keeps only years with a document
        years.setdefault(document.id, []).append(year)
    return [
        TanpaAngka(
            dataset.dokumen[d],
            tuple(y),
            tuple(t for t in y if hasil.tahun[t].target_tercantum),
        )
        for d, y in years.items()
    ]


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


@dataclass(frozen=True)
class ProgramDaftar:
    """A program in the indicator list when its document details programs on their own pages:
    how many of its indicators the list stands for, and the program's page."""

    dokumen: DokumenTerbaca
    nama: str
    sasaran: str | None
    jumlah: int
    url: str
    """Site-root URL of the program's page of the document's BAB IV."""


def program_daftar(dokumen: DokumenTerbaca, only: set[str]) -> list[ProgramDaftar]:
    """The document's programs counting their program indicators among ``only``, in
    framework order; a program with none of them has no row."""
    sasaran = {s.id: s.nama for s in dokumen.kerangka.sasaran}
    rows = []
    for program, items in iki_per_program(dokumen.kerangka, dokumen.indikator):
        count = sum(1 for i in items if i.id in only)
        if count:
            rows.append(
                ProgramDaftar(
                    dokumen,
                    program.nama,
                    sasaran.get(program.sasaran) if program.sasaran else None,
                    count,
                    iki_program_url(dokumen.id, program.id),
                )
            )
    return rows


def daftar_lain(
    dataset: Dataset, lain: list[HasilIndikator]
) -> tuple[list[HasilIndikator], list[ProgramDaftar]]:
    """The indicators the current document does not hold, split in those listed one by one and
    program rows: a program indicator whose newest document details programs on their own pages
    (:func:`~iku_macros.web.plan.iki_terpisah`) is counted under that page, so the list stays
    bounded when a kabupaten's new plan renames its programs."""
    kini = dataset.dokumen_kini
    others = [d for d in documents_in_order(dataset) if d.id != kini.id]
    grouped: dict[str, set[str]] = {}
    listed = []
    for h in lain:
        ident = h.indikator.id
        home = next((d for d in others if ident in d.indikator), None)
        if (
            home is not None
            and home.indikator[ident].jenis is JenisIndikator.PROGRAM
            and iki_terpisah(home)
        ):
            grouped.setdefault(home.id, set()).add(ident)
        else:
            listed.append(h)
    rows = [
        row
        for document in others
        if document.id in grouped
        for row in program_daftar(document, grouped[document.id])
    ]
    return listed, rows


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
            "target_nol": any(n.target == 0 for n in hasil.tahun.values()),
            # Years with a survey of this indicator (a year may have surveys of others only).
            "tahun_survei": [t for t, survei in laporan.ikm if survei == ident],
            "nama": lambda other: laporan.indikator[other].indikator.nama,
            "singkat": lambda document: label_singkat(dataset, document),
            "rentang": rentang_tahun,
            "BUKAN_INDIKATOR": BUKAN_INDIKATOR,
            "TANPA_DOKUMEN": TANPA_DOKUMEN,
        }

    def indikator_ringkas(ident: str) -> str:
        hasil = laporan.indikator[ident]
        return render(
            "indikator/ringkas.html",
            sejak=indikator_sejak(dataset, ident),
            berakhir=indikator_berakhir(dataset, ident),
            terakhir=terakhir_dilaporkan(dataset, hasil),
            sendiri=label_nilai_sendiri(hasil.indikator),
            **context(ident),
        )

    def indikator_definisi(ident: str) -> str:
        return render(
            "indikator/definisi.html", versi=versi_definisi(dataset, ident), **context(ident)
        )

    def indikator_tabel_tahunan(ident: str) -> str:
        hasil = laporan.indikator[ident]
        baris = baris_tahun(dataset, hasil)
        shown = [b.nilai for b in baris if b.diadopsi]
        catatan = any(v.catatan for v in shown)
        bukti = any(v.bukti for v in shown)
        kosong_lain = any(
            v.predikat is None or (catatan and not v.catatan) or (bukti and not v.bukti)
            for v in shown
        )
        return render(
            "indikator/tabel_tahunan.html",
            baris=baris,
            target_akhir=target_akhir(dataset, ident),
            ada_angka=ada_angka(hasil),
            tanpa_angka=tanpa_angka(dataset, hasil),
            kolom_catatan=catatan,
            kolom_bukti=bukti,
            keterangan=keterangan(
                shown,
                lambda other: laporan.indikator[other].indikator.nama,
                kosong_lain=kosong_lain,
                batas_atas=laporan.batas_atas,
            ),
            versi=lambda tahun: dataset.versi(ident, tahun),
            sendiri=label_nilai_sendiri(hasil.indikator),
            **context(ident),
        )

    def indikator_masukan(ident: str) -> str:
        hasil = laporan.indikator[ident]
        years = sorted(hasil.tahun)

        def kosong(h: HasilIndikator) -> bool:
            return all(h.tahun[t].realisasi is None for t in years)

        return render(
            "indikator/masukan.html",
            kosong=kosong,
            satuan=lambda h, t: dataset.versi(h.indikator.id, t).satuan.value,
            **context(ident),
        )

    def indikator_dipakai_oleh(ident: str) -> str:
        users = [h for h in laporan.indikator.values() if ident in h.masukan]
        return render("indikator/dipakai_oleh.html", users=users, **context(ident))

    def daftar_indikator() -> str:
        """Every indicator, each linking to its page: the current document's IKU and program
        indicators, then the others. When the current document details its programs on their
        own pages (:func:`~iku_macros.web.plan.iki_terpisah`), program indicators are one row
        per program, linking to that page, so the list stays a page a phone opens."""
        kini = dataset.dokumen_kini
        lain = [h for ident, h in laporan.indikator.items() if ident not in kini.indikator]
        lain_satu, lain_program = daftar_lain(dataset, lain)
        program = indikator_kini(JenisIndikator.PROGRAM)
        ringkas = iki_terpisah(kini)
        return render(
            "indikator/daftar.html",
            laporan=laporan,
            kini=kini,
            iku=indikator_kini(JenisIndikator.IKU),
            program=[] if ringkas else program,
            jumlah_program=len(program),
            program_ringkas=(
                program_daftar(kini, {h.indikator.id for h in program}) if ringkas else []
            ),
            ada_lain=bool(lain),
            lain=lain_satu,
            lain_program=lain_program,
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
