"""Fragments of the IKU document (Kata Pengantar, BAB I–V), Profil and Landasan Hukum, and
the list of the unit's documents.

Every list and table of the document comes from the data through one of these macros, so the
narrative Markdown never retypes a list. Row structures (which cell spans which rows) are worked
out here in plain Python and handed to the templates under ``templates/dokumen/``; the templates
only print, with every data value autoescaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from iku_macros.compute.numbers import MINUS, format_jumlah
from iku_macros.data.documents import DokumenTerbaca, covered_years
from iku_macros.data.loading import Dataset
from iku_macros.data.model import (
    Indikator,
    JenisDokumen,
    JenisIndikator,
    Kerangka,
    UnitOrganisasi,
    Wilayah,
)
from iku_macros.report import Laporan
from iku_macros.web.plan import (
    CHAPTER_LABELS,
    chapter_names,
    document_url,
    documents_in_order,
    iki_per_program,
    iki_program_url,
    iki_terpisah,
    predecessor,
)
from iku_macros.web.render import Halaman, render

KOSONG_TARGET = "-"
"""What the document prints for a target it lists as not set (null in the data)."""

TIDAK_TERCANTUM = "–"
"""Shown for a year the indicator's target table does not list at all."""


def indicator_path(ident: str) -> str:
    """Site-root path of an indicator's page."""
    return f"indikator/{ident}/"


def format_target(value: Decimal | None) -> str:
    """A target as the document prints it: ``85`` → "85", ``82.5`` → "82,5", ``1500`` →
    "1.500", ``-5`` → "−5" (the minus sign: the hyphen "-" means "not set"); decimals are kept
    as written in the data, never padded or rounded. The site's other pages print targets by
    the same rule (:func:`iku_macros.compute.numbers.format_tertulis`)."""
    if value is None:
        return KOSONG_TARGET
    if value == value.to_integral_value():
        value = value.to_integral_value()
    text = f"{abs(value):f}"
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = MINUS if value < 0 else ""
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


# --- row structures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sel:
    """A cell that spans ``rowspan`` rows; rows it covers carry ``None`` instead."""

    teks: str
    rowspan: int


@dataclass(frozen=True)
class BarisIku:
    """One row of the 7-column IKU table."""

    tujuan: Sel | None
    sasaran: Sel | None
    indikator: Indikator


@dataclass(frozen=True)
class BarisTarget:
    """One row of the IKU target table."""

    nomor: Sel | None
    sasaran: Sel | None
    indikator: Indikator
    target: list[str]


@dataclass(frozen=True)
class BarisIki:
    """One row of the individual (program) indicator table."""

    program: Sel | None
    indikator: Indikator


@dataclass(frozen=True)
class BarisTujuanSasaran:
    """One row of the BAB III.B table: one sasaran, or a tujuan without sasaran."""

    urusan: Sel | None
    tujuan: Sel | None
    indikator_tujuan: list[Indikator] | None
    sasaran: str | None


Kelompok = tuple[str, list[Indikator]]
"""A group cell's text and the indicators under it."""


def _spanned(groups: Iterable[Kelompok]) -> list[tuple[Sel | None, Indikator]]:
    """Each indicator with the group cell on the first row of its group only."""
    rows: list[tuple[Sel | None, Indikator]] = []
    for label, items in groups:
        for index, indikator in enumerate(items):
            rows.append((Sel(label, len(items)) if index == 0 else None, indikator))
    return rows


def _children(
    indikator: dict[str, Indikator], induk: str, jenis: JenisIndikator
) -> list[Indikator]:
    """Indicators under one parent, in document order (the dataset is already ordered)."""
    return [i for i in indikator.values() if i.induk == induk and i.jenis is jenis]


def iku_groups(
    kerangka: Kerangka, indikator: dict[str, Indikator]
) -> list[tuple[str, list[Kelompok]]]:
    """Per tujuan (with its IKU-table name): the groups of its IKU as (sasaran name, items);
    the tujuan's own indicators come first under an empty sasaran name, as in the document."""
    result = []
    for tujuan in kerangka.tujuan:
        groups: list[Kelompok] = []
        own = _children(indikator, tujuan.id, JenisIndikator.IKU)
        if own:
            groups.append(("", own))
        for sasaran in kerangka.sasaran:
            if sasaran.tujuan == tujuan.id:
                items = _children(indikator, sasaran.id, JenisIndikator.IKU)
                if items:
                    groups.append((sasaran.nama, items))
        if groups:
            result.append((tujuan.nama_tabel_iku or tujuan.nama, groups))
    return result


def iku_rows(kerangka: Kerangka, indikator: dict[str, Indikator]) -> list[BarisIku]:
    rows: list[BarisIku] = []
    for tujuan_nama, groups in iku_groups(kerangka, indikator):
        total = sum(len(items) for _, items in groups)
        for index, (sasaran, item) in enumerate(_spanned(groups)):
            tujuan = Sel(tujuan_nama, total) if index == 0 else None
            rows.append(BarisIku(tujuan, sasaran, item))
    return rows


def target_years(indikator: Iterable[Indikator]) -> list[int]:
    """The year columns of the target table: every year some listed IKU has a target entry."""
    return sorted({year for i in indikator for year in i.target})


def target_rows(
    kerangka: Kerangka, indikator: dict[str, Indikator]
) -> tuple[list[int], list[BarisTarget]]:
    """Year columns and rows of the target table: the IKU that have a target table entry
    (the document leaves out an IKU without targets), numbered per sasaran."""
    with_targets = {k: i for k, i in indikator.items() if i.target}
    years = target_years(i for i in with_targets.values() if i.jenis is JenisIndikator.IKU)
    rows: list[BarisTarget] = []
    number = 0
    for _, groups in iku_groups(kerangka, with_targets):
        for sasaran, items in groups:
            number += 1
            for index, item in enumerate(items):
                first = index == 0
                rows.append(
                    BarisTarget(
                        nomor=Sel(str(number), len(items)) if first else None,
                        sasaran=Sel(sasaran, len(items)) if first else None,
                        indikator=item,
                        target=[
                            format_target(item.target[y]) if y in item.target else TIDAK_TERCANTUM
                            for y in years
                        ],
                    )
                )
    return years, rows


def iki_rows(
    kerangka: Kerangka, indikator: dict[str, Indikator], program: str | None = None
) -> list[BarisIki]:
    """Program indicators under their program, in framework order; a program without
    indicators has no row (the table lists indicators). With ``program``, that program's rows
    only (its page, when the table is split per program)."""
    groups = [
        (item.nama, items)
        for item, items in iki_per_program(kerangka, indikator)
        if program is None or item.id == program
    ]
    return [BarisIki(cell, item) for cell, item in _spanned(groups)]


@dataclass(frozen=True)
class BarisProgramIki:
    """One program of a split BAB IV table: its name, how many indicators, its page."""

    nomor: int
    nama: str
    jumlah: int
    url: str
    """Site-root URL of the program's page."""


def iki_program_rows(document: DokumenTerbaca) -> list[BarisProgramIki]:
    """The per-program summary of a document's program indicators, in framework order."""
    return [
        BarisProgramIki(nomor, program.nama, len(items), iki_program_url(document.id, program.id))
        for nomor, (program, items) in enumerate(
            iki_per_program(document.kerangka, document.indikator), 1
        )
    ]


def tujuan_sasaran_rows(
    kerangka: Kerangka, indikator: dict[str, Indikator]
) -> list[BarisTujuanSasaran]:
    rows: list[BarisTujuanSasaran] = []
    for tujuan in kerangka.tujuan:
        sasaran = [s.nama for s in kerangka.sasaran if s.tujuan == tujuan.id] or [None]
        own = _children(indikator, tujuan.id, JenisIndikator.IKU)
        for index, nama in enumerate(sasaran):
            first = index == 0
            rows.append(
                BarisTujuanSasaran(
                    urusan=Sel(tujuan.urusan, len(sasaran)) if first else None,
                    tujuan=Sel(tujuan.nama, len(sasaran)) if first else None,
                    indikator_tujuan=own if first else None,
                    sasaran=nama,
                )
            )
    return rows


@dataclass(frozen=True)
class UnitTupoksi:
    unit: UnitOrganisasi
    tingkat: int
    """HTML heading level of the unit's title."""


def units_in_order(units: list[UnitOrganisasi]) -> list[tuple[UnitOrganisasi, int]]:
    """Units depth-first as the document lists them, each with its depth (0 = top level)."""
    children: dict[str | None, list[UnitOrganisasi]] = {}
    known = {u.id for u in units}
    for unit in units:
        parent = unit.induk if unit.induk in known else None
        children.setdefault(parent, []).append(unit)
    result: list[tuple[UnitOrganisasi, int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for unit in children.get(parent, []):
            result.append((unit, depth))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return result


def unit_title(unit: UnitOrganisasi) -> str:
    """'1. C A M A T', '2.1 Sub Bagian ...' — numbered as the document numbers them."""
    separator = " " if "." in unit.nomor else ". "
    return f"{unit.nomor}{separator}{unit.nama}"


# --- the list of documents --------------------------------------------------------------------

JENIS_DOKUMEN = {JenisDokumen.AWAL: "IKU awal", JenisDokumen.PERUBAHAN: "IKU Perubahan"}


@dataclass(frozen=True)
class Tautan:
    teks: str
    url: str
    """Site-root URL."""


@dataclass(frozen=True)
class BarisDokumen:
    """One document on the Dokumen IKU page."""

    dokumen: DokumenTerbaca
    jenis: str
    kini: bool
    tahun_berlaku: str | None
    """The years it is in force (``2022–2024``); None when later documents replace it in
    every year."""
    merevisi: DokumenTerbaca | None
    tautan: list[Tautan]
    """Its pages: the document, its chapters, its printable version, its comparison."""


def years_in_force(dataset: Dataset, ident: str) -> str | None:
    years = {year: found for year, found in dataset.berlaku.items() if found == ident}
    return covered_years(years) if years else None


def document_rows(dataset: Dataset) -> list[BarisDokumen]:
    """Every document, the current one first, then the others from the newest."""
    rows = []
    kini = dataset.dokumen_kini.id
    for document in documents_in_order(dataset):
        chapters = chapter_names(dataset.root, document)
        links = [Tautan("Halaman dokumen", document_url(document.id))]
        links += [Tautan(CHAPTER_LABELS[n], document_url(document.id, n)) for n in chapters]
        if chapters:
            links.append(Tautan("Versi cetak", document_url(document.id, "cetak")))
        lama = predecessor(dataset, document.id)
        if lama is not None:
            links.append(
                Tautan(
                    f"Perbandingan dengan {lama.label}", document_url(document.id, "perbandingan")
                )
            )
        merevisi = document.meta.merevisi
        rows.append(
            BarisDokumen(
                dokumen=document,
                jenis=JENIS_DOKUMEN[document.meta.jenis],
                kini=document.id == kini,
                tahun_berlaku=years_in_force(dataset, document.id),
                merevisi=dataset.dokumen.get(merevisi) if merevisi else None,
                tautan=links,
            )
        )
    return rows


# --- the macros -------------------------------------------------------------------------------


def macros(laporan: Laporan, halaman: Halaman) -> dict[str, Callable[..., str]]:
    dataset = laporan.dataset
    profil = dataset.profil

    def tautan_indikator(ident: str) -> str:
        return halaman.link(indicator_path(ident))

    def judul_dokumen() -> str:
        """Title block of the document: title, unit, period and kind (e.g. Perubahan)."""
        return render("dokumen/judul.html", profil=profil, dokumen=dataset.dokumen_kini.meta)

    def tanda_tangan() -> str:
        """Signature block under the Kata Pengantar."""
        return render("dokumen/tanda_tangan.html", dokumen=dataset.dokumen_kini.meta)

    def daftar(kelas: str, butir: list[str]) -> str:
        return render("dokumen/daftar.html", kelas=kelas, jenis="1", butir=butir)

    def daftar_landasan_hukum() -> str:
        """BAB I.C: the legal basis, numbered."""
        return daftar("iku-landasan-hukum", dataset.landasan_hukum.dasar_hukum)

    def daftar_syarat_kriteria() -> str:
        """BAB II.B: criteria of a good indicator, numbered."""
        return daftar("iku-syarat-kriteria", dataset.pengertian.syarat_kriteria)

    def daftar_pertimbangan() -> str:
        """BAB II.B: what to consider when choosing IKU, numbered."""
        return daftar("iku-pertimbangan", dataset.pengertian.pertimbangan)

    def wilayah() -> Wilayah:
        if dataset.wilayah is None:
            # `check` refuses a chapter calling these without wilayah.yaml; this is the backstop.
            raise ValueError("makro wilayah dipakai, tetapi folder data tidak memuat wilayah.yaml")
        return dataset.wilayah

    def gambaran_wilayah() -> str:
        """BAB III.A.1: the overview paragraph and the four borders."""
        return render("dokumen/wilayah.html", wilayah=wilayah())

    def jumlah_desa() -> str:
        """Number of desa/kelurahan, for a sentence such as 'terbagi menjadi 18 Desa'."""
        return str(len(wilayah().desa))

    def daftar_desa(awalan: str | None = None) -> str:
        """The desa, numbered, each printed with ``awalan`` ('Desa Bulu'); by default the word
        of wilayah.yaml's ``sebutan``, else of the unit's type ('Kelurahan Manguharjo')."""
        kata = dataset.sebutan_desa if awalan is None else awalan
        return render("dokumen/desa.html", desa=wilayah().desa, awalan=kata)

    def pembagian_wilayah() -> str:
        """A sentence with the number of desa (or kelurahan, RW...) and their numbered list."""
        desa = wilayah().desa
        return render(
            "dokumen/pembagian_wilayah.html",
            jumlah=len(desa),
            desa=desa,
            awalan=dataset.sebutan_desa,
        )

    def tupoksi(tingkat: int = 4) -> str:
        """Duties of every unit; unit titles are <h{tingkat}>, sub-units one level deeper."""
        units = [
            UnitTupoksi(unit, min(tingkat + depth, 6))
            for unit, depth in units_in_order(dataset.organisasi.unit)
        ]
        return render("dokumen/tupoksi.html", units=units, judul=unit_title)

    def struktur_organisasi() -> str:
        """BAB III.A.3: the organisation, sub-units lettered a, b, ... under their parent."""
        units = dataset.organisasi.unit
        known = {u.id for u in units}
        top = [u for u in units if u.induk not in known]
        anak = {u.id: [c for c in units if c.induk == u.id] for u in units}
        return render("dokumen/struktur.html", top=top, anak=anak)

    def tabel_tujuan_sasaran() -> str:
        """BAB III.B: URUSAN / TUJUAN OPD / INDIKATOR TUJUAN OPD / SASARAN OPD."""
        return render(
            "dokumen/tujuan_sasaran.html",
            rows=tujuan_sasaran_rows(dataset.kerangka, dataset.indikator),
            tautan=tautan_indikator,
            instansi=profil.instansi,
        )

    def tabel_identitas_iku(judul: str | None = None) -> str:
        """BAB IV: Instansi, Visi, Misi, Tujuan, Tujuan Pokok and the numbered Fungsi.
        ``judul`` replaces the caption (default: the document's title and the unit)."""
        return render(
            "dokumen/identitas.html", profil=profil, dokumen=dataset.dokumen_kini.meta, judul=judul
        )

    def tabel_iku() -> str:
        """BAB IV: the 7-column IKU table (tujuan, sasaran, indicator, definition, formula,
        source, person in charge)."""
        return render(
            "dokumen/iku.html",
            rows=iku_rows(dataset.kerangka, dataset.indikator),
            tautan=tautan_indikator,
            instansi=profil.instansi,
        )

    def tabel_target_iku() -> str:
        """BAB IV: targets per year of the IKU; year columns come from the targets."""
        years, rows = target_rows(dataset.kerangka, dataset.indikator)
        return render(
            "dokumen/target.html",
            years=years,
            rows=rows,
            tautan=tautan_indikator,
            instansi=profil.instansi,
        )

    def iki_table(rows: list[BarisIki]) -> str:
        return render(
            "dokumen/iki.html", rows=rows, tautan=tautan_indikator, instansi=profil.instansi
        )

    def tabel_iki() -> str:
        """BAB IV: TARGET INDIKATOR KINERJA INDIVIDU — program indicators by program. A document
        with more than :data:`~iku_macros.web.plan.IKI_RINCI_MAKS` of them gets one row per
        program instead, each linking to the program's page (:func:`tabel_iki_program`)."""
        document = dataset.dokumen_kini
        if not iki_terpisah(document):
            return iki_table(iki_rows(dataset.kerangka, dataset.indikator))
        rows = iki_program_rows(document)
        return render(
            "dokumen/iki_ringkas.html",
            rows=rows,
            jumlah_indikator=sum(r.jumlah for r in rows),
            jumlah=format_jumlah,
            link=halaman.link,
            instansi=profil.instansi,
        )

    def tabel_iki_program(program: str) -> str:
        """One program's rows of BAB IV's table, with its columns: the program's page when the
        table is split. Not a chapter macro: chapters call :func:`tabel_iki`."""
        rows = iki_rows(dataset.kerangka, dataset.indikator, program)
        if not rows:
            label = dataset.dokumen_kini.label
            raise ValueError(f"program tanpa indikator program di {label}: {program}")
        return iki_table(rows)

    def iki_program_pengantar(program: str) -> str:
        """The head of a program's page of BAB IV: how many indicators, which document, and
        where the rest of the table is."""
        document = dataset.dokumen_kini
        found = next((p for p in document.kerangka.program if p.id == program), None)
        if found is None:
            raise ValueError(f"program tidak dikenal di {document.label}: {program}")
        rows = iki_rows(document.kerangka, document.indikator, program)
        chapter = "bab-4" if "bab-4" in chapter_names(dataset.root, document) else "index"
        return render(
            "dokumen/iki_program_pengantar.html",
            program=found,
            sasaran=next((s for s in document.kerangka.sasaran if s.id == found.sasaran), None),
            jumlah=format_jumlah(len(rows)),
            dokumen=document,
            url_dokumen=halaman.link(document_url(document.id)),
            url_bab=halaman.link(document_url(document.id, chapter)),
            bab=chapter != "index",
        )

    def profil_instansi() -> str:
        """The unit, its region and its head (name, pangkat, NIP)."""
        return render("dokumen/profil.html", profil=profil)

    def daftar_dokumen() -> str:
        """The Dokumen IKU page: every document, what it is, when it is in force, its pages."""
        return render(
            "dokumen/daftar_dokumen.html",
            baris=document_rows(dataset),
            link=halaman.link,
            document_url=document_url,
        )

    def tautan_dokumen_kini() -> str:
        """A link to the current document, for a sentence ("... seperti tercantum dalam")."""
        kini = dataset.dokumen_kini
        return render(
            "dokumen/tautan_dokumen.html", dokumen=kini, url=halaman.link(document_url(kini.id))
        )

    return {
        "judul_dokumen": judul_dokumen,
        "tanda_tangan": tanda_tangan,
        "daftar_landasan_hukum": daftar_landasan_hukum,
        "daftar_syarat_kriteria": daftar_syarat_kriteria,
        "daftar_pertimbangan": daftar_pertimbangan,
        "gambaran_wilayah": gambaran_wilayah,
        "jumlah_desa": jumlah_desa,
        "daftar_desa": daftar_desa,
        "pembagian_wilayah": pembagian_wilayah,
        "tupoksi": tupoksi,
        "struktur_organisasi": struktur_organisasi,
        "tabel_tujuan_sasaran": tabel_tujuan_sasaran,
        "tabel_identitas_iku": tabel_identitas_iku,
        "tabel_iku": tabel_iku,
        "tabel_target_iku": tabel_target_iku,
        "tabel_iki": tabel_iki,
        "tabel_iki_program": tabel_iki_program,
        "iki_program_pengantar": iki_program_pengantar,
        "profil_instansi": profil_instansi,
        "daftar_dokumen": daftar_dokumen,
        "tautan_dokumen_kini": tautan_dokumen_kini,
    }
